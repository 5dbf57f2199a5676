import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['leadScore'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"List the workspace's lead score definitions (ID ls_…, name, contact or organization, enabled, primary). Use an ID to sort Contact > Get Many by that score, e.g. for the hottest leads.",
				action: 'Get many lead scores',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
