/**
 * Get one API v2 record by its prefixed ID (Contact > Get by ID, Organization > Get): the ID and
 * columns checked before any request, custom field names read once per run, the record flat.
 * The two differ only in what they read, so they are one operation built twice.
 */
import { readTimeoutMs, type ItemOperation } from '../../shared/execution';
import { colsParam } from '../helpers/v2Query';
import { pathSegment } from '../transport';
import { v2Get } from '../transport/v2';
import { readColumns, requiredV2Id } from './v2Fields';
import { customFieldNaming, namedRecord, type CustomFieldNames } from './v2Records';

interface Prepared {
	id: string;
	columns: string[];
	timeoutMs: number;
}

export interface GetOneTarget {
	entity: 'contact' | 'organization';
	/** The v2 collection, e.g. 'contacts' for GET /contacts/{id}. */
	collection: string;
	/** The resource locator parameter and its label in errors. */
	parameter: string;
	label: string;
	columns: Parameters<typeof readColumns>[2];
}

export function getOneOperation(target: GetOneTarget): ItemOperation<Prepared, CustomFieldNames> {
	return {
		prepare: (ctx, itemIndex) => ({
			id: requiredV2Id(ctx, itemIndex, ctx.getNodeParameter(target.parameter, itemIndex, ''), target.entity, target.label),
			columns: readColumns(ctx, itemIndex, target.columns),
			timeoutMs: readTimeoutMs(ctx, itemIndex),
		}),

		prepareRun: customFieldNaming(target.entity),

		/** v2 GET /{collection}/{id}: the record with the columns asked for (an unknown ID fails with the API's 404). */
		async execute(ctx, prepared, itemIndex, names) {
			const { body } = await v2Get(ctx, `/${target.collection}/${pathSegment(prepared.id)}`, colsParam(prepared.columns), {
				itemIndex,
				timeoutMs: prepared.timeoutMs,
			});
			return namedRecord(ctx, body, names, itemIndex);
		},
	};
}
