// Rate limiting on both APIs: headers and bodies as specified, headers-off mode, per credential.
import type { Emulator } from '../../emulator';
import { RateLimiter } from '../../emulator/rateLimit';
import { DEMO, commonRoom, postActivity, startTestEmulator } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());
afterEach(() => emulator.configure({ commonRoom: { ratePerSecond: null, burst: 1_000_000, sendRateLimitHeaders: true }, teamCommonGround: { perMinute: null, sendRateLimitHeaders: true } }));

describe('Common Room (v1 spec: components/responses/RateLimited)', () => {
	it('every response carries X-RateLimit-Limit/Remaining; the request over the bucket gets the full 429', async () => {
		emulator.configure({ commonRoom: { ratePerSecond: 2, burst: 2 } });
		const cr = commonRoom(emulator);
		const first = await cr.get('/segments');
		expect(first.headers.get('x-ratelimit-limit')).toBe('2');
		expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
		const second = await cr.get('/tags');
		expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
		const before = Date.now();
		const limited = await cr.post(`/source/${DEMO.commonRoom.sourceId}/user`, { id: 'should-not-store' });
		expect(limited.status).toBe(429);
		expect(limited.headers.get('x-ratelimit-limit')).toBe('2');
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		const resetSeconds = Number(limited.headers.get('x-ratelimit-reset'));
		expect(Number.isInteger(resetSeconds)).toBe(true);
		expect(resetSeconds * 1000).toBeGreaterThanOrEqual(before);
		expect(resetSeconds * 1000).toBeLessThanOrEqual(before + 2000);
		const retryAfter = limited.headers.get('retry-after') as string;
		expect(retryAfter).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		expect(limited.body).toEqual({
			reason: 'rate-limited',
			rateLimit: { intervalLimit: 2, intervalRemaining: 0, intervalResetSeconds: 1, waitMs: expect.any(Number) },
		});
		expect(limited.body.rateLimit.waitMs).toBeGreaterThan(0);
		expect(limited.body.rateLimit.waitMs).toBeLessThanOrEqual(500);
		expect(Math.abs(Date.parse(retryAfter) - (Date.now() + limited.body.rateLimit.waitMs))).toBeLessThan(200);
		expect(emulator.state.commonRoom.contacts().some((c) => c.id === 'should-not-store')).toBe(false);

		await new Promise((resolve) => setTimeout(resolve, limited.body.rateLimit.waitMs + 20));
		expect((await cr.get('/segments')).status).toBe(200);
	});

	it('buckets are per token', async () => {
		emulator.configure({ commonRoom: { ratePerSecond: 1, burst: 1 } });
		expect((await commonRoom(emulator).get('/segments')).status).toBe(200);
		expect((await commonRoom(emulator).get('/segments')).status).toBe(429);
		expect((await commonRoom(emulator, DEMO.commonRoom.secondToken).get('/segments')).status).toBe(200);
	});

	it('headers off: no rate-limit header at all and no waitMs in the body', async () => {
		emulator.configure({ commonRoom: { ratePerSecond: 1, burst: 1, sendRateLimitHeaders: false } });
		const ok = await commonRoom(emulator).get('/segments');
		expect(ok.headers.get('x-ratelimit-limit')).toBeNull();
		const limited = await commonRoom(emulator).get('/segments');
		expect(limited.status).toBe(429);
		for (const header of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after']) {
			expect(limited.headers.get(header)).toBeNull();
		}
		expect(limited.body.reason).toBe('rate-limited');
		expect(limited.body.rateLimit).not.toHaveProperty('waitMs');
	});

	it('unlimited (null): no limit and no headers', async () => {
		const results = await Promise.all(Array.from({ length: 60 }, () => commonRoom(emulator).get('/segments')));
		expect(results.every((r) => r.status === 200 && r.headers.get('x-ratelimit-limit') === null)).toBe(true);
	});

	it('auth failures do not use the bucket', async () => {
		emulator.configure({ commonRoom: { ratePerSecond: 1, burst: 1 } });
		expect((await commonRoom(emulator, 'cr_wrong_token_123').get('/segments')).status).toBe(403);
		expect((await commonRoom(emulator).get('/segments')).status).toBe(200);
	});
});

describe('Team Common Ground (TCG doc: "429 Too Many Requests")', () => {
	const note = { type: 'note', message: 'rate test' };

	it('per-minute bucket: X-RateLimit-* on every response; 429 with Retry-After seconds and retryAfter', async () => {
		emulator.configure({ teamCommonGround: { perMinute: 2 } });
		const first = await postActivity(emulator, note);
		expect(first.status).toBe(201);
		expect(first.headers.get('x-ratelimit-limit')).toBe('2');
		expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
		expect((await postActivity(emulator, note)).headers.get('x-ratelimit-remaining')).toBe('0');
		const limited = await postActivity(emulator, note);
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({ error: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED', retryAfter: 30 });
		expect(limited.headers.get('retry-after')).toBe('30');
		expect(limited.headers.get('x-ratelimit-limit')).toBe('2');
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(emulator.state.teamCommonGround.activities().filter((a) => a.message === 'rate test')).toHaveLength(2);
	});

	it('buckets are per key; errors count too', async () => {
		emulator.configure({ teamCommonGround: { perMinute: 1 } });
		expect((await postActivity(emulator, {})).status).toBe(400);
		expect((await postActivity(emulator, note)).status).toBe(429);
		expect((await postActivity(emulator, note, DEMO.teamCommonGround.otherBusinessKey)).status).toBe(201);
	});

	it('headers off: neither headers nor retryAfter', async () => {
		emulator.configure({ teamCommonGround: { perMinute: 1, sendRateLimitHeaders: false } });
		expect((await postActivity(emulator, note)).headers.get('x-ratelimit-limit')).toBeNull();
		const limited = await postActivity(emulator, note);
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({ error: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED' });
		expect(limited.headers.get('retry-after')).toBeNull();
		expect(limited.headers.get('x-ratelimit-remaining')).toBeNull();
	});
});

describe('token bucket', () => {
	it('refills continuously at limit/interval up to capacity', () => {
		const limiter = new RateLimiter({ limit: 10, intervalMs: 1000, capacity: 2 });
		const t = 1_000_000;
		expect(limiter.take('k', t)?.allowed).toBe(true);
		expect(limiter.take('k', t)?.allowed).toBe(true);
		const denied = limiter.take('k', t);
		expect(denied).toMatchObject({ allowed: false, waitMs: 100, resetAtMs: t + 100 });
		expect(limiter.take('k', t + 100)?.allowed).toBe(true);
		expect(limiter.take('k', t + 10_000)?.remaining).toBe(1); // capped at capacity 2
	});
});
