// Query parameters of v2's endpoints, validated with zod (v2 spec: paths.*.get.parameters).
// Parameters the spec does not list are ignored, as v1 does with unknown body fields
// (README "Choices", v2 query parameters).
import { z } from 'zod';
import type { ApiResponse } from '../../http';
import { describeIssues } from '../schemas';
import { PREFIX, parseId, type IdKind } from './ids';
import { invalidParameters, v2Error, type V2ErrorCode } from './responses';

/** v2 spec: every list's `limit` — integer, minimum 1, maximum 200, default 50. */
export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;

export const limitParam = z
	.string()
	.regex(/^\d+$/, `must be a whole number from 1 to ${MAX_LIMIT}`)
	.transform(Number)
	.pipe(z.number().min(1, `must be a whole number from 1 to ${MAX_LIMIT}`).max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`))
	.default(String(DEFAULT_LIMIT));

export const pagingParams = { limit: limitParam, cursor: z.string().optional() };
export const directionParam = z.enum(['asc', 'desc']).optional();
/** v2 spec: `format: date-time` (ISO 8601 with Z or an offset). */
export const dateTimeParam = z.string().datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z' });

/** The first value of each parameter, as an object zod can check. */
function queryObject(query: URLSearchParams): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [name, value] of query) if (!(name in values)) values[name] = value;
	return values;
}

export type QueryResult<T> = { ok: true; value: T } | { ok: false; response: ApiResponse };

export function parseQuery<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, query: URLSearchParams): QueryResult<T> {
	const parsed = schema.safeParse(queryObject(query));
	return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: invalidParameters(describeIssues(parsed.error)) };
}

/** What `cols` asked for: named columns, custom fields (`cf_*` = all) and the meta column `recordCount`. */
export interface Columns {
	names: Set<string>;
	customFields: 'all' | Set<number> | undefined;
	recordCount: boolean;
}

/**
 * v2 spec: `cols` — "Comma-separated list of additional columns to include in the response".
 * Without `cols` only the schema's required fields are sent. Unknown columns → 400.
 */
export function parseColumns(
	raw: string | undefined,
	allowed: readonly string[],
	options: { customFields?: ReadonlySet<number>; recordCount?: boolean },
): { ok: true; value: Columns } | { ok: false; response: ApiResponse } {
	const columns: Columns = { names: new Set(), customFields: undefined, recordCount: false };
	const problems: string[] = [];
	for (const name of (raw ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
		if (allowed.includes(name)) columns.names.add(name);
		else if (name === 'recordCount' && options.recordCount) columns.recordCount = true;
		else if (name === 'cf_*' && options.customFields) columns.customFields = 'all';
		else if (options.customFields && /^cf_\d+$/.test(name)) {
			const id = Number(name.slice(3));
			if (!options.customFields.has(id)) problems.push(`cols: no custom field ${name}`);
			else if (columns.customFields !== 'all') columns.customFields = new Set([...(columns.customFields ?? []), id]);
		} else problems.push(`cols: unknown column ${name}`);
	}
	return problems.length > 0 ? { ok: false, response: invalidParameters(problems) } : { ok: true, value: columns };
}

/** A prefixed id in the path or a filter: its number, or the spec's "invalid …_id" 400. */
export function idParam(kind: IdKind, raw: string, code: V2ErrorCode, what: string): { ok: true; value: number } | { ok: false; response: ApiResponse } {
	const value = parseId(kind, raw);
	if (value !== undefined) return { ok: true, value };
	return { ok: false, response: v2Error(400, code, `${what} must look like ${PREFIX[kind]}<number>, got ${JSON.stringify(raw)}`) };
}
