import { updateDisplayOptions } from 'n8n-workflow';

import { onlySendChangesProperty } from '../onlySendChanges';
import { contactWriteProperties } from './fields';
import { contactWrite } from './write';

// Only Send Changes goes just before the Options collection, the last property.
export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['upsert'] } }, [
	...contactWriteProperties.slice(0, -1),
	onlySendChangesProperty,
	...contactWriteProperties.slice(-1),
]);

/** POST /source/{id}/user, keyed by the email-derived id: a re-run updates, never duplicates. */
export const operation = contactWrite('upsert');
