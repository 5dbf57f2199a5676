// Common Room v2's request pipeline: the v1 tokens, one rate-limit bucket per token shared with v1
// (README "Choices", v2 alongside v1), auth answers, unknown routes, faults, the log, reset.
import type { Emulator } from '../../emulator';
import { DEMO, call, commonRoom, startTestEmulator } from './helpers';
import { commonRoomV2 } from './commonroomV2.helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());
afterEach(() => emulator.configure({ commonRoom: { ratePerSecond: null, burst: 1_000_000, sendRateLimitHeaders: true } }));

it('lives at the v1 base with /v1 → /v2', () => {
	expect(emulator.commonRoomV2BaseUrl).toBe(emulator.commonRoomBaseUrl.replace(/\/v1$/, '/v2'));
});

describe('rate limit: v1 and v2 drain the same per-token bucket', () => {
	it('v1, then v2, then the request over the bucket (on either API) gets v1\'s 429, headers and body', async () => {
		// A slow refill (1/s) behind a burst of 3, so a loaded machine cannot refill mid-test.
		emulator.configure({ commonRoom: { ratePerSecond: 1, burst: 3 } });
		const v1 = commonRoom(emulator);
		const v2 = commonRoomV2(emulator);
		expect((await v1.get('/segments')).headers.get('x-ratelimit-remaining')).toBe('2');
		const second = await v2.get('/contacts');
		expect(second.status).toBe(200);
		expect([second.headers.get('x-ratelimit-limit'), second.headers.get('x-ratelimit-remaining')]).toEqual(['1', '1']);
		expect((await v2.get('/segments')).headers.get('x-ratelimit-remaining')).toBe('0');

		const limitedV2 = await v2.get('/contacts');
		const limitedV1 = await v1.get('/segments');
		for (const limited of [limitedV2, limitedV1]) {
			expect(limited.status).toBe(429);
			expect(limited.body).toEqual({
				reason: 'rate-limited',
				rateLimit: { intervalLimit: 1, intervalRemaining: 0, intervalResetSeconds: 1, waitMs: expect.any(Number) },
			});
			expect(limited.headers.get('x-ratelimit-limit')).toBe('1');
			expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
			expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
			expect(limited.headers.get('retry-after')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		}
		// The other token has its own bucket, on both APIs.
		expect((await commonRoomV2(emulator, DEMO.commonRoom.secondToken).get('/contacts')).status).toBe(200);
	});

	it('v2 writes and v2 errors take a token too; auth failures do not', async () => {
		emulator.configure({ commonRoom: { ratePerSecond: 1, burst: 2 } });
		expect((await commonRoomV2(emulator, 'cr_wrong_token_123').get('/contacts')).status).toBe(403);
		expect((await commonRoomV2(emulator).post('/segments', { name: '' })).status).toBe(400);
		expect((await commonRoomV2(emulator).post('/segments', { name: 'Ok' })).status).toBe(201);
		expect((await commonRoom(emulator).get('/segments')).status).toBe(429);
	});

	it('headers off: v2 answers carry none either', async () => {
		emulator.configure({ commonRoom: { ratePerSecond: 1, burst: 1, sendRateLimitHeaders: false } });
		expect((await commonRoomV2(emulator).get('/contacts')).headers.get('x-ratelimit-limit')).toBeNull();
		const limited = await commonRoomV2(emulator).get('/contacts');
		expect(limited.status).toBe(429);
		expect(limited.body.rateLimit).not.toHaveProperty('waitMs');
	});
});

describe('auth and routes (as v1)', () => {
	it('no token → 401, an unknown token → 403 Status; unknown paths 404 and wrong methods 405 before auth', async () => {
		const missing = await commonRoomV2(emulator, null).get('/contacts');
		expect(missing.status).toBe(401);
		expect(missing.body).toEqual({ status: 'unauthorized', reason: 'missing-or-malformed-authorization-header' });
		const wrong = await commonRoomV2(emulator, 'cr_wrong_token_123').get('/contacts');
		expect([wrong.status, wrong.body]).toEqual([403, { status: 'forbidden', reason: 'invalid-api-token' }]);
		const unknown = await commonRoomV2(emulator, null).get('/members');
		expect([unknown.status, unknown.body.status]).toEqual([404, 'not-found']);
		const put = await call(`${emulator.commonRoomV2BaseUrl}/contacts`, { method: 'PUT' });
		expect(put.status).toBe(405);
		expect(put.headers.get('allow')).toBe('GET');
		expect((await commonRoomV2(emulator).raw('/segments', { method: 'DELETE' })).headers.get('allow')).toBe('GET, POST');
	});

	it('GET /api-token-status answers v1\'s ApiToken', async () => {
		const res = await commonRoomV2(emulator, DEMO.commonRoom.secondToken).get('/api-token-status');
		expect(res.body).toEqual({ jti: 'second9a', communityName: 'Emulated Community', communityId: '8p980hdo0' });
	});
});

describe('faults, log and reset', () => {
	it('target commonRoom covers v2; pathIncludes can single it out; 5xx in v2\'s error shape', async () => {
		emulator.injectFaults('commonRoom', { kind: 'status', status: 503, pathIncludes: '/community/v2/' }, { kind: 'status', status: 429, pathIncludes: '/v2/contacts', retryAfterMs: 1500 });
		expect((await commonRoom(emulator).get('/segments')).status).toBe(200);
		const unavailable = await commonRoomV2(emulator).get('/segments');
		expect(unavailable.status).toBe(503);
		expect(unavailable.body).toEqual({ success: false, error: { code: 'internal_server_error', message: 'Service unavailable' } });
		const limited = await commonRoomV2(emulator).get('/contacts');
		expect(limited.status).toBe(429);
		expect(limited.body.rateLimit.waitMs).toBe(1500);
		const entries = emulator.log().filter((entry) => entry.path.startsWith('/community/v2/'));
		expect(entries.map((e) => [e.service, e.path, e.status])).toEqual([
			['commonRoom', '/community/v2/segments', 503],
			['commonRoom', '/community/v2/contacts', 429],
		]);
	});

	it('reset forgets segments created through v2', async () => {
		expect((await commonRoomV2(emulator).post('/segments', { name: 'Temporary' })).status).toBe(201);
		emulator.reset();
		expect((await commonRoom(emulator).get('/segments')).body).toEqual([
			{ id: 501, name: 'Champions' },
			{ id: 502, name: 'Trial users' },
		]);
		expect((await commonRoomV2(emulator).post('/segments', { name: 'Temporary' })).body.data.id).toBe('s_503');
	});
});

describe('POST /__emulator/commonRoom/bulk', () => {
	it('writes contacts, companies, activities and segment members; bad bodies → 400 { error }', async () => {
		const res = await call(`${emulator.url}/__emulator/commonRoom/bulk`, { body: { contacts: 5, companies: 2, activitiesPerContact: 2, segmentId: 502 } });
		expect(res.body).toEqual({ ok: true, contacts: 5, activities: 10, firstContactId: 'c_100003', lastContactId: 'c_100007' });
		const v2 = commonRoomV2(emulator);
		expect((await v2.get('/contacts?segmentId=s_502&cols=recordCount')).body.meta.recordCount).toBe(5);
		expect((await v2.get('/organizations?primaryDomain=bulk-company-1.example&cols=contactsCount')).body.data[0].contactsCount).toBe(3);
		expect(emulator.webhooks.deliveries()).toEqual([]);
		for (const body of [{}, { contacts: 0 }, { contacts: 10_001 }, { contacts: 1, segmentId: 9 }, { contacts: 1, sourceId: 1 }, { contacts: 1, extra: true }]) {
			const bad = await call(`${emulator.url}/__emulator/commonRoom/bulk`, { body });
			expect([JSON.stringify(body), bad.status, typeof bad.body.error]).toEqual([JSON.stringify(body), 400, 'string']);
		}
	});
});
