/**
 * The run-level step of the Contact writes: when any item of the run uses custom fields (or
 * slackUserId, or "Map Input Fields by Name"), the workspace's definitions are read once per
 * source (GET /members/customFields?destinationSourceId=…) and every such item's values are
 * coerced before ANY contact is written. An item whose values cannot be coerced fails; without
 * Continue On Fail the runner then stops the run with nothing written.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PreparedItem, RunPreparation } from '../../../shared/execution';
import { problemsError } from '../../../shared/parameters';
import {
	resolveCustomFields,
	type CustomFieldDefinition,
	type CustomFieldRequest,
	type ResolvedCustomFields,
} from '../../helpers/customFields';
import { asList, commonRoomRequest } from '../../transport';

/** What the step needs of a prepared contact. */
export interface CustomFieldsWanted {
	sourceId: string;
	requests: CustomFieldRequest[];
	clear: string[];
	timeoutMs: number;
}

/** Resolved custom fields by item index; items that wanted none are absent. */
export type ResolvedByItem = Map<number, ResolvedCustomFields>;

/** GET /members/customFields for one source (fields that source may write). */
export async function fetchCustomFieldDefinitions(
	ctx: IExecuteFunctions,
	sourceId: string,
	itemIndex: number,
	timeoutMs: number,
): Promise<CustomFieldDefinition[]> {
	const response = await commonRoomRequest(
		ctx,
		{ method: 'GET', path: '/members/customFields', qs: { destinationSourceId: sourceId }, idempotent: true },
		itemIndex,
		timeoutMs,
	);
	return asList(response.body).filter(
		(field): field is IDataObject & CustomFieldDefinition => typeof field.id === 'number' && typeof field.name === 'string',
	);
}

export async function resolveRunCustomFields<Prepared extends CustomFieldsWanted>(
	ctx: IExecuteFunctions,
	items: ReadonlyArray<PreparedItem<Prepared>>,
): Promise<RunPreparation<ResolvedByItem>> {
	const resolved: ResolvedByItem = new Map();
	const failed = new Map<number, Error>();
	const bySource = new Map<string, Array<PreparedItem<Prepared>>>();
	for (const item of items) {
		if (item.prepared.requests.length === 0 && item.prepared.clear.length === 0) continue;
		const group = bySource.get(item.prepared.sourceId);
		if (group) group.push(item);
		else bySource.set(item.prepared.sourceId, [item]);
	}
	for (const [sourceId, group] of bySource) {
		let definitions: CustomFieldDefinition[];
		try {
			const [first] = group;
			definitions = await fetchCustomFieldDefinitions(ctx, sourceId, first.itemIndex, first.prepared.timeoutMs);
		} catch (error) {
			for (const { itemIndex } of group) failed.set(itemIndex, error as Error);
			continue;
		}
		for (const { itemIndex, prepared } of group) {
			const result = resolveCustomFields(definitions, prepared.requests, prepared.clear, sourceId);
			if (result.problems.length === 0) {
				resolved.set(itemIndex, result);
				continue;
			}
			failed.set(
				itemIndex,
				problemsError(
					ctx,
					itemIndex,
					result.problems,
					`Custom fields are those of Settings > Custom fields that source ${sourceId} may write; check the field, its value and the Destination Source ID.`,
				),
			);
		}
	}
	return { shared: resolved, failed };
}
