/**
 * The attempt loop on a fake clock with a scripted server: which answers are retried, how long
 * it waits, what it logs, and what it throws.
 */
import { type INode, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AdaptiveRateLimiter } from '../../../packages/shared/transport/adaptiveRateLimiter';
import { type AttemptResult, type RetryLoopOptions, sendWithRetries } from '../../../packages/shared/transport/retryLoop';
import { SERVICES, type ServiceName } from '../../services';
import { FakeClock } from './fakeClock';

const node: INode = { id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

const defaults: RetryLoopOptions = {
	idempotent: true,
	retryCreatesOnServerError: false,
	maxAttempts: 6,
	maxRateLimitRetries: 20,
	maxTotalWaitMs: 300_000,
	timeoutMs: 60_000,
	backoff: { baseMs: 1000, capMs: 30_000 },
	acceptStatuses: [],
};

const ok = (statusCode = 202, body: unknown = {}, headers: Record<string, string> = {}): AttemptResult => ({
	ok: true,
	response: { statusCode, headers, body },
});

/** Runs the loop against answers handed out in order; records when each attempt happened. */
async function run(
	answers: AttemptResult[],
	options: Partial<RetryLoopOptions> = {},
	service: ServiceName = 'commonRoom',
	extra: { signal?: AbortSignal; onClock?: (clock: FakeClock) => void } = {},
) {
	const clock = new FakeClock();
	extra.onClock?.(clock);
	const start = clock.now();
	const rate = SERVICES[service].rate;
	const limiter = new AdaptiveRateLimiter({
		intervalMs: rate.intervalMs,
		initialLimitPerInterval: rate.initialLimitPerInterval,
		initialLimitIsDocumented: rate.initialLimitIsDocumented,
		clock,
	});
	const attempts: number[] = [];
	const logs: Array<{ level: string; message: string }> = [];
	let outcome: { value?: unknown; error?: Error } | undefined;
	void sendWithRetries(
		{ ...defaults, ...options },
		{
			limiter,
			clock,
			random: () => 0.5,
			logger: {
				info: (message) => logs.push({ level: 'info', message }),
				warn: (message) => logs.push({ level: 'warn', message }),
				debug: (message) => logs.push({ level: 'debug', message }),
			},
			signal: extra.signal,
			errors: { node, service: SERVICES[service], method: 'POST', path: '/activities', itemIndex: 41, secrets: [] },
			host: 'api.example.com',
			attempt: async () => {
				attempts.push(clock.now() - start);
				const answer = answers.shift();
				if (!answer) throw new Error('no more scripted answers');
				return answer;
			},
		},
	).then(
		(value) => (outcome = { value }),
		(error: Error) => (outcome = { error }),
	);
	await clock.runUntil(() => outcome !== undefined, 3_600_000);
	return { outcome: outcome ?? {}, attempts, logs, limiter };
}

describe('sendWithRetries', () => {
	it('returns the first 2xx at once', async () => {
		const { outcome, attempts, logs } = await run([ok(202, { ok: true })]);
		expect(outcome.value).toEqual({ statusCode: 202, headers: {}, body: { ok: true } });
		expect(attempts).toEqual([0]);
		expect(logs).toEqual([]);
	});

	it("429: waits the server's time (Common Room waitMs), logs it, then succeeds", async () => {
		const { outcome, attempts, logs } = await run([
			ok(429, { reason: 'rate-limited', rateLimit: { waitMs: 1200 } }, { 'retry-after': 'Thu, 01 Jan 2026 00:00:02 GMT' }),
			ok(202),
		]);
		expect(outcome.value).toMatchObject({ statusCode: 202 });
		// 1200 ms + half of the 120 ms jitter span, then the paused bucket lets it through.
		expect(attempts[1]).toBeGreaterThanOrEqual(1260);
		expect(attempts[1]).toBeLessThan(1400);
		expect(logs).toContainEqual({ level: 'info', message: 'Common Room: 429, waiting 1.3 s (body rateLimit.waitMs) before attempt 2/6 (item 41)' });
	});

	it("429 from Team Common Ground: Retry-After seconds, even for a create", async () => {
		const { outcome, attempts } = await run(
			[ok(429, { code: 'RATE_LIMIT_EXCEEDED', retryAfter: 2 }, { 'retry-after': '2' }), ok(201, { status: 'success' })],
			{ idempotent: false },
			'teamCommonGround',
		);
		expect(outcome.value).toMatchObject({ statusCode: 201 });
		expect(attempts[1]).toBeGreaterThanOrEqual(2000);
		expect(attempts[1]).toBeLessThan(2200);
	});

	it('429 without any hint: exponential backoff with jitter', async () => {
		const { outcome, attempts } = await run([ok(429), ok(429), ok(429), ok(202)]);
		expect(outcome.value).toMatchObject({ statusCode: 202 });
		const gaps = attempts.slice(1).map((at, i) => at - attempts[i]);
		expect(gaps[0]).toBeGreaterThanOrEqual(750);
		expect(gaps[1]).toBeGreaterThanOrEqual(1500);
		expect(gaps[2]).toBeGreaterThanOrEqual(3000);
	});

	it('429s do not use up maxAttempts: eight 429s, then success', async () => {
		const { outcome, attempts, logs } = await run([...Array.from({ length: 8 }, () => ok(429, { reason: 'rate-limited', rateLimit: { waitMs: 100 } })), ok(202)]);
		expect(outcome.value).toMatchObject({ statusCode: 202 });
		expect(attempts).toHaveLength(9);
		// The budget shown grows with each 429 before the answer: never "attempt 9/6".
		expect(logs.filter((l) => l.level === 'info').map((l) => l.message.replace(/.* before /, ''))).toEqual(
			Array.from({ length: 8 }, (_, i) => `attempt ${i + 2}/${6 + i} (item 41)`),
		);
	});

	it('429 on every attempt: gives up after maxRateLimitRetries (20) retries with a clear error', async () => {
		const { outcome, attempts } = await run(Array.from({ length: 21 }, () => ok(429, { reason: 'rate-limited', rateLimit: { waitMs: 100 } })));
		expect(attempts).toHaveLength(21);
		expect(outcome.error).toBeInstanceOf(NodeApiError);
		expect(outcome.error?.message).toContain('gave up');
		expect((outcome.error as NodeApiError).description).toContain('Still rate-limited after 21 attempts');
		expect((outcome.error as NodeApiError).httpCode).toBe('429');
	});

	it('429 storm: the total-wait cap still bounds it, before the 429 cap', async () => {
		// Each 429 asks for 60 s: the fifth wait would pass the 5 min total.
		const { outcome, attempts } = await run(Array.from({ length: 21 }, () => ok(429, { retryAfter: 60 }, { 'retry-after': '60' })), {}, 'teamCommonGround');
		expect(attempts).toHaveLength(5);
		expect((outcome.error as NodeApiError).description).toMatch(/would pass the 5 min this request may wait in total/);
	});

	it('5xx keep their own cap of maxAttempts (6), whatever the 429s before them', async () => {
		const answers = [...Array.from({ length: 10 }, () => ok(429, { rateLimit: { waitMs: 100 } })), ...Array.from({ length: 6 }, () => ok(503)), ok(202)];
		const { outcome, attempts, logs } = await run(answers, { backoff: { baseMs: 10, capMs: 100 } });
		expect(attempts).toHaveLength(16);
		expect(outcome.error?.message).toMatch(/503/);
		expect(logs.filter((l) => l.level === 'warn').map((l) => l.message.replace(/.* before /, ''))).toEqual(
			Array.from({ length: 5 }, (_, i) => `attempt ${i + 12}/16 (item 41)`),
		);
	});

	it('5xx do not use up the 429 cap: five 503s, then twenty 429s, then success', async () => {
		const answers = [...Array.from({ length: 5 }, () => ok(503)), ...Array.from({ length: 20 }, () => ok(429, { rateLimit: { waitMs: 100 } })), ok(202)];
		const { outcome, attempts } = await run(answers, { backoff: { baseMs: 10, capMs: 100 } });
		expect(outcome.value).toMatchObject({ statusCode: 202 });
		expect(attempts).toHaveLength(26);
	});

	it('maxRateLimitRetries 0: a 429 is not retried', async () => {
		const { outcome, attempts } = await run([ok(429, { rateLimit: { waitMs: 100 } }), ok(202)], { maxRateLimitRetries: 0 });
		expect(attempts).toHaveLength(1);
		expect((outcome.error as NodeApiError).httpCode).toBe('429');
	});

	it('429 asking for longer than the total wait allows: fails at once, saying so', async () => {
		const { outcome, attempts } = await run([ok(429, { retryAfter: 3600 })], { maxTotalWaitMs: 60_000 }, 'teamCommonGround');
		expect(attempts).toHaveLength(1);
		expect((outcome.error as NodeApiError).description).toContain('asked to wait 60 min');
	});

	it('5xx on an idempotent request: retried with backoff', async () => {
		const { outcome, attempts, logs } = await run([ok(503, { status: 'failure' }), ok(502), ok(202)]);
		expect(outcome.value).toMatchObject({ statusCode: 202 });
		expect(attempts).toHaveLength(3);
		expect(logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
			'Common Room: HTTP 503, waiting 0.8 s before attempt 2/6 (item 41)',
			'Common Room: HTTP 502, waiting 1.5 s before attempt 3/6 (item 41)',
		]);
	});

	it('5xx on a create: not re-sent; the error says it may or may not have been created', async () => {
		const { outcome, attempts } = await run([ok(500, { code: 'INTERNAL_ERROR' }), ok(201)], { idempotent: false }, 'teamCommonGround');
		expect(attempts).toHaveLength(1);
		expect(outcome.error?.message).toBe('Team Common Ground answered with a server error (HTTP 500): this item may or may not have been created');
	});

	it('5xx on a create with "Retry Creates After Server Errors (May Create Duplicates)": re-sent', async () => {
		const { outcome, attempts } = await run([ok(500), ok(201)], { idempotent: false, retryCreatesOnServerError: true }, 'teamCommonGround');
		expect(outcome.value).toMatchObject({ statusCode: 201 });
		expect(attempts).toHaveLength(2);
	});

	it('timeout on a create: not re-sent', async () => {
		const { outcome, attempts } = await run([{ ok: false, failure: 'timeout', code: 'ECONNABORTED' }, ok(201)], { idempotent: false, timeoutMs: 300 }, 'teamCommonGround');
		expect(attempts).toHaveLength(1);
		expect(outcome.error?.message).toBe('Team Common Ground did not answer within 0.3 s: this item may or may not have been created');
	});

	it('timeout and reset on an upsert: re-sent', async () => {
		const { outcome, attempts, logs } = await run([
			{ ok: false, failure: 'timeout', code: 'ECONNABORTED' },
			{ ok: false, failure: 'reset', code: 'ECONNRESET' },
			ok(202),
		]);
		expect(outcome.value).toMatchObject({ statusCode: 202 });
		expect(attempts).toHaveLength(3);
		expect(logs[0].message).toBe('Common Room: no answer before the timeout, waiting 0.8 s before attempt 2/6 (item 41)');
	});

	it('connection refused on a create: re-sent (nothing was sent)', async () => {
		const { outcome, attempts } = await run([{ ok: false, failure: 'refused', code: 'ECONNREFUSED' }, ok(201)], { idempotent: false }, 'teamCommonGround');
		expect(outcome.value).toMatchObject({ statusCode: 201 });
		expect(attempts).toHaveLength(2);
	});

	it('connection refused every time: a network error after maxAttempts', async () => {
		const { outcome, attempts } = await run(Array.from({ length: 3 }, () => ({ ok: false as const, failure: 'refused' as const, code: 'ECONNREFUSED' })), { maxAttempts: 3 });
		expect(attempts).toHaveLength(3);
		expect(outcome.error?.message).toBe('Could not connect to Common Room at api.example.com');
		expect((outcome.error as NodeApiError).description).toContain('after 3 attempts');
	});

	it('4xx other than 429: never retried', async () => {
		const { outcome, attempts } = await run([ok(400, { reason: 'invalid-request-body' }), ok(202)]);
		expect(attempts).toHaveLength(1);
		expect(outcome.error?.message).toBe('Common Room rejected the request: invalid-request-body');
	});

	it('acceptStatuses: handed back, not thrown', async () => {
		const { outcome } = await run([ok(404, { status: 'not-found' })], { acceptStatuses: [404] });
		expect(outcome.value).toMatchObject({ statusCode: 404 });
	});

	it('a cancelled execution stops waiting with a NodeOperationError', async () => {
		const controller = new AbortController();
		const { outcome, attempts } = await run([ok(429, { retryAfter: 30 }), ok(201)], {}, 'teamCommonGround', {
			signal: controller.signal,
			onClock: (clock) => void clock.sleep(5000).then(() => controller.abort()),
		});
		expect(attempts).toHaveLength(1);
		expect(outcome.error).toBeInstanceOf(NodeOperationError);
		expect(outcome.error?.message).toBe('The request to Team Common Ground was cancelled');
	});

	it('feeds every answer to the limiter: a 429 slows the shared rate', async () => {
		const { limiter } = await run([ok(429, { rateLimit: { waitMs: 10 } }), ok(202)]);
		expect(limiter.snapshot().ratePerSecond).toBeLessThan(20);
	});
});
