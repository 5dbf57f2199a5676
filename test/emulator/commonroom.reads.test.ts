// Common Room v1 reads, segments and tags: every path answers as the spec describes.
import type { Emulator } from '../../emulator';
import { DEMO, commonRoom, startTestEmulator } from './helpers';

let emulator: Emulator;
let cr: ReturnType<typeof commonRoom>;
const SOURCE = DEMO.commonRoom.sourceId;

beforeAll(async () => {
	emulator = await startTestEmulator();
	cr = commonRoom(emulator);
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

describe('reads', () => {
	it('GET /activityTypes lists the seeded types', async () => {
		const res = await cr.get('/activityTypes');
		expect(res.status).toBe(200);
		expect(res.body).toContainEqual({ id: 'signed_up', displayName: 'Signed up' });
	});

	it('GET /members/customFields lists every field; destinationSourceId filters to writable ones', async () => {
		const all = await cr.get('/members/customFields');
		expect(all.status).toBe(200);
		expect(all.body).toHaveLength(15);
		expect(all.body).toContainEqual({ id: 101, name: 'Plan', type: 'enum', multivalue: false, values: ['Free', 'Pro', 'Enterprise'] });
		expect(all.body).toContainEqual({ id: 102, name: 'Seats', type: 'int', multivalue: false });
		const forSource = await cr.get(`/members/customFields?destinationSourceId=${SOURCE}`);
		expect(forSource.body.map((f: { id: number }) => f.id)).not.toContain(120);
		const forWarehouse = await cr.get(`/members/customFields?destinationSourceId=${DEMO.commonRoom.warehouseSourceId}`);
		expect(forWarehouse.body.map((f: { id: number }) => f.id)).toContain(120);
		expect((await cr.get('/members/customFields?destinationSourceId=999')).body).toEqual([]);
	});

	it('GET /user/{email}: [{ id }] case-insensitively, 404 Status otherwise', async () => {
		const res = await cr.get('/user/ADA%40Example.com');
		expect(res.status).toBe(200);
		expect(res.body).toEqual([{ id: expect.any(Number) }]);
		const missing = await cr.get('/user/nobody@example.com');
		expect(missing.status).toBe(404);
		expect(missing.body).toMatchObject({ status: 'not-found' });
	});

	it('DELETE /user/{email}: 200 {status:"success"}, recorded; the contact is kept (anonymised later)', async () => {
		const res = await cr.delete('/user/grace@example.com');
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ status: 'success' });
		expect(emulator.state.commonRoom.deletionRequests()).toEqual(['grace@example.com']);
		expect((await cr.get('/user/grace@example.com')).status).toBe(200);
		expect((await cr.delete('/user/nobody@example.com')).status).toBe(404);
	});

	it('GET /members by email, twitter, github, linkedin', async () => {
		for (const query of ['email=ada@example.com', 'twitter=ada', 'twitter=%40ADA', 'github=ada-l', 'linkedin=in/ada-lovelace', 'linkedin=https://www.linkedin.com/in/ada-lovelace/']) {
			const res = await cr.get(`/members?${query}`);
			expect([query, res.status]).toEqual([query, 200]);
			expect(res.body).toHaveLength(1);
			expect(res.body[0]).toMatchObject({ fullName: 'Ada Lovelace', organization: 'Analytical Engines', title: 'Founder', twitter: '@ada', github: 'ada-l' });
		}
		expect((await cr.get('/members?email=none@example.com')).status).toBe(404);
		const noQuery = await cr.get('/members');
		expect(noQuery.status).toBe(400);
	});
});

describe('segments', () => {
	it('lists segments and statuses', async () => {
		expect((await cr.get('/segments')).body).toEqual([{ id: 501, name: 'Champions' }, { id: 502, name: 'Trial users' }]);
		expect((await cr.get('/segments/501/status')).body).toEqual([{ id: 1, name: 'New' }, { id: 2, name: 'Contacted' }, { id: 3, name: 'Engaged' }]);
		expect((await cr.get('/segments/999/status')).status).toBe(404);
	});

	it('POST /segments/{id} adds existing contacts from a comma-separated list, with a status', async () => {
		const res = await cr.post('/segments/501', { socialType: 'email', value: 'ada@example.com, grace@example.com,nobody@example.com', statusId: 2 });
		expect(res.status).toBe(200);
		const members = emulator.state.commonRoom.segmentMembers(501);
		expect(members.map((m) => [m.emails, m.statusId])).toEqual([
			[['ada@example.com'], 2],
			[['grace@example.com'], 2],
		]);
		await cr.post('/segments/502', { socialType: 'twitter', value: '@ada' });
		expect(emulator.state.commonRoom.segmentMembers(502)).toHaveLength(1);
		const member = await cr.get('/members?email=ada@example.com');
		expect(member.body[0].segments).toEqual([{ id: 501, name: 'Champions' }, { id: 502, name: 'Trial users' }]);
	});
});

describe('tags', () => {
	it('GET /tags lists live tags as { labels }', async () => {
		const res = await cr.get('/tags');
		expect(res.status).toBe(200);
		expect(res.body.labels.map((t: { id: string }) => t.id)).toEqual(['1001', '1002', '1003', '1005']);
		expect(res.body.labels[0]).toEqual({
			id: '1001',
			name: 'VIP',
			description: 'Very important people',
			entityTypes: ['member'],
			createdAt: '2026-01-05T09:00:00.000Z',
			deletedAt: null,
		});
	});

	it('POST /tags returns the existing tag on a case-insensitive name match, else creates', async () => {
		const existing = await cr.post('/tags', { name: 'vip', entityTypes: ['member'] });
		expect(existing.status).toBe(200);
		expect(existing.body.id).toBe('1001');
		const created = await cr.post('/tags', { name: 'Conference 2026', description: 'met at the booth', entityTypes: ['member', 'activity'] });
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({ name: 'Conference 2026', description: 'met at the booth', entityTypes: ['member', 'activity'], deletedAt: null });
		expect((await cr.get(`/tags/${created.body.id}`)).body).toEqual(created.body);
	});

	it('POST /tags/{id} updates name/description and undeletes; DELETE marks deleted', async () => {
		const undeleted = await cr.post('/tags/1004', { name: 'Revived', description: null });
		expect(undeleted.body).toMatchObject({ id: '1004', name: 'Revived', description: null, deletedAt: null });
		const deleted = await cr.delete('/tags/1002');
		expect(deleted.status).toBe(200);
		expect((await cr.get('/tags/1002')).body.deletedAt).toEqual(expect.any(String));
		expect((await cr.get('/tags')).body.labels.map((t: { id: string }) => t.id)).toEqual(['1001', '1003', '1004', '1005']);
		for (const res of [await cr.get('/tags/nope'), await cr.post('/tags/nope', { name: 'x' }), await cr.delete('/tags/nope')]) {
			expect(res.status).toBe(404);
		}
	});
});
