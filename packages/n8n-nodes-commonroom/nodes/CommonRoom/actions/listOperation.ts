import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../shared/execution';
import { asList, commonRoomRequest } from '../transport';
import type { CommonRoomResource } from './node.type';
import { applyLimit, readLimit } from './parameters';
import { readOptions, returnAllProperties } from './properties';

interface ListPrepared {
	limit?: number;
	timeoutMs: number;
}

/**
 * A plain Get Many: Return All / Limit and the read options, one GET of `path` (no query), one
 * item per element of the answer's list.
 */
export function listOperation({ resource, path }: { resource: CommonRoomResource; path: string }): {
	description: INodeProperties[];
	operation: ItemOperation<ListPrepared>;
} {
	const properties: INodeProperties[] = [...returnAllProperties, readOptions()];
	return {
		description: updateDisplayOptions({ show: { resource: [resource], operation: ['getAll'] } }, properties),
		operation: {
			prepare: (ctx: IExecuteFunctions, itemIndex: number): ListPrepared => ({
				limit: readLimit(ctx, itemIndex),
				timeoutMs: readTimeoutMs(ctx, itemIndex),
			}),
			async execute(ctx, prepared, itemIndex): Promise<IDataObject[]> {
				const response = await commonRoomRequest(ctx, { method: 'GET', path, idempotent: true }, itemIndex, prepared.timeoutMs);
				return applyLimit(asList(response.body), prepared.limit);
			},
		},
	};
}
