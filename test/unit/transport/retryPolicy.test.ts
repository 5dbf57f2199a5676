import {
	type AttemptOutcome,
	type NetworkFailure,
	backoffMs,
	classifyNetworkError,
	decideRetry,
	withJitter,
} from '../../../packages/shared/transport/retryPolicy';

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
	const is429 = (outcome: AttemptOutcome) => outcome.kind === 'status' && outcome.status === 429;
	/** `attempt` attempts so far, all of the same kind as `outcome` unless `rateLimited` says how many were 429s. */
	const ask = (outcome: AttemptOutcome, idempotent: boolean, attempt = 1, retryCreatesOnServerError = false, rateLimited = is429(outcome) ? attempt : 0) =>
		decideRetry({ outcome, idempotent, retryCreatesOnServerError, attempt, rateLimited, maxAttempts: 6, maxRateLimitRetries: 20 });

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

	it('5xx and network failures: stop once maxAttempts (6) attempts are used up', () => {
		expect(ask(status(503), true, 5)).toEqual({ retry: true, reason: 'server-error' });
		expect(ask(status(503), true, 6)).toEqual({ retry: false, reason: 'attempts-exhausted' });
		expect(ask(network('refused'), false, 6)).toEqual({ retry: false, reason: 'attempts-exhausted' });
		expect(ask(network('timeout'), true, 6)).toEqual({ retry: false, reason: 'attempts-exhausted' });
	});

	it('429s have their own cap (maxRateLimitRetries, 20): a sixth 429 is still retried', () => {
		expect(ask(status(429), false, 6)).toEqual({ retry: true, reason: 'rate-limited' });
		expect(ask(status(429), false, 20)).toEqual({ retry: true, reason: 'rate-limited' });
		// 21 attempts, 21 of them 429: 20 retries done, the cap is reached.
		expect(ask(status(429), false, 21)).toEqual({ retry: false, reason: 'attempts-exhausted' });
	});

	// [what, outcome, attempts so far, 429s among them, expected]
	const mixed: Array<[string, AttemptOutcome, number, number, string]> = [
		['503 after ten 429s: 1 of its 6 attempts used', status(503), 11, 10, 'retry:server-error'],
		['503 after five 503s and ten 429s: its 6 attempts used', status(503), 16, 10, 'stop:attempts-exhausted'],
		['refused after five failures and three 429s', network('refused'), 9, 3, 'stop:attempts-exhausted'],
		['429 after five 503s: the 503s do not use up the 429 cap', status(429), 6, 1, 'retry:rate-limited'],
		['429 after five 503s and nineteen 429s: 20th 429 retry', status(429), 25, 20, 'retry:rate-limited'],
		['429 after five 503s and twenty 429s: cap reached', status(429), 26, 21, 'stop:attempts-exhausted'],
	];
	it.each(mixed)('neither cap uses up the other: %s', (_label, outcome, attempt, rateLimited, expected) => {
		const decision = ask(outcome, true, attempt, false, rateLimited);
		expect(`${decision.retry ? 'retry' : 'stop'}:${decision.reason}`).toBe(expected);
	});

	it('never retries with maxAttempts 1 and maxRateLimitRetries 0', () => {
		const question = { idempotent: true, retryCreatesOnServerError: true, attempt: 1, maxAttempts: 1, maxRateLimitRetries: 0 };
		expect(decideRetry({ ...question, outcome: status(429), rateLimited: 1 }).retry).toBe(false);
		expect(decideRetry({ ...question, outcome: status(503), rateLimited: 0 }).retry).toBe(false);
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
