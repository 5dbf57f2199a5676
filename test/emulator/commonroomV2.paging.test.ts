// Common Room v2 cursor paging (v2 spec: `limit` 1–200 default 50, `cursor`, `meta.nextCursor`):
// every record once across pages, nothing repeated or skipped while records arrive, bad cursors → 400.
import type { Emulator } from '../../emulator';
import { startTestEmulator } from './helpers';
import { allPages, bulk, commonRoomV2, ids, upsertV1Activity, upsertV1User } from './commonroomV2.helpers';

let emulator: Emulator;
let v2: ReturnType<typeof commonRoomV2>;

beforeAll(async () => {
	emulator = await startTestEmulator();
	v2 = commonRoomV2(emulator);
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const cursorOf = (body: { meta: { nextCursor: string | null } }) => encodeURIComponent(body.meta.nextCursor as string);

describe('limit', () => {
	it('defaults to 50, allows 1 to 200, refuses anything else with invalid_parameters', async () => {
		await bulk(emulator, { contacts: 248 }); // + the demo's 2 = 250
		expect((await v2.get('/contacts')).body.data).toHaveLength(50);
		expect((await v2.get('/contacts?limit=1')).body.data).toHaveLength(1);
		expect((await v2.get('/contacts?limit=200')).body.data).toHaveLength(200);
		for (const limit of ['0', '201', 'abc', '1.5', '-1', '']) {
			const res = await v2.get(`/contacts?limit=${limit}`);
			expect([limit, res.status, res.body.success, res.body.error.code]).toEqual([limit, 400, false, 'invalid_parameters']);
			expect(res.body.error.message).toMatch(/^limit: /);
		}
	});
});

describe('paging through contacts', () => {
	it('sort=id: every contact exactly once over several pages; the last page has nextCursor null', async () => {
		await bulk(emulator, { contacts: 98 });
		const pages = await allPages(v2, '/contacts?limit=30&cols=recordCount');
		expect(pages.map((p) => p.data.length)).toEqual([30, 30, 30, 10]);
		expect(pages.at(-1)?.meta.nextCursor).toBeNull();
		expect(pages.every((p) => p.meta.recordCount === 100)).toBe(true);
		const seen = pages.flatMap((p) => ids(p.data));
		expect(new Set(seen).size).toBe(100);
		expect(seen).toEqual([...seen].sort((a, b) => Number(a.slice(2)) - Number(b.slice(2))));
	});

	it('an exact multiple of limit ends with nextCursor null, not an empty page', async () => {
		await bulk(emulator, { contacts: 8 });
		const pages = await allPages(v2, '/contacts?limit=5');
		expect(pages.map((p) => p.data.length)).toEqual([5, 5]);
	});

	it('the cursor carries the order: later pages need only the cursor; naming another order → 400', async () => {
		await bulk(emulator, { contacts: 10 });
		const first = await v2.get('/contacts?limit=4&sort=name&direction=desc');
		const names = first.body.data.map((c: { name: string }) => c.name);
		const second = await v2.get(`/contacts?limit=4&cursor=${cursorOf(first.body)}`);
		expect(second.status).toBe(200);
		const all = [...names, ...second.body.data.map((c: { name: string }) => c.name)];
		expect(all).toEqual([...all].sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase())));
		expect((await v2.get(`/contacts?limit=4&sort=name&direction=desc&cursor=${cursorOf(first.body)}`)).status).toBe(200);
		for (const other of ['sort=id', 'direction=asc', 'sort=latest_activity']) {
			const res = await v2.get(`/contacts?limit=4&${other}&cursor=${cursorOf(first.body)}`);
			expect([other, res.status, res.body.error?.code]).toEqual([other, 400, 'invalid_parameters']);
		}
	});

	it.each([
		['id', 'asc'],
		['id', 'desc'],
		['name', 'asc'],
		['latest_activity', 'desc'],
	])('sort=%s %s: records added mid-paging never repeat one or push an existing one out', async (sort, direction) => {
		await bulk(emulator, { contacts: 60, activitiesPerContact: 1 });
		const before = new Set(ids((await v2.get('/contacts?limit=200')).body.data));
		const seen: string[] = [];
		let path = `/contacts?limit=13&sort=${sort}&direction=${direction}`;
		let added = 0;
		for (;;) {
			const res = await v2.get(path);
			expect(res.status).toBe(200);
			seen.push(...ids(res.body.data));
			if (res.body.meta.nextCursor === null) break;
			// New contacts whose names and ids land before and after the reader's position.
			added += 1;
			await upsertV1User(emulator, { id: `late-${added}@example.com`, email: `late-${added}@example.com`, fullName: `${added % 2 ? 'Aaron' : 'Zed'} Late ${added}` });
			await bulk(emulator, { contacts: 2, from: 100 + added * 2, idPrefix: 'mid' });
			path = `/contacts?limit=13&sort=${sort}&direction=${direction}&cursor=${cursorOf(res.body)}`;
		}
		expect(added).toBeGreaterThan(3);
		expect(new Set(seen).size).toBe(seen.length); // no duplicates
		for (const id of before) expect(seen).toContain(id); // no skips
	});
});

