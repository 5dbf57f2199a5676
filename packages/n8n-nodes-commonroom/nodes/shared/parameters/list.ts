// Generated from packages/shared/parameters/list.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInput, kindOf } from './problems';
import { readText } from './text';

export interface ListShape {
	/** Where a list given as one text is split: commas unless the field has its own rule. */
	separator?: RegExp;
	/** Split the entries of a list too (ids typed into a multiple-values field, one per line or not). */
	splitEntries?: boolean;
}

/**
 * A list parameter that may come as an array (a multiple-values field), or as separated text from
 * an expression: the trimmed, non-empty entries. `invalid` is set (to the first offending value)
 * when the value or one of its entries is not text, so the caller can fail the item naming the
 * field instead of sending "[object Object]".
 */
export function toStringList(value: unknown, shape: ListShape = {}): { values: string[]; invalid?: unknown } {
	const separator = shape.separator ?? /,/;
	if (value === undefined || value === null) return { values: [] };
	const single = readText(value);
	if (single !== undefined) return { values: tidy(single.split(separator)) };
	if (!Array.isArray(value)) return { values: [], invalid: value };
	const values: string[] = [];
	for (const entry of value) {
		// An empty spreadsheet cell in a list is a gap, not a value.
		if (entry === undefined || entry === null) continue;
		const text = readText(entry);
		if (text === undefined) return { values: [], invalid: entry };
		values.push(...(shape.splitEntries ? text.split(separator) : [text]));
	}
	return { values: tidy(values) };
}

function tidy(entries: string[]): string[] {
	return entries.map((entry) => entry.trim()).filter(Boolean);
}

/** IDs in a multiple-values field: one per entry, or several in one separated by commas or line breaks. */
export const ID_LIST: ListShape = { separator: /[,\n]/, splitEntries: true };

/** Links: split on white space, and on commas only where the next entry starts with http(s):// (a comma inside a URL is legal). */
export const LINK_LIST: ListShape = { separator: /\s+|,\s*(?=https?:\/\/)/i, splitEntries: true };

export interface ListRule extends ListShape {
	fix?: string;
}

/** A list parameter as toStringList reads it; fails the item naming the field when an entry is not text. */
export function textList(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	value: unknown,
	field: string,
	rule: ListRule = {},
): string[] {
	const list = toStringList(value, rule);
	if ('invalid' in list) {
		const where = list.invalid === value ? '' : ' in the list';
		const fix =
			rule.fix ??
			'Give comma-separated text or a list of texts; for a list of objects pick the property, e.g. {{ $json.tags.map(tag => tag.name) }}.';
		throw invalidInput(ctx, itemIndex, field, `must be text or a list of text, got ${kindOf(list.invalid)}${where}`, fix);
	}
	return list.values;
}
