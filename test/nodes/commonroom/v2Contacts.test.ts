/**
 * Contact > Get by ID and Get Many (API v2) in n8n's engine against the emulator: output shapes,
 * custom fields by name, paging with Return All and Limit, a 429 in the middle of paging, filters
 * and sorts, and ids of the wrong shape refused before any request.
 */
import type { INodeParameters } from 'n8n-workflow';

import { requests, runCommonRoom, useEmulator } from './helpers';
import { ADA, ANALYTICAL_ENGINES, GRACE, cursorOf, idsOf, jsonOf, locator, pairedOf, queryOf, seedContacts, upsertV1Activity, upsertV1User, v2Requests } from './v2Helpers';

const emulator = useEmulator();

const getById = (contactId: INodeParameters[string], extra: INodeParameters = {}): INodeParameters => ({ resource: 'contact', operation: 'getById', contactId, ...extra });
const getAll = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'contact', operation: 'getAll', ...extra });

describe('Contact > Get by ID', () => {
	it('one flat item per contact, with the default columns', async () => {
		const run = await runCommonRoom(emulator(), getById(locator(ADA)));
		expect(jsonOf(run.items())).toEqual([
			{
				id: ADA,
				name: 'Ada Lovelace',
				fullName: 'Ada Lovelace',
				primaryEmail: 'ada@example.com',
				title: 'Founder',
				companyName: 'Analytical Engines',
				url: `https://app.commonroom.io/community/8p980hdo0/member/${ADA.slice(2)}`,
			},
		]);
		expect(queryOf(v2Requests(emulator(), 'GET', '/contacts/')[0], 'cols')).toBe('companyName,fullName,primaryEmail,title,url');
	});

	it('custom fields come out by name: the definitions are read once per run, not per item', async () => {
		await upsertV1User(emulator(), {
			id: 'ada@example.com',
			email: 'ada@example.com',
			customFields: [
				{ id: 101, value: { type: 'enum', value: 'Pro' } },
				{ id: 102, value: { type: 'int', value: 12 } },
				{ id: 108, value: { type: 'enum', value: ['Go', 'Rust'] } },
			],
		});
		const run = await runCommonRoom(emulator(), getById(locator('={{ $json.id }}'), { columns: ['cf_*', 'fullName'] }), {
			input: [{ id: ADA }, { id: GRACE }, { id: ADA }],
		});
		const [ada, grace] = jsonOf(run.items());
		expect(ada).toEqual({ id: ADA, name: 'Ada Lovelace', fullName: 'Ada Lovelace', customFields: { Plan: 'Pro', Seats: 12, Languages: ['Go', 'Rust'] } });
		expect(grace.customFields).toEqual({});
		expect(v2Requests(emulator(), 'GET', '/custom-fields')).toHaveLength(1);
		expect(v2Requests(emulator(), 'GET', '/contacts/')).toHaveLength(3);
	});

	it('without custom field columns no definitions are read', async () => {
		await runCommonRoom(emulator(), getById(locator(ADA), { columns: ['title'] }));
		expect(v2Requests(emulator(), 'GET', '/custom-fields')).toHaveLength(0);
	});

	it('a typed-in id of the wrong shape is stopped by the editor check n8n runs before the node', async () => {
		await expect(runCommonRoom(emulator(), getById(locator('o_3001')))).rejects.toThrow('Not a contact ID: API v2 IDs look like c_123');
		expect(requests(emulator())).toHaveLength(0);
	});

	it.each([
		['another kind of id', 'o_3001', '"o_3001" is not a contact ID (c_ and digits, e.g. c_123)'],
		['digits only', '100001', '"100001" is not a contact ID (c_ and digits, e.g. c_123)'],
		['a number', 100001, '"100001" is not a contact ID (c_ and digits, e.g. c_123)'],
		['no number', 'c_', '"c_" is not a contact ID (c_ and digits, e.g. c_123)'],
		['an email', 'ada@example.com', '"ada@example.com" is not a contact ID (c_ and digits, e.g. c_123)'],
		['empty', '', 'is empty'],
	])('%s from an expression (no editor check) is refused before any request', async (_what, value, problem) => {
		const run = await runCommonRoom(emulator(), getById(locator('={{ $json.id }}')), { input: [{ id: value }] });
		expect(run.error()?.message).toBe(`Contact: ${problem} [item 0]`);
		expect(requests(emulator())).toHaveLength(0);
	});

	it('digits alone get the prefix suggested', async () => {
		const run = await runCommonRoom(emulator(), getById(locator('={{ $json.id }}')), { input: [{ id: '100001' }] });
		expect(run.error()?.description).toContain('give c_100001');
	});

	it('an expression giving a wrong id (the editor check does not apply) is refused the same way', async () => {
		const run = await runCommonRoom(emulator(), getById(locator('={{ $json.id }}')), { input: [{ id: { id: ADA } }] });
		expect(run.error()?.message).toBe('Contact: must be text, got an object [item 0]');
		expect(requests(emulator())).toHaveLength(0);
	});

	it('Continue On Fail: every input item gets its own item, paired, in order; only good ids are sent', async () => {
		const run = await runCommonRoom(emulator(), getById(locator('={{ $json.id }}')), {
			input: [{ id: ADA }, { id: 's_501' }, { id: 'c_999999' }, { id: GRACE }],
			continueOnFail: true,
		});
		const items = run.items();
		expect(pairedOf(items)).toEqual([0, 1, 2, 3]);
		expect(items[0].json.id).toBe(ADA);
		expect(items[1].json.error).toBe('Contact: "s_501" is not a contact ID (c_ and digits, e.g. c_123) [item 1]');
		expect(items[1].json.description).toContain('It is a segment ID.');
		expect(String(items[2].json.error)).toMatch(/404/);
		expect(items[3].json.id).toBe(GRACE);
		expect(v2Requests(emulator()).map((entry) => entry.path.split('?')[0])).toEqual(
			expect.arrayContaining(['/community/v2/contacts/c_100001', '/community/v2/contacts/c_999999', '/community/v2/contacts/c_100002']),
		);
		expect(v2Requests(emulator())).toHaveLength(3);
	});
});

