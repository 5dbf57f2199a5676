import {
	type AttemptOutcome,
	type NetworkFailure,
	backoffMs,
	classifyNetworkError,
	decideRetry,
	withJitter,
} from '../../../nodes/shared/transport/retryPolicy';

describe('classifyNetworkError', () => {
	it.each([
		['ECONNREFUSED', '', 'connect ECONNREFUSED 127.0.0.1:1', 'refused'],
		['EHOSTUNREACH', '', '', 'refused'],
		['ENETUNREACH', '', '', 'refused'],
		['UND_ERR_CONNECT_TIMEOUT', '', '', 'refused'],
		['EAI_AGAIN', '', '', 'dns-temporary'],
		['ENOTFOUND', '', 'getaddrinfo ENOTFOUND x.invalid', 'dns-not-found'],
		['ECONNABORTED', 'AxiosError', 'timeout of 300ms exceeded', 'timeout'],
		['ETIMEDOUT', '', '', 'timeout'],
		['ECONNRESET', 'AxiosError', 'socket hang up', 'reset'],
		['EPIPE', '', '', 'reset'],
		['ERR_CANCELED', 'CanceledError', 'canceled', 'cancelled'],
		['DEPTH_ZERO_SELF_SIGNED_CERT', '', '', 'tls'],
		['UNABLE_TO_VERIFY_LEAF_SIGNATURE', '', '', 'tls'],
		[undefined, 'SsrfBlockedIpError', 'The request was blocked', 'blocked'],
		[undefined, 'Error', 'socket hang up', 'reset'],
		[undefined, 'Error', 'something odd', 'other'],
	])('%s / %s / %s → %s', (code, name, message, expected) => {
		expect(classifyNetworkError(code, name, message)).toBe(expected);
	});
});

describe('decideRetry: the decision table', () => {
	const status = (value: number): AttemptOutcome => ({ kind: 'status', status: value });
	const network = (failure: NetworkFailure): AttemptOutcome => ({
		kind: 'network',
		failure,
	});
	const ask = (outcome: AttemptOutcome, idempotent: boolean, attempt = 1, retryCreatesOnServerError = false) =>
		decideRetry({ outcome, idempotent, retryCreatesOnServerError, attempt, maxAttempts: 6 });

	// [outcome, idempotent, retryCreates, expected]
	const table: Array<[string, AttemptOutcome, boolean, boolean, string]> = [
		['200', status(200), false, false, 'stop:success'],
		['202', status(202), true, false, 'stop:success'],
		['429 create', status(429), false, false, 'retry:rate-limited'],
		['429 upsert', status(429), true, false, 'retry:rate-limited'],
		['400 upsert', status(400), true, false, 'stop:client-error'],
		['401', status(401), true, true, 'stop:client-error'],
		['403', status(403), true, false, 'stop:client-error'],
		['404', status(404), true, false, 'stop:client-error'],
		['408', status(408), true, false, 'stop:client-error'],
		['500 upsert', status(500), true, false, 'retry:server-error'],
		['502 GET', status(502), true, false, 'retry:server-error'],
		['503 create', status(503), false, false, 'stop:may-have-been-applied'],
		['500 create, user accepts duplicates', status(500), false, true, 'retry:server-error'],
		['501', status(501), true, false, 'stop:not-retryable'],
		['refused create', network('refused'), false, false, 'retry:not-sent'],
		['dns-temporary create', network('dns-temporary'), false, false, 'retry:not-sent'],
		['timeout create', network('timeout'), false, false, 'stop:may-have-been-applied'],
		['reset create', network('reset'), false, false, 'stop:may-have-been-applied'],
		['other create', network('other'), false, false, 'stop:may-have-been-applied'],
		['timeout upsert', network('timeout'), true, false, 'retry:answer-lost'],
		['reset upsert', network('reset'), true, false, 'retry:answer-lost'],
		['timeout create, user accepts duplicates', network('timeout'), false, true, 'retry:answer-lost'],
		['dns-not-found', network('dns-not-found'), true, false, 'stop:not-retryable'],
		['tls', network('tls'), true, false, 'stop:not-retryable'],
		['blocked', network('blocked'), true, false, 'stop:not-retryable'],
		['cancelled', network('cancelled'), true, true, 'stop:not-retryable'],
	];

	it.each(table)('%s', (_label, outcome, idempotent, retryCreates, expected) => {
		const decision = ask(outcome, idempotent, 1, retryCreates);
		expect(`${decision.retry ? 'retry' : 'stop'}:${decision.reason}`).toBe(expected);
	});

	it('stops retryable outcomes once the attempts are used up', () => {
		expect(ask(status(429), false, 5)).toEqual({ retry: true, reason: 'rate-limited' });
		expect(ask(status(429), false, 6)).toEqual({ retry: false, reason: 'attempts-exhausted' });
		expect(ask(status(503), true, 6)).toEqual({ retry: false, reason: 'attempts-exhausted' });
		expect(ask(network('refused'), false, 6)).toEqual({ retry: false, reason: 'attempts-exhausted' });
	});

	it('never retries with maxAttempts 1', () => {
		expect(decideRetry({ outcome: status(429), idempotent: true, retryCreatesOnServerError: true, attempt: 1, maxAttempts: 1 }).retry).toBe(false);
	});
});

describe('backoff and jitter', () => {
	const options = { baseMs: 1000, capMs: 30_000 };

	it('doubles per attempt with equal jitter, within [step/2, step]', () => {
		expect(backoffMs(1, options, () => 0)).toBe(500);
		expect(backoffMs(1, options, () => 1)).toBe(1000);
		expect(backoffMs(2, options, () => 0)).toBe(1000);
		expect(backoffMs(3, options, () => 1)).toBe(4000);
	});

	it('is capped', () => {
		expect(backoffMs(20, options, () => 1)).toBe(30_000);
	});

	it("adds at most 10% (at least 50 ms, at most 1 s) to the server's wait", () => {
		expect(withJitter(2000, () => 0)).toBe(2000);
		expect(withJitter(2000, () => 1)).toBe(2200);
		expect(withJitter(0, () => 1)).toBe(50);
		expect(withJitter(60_000, () => 1)).toBe(61_000);
	});
});
