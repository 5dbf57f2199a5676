import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { commonRoomRequest, readOptions, segment } from '../common';
import { prepareTagId, tagIdProperty, type TagIdPrepared, tagJson } from './fields';

const properties: INodeProperties[] = [tagIdProperty, readOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['get'] } },
	properties,
);

export const prepare = prepareTagId;

/** GET /tags/{id} (a deleted tag comes back with deletedAt set). */
export async function execute(ctx: IExecuteFunctions, prepared: TagIdPrepared, itemIndex: number): Promise<IDataObject> {
	const response = await commonRoomRequest(
		ctx,
		{ method: 'GET', path: `/tags/${segment(prepared.id)}`, idempotent: true },
		itemIndex,
		prepared.timeoutMs,
	);
	return tagJson(response.body);
}
