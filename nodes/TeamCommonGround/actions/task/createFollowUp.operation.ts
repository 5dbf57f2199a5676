import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	additionalFields,
	clientFields,
	createOptions,
	messageField,
	sourceField,
	visibilityFields,
} from '../common/fields';
import { createActivityOperation } from '../common/createActivity';
import { dueDateFields } from './fields';

const properties: INodeProperties[] = [
	{ ...messageField, displayName: 'Follow-Up', placeholder: 'Call back about the renewal' },
	...dueDateFields,
	sourceField,
	...clientFields,
	...visibilityFields(false),
	additionalFields,
	createOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['createFollowUp'] } },
	properties,
);

/** A `follow_up_created` activity (client follow-up) with an optional due date. */
export const operation = createActivityOperation({ fixedType: 'follow_up_created', dueDate: true });
