// Common Room v2 organizations and activities (v2 spec: paths./organizations, /activities):
// organizations from the seed and from contacts' company domains, v1 activities with their contact.
import type { Emulator } from '../../emulator';
import { startTestEmulator } from './helpers';
import { commonRoomV2, ids, upsertV1Activity, upsertV1User } from './commonroomV2.helpers';

let emulator: Emulator;
let v2: ReturnType<typeof commonRoomV2>;
const ADA = 'c_100001';

beforeAll(async () => {
	emulator = await startTestEmulator();
	v2 = commonRoomV2(emulator);
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

describe('organizations', () => {
	it('the seeded ones, with the contacts whose company name matches; columns on request', async () => {
		const res = await v2.get('/organizations?cols=contactsCount,employees,location,about,topContacts,url,recordCount');
		expect(res.status).toBe(200);
		expect(res.body.meta).toEqual({ nextCursor: null, recordCount: 2 });
		expect(res.body.data[0]).toEqual({
			id: 'o_3001',
			name: 'Analytical Engines',
			primaryDomain: 'analytical-engines.example',
			about: 'Mechanical general-purpose computers',
			contactsCount: 1,
			employees: 12,
			location: { city: 'London', country: 'United Kingdom' },
			topContacts: [{ id: ADA, name: 'Ada Lovelace', fullName: 'Ada Lovelace', primaryEmail: 'ada@example.com', title: 'Founder' }],
			url: 'https://app.commonroom.io/community/8p980hdo0/organization/3001',
		});
		expect((await v2.get('/organizations/o_3002')).body).toEqual({ success: true, data: { id: 'o_3002', name: 'Navy', primaryDomain: 'navy.example' } });
	});

	it('a company domain sent through v1 makes an organization with a stable id derived from the domain', async () => {
		await upsertV1User(emulator, { id: 'k', email: 'k@example.com', companyName: 'NASA', companyDomain: 'https://www.NASA.example/' });
		const first = (await v2.get('/organizations?primaryDomain=nasa.example')).body.data;
		expect(first).toEqual([{ id: expect.stringMatching(/^o_\d+$/), name: 'NASA', primaryDomain: 'nasa.example' }]);
		emulator.reset();
		await upsertV1User(emulator, { id: 'other', email: 'o@example.com', companyDomain: 'elsewhere.example' });
		await upsertV1User(emulator, { id: 'd', email: 'd@example.com', companyName: 'Nasa', companyDomain: 'nasa.example' });
		expect((await v2.get('/organizations?primaryDomain=nasa.example')).body.data[0].id).toBe(first[0].id);
	});

	it('name and primaryDomain filters match exactly (case-insensitively); no match → empty list', async () => {
		expect(ids((await v2.get('/organizations?name=navy')).body.data)).toEqual(['o_3002']);
		expect(ids((await v2.get('/organizations?name=Analytical')).body.data)).toEqual([]);
		expect(ids((await v2.get('/organizations?primaryDomain=Analytical-Engines.example')).body.data)).toEqual(['o_3001']);
		expect(ids((await v2.get('/organizations?primaryDomain=navy.example&name=Analytical%20Engines')).body.data)).toEqual([]);
	});

	it('sort=member_count and an organization lead score (ls_3: 5 points per activity of its contacts)', async () => {
		await upsertV1User(emulator, { id: 'n2', email: 'n2@example.com', companyName: 'Navy' });
		await upsertV1Activity(emulator, { id: 'e1', activityType: 'attended_event', user: { id: 'ada@example.com', email: 'ada@example.com' } });
		expect(ids((await v2.get('/organizations?sort=member_count&direction=desc')).body.data)).toEqual(['o_3002', 'o_3001']);
		const scored = await v2.get('/organizations?sort=ls_3&direction=desc&cols=leadScores');
		expect(scored.body.data.map((o: { id: string; leadScores: unknown }) => [o.id, o.leadScores])).toEqual([
			['o_3001', [{ scoreId: 3, score: 5, percentile: 50 }]],
			['o_3002', [{ scoreId: 3, score: 0, percentile: 0 }]],
		]);
		for (const sort of ['name', 'ls_1', 'cf_101']) expect((await v2.get(`/organizations?sort=${sort}`)).status).toBe(400);
	});

	it('ids: another shape → 400 invalid_organization_id, unknown → 404 org_not_found', async () => {
		for (const id of ['c_3001', '3001', 'o_x']) {
			const res = await v2.get(`/organizations/${id}`);
			expect([id, res.status, res.body.error.code]).toEqual([id, 400, 'invalid_organization_id']);
		}
		const missing = await v2.get('/organizations/o_1');
		expect(missing.status).toBe(404);
		expect(missing.body).toEqual({ success: false, error: { code: 'org_not_found', message: 'organization o_1 not found' } });
	});
});

describe('activities', () => {
	beforeEach(async () => {
		await upsertV1Activity(emulator, {
			id: 'evt-1',
			activityType: 'signed_up',
			timestamp: '2026-03-01T09:00:00+02:00',
			user: { id: 'ada@example.com', email: 'ada@example.com' },
			content: { type: 'text', value: 'Signed up' },
			url: 'https://example.com/e/1',
			subSource: { type: 'name', name: 'Website' },
		});
		await upsertV1Activity(emulator, {
			id: 'evt-2',
			activityType: 'replied',
			timestamp: '2026-03-05T12:00:00Z',
			user: { id: 'grace@example.com', email: 'grace@example.com' },
			parentActivity: { id: 'evt-1', activityType: 'signed_up' },
		});
		await upsertV1Activity(emulator, { id: 'evt-3', activityType: 'purchased', timestamp: '2026-02-01T00:00:00Z', user: { id: 'new@example.com', email: 'new@example.com' } });
	});

	it('v1 activities with their contact, numbered a_1… in the order stored, sorted by activityTime by default', async () => {
		const res = await v2.get('/activities?cols=contactId,content,providerId,providerName,replyCount,subSourceNames,url,isUserInitiated,sentiment,participantCount');
		expect(res.status).toBe(200);
		expect(ids(res.body.data)).toEqual(['a_3', 'a_1', 'a_2']);
		expect(res.body.data[1]).toEqual({
			id: 'a_1',
			type: 'signed_up',
			activityTime: '2026-03-01T07:00:00.000Z',
			contactId: ADA,
			content: 'Signed up',
			isUserInitiated: true,
			participantCount: 1,
			providerId: 'sig_12345',
			providerName: 'n8n API signal',
			replyCount: 1,
			sentiment: null,
			subSourceNames: ['Website'],
			url: 'https://example.com/e/1',
		});
		expect(res.body.data[0].contactId).toBe(`c_${emulator.state.commonRoom.contacts().find((c) => c.id === 'new@example.com')?.memberId}`);
		expect((await v2.get('/activities?sort=id&direction=desc')).body.data).toEqual([
			{ id: 'a_3', type: 'purchased', activityTime: '2026-02-01T00:00:00.000Z' },
			{ id: 'a_2', type: 'replied', activityTime: '2026-03-05T12:00:00.000Z' },
			{ id: 'a_1', type: 'signed_up', activityTime: '2026-03-01T07:00:00.000Z' },
		]);
	});

	it('an update through v1 keeps the activity id', async () => {
		await upsertV1Activity(emulator, { id: 'evt-1', activityType: 'signed_up', user: { id: 'ada@example.com' }, content: { type: 'text', value: 'Edited' } });
		expect((await v2.get('/activities/a_1?cols=content')).body.data).toMatchObject({ id: 'a_1', content: 'Edited', activityTime: '2026-03-01T07:00:00.000Z' });
	});

	it('filters: contactId, organizationId, startDate / endDate (inclusive)', async () => {
		expect(ids((await v2.get(`/activities?contactId=${ADA}`)).body.data)).toEqual(['a_1']);
		expect(ids((await v2.get('/activities?organizationId=o_3002')).body.data)).toEqual(['a_2']);
		expect(ids((await v2.get('/activities?startDate=2026-03-01T07:00:00Z')).body.data)).toEqual(['a_1', 'a_2']);
		expect(ids((await v2.get('/activities?endDate=2026-03-01T09:00:00%2B02:00')).body.data)).toEqual(['a_3', 'a_1']);
		expect(ids((await v2.get('/activities?startDate=2026-02-15T00:00:00Z&endDate=2026-03-02T00:00:00Z')).body.data)).toEqual(['a_1']);
		expect((await v2.get('/activities?contactId=c_424242')).body.data).toEqual([]);
	});

	it('bad filters → 400 with the spec codes', async () => {
		const cases: Array<[string, string]> = [
			['contactId=o_1', 'invalid_contact_id'],
			['organizationId=c_1', 'invalid_organization_id'],
			['startDate=yesterday', 'invalid_parameters'],
			['endDate=2026-03-01', 'invalid_parameters'],
			['startDate=2026-03-02T00:00:00Z&endDate=2026-03-01T00:00:00Z', 'invalid_parameters'],
			['sort=latest_activity', 'invalid_parameters'],
			['cols=recordCount,bogus', 'invalid_parameters'],
		];
		for (const [query, code] of cases) {
			const res = await v2.get(`/activities?${query}`);
			expect([query, res.status, res.body.error?.code]).toEqual([query, 400, code]);
		}
	});

	it('GET /activities/{id}: another shape → 400 invalid_activity_id, unknown → 404 activity_not_found', async () => {
		expect((await v2.get('/activities/a_2')).body).toEqual({ success: true, data: { id: 'a_2', type: 'replied', activityTime: '2026-03-05T12:00:00.000Z' } });
		for (const id of ['c_1', 'a_', 'evt-1']) {
			const res = await v2.get(`/activities/${id}`);
			expect([id, res.status, res.body.error.code]).toEqual([id, 400, 'invalid_activity_id']);
		}
		for (const id of ['a_0', 'a_4']) {
			const res = await v2.get(`/activities/${id}`);
			expect([id, res.status, res.body.error.code]).toEqual([id, 404, 'activity_not_found']);
		}
	});
});