describe('paging through activities', () => {
	it('sort=activityTime (default): activities stored mid-paging neither repeat nor push others out', async () => {
		await bulk(emulator, { contacts: 20, activitiesPerContact: 3, startAt: '2026-03-01T00:00:00.000Z' });
		const before = ids((await v2.get('/activities?limit=200')).body.data);
		expect(before).toHaveLength(60);
		const seen: string[] = [];
		let path = '/activities?limit=7';
		let round = 0;
		for (;;) {
			const res = await v2.get(path);
			seen.push(...ids(res.body.data));
			if (res.body.meta.nextCursor === null) break;
			round += 1;
			for (const timestamp of ['2026-02-01T00:00:00.000Z', '2026-03-01T00:30:00.000Z', '2026-09-01T00:00:00.000Z']) {
				await upsertV1Activity(emulator, { id: `late-${round}-${timestamp}`, activityType: 'replied', timestamp, user: { id: 'ada@example.com', email: 'ada@example.com' } });
			}
			path = `/activities?limit=7&cursor=${cursorOf(res.body)}`;
		}
		expect(new Set(seen).size).toBe(seen.length);
		for (const id of before) expect(seen).toContain(id);
	});
});

describe('bad cursors (v2 spec: 400 ApiV2ErrorResponse)', () => {
	it.each(['garbage!', 'eyJub3QiOiJhIGN1cnNvciJ9', Buffer.from('not json').toString('base64url'), 'x'.repeat(5000)])(
		'cursor %#: 400 invalid_parameters',
		async (cursor) => {
			const res = await v2.get(`/contacts?cursor=${encodeURIComponent(cursor)}`);
			expect(res.status).toBe(400);
			expect(res.body).toEqual({ success: false, error: { code: 'invalid_parameters', message: expect.stringMatching(/^cursor: /) } });
		},
	);

	it('a cursor of one list is refused by another', async () => {
		for (let i = 0; i < 3; i++) await v2.post('/segments', { name: `Segment ${i}` });
		const segments = await v2.get('/segments?limit=1');
		const res = await v2.get(`/contacts?cursor=${cursorOf(segments.body)}`);
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('invalid_parameters');
	});
});

describe('paging through segments (a resource locator lists them)', () => {
	it('pages by id with limit; query filters by name substring, case-insensitively', async () => {
		for (let i = 1; i <= 57; i++) expect((await v2.post('/segments', { name: `Campaign ${String(i).padStart(2, '0')}` })).status).toBe(201);
		const pages = await allPages(v2, '/segments?limit=25');
		expect(pages.map((p) => p.data.length)).toEqual([25, 25, 9]);
		const seen = pages.flatMap((p) => ids(p.data));
		expect(new Set(seen).size).toBe(59);
		expect(seen.slice(0, 3)).toEqual(['s_501', 's_502', 's_503']);
		const filtered = await allPages(v2, '/segments?limit=4&query=CAMPAIGN%200');
		expect(filtered.flatMap((p) => p.data.map((s: { name: string }) => s.name))).toEqual(
			Array.from({ length: 9 }, (_, i) => `Campaign 0${i + 1}`),
		);
		expect((await v2.get('/segments?query=champ')).body.data).toEqual([{ id: 's_501', name: 'Champions', entityType: 'contact' }]);
	});
});
