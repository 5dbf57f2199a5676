import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import { dateTimeParameter, invalidInput } from '../../../shared/parameters';
import { ACTIVITY_COLUMNS, ACTIVITY_DEFAULT_COLUMNS } from '../../helpers/v2Columns';
import { colsParam, dateRangeProblem, SORT_DIRECTIONS } from '../../helpers/v2Query';
import { readMany } from '../../transport/v2';
import { readOptions, returnAllProperties } from '../properties';
import { columnsProperty, readChoice, readColumns, readV2Id, readWanted, v2Locator, type Wanted } from '../v2Fields';

const properties: INodeProperties[] = [
	...returnAllProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			v2Locator('contact', {
				displayName: 'Contact',
				name: 'contactId',
				description: "Only this contact's activities: 'what has Jane done lately?'",
			}),
			v2Locator('organization', {
				displayName: 'Organization',
				name: 'organizationId',
				description: "Only activities of the organization's contacts: 'who at Acme was active this month?'",
			}),
			{
				displayName: 'Occurred From',
				name: 'occurredFrom',
				type: 'dateTime',
				default: '',
				description: 'Only activities at or after this date and time',
			},
			{
				displayName: 'Occurred To',
				name: 'occurredTo',
				type: 'dateTime',
				default: '',
				description: 'Only activities at or before this date and time',
			},
		],
	},
	{
		displayName: 'Order',
		name: 'order',
		type: 'options',
		options: [
			{ name: 'Newest First', value: 'desc' },
			{ name: 'Oldest First', value: 'asc' },
		],
		default: 'desc',
		description: 'By when the activity occurred. With a Limit, Newest First gives the most recent activities.',
	},
	columnsProperty(ACTIVITY_COLUMNS, ACTIVITY_DEFAULT_COLUMNS, 'activity'),
	readOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['activity'], operation: ['getAll'] } },
	properties,
);

interface Prepared {
	wanted: Wanted;
	qs: IDataObject;
	timeoutMs: number;
}

export const operation: ItemOperation<Prepared> = {
	prepare(ctx, itemIndex) {
		const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const contactId = readV2Id(ctx, itemIndex, filters.contactId, 'contact', 'Contact');
		const organizationId = readV2Id(ctx, itemIndex, filters.organizationId, 'organization', 'Organization');
		const startDate = dateTimeParameter(ctx, itemIndex, filters.occurredFrom, 'Occurred From');
		const endDate = dateTimeParameter(ctx, itemIndex, filters.occurredTo, 'Occurred To');
		const range = dateRangeProblem(startDate, endDate);
		if (range) throw invalidInput(ctx, itemIndex, 'Occurred From', range, 'Swap the two dates, or leave one of them empty.');
		const direction = readChoice(ctx, itemIndex, ctx.getNodeParameter('order', itemIndex, 'desc'), 'Order', SORT_DIRECTIONS, 'desc');
		const qs: IDataObject = {
			sort: 'activityTime',
			direction,
			...colsParam(readColumns(ctx, itemIndex, ACTIVITY_COLUMNS)),
			...(contactId ? { contactId } : {}),
			...(organizationId ? { organizationId } : {}),
			...(startDate ? { startDate } : {}),
			...(endDate ? { endDate } : {}),
		};
		return { wanted: readWanted(ctx, itemIndex), qs, timeoutMs: readTimeoutMs(ctx, itemIndex) };
	},

	/** v2 GET /activities, page after page (200 each, following the cursor): one item per activity. */
	async execute(ctx, prepared, itemIndex) {
		return await readMany(ctx, '/activities', prepared.qs, prepared.wanted, { itemIndex, timeoutMs: prepared.timeoutMs });
	},
};
