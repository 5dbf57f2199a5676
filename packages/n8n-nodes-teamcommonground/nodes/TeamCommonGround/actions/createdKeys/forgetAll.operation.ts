import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/execution';
import { CreateMemory } from '../common/createMemory';

export const description: INodeProperties[] = [];

/** Empties this node's memory once for the run; each item reports it. */
export const operation: ItemOperation<null, { storedValuesBefore: number }> = {
	prepare: () => null,
	async prepareRun(ctx) {
		const memory = new CreateMemory(ctx);
		const storedValuesBefore = await memory.size();
		await memory.forgetAll();
		return { shared: { storedValuesBefore } };
	},
	execute: (_ctx, _prepared, _itemIndex, shared) => ({ forgotAll: true, storedValuesBefore: shared.storedValuesBefore }),
};
