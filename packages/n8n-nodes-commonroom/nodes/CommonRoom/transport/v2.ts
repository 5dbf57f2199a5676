/**
 * Common Room's API v2 (reads with cursor paging): the credential's base URL with /v1 replaced by
 * /v2, the same token, through the same shared transport and limiter as v1 (one token, one
 * server bucket). Answers are `{ success: true, data, meta: { nextCursor } }` (v2 spec, every
 * list response); a single record is `{ success: true, data: {...} }`.
 */
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import { apiRequest } from '../../shared/transport';
import { COMMON_ROOM } from './service';

export type V2Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The v2 spec's largest page (every list endpoint: `limit` maximum 200). */
export const V2_MAX_PAGE_SIZE = 200;

export interface V2Page {
	records: IDataObject[];
	/** null on the last page. */
	nextCursor: string | null;
}

export interface V2ReadOptions {
	itemIndex?: number;
	timeoutMs?: number;
	/** Statuses returned instead of thrown (e.g. [404] for a Get by id). */
	acceptStatuses?: number[];
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The page in a v2 list answer; a body of another shape reads as an empty last page. */
export function pageOf(body: unknown): V2Page {
	if (!isObject(body)) return { records: [], nextCursor: null };
	const records = Array.isArray(body.data) ? body.data.filter(isObject) : [];
	const meta = isObject(body.meta) ? body.meta : {};
	const cursor = meta.nextCursor;
	return { records, nextCursor: typeof cursor === 'string' && cursor !== '' ? cursor : null };
}

/** The record in a v2 single-record answer (`data`), or undefined. */
export function recordOf(body: unknown): IDataObject | undefined {
	return isObject(body) && isObject(body.data) ? body.data : undefined;
}

/** One GET against v2 (idempotent: safe to repeat after a lost answer). */
export async function v2Get(
	ctx: V2Context,
	path: string,
	qs: IDataObject | undefined,
	options: V2ReadOptions = {},
): Promise<{ statusCode: number; body: unknown }> {
	const response = await apiRequest.call(
		ctx,
		COMMON_ROOM,
		{ method: 'GET', path, ...(qs ? { qs } : {}), idempotent: true, apiVersion: 2, itemIndex: options.itemIndex, acceptStatuses: options.acceptStatuses },
		options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs },
	);
	return { statusCode: response.statusCode, body: response.body };
}

/**
 * The pages of a v2 list, one request at a time, following `meta.nextCursor`. Each page is one
 * request through the shared limiter and retry loop (a 429 mid-way is waited out and the same
 * cursor asked again, so nothing is skipped or doubled); only the current page is held.
 * `pageSize` is the `limit` sent (≤ 200); with `total`, no page asks for more than is still
 * wanted. The caller may also stop early by leaving the loop.
 */
export async function* v2Pages(
	ctx: V2Context,
	path: string,
	qs: IDataObject,
	options: V2ReadOptions & { pageSize?: number; total?: number; cursor?: string } = {},
): AsyncGenerator<V2Page> {
	const pageSize = Math.min(V2_MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? V2_MAX_PAGE_SIZE));
	let cursor = options.cursor;
	const seen = new Set<string>();
	let read = 0;
	for (;;) {
		const limit = options.total === undefined ? pageSize : Math.min(pageSize, options.total - read);
		if (limit < 1) return;
		const { body } = await v2Get(ctx, path, { ...qs, limit, ...(cursor ? { cursor } : {}) }, options);
		const page = pageOf(body);
		read += page.records.length;
		yield page;
		if (page.nextCursor === null || seen.has(page.nextCursor)) return; // a server repeating a cursor would loop forever
		seen.add(page.nextCursor);
		cursor = page.nextCursor;
	}
}

/**
 * Get Many's Return All / Limit over a v2 list: every record, or the first `limit`. With a limit
 * the pages asked for are no bigger than what is still wanted.
 */
export async function readMany(
	ctx: V2Context,
	path: string,
	qs: IDataObject,
	wanted: { returnAll: true } | { returnAll: false; limit: number },
	options: V2ReadOptions = {},
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const total = wanted.returnAll ? undefined : wanted.limit;
	for await (const page of v2Pages(ctx, path, qs, { ...options, total })) {
		for (const record of page.records) {
			if (!wanted.returnAll && records.length >= wanted.limit) return records;
			records.push(record);
		}
		if (!wanted.returnAll && records.length >= wanted.limit) return records;
	}
	return records;
}

/**
 * One POST against v2 (Segment > Create). `idempotent` as ApiRequest has it: whether a re-send
 * after a lost answer is harmless.
 */
export async function v2Post(
	ctx: V2Context,
	path: string,
	body: IDataObject,
	options: V2ReadOptions & { idempotent: boolean },
): Promise<{ statusCode: number; body: unknown }> {
	const response = await apiRequest.call(
		ctx,
		COMMON_ROOM,
		{ method: 'POST', path, body, idempotent: options.idempotent, apiVersion: 2, itemIndex: options.itemIndex, acceptStatuses: options.acceptStatuses },
		options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs },
	);
	return { statusCode: response.statusCode, body: response.body };
}
