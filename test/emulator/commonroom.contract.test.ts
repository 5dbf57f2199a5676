// Every write shape of the Common Room v1 spec (users, activities) is accepted and stored as sent.
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

const everyField = {
	id: 'user-42',
	fullName: 'Katherine Johnson',
	firstName: 'Katherine',
	lastName: 'Johnson',
	username: 'kjohnson',
	avatarUrl: 'https://example.com/k.png',
	bio: 'Mathematician',
	email: 'Katherine@Example.com',
	linkedin: { type: 'handle', value: 'in/katherine-johnson' },
	github: { type: 'handle', value: 'kjohnson' },
	twitter: { type: 'handle', value: '@kjohnson' },
	discord: { type: 'username', username: 'katherine', discriminator: 1234 },
	externalProfiles: [{ url: 'https://mastodon.example/@k', name: 'Mastodon' }, { url: 'https://k.example' }],
	roleAtCompany: 'Engineering',
	titleAtCompany: 'Research mathematician',
	companyName: 'NASA',
	companyDomain: 'nasa.gov',
	country: 'USA',
	city: 'Hampton',
	region: 'Virginia',
	rawLocation: 'Hampton, VA',
	tags: [
		{ type: 'id', id: '1001' },
		{ type: 'name', name: 'Orbital mechanics' },
		{ type: 'name', name: 'beta TESTER' },
	],
	customFields: [
		{ id: 101, value: { type: 'enum', value: 'Pro' } },
		{ id: 102, value: { type: 'int', value: 12 } },
		{ id: 103, value: { type: 'number', value: 99.5 } },
		{ id: 104, value: { type: 'date', value: '2026-02-28' } },
		{ id: 105, value: { type: 'url', value: 'https://nasa.gov' } },
		{ id: 106, value: { type: 'boolean', value: true } },
		{ id: 107, value: { type: 'string', value: 'KJ' } },
		{ id: 108, value: { type: 'enum', value: ['Python', 'Go'] } },
		{ id: 109, value: { type: 'string', value: ['orbits', 'computing'] } },
		{ id: 110, value: { type: 'number', value: [1.5, 2] } },
		{ id: 111, value: { type: 'date', value: ['2026-01-01', '2026-06-30'] } },
		{ id: 112, value: { type: 'url', value: ['https://a.example', 'http://b.example/x'] } },
		{ id: 113, value: { type: 'int', value: [7, 8] } },
		{ id: 114, value: { type: 'boolean', value: [true, false] } },
	],
};

describe('GET /api-token-status', () => {
	it('answers the ApiToken of the calling token', async () => {
		const res = await cr.get('/api-token-status');
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ jti: 'demo4f6c', communityName: 'Emulated Community', communityId: '8p980hdo0' });
		const second = await commonRoom(emulator, DEMO.commonRoom.secondToken).get('/api-token-status');
		expect(second.body.jti).toBe('second9a');
	});
});

describe('POST /source/{id}/user', () => {
	it('accepts a user with every ApiUser field and stores what was sent (202, empty body)', async () => {
		const res = await cr.post(`/source/${SOURCE}/user`, everyField);
		expect(res.status).toBe(202);
		expect(res.text).toBe('');
		const contact = emulator.state.commonRoom.contacts().find((c) => c.id === 'user-42');
		expect(contact).toMatchObject({
			sourceId: SOURCE,
			fullName: 'Katherine Johnson',
			email: 'Katherine@Example.com',
			discord: { type: 'username', username: 'katherine', discriminator: 1234 },
			externalProfiles: everyField.externalProfiles,
			linkedin: everyField.linkedin,
			rawLocation: 'Hampton, VA',
			lastBody: everyField,
		});
		expect(contact?.tags.map((t) => t.name)).toEqual(['VIP', 'Orbital mechanics', 'Beta tester']);
		expect(Object.values(contact?.customFields ?? {}).map((f) => [f.id, f.value])).toEqual(
			everyField.customFields.map((f) => [f.id, f.value.value]),
		);
		expect(contact?.customFields['104']).toEqual({ id: 104, name: 'Signup date', type: 'date', value: '2026-02-28' });
	});

	it('creates a tag assigned by an unknown name, and reuses it case-insensitively', async () => {
		await cr.post(`/source/${SOURCE}/user`, { id: 'a', tags: [{ type: 'name', name: 'Speaker' }] });
		await cr.post(`/source/${SOURCE}/user`, { id: 'b', tags: [{ type: 'name', name: 'SPEAKER' }] });
		const speakers = emulator.state.commonRoom.tags().filter((t) => t.name.toLowerCase() === 'speaker');
		expect(speakers).toHaveLength(1);
		expect(speakers[0].entityTypes).toEqual(['member']);
	});

	it('accepts a discord discriminator given as a string, and null for nullable fields', async () => {
		const res = await cr.post(`/source/${SOURCE}/user`, { id: 'd', discord: { username: 'dee', discriminator: '0042' }, bio: null });
		expect(res.status).toBe(202);
		expect(emulator.state.commonRoom.contacts().find((c) => c.id === 'd')).toMatchObject({ discord: { discriminator: '0042' }, bio: null });
	});

	it('upserts on (source, id): a later upsert merges and does not wipe fields it does not send', async () => {
		await cr.post(`/source/${SOURCE}/user`, { id: 'm1', email: 'm1@example.com', fullName: 'First', companyName: 'Acme', customFields: [{ id: 102, value: { type: 'int', value: 3 } }] });
		await cr.post(`/source/${SOURCE}/user`, { id: 'm1', fullName: 'Second', tags: [{ type: 'id', id: '1001' }] });
		const contacts = emulator.state.commonRoom.contacts().filter((c) => c.id === 'm1');
		expect(contacts).toHaveLength(1);
		expect(contacts[0]).toMatchObject({ fullName: 'Second', companyName: 'Acme', email: 'm1@example.com', upsertCount: 2 });
		expect(contacts[0].customFields['102'].value).toBe(3);
		expect(contacts[0].tags).toEqual([{ id: '1001', name: 'VIP' }]);
	});

	it('the same id in another source is another contact, merged into the same member by email', async () => {
		await cr.post(`/source/${SOURCE}/user`, { id: 'x', email: 'same@example.com' });
		await cr.post(`/source/${DEMO.commonRoom.warehouseSourceId}/user`, { id: 'x', email: 'SAME@example.com' });
		const contacts = emulator.state.commonRoom.contacts().filter((c) => c.id === 'x');
		expect(contacts).toHaveLength(2);
		expect(contacts[0].memberId).toBe(contacts[1].memberId);
	});

	it('a custom field entry without value clears that field (v1 spec: ApiCustomFields.value)', async () => {
		await cr.post(`/source/${SOURCE}/user`, everyField);
		const res = await cr.post(`/source/${SOURCE}/user`, { id: 'user-42', customFields: [{ id: 104 }, { id: 108 }] });
		expect(res.status).toBe(202);
		const contact = emulator.state.commonRoom.contacts().find((c) => c.id === 'user-42');
		expect(contact?.customFields['104']).toBeUndefined();
		expect(contact?.customFields['108']).toBeUndefined();
		expect(contact?.customFields['101'].value).toBe('Pro');
	});

	it('a source-restricted custom field can be written by its own source', async () => {
		const res = await cr.post(`/source/${DEMO.commonRoom.warehouseSourceId}/user`, { id: 'w', customFields: [{ id: 120, value: { type: 'number', value: 0.7 } }] });
		expect(res.status).toBe(202);
	});
});

