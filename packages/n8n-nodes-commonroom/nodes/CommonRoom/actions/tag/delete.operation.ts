import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/execution';
import { commonRoomRequest, pathSegment } from '../../transport';
import { writeOptions } from '../properties';
import { prepareTagId, tagIdProperty, type TagIdPrepared } from './fields';

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting a tag removes it from every contact and activity it is on, and may break alerts or workflows that use it',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	tagIdProperty,
	writeOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['delete'] } },
	properties,
);

export const operation: ItemOperation<TagIdPrepared> = {
	prepare: prepareTagId,

	/** DELETE /tags/{id}. */
	async execute(ctx, prepared, itemIndex) {
		const response = await commonRoomRequest(
			ctx,
			{ method: 'DELETE', path: `/tags/${pathSegment(prepared.id)}`, idempotent: true },
			itemIndex,
			prepared.timeoutMs,
		);
		return { id: prepared.id, deleted: true, apiStatusCode: response.statusCode };
	},
};
