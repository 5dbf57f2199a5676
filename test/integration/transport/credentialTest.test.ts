/**
 * The programmatic credential tests, run with n8n-core's real CredentialTestContext (the
 * `this` n8n gives `methods.credentialTest`: only `helpers.request`), against a scripted
 * server and against the emulator.
 */
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../../../emulator';
import { commonRoomApiTest, teamCommonGroundApiTest } from '../../../nodes/shared/transport/credentialTest';
import { freePort, startScriptedServer, type Reply, type ScriptedServer } from './scriptedServer';

const CR_TOKEN = 'cr-credential-test-token-41d2';
const TCG_KEY = 'tcg-credential-test-key-93aa';

function credential(type: string, data: ICredentialDataDecryptedObject): ICredentialsDecrypted {
	return { id: '1', name: 'test', type, data };
}

async function testCommonRoom(baseUrl: string, apiToken = CR_TOKEN): Promise<INodeCredentialTestResult> {
	return await commonRoomApiTest.call(new CredentialTestContext(), credential('commonRoomApi', { apiToken, baseUrl }));
}

async function testTeamCommonGround(baseUrl: string, apiKey = TCG_KEY): Promise<INodeCredentialTestResult> {
	return await teamCommonGroundApiTest.call(new CredentialTestContext(), credential('teamCommonGroundApi', { apiKey, baseUrl }));
}

function expectNoSecret(result: INodeCredentialTestResult): void {
	expect(result.message).not.toContain(CR_TOKEN);
	expect(result.message).not.toContain(TCG_KEY);
}

describe('credential tests against a scripted server', () => {
	let server: ScriptedServer | undefined;
	const serve = async (reply: Reply) => (server = await startScriptedServer(() => reply));
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	it('Common Room 200: names the community; sends GET /api-token-status with the Bearer token', async () => {
		await serve({ status: 200, body: { jti: 'j', communityName: 'Uncommon', communityId: 'c' } });
		const result = await testCommonRoom(`${server!.url}/community/v1/`);
		expect(result).toEqual({ status: 'OK', message: 'Connected to Common Room community "Uncommon"' });
		expect(server!.seen[0]).toMatchObject({ method: 'GET', path: '/community/v1/api-token-status' });
		expect(server!.seen[0].headers.authorization).toBe(`Bearer ${CR_TOKEN}`);
	});

	it.each([401, 403])('Common Room %i: "The API token was rejected: …"', async (status) => {
		await serve({ status, body: { status: 'forbidden', reason: `invalid-api-token ${CR_TOKEN}` } });
		const result = await testCommonRoom(server!.url);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The API token was rejected: /);
		expect(result.message).toContain('Settings > API tokens');
		expectNoSecret(result);
	});

	it('Team Common Ground 400 INVALID_PAYLOAD: the key was accepted; the probe body cannot create anything', async () => {
		await serve({ status: 400, body: { error: 'Invalid payload', code: 'INVALID_PAYLOAD', details: ['type is required'] } });
		const result = await testTeamCommonGround(`${server!.url}/v1`);
		expect(result).toEqual({ status: 'OK', message: 'API key accepted' });
		expect(server!.seen[0]).toMatchObject({ method: 'POST', path: '/v1/activities', body: {} });
		expect(server!.seen[0].headers.authorization).toBe(`Bearer ${TCG_KEY}`);
	});

	it('Team Common Ground 401 INVALID_API_KEY: the key is invalid or revoked', async () => {
		await serve({ status: 401, body: { error: 'Invalid API key', code: 'INVALID_API_KEY' } });
		const result = await testTeamCommonGround(server!.url);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('The key is invalid or revoked');
		expectNoSecret(result);
	});

	it('Team Common Ground 403 IP_NOT_ALLOWED: valid key, this IP is not allow-listed', async () => {
		await serve({ status: 403, body: { error: 'IP not allowed', code: 'IP_NOT_ALLOWED', clientIp: '45.67.89.10' } });
		const result = await testTeamCommonGround(server!.url);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('The key is valid but this IP (45.67.89.10) is not allow-listed for it');
	});

	it('Team Common Ground 201 (should never happen): OK, but says something was created', async () => {
		await serve({ status: 201, body: { status: 'success', activityId: 'act_1' } });
		const result = await testTeamCommonGround(server!.url);
		expect(result.status).toBe('OK');
		expect(result.message).toContain('created an activity');
		expect(result.message).toContain('act_1');
	});

	it('connection refused: a clear message, no secret', async () => {
		const port = await freePort();
		for (const result of [await testCommonRoom(`http://127.0.0.1:${port}`), await testTeamCommonGround(`http://127.0.0.1:${port}/v1`)]) {
			expect(result.status).toBe('Error');
			expect(result.message).toContain(`Could not connect to 127.0.0.1:${port}`);
			expectNoSecret(result);
		}
	});

	it('an empty secret or a broken Base URL fails before any request', async () => {
		expect((await testCommonRoom('http://127.0.0.1:1', '')).message).toContain('Enter an API token');
		expect((await testTeamCommonGround('not a url')).message).toContain('not a valid http(s) URL');
	});
});

describe('credential tests against the emulator', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator({ port: 0, quiet: true, commonRoom: { ratePerSecond: null }, teamCommonGround: { perMinute: null } });
	});
	afterAll(async () => {
		await emulator.stop();
	});

	it('Common Room: the demo token connects to the seeded community; an unknown token is rejected', async () => {
		expect(await testCommonRoom(emulator.commonRoomBaseUrl, emulator.tokens.commonRoom)).toEqual({
			status: 'OK',
			message: 'Connected to Common Room community "Emulated Community"',
		});
		const rejected = await testCommonRoom(emulator.commonRoomBaseUrl, 'cr_unknown_token_000');
		expect(rejected.status).toBe('Error');
		expect(rejected.message).toMatch(/^The API token was rejected: /);
	});

	it('Team Common Ground: the demo key is accepted and nothing is created; an unknown key is rejected', async () => {
		const before = emulator.state.teamCommonGround.activities().length;
		expect(await testTeamCommonGround(emulator.teamCommonGroundBaseUrl, emulator.tokens.teamCommonGround)).toEqual({ status: 'OK', message: 'API key accepted' });
		expect(emulator.state.teamCommonGround.activities()).toHaveLength(before);
		const rejected = await testTeamCommonGround(emulator.teamCommonGroundBaseUrl, 'tcg_unknown_key_000');
		expect(rejected.status).toBe('Error');
		expect(rejected.message).toContain('invalid or revoked');
	});

	it('Team Common Ground: a key allow-listed for another network reports this IP', async () => {
		const result = await testTeamCommonGround(emulator.teamCommonGroundBaseUrl, 'tcg_office_only_key_5e6f7a8b');
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The key is valid but this IP \(.+\) is not allow-listed for it/);
	});
});
