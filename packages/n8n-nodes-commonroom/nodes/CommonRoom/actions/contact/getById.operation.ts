import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CONTACT_COLUMNS, CONTACT_DEFAULT_COLUMNS } from '../../helpers/v2Columns';
import { readOptions } from '../properties';
import { columnsProperty, v2Locator } from '../v2Fields';
import { getOneOperation } from '../v2GetOne';

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

export const operation = getOneOperation({ entity: 'contact', collection: 'contacts', parameter: 'contactId', label: 'Contact', columns: CONTACT_COLUMNS });
