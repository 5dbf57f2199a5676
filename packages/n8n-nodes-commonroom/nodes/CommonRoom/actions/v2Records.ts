/**
 * What the API v2 reads of contacts and organizations share at run level: the workspace's custom
 * field definitions, read once per execution (in `prepareRun`, only when an item asks for custom
 * fields), so that every record's `customFields` comes out by name.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PreparedItem, RunPreparation } from '../../shared/execution';
import { invalidInput } from '../../shared/parameters';
import { customFieldNames, wantsCustomFields, withNamedCustomFields } from '../helpers/v2Records';
import { pageOf, recordOf, v2Get } from '../transport/v2';

/** Custom field id (`cf_101`) → the name outputs use; empty when no item asked for custom fields. */
export type CustomFieldNames = ReadonlyMap<string, string>;

interface WithColumns {
	columns: string[];
	timeoutMs: number;
}

/**
 * The run step of an operation whose Columns may hold custom fields: GET /custom-fields for the
 * record type, once. An item asking for one field by id (`cf_<number>`, from an expression) that
 * the workspace does not have fails here, before any of its requests.
 */
export function customFieldNaming<Prepared extends WithColumns>(entityType: 'contact' | 'organization') {
	return async (ctx: IExecuteFunctions, items: ReadonlyArray<PreparedItem<Prepared>>): Promise<RunPreparation<CustomFieldNames>> => {
		const wanting = items.filter((item) => wantsCustomFields(item.prepared.columns));
		if (wanting.length === 0) return { shared: new Map() };
		const [first] = wanting;
		const { body } = await v2Get(ctx, '/custom-fields', { entityType }, { itemIndex: first.itemIndex, timeoutMs: first.prepared.timeoutMs });
		const names = customFieldNames(pageOf(body).records);
		const failed = new Map<number, Error>();
		for (const { itemIndex, prepared } of wanting) {
			const unknown = prepared.columns.filter((column) => /^cf_\d+$/.test(column) && !names.has(column));
			if (unknown.length > 0) {
				failed.set(
					itemIndex,
					invalidInput(
						ctx,
						itemIndex,
						'Columns',
						`this workspace has no ${entityType} custom field ${unknown.join(', ')}`,
						'Pick "Custom Fields (All, by Name)", or give cf_ and the number Custom Field > Get Many lists.',
					),
				);
			}
		}
		return { shared: names, failed };
	};
}

/** One record of a v2 single-record answer, custom fields by name; an answer without one is an error. */
export function namedRecord(ctx: IExecuteFunctions, body: unknown, names: CustomFieldNames, itemIndex: number): IDataObject {
	const record = recordOf(body);
	if (!record) {
		throw new NodeOperationError(ctx.getNode(), `Common Room answered without a record [item ${itemIndex}]`, {
			itemIndex,
			description: 'The answer had no `data` object. Run again; if it persists, check the Base URL in the credential.',
		});
	}
	return withNamedCustomFields(record, names);
}

/** The records of a list, custom fields by name. */
export function namedRecords(records: IDataObject[], names: CustomFieldNames): IDataObject[] {
	return records.map((record) => withNamedCustomFields(record, names));
}
