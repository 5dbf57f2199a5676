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
	{ ...messageField, displayName: 'Task', placeholder: 'Review proposal draft' },
	...dueDateFields,
	sourceField,
	...clientFields,
	...visibilityFields(false),
	additionalFields,
	createOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['createTask'] } },
	properties,
);

/** A `task_created` activity with an optional due date. */
export const operation = createActivityOperation({ fixedType: 'task_created', dueDate: true });
