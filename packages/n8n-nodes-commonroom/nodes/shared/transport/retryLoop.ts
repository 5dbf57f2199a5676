// Generated from packages/shared/transport/retryLoop.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
/**
 * The attempt loop behind apiRequest: wait for the limiter, send, read the answer, decide,
 * wait, repeat. It knows nothing about n8n's context: `attempt()` sends one request and the
 * clock, randomness and logger are injected, so the whole loop (limiter included) runs on a fake
 * clock in unit tests and simulations.
 */
import type { AdaptiveRateLimiter, Clock, Ticket } from './adaptiveRateLimiter';
import { type ErrorContext, operationError, seconds } from './errors';
import { errorFromResponse } from './responseErrors';
import { readRateLimitSignals } from './rateLimitSignals';
import { mayHaveBeenCreatedError, networkError, rateLimitedError } from './retryErrors';
import { type BackoffOptions, type NetworkFailure, backoffMs, decideRetry, withJitter } from './retryPolicy';

export interface AttemptResponse {
	statusCode: number;
	/** Lower-cased names. */
	headers: Record<string, string>;
	body: unknown;
}

export type AttemptResult =
	| { ok: true; response: AttemptResponse }
	| { ok: false; failure: NetworkFailure; code?: string; detail?: string };

export interface RetryLoopOptions {
	idempotent: boolean;
	retryCreatesOnServerError: boolean;
	/** Attempts not answered 429, the first included (see decideRetry). */
	maxAttempts: number;
	/** Retries after 429s, not counted in maxAttempts. */
	maxRateLimitRetries: number;
	maxTotalWaitMs: number;
	timeoutMs: number;
	backoff: BackoffOptions;
	acceptStatuses: number[];
	/** Awaited once, right before the first attempt is sent; an error it throws stops the request. */
	beforeSend?: () => Promise<void>;
}

/** The part of n8n's Logger we use. */
export interface RetryLogger {
	info(message: string): void;
	warn(message: string): void;
	debug(message: string): void;
}

export interface RetryLoopDeps {
	limiter: AdaptiveRateLimiter;
	clock: Clock;
	random: () => number;
	logger: RetryLogger;
	/** The execution's cancel signal: stops waiting when the user stops the workflow. */
	signal?: AbortSignal;
	errors: ErrorContext;
	/** host[:port] for network error messages. */
	host: string;
	attempt(): Promise<AttemptResult>;
}

/** Waits longer than this are worth a log line. */
const LOG_WAITS_FROM_MS = 1000;

const FAILURE_WORDS: Record<NetworkFailure, string> = {
	refused: 'connection refused (nothing was sent)',
	'dns-temporary': 'DNS lookup failed (nothing was sent)',
	'dns-not-found': 'host not found',
	timeout: 'no answer before the timeout',
	reset: 'connection dropped before the answer',
	cancelled: 'cancelled',
	tls: 'TLS error',
	blocked: 'blocked by n8n',
	other: 'request failed',
};

