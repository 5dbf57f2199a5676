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
import { duplicateFields } from '../common/duplicates';
import { dueDateFields } from './fields';

interface TaskKind {
	/** The operation's value under the Task resource. */
	operation: 'createTask' | 'createFollowUp';
	/** The fixed activity type it creates. */
	type: string;
	/** Display name and placeholder of its message field. */
	label: string;
	placeholder: string;
}

/** A Task operation: an activity of a fixed type with its message, an optional due date and the create fields. */
export function taskOperation({ operation, type, label, placeholder }: TaskKind) {
	const properties: INodeProperties[] = [
		{ ...messageField, displayName: label, placeholder },
		...dueDateFields,
		sourceField,
		...clientFields,
		...visibilityFields(false),
		additionalFields,
		...duplicateFields,
		createOptions,
	];
	return {
		description: updateDisplayOptions({ show: { resource: ['task'], operation: [operation] } }, properties),
		operation: createActivityOperation({ fixedType: type, dueDate: true }),
	};
}
