import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['organization'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					'Get one organization (company) by its API v2 ID (o_…): name, primary domain, and the columns chosen (about, employees, contacts count, lead scores, top contacts, custom fields by name)',
				action: 'Get an organization',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"List organizations (API v2). To find one company use a filter: Primary Domain ('acme.com') or its exact Name; its ID then answers 'who at Acme …' through Contact > Get Many or Activity > Get Many.",
				action: 'Get many organizations',
			},
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
];
