import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import { commonRoomRequest } from '../../transport';
import { readOptions } from '../properties';

const properties: INodeProperties[] = [readOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['token'], operation: ['check'] } },
	properties,
);

interface Prepared {
	timeoutMs: number;
}

export const operation: ItemOperation<Prepared> = {
	prepare: (ctx, itemIndex) => ({ timeoutMs: readTimeoutMs(ctx, itemIndex) }),

	/** GET /api-token-status: { jti, communityName, communityId } for a working token. */
	async execute(ctx, prepared, itemIndex) {
		const response = await commonRoomRequest(
			ctx,
			{ method: 'GET', path: '/api-token-status', idempotent: true },
			itemIndex,
			prepared.timeoutMs,
		);
		const body = (response.body && typeof response.body === 'object' ? response.body : {}) as IDataObject;
		return { valid: true, ...body };
	},
};
