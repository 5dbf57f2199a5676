// Common Room v2 segments (create, duplicate names, one list with v1) and the small lookups:
// custom fields, lead scores, tags, activity types, providers (v2 spec: paths./segments,
// /custom-fields, /lead-scores, /tags, /activity-types, /providers).
import type { Emulator } from '../../emulator';
import { commonRoom, startTestEmulator } from './helpers';
import { commonRoomV2, ids } from './commonroomV2.helpers';

let emulator: Emulator;
let v2: ReturnType<typeof commonRoomV2>;

beforeAll(async () => {
	emulator = await startTestEmulator();
	v2 = commonRoomV2(emulator);
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

describe('POST /segments', () => {
	it('201 { id, name }; the segment is listed by v2 and v1, and v1 can add contacts to it', async () => {
		const created = await v2.post('/segments', { name: '  Webinar attendees ', description: 'From **n8n**' });
		expect(created.status).toBe(201);
		expect(created.body).toEqual({ success: true, data: { id: 's_503', name: 'Webinar attendees' } });
		expect((await v2.get('/segments/s_503?cols=entityCount')).body.data).toEqual({ id: 's_503', name: 'Webinar attendees', entityType: 'contact', entityCount: 0 });
		expect((await commonRoom(emulator).get('/segments')).body).toContainEqual({ id: 503, name: 'Webinar attendees' });
		expect((await commonRoom(emulator).post('/segments/503', { socialType: 'email', value: 'ada@example.com' })).status).toBe(200);
		expect((await v2.get('/segments/s_503?cols=entityCount')).body.data.entityCount).toBe(1);
		expect(ids((await v2.get('/contacts?segmentId=s_503')).body.data)).toEqual(['c_100001']);
	});

	it('an existing name (trimmed, any case) → 409 conflict; nothing is created', async () => {
		for (const name of ['Champions', ' champions ', 'CHAMPIONS']) {
			const res = await v2.post('/segments', { name });
			expect(res.status).toBe(409);
			expect(res.body).toEqual({ success: false, error: { code: 'conflict', message: 'a segment named "Champions" already exists (s_501)' } });
		}
		expect((await v2.post('/segments', { name: 'Fresh' })).status).toBe(201);
		expect((await v2.post('/segments', { name: 'fresh' })).status).toBe(409);
		expect(ids((await v2.get('/segments')).body.data)).toEqual(['s_501', 's_502', 's_503']);
	});

	it('an organization segment is created; object segments need an object type, and none exists', async () => {
		expect((await v2.post('/segments', { name: 'Key accounts', entityType: 'organization' })).status).toBe(201);
		expect((await v2.get('/segments/s_503')).body.data.entityType).toBe('organization');
		const cases: Array<[unknown, number, string]> = [
			[{ name: 'Objects', entityType: 'object' }, 400, 'invalid_parameters'],
			[{ name: 'Objects', entityType: 'object', objectTypeId: '12' }, 400, 'invalid_object_type_id'],
			[{ name: 'Objects', entityType: 'object', objectTypeId: 'cot_12' }, 404, 'object_type_not_found'],
		];
		for (const [body, status, code] of cases) {
			const res = await v2.post('/segments', body);
			expect([res.status, res.body.error.code]).toEqual([status, code]);
		}
	});

	it('bad bodies → 400 invalid_parameters', async () => {
		const bodies = [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(501) }, { name: 42 }, { name: 'A', entityType: 'member' }, { name: 'A', description: 5 }];
		for (const body of bodies) {
			const res = await v2.post('/segments', body);
			expect([JSON.stringify(body).slice(0, 40), res.status, res.body.error?.code]).toEqual([JSON.stringify(body).slice(0, 40), 400, 'invalid_parameters']);
		}
		for (const rawBody of ['', 'not json']) {
			const res = await v2.raw('/segments', { method: 'POST', rawBody });
			expect([res.status, res.body.error.code]).toEqual([400, 'invalid_parameters']);
		}
		expect((await v2.post('/segments', { name: 'x'.repeat(500) })).status).toBe(201);
	});
});

describe('GET /segments/{id}', () => {
	it('cols entityCount and url; another shape → 400 invalid_segment_id, unknown → 404 segment_not_found', async () => {
		expect((await v2.get('/segments/s_501?cols=url')).body.data).toEqual({
			id: 's_501',
			name: 'Champions',
			entityType: 'contact',
			url: 'https://app.commonroom.io/community/8p980hdo0/segment/501',
		});
		for (const id of ['501', 'c_501', 's_']) expect((await v2.get(`/segments/${id}`)).body.error.code).toBe('invalid_segment_id');
		const missing = await v2.get('/segments/s_9');
		expect([missing.status, missing.body.error.code]).toEqual([404, 'segment_not_found']);
		expect((await v2.get('/segments/s_501?cols=recordCount')).status).toBe(400);
	});
});

describe('custom fields', () => {
	it('v1 member fields as contact fields, cf_ ids; enum → string with its values as sampleValues', async () => {
		const res = await v2.get('/custom-fields');
		expect(res.body.data).toHaveLength(15);
		expect(res.body.data[0]).toEqual({
			id: 'cf_101',
			name: 'Plan',
			entityTypes: ['contact'],
			keyField: false,
			valueType: 'string',
			sampleValues: [
				{ type: 'string', value: 'Free' },
				{ type: 'string', value: 'Pro' },
				{ type: 'string', value: 'Enterprise' },
			],
			description: null,
			targetSubTypes: [],
			providedBy: null,
		});
		expect((await v2.get('/custom-fields/cf_104')).body.data).toMatchObject({ id: 'cf_104', name: 'Signup date', valueType: 'date' });
		expect((await v2.get('/custom-fields?entityType=contact')).body.data).toHaveLength(15);
		expect((await v2.get('/custom-fields?entityType=organization')).body).toEqual({ success: true, data: [] });
		expect((await v2.get('/custom-fields?entityType=cot_1')).body.data).toEqual([]);
		expect((await v2.get('/custom-fields?entityType=member')).body.error.code).toBe('invalid_parameters');
		expect((await v2.get('/custom-fields/101')).body.error.code).toBe('invalid_custom_field_id');
		const missing = await v2.get('/custom-fields/cf_1');
		expect([missing.status, missing.body.error.code]).toEqual([404, 'custom_field_not_found']);
	});
});

describe('lead scores, tags, activity types, providers', () => {
	it('lead-score definitions (ls_ ids), disabled ones too', async () => {
		const res = await v2.get('/lead-scores');
		expect(res.body.data).toContainEqual({ id: 'ls_1', name: 'Engagement', enabled: true, entityType: 'contact', isPrimaryScore: true });
		expect(ids(res.body.data)).toEqual(['ls_1', 'ls_2', 'ls_3', 'ls_4']);
		expect((await v2.get('/lead-scores/ls_4')).body.data).toEqual({ id: 'ls_4', name: 'Legacy score', enabled: false, entityType: 'contact', isPrimaryScore: false });
		expect((await v2.get('/lead-scores/4')).body.error.code).toBe('invalid_parameters');
		expect((await v2.get('/lead-scores/ls_9')).status).toBe(404);
	});

	it('tags: live v1 tags as l_ ids with v2 entity types, paged', async () => {
		const first = await v2.get('/tags?limit=3');
		expect(first.body.data).toEqual([
			{ id: 'l_1001', name: 'VIP', description: 'Very important people', entityTypes: ['contact'] },
			{ id: 'l_1002', name: 'Beta tester', description: null, entityTypes: ['contact', 'activity'] },
			{ id: 'l_1003', name: 'Feature request', description: null, entityTypes: ['activity'] },
		]);
		const second = await v2.get(`/tags?limit=3&cursor=${encodeURIComponent(first.body.meta.nextCursor)}`);
		expect(second.body).toEqual({ success: true, data: [{ id: 'l_1005', name: 'Enterprise account', description: null, entityTypes: ['organization'] }], meta: { nextCursor: null } });
		expect((await v2.get('/tags/l_1001')).body.data.name).toBe('VIP');
		expect((await v2.get('/tags/l_1004')).status).toBe(404); // deleted in v1
		expect((await v2.get('/tags/1001')).status).toBe(400);
	});

	it('activity types and providers (sig_ ids, as activities name them)', async () => {
		expect((await v2.get('/activity-types')).body.data).toContainEqual({ id: 'signed_up', displayName: 'Signed up' });
		expect((await v2.get('/providers')).body).toEqual({
			success: true,
			data: [
				{ id: 'sig_12345', name: 'n8n API signal', serviceName: 'api' },
				{ id: 'sig_23456', name: 'Warehouse sync', serviceName: 'api' },
			],
			meta: { nextCursor: null },
		});
	});
});
