import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/execution';
import { requiredTextParameter } from '../../../shared/parameters';
import { CreateMemory } from '../common/createMemory';

const properties: INodeProperties[] = [
	{
		displayName: 'Duplicate Key',
		name: 'duplicateKey',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $json.duplicateKey }}',
		description: 'The key to forget, as the create operation used it: its output shows it as duplicateKey',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['createdKeys'], operation: ['forget'] } }, properties);

/** Takes each item's key out of this node's memory: the next create with it is sent. */
export const operation: ItemOperation<string> = {
	prepare: (ctx, itemIndex) =>
		requiredTextParameter(ctx, itemIndex, ctx.getNodeParameter('duplicateKey', itemIndex, ''), 'Duplicate Key', 'Map the duplicateKey of a create\'s output, e.g. {{ $json.duplicateKey }}.').normalize('NFC'),
	async execute(ctx, key) {
		await new CreateMemory(ctx).forget([key], new Date());
		return { duplicateKey: key, forgotten: true };
	},
};
