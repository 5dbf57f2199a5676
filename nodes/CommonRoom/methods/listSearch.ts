import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { loadTags } from '../transport';

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
