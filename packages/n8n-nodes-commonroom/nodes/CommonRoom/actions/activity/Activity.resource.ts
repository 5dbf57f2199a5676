import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as createReply from './createReply.operation';
import * as getAll from './getAll.operation';

export { create, createReply, getAll };

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
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"Read recent activity (API v2), newest first: of one contact (filter Contact), or of everyone at a company (filter Organization, e.g. 'who at Acme was active this month'), optionally within Occurred From / To",
				action: 'Get many activities',
			},
		],
		default: 'create',
	},
	...create.description,
	...createReply.description,
	...getAll.description,
];
