/**
 * Pickers over API v2, one page per call with the v2 cursor as n8n's paginationToken (the
 * editor asks for the next page as the user scrolls).
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { pageOf, v2Get } from '../../CommonRoom/transport/v2';

const PAGE_SIZE = 100;

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

async function onePage(
	ctx: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	paginationToken: string | undefined,
): Promise<{ records: IDataObject[]; paginationToken?: string }> {
	const { body } = await v2Get(ctx, path, { ...qs, limit: PAGE_SIZE, ...(paginationToken ? { cursor: paginationToken } : {}) });
	const page = pageOf(body);
	return { records: page.records, ...(page.nextCursor ? { paginationToken: page.nextCursor } : {}) };
}

/** Contact segments, filtered by name by Common Room (`query`: a part of the name, any case). */
export async function searchSegments(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const query = text(filter);
	const page = await onePage(this, '/segments', { cols: 'entityCount,url', ...(query ? { query } : {}) }, paginationToken);
	const results: INodeListSearchItems[] = page.records
		// Organization and object segments hold no contacts: "New Contact in Segment" cannot watch them.
		.filter((segment) => segment.entityType === undefined || segment.entityType === 'contact')
		.flatMap((segment) => {
			const id = text(segment.id);
			if (!id) return [];
			const count = typeof segment.entityCount === 'number' ? ` (${segment.entityCount.toLocaleString('en-US')})` : '';
			return [{ name: `${text(segment.name) ?? id}${count}`, value: id, ...(text(segment.url) ? { url: text(segment.url) } : {}) }];
		});
	return { results, paginationToken: page.paginationToken };
}

/**
 * Organizations. The v2 list filters only by exact `name` or exact `primaryDomain`, so a search
 * that looks like a domain (a dot, no spaces) asks for that domain, anything else for that name.
 */
export async function searchOrganizations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const query = text(filter);
	const qs: IDataObject = query === undefined ? {} : /^[^\s]+\.[^\s]+$/.test(query) ? { primaryDomain: query } : { name: query };
	const page = await onePage(this, '/organizations', { ...qs, cols: 'url' }, paginationToken);
	const results: INodeListSearchItems[] = page.records.flatMap((organization) => {
		const id = text(organization.id);
		if (!id) return [];
		const domain = text(organization.primaryDomain);
		return [
			{
				name: `${text(organization.name) ?? id}${domain ? ` (${domain})` : ''}`,
				value: id,
				...(text(organization.url) ? { url: text(organization.url) } : {}),
			},
		];
	});
	return { results, paginationToken: page.paginationToken };
}
