import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { commonRoomRequest, readOptions, segment, timeoutMs } from '../common';
import { readTagId, tagIdProperty, tagJson } from './fields';

const properties: INodeProperties[] = [tagIdProperty, readOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['get'] } },
	properties,
);

interface Prepared {
	id: string;
	timeoutMs: number;
}

export function prepare(ctx: IExecuteFunctions, itemIndex: number): Prepared {
	return { id: readTagId(ctx, itemIndex), timeoutMs: timeoutMs(ctx, itemIndex) };
}

/** GET /tags/{id} (a deleted tag comes back with deletedAt set). */
export async function execute(ctx: IExecuteFunctions, prepared: Prepared, itemIndex: number): Promise<IDataObject> {
	const response = await commonRoomRequest(
		ctx,
		{ method: 'GET', path: `/tags/${segment(prepared.id)}`, idempotent: true },
		itemIndex,
		prepared.timeoutMs,
	);
	return tagJson(response.body);
}
