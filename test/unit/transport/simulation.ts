/**
 * A discrete-event simulation of the benchmark scenarios, on the fake clock: workers push items
 * through the real retry loop and limiter; a simulated server with its own token bucket answers
 * after a random latency, shaped like the emulator's Common Room / Team Common Ground answers.
 */
import type { INode } from 'n8n-workflow';

import { AdaptiveRateLimiter } from '../../../packages/shared/transport/adaptiveRateLimiter';
import { SERVICES, type ServiceName } from '../../services';
import { type AttemptResult, sendWithRetries } from '../../../packages/shared/transport/retryLoop';
import { FakeClock, seededRandom } from './fakeClock';

export interface ServerModel {
	/** Requests per interval the server allows. */
	limit: number;
	intervalMs: number;
	/** Bucket size; defaults to `limit` (as the emulator). */
	capacity?: number;
	/** X-RateLimit-* headers (and Retry-After, waitMs) on answers. */
	headers: boolean;
	/** Common Room's 429 body carries rateLimit.intervalLimit even without headers (emulator). */
	bodyLimit: boolean;
	/** Round-trip latency: base ± spread, uniformly, in ms. */
	latencyMs: number;
	latencySpreadMs: number;
}

export interface Execution {
	items: number;
	workers: number;
	/** Which n8n process runs it (queue mode: a worker); each process has its own limiter. Default 0. */
	process?: number;
	/** Completion times of this execution's items. */
	completions: number[];
	errors: string[];
}

export interface SimulationResult {
	start: number;
	end: number;
	executions: Execution[];
	server429s: number;
	serverAccepted: number[];
	/** Times of the 429s the server answered. */
	server429Times: number[];
	/** Process 0's limiter (the only one unless executions name other processes). */
	limiter: AdaptiveRateLimiter;
	/** One limiter per process, by process number. */
	limiters: Map<number, AdaptiveRateLimiter>;
}

export async function simulate(options: {
	service: ServiceName;
	server: ServerModel;
	executions: Array<{ items: number; workers: number; process?: number }>;
	seed?: number;
	limitMs?: number;
	limiter?: AdaptiveRateLimiter;
	clock?: FakeClock;
}): Promise<SimulationResult> {
	const clock = options.clock ?? new FakeClock();
	const random = seededRandom(options.seed ?? 42);
	const service = SERVICES[options.service];
	const newLimiter = (): AdaptiveRateLimiter =>
		new AdaptiveRateLimiter({
			intervalMs: service.rate.intervalMs,
			initialLimitPerInterval: service.rate.initialLimitPerInterval,
			initialLimitIsDocumented: service.rate.initialLimitIsDocumented,
			clock,
			random,
		});
	// As the limiter registry does within one process; queue mode's workers each have their own.
	const limiters = new Map<number, AdaptiveRateLimiter>([[0, options.limiter ?? newLimiter()]]);
	const limiterOf = (process = 0): AdaptiveRateLimiter => {
		let limiter = limiters.get(process);
		if (!limiter) limiters.set(process, (limiter = newLimiter()));
		return limiter;
	};
	const { server } = options;
	const capacity = server.capacity ?? server.limit;
	const refillPerMs = server.limit / server.intervalMs;
	let tokens = capacity;
	let refilledAt = clock.now();
	const server429Times: number[] = [];
	const serverAccepted: number[] = [];

	const answer = (): AttemptResult => {
		const now = clock.now();
		tokens = Math.min(capacity, tokens + (now - refilledAt) * refillPerMs);
		refilledAt = now;
		const limitHeaders = (remaining: number): Record<string, string> =>
			server.headers ? { 'x-ratelimit-limit': String(server.limit), 'x-ratelimit-remaining': String(remaining) } : {};
		if (tokens >= 1) {
			tokens -= 1;
			serverAccepted.push(now);
			return { ok: true, response: { statusCode: 202, headers: limitHeaders(Math.floor(tokens)), body: {} } };
		}
		server429Times.push(now);
		const waitMs = Math.max(1, Math.ceil((1 - tokens) / refillPerMs));
		if (options.service === 'commonRoom') {
			const rateLimit: Record<string, number> = {};
			if (server.bodyLimit) Object.assign(rateLimit, { intervalLimit: server.limit, intervalRemaining: 0, intervalResetSeconds: server.intervalMs / 1000 });
			const headers: Record<string, string> = limitHeaders(0);
			if (server.headers) {
				rateLimit.waitMs = waitMs;
				headers['retry-after'] = new Date(now + waitMs).toISOString();
				headers['x-ratelimit-reset'] = String(Math.ceil((now + waitMs) / 1000));
			}
			return { ok: true, response: { statusCode: 429, headers, body: { reason: 'rate-limited', rateLimit } } };
		}
		const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
		return {
			ok: true,
			response: server.headers
				? { statusCode: 429, headers: { ...limitHeaders(0), 'retry-after': String(retryAfter) }, body: { code: 'RATE_LIMIT_EXCEEDED', retryAfter } }
				: { statusCode: 429, headers: {}, body: { code: 'RATE_LIMIT_EXCEEDED' } },
		};
	};

	const attempt = async (): Promise<AttemptResult> => {
		const latency = server.latencyMs - server.latencySpreadMs + random() * 2 * server.latencySpreadMs;
		await clock.sleep(latency / 2);
		const result = answer();
		await clock.sleep(latency / 2);
		return result;
	};

	const node = { name: 'Sim', type: 'sim', typeVersion: 1, position: [0, 0], parameters: {}, id: 'sim' } as INode;
	const silent = { info: () => undefined, warn: () => undefined, debug: () => undefined };
	const start = clock.now();
	const executions: Execution[] = options.executions.map((spec) => ({ ...spec, completions: [], errors: [] }));
	let running = 0;

	for (const execution of executions) {
		const limiter = limiterOf(execution.process);
		let next = 0;
		const worker = async (): Promise<void> => {
			while (next < execution.items) {
				const itemIndex = next++;
				try {
					await sendWithRetries(
						{
							idempotent: true,
							retryCreatesOnServerError: false,
							maxAttempts: 6,
							maxRateLimitRetries: 20,
							maxTotalWaitMs: 300_000,
							timeoutMs: 60_000,
							backoff: { baseMs: 1000, capMs: 30_000 },
							acceptStatuses: [],
						},
						{
							limiter,
							clock,
							random,
							logger: silent,
							errors: { node, service, method: 'POST', path: '/x', itemIndex, secrets: [] },
							host: 'sim',
							attempt,
						},
					);
					execution.completions.push(clock.now());
				} catch (error) {
					execution.errors.push((error as Error).message);
				}
			}
		};
		for (let w = 0; w < Math.min(execution.workers, execution.items); w++) {
			running++;
			void worker().finally(() => running--);
		}
	}
	await clock.runUntil(() => running === 0, options.limitMs ?? 600_000);
	const allCompletions = executions.flatMap((e) => e.completions);
	return {
		start,
		end: Math.max(start, ...allCompletions),
		executions,
		server429s: server429Times.length,
		serverAccepted,
		server429Times,
		limiter: limiterOf(0),
		limiters,
	};
}

/** Completions per second in [from, to) (ms after start). */
export function rateBetween(times: number[], start: number, fromMs: number, toMs: number): number {
	const count = times.filter((t) => t - start >= fromMs && t - start < toMs).length;
	return count / ((toMs - fromMs) / 1000);
}
