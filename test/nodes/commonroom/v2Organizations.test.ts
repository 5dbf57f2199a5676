/**
 * Organization > Get and Get Many and Lead Score > Get Many (API v2) in n8n's engine against the
 * emulator: output shapes, the name / primary domain filters, paging, ids refused before any request.
 */
import type { INodeParameters } from 'n8n-workflow';

import { requests, runCommonRoom, useEmulator } from './helpers';
import { ANALYTICAL_ENGINES, NAVY, idsOf, jsonOf, locator, pairedOf, queryOf, seedContacts, v2Requests } from './v2Helpers';

const emulator = useEmulator();

const get = (organizationId: INodeParameters[string], extra: INodeParameters = {}): INodeParameters => ({ resource: 'organization', operation: 'get', organizationId, ...extra });
const getAll = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'organization', operation: 'getAll', ...extra });

describe('Organization > Get', () => {
	it('one flat item with the default columns', async () => {
		const run = await runCommonRoom(emulator(), get(locator(ANALYTICAL_ENGINES)));
		expect(jsonOf(run.items())).toEqual([
			{
				id: ANALYTICAL_ENGINES,
				name: 'Analytical Engines',
				primaryDomain: 'analytical-engines.example',
				about: 'Mechanical general-purpose computers',
				contactsCount: 1,
				employees: 12,
				url: 'https://app.commonroom.io/community/8p980hdo0/organization/3001',
			},
		]);
	});

	it('custom fields asked for: organization definitions read once, an empty object when there are none', async () => {
		const run = await runCommonRoom(emulator(), get(locator(NAVY), { columns: ['cf_*'] }));
		expect(run.items()[0].json).toEqual({ id: NAVY, name: 'Navy', primaryDomain: 'navy.example', customFields: {} });
		const [definitions] = v2Requests(emulator(), 'GET', '/custom-fields');
		expect(queryOf(definitions, 'entityType')).toBe('organization');
	});

	it('Continue On Fail: a contact id where an organization id belongs fails its own item before any request', async () => {
		const run = await runCommonRoom(emulator(), get(locator('={{ $json.org }}')), {
			input: [{ org: 'c_100001' }, { org: NAVY }, { org: 'o_42' }],
			continueOnFail: true,
		});
		const items = run.items();
		expect(pairedOf(items)).toEqual([0, 1, 2]);
		expect(items[0].json.error).toBe('Organization: "c_100001" is not an organization ID (o_ and digits, e.g. o_123) [item 0]');
		expect(items[0].json.description).toContain('It is a contact ID.');
		expect(items[1].json.name).toBe('Navy');
		expect(String(items[2].json.error)).toMatch(/404/);
		expect(v2Requests(emulator())).toHaveLength(2);
	});
});

describe('Organization > Get Many', () => {
	it('filters by exact name or by primary domain (a URL is read as its domain)', async () => {
		const byName = await runCommonRoom(emulator(), getAll({ returnAll: true, filters: { name: 'Navy' }, columns: [] }));
		expect(jsonOf(byName.items())).toEqual([{ id: NAVY, name: 'Navy', primaryDomain: 'navy.example' }]);
		const byDomain = await runCommonRoom(emulator(), getAll({ returnAll: true, filters: { primaryDomain: 'https://www.Analytical-Engines.example/about' }, columns: [] }));
		expect(idsOf(byDomain.items())).toEqual([ANALYTICAL_ENGINES]);
		expect(queryOf(v2Requests(emulator(), 'GET', 'primaryDomain=')[0], 'primaryDomain')).toBe('analytical-engines.example');
		const none = await runCommonRoom(emulator(), getAll({ returnAll: true, filters: { name: 'Nobody Inc' } }));
		expect(none.items()).toEqual([]);
	});

	it('Return All over several pages, and Limit', async () => {
		await seedContacts(emulator(), 420, { companies: 420, idPrefix: 'org' }); // + the demo's 2 = 422 organizations
		const all = await runCommonRoom(emulator(), getAll({ returnAll: true, columns: [] }));
		const ids = idsOf(all.items());
		expect(ids).toHaveLength(422);
		expect(new Set(ids).size).toBe(422);
		expect(v2Requests(emulator(), 'GET', '/organizations')).toHaveLength(3);

		const limited = await runCommonRoom(emulator(), getAll({ limit: 7 }));
		expect(limited.items()).toHaveLength(7);
	});

	it('a primary domain that is no domain is refused before any request', async () => {
		const run = await runCommonRoom(emulator(), getAll({ filters: { primaryDomain: 'not a domain' } }));
		expect(run.error()?.message).toBe('Primary Domain: "not a domain" is not a web domain [item 0]');
		expect(requests(emulator())).toHaveLength(0);
	});
});

describe('Lead Score > Get Many', () => {
	it('every definition, disabled ones too; the filter and Limit applied by the node', async () => {
		const all = await runCommonRoom(emulator(), { resource: 'leadScore', operation: 'getAll', returnAll: true });
		expect(jsonOf(all.items())).toEqual([
			{ id: 'ls_1', name: 'Engagement', enabled: true, entityType: 'contact', isPrimaryScore: true },
			{ id: 'ls_2', name: 'Purchase intent', enabled: true, entityType: 'contact', isPrimaryScore: false },
			{ id: 'ls_3', name: 'Account engagement', enabled: true, entityType: 'organization', isPrimaryScore: true },
			{ id: 'ls_4', name: 'Legacy score', enabled: false, entityType: 'contact', isPrimaryScore: false },
		]);
		const organizations = await runCommonRoom(emulator(), { resource: 'leadScore', operation: 'getAll', returnAll: true, filters: { entityType: 'organization' } });
		expect(idsOf(organizations.items())).toEqual(['ls_3']);
		const limited = await runCommonRoom(emulator(), { resource: 'leadScore', operation: 'getAll', limit: 2 });
		expect(idsOf(limited.items())).toEqual(['ls_1', 'ls_2']);
		expect(v2Requests(emulator(), 'GET', '/lead-scores').map((entry) => entry.path)).toEqual(['/community/v2/lead-scores', '/community/v2/lead-scores', '/community/v2/lead-scores']);
	});

	it('a filter value that is no option is refused before any request', async () => {
		const run = await runCommonRoom(emulator(), { resource: 'leadScore', operation: 'getAll', filters: { entityType: '={{ "people" }}' } });
		expect(run.error()?.message).toBe('Scores: "people" is not one of contact, organization [item 0]');
		expect(requests(emulator())).toHaveLength(0);
	});
});