describe('POST /source/{id}/activity', () => {
	const activity = {
		id: 'evt-1',
		activityType: 'signed_up',
		user: { id: 'new@example.com', email: 'new@example.com', fullName: 'New Person' },
		activityTitle: { type: 'text', value: 'Signed up for the beta' },
		content: { type: 'markdown', value: '**Welcome** aboard' },
		timestamp: '2026-11-20T10:00:00.000Z',
		url: 'https://example.com/events/1',
		tags: [{ type: 'id', id: '1003' }, { type: 'name', name: 'Onboarding' }],
		subSource: { type: 'name', name: 'web-signup' },
	};

	it('stores the activity with every field and upserts its user (member did not exist yet)', async () => {
		const res = await cr.post(`/source/${SOURCE}/activity`, activity);
		expect(res.status).toBe(202);
		expect(res.text).toBe('');
		const [stored] = emulator.state.commonRoom.activities();
		expect(stored).toMatchObject({
			sourceId: SOURCE,
			id: 'evt-1',
			activityType: 'signed_up',
			userId: 'new@example.com',
			memberExistedBefore: false,
			activityTitle: activity.activityTitle,
			content: activity.content,
			timestamp: activity.timestamp,
			url: activity.url,
			subSource: activity.subSource,
			parentActivity: null,
			lastBody: activity,
		});
		expect(stored.tags.map((t) => t.name)).toEqual(['Feature request', 'Onboarding']);
		const user = emulator.state.commonRoom.contacts().find((c) => c.id === 'new@example.com');
		expect(user).toMatchObject({ fullName: 'New Person', memberId: stored.memberId });
	});

	it('re-sending the same (id, activityType) updates and never duplicates; another type is another activity', async () => {
		await cr.post(`/source/${SOURCE}/activity`, activity);
		await cr.post(`/source/${SOURCE}/activity`, { ...activity, content: { type: 'text', value: 'edited' } });
		await cr.post(`/source/${SOURCE}/activity`, { ...activity, activityType: 'purchased' });
		const stored = emulator.state.commonRoom.activities();
		expect(stored).toHaveLength(2);
		expect(stored[0]).toMatchObject({ content: { type: 'text', value: 'edited' }, upsertCount: 2, memberExistedBefore: false });
		expect(stored[1].memberExistedBefore).toBe(true);
	});

	it('records that the member existed (seeded contact, matched by email) and parentActivity links', async () => {
		await cr.post(`/source/${SOURCE}/activity`, { id: 'root', activityType: 'support_ticket', user: { id: 'ada@example.com', email: 'ada@example.com' } });
		await cr.post(`/source/${SOURCE}/activity`, {
			id: 'reply-1',
			activityType: 'replied',
			user: { id: 'other-id', email: 'ADA@example.com' },
			content: { type: 'text', value: 'a reply' },
			parentActivity: { id: 'root', activityType: 'support_ticket' },
		});
		await cr.post(`/source/${SOURCE}/activity`, { id: 'orphan', activityType: 'replied', user: { id: 'z' }, parentActivity: { id: 'nope', activityType: 'replied' } });
		const [root, reply, orphan] = emulator.state.commonRoom.activities();
		expect(root.memberExistedBefore).toBe(true);
		expect(reply).toMatchObject({ memberExistedBefore: true, memberId: root.memberId, parentActivity: { id: 'root', activityType: 'support_ticket', known: true } });
		expect(orphan.parentActivity).toEqual({ id: 'nope', activityType: 'replied', known: false });
	});

	it('uses the receive time when timestamp is omitted; accepts null optional objects', async () => {
		const res = await cr.post(`/source/${SOURCE}/activity`, { id: 'e2', activityType: 'product_usage', user: { id: 'u' }, content: null, activityTitle: null, subSource: null, url: null });
		expect(res.status).toBe(202);
		const [stored] = emulator.state.commonRoom.activities();
		expect(Date.now() - Date.parse(stored.timestamp)).toBeLessThan(5000);
	});
});
