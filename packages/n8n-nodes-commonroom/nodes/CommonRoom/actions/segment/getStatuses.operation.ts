import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import { invalidInput, numericIdParameter } from '../../../shared/parameters';
import { asList, commonRoomRequest, pathSegment } from '../../transport';
import { applyLimit, readLimit } from '../parameters';
import { readOptions, returnAllProperties } from '../properties';

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

export const operation: ItemOperation<Prepared> = {
	prepare(ctx, itemIndex) {
		const fix = 'Pick a segment from the list.';
		const segmentId = numericIdParameter(ctx, itemIndex, ctx.getNodeParameter('segmentId', itemIndex, ''), 'Segment', {
			noun: 'a segment ID',
			fix,
			sentAsNumber: true,
		});
		if (segmentId === '') throw invalidInput(ctx, itemIndex, 'Segment', 'is empty', fix);
		return { segmentId, limit: readLimit(ctx, itemIndex), timeoutMs: readTimeoutMs(ctx, itemIndex) };
	},

	/** GET /segments/{id}/status: one item per status ({ id, name, segmentId }). */
	async execute(ctx, prepared, itemIndex) {
		const response = await commonRoomRequest(
			ctx,
			{ method: 'GET', path: `/segments/${pathSegment(prepared.segmentId)}/status`, idempotent: true },
			itemIndex,
			prepared.timeoutMs,
		);
		return applyLimit(asList(response.body), prepared.limit).map((status) => ({
			...status,
			segmentId: Number(prepared.segmentId),
		}));
	},
};
