// Keyset paging for v2's lists (v2 spec: `cursor` — "Pagination cursor from a previous response",
// `meta.nextCursor`). A cursor is opaque to clients; inside it is the endpoint, the order and the
// sort key of the last record returned, never an offset, so records added while a reader pages
// neither repeat a record nor push one past the reader (README "Choices", v2 cursors).
import { z } from 'zod';
import type { ApiResponse } from '../../http';
import { invalidParameters } from './responses';

/** One part of a sort key. null sorts last in both directions. */
export type KeyPart = string | number | boolean | null;
export type Direction = 'asc' | 'desc';

export interface Order {
	/** Which list the cursor belongs to, e.g. 'contacts'. */
	list: string;
	sort: string;
	direction: Direction;
	/** The key of the last record already returned; undefined on the first page. */
	after?: KeyPart[];
}

const cursorSchema = z.object({
	list: z.string(),
	sort: z.string(),
	direction: z.enum(['asc', 'desc']),
	after: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).min(1),
});

const MAX_CURSOR_LENGTH = 4096;

export function encodeCursor(order: Required<Order>): string {
	const { list, sort, direction, after } = order;
	return Buffer.from(JSON.stringify({ list, sort, direction, after }), 'utf8').toString('base64url');
}

/**
 * The order a request asks for. With a cursor, sort and direction come from it; a request that
 * also names them must name the same ones (a key means nothing under another order).
 */
export function resolveOrder(
	list: string,
	requested: { sort?: string; direction?: Direction; cursor?: string },
	defaultSort: string,
): { order: Order } | { error: ApiResponse } {
	if (requested.cursor === undefined) {
		return { order: { list, sort: requested.sort ?? defaultSort, direction: requested.direction ?? 'asc' } };
	}
	const decoded = decodeCursor(requested.cursor);
	if (!decoded || decoded.list !== list) return { error: invalidParameters([`cursor: not a cursor this endpoint issued`]) };
	if (requested.sort !== undefined && requested.sort !== decoded.sort) {
		return { error: invalidParameters([`cursor: it was issued for sort=${decoded.sort}, not sort=${requested.sort}`]) };
	}
	if (requested.direction !== undefined && requested.direction !== decoded.direction) {
		return { error: invalidParameters([`cursor: it was issued for direction=${decoded.direction}, not direction=${requested.direction}`]) };
	}
	return { order: decoded };
}

function decodeCursor(raw: string): Required<Order> | undefined {
	if (raw.length === 0 || raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
	try {
		const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
		return parsed.success ? parsed.data : undefined;
	} catch {
		return undefined;
	}
}

/** Compares sort keys part by part; null last whatever the direction, otherwise by the direction. */
export function compareKeys(a: KeyPart[], b: KeyPart[], direction: Direction): number {
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		const x = a[i] ?? null;
		const y = b[i] ?? null;
		if (x === y) continue;
		if (x === null) return 1;
		if (y === null) return -1;
		const compared = comparePrimitives(x, y);
		if (compared !== 0) return direction === 'asc' ? compared : -compared;
	}
	return 0;
}

const TYPE_RANK: Record<string, number> = { boolean: 0, number: 1, string: 2 };

function comparePrimitives(x: string | number | boolean, y: string | number | boolean): number {
	if (typeof x !== typeof y) return TYPE_RANK[typeof x] - TYPE_RANK[typeof y];
	return x < y ? -1 : x > y ? 1 : 0;
}

export interface Page<T> {
	data: T[];
	nextCursor: string | null;
	/** Every record matching the filters, not only this page's (for `cols=recordCount`). */
	total: number;
}

/**
 * One page: sort everything that matches, start after the cursor's key, take `limit`. `keyOf`
 * must end with a unique id so that no two records share a key.
 */
export function page<T>(items: T[], keyOf: (item: T) => KeyPart[], order: Order, limit: number): Page<T> {
	const keyed = items.map((item) => ({ item, key: keyOf(item) }));
	keyed.sort((a, b) => compareKeys(a.key, b.key, order.direction));
	let start = 0;
	if (order.after) {
		const after = order.after;
		start = keyed.findIndex((entry) => compareKeys(entry.key, after, order.direction) > 0);
		if (start < 0) start = keyed.length;
	}
	const slice = keyed.slice(start, start + limit);
	const last = slice.at(-1);
	const more = start + limit < keyed.length;
	return {
		data: slice.map((entry) => entry.item),
		nextCursor: more && last ? encodeCursor({ list: order.list, sort: order.sort, direction: order.direction, after: last.key }) : null,
		total: keyed.length,
	};
}
