import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { textParameter } from '../../../shared/validation';
import { applyLimit, asList, checkNumericId, commonRoomRequest, readLimit, readOptions, returnAllProperties, timeoutMs } from '../common';

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

export function prepare(ctx: IExecuteFunctions, itemIndex: number): Prepared {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const raw = filters.destinationSourceId;
	const sourceId = textParameter(ctx, itemIndex, raw, 'Writable by Destination Source ID');
	if (sourceId !== '') checkNumericId(ctx, itemIndex, sourceId, 'Writable by Destination Source ID', 'a source ID');
	return { limit: readLimit(ctx, itemIndex), sourceId: sourceId || undefined, timeoutMs: timeoutMs(ctx, itemIndex) };
}

/** GET /members/customFields: one item per field ({ id, name, type, multivalue, values? }). */
export async function execute(ctx: IExecuteFunctions, prepared: Prepared, itemIndex: number): Promise<IDataObject[]> {
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
}
