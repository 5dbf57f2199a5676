import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { commonRoomRequest, readOptions, timeoutMs } from '../common';

const properties: INodeProperties[] = [readOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['token'], operation: ['check'] } },
	properties,
);

interface Prepared {
	timeoutMs: number;
}

export function prepare(ctx: IExecuteFunctions, itemIndex: number): Prepared {
	return { timeoutMs: timeoutMs(ctx, itemIndex) };
}

/** GET /api-token-status: { jti, communityName, communityId } for a working token. */
export async function execute(ctx: IExecuteFunctions, prepared: Prepared, itemIndex: number): Promise<IDataObject> {
	const response = await commonRoomRequest(
		ctx,
		{ method: 'GET', path: '/api-token-status', idempotent: true },
		itemIndex,
		prepared.timeoutMs,
	);
	const body = (response.body && typeof response.body === 'object' ? response.body : {}) as IDataObject;
	return { valid: true, ...body };
}
