import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	activityTypeField,
	additionalFields,
	clientFields,
	createOptions,
	messageField,
	sourceField,
	visibilityFields,
} from '../common/fields';
import { createActivityOperation } from '../common/createActivity';
import { duplicateFields } from '../common/duplicates';

const properties: INodeProperties[] = [
	...activityTypeField('note'),
	sourceField,
	...clientFields,
	messageField,
	...visibilityFields(false),
	additionalFields,
	...duplicateFields,
	createOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['activity'], operation: ['create'] } },
	properties,
);

/** POST /activities: a new root activity (its threadId is its own ID). */
export const operation = createActivityOperation({});
