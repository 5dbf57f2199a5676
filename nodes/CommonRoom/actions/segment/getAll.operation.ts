import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { applyLimit, asList, commonRoomRequest, readLimit, readOptions, returnAllProperties, timeoutMs } from '../common';

const properties: INodeProperties[] = [...returnAllProperties, readOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['segment'], operation: ['getAll'] } },
	properties,
);

interface Prepared {
	limit?: number;
	timeoutMs: number;
}

export function prepare(ctx: IExecuteFunctions, itemIndex: number): Prepared {
	return { limit: readLimit(ctx, itemIndex), timeoutMs: timeoutMs(ctx, itemIndex) };
}

/** GET /segments: one item per segment ({ id, name }). */
export async function execute(ctx: IExecuteFunctions, prepared: Prepared, itemIndex: number): Promise<IDataObject[]> {
	const response = await commonRoomRequest(
		ctx,
		{ method: 'GET', path: '/segments', idempotent: true },
		itemIndex,
		prepared.timeoutMs,
	);
	return applyLimit(asList(response.body), prepared.limit);
}
