/** Readers for the parameters several Common Room operations share, built on nodes/shared/parameters. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { booleanParameter, emailParameter, invalidInput, numberParameter, numericIdParameter } from '../../shared/parameters';

const SOURCE_FIX = 'Copy the Destination Source ID from Common Room: Settings > Sources > API.';

/**
 * Destination Source ID: the spec's integer path parameter, kept as text end to end. Version 2's
 * picker gives API v2's `sig_<n>`, read as source `n` (the README's stated assumption).
 */
export function readSourceId(ctx: IExecuteFunctions, itemIndex: number): string {
	const raw = ctx.getNodeParameter('destinationSourceId', itemIndex, '', { extractValue: true }) as unknown;
	const value = typeof raw === 'string' ? raw.trim().replace(/^sig_(?=\d)/, '') : raw;
	const id = numericIdParameter(ctx, itemIndex, value, 'Destination Source ID', { noun: 'a source ID', fix: SOURCE_FIX });
	if (id === '') throw invalidInput(ctx, itemIndex, 'Destination Source ID', 'is empty', SOURCE_FIX);
	return id;
}

/** A contact's email, trimmed and lower-cased; fails the item naming `field` otherwise. */
export function readContactEmail(ctx: IExecuteFunctions, itemIndex: number, value: unknown, field: string): string {
	return emailParameter(
		ctx,
		itemIndex,
		value,
		field,
		'Common Room identifies contacts by email: give a full address such as jane@example.com.',
	);
}

/** Return All / Limit, read in prepare: undefined = all. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (booleanParameter(ctx, itemIndex, ctx.getNodeParameter('returnAll', itemIndex, false), 'Return All', false)) return undefined;
	const value = ctx.getNodeParameter('limit', itemIndex, 50) as unknown;
	return numberParameter(ctx, itemIndex, value, 'Limit', { fallback: 50, min: 1, integer: true });
}

/** The v1 list endpoints return whole lists (no paging): the limit is applied here. */
export function applyLimit<T>(list: T[], limit: number | undefined): T[] {
	return limit === undefined ? list : list.slice(0, limit);
}
