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
				description: 'Create an activity of a system or custom type',
				action: 'Create an activity',
			},
			{
				name: 'Create Reply',
				value: 'createReply',
				description: 'Reply to an activity, in its thread',
				action: 'Create a reply in a thread',
			},
		],
		default: 'create',
	},
	...create.description,
	...createReply.description,
];
