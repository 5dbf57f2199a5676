// Start/stop/restart/reset, seeds, and the /__emulator control endpoints over HTTP.
import { request, Agent } from 'node:http';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SEED_PATH, loadSeed, type Emulator, type SeedData } from '../../emulator';
import { DEMO, call, commonRoom, fetchErrorCode, postActivity, startTestEmulator } from './helpers';

const SOURCE = DEMO.commonRoom.sourceId;
const demoSeed = (): SeedData => JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8'));

describe('restart', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startTestEmulator();
	});
	afterAll(() => emulator.stop());

	it('keeps stored data and the port; connections are refused while down', async () => {
		await commonRoom(emulator).post(`/source/${SOURCE}/user`, { id: 'survivor', email: 'survivor@example.com' });
		const activity = await postActivity(emulator, { type: 'note', message: 'kept' });
		const port = emulator.port;
		const restarting = emulator.restart(300);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(await fetchErrorCode(commonRoom(emulator).get('/segments'))).toBe('ECONNREFUSED');
		await restarting;
		expect(emulator.port).toBe(port);
		expect((await commonRoom(emulator).get('/user/survivor@example.com')).status).toBe(200);
		expect(emulator.state.teamCommonGround.activities().some((a) => a.id === activity.body.activityId)).toBe(true);
	});

	it('POST /__emulator/restart answers first, then restarts', async () => {
		const res = await call(`${emulator.url}/__emulator/restart`, { body: { downMs: 50 } });
		expect(res.status).toBe(202);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect((await call(`${emulator.url}/__emulator/health`)).body).toEqual({ ok: true });
	});
});

describe('stop', () => {
	it('closes idle keep-alive sockets so nothing hangs', async () => {
		const emulator = await startTestEmulator();
		const agent = new Agent({ keepAlive: true });
		await new Promise<void>((resolve, reject) => {
			const req = request(`${emulator.commonRoomBaseUrl}/segments`, { agent, headers: { Authorization: `Bearer ${emulator.tokens.commonRoom}` } }, (res) => {
				res.resume();
				res.on('end', resolve);
			});
			req.on('error', reject);
			req.end();
		});
		const started = Date.now();
		await emulator.stop();
		expect(Date.now() - started).toBeLessThan(500);
		agent.destroy();
	});
});

describe('reset and seeds', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startTestEmulator();
	});
	afterAll(() => emulator.stop());

	it('reset() restores the seed and clears the log and faults', async () => {
		await commonRoom(emulator).post(`/source/${SOURCE}/user`, { id: 'temp' });
		emulator.injectFaults('any', { kind: 'status', status: 500 });
		emulator.reset();
		expect(emulator.state.commonRoom.contacts().map((c) => c.id)).toEqual(['ada@example.com', 'grace@example.com']);
		expect(emulator.log()).toEqual([]);
		expect((await commonRoom(emulator).get('/segments')).status).toBe(200);
	});

	it('reset(seed) switches to another seed, which later resets return to; tokens follow', async () => {
		const seed = demoSeed();
		seed.commonRoom.tokens = [{ token: 'cr_custom_token_abcdef', jti: 'custom' }];
		seed.teamCommonGround.keys = [{ key: 'tcg_custom_key_abcdef', businessId: 'biz_demo' }];
		emulator.reset(seed);
		expect(emulator.tokens).toEqual({ commonRoom: 'cr_custom_token_abcdef', teamCommonGround: 'tcg_custom_key_abcdef' });
		expect((await commonRoom(emulator).get('/api-token-status')).body.jti).toBe('custom');
		emulator.reset();
		expect(emulator.tokens.commonRoom).toBe('cr_custom_token_abcdef');
		emulator.reset(DEFAULT_SEED_PATH);
		expect(emulator.tokens.commonRoom).toBe('cr_demo_token_4f6c2a9e1b7d');
	});

	it('a seed path is read relative to the working directory or absolute', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'emulator-seed-'));
		const seed = demoSeed();
		seed.commonRoom.communityName = 'From a file';
		writeFileSync(join(dir, 'seed.json'), JSON.stringify(seed));
		const fromFile = await startTestEmulator({ seed: join(dir, 'seed.json') });
		try {
			expect((await commonRoom(fromFile).get('/api-token-status')).body.communityName).toBe('From a file');
		} finally {
			await fromFile.stop();
		}
	});

	it('an invalid seed fails loudly with every problem listed', () => {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately breaking the seed's types
		const seed = demoSeed() as any;
		seed.commonRoom.sources = [{ id: 'one', name: 'x' }];
		seed.commonRoom.customFields.push({ id: 999, name: 'Bad enum', type: 'enum', multivalue: false });
		seed.teamCommonGround.mappings.push({ source: 'x', externalId: 'y', clientId: 'client_missing' });
		expect(() => loadSeed(seed)).toThrow(/commonRoom\.sources\.0\.id/);
		seed.commonRoom.sources = [{ id: 1, name: 'x' }];
		expect(() => loadSeed(seed)).toThrow(/customFields 999: enum needs values[\s\S]*unknown client/);
		seed.teamCommonGround.keys[0].allowedIps = ['not-an-ip'];
		seed.commonRoom.customFields.pop();
		seed.teamCommonGround.mappings.pop();
		expect(() => emulator.reset(seed)).toThrow(/invalid allowedIps entry/);
		expect(emulator.tokens.commonRoom).toBe('cr_demo_token_4f6c2a9e1b7d'); // a refused seed changes nothing
		emulator.reset();
	});
});

