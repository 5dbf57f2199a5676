import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getAll from './getAll.operation';
import * as getStatuses from './getStatuses.operation';

export { create, getAll, getStatuses };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['segment'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a segment (API v2) to group contacts or organizations. A name that already exists is not an error: the item says created: false and gives the existing segment.',
				action: 'Create a segment',
			},
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
	...create.description,
	...getAll.description,
	...getStatuses.description,
];
