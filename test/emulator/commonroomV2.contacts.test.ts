// Common Room v2 contacts from the v1 store (v2 spec: paths./contacts, /contacts/{id},
// components/schemas/Contact): v1 upserts show in v2, columns, filters, sorts, id shapes.
import type { Emulator } from '../../emulator';
import { DEMO, commonRoom, startTestEmulator } from './helpers';
import { commonRoomV2, ids, upsertV1Activity, upsertV1User } from './commonroomV2.helpers';

let emulator: Emulator;
let v2: ReturnType<typeof commonRoomV2>;
const ADA = 'c_100001';
const GRACE = 'c_100002';

beforeAll(async () => {
	emulator = await startTestEmulator();
	v2 = commonRoomV2(emulator);
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const contactIdOf = (email: string) => `c_${emulator.state.commonRoom.contacts().find((c) => c.email === email)?.memberId}`;

describe('contacts come from the v1 store', () => {
	it('the demo contacts: ids c_<member id>, only id and name without cols', async () => {
		const res = await v2.get('/contacts');
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			success: true,
			data: [
				{ id: ADA, name: 'Ada Lovelace' },
				{ id: GRACE, name: 'Grace Hopper' },
			],
			meta: { nextCursor: null },
		});
	});

	it('a contact upserted through v1 is in v2 at once, with the fields v1 stored', async () => {
		await upsertV1User(emulator, {
			id: 'crm-77',
			email: 'Katherine@Example.com',
			firstName: 'Katherine',
			lastName: 'Johnson',
			titleAtCompany: 'Mathematician',
			companyName: 'NASA',
			companyDomain: 'https://www.nasa.example/about',
			city: 'Hampton',
			country: 'United States',
			twitter: { type: 'handle', value: '@kj' },
			tags: [{ type: 'name', name: 'VIP' }],
			customFields: [
				{ id: 101, value: { type: 'enum', value: 'Pro' } },
				{ id: 104, value: { type: 'date', value: '2026-02-28' } },
				{ id: 108, value: { type: 'enum', value: ['Go', 'Rust'] } },
			],
		});
		const id = contactIdOf('Katherine@Example.com');
		const cols = 'fullName,primaryEmail,title,companyName,companyWebsite,location,profiles,tags,url,phoneNumbers,cf_*';
		const res = await v2.get(`/contacts/${id}?cols=${cols}`);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			success: true,
			data: {
				id,
				name: 'Katherine Johnson',
				fullName: 'Katherine Johnson',
				location: { city: 'Hampton', country: 'United States' },
				primaryEmail: 'Katherine@Example.com',
				phoneNumbers: [],
				title: 'Mathematician',
				companyName: 'NASA',
				companyWebsite: 'https://www.nasa.example/about',
				profiles: [{ type: 'twitter', value: 'kj' }],
				tags: ['l_1001'],
				url: `https://app.commonroom.io/community/8p980hdo0/member/${id.slice(2)}`,
				customFields: {
					cf_101: { type: 'string', value: 'Pro' },
					cf_104: { type: 'date', value: '2026-02-28T00:00:00.000Z' },
					cf_108: { type: 'string', value: ['Go', 'Rust'] },
				},
			},
		});
		const one = await v2.get(`/contacts/${id}?cols=cf_102,cf_101`);
		expect(one.body.data.customFields).toEqual({ cf_101: { type: 'string', value: 'Pro' } });
	});

	it('the same email through another source is the same v2 contact; the later write wins field by field', async () => {
		await upsertV1User(emulator, { id: 'wh-1', email: 'ADA@example.com', titleAtCompany: 'Countess' }, DEMO.commonRoom.warehouseSourceId);
		const list = await v2.get('/contacts?cols=title,fullName');
		expect(list.body.data).toEqual([
			{ id: ADA, name: 'Ada Lovelace', fullName: 'Ada Lovelace', title: 'Countess' },
			{ id: GRACE, name: 'Grace Hopper', fullName: 'Grace Hopper', title: null },
		]);
	});

	it('leadScores, segments and recentActivities columns', async () => {
		for (const [id, activityType] of [['a1', 'purchased'], ['a2', 'replied'], ['a3', 'product_usage']]) {
			await upsertV1Activity(emulator, { id, activityType, timestamp: `2026-05-0${id.slice(1)}T10:00:00Z`, user: { id: 'ada@example.com', email: 'ada@example.com' } });
		}
		await commonRoom(emulator).post('/segments/501', { socialType: 'email', value: 'ada@example.com' });
		const res = await v2.get(`/contacts/${ADA}?cols=leadScores,segments,recentActivities`);
		expect(res.body.data.leadScores).toEqual([
			{ scoreId: 1, score: 30, percentile: 50 },
			{ scoreId: 2, score: 50, percentile: 50 },
		]);
		expect(res.body.data.segments).toEqual([{ id: 's_501', name: 'Champions' }]);
		expect(res.body.data.recentActivities.map((a: { type: string }) => a.type)).toEqual(['product_usage', 'replied', 'purchased']);
		expect(res.body.data.recentActivities[0]).toMatchObject({ activityTime: '2026-05-03T10:00:00.000Z', contactId: ADA, providerId: 'sig_12345' });
	});

	it('cols: unknown columns and unknown custom fields → 400 invalid_parameters; recordCount only on the list', async () => {
		for (const cols of ['nope', 'fullName,nope', 'cf_999', 'recordCount']) {
			const res = await v2.get(`/contacts/${ADA}?cols=${cols}`);
			expect([cols, res.status, res.body.error?.code]).toEqual([cols, 400, 'invalid_parameters']);
		}
		expect((await v2.get('/contacts?cols=recordCount')).body.meta).toEqual({ nextCursor: null, recordCount: 2 });
	});
});

