import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import { invalidInput, textParameter } from '../../../shared/parameters';
import { commonRoomRequest, pathSegment } from '../../transport';
import { writeOptions } from '../properties';
import { readTagId, tagIdProperty, tagJson } from './fields';

const properties: INodeProperties[] = [
	tagIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'New description; an empty value removes the description',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the tag',
			},
		],
	},
	writeOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['update'] } },
	properties,
);

interface Prepared {
	id: string;
	name?: string;
	description?: string | null;
	timeoutMs: number;
}

function prepare(ctx: IExecuteFunctions, itemIndex: number): Prepared {
	const id = readTagId(ctx, itemIndex);
	const fields = ctx.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const prepared: Prepared = { id, timeoutMs: readTimeoutMs(ctx, itemIndex) };
	if ('name' in fields) {
		const name = textParameter(ctx, itemIndex, fields.name, 'Name');
		if (name === '') throw invalidInput(ctx, itemIndex, 'Name', 'is empty', 'A tag needs a name; remove the field to keep the current one.');
		prepared.name = name;
	}
	if ('description' in fields) {
		const text = textParameter(ctx, itemIndex, fields.description, 'Description');
		prepared.description = text === '' ? null : text;
	}
	if (prepared.name === undefined && prepared.description === undefined) {
		throw invalidInput(ctx, itemIndex, 'Update Fields', 'nothing to update', 'Add Name and/or Description.');
	}
	return prepared;
}

/**
 * POST /tags/{id} { name, description }. The API needs the name on every update, so when only
 * the description changes the tag is read first (GET /tags/{id}) to keep its name. Updating a
 * deleted tag undeletes it (API behaviour).
 */
async function execute(ctx: IExecuteFunctions, prepared: Prepared, itemIndex: number): Promise<IDataObject> {
	let name = prepared.name;
	if (name === undefined) {
		const current = await commonRoomRequest(
			ctx,
			{ method: 'GET', path: `/tags/${pathSegment(prepared.id)}`, idempotent: true },
			itemIndex,
			prepared.timeoutMs,
		);
		name = String(tagJson(current.body).name ?? '');
	}
	const body: IDataObject = { name };
	if (prepared.description !== undefined) body.description = prepared.description;
	const response = await commonRoomRequest(
		ctx,
		{ method: 'POST', path: `/tags/${pathSegment(prepared.id)}`, body, idempotent: true },
		itemIndex,
		prepared.timeoutMs,
	);
	return { ...tagJson(response.body), status: 'updated' };
}

export const operation: ItemOperation<Prepared> = { prepare, execute };
