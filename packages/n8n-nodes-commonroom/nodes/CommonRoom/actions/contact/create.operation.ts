import { updateDisplayOptions } from 'n8n-workflow';

import { contactWriteProperties } from './fields';
import { contactWrite } from './write';

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	contactWriteProperties,
);

/** GET /user/{email} (404 = absent), then the upsert; an existing contact is skipped. */
export const operation = contactWrite('createOnly');