describe('ids (v2 spec: "Bad Request (e.g. invalid contact ID)", 404 "Contact not found")', () => {
	it.each(['o_100001', '100001', 'c_', 'c_abc', 'C_100001', 'c_1.5'])('%s → 400 invalid_contact_id', async (id) => {
		const res = await v2.get(`/contacts/${encodeURIComponent(id)}`);
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ success: false, error: { code: 'invalid_contact_id', message: expect.any(String) } });
	});

	it('an unknown c_ id → 404 contact_not_found', async () => {
		const res = await v2.get('/contacts/c_999');
		expect(res.status).toBe(404);
		expect(res.body).toEqual({ success: false, error: { code: 'contact_not_found', message: 'contact c_999 not found' } });
	});
});

describe('filters', () => {
	beforeEach(async () => {
		await upsertV1User(emulator, { id: 'k', email: 'k@example.com', fullName: 'Katherine Johnson', companyName: 'NASA', companyDomain: 'nasa.example' });
		await upsertV1User(emulator, { id: 'd', email: 'd@example.com', fullName: 'Dorothy Vaughan', companyDomain: 'NASA.example' });
		await upsertV1User(emulator, { id: 'm', email: 'm@example.com', fullName: 'Mary Jackson', companyName: 'nasa' });
	});

	it('organizationId: the contacts of that organization (by domain, or by name without one)', async () => {
		const org = (await v2.get('/organizations?primaryDomain=nasa.example')).body.data[0];
		const res = await v2.get(`/contacts?organizationId=${org.id}`);
		expect(res.body.data.map((c: { name: string }) => c.name)).toEqual(['Katherine Johnson', 'Dorothy Vaughan', 'Mary Jackson']);
		expect(ids((await v2.get('/contacts?organizationId=o_3001')).body.data)).toEqual([ADA]);
		expect((await v2.get('/contacts?organizationId=o_1')).body.data).toEqual([]);
		const bad = await v2.get('/contacts?organizationId=c_1');
		expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_organization_id']);
	});

	it('segmentId: members v1 added to the segment', async () => {
		await commonRoom(emulator).post('/segments/502', { socialType: 'email', value: 'grace@example.com, k@example.com' });
		expect(ids((await v2.get('/contacts?segmentId=s_502')).body.data)).toEqual([GRACE, contactIdOf('k@example.com')]);
		expect((await v2.get('/contacts?segmentId=s_501')).body.data).toEqual([]);
		expect((await v2.get('/contacts?segmentId=s_999')).body.data).toEqual([]);
		for (const bad of ['502', 'o_502', 's_x', '']) {
			const res = await v2.get(`/contacts?segmentId=${bad}`);
			expect([bad, res.status, res.body.error.code]).toEqual([bad, 400, 'invalid_segment_id']);
		}
	});
});

