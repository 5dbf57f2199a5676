// Generated from packages/shared/parameters/text.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidInput, kindOf } from './problems';

type NodeContext = Pick<IExecuteFunctions, 'getNode'>;

/**
 * The text of a value that should be text: strings as they are, finite numbers and booleans as
 * their text; undefined for anything else (objects, lists, null, NaN). Never calls the value's
 * own toString/valueOf: in data from a webhook those keys can hold data (`{"toString": "x"}`),
 * and `String(value)` then throws "Cannot convert object to primitive value", or an object
 * becomes "[object Object]".
 */
export function readText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	return undefined;
}

/**
 * A parameter that should be text, trimmed; '' when it is empty (undefined, null). Fails the
 * item naming the field (its display name) when the value is an object, a list or anything else
 * that is not text.
 */
export function textParameter(
	ctx: NodeContext,
	itemIndex: number,
	value: unknown,
	field: string,
	fix = 'Map a single value here, e.g. {{ $json.customer.email }}, not a whole object or list.',
): string {
	if (value === undefined || value === null) return '';
	const text = readText(value);
	if (text === undefined) throw invalidInput(ctx, itemIndex, field, `must be text, got ${kindOf(value)}`, fix);
	return text.trim();
}

/** A text parameter that must not be empty; `fix` says where the value comes from. */
export function requiredTextParameter(
	ctx: NodeContext,
	itemIndex: number,
	value: unknown,
	field: string,
	fix: string,
): string {
	const text = textParameter(ctx, itemIndex, value, field);
	if (text === '') throw invalidInput(ctx, itemIndex, field, 'is empty', fix);
	return text;
}

/**
 * Free text sent as it is (a message, an activity's content): text untrimmed, '' when empty, and
 * anything else as its JSON, so mapping a whole object sends its content rather than
 * "[object Object]".
 */
export function messageParameter(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A JSON object from a parameter that may hold an object or JSON text; undefined otherwise. */
export function toJsonObject(value: unknown): IDataObject | undefined {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			parsed = JSON.parse(value);
		} catch {
			return undefined;
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
	return parsed as IDataObject;
}
