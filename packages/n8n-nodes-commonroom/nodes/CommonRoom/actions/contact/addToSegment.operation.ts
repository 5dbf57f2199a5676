import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import { invalidInput, numericIdParameter } from '../../../shared/parameters';
import { commonRoomRequest, pathSegment } from '../../transport';
import { readContactEmail } from '../parameters';
import { writeOptions } from '../properties';
import { contactEmailProperty } from './emailField';

const properties: INodeProperties[] = [
	{
		displayName: 'Segment Name or ID',
		name: 'segmentId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSegments' },
		required: true,
		default: '',
		description: 'The segment to add the contact to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	contactEmailProperty,
	{
		displayName: 'Status Name or ID',
		name: 'statusId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSegmentStatuses', loadOptionsDependsOn: ['segmentId'] },
		default: '',
		description: 'Optional status of the contact within the segment. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	writeOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['addToSegment'] } },
	properties,
);

interface Prepared {
	segmentId: string;
	email: string;
	statusId?: number;
	timeoutMs: number;
}

/** A segment or status id: sent as a JSON number, so it must fit one exactly. */
function numericId(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string): string {
	return numericIdParameter(ctx, itemIndex, ctx.getNodeParameter(name, itemIndex, ''), label, { noun: 'an ID', sentAsNumber: true });
}

/**
 * API v2 names the same segment `s_503` (Segment > Create, the v2 pickers); v1 takes the number.
 * Accepting both lets a v2 output be mapped straight in.
 */
function v1SegmentValue(value: unknown): unknown {
	return typeof value === 'string' && /^\s*s_\d+\s*$/.test(value) ? value.trim().slice(2) : value;
}

function prepare(ctx: IExecuteFunctions, itemIndex: number): Prepared {
	const segmentValue = v1SegmentValue(ctx.getNodeParameter('segmentId', itemIndex, ''));
	const segmentId = numericIdParameter(ctx, itemIndex, segmentValue, 'Segment', { noun: 'an ID', sentAsNumber: true });
	if (segmentId === '') throw invalidInput(ctx, itemIndex, 'Segment', 'is empty', 'Pick a segment from the list.');
	const email = readContactEmail(ctx, itemIndex, ctx.getNodeParameter('email', itemIndex, ''), 'Email');
	const statusId = numericId(ctx, itemIndex, 'statusId', 'Status');
	return { segmentId, email, statusId: statusId === '' ? undefined : Number(statusId), timeoutMs: readTimeoutMs(ctx, itemIndex) };
}

export const operation: ItemOperation<Prepared> = { prepare, execute };

/** POST /segments/{id} with { socialType: 'email', value, statusId? }. */
async function execute(ctx: IExecuteFunctions, prepared: Prepared, itemIndex: number): Promise<IDataObject> {
	const body: IDataObject = { socialType: 'email', value: prepared.email };
	if (prepared.statusId !== undefined) body.statusId = prepared.statusId;
	const response = await commonRoomRequest(
		ctx,
		{ method: 'POST', path: `/segments/${pathSegment(prepared.segmentId)}`, body, idempotent: true },
		itemIndex,
		prepared.timeoutMs,
	);
	return {
		segmentId: Number(prepared.segmentId),
		email: prepared.email,
		...(prepared.statusId !== undefined ? { statusId: prepared.statusId } : {}),
		added: true,
		apiStatusCode: response.statusCode,
	};
}
