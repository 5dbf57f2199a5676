import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import { CONTACT_COLUMNS, CONTACT_DEFAULT_COLUMNS } from '../../helpers/v2Columns';
import { colsParam, CONTACT_SORT_BY, contactSortParam, SORT_DIRECTIONS, type ContactSortBy } from '../../helpers/v2Query';
import { readMany } from '../../transport/v2';
import { readOptions, returnAllProperties } from '../properties';
import { columnsProperty, readChoice, readColumns, readV2Id, readWanted, requiredV2Id, v2Locator, type Wanted } from '../v2Fields';
import { customFieldNaming, namedRecords, type CustomFieldNames } from '../v2Records';

const properties: INodeProperties[] = [
	...returnAllProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			v2Locator('organization', {
				displayName: 'Organization',
				name: 'organizationId',
				description: 'Only the contacts of this organization (company): "who do we know at Acme?"',
			}),
			v2Locator('segment', {
				displayName: 'Segment',
				name: 'segmentId',
				description: 'Only the contacts in this segment',
			}),
		],
	},
	{
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'options',
		options: [
			{ name: 'Custom Field', value: 'customField', description: "A custom field's value (give the field's ID)" },
			{ name: 'ID', value: 'id', description: 'The order contacts were added in' },
			{ name: 'Latest Activity', value: 'latestActivity', description: 'When the contact was last active' },
			{ name: 'Lead Score', value: 'leadScore', description: 'A lead score (give its ID; Lead Score > Get Many lists them)' },
			{ name: 'Name', value: 'name' },
		],
		default: 'id',
		description: 'What the contacts are ordered by. Contacts without a value come last in both directions.',
	},
	{
		displayName: 'Lead Score ID',
		name: 'sortLeadScoreId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ls_123',
		description: 'The lead score to sort by (Lead Score > Get Many lists them)',
		displayOptions: { show: { sortBy: ['leadScore'] } },
	},
	{
		displayName: 'Custom Field ID',
		name: 'sortCustomFieldId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. cf_123',
		description: 'The custom field to sort by: cf_ and the number Custom Field > Get Many lists',
		displayOptions: { show: { sortBy: ['customField'] } },
	},
	{
		displayName: 'Sort Direction',
		name: 'sortDirection',
		type: 'options',
		options: [
			{ name: 'Ascending', value: 'asc', description: 'Lowest, oldest or A first' },
			{ name: 'Descending', value: 'desc', description: 'Highest, most recent or Z first' },
		],
		default: 'asc',
	},
	columnsProperty(CONTACT_COLUMNS, CONTACT_DEFAULT_COLUMNS, 'contact'),
	readOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getAll'] } },
	properties,
);

interface Prepared {
	wanted: Wanted;
	qs: IDataObject;
	columns: string[];
	timeoutMs: number;
}

/** The `sort` sent: a fixed key, or the lead score's / custom field's id (checked). */
function readSort(ctx: IExecuteFunctions, itemIndex: number): string {
	const sortBy = readChoice<ContactSortBy>(ctx, itemIndex, ctx.getNodeParameter('sortBy', itemIndex, 'id'), 'Sort By', CONTACT_SORT_BY, 'id');
	if (sortBy === 'leadScore') {
		return requiredV2Id(ctx, itemIndex, ctx.getNodeParameter('sortLeadScoreId', itemIndex, ''), 'leadScore', 'Lead Score ID');
	}
	if (sortBy === 'customField') {
		return requiredV2Id(ctx, itemIndex, ctx.getNodeParameter('sortCustomFieldId', itemIndex, ''), 'customField', 'Custom Field ID');
	}
	return contactSortParam(sortBy, '');
}

export const operation: ItemOperation<Prepared, CustomFieldNames> = {
	prepare(ctx, itemIndex) {
		const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const organizationId = readV2Id(ctx, itemIndex, filters.organizationId, 'organization', 'Organization');
		const segmentId = readV2Id(ctx, itemIndex, filters.segmentId, 'segment', 'Segment');
		const sort = readSort(ctx, itemIndex);
		const direction = readChoice(ctx, itemIndex, ctx.getNodeParameter('sortDirection', itemIndex, 'asc'), 'Sort Direction', SORT_DIRECTIONS, 'asc');
		const columns = readColumns(ctx, itemIndex, CONTACT_COLUMNS);
		const qs: IDataObject = {
			sort,
			direction,
			...colsParam(columns),
			...(organizationId ? { organizationId } : {}),
			...(segmentId ? { segmentId } : {}),
		};
		return { wanted: readWanted(ctx, itemIndex), qs, columns, timeoutMs: readTimeoutMs(ctx, itemIndex) };
	},

	prepareRun: customFieldNaming('contact'),

	/** v2 GET /contacts, page after page (200 each, following the cursor): one item per contact. */
	async execute(ctx, prepared, itemIndex, names) {
		const records = await readMany(ctx, '/contacts', prepared.qs, prepared.wanted, { itemIndex, timeoutMs: prepared.timeoutMs });
		return namedRecords(records, names);
	},
};
