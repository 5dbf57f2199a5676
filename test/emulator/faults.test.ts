// Fault injection and latency behave as specified (emulator/README.md "Faults").
import type { Emulator } from '../../emulator';
import { DEMO, call, commonRoom, fetchErrorCode, postActivity, startTestEmulator } from './helpers';

let emulator: Emulator;
const SOURCE = DEMO.commonRoom.sourceId;

beforeAll(async () => {
	emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const upsert = (id: string, signal?: AbortSignal) =>
	call(`${emulator.commonRoomBaseUrl}/source/${SOURCE}/user`, { token: emulator.tokens.commonRoom, body: { id }, signal });
const storedIds = () => emulator.state.commonRoom.contacts().map((c) => c.id);

describe('status faults', () => {
	it('answer the injected status before processing, `count` times, then behave normally', async () => {
		emulator.injectFaults('commonRoom', { kind: 'status', status: 503, count: 2 });
		const first = await upsert('a');
		expect(first.status).toBe(503);
		expect(first.body).toEqual({ status: 'failure', reason: 'service-unavailable' });
		expect((await upsert('a')).status).toBe(503);
		expect(storedIds()).not.toContain('a');
		expect((await upsert('a')).status).toBe(202);
		expect(emulator.log().map((e) => [e.status, e.fault])).toEqual([
			[503, 'status'],
			[503, 'status'],
			[202, undefined],
		]);
	});

	it('afterProcessing stores the write, then answers the error', async () => {
		emulator.injectFaults('commonRoom', { kind: 'status', status: 500, afterProcessing: true });
		expect((await upsert('stored-anyway')).status).toBe(500);
		expect(storedIds()).toContain('stored-anyway');
	});

	it('faults are consumed in injection order by the matching service only', async () => {
		emulator.injectFaults('teamCommonGround', { kind: 'status', status: 502 });
		emulator.injectFaults('any', { kind: 'status', status: 500 }, { kind: 'status', status: 503 });
		expect((await upsert('x')).status).toBe(500); // the TCG fault does not match; the first 'any' does
		const tcg = await postActivity(emulator, { type: 'note' });
		expect(tcg.status).toBe(502);
		expect(tcg.body).toEqual({ error: 'Bad gateway', code: 'BAD_GATEWAY' });
		expect((await postActivity(emulator, { type: 'note' })).status).toBe(503);
		expect((await upsert('x')).status).toBe(202);
	});

	it('method and pathIncludes restrict a fault to some requests', async () => {
		emulator.injectFaults('commonRoom', { kind: 'status', status: 503, method: 'POST', pathIncludes: '/activity' });
		expect((await commonRoom(emulator).get('/segments')).status).toBe(200);
		expect((await upsert('u')).status).toBe(202);
		expect((await commonRoom(emulator).post(`/source/${SOURCE}/activity`, { id: 'e', activityType: 'signed_up', user: { id: 'u' } })).status).toBe(503);
	});

	it('an injected 429 looks like the real one (headers on by default; off on request)', async () => {
		emulator.injectFaults('commonRoom', { kind: 'status', status: 429, retryAfterMs: 1500 }, { kind: 'status', status: 429, rateLimitHeaders: false });
		const withHeaders = await upsert('r');
		expect(withHeaders.status).toBe(429);
		expect(withHeaders.body).toEqual({ reason: 'rate-limited', rateLimit: { intervalLimit: 20, intervalRemaining: 0, intervalResetSeconds: 1, waitMs: 1500 } });
		expect(withHeaders.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
		expect(Date.parse(withHeaders.headers.get('retry-after') as string)).toBeGreaterThan(Date.now());
		const without = await upsert('r');
		expect(without.headers.get('retry-after')).toBeNull();
		expect(without.body.rateLimit).not.toHaveProperty('waitMs');

		emulator.injectFaults('teamCommonGround', { kind: 'status', status: 429, retryAfterMs: 2000 });
		const tcg = await postActivity(emulator, { type: 'note' });
		expect(tcg.body).toEqual({ error: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED', retryAfter: 2 });
		expect(tcg.headers.get('retry-after')).toBe('2');
	});
});

describe('time-window faults', () => {
	it('{ every: 2, durationMs } fails the 1st, 3rd, 5th... matching request until the window ends', async () => {
		emulator.injectFaults('teamCommonGround', { kind: 'status', status: 429, every: 2, durationMs: 400 });
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) statuses.push((await postActivity(emulator, { type: 'note' })).status);
		expect(statuses).toEqual([429, 201, 429, 201, 429]);
		expect((await upsert('cr-unaffected')).status).toBe(202);
		await new Promise((resolve) => setTimeout(resolve, 450));
		expect((await postActivity(emulator, { type: 'note' })).status).toBe(201);
	});

	it('a queued fault takes precedence over an active window; count caps a window', async () => {
		emulator.injectFaults('commonRoom', { kind: 'status', status: 500, every: 1, count: 2 });
		emulator.injectFaults('commonRoom', { kind: 'status', status: 503 });
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await upsert(`w${i}`)).status);
		expect(statuses).toEqual([503, 500, 500, 202]);
	});

	it('bad specs are refused', () => {
		expect(() => emulator.injectFaults('any', { kind: 'status', status: 429, every: 0 })).toThrow(/every/);
		expect(() => emulator.injectFaults('any', { kind: 'status', status: 404 as 429 })).toThrow(/status/);
	});
});

describe('connection faults', () => {
	it('resetBeforeProcessing: the client sees ECONNRESET and nothing is stored', async () => {
		emulator.injectFaults('commonRoom', { kind: 'resetBeforeProcessing' });
		expect(await fetchErrorCode(upsert('lost'))).toBe('ECONNRESET');
		expect(storedIds()).not.toContain('lost');
		expect(emulator.log()[0]).toMatchObject({ status: 'reset', fault: 'resetBeforeProcessing' });
		expect((await upsert('lost')).status).toBe(202);
	});

	it('resetAfterProcessing: ECONNRESET, but the write is stored', async () => {
		emulator.injectFaults('teamCommonGround', { kind: 'resetAfterProcessing' });
		expect(await fetchErrorCode(postActivity(emulator, { type: 'note', message: 'ghost' }))).toBe('ECONNRESET');
		expect(emulator.state.teamCommonGround.activities().some((a) => a.message === 'ghost')).toBe(true);
	});

	it('hang: no answer until the client gives up; afterProcessing stores first', async () => {
		emulator.injectFaults('commonRoom', { kind: 'hang' }, { kind: 'hang', afterProcessing: true });
		expect(await fetchErrorCode(upsert('h1', AbortSignal.timeout(300)))).toBe('TimeoutError');
		expect(await fetchErrorCode(upsert('h2', AbortSignal.timeout(300)))).toBe('TimeoutError');
		expect(storedIds()).not.toContain('h1');
		expect(storedIds()).toContain('h2');
		expect(emulator.log().map((e) => e.status)).toEqual(['hang', 'hang']);
		expect((await upsert('h3')).status).toBe(202);
	});

	it('stop() ends hanging requests instead of waiting for them', async () => {
		const own = await startTestEmulator();
		own.injectFaults('any', { kind: 'hang' });
		const pending = call(`${own.teamCommonGroundBaseUrl}/activities`, { token: own.tokens.teamCommonGround, body: { type: 'note' } });
		await new Promise((resolve) => setTimeout(resolve, 100));
		const started = Date.now();
		await own.stop();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(await fetchErrorCode(pending)).toBeDefined();
	});
});

describe('slow and latency', () => {
	it('slow: answers normally after delayMs; the write is stored even if the client gives up first', async () => {
		emulator.injectFaults('commonRoom', { kind: 'slow', delayMs: 300, count: 2 });
		const started = Date.now();
		expect((await upsert('s1')).status).toBe(202);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(await fetchErrorCode(upsert('s2', AbortSignal.timeout(100)))).toBe('TimeoutError');
		expect(storedIds()).toContain('s2');
	});

	it('latency: fixed plus uniform jitter, applied to every API answer (not to control calls)', async () => {
		emulator.configure({ latency: { fixedMs: 120, jitterMs: 40 } });
		try {
			for (let i = 0; i < 4; i++) {
				const started = Date.now();
				await commonRoom(emulator).get('/segments');
				const took = Date.now() - started;
				expect(took).toBeGreaterThanOrEqual(75);
				expect(took).toBeLessThan(400);
			}
			const started = Date.now();
			await call(`${emulator.url}/__emulator/health`);
			expect(Date.now() - started).toBeLessThan(75);
		} finally {
			emulator.configure({ latency: null });
		}
	});
});

describe('request log', () => {
	it('records service, method, path, status, timing, the body as sent, and never a token', async () => {
		await upsert('logged');
		await postActivity(emulator, { type: 'note' });
		await commonRoom(emulator, 'cr_bad_token_0000').get('/tags');
		const log = emulator.log();
		expect(log).toEqual([
			{ service: 'commonRoom', method: 'POST', path: `/community/v1/source/${SOURCE}/user`, status: 202, startedAt: expect.any(String), durationMs: expect.any(Number), body: '{"id":"logged"}' },
			{ service: 'teamCommonGround', method: 'POST', path: '/v1/activities', status: 201, startedAt: expect.any(String), durationMs: expect.any(Number), body: expect.stringContaining('"type":"note"') },
			{ service: 'commonRoom', method: 'GET', path: '/community/v1/tags', status: 403, startedAt: expect.any(String), durationMs: expect.any(Number) },
		]);
		const everything = JSON.stringify([log, emulator.state.commonRoom.contacts(), emulator.state.teamCommonGround.activities()]);
		for (const secret of [emulator.tokens.commonRoom, emulator.tokens.teamCommonGround, 'cr_bad_token_0000', 'Bearer']) {
			expect(everything).not.toContain(secret);
		}
	});
});