describe('control endpoints', () => {
	let emulator: Emulator;
	const control = (path: string, init?: Parameters<typeof call>[1]) => call(`${emulator.url}/__emulator${path}`, init);
	beforeAll(async () => {
		emulator = await startTestEmulator();
	});
	afterAll(() => emulator.stop());
	beforeEach(() => emulator.reset());

	it('GET /info names the URLs, tokens and current limits', async () => {
		const res = await control('/info');
		expect(res.body).toMatchObject({
			url: emulator.url,
			commonRoomBaseUrl: emulator.commonRoomBaseUrl,
			teamCommonGroundBaseUrl: emulator.teamCommonGroundBaseUrl,
			tokens: emulator.tokens,
			commonRoom: { ratePerSecond: null, sendRateLimitHeaders: true },
			teamCommonGround: { perMinute: null, sendRateLimitHeaders: true },
			latency: null,
		});
	});

	it('POST/GET/DELETE /faults', async () => {
		const injected = await control('/faults', { body: { target: 'teamCommonGround', faults: [{ kind: 'status', status: 503, count: 2 }] } });
		expect(injected.status).toBe(200);
		expect((await control('/faults')).body.pending).toEqual([{ target: 'teamCommonGround', spec: { kind: 'status', status: 503, count: 2 }, remaining: 2 }]);
		expect((await postActivity(emulator, { type: 'note' })).status).toBe(503);
		expect((await control('/faults')).body.pending[0].remaining).toBe(1);
		await control('/faults', { method: 'DELETE' });
		expect((await postActivity(emulator, { type: 'note' })).status).toBe(201);
		const bad = await control('/faults', { body: { faults: [{ kind: 'explode' }] } });
		expect(bad.status).toBe(400);
		expect(bad.body.error).toMatch(/kind/);
	});

	it('POST /config changes limits and latency; bad config → 400', async () => {
		await control('/config', { body: { commonRoom: { ratePerSecond: 1, burst: 1 }, latency: { fixedMs: 0, jitterMs: 0 } } });
		expect((await commonRoom(emulator).get('/segments')).status).toBe(200);
		expect((await commonRoom(emulator).get('/segments')).status).toBe(429);
		await control('/config', { body: { commonRoom: { ratePerSecond: null } } });
		expect((await commonRoom(emulator).get('/segments')).status).toBe(200);
		expect((await control('/config', { body: { commonRoom: { ratePerSecond: -1 } } })).status).toBe(400);
		expect((await control('/config', { body: { port: 1 } })).status).toBe(400);
	});

	it('GET /state and GET /log (filterable by service); POST /reset', async () => {
		await commonRoom(emulator).post(`/source/${SOURCE}/user`, { id: 'via-http' });
		await postActivity(emulator, { type: 'note', message: 'via http' });
		const state = await control('/state');
		expect(state.body.commonRoom.contacts.map((c: { id: string }) => c.id)).toContain('via-http');
		expect(state.body.commonRoom.segments).toEqual({ 501: [], 502: [] });
		expect(state.body.teamCommonGround.activities.some((a: { message: string }) => a.message === 'via http')).toBe(true);
		expect(state.body.teamCommonGround).toHaveProperty('clients');
		expect(state.body.teamCommonGround).toHaveProperty('mappings');
		expect((await control('/log')).body.count).toBe(2);
		expect((await control('/log?service=teamCommonGround')).body.entries).toEqual([expect.objectContaining({ path: '/v1/activities', status: 201 })]);
		await control('/log', { method: 'DELETE' });
		expect((await control('/log')).body.count).toBe(0);
		expect((await control('/reset', { method: 'POST' })).status).toBe(200);
		expect((await control('/state')).body.commonRoom.contacts).toHaveLength(2);
	});

	it('POST /reset with a seed object', async () => {
		const seed = demoSeed();
		seed.commonRoom.communityName = 'Posted seed';
		expect((await control('/reset', { body: { seed } })).status).toBe(200);
		expect((await commonRoom(emulator).get('/api-token-status')).body.communityName).toBe('Posted seed');
		expect((await control('/reset', { body: { seed: { nope: true } } })).status).toBe(400);
		emulator.reset(DEFAULT_SEED_PATH);
	});

	it('POST /commonRoom/customFields adds a field that the list shows and upserts may write, until a reset', async () => {
		const added = await control('/commonRoom/customFields', { body: { name: 'Region', type: 'enum', values: ['EMEA', 'AMER'] } });
		expect(added.status).toBe(200);
		const field = added.body.field;
		expect(field).toMatchObject({ name: 'Region', type: 'enum', multivalue: false, values: ['EMEA', 'AMER'] });
		const listed = (await commonRoom(emulator).get('/members/customFields')).body;
		expect(listed).toContainEqual({ id: field.id, name: 'Region', type: 'enum', multivalue: false, values: ['EMEA', 'AMER'] });
		const upsert = await commonRoom(emulator).post(`/source/${SOURCE}/user`, { id: 'region@example.com', email: 'region@example.com', customFields: [{ id: field.id, value: { type: 'enum', value: 'EMEA' } }] });
		expect(upsert.status).toBe(202);
		expect((await control('/commonRoom/customFields', { body: { name: 'Region', type: 'string' } })).body.error).toMatch(/exists/);
		expect((await control('/commonRoom/customFields', { body: { name: 'Tier', type: 'enum' } })).status).toBe(400);
		emulator.reset();
		expect((await commonRoom(emulator).get('/members/customFields')).body.map((f: { name: string }) => f.name)).not.toContain('Region');
	});

	it('unknown control endpoint → 404; control calls are not logged', async () => {
		expect((await control('/nope')).status).toBe(404);
		expect(emulator.log()).toEqual([]);
	});
});
