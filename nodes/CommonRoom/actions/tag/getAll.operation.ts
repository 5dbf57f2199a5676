import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { applyLimit, commonRoomRequest, readLimit, readOptions, returnAllProperties, timeoutMs } from '../common';
import { ENTITY_TYPES, tagJson } from './fields';

const properties: INodeProperties[] = [
	...returnAllProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Applies To',
				name: 'entityType',
				type: 'options',
				options: ENTITY_TYPES,
				default: 'member',
				description: 'Only tags that may be assigned to this',
			},
		],
	},
	readOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['getAll'] } },
	properties,
);

interface Prepared {
	limit?: number;
	entityType?: string;
	timeoutMs: number;
}

export function prepare(ctx: IExecuteFunctions, itemIndex: number): Prepared {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return {
		limit: readLimit(ctx, itemIndex),
		entityType: typeof filters.entityType === 'string' && filters.entityType ? filters.entityType : undefined,
		timeoutMs: timeoutMs(ctx, itemIndex),
	};
}

/** GET /tags → { labels: [...] } (deleted tags are not listed): one item per tag. */
export async function execute(ctx: IExecuteFunctions, prepared: Prepared, itemIndex: number): Promise<IDataObject[]> {
	const response = await commonRoomRequest(
		ctx,
		{ method: 'GET', path: '/tags', idempotent: true },
		itemIndex,
		prepared.timeoutMs,
	);
	const labels = tagJson(response.body).labels;
	let tags = Array.isArray(labels) ? (labels as IDataObject[]) : [];
	if (prepared.entityType) {
		const wanted = prepared.entityType;
		tags = tags.filter((tag) => Array.isArray(tag.entityTypes) && (tag.entityTypes as unknown[]).includes(wanted));
	}
	return applyLimit(tags, prepared.limit);
}
