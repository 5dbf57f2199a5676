import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { apiRequest } from '../../shared/transport';

/** Lists for the editor's dropdowns, read through the shared transport like every request. */
export async function loadList(
	ctx: ILoadOptionsFunctions,
	path: string,
	qs?: IDataObject,
): Promise<unknown> {
	const response = await apiRequest.call(ctx, 'commonRoom', {
		method: 'GET',
		path,
		...(qs ? { qs } : {}),
		idempotent: true,
	});
	return response.body;
}

export function list(body: unknown): IDataObject[] {
	return Array.isArray(body) ? (body as IDataObject[]) : [];
}

export async function tagList(ctx: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const body = (await loadList(ctx, '/tags')) as IDataObject | undefined;
	return list(body?.labels);
}
