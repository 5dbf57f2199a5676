/**
 * Common Room's side of the shared transport: every request of the Common Room node's
 * operations goes through `commonRoomRequest` (rate limit, retries, errors in
 * nodes/shared/transport).
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions } from 'n8n-workflow';

import { apiRequest } from '../../shared/transport';
import { COMMON_ROOM } from './service';

export interface RequestSpec {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Safe to repeat after a lost answer (reads, upserts keyed by id, deletes). */
	idempotent: boolean;
	acceptStatuses?: number[];
}

export interface ApiAnswer {
	statusCode: number;
	body: unknown;
}

/** One Common Room request through the shared transport (rate limit, retries, errors). */
export async function commonRoomRequest(
	ctx: IExecuteFunctions,
	spec: RequestSpec,
	itemIndex: number,
	timeoutMs: number,
): Promise<ApiAnswer> {
	const response = await apiRequest.call(ctx, COMMON_ROOM, { ...spec, itemIndex }, { timeoutMs });
	return { statusCode: response.statusCode, body: response.body };
}

/** A path segment: emails and ids as Common Room expects them in the URL. */
export function pathSegment(value: string | number): string {
	return encodeURIComponent(String(value));
}

/** The list in an answer's body; [] when the body is no list. */
export function asList(body: unknown): IDataObject[] {
	return Array.isArray(body) ? (body as IDataObject[]) : [];
}

/** The tags of a GET /tags answer (Common Room lists them under `labels`). */
export function tagsOf(body: unknown): IDataObject[] {
	return body !== null && typeof body === 'object' && !Array.isArray(body) ? asList((body as IDataObject).labels) : [];
}

/** The member ids of a GET /user/{email} answer. */
export function memberIdsOf(body: unknown): unknown[] {
	return asList(body)
		.map((member) => member.id)
		.filter((id) => id !== undefined && id !== null);
}

/** GET /user/{email}: the contact's members, or a 404 answer when there is none. */
export function lookUpContact(ctx: IExecuteFunctions, email: string, itemIndex: number, timeoutMs: number): Promise<ApiAnswer> {
	return commonRoomRequest(
		ctx,
		{ method: 'GET', path: `/user/${pathSegment(email)}`, idempotent: true, acceptStatuses: [404] },
		itemIndex,
		timeoutMs,
	);
}

/** A list for the editor's dropdowns (loadOptions, listSearch), read through the shared transport like every request. */
export async function loadList(ctx: ILoadOptionsFunctions, path: string, qs?: IDataObject): Promise<IDataObject[]> {
	const response = await apiRequest.call(ctx, COMMON_ROOM, { method: 'GET', path, ...(qs ? { qs } : {}), idempotent: true });
	return asList(response.body);
}

/** GET /tags for the editor: the live tags (the answer's `labels`). */
export async function loadTags(ctx: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const response = await apiRequest.call(ctx, COMMON_ROOM, { method: 'GET', path: '/tags', idempotent: true });
	return tagsOf(response.body);
}
