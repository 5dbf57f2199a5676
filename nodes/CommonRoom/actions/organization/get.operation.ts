import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import { ORGANIZATION_COLUMNS, ORGANIZATION_DEFAULT_COLUMNS } from '../../helpers/v2Columns';
import { colsParam } from '../../helpers/v2Query';
import { pathSegment } from '../../transport';
import { v2Get } from '../../transport/v2';
import { readOptions } from '../properties';
import { columnsProperty, readColumns, requiredV2Id, v2Locator } from '../v2Fields';
import { customFieldNaming, namedRecord, type CustomFieldNames } from '../v2Records';

const properties: INodeProperties[] = [
	v2Locator('organization', {
		displayName: 'Organization',
		name: 'organizationId',
		required: true,
		description: 'The organization (company) to get, by its API v2 ID (o_…)',
	}),
	columnsProperty(ORGANIZATION_COLUMNS, ORGANIZATION_DEFAULT_COLUMNS, 'organization'),
	readOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['organization'], operation: ['get'] } },
	properties,
);

interface Prepared {
	id: string;
	columns: string[];
	timeoutMs: number;
}

export const operation: ItemOperation<Prepared, CustomFieldNames> = {
	prepare: (ctx, itemIndex) => ({
		id: requiredV2Id(ctx, itemIndex, ctx.getNodeParameter('organizationId', itemIndex, ''), 'organization', 'Organization'),
		columns: readColumns(ctx, itemIndex, ORGANIZATION_COLUMNS),
		timeoutMs: readTimeoutMs(ctx, itemIndex),
	}),

	prepareRun: customFieldNaming('organization'),

	/** v2 GET /organizations/{id}: the organization with the columns asked for (an unknown ID fails with the API's 404). */
	async execute(ctx, prepared, itemIndex, names) {
		const { body } = await v2Get(ctx, `/organizations/${pathSegment(prepared.id)}`, colsParam(prepared.columns), {
			itemIndex,
			timeoutMs: prepared.timeoutMs,
		});
		return namedRecord(ctx, body, names, itemIndex);
	},
};
