import type { INodeProperties } from 'n8n-workflow';

import * as forget from './forget.operation';
import * as forgetAll from './forgetAll.operation';

export { forget, forgetAll };

export const description: INodeProperties[] = [
	{
		displayName:
			'What Skip Duplicates remembers belongs to this node in this workflow. To change it, switch this same node to Created Keys, run it once, and switch it back (another node has a memory of its own).',
		name: 'createdKeysNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['createdKeys'] } },
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['createdKeys'] } },
		options: [
			{
				name: 'Forget Keys',
				value: 'forget',
				description: 'Forget the given Duplicate Keys, so that their activities are sent again (sends nothing to Team Common Ground)',
				action: 'Forget created keys',
			},
			{
				name: 'Forget All',
				value: 'forgetAll',
				description: 'Forget every key this node remembers (sends nothing to Team Common Ground)',
				action: 'Forget all created keys',
			},
		],
		default: 'forget',
	},
	...forget.description,
	...forgetAll.description,
];
