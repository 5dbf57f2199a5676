import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { isV2Id, type V2IdKind } from '../helpers/v2Ids';
import { organizationSearchQuery } from '../helpers/v2Query';
import { loadTags, pathSegment } from '../transport';
import { pageOf, recordOf, v2Get, V2_MAX_PAGE_SIZE } from '../transport/v2';

/** The Tag picker: every live tag, filtered by name (the API lists all tags at once). */
export async function searchTags(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = (await loadTags(this))
		.filter((tag) => !wanted || String(tag.name ?? '').toLowerCase().includes(wanted) || String(tag.id) === wanted)
		.map((tag) => ({ name: String(tag.name ?? tag.id), value: String(tag.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** The v2 pickers' page: one page of a v2 list, the next page's token = the API's cursor. */
const PICKER_PAGE_SIZE = 100;

function pickerItem(record: IDataObject, detail?: unknown): INodeListSearchItems {
	const name = typeof record.name === 'string' && record.name !== '' ? record.name : String(record.id);
	return {
		name: typeof detail === 'string' && detail !== '' && detail !== name ? `${name} (${detail})` : name,
		value: String(record.id),
		...(typeof record.url === 'string' ? { url: record.url } : {}),
	};
}

/** A picker's search given the record's own id (`c_123`): that record, or nothing. */
async function byId(ctx: ILoadOptionsFunctions, path: string, qs: IDataObject, detail: string): Promise<INodeListSearchResult> {
	const { statusCode, body } = await v2Get(ctx, path, qs, { acceptStatuses: [400, 404] });
	const record = statusCode === 200 ? recordOf(body) : undefined;
	return { results: record ? [pickerItem(record, record[detail])] : [] };
}

function searchedId(kind: V2IdKind, filter: string | undefined): string | undefined {
	const text = (filter ?? '').trim();
	return isV2Id(kind, text) ? text : undefined;
}

/**
 * The Organization picker. The API filters organizations by exact name or exact primary domain
 * only: the search text is looked up as a domain when it looks like one (acme.com), else as the
 * name; an `o_…` id finds that organization.
 */
export async function searchOrganizations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const id = searchedId('organization', filter);
	if (id) return await byId(this, `/organizations/${pathSegment(id)}`, { cols: 'url' }, 'primaryDomain');
	const qs = { ...organizationSearchQuery(filter ?? ''), cols: 'url', limit: PICKER_PAGE_SIZE, ...(paginationToken ? { cursor: paginationToken } : {}) };
	const page = pageOf((await v2Get(this, '/organizations', qs)).body);
	return {
		results: page.records.map((record) => pickerItem(record, record.primaryDomain)),
		...(page.nextCursor ? { paginationToken: page.nextCursor } : {}),
	};
}

/** The Segment picker: the API's own name search (`query`, part of the name); an `s_…` id finds that segment. */
export async function searchSegments(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const id = searchedId('segment', filter);
	if (id) return await byId(this, `/segments/${pathSegment(id)}`, { cols: 'url' }, 'entityType');
	const text = (filter ?? '').trim();
	const qs = { ...(text ? { query: text } : {}), cols: 'url', limit: PICKER_PAGE_SIZE, ...(paginationToken ? { cursor: paginationToken } : {}) };
	const page = pageOf((await v2Get(this, '/segments', qs)).body);
	return {
		results: page.records.map((record) => pickerItem(record)),
		...(page.nextCursor ? { paginationToken: page.nextCursor } : {}),
	};
}

/** Pages the Contact picker reads for one search at most, so one keystroke costs a bounded number of requests. */
const CONTACT_SEARCH_PAGES = 5;
/** Matches that end a Contact search call early (the picker asks for more as the user scrolls). */
const CONTACT_SEARCH_ENOUGH = 20;

/**
 * The Contact picker: contacts by name. The API has no contact search, so the search text is
 * matched here against name and email, over up to CONTACT_SEARCH_PAGES pages of 200 per call; the
 * picker's next page continues from the API cursor where this call stopped. A `c_…` id finds
 * that contact.
 */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const id = searchedId('contact', filter);
	if (id) return await byId(this, `/contacts/${pathSegment(id)}`, { cols: 'primaryEmail,url' }, 'primaryEmail');
	const wanted = (filter ?? '').trim().toLowerCase();
	const matches = (record: IDataObject) =>
		[record.name, record.primaryEmail].some((value) => typeof value === 'string' && value.toLowerCase().includes(wanted));
	const results: INodeListSearchItems[] = [];
	let cursor = paginationToken;
	for (let read = 0; read < (wanted ? CONTACT_SEARCH_PAGES : 1); read++) {
		const qs = {
			sort: 'name',
			cols: 'primaryEmail,url',
			limit: wanted ? V2_MAX_PAGE_SIZE : PICKER_PAGE_SIZE,
			...(cursor ? { cursor } : {}),
		};
		const page = pageOf((await v2Get(this, '/contacts', qs)).body);
		results.push(...page.records.filter((record) => !wanted || matches(record)).map((record) => pickerItem(record, record.primaryEmail)));
		cursor = page.nextCursor ?? undefined;
		if (!cursor || results.length >= CONTACT_SEARCH_ENOUGH) break;
	}
	return { results, ...(cursor ? { paginationToken: cursor } : {}) };
}

/**
 * The Destination Source picker: the workspace's signal sources (API v2 `GET /providers`, paged),
 * filtered here by name or service (the API has no search); value `sig_<n>`.
 */
export async function searchSources(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const wanted = (filter ?? '').trim().toLowerCase();
	const qs = { limit: V2_MAX_PAGE_SIZE, ...(paginationToken ? { cursor: paginationToken } : {}) };
	const page = pageOf((await v2Get(this, '/providers', qs)).body);
	const results = page.records
		.filter((record) => !wanted || `${String(record.name ?? '')} ${String(record.serviceName ?? '')} ${String(record.id)}`.toLowerCase().includes(wanted))
		.map((record) => pickerItem(record, record.serviceName));
	return { results, ...(page.nextCursor ? { paginationToken: page.nextCursor } : {}) };
}
