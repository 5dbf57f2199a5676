import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/execution';
import { commonRoomRequest, pathSegment } from '../../transport';
import { readOptions } from '../properties';
import { prepareTagId, tagIdProperty, type TagIdPrepared, tagJson } from './fields';

const properties: INodeProperties[] = [tagIdProperty, readOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['get'] } },
	properties,
);

export const operation: ItemOperation<TagIdPrepared> = {
	prepare: prepareTagId,

	/** GET /tags/{id} (a deleted tag comes back with deletedAt set). */
	async execute(ctx, prepared, itemIndex) {
		const response = await commonRoomRequest(
			ctx,
			{ method: 'GET', path: `/tags/${pathSegment(prepared.id)}`, idempotent: true },
			itemIndex,
			prepared.timeoutMs,
		);
		return tagJson(response.body);
	},
};
