import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import { pageOf, v2Get } from '../../transport/v2';
import { applyLimit, readLimit } from '../parameters';
import { readOptions, returnAllProperties } from '../properties';
import { readChoice } from '../v2Fields';

const ENTITY_TYPES = ['contact', 'organization'] as const;
type EntityFilter = (typeof ENTITY_TYPES)[number] | 'any';

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
				displayName: 'Scores',
				name: 'entityType',
				type: 'options',
				options: [
					{ name: 'Contacts', value: 'contact' },
					{ name: 'Organizations', value: 'organization' },
				],
				default: 'contact',
				description: 'Only the lead scores of contacts or of organizations',
			},
		],
	},
	readOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['leadScore'], operation: ['getAll'] } },
	properties,
);

interface Prepared {
	limit?: number;
	entityType: EntityFilter;
	timeoutMs: number;
}

export const operation: ItemOperation<Prepared> = {
	prepare(ctx, itemIndex) {
		const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		return {
			limit: readLimit(ctx, itemIndex),
			entityType: readChoice(ctx, itemIndex, filters.entityType, 'Scores', ENTITY_TYPES, 'any'),
			timeoutMs: readTimeoutMs(ctx, itemIndex),
		};
	},

	/**
	 * v2 GET /lead-scores: every definition, disabled ones too ({ id: 'ls_…', name, enabled,
	 * entityType, isPrimaryScore }). The spec gives this list no paging, so Limit is applied here.
	 */
	async execute(ctx, prepared, itemIndex) {
		const { body } = await v2Get(ctx, '/lead-scores', undefined, { itemIndex, timeoutMs: prepared.timeoutMs });
		const { entityType } = prepared;
		const scores = pageOf(body).records.filter((score) => entityType === 'any' || score.entityType === entityType);
		return applyLimit(scores, prepared.limit);
	},
};
