import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { commonRoomRequest, segment, writeOptions } from '../common';
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

export const prepare = prepareTagId;

/** DELETE /tags/{id}. */
export async function execute(ctx: IExecuteFunctions, prepared: TagIdPrepared, itemIndex: number): Promise<IDataObject> {
	const response = await commonRoomRequest(
		ctx,
		{ method: 'DELETE', path: `/tags/${segment(prepared.id)}`, idempotent: true },
		itemIndex,
		prepared.timeoutMs,
	);
	return { id: prepared.id, deleted: true, apiStatusCode: response.statusCode };
}
