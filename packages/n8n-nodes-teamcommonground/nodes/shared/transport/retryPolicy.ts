// Generated from packages/shared/transport/retryPolicy.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
/**
 * What to do after one attempt: a pure decision table, so every row can be unit-tested.
 *
 * The rule that matters most: a request that may have reached the server is only sent again
 * when sending it twice is harmless (`idempotent`: reads, Common Room upserts keyed by id,
 * deletes) or when the user explicitly accepted duplicates (`retryCreatesOnServerError`). A
 * connection that was refused never carried the request, so it is safe to retry for anything.
 */

/** How a request failed without an HTTP answer. */
export type NetworkFailure =
	/** Nothing was sent: the connection was refused or the host was unreachable. */
	| 'refused'
	/** Nothing was sent: the name server did not answer (temporary). */
	| 'dns-temporary'
	/** Nothing was sent: the host name does not exist (a setup problem, not retried). */
	| 'dns-not-found'
	/** The request may have reached the server: no answer within the timeout. */
	| 'timeout'
	/** The request may have reached the server: the connection dropped before the answer. */
	| 'reset'
	/** The execution was cancelled by the user. */
	| 'cancelled'
	/** TLS/certificate problem: a setup problem, not retried. */
	| 'tls'
	/** n8n's outbound policy (SSRF protection, allowed domains) blocked the request. */
	| 'blocked'
	/** Anything else: treated as "may have reached the server". */
	| 'other';

const REFUSED_CODES = new Set([
	'ECONNREFUSED',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
	'EADDRNOTAVAIL',
	// undici's connect timeout fires before the TCP connection exists, so nothing was sent.
	'UND_ERR_CONNECT_TIMEOUT',
]);
// ETIMEDOUT can also be an OS-level connect timeout, but axios uses it for response timeouts
// (transitional.clarifyTimeoutError) and we cannot tell the two apart: assume the worst.
const TIMEOUT_CODES = new Set([
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
]);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE']);
const CANCELLED_CODES = new Set(['ERR_CANCELED', 'ABORT_ERR']);
const DNS_TEMPORARY_CODES = new Set(['EAI_AGAIN']);
const DNS_NOT_FOUND_CODES = new Set(['ENOTFOUND']);
const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/i;

/** Classifies a transport error from its code (axios/Node `error.code`), name and message. */
export function classifyNetworkError(code: string | undefined, name = '', message = ''): NetworkFailure {
	const upper = (code ?? '').toUpperCase();
	if (CANCELLED_CODES.has(upper) || name === 'CanceledError' || name === 'AbortError') return 'cancelled';
	if (REFUSED_CODES.has(upper)) return 'refused';
	if (DNS_TEMPORARY_CODES.has(upper)) return 'dns-temporary';
	if (DNS_NOT_FOUND_CODES.has(upper)) return 'dns-not-found';
	if (TIMEOUT_CODES.has(upper)) return 'timeout';
	if (RESET_CODES.has(upper)) return 'reset';
	if (upper !== '' && TLS_CODE.test(upper)) return 'tls';
	if (/ssrf|blocked|not allowed|allowed domains/i.test(`${name} ${message}`)) return 'blocked';
	if (/socket hang up|terminated/i.test(message)) return 'reset';
	if (/timeout/i.test(message)) return 'timeout';
	return 'other';
}

/** True when the request cannot have reached the server. */
export function wasNotSent(failure: NetworkFailure): boolean {
	return failure === 'refused' || failure === 'dns-temporary' || failure === 'dns-not-found';
}

export type AttemptOutcome =
	| { kind: 'status'; status: number }
	| { kind: 'network'; failure: NetworkFailure };