describe('sorts (v2 spec: id, latest_activity, name, ls_<number>, cf_<number>; direction asc | desc)', () => {
	beforeEach(async () => {
		await upsertV1User(emulator, { id: 'b', email: 'b@example.com', fullName: 'bob Builder', customFields: [{ id: 102, value: { type: 'int', value: 7 } }] });
		await upsertV1User(emulator, { id: 'z', email: 'z@example.com', fullName: 'Zoe Zeta', customFields: [{ id: 102, value: { type: 'int', value: 3 } }] });
		await upsertV1Activity(emulator, { id: 'x1', activityType: 'replied', timestamp: '2026-04-01T00:00:00Z', user: { id: 'z', email: 'z@example.com' } });
		await upsertV1Activity(emulator, { id: 'x2', activityType: 'replied', timestamp: '2026-04-02T00:00:00Z', user: { id: 'z', email: 'z@example.com' } });
		await upsertV1Activity(emulator, { id: 'x3', activityType: 'replied', timestamp: '2026-06-01T00:00:00Z', user: { id: 'grace@example.com', email: 'grace@example.com' } });
	});
	const names = async (query: string) => (await v2.get(`/contacts?${query}`)).body.data.map((c: { name: string }) => c.name);

	it('name, case-insensitively, both directions', async () => {
		expect(await names('sort=name')).toEqual(['Ada Lovelace', 'bob Builder', 'Grace Hopper', 'Zoe Zeta']);
		expect(await names('sort=name&direction=desc')).toEqual(['Zoe Zeta', 'Grace Hopper', 'bob Builder', 'Ada Lovelace']);
	});

	// Ties fall back to the id, in the same direction.
	it('latest_activity: contacts without activity last, in both directions', async () => {
		expect(await names('sort=latest_activity&direction=desc')).toEqual(['Grace Hopper', 'Zoe Zeta', 'bob Builder', 'Ada Lovelace']);
		expect(await names('sort=latest_activity')).toEqual(['Zoe Zeta', 'Grace Hopper', 'Ada Lovelace', 'bob Builder']);
	});

	it('a lead score (ls_1: 10 points per activity) and a custom field (cf_102 Seats)', async () => {
		expect(await names('sort=ls_1&direction=desc')).toEqual(['Zoe Zeta', 'Grace Hopper', 'bob Builder', 'Ada Lovelace']);
		expect(await names('sort=ls_1')).toEqual(['Ada Lovelace', 'bob Builder', 'Grace Hopper', 'Zoe Zeta']);
		expect(await names('sort=cf_102')).toEqual(['Zoe Zeta', 'bob Builder', 'Ada Lovelace', 'Grace Hopper']);
		expect(await names('sort=cf_102&direction=desc')).toEqual(['bob Builder', 'Zoe Zeta', 'Grace Hopper', 'Ada Lovelace']);
	});

	it('sorts the spec does not allow, or ids that do not exist → 400 invalid_parameters', async () => {
		for (const query of ['sort=email', 'sort=ls_3', 'sort=ls_99', 'sort=cf_999', 'direction=up', 'sort=']) {
			const res = await v2.get(`/contacts?${query}`);
			expect([query, res.status, res.body.error?.code]).toEqual([query, 400, 'invalid_parameters']);
		}
	});
});
