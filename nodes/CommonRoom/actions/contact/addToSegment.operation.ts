import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidInput } from '../../../shared/validation';
import { checkNumericId, commonRoomRequest, readEmail, readTextParameter, segment, timeoutMs, writeOptions } from '../common';
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

function numericId(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string, required: boolean) {
	const text = readTextParameter(ctx, name, itemIndex, label);
	if (text === '') {
		if (required) throw invalidInput(ctx, itemIndex, label, 'is empty', `Pick a ${label.toLowerCase()} from the list.`);
		return undefined;
	}
	checkNumericId(ctx, itemIndex, text, label, 'an ID');
	return Number(text);
}

export function prepare(ctx: IExecuteFunctions, itemIndex: number): Prepared {
	const segmentId = String(numericId(ctx, itemIndex, 'segmentId', 'Segment', true));
	const email = readEmail(ctx, itemIndex, ctx.getNodeParameter('email', itemIndex, ''), 'Email');
	const statusId = numericId(ctx, itemIndex, 'statusId', 'Status', false);
	return { segmentId, email, statusId, timeoutMs: timeoutMs(ctx, itemIndex) };
}

/** POST /segments/{id} with { socialType: 'email', value, statusId? }. */
export async function execute(ctx: IExecuteFunctions, prepared: Prepared, itemIndex: number): Promise<IDataObject> {
	const body: IDataObject = { socialType: 'email', value: prepared.email };
	if (prepared.statusId !== undefined) body.statusId = prepared.statusId;
	const response = await commonRoomRequest(
		ctx,
		{ method: 'POST', path: `/segments/${segment(prepared.segmentId)}`, body, idempotent: true },
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
