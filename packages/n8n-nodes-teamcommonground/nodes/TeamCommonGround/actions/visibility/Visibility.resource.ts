import type { INodeProperties } from 'n8n-workflow';

import * as buildList from './buildList.operation';

export { buildList };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['visibility'] } },
		options: [
			{
				name: 'Build List',
				value: 'buildList',
				description:
					'Turn your choices into the visibility list Team Common Ground expects (sends nothing)',
				action: 'Build a visibility list',
			},
		],
		default: 'buildList',
	},
	...buildList.description,
];
