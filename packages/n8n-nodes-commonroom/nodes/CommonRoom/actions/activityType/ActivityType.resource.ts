import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['activityType'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many activity types',
				action: 'Get many activity types',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
