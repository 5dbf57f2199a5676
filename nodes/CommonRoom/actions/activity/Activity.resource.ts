import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as createReply from './createReply.operation';

export { create, createReply };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['activity'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: "Add an activity to a member's timeline, or update it when sent again",
				action: 'Create an activity',
			},
			{
				name: 'Create Reply',
				value: 'createReply',
				description: 'Add an activity threaded under a parent activity',
				action: 'Create a reply activity',
			},
		],
		default: 'create',
	},
	...create.description,
	...createReply.description,
];
