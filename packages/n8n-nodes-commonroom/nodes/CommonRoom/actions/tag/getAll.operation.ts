import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import { textParameter } from '../../../shared/parameters';
import { tagAppliesTo } from '../../helpers/tags';
import { commonRoomRequest, tagsOf } from '../../transport';
import { applyLimit, readLimit } from '../parameters';
import { readOptions, returnAllProperties } from '../properties';
import { ENTITY_TYPES } from './fields';

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

export const operation: ItemOperation<Prepared> = {
	prepare(ctx, itemIndex) {
		const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const entityType = textParameter(ctx, itemIndex, filters.entityType, 'Applies To');
		return { limit: readLimit(ctx, itemIndex), entityType: entityType || undefined, timeoutMs: readTimeoutMs(ctx, itemIndex) };
	},

	/** GET /tags → { labels: [...] } (deleted tags are not listed): one item per tag. */
	async execute(ctx, prepared, itemIndex) {
		const response = await commonRoomRequest(ctx, { method: 'GET', path: '/tags', idempotent: true }, itemIndex, prepared.timeoutMs);
		const tags = tagsOf(response.body);
		const { entityType } = prepared;
		return applyLimit(entityType ? tags.filter((tag) => tagAppliesTo(tag, entityType)) : tags, prepared.limit);
	},
};
