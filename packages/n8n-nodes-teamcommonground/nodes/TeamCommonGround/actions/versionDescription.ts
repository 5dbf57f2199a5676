import type { INodeProperties } from 'n8n-workflow';

import * as activity from './activity/Activity.resource';
import * as createdKeys from './createdKeys/CreatedKeys.resource';
import * as embed from './embed/Embed.resource';
import * as task from './task/Task.resource';
import * as visibility from './visibility/Visibility.resource';

/** Node-level properties: the resource selector, then each resource's operations and fields. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Activity', value: 'activity' },
			{ name: 'Created Key', value: 'createdKeys' },
			{ name: 'Embed', value: 'embed' },
			{ name: 'Task', value: 'task' },
			{ name: 'Visibility', value: 'visibility' },
		],
		default: 'activity',
	},
	...activity.description,
	...task.description,
	...visibility.description,
	...embed.description,
	...createdKeys.description,
];