export interface RetryQuestion {
	outcome: AttemptOutcome;
	idempotent: boolean;
	retryCreatesOnServerError: boolean;
	/** 1-based number of the attempt that just finished, 429s included. */
	attempt: number;
	/** How many of the attempts so far (this one included) were answered 429. */
	rateLimited: number;
	/** Attempts that were not answered 429, the first included (5xx, network failures). */
	maxAttempts: number;
	/** Retries after a 429, on top of maxAttempts. */
	maxRateLimitRetries: number;
}

export type RetryReason = 'rate-limited' | 'server-error' | 'not-sent' | 'answer-lost';

export type StopReason =
	/** 2xx/3xx: nothing to retry. */
	| 'success'
	/** 4xx other than 429: the request itself is wrong; sending it again gives the same answer. */
	| 'client-error'
	/** Retryable, but the attempts are used up. */
	| 'attempts-exhausted'
	/** 5xx/timeout/reset on a request that must not be sent twice (it may have been applied). */
	| 'may-have-been-applied'
	/** Setup problems and cancellation: retrying cannot help. */
	| 'not-retryable';

export type RetryDecision = { retry: true; reason: RetryReason } | { retry: false; reason: StopReason };

/** 501 Not Implemented and 505 HTTP Version Not Supported will not change on a second try. */
const PERMANENT_SERVER_STATUSES = new Set([501, 505]);

/**
 * The two caps are separate on purpose: a 429 means the server processed nothing and said when
 * to come back, so under a storm of them (another workflow sharing the key, a burst) an item
 * should keep its place and wait rather than fail after a handful; the total-wait cap still
 * bounds it. Server errors and lost connections say something may be wrong, so they keep the
 * small cap. Neither kind uses up the other's.
 */
export function decideRetry(question: RetryQuestion): RetryDecision {
	const { outcome, idempotent, retryCreatesOnServerError, attempt, rateLimited, maxAttempts, maxRateLimitRetries } = question;
	const safeToRepeat = idempotent || retryCreatesOnServerError;
	const isRateLimited = outcome.kind === 'status' && outcome.status === 429;
	const attemptsLeft = isRateLimited ? rateLimited <= maxRateLimitRetries : attempt - rateLimited < maxAttempts;

	let wanted: RetryReason;
	if (outcome.kind === 'status') {
		const { status } = outcome;
		if (status < 400) return { retry: false, reason: 'success' };
		if (status === 429) {
			// The server refused to process it, so it was not applied: always safe.
			wanted = 'rate-limited';
		} else if (status < 500) {
			return { retry: false, reason: 'client-error' };
		} else if (PERMANENT_SERVER_STATUSES.has(status)) {
			return { retry: false, reason: 'not-retryable' };
		} else if (!safeToRepeat) {
			return { retry: false, reason: 'may-have-been-applied' };
		} else {
			wanted = 'server-error';
		}
	} else {
		const { failure } = outcome;
		if (failure === 'cancelled' || failure === 'tls' || failure === 'blocked' || failure === 'dns-not-found') {
			return { retry: false, reason: 'not-retryable' };
		}
		if (wasNotSent(failure)) {
			wanted = 'not-sent';
		} else if (!safeToRepeat) {
			return { retry: false, reason: 'may-have-been-applied' };
		} else {
			wanted = 'answer-lost';
		}
	}
	return attemptsLeft ? { retry: true, reason: wanted } : { retry: false, reason: 'attempts-exhausted' };
}

export interface BackoffOptions {
	baseMs: number;
	capMs: number;
}

/**
 * Exponential backoff with "equal jitter": half the step fixed, half random, so callers that
 * failed together do not come back together, yet nobody retries almost at once.
 */
export function backoffMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
	const step = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * The server's own wait plus a little jitter (10 % of it, at least 50 ms, at most 1 s), so the
 * callers it turned away do not all come back in the same millisecond.
 */
export function withJitter(waitMs: number, random: () => number = Math.random): number {
	const span = Math.min(1000, Math.max(50, waitMs * 0.1));
	return Math.round(Math.max(0, waitMs) + span * random());
}
