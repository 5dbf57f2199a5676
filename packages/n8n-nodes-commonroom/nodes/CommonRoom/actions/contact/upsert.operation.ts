import { updateDisplayOptions } from 'n8n-workflow';

import { contactWriteProperties } from './fields';
import { contactWrite } from './write';

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['upsert'] } },
	contactWriteProperties,
);

/** POST /source/{id}/user, keyed by the email-derived id: a re-run updates, never duplicates. */
export const operation = contactWrite('upsert');
