import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ORGANIZATION_COLUMNS, ORGANIZATION_DEFAULT_COLUMNS } from '../../helpers/v2Columns';
import { readOptions } from '../properties';
import { columnsProperty, v2Locator } from '../v2Fields';
import { getOneOperation } from '../v2GetOne';

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

export const operation = getOneOperation({ entity: 'organization', collection: 'organizations', parameter: 'organizationId', label: 'Organization', columns: ORGANIZATION_COLUMNS });
