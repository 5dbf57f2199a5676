import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidInput } from '../../../shared/validation';
import {
	applyLimit,
	asList,
	checkNumericId,
	commonRoomRequest,
	readLimit,
	readOptions,
	readTextParameter,
	returnAllProperties,
	segment,
	timeoutMs,
} from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Segment Name or ID',
		name: 'segmentId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSegments' },
		required: true,
		default: '',
		description:
			'The segment whose statuses to list. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...returnAllProperties,
	readOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['segment'], operation: ['getStatuses'] } },
	properties,
);

interface Prepared {
	segmentId: string;
	limit?: number;
	timeoutMs: number;
}

export function prepare(ctx: IExecuteFunctions, itemIndex: number): Prepared {
	const segmentId = readTextParameter(ctx, 'segmentId', itemIndex, 'Segment');
	const fix = 'Pick a segment from the list.';
	if (segmentId === '') throw invalidInput(ctx, itemIndex, 'Segment', 'is empty', fix);
	checkNumericId(ctx, itemIndex, segmentId, 'Segment', 'a segment ID', fix);
	return { segmentId, limit: readLimit(ctx, itemIndex), timeoutMs: timeoutMs(ctx, itemIndex) };
}

/** GET /segments/{id}/status: one item per status ({ id, name, segmentId }). */
export async function execute(ctx: IExecuteFunctions, prepared: Prepared, itemIndex: number): Promise<IDataObject[]> {
	const response = await commonRoomRequest(
		ctx,
		{ method: 'GET', path: `/segments/${segment(prepared.segmentId)}/status`, idempotent: true },
		itemIndex,
		prepared.timeoutMs,
	);
	return applyLimit(asList(response.body), prepared.limit).map((status) => ({
		...status,
		segmentId: Number(prepared.segmentId),
	}));
}