describe('Contact > Get Many', () => {
	it('Return All follows the cursor over several pages of 200: every contact once, in order', async () => {
		await seedContacts(emulator(), 448); // + the demo's 2 = 450
		const run = await runCommonRoom(emulator(), getAll({ returnAll: true, columns: [] }));
		const ids = idsOf(run.items());
		expect(ids).toHaveLength(450);
		expect(new Set(ids).size).toBe(450);
		expect(ids).toEqual([...ids].sort((a, b) => Number(a.slice(2)) - Number(b.slice(2))));
		expect(run.items()[0].json).toEqual({ id: ADA, name: 'Ada Lovelace' });
		const pages = v2Requests(emulator(), 'GET', '/contacts');
		expect(pages.map((entry) => queryOf(entry, 'limit'))).toEqual(['200', '200', '200']);
		expect(pages.map((entry) => cursorOf(entry) === undefined)).toEqual([true, false, false]);
		expect(pairedOf(run.items()).every((item) => item === 0)).toBe(true);
	});

	it('Limit stops reading once it has enough: 250 of 450 in two pages', async () => {
		await seedContacts(emulator(), 448);
		const run = await runCommonRoom(emulator(), getAll({ returnAll: false, limit: 250, columns: [] }));
		const ids = idsOf(run.items());
		expect(ids).toHaveLength(250);
		expect(new Set(ids).size).toBe(250);
		const pages = v2Requests(emulator(), 'GET', '/contacts');
		// The second page asks only for what is still wanted: 200 + 50, not 200 + 200.
		expect(pages.map((page) => queryOf(page, 'limit'))).toEqual(['200', '50']);
	});

	it('a small Limit asks for a small page', async () => {
		await seedContacts(emulator(), 20);
		const run = await runCommonRoom(emulator(), getAll({ limit: 5 }));
		expect(run.items()).toHaveLength(5);
		const [only] = v2Requests(emulator(), 'GET', '/contacts');
		expect(queryOf(only, 'limit')).toBe('5');
	});

	it('a 429 in the middle of paging is waited out and the same page asked again: nothing doubled or skipped', async () => {
		await seedContacts(emulator(), 448);
		emulator().injectFaults('commonRoom', { kind: 'status', status: 429, count: 1, retryAfterMs: 200, pathIncludes: 'cursor=' });
		const run = await runCommonRoom(emulator(), getAll({ returnAll: true, columns: [] }));
		const ids = idsOf(run.items());
		expect(ids).toHaveLength(450);
		expect(new Set(ids).size).toBe(450);
		const pages = v2Requests(emulator(), 'GET', '/contacts');
		expect(pages.map((entry) => entry.status)).toEqual([200, 429, 200, 200]);
		expect(cursorOf(pages[2])).toBe(cursorOf(pages[1]));
	});

	it('filters by organization and by segment, and sorts by latest activity, newest first', async () => {
		await seedContacts(emulator(), 6, { companies: 2, idPrefix: 'acme', activitiesPerContact: 1, segmentId: 502 });
		const byOrg = await runCommonRoom(emulator(), getAll({ returnAll: true, filters: { organizationId: locator(ANALYTICAL_ENGINES) } }));
		expect(idsOf(byOrg.items())).toEqual([ADA]);

		const bySegment = await runCommonRoom(emulator(), getAll({ returnAll: true, filters: { segmentId: locator('s_502', 'list') }, sortBy: 'latestActivity', sortDirection: 'desc', columns: ['fullName'] }));
		const names = jsonOf(bySegment.items()).map((contact) => contact.fullName);
		expect(names).toEqual(['acme contact 6', 'acme contact 5', 'acme contact 4', 'acme contact 3', 'acme contact 2', 'acme contact 1']);
		const [request] = v2Requests(emulator(), 'GET', 'segmentId=');
		expect([queryOf(request, 'sort'), queryOf(request, 'direction'), queryOf(request, 'segmentId')]).toEqual(['latest_activity', 'desc', 's_502']);
	});

	it('sorts by a lead score and by a custom field', async () => {
		for (const [id, activityType] of [['p1', 'purchased'], ['p2', 'purchased']]) {
			await upsertV1Activity(emulator(), { id, activityType, timestamp: '2026-05-01T10:00:00Z', user: { id: 'grace@example.com', email: 'grace@example.com' } });
		}
		const byScore = await runCommonRoom(emulator(), getAll({ returnAll: true, sortBy: 'leadScore', sortLeadScoreId: 'ls_2', sortDirection: 'desc' }));
		expect(idsOf(byScore.items())).toEqual([GRACE, ADA]);

		await upsertV1User(emulator(), { id: 'ada@example.com', email: 'ada@example.com', customFields: [{ id: 102, value: { type: 'int', value: 1 } }] });
		await upsertV1User(emulator(), { id: 'grace@example.com', email: 'grace@example.com', customFields: [{ id: 102, value: { type: 'int', value: 9 } }] });
		const byField = await runCommonRoom(emulator(), getAll({ returnAll: true, sortBy: 'customField', sortCustomFieldId: ' cf_102 ', sortDirection: 'desc', columns: ['cf_*'] }));
		expect(jsonOf(byField.items()).map((contact) => [contact.id, (contact.customFields as { Seats: number }).Seats])).toEqual([[GRACE, 9], [ADA, 1]]);
	});

	it.each([
		[{ sortBy: 'leadScore', sortLeadScoreId: 'cf_1' }, 'Lead Score ID: "cf_1" is not a lead score ID (ls_ and digits, e.g. ls_123) [item 0]'],
		[{ sortBy: 'leadScore', sortLeadScoreId: '={{ "" }}' }, 'Lead Score ID: is empty [item 0]'],
		[{ sortBy: 'customField', sortCustomFieldId: '101' }, 'Custom Field ID: "101" is not a custom field ID (cf_ and digits, e.g. cf_123) [item 0]'],
		[{ sortBy: 'score' }, 'Sort By: "score" is not one of id, latestActivity, name, leadScore, customField [item 0]'],
		[{ sortDirection: 'down' }, 'Sort Direction: "down" is not one of asc, desc [item 0]'],
		[{ filters: { organizationId: locator('3001') } }, 'Organization: "3001" is not an organization ID (o_ and digits, e.g. o_123) [item 0]'],
		[{ filters: { segmentId: locator('501') } }, 'Segment: "501" is not a segment ID (s_ and digits, e.g. s_123) [item 0]'],
		[{ limit: '={{ 0 }}' }, 'Limit: must be a whole number at least 1, got 0 [item 0]'],
		[{ columns: ['fullName', 'shoeSize'] }, 'Columns: unknown column "shoeSize" [item 0]'],
	])('%j is refused before any request', async (parameters, message) => {
		const run = await runCommonRoom(emulator(), getAll(parameters));
		expect(run.error()?.message).toBe(message);
		expect(requests(emulator())).toHaveLength(0);
	});

	it('a custom field column the workspace does not have fails the item after the one definitions read, before its own request', async () => {
		const run = await runCommonRoom(emulator(), getAll({ columns: '={{ $json.columns }}' }), {
			input: [{ columns: ['cf_999'] }, { columns: ['fullName'] }],
			continueOnFail: true,
		});
		const items = run.items();
		expect(items[0].json.error).toBe('Columns: this workspace has no contact custom field cf_999 [item 0]');
		expect(pairedOf(items)).toEqual([0, 1, 1]);
		expect(v2Requests(emulator(), 'GET', '/contacts')).toHaveLength(1);
		expect(v2Requests(emulator(), 'GET', '/custom-fields')).toHaveLength(1);
	});
});
