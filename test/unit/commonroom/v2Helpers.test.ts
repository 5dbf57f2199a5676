/** The pure helpers of the Common Room node's API v2 operations: ids, query parameters, output records. */
import { isV2Id, v2IdExample, v2IdPattern, v2IdProblem } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoom/helpers/v2Ids';
import { customFieldNames, wantsCustomFields, withNamedCustomFields } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoom/helpers/v2Records';
import { colsParam, contactSortParam, dateRangeProblem, organizationSearchQuery } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoom/helpers/v2Query';
import { ACTIVITY_COLUMNS, CONTACT_COLUMNS, ORGANIZATION_COLUMNS } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoom/helpers/v2Columns';

describe('v2 ids', () => {
	it('a kind takes its prefix and digits, nothing else', () => {
		expect(isV2Id('contact', 'c_100001')).toBe(true);
		expect(isV2Id('organization', 'o_3001')).toBe(true);
		expect(isV2Id('segment', 's_501')).toBe(true);
		expect(isV2Id('leadScore', 'ls_1')).toBe(true);
		expect(isV2Id('customField', 'cf_101')).toBe(true);
		for (const wrong of ['o_1', 'c_', 'c_1a', 'C_1', ' c_1', 'c_1 ', 'c_-1', 'c_1.5', '100001', 'cf_1', '']) {
			expect([wrong, isV2Id('contact', wrong)]).toEqual([wrong, false]);
		}
		expect(isV2Id('customField', 'c_1')).toBe(false);
		expect(isV2Id('leadScore', 's_1')).toBe(false);
	});

	it('the editor regex is the same rule', () => {
		expect(v2IdPattern('contact')).toBe('^c_\\d+$');
		expect(new RegExp(v2IdPattern('leadScore')).test('ls_12')).toBe(true);
		expect(v2IdExample('organization')).toBe('o_123');
	});

	it('a problem says what the id should look like, and what was given instead', () => {
		expect(v2IdProblem('contact', 'c_12')).toBeUndefined();
		expect(v2IdProblem('contact', 'o_12')).toEqual({
			problem: '"o_12" is not a contact ID (c_ and digits, e.g. c_123)',
			fix: 'Pick the contact from the list, or give its ID as Common Room API v2 writes it (c_123). It is an organization ID.',
		});
		expect(v2IdProblem('organization', '3001')?.fix).toContain('give o_3001');
		expect(v2IdProblem('organization', 'x')?.problem).toBe('"x" is not an organization ID (o_ and digits, e.g. o_123)');
		expect(v2IdProblem('segment', 'x'.repeat(200))?.problem).toMatch(/^"x{57}\.\.\." is not a segment ID/);
	});
});

describe('v2 query parameters', () => {
	it('contact sort keys', () => {
		expect(contactSortParam('id', '')).toBe('id');
		expect(contactSortParam('latestActivity', '')).toBe('latest_activity');
		expect(contactSortParam('name', '')).toBe('name');
		expect(contactSortParam('leadScore', 'ls_2')).toBe('ls_2');
		expect(contactSortParam('customField', 'cf_101')).toBe('cf_101');
	});

	it('cols only when columns are asked for', () => {
		expect(colsParam([])).toEqual({});
		expect(colsParam(['fullName', 'cf_*'])).toEqual({ cols: 'fullName,cf_*' });
	});

	it('a date range is refused only when From is after To (both inclusive)', () => {
		expect(dateRangeProblem(undefined, '2026-01-01T00:00:00.000Z')).toBeUndefined();
		expect(dateRangeProblem('2026-01-01T00:00:00.000Z', undefined)).toBeUndefined();
		expect(dateRangeProblem('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')).toBeUndefined();
		expect(dateRangeProblem('2026-01-02T00:00:00.000Z', '2026-01-01T00:00:00.000Z')).toMatch(/^is after Occurred To/);
	});

	it('organization search: a domain is looked up as the primary domain, other text as the exact name', () => {
		expect(organizationSearchQuery('')).toEqual({});
		expect(organizationSearchQuery(' Acme ')).toEqual({ name: 'Acme' });
		expect(organizationSearchQuery('Acme Labs.io ltd')).toEqual({ name: 'Acme Labs.io ltd' });
		expect(organizationSearchQuery('ACME.com')).toEqual({ primaryDomain: 'acme.com' });
		expect(organizationSearchQuery('https://www.acme.com/about')).toEqual({ primaryDomain: 'acme.com' });
	});

	it('column options are sorted by name and unique (the editor shows them as given)', () => {
		for (const options of [CONTACT_COLUMNS, ORGANIZATION_COLUMNS, ACTIVITY_COLUMNS]) {
			const names = options.map((option) => option.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			expect(new Set(options.map((option) => option.value)).size).toBe(options.length);
		}
	});
});

describe('v2 records', () => {
	const definitions = [
		{ id: 'cf_101', name: 'Plan' },
		{ id: 'cf_102', name: ' Seats ' },
		{ id: 'cf_103', name: 'Team' },
		{ id: 'cf_104', name: 'Team' },
		{ id: 'cf_105', name: '' },
		{ id: 106, name: 'Numeric id' },
	];

	it('custom field names: trimmed; a shared name gets the id; nameless definitions are left out', () => {
		expect([...customFieldNames(definitions)]).toEqual([
			['cf_101', 'Plan'],
			['cf_102', 'Seats'],
			['cf_103', 'Team (cf_103)'],
			['cf_104', 'Team (cf_104)'],
		]);
	});

	it('customFields by name, the typed wrapper dropped; an unknown field keeps its id', () => {
		const names = customFieldNames(definitions);
		const record = {
			id: 'c_1',
			name: 'Ada',
			customFields: { cf_101: { type: 'string', value: 'Pro' }, cf_102: { type: 'int', value: 3 }, cf_999: { type: 'boolean', value: false }, cf_103: 'bare' },
		};
		expect(withNamedCustomFields(record, names)).toEqual({
			id: 'c_1',
			name: 'Ada',
			customFields: { Plan: 'Pro', Seats: 3, cf_999: false, 'Team (cf_103)': 'bare' },
		});
		expect(record.customFields.cf_101).toEqual({ type: 'string', value: 'Pro' }); // not mutated
		expect(withNamedCustomFields({ id: 'c_2', name: 'Bo' }, names)).toEqual({ id: 'c_2', name: 'Bo' });
	});

	it('custom fields are wanted for cf_* or one cf_<id>', () => {
		expect(wantsCustomFields(['fullName'])).toBe(false);
		expect(wantsCustomFields(['cf_*'])).toBe(true);
		expect(wantsCustomFields(['title', 'cf_101'])).toBe(true);
	});
});
