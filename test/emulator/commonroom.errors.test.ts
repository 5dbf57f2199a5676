// Every documented Common Room error: 400 invalid-request-body, 404 source, auth, routing, size.
import type { Emulator } from '../../emulator';
import { CR_DOCS_URL } from '../../emulator/commonroom/responses';
import { DEMO, call, commonRoom, startTestEmulator, type CallResult } from './helpers';

let emulator: Emulator;
let cr: ReturnType<typeof commonRoom>;
const SOURCE = DEMO.commonRoom.sourceId;

beforeAll(async () => {
	emulator = await startTestEmulator();
	cr = commonRoom(emulator);
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

function expectInvalidBody(res: CallResult, detail: RegExp | string) {
	expect(res.status).toBe(400);
	expect(res.body).toMatchObject({ reason: 'invalid-request-body', docs: CR_DOCS_URL });
	expect(res.body.errors.join('\n')).toMatch(detail);
}

describe('400 invalid-request-body (v1 spec: components/responses/InvalidRequest)', () => {
	const userCases: Array<[string, unknown, RegExp | string]> = [
		['missing id', { email: 'a@example.com' }, /^id: Required/],
		['id not a string', { id: 5 }, /^id: Expected string/],
		['email not an email', { id: 'a', email: 'not-an-email' }, /email: Invalid email/],
		['twitter without type', { id: 'a', twitter: { value: '@a' } }, /twitter.type/],
		['discord without discriminator', { id: 'a', discord: { username: 'a' } }, /discord.discriminator/],
		['externalProfiles without url', { id: 'a', externalProfiles: [{ name: 'x' }] }, /externalProfiles.0.url/],
		['tag with unknown type', { id: 'a', tags: [{ type: 'label', name: 'x' }] }, /tags.0.type/],
		['tag by id that does not exist', { id: 'a', tags: [{ type: 'id', id: '999' }] }, /tags.0.id: tag 999 not found/],
		['tag by id that is deleted', { id: 'a', tags: [{ type: 'id', id: '1004' }] }, /tag 1004 not found/],
		['tag by id for another entity type', { id: 'a', tags: [{ type: 'id', id: '1003' }] }, /cannot be assigned to a member/],
		['unknown custom field', { id: 'a', customFields: [{ id: 999, value: { type: 'string', value: 'x' } }] }, /unknown custom field 999/],
		['custom field without id', { id: 'a', customFields: [{ value: { type: 'string', value: 'x' } }] }, /customFields.0.id/],
		['custom field value without value.value', { id: 'a', customFields: [{ id: 107, value: { type: 'string' } }] }, /customFields.0.value.value/],
		['type differs from the field', { id: 'a', customFields: [{ id: 102, value: { type: 'string', value: '3' } }] }, /has type int, got string/],
		['int not an integer', { id: 'a', customFields: [{ id: 102, value: { type: 'int', value: 2.5 } }] }, /integer/],
		['int as a string', { id: 'a', customFields: [{ id: 102, value: { type: 'int', value: '2' } }] }, /integer/],
		['number as a string', { id: 'a', customFields: [{ id: 103, value: { type: 'number', value: '9.5' } }] }, /a number/],
		['date with time', { id: 'a', customFields: [{ id: 104, value: { type: 'date', value: '2026-01-01T00:00:00Z' } }] }, /YYYY-MM-DD/],
		['impossible date', { id: 'a', customFields: [{ id: 104, value: { type: 'date', value: '2026-02-30' } }] }, /YYYY-MM-DD/],
		['url not absolute', { id: 'a', customFields: [{ id: 105, value: { type: 'url', value: 'example.com' } }] }, /http\(s\) URL/],
		['boolean as a string', { id: 'a', customFields: [{ id: 106, value: { type: 'boolean', value: 'true' } }] }, /true or false/],
		['string as a number', { id: 'a', customFields: [{ id: 107, value: { type: 'string', value: 7 } }] }, /a string/],
		['enum outside values', { id: 'a', customFields: [{ id: 101, value: { type: 'enum', value: 'Gold' } }] }, /one of \["Free","Pro","Enterprise"\]/],
		['multivalue given a scalar', { id: 'a', customFields: [{ id: 108, value: { type: 'enum', value: 'Go' } }] }, /multivalue; send an array/],
		['multivalue item outside values', { id: 'a', customFields: [{ id: 108, value: { type: 'enum', value: ['Go', 'Cobol'] } }] }, /value.value.1/],
		['single value given an array', { id: 'a', customFields: [{ id: 107, value: { type: 'string', value: ['a'] } }] }, /single-valued/],
		['field not writable by this source', { id: 'a', customFields: [{ id: 120, value: { type: 'number', value: 1 } }] }, /cannot be written by source 12345/],
	];

	it.each(userCases)('POST /source/{id}/user: %s', async (_name, body, detail) => {
		const res = await cr.post(`/source/${SOURCE}/user`, body);
		expectInvalidBody(res, detail);
		expect(emulator.state.commonRoom.contacts()).toHaveLength(2); // the seeded ones only: a 400 stores nothing
		expect(emulator.state.commonRoom.tags()).toHaveLength(5);
	});

	const activity = { id: 'e', activityType: 'signed_up', user: { id: 'u' } };
	const activityCases: Array<[string, unknown, RegExp | string]> = [
		['missing user', { id: 'e', activityType: 'signed_up' }, /^user: Required/],
		['missing activityType', { id: 'e', user: { id: 'u' } }, /^activityType: Required/],
		['unknown activityType', { ...activity, activityType: 'teleported' }, /unknown activity type teleported/],
		['content of unknown type', { ...activity, content: { type: 'html', value: '<b>x</b>' } }, /content.type/],
		['title in markdown (title is TextContent only)', { ...activity, activityTitle: { type: 'markdown', value: 'x' } }, /activityTitle.type/],
		['timestamp not a date-time', { ...activity, timestamp: 'yesterday' }, /timestamp/],
		['parentActivity without activityType', { ...activity, parentActivity: { id: 'p' } }, /parentActivity.activityType/],
		['subSource without name', { ...activity, subSource: { type: 'name' } }, /subSource.name/],
		['activity tag for members only', { ...activity, tags: [{ type: 'id', id: '1001' }] }, /cannot be assigned to an activity/],
		["the user's custom field is invalid", { ...activity, user: { id: 'u', customFields: [{ id: 102, value: { type: 'int', value: 'x' } }] } }, /^user.customFields.0.value.value/],
	];

	it.each(activityCases)('POST /source/{id}/activity: %s', async (_name, body, detail) => {
		const res = await cr.post(`/source/${SOURCE}/activity`, body);
		expectInvalidBody(res, detail);
		expect(emulator.state.commonRoom.activities()).toHaveLength(0);
		expect(emulator.state.commonRoom.contacts()).toHaveLength(2);
	});

	it('a body that is not JSON, or empty', async () => {
		const token = emulator.tokens.commonRoom;
		expectInvalidBody(await call(`${emulator.commonRoomBaseUrl}/source/${SOURCE}/user`, { token, rawBody: '{"id":' }), /not valid JSON/);
		expectInvalidBody(await call(`${emulator.commonRoomBaseUrl}/source/${SOURCE}/user`, { token, method: 'POST' }), /empty/);
	});

	it('tags, segments: invalid bodies', async () => {
		expectInvalidBody(await cr.post('/tags', { name: 'x' }), /entityTypes: Required/);
		expectInvalidBody(await cr.post('/tags', { name: 'x', entityTypes: ['person'] }), /entityTypes.0/);
		expectInvalidBody(await cr.post('/tags/1001', { description: 'no name' }), /name: Required/);
		expectInvalidBody(await cr.post('/segments/501', { socialType: 'phone', value: 'x' }), /socialType/);
		expectInvalidBody(await cr.post('/segments/501', { socialType: 'email', value: 'ada@example.com', statusId: 99 }), /no status 99/);
	});

	it('errors carry the rate-limit headers too', async () => {
		emulator.configure({ commonRoom: { ratePerSecond: 1000 } });
		const res = await cr.post(`/source/${SOURCE}/user`, {});
		expect(res.status).toBe(400);
		expect(res.headers.get('x-ratelimit-limit')).toBe('1000');
		emulator.configure({ commonRoom: { ratePerSecond: null } });
	});
});

describe('404', () => {
	it.each(['999', 'abc', '-1', '12345.0'])('unknown destination source %s → 404 (user and activity)', async (id) => {
		for (const kind of ['user', 'activity']) {
			const res = await cr.post(`/source/${id}/${kind}`, { id: 'a', activityType: 'signed_up', user: { id: 'u' } });
			expect(res.status).toBe(404);
			expect(res.body).toMatchObject({ status: 'not-found' });
		}
	});

	it('the source is checked before the body (404 wins over 400)', async () => {
		expect((await cr.post('/source/999/user', {})).status).toBe(404);
	});

	it('unknown segment → 404', async () => {
		expect((await cr.post('/segments/999', { socialType: 'email', value: 'a@example.com' })).status).toBe(404);
	});

	it('unknown route → 404, wrong method → 405 with Allow', async () => {
		expect((await cr.get('/contacts')).status).toBe(404);
		const res = await cr.delete('/segments');
		expect(res.status).toBe(405);
		expect(res.headers.get('allow')).toBe('GET');
	});

	// /community/v2 is served since issue 17 (README "Choices", v2 alongside v1); v3 is not.
	it('a path outside both APIs → 404', async () => {
		expect((await call(`${emulator.url}/community/v3/contacts`)).status).toBe(404);
	});
});

describe('auth (README "Choices": 401 without a bearer token, 403 for an unknown one)', () => {
	it('no Authorization header → 401', async () => {
		const res = await commonRoom(emulator, null).get('/api-token-status');
		expect(res.status).toBe(401);
		expect(res.body).toMatchObject({ status: 'unauthorized' });
	});

	it('a malformed Authorization header → 401', async () => {
		const res = await call(`${emulator.commonRoomBaseUrl}/segments`, { headers: { Authorization: emulator.tokens.commonRoom } });
		expect(res.status).toBe(401);
	});

	it('an unknown token → 403 { status: "forbidden" } on every path', async () => {
		const bad = commonRoom(emulator, 'cr_not_a_real_token');
		for (const res of [await bad.get('/api-token-status'), await bad.post(`/source/${SOURCE}/user`, { id: 'a' }), await bad.get('/tags')]) {
			expect(res.status).toBe(403);
			expect(res.body).toMatchObject({ status: 'forbidden' });
		}
		expect(emulator.state.commonRoom.contacts()).toHaveLength(2);
	});
});

describe('413', () => {
	it('a body over 1 MB → 413', async () => {
		const res = await cr.post(`/source/${SOURCE}/user`, { id: 'big', bio: 'x'.repeat(1024 * 1024) });
		expect(res.status).toBe(413);
		expect(res.body.reason).toBe('payload-too-large');
	});
});
