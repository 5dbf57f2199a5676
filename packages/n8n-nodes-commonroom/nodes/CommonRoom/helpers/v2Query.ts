/**
 * Query parameters of API v2's lists as the node builds them from what the user picked (v2 spec:
 * paths./contacts.get `sort`, `direction`; paths./activities.get `sort`, `startDate`, `endDate`;
 * every list's `cols`). Pure functions.
 */
import type { IDataObject } from 'n8n-workflow';

import { normalizeDomain } from './contactMapping';

/** Contact > Get Many's Sort By choices; lead score and custom field need the score's / field's id. */
export const CONTACT_SORT_BY = ['id', 'latestActivity', 'name', 'leadScore', 'customField'] as const;
export type ContactSortBy = (typeof CONTACT_SORT_BY)[number];

const CONTACT_SORT_PARAM: Record<Exclude<ContactSortBy, 'leadScore' | 'customField'>, string> = {
	id: 'id',
	latestActivity: 'latest_activity',
	name: 'name',
};

/** The `sort` value: `id`, `latest_activity`, `name`, or the `ls_…` / `cf_…` id given (already checked). */
export function contactSortParam(sortBy: ContactSortBy, scoreOrFieldId: string): string {
	return sortBy === 'leadScore' || sortBy === 'customField' ? scoreOrFieldId : CONTACT_SORT_PARAM[sortBy];
}

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** `cols` when any column is asked for; v2 then adds them to the required fields. */
export function colsParam(columns: readonly string[]): IDataObject {
	return columns.length > 0 ? { cols: columns.join(',') } : {};
}

/** Why From and To (ISO 8601 in UTC) make no range, or undefined when they do (both bounds inclusive). */
export function dateRangeProblem(from: string | undefined, to: string | undefined): string | undefined {
	if (from === undefined || to === undefined) return undefined;
	return Date.parse(from) > Date.parse(to) ? `is after Occurred To (${from} > ${to})` : undefined;
}

/**
 * Organization search in the editor: the API filters organizations by exact name or exact primary
 * domain only, so text that looks like a domain (a dot, no spaces) is looked up as the domain,
 * anything else as the name.
 */
export function organizationSearchQuery(filter: string): IDataObject {
	const text = filter.trim();
	if (text === '') return {};
	const domain = /\s/.test(text) ? undefined : normalizeDomain(text);
	return domain ? { primaryDomain: domain } : { name: text };
}
