import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import { CONTACT_COLUMNS, CONTACT_DEFAULT_COLUMNS } from '../../helpers/v2Columns';
import { colsParam } from '../../helpers/v2Query';
import { pathSegment } from '../../transport';
import { v2Get } from '../../transport/v2';
import { readOptions } from '../properties';
import { columnsProperty, readColumns, requiredV2Id, v2Locator } from '../v2Fields';
import { customFieldNaming, namedRecord, type CustomFieldNames } from '../v2Records';

const properties: INodeProperties[] = [
	v2Locator('contact', {
		displayName: 'Contact',
		name: 'contactId',
		required: true,
		description: 'The contact to get, by its API v2 ID (c_…). To look a contact up by email, use Get.',
	}),
	columnsProperty(CONTACT_COLUMNS, CONTACT_DEFAULT_COLUMNS, 'contact'),
	readOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getById'] } },
	properties,
);

interface Prepared {
	id: string;
	columns: string[];
	timeoutMs: number;
}

export const operation: ItemOperation<Prepared, CustomFieldNames> = {
	prepare: (ctx, itemIndex) => ({
		id: requiredV2Id(ctx, itemIndex, ctx.getNodeParameter('contactId', itemIndex, ''), 'contact', 'Contact'),
		columns: readColumns(ctx, itemIndex, CONTACT_COLUMNS),
		timeoutMs: readTimeoutMs(ctx, itemIndex),
	}),

	prepareRun: customFieldNaming('contact'),

	/** v2 GET /contacts/{id}: the contact with the columns asked for (an unknown ID fails with the API's 404). */
	async execute(ctx, prepared, itemIndex, names) {
		const { body } = await v2Get(ctx, `/contacts/${pathSegment(prepared.id)}`, colsParam(prepared.columns), {
			itemIndex,
			timeoutMs: prepared.timeoutMs,
		});
		return namedRecord(ctx, body, names, itemIndex);
	},
};
