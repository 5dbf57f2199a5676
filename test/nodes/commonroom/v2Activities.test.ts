/**
 * Activity > Get Many (API v2) in n8n's engine against the emulator: by contact, by organization
 * ("who at Acme was active this month"), within Occurred From / To, newest first, paging, and dates
 * or ids that cannot be sent refused before any request.
 */
import type { INodeParameters } from 'n8n-workflow';

import { requests, runCommonRoom, useEmulator } from './helpers';
import { ADA, cursorOf, idsOf, jsonOf, locator, pairedOf, queryOf, seedContacts, upsertV1Activity, v2Requests } from './v2Helpers';

const emulator = useEmulator();

const getAll = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'activity', operation: 'getAll', ...extra });

async function adaActivities(): Promise<void> {
	for (const [id, day, activityType] of [['t1', '01', 'signed_up'], ['t2', '15', 'replied'], ['t3', '28', 'purchased']]) {
		await upsertV1Activity(emulator(), {
			id,
			activityType,
			timestamp: `2026-03-${day}T12:00:00Z`,
			content: { type: 'text', value: `Ada ${activityType}` },
			user: { id: 'ada@example.com', email: 'ada@example.com' },
		});
	}
}

describe('Activity > Get Many', () => {
	it("a contact's activities, newest first, flat, with the default columns", async () => {
		await adaActivities();
		const run = await runCommonRoom(emulator(), getAll({ returnAll: true, filters: { contactId: locator(ADA) } }));
		expect(jsonOf(run.items())).toEqual([
			{ id: 'a_3', type: 'purchased', activityTime: '2026-03-28T12:00:00.000Z', contactId: ADA, content: 'Ada purchased', providerName: 'n8n API signal' },
			{ id: 'a_2', type: 'replied', activityTime: '2026-03-15T12:00:00.000Z', contactId: ADA, content: 'Ada replied', providerName: 'n8n API signal' },
			{ id: 'a_1', type: 'signed_up', activityTime: '2026-03-01T12:00:00.000Z', contactId: ADA, content: 'Ada signed_up', providerName: 'n8n API signal' },
		]);
		const [request] = v2Requests(emulator(), 'GET', '/activities');
		expect([queryOf(request, 'sort'), queryOf(request, 'direction'), queryOf(request, 'contactId')]).toEqual(['activityTime', 'desc', ADA]);
	});

	it('Oldest First, and a date range with both ends inclusive; a date without a zone is read in the workflow timezone', async () => {
		await adaActivities();
		const run = await runCommonRoom(
			emulator(),
			getAll({ returnAll: true, order: 'asc', columns: [], filters: { occurredFrom: '2026-03-15T12:00:00Z', occurredTo: '2026-03-28T08:00:00' } }),
		);
		expect(idsOf(run.items())).toEqual(['a_2', 'a_3']);
		const [request] = v2Requests(emulator(), 'GET', '/activities');
		// America/New_York (n8n's default timezone) in March 2026 is UTC-4 after the 8th.
		expect([queryOf(request, 'startDate'), queryOf(request, 'endDate')]).toEqual(['2026-03-15T12:00:00.000Z', '2026-03-28T12:00:00.000Z']);
	});

	it("an organization's activities: find the company by domain, then who there was active", async () => {
		await seedContacts(emulator(), 4, { companies: 2, idPrefix: 'acme', activitiesPerContact: 2, startAt: '2026-04-01T09:00:00.000Z' });
		const org = await runCommonRoom(emulator(), { resource: 'organization', operation: 'getAll', returnAll: true, filters: { primaryDomain: 'acme-company-1.example' }, columns: [] });
		const [company] = jsonOf(org.items());
		expect(company.name).toBe('acme company 1');
		const run = await runCommonRoom(
			emulator(),
			getAll({ returnAll: true, columns: ['content'], filters: { organizationId: locator('={{ $json.id }}'), occurredFrom: '2026-04-01T00:00:00Z', occurredTo: '2026-04-30T23:59:59Z' } }),
			{ input: [company] },
		);
		expect(jsonOf(run.items()).map((activity) => activity.content)).toEqual([
			'activity 2 of acme-3@example.com',
			'activity 1 of acme-3@example.com',
			'activity 2 of acme-1@example.com',
			'activity 1 of acme-1@example.com',
		]);
	});

	it('Return All over several pages with a 429 in the middle; Limit gives the most recent', async () => {
		await seedContacts(emulator(), 150, { activitiesPerContact: 3 });
		emulator().injectFaults('commonRoom', { kind: 'status', status: 429, count: 1, retryAfterMs: 200, pathIncludes: 'cursor=' });
		const all = await runCommonRoom(emulator(), getAll({ returnAll: true, columns: [] }));
		const ids = idsOf(all.items());
		expect(ids).toHaveLength(450);
		expect(new Set(ids).size).toBe(450);
		const pages = v2Requests(emulator(), 'GET', '/activities');
		expect(pages.map((entry) => entry.status)).toEqual([200, 429, 200, 200]);
		expect(cursorOf(pages[2])).toBe(cursorOf(pages[1]));

		const recent = await runCommonRoom(emulator(), getAll({ limit: 3, columns: [] }));
		expect(idsOf(recent.items())).toEqual(['a_450', 'a_449', 'a_448']);
	});

	it.each([
		[{ filters: { occurredFrom: '={{ 1767225600 }}' } }, 'Occurred From: "1767225600" is a bare number, which could be epoch seconds or milliseconds [item 0]'],
		[{ filters: { occurredTo: '={{ "1767225600000" }}' } }, 'Occurred To: "1767225600000" is a bare number, which could be epoch seconds or milliseconds [item 0]'],
		[{ filters: { occurredFrom: '2026-02-30' } }, 'Occurred From: "2026-02-30" is not a real calendar date [item 0]'],
		[{ filters: { occurredFrom: '2026-03-02T00:00:00Z', occurredTo: '2026-03-01T00:00:00Z' } }, 'Occurred From: is after Occurred To (2026-03-02T00:00:00.000Z > 2026-03-01T00:00:00.000Z) [item 0]'],
		[{ filters: { contactId: locator('o_3001') } }, 'Contact: "o_3001" is not a contact ID (c_ and digits, e.g. c_123) [item 0]'],
		[{ filters: { organizationId: locator('c_100001') } }, 'Organization: "c_100001" is not an organization ID (o_ and digits, e.g. o_123) [item 0]'],
		[{ order: '={{ "newest" }}' }, 'Order: "newest" is not one of asc, desc [item 0]'],
		[{ limit: '={{ "ten" }}' }, 'Limit: must be a whole number at least 1, got "ten" [item 0]'],
	])('%j is refused before any request', async (parameters, message) => {
		const run = await runCommonRoom(emulator(), getAll(parameters as INodeParameters));
		expect(run.error()?.message).toBe(message);
		expect(requests(emulator())).toHaveLength(0);
	});

	it('Continue On Fail: one Get Many per input item, each paired; a bad date fails only its item', async () => {
		await adaActivities();
		const run = await runCommonRoom(emulator(), getAll({ returnAll: true, columns: [], filters: { occurredFrom: '={{ $json.from }}' } }), {
			input: [{ from: '2026-03-20T00:00:00Z' }, { from: 12 }, { from: '2026-03-10T00:00:00Z' }],
			continueOnFail: true,
		});
		const items = run.items();
		expect(pairedOf(items)).toEqual([0, 1, 2, 2]);
		expect(items.map((item) => item.json.id ?? item.json.error)).toEqual([
			'a_3',
			'Occurred From: "12" is a bare number, which could be epoch seconds or milliseconds [item 1]',
			'a_3',
			'a_2',
		]);
		expect(v2Requests(emulator(), 'GET', '/activities')).toHaveLength(2);
	});
});
