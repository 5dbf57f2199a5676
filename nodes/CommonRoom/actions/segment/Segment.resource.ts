import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as getStatuses from './getStatuses.operation';

export { getAll, getStatuses };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['segment'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many segments',
				action: 'Get many segments',
			},
			{
				name: 'Get Statuses',
				value: 'getStatuses',
				description: 'Get the statuses a contact can have in a segment',
				action: 'Get the statuses of a segment',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...getStatuses.description,
];
