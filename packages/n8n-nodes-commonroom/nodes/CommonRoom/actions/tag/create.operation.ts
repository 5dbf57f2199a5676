import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import { invalidInput, requiredTextParameter, textList, textParameter } from '../../../shared/parameters';
import { commonRoomRequest } from '../../transport';
import { writeOptions } from '../properties';
import { ENTITY_TYPES, tagJson } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the tag. If a tag with this name exists, Common Room returns it instead of creating another.',
	},
	{
		displayName: 'Applies To',
		name: 'entityTypes',
		type: 'multiOptions',
		options: ENTITY_TYPES,
		required: true,
		default: ['member'],
		description: 'What the tag may be assigned to',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'What the tag means',
			},
		],
	},
	writeOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['create'] } },
	properties,
);

interface Prepared {
	body: IDataObject;
	timeoutMs: number;
}

const ALLOWED = ENTITY_TYPES.map((type) => type.value);

function prepare(ctx: IExecuteFunctions, itemIndex: number): Prepared {
	const name = requiredTextParameter(ctx, itemIndex, ctx.getNodeParameter('name', itemIndex, ''), 'Name', 'Give the tag a name.');
	const entityTypes = textList(ctx, itemIndex, ctx.getNodeParameter('entityTypes', itemIndex, []), 'Applies To');
	if (entityTypes.length === 0) {
		throw invalidInput(ctx, itemIndex, 'Applies To', 'is empty', 'Pick at least one of Contact, Activity, Company.');
	}
	const unknown = entityTypes.filter((type) => !ALLOWED.includes(type));
	if (unknown.length > 0) {
		throw invalidInput(ctx, itemIndex, 'Applies To', `unknown entity type ${unknown.join(', ')}`, `Use ${ALLOWED.join(', ')}.`);
	}
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { name, entityTypes };
	const tagDescription = textParameter(ctx, itemIndex, additional.description, 'Description');
	if (tagDescription !== '') body.description = tagDescription;
	return { body, timeoutMs: readTimeoutMs(ctx, itemIndex) };
}

export const operation: ItemOperation<Prepared> = {
	prepare,

	/** POST /tags: creates the tag, or returns the existing one with that name. */
	async execute(ctx, prepared, itemIndex) {
		const response = await commonRoomRequest(
			ctx,
			{ method: 'POST', path: '/tags', body: prepared.body, idempotent: true },
			itemIndex,
			prepared.timeoutMs,
		);
		return tagJson(response.body);
	},
};
