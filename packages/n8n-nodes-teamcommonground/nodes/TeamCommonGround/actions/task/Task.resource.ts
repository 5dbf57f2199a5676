import type { INodeProperties } from 'n8n-workflow';

import * as createFollowUp from './createFollowUp.operation';
import * as createTask from './createTask.operation';

export { createFollowUp, createTask };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Create Follow-Up',
				value: 'createFollowUp',
				description: 'Create a client follow-up item, with an optional due date',
				action: 'Create a follow up',
			},
			{
				name: 'Create Task',
				value: 'createTask',
				description: 'Create a task assignment, with an optional due date',
				action: 'Create a task',
			},
		],
		default: 'createTask',
	},
	...createTask.description,
	...createFollowUp.description,
];
