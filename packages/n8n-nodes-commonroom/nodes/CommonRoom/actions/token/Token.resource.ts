import type { INodeProperties } from 'n8n-workflow';

import * as check from './check.operation';

export { check };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['token'] } },
		options: [
			{
				name: 'Check',
				value: 'check',
				description: 'Check the API token and see which community it belongs to',
				action: 'Check the API token',
			},
		],
		default: 'check',
	},
	...check.description,
];
