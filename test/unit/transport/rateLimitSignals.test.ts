import {
	normaliseHeaders,
	parseHeaderNumber,
	parseHttpOrIsoDate,
	parseRateLimitReset,
	parseRetryAfter,
	readRateLimitSignals,
} from '../../../packages/shared/transport/rateLimitSignals';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0); // 2026-01-01T12:00:00.000Z

describe('normaliseHeaders', () => {
	it('lower-cases names and joins arrays, skipping functions and empties', () => {
		const headers = normaliseHeaders({
			'X-RateLimit-Limit': 20,
			'Set-Cookie': ['a=1', 'b=2'],
			'retry-after': '3',
			empty: undefined,
			toJSON: () => ({}),
		});
		expect(headers).toEqual({ 'x-ratelimit-limit': '20', 'set-cookie': 'a=1, b=2', 'retry-after': '3' });
	});

	it('returns an empty map for anything that is not an object', () => {
		expect(normaliseHeaders(undefined)).toEqual({});
		expect(normaliseHeaders('x')).toEqual({});
	});
});

describe('parseHeaderNumber', () => {
	it.each([
		['20', 20],
		[' 7 ', 7],
		['20, 20;w=1', 20],
		['1.5', 1.5],
		['abc', undefined],
		['', undefined],
		[undefined, undefined],
	])('%p → %p', (value, expected) => {
		expect(parseHeaderNumber(value)).toBe(expected);
	});
});

describe('parseRetryAfter', () => {
	it('reads delta-seconds (Team Common Ground)', () => {
		expect(parseRetryAfter('60', NOW)).toBe(60_000);
		expect(parseRetryAfter('0', NOW)).toBe(0);
		expect(parseRetryAfter(' 2 ', NOW)).toBe(2000);
		expect(parseRetryAfter('1.5', NOW)).toBe(1500);
	});

	it('reads an ISO 8601 UTC date-time (Common Room), with and without milliseconds', () => {
		expect(parseRetryAfter('2026-01-01T12:00:01.250Z', NOW)).toBe(1250);
		expect(parseRetryAfter('2026-01-01T12:00:05Z', NOW)).toBe(5000);
	});

	it('reads an ISO date-time without offset as UTC, not local time', () => {
		expect(parseRetryAfter('2026-01-01T12:00:02', NOW)).toBe(2000);
		expect(parseRetryAfter('2026-01-01 12:00:02', NOW)).toBe(2000);
	});

	it('honours an explicit offset', () => {
		expect(parseRetryAfter('2026-01-01T13:00:03+01:00', NOW)).toBe(3000);
		expect(parseRetryAfter('2026-01-01T07:00:03-0500', NOW)).toBe(3000);
	});

	it('reads an HTTP-date (IMF-fixdate)', () => {
		expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:04 GMT', NOW)).toBe(4000);
	});

	it('turns a date in the past into 0 and rejects garbage', () => {
		expect(parseRetryAfter('2025-12-31T23:59:59Z', NOW)).toBe(0);
		expect(parseRetryAfter('soon', NOW)).toBeUndefined();
		expect(parseRetryAfter('', NOW)).toBeUndefined();
		expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
		expect(parseRetryAfter('-5', NOW)).toBeUndefined();
	});
});

describe('parseHttpOrIsoDate', () => {
	it('never takes a bare number for a date', () => {
		expect(parseHttpOrIsoDate('1767268800')).toBeUndefined();
	});
});

describe('parseRateLimitReset', () => {
	it('reads epoch seconds (Common Room)', () => {
		expect(parseRateLimitReset(String(NOW / 1000 + 2), NOW)).toBe(2000);
	});

	it('reads epoch milliseconds', () => {
		expect(parseRateLimitReset(String(NOW + 750), NOW)).toBe(750);
	});

	it('reads small numbers as seconds from now', () => {
		expect(parseRateLimitReset('30', NOW)).toBe(30_000);
	});

	it('turns a past reset into 0 and ignores garbage', () => {
		expect(parseRateLimitReset(String(NOW / 1000 - 10), NOW)).toBe(0);
		expect(parseRateLimitReset('x', NOW)).toBeUndefined();
	});
});

describe('readRateLimitSignals', () => {
	it("reads Common Room's 429: headers and body, preferring the precise waitMs", () => {
		const signals = readRateLimitSignals(
			{
				'x-ratelimit-limit': '20',
				'x-ratelimit-remaining': '0',
				'x-ratelimit-reset': String(NOW / 1000 + 1),
				'retry-after': '2026-01-01T12:00:00.040Z',
			},
			{ reason: 'rate-limited', rateLimit: { intervalLimit: 20, intervalRemaining: 0, intervalResetSeconds: 1, waitMs: 37 } },
			NOW,
		);
		expect(signals).toEqual({ limit: 20, remaining: 0, intervalMs: 1000, waitMs: 37, waitSource: 'body rateLimit.waitMs' });
	});

	it("falls back to Common Room's Retry-After date, then X-RateLimit-Reset", () => {
		expect(readRateLimitSignals({ 'retry-after': '2026-01-01T12:00:00.500Z' }, {}, NOW)).toEqual({
			waitMs: 500,
			waitSource: 'Retry-After',
		});
		expect(readRateLimitSignals({ 'x-ratelimit-reset': String(NOW / 1000 + 3) }, {}, NOW)).toEqual({
			waitMs: 3000,
			waitSource: 'X-RateLimit-Reset',
		});
	});

	it("learns the limit from Common Room's body when headers are off", () => {
		const signals = readRateLimitSignals(
			{},
			{ reason: 'rate-limited', rateLimit: { intervalLimit: 10, intervalRemaining: 0, intervalResetSeconds: 1 } },
			NOW,
		);
		expect(signals).toEqual({ limit: 10, remaining: 0, intervalMs: 1000 });
	});

	it("reads Team Common Ground's 429: Retry-After seconds and body retryAfter", () => {
		expect(
			readRateLimitSignals(
				{ 'x-ratelimit-limit': '120', 'x-ratelimit-remaining': '0', 'retry-after': '1' },
				{ error: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED', retryAfter: 1 },
				NOW,
			),
		).toEqual({ limit: 120, remaining: 0, waitMs: 1000, waitSource: 'Retry-After' });
		expect(readRateLimitSignals({}, { code: 'RATE_LIMIT_EXCEEDED', retryAfter: 60 }, NOW)).toEqual({
			waitMs: 60_000,
			waitSource: 'body retryAfter',
		});
	});

	it('reads Limit/Remaining on a normal answer and accepts a JSON string body', () => {
		expect(readRateLimitSignals({ 'x-ratelimit-limit': '120', 'x-ratelimit-remaining': '118' }, '', NOW)).toEqual({
			limit: 120,
			remaining: 118,
		});
		expect(readRateLimitSignals({}, '{"retryAfter": 2}', NOW)).toEqual({ waitMs: 2000, waitSource: 'body retryAfter' });
	});

	it('finds nothing in an answer without signals', () => {
		expect(readRateLimitSignals({}, { ok: true }, NOW)).toEqual({});
		expect(readRateLimitSignals({}, '<html>busy</html>', NOW)).toEqual({});
		expect(readRateLimitSignals({}, { rateLimit: { waitMs: -1 }, retryAfter: 'x' }, NOW)).toEqual({});
	});
});