export async function sendWithRetries(options: RetryLoopOptions, deps: RetryLoopDeps): Promise<AttemptResponse> {
	const { limiter, clock, random, logger, signal, errors } = deps;
	const name = errors.service.displayName;
	const item = errors.itemIndex === undefined ? '' : ` (item ${errors.itemIndex})`;
	const maxAttempts = Math.max(1, Math.floor(options.maxAttempts));
	const maxRateLimitRetries = Math.max(0, Math.floor(options.maxRateLimitRetries));
	let waitedMs = 0;
	/** Attempts answered 429 so far. */
	let rateLimited = 0;

	const pause = async (ms: number): Promise<void> => {
		try {
			await clock.sleep(ms, signal);
		} catch {
			throw operationError(errors, `The request to ${name} was cancelled`, 'The execution was stopped while waiting to retry.');
		}
		waitedMs += ms;
	};

	for (let attempt = 1; ; attempt++) {
		const expectedWait = limiter.estimateWaitMs();
		if (expectedWait >= LOG_WAITS_FROM_MS) {
			logger.debug(`${name}: waiting about ${seconds(expectedWait)} for the rate limit${item}`);
		}
		let ticket: Ticket;
		try {
			ticket = await limiter.acquire(signal);
		} catch {
			throw operationError(errors, `The request to ${name} was cancelled`, 'The execution was stopped while waiting for the rate limit.');
		}

		// The caller's last step before the request can reach the server (recording a create it
		// must not repeat): after the limiter's wait, so nothing queued is marked as sent.
		if (attempt === 1 && options.beforeSend) await options.beforeSend();
		const result = await deps.attempt();
		// "attempt n/m": m is maxAttempts plus the 429s before this answer, which do not use it up
		// (they have their own cap), so a 429 storm does not read as "attempt 9/6".
		const next = `attempt ${attempt + 1}/${maxAttempts + rateLimited}${item}`;

		if (!result.ok) {
			const decision = decideRetry({
				outcome: { kind: 'network', failure: result.failure },
				idempotent: options.idempotent,
				retryCreatesOnServerError: options.retryCreatesOnServerError,
				attempt,
				rateLimited,
				maxAttempts,
				maxRateLimitRetries,
			});
			const problem = {
				failure: result.failure,
				code: result.code,
				detail: result.detail,
				timeoutMs: options.timeoutMs,
				attempts: attempt,
				host: deps.host,
			};
			if (!decision.retry) {
				if (decision.reason === 'may-have-been-applied') {
					throw mayHaveBeenCreatedError(errors, { failure: result.failure, timeoutMs: options.timeoutMs });
				}
				throw networkError(errors, problem);
			}
			const wait = backoffMs(attempt, options.backoff, random);
			if (waitedMs + wait > options.maxTotalWaitMs) throw networkError(errors, problem);
			logger.warn(`${name}: ${FAILURE_WORDS[result.failure]}, waiting ${seconds(wait)} before ${next}`);
			await pause(wait);
			continue;
		}

		const { response } = result;
		const status = response.statusCode;
		const signals = readRateLimitSignals(response.headers, response.body, clock.now());
		const adjustment = limiter.observe(ticket, { status, ...signals });
		if (adjustment?.learnedLimitPerInterval !== undefined) {
			logger.debug(`${name}: rate limit is ${adjustment.learnedLimitPerInterval} per interval; pacing at ${adjustment.ratePerSecond.toFixed(2)}/s`);
		} else if (adjustment?.decreasedBecause) {
			const why = adjustment.decreasedBecause === '429' ? 'a 429' : 'X-RateLimit-Remaining running low';
			logger.debug(`${name}: slowing to ${adjustment.ratePerSecond.toFixed(2)} requests/s after ${why}`);
		}

		if (status < 400 || options.acceptStatuses.includes(status)) return response;
		if (status === 429) rateLimited++;

		const decision = decideRetry({
			outcome: { kind: 'status', status },
			idempotent: options.idempotent,
			retryCreatesOnServerError: options.retryCreatesOnServerError,
			attempt,
			rateLimited,
			maxAttempts,
			maxRateLimitRetries,
		});
		if (!decision.retry) {
			if (decision.reason === 'may-have-been-applied') {
				throw mayHaveBeenCreatedError(errors, { status, body: response.body });
			}
			if (status === 429) {
				throw rateLimitedError(errors, {
					attempts: attempt,
					waitedMs,
					maxTotalWaitMs: options.maxTotalWaitMs,
					body: response.body,
				});
			}
			throw errorFromResponse(errors, response, attempt);
		}

		// The server's own wait when it gave one (429, or a 503 with Retry-After), else backoff.
		const wait =
			signals.waitMs !== undefined
				? Math.max(withJitter(signals.waitMs, random), status === 429 ? 0 : backoffMs(attempt, options.backoff, random))
				: backoffMs(attempt, options.backoff, random);
		if (waitedMs + wait > options.maxTotalWaitMs) {
			if (status === 429) {
				throw rateLimitedError(errors, {
					attempts: attempt,
					waitedMs,
					maxTotalWaitMs: options.maxTotalWaitMs,
					nextWaitMs: wait,
					body: response.body,
				});
			}
			throw errorFromResponse(errors, response, attempt);
		}
		const source = signals.waitSource ? ` (${signals.waitSource})` : '';
		if (status === 429) {
			logger.info(`${name}: 429, waiting ${seconds(wait)}${source} before ${next}`);
		} else {
			logger.warn(`${name}: HTTP ${status}, waiting ${seconds(wait)} before ${next}`);
		}
		await pause(wait);
	}
}
