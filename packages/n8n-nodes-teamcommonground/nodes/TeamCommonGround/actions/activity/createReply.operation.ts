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
	{
		displayName: 'Thread ID',
		name: 'threadId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $json.threadId }}',
		description:
			"The root activity's ID. After a Team Common Ground create or reply, map its threadId output here (a root's thread ID is its own ID).",
	},
	{
		displayName: 'Parent Activity ID',
		name: 'parentActivityId',
		type: 'string',
		default: '',
		placeholder: '={{ $json.activityId }}',
		description:
			'The activity this replies to, for a nested reply (e.g. the activityId output of a previous reply). Leave empty to reply to the root.',
	},
	...activityTypeField('message'),
	sourceField,
	...clientFields,
	messageField,
	...visibilityFields(true),
	additionalFields,
	...duplicateFields,
	createOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['activity'], operation: ['createReply'] } },
	properties,
);

/** POST /activities with threadId + parentActivityId; visibility inherited unless chosen. */
export const operation = createActivityOperation({ reply: true });
