/**
 * Both credentials' connection tests, run as n8n runs them (see ../credentialTester.ts) against
 * the emulator: what a user sees after pressing "Test" for a good key, a wrong key, a key whose
 * IP allow-list excludes this machine, and a wrong base URL. The Team Common Ground test must
 * create nothing.
 */
import { startEmulator, type Emulator } from '../../emulator';
import { testCredential } from '../credentialTester';

describe('credential tests', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator({ port: 0 });
	});
	beforeEach(() => emulator.reset());
	afterAll(async () => await emulator.stop());

	describe('Common Room API', () => {
		it('passes for a valid token, calling GET /api-token-status', async () => {
			const outcome = await testCredential('commonRoomApi', {
				apiToken: emulator.tokens.commonRoom,
				baseUrl: emulator.commonRoomBaseUrl,
			});
			expect(outcome).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(emulator.log().map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
				'GET /community/v1/api-token-status 200',
			]);
		});

		it('fails for a wrong token with a message saying where to fix it, without the token', async () => {
			const outcome = await testCredential('commonRoomApi', {
				apiToken: 'cr_wrong_token_for_test',
				baseUrl: `${emulator.commonRoomBaseUrl}/`,
			});
			expect(outcome.status).toBe('Error');
			expect(outcome.message).toMatch(/rejected the API token.*Settings > API tokens/);
			expect(outcome.message).not.toContain('cr_wrong_token_for_test');
		});

		it('fails for a base URL that is not the Common Room API', async () => {
			const outcome = await testCredential('commonRoomApi', {
				apiToken: emulator.tokens.commonRoom,
				baseUrl: `${emulator.url}/nothing-here`,
			});
			expect(outcome.status).toBe('Error');
		});
	});

	describe('Team Common Ground API', () => {
		it('passes for a valid key and creates nothing', async () => {
			const before = emulator.state.teamCommonGround.activities().length;
			const outcome = await testCredential('teamCommonGroundApi', {
				apiKey: emulator.tokens.teamCommonGround,
				baseUrl: emulator.teamCommonGroundBaseUrl,
			});
			expect(outcome).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(emulator.state.teamCommonGround.activities()).toHaveLength(before);
			expect(emulator.log().map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
				'POST /v1/activities 400',
			]);
		});

		it('fails for an invalid key, saying so', async () => {
			const outcome = await testCredential('teamCommonGroundApi', {
				apiKey: 'tcg_not_a_real_key',
				baseUrl: emulator.teamCommonGroundBaseUrl,
			});
			expect(outcome).toEqual({ status: 'Error', message: expect.stringMatching(/invalid or revoked/) });
			expect(outcome.message).not.toContain('tcg_not_a_real_key');
		});

		it('fails for a key whose IP allow-list excludes this machine, saying so', async () => {
			const outcome = await testCredential('teamCommonGroundApi', {
				apiKey: 'tcg_office_only_key_5e6f7a8b',
				baseUrl: emulator.teamCommonGroundBaseUrl,
			});
			expect(outcome).toEqual({ status: 'Error', message: expect.stringMatching(/not on its allow-list/) });
		});

		it('fails for a base URL where no Team Common Ground answers', async () => {
			const outcome = await testCredential('teamCommonGroundApi', {
				apiKey: emulator.tokens.teamCommonGround,
				baseUrl: `${emulator.url}/community/v1`,
			});
			expect(outcome.status).toBe('Error');
		});
	});
});
