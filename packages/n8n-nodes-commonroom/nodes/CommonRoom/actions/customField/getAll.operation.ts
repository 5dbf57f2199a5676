import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import { numericIdParameter } from '../../../shared/parameters';
import { asList, commonRoomRequest } from '../../transport';
import { applyLimit, readLimit } from '../parameters';
import { readOptions, returnAllProperties } from '../properties';

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
				displayName: 'Writable by Destination Source ID',
				name: 'destinationSourceId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12345',
				description: 'Only the custom fields this API source may write',
			},
		],
	},
	readOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customField'], operation: ['getAll'] } },
	properties,
);

interface Prepared {
	limit?: number;
	sourceId?: string;
	timeoutMs: number;
}

export const operation: ItemOperation<Prepared> = {
	prepare(ctx, itemIndex) {
		const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const sourceId = numericIdParameter(ctx, itemIndex, filters.destinationSourceId, 'Writable by Destination Source ID', {
			noun: 'a source ID',
		});
		return { limit: readLimit(ctx, itemIndex), sourceId: sourceId || undefined, timeoutMs: readTimeoutMs(ctx, itemIndex) };
	},

	/** GET /members/customFields: one item per field ({ id, name, type, multivalue, values? }). */
	async execute(ctx, prepared, itemIndex) {
		const response = await commonRoomRequest(
			ctx,
			{
				method: 'GET',
				path: '/members/customFields',
				...(prepared.sourceId ? { qs: { destinationSourceId: prepared.sourceId } } : {}),
				idempotent: true,
			},
			itemIndex,
			prepared.timeoutMs,
		);
		return applyLimit(asList(response.body), prepared.limit);
	},
};
