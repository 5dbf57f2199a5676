/**
 * Coercing a user's value to a Common Room custom field's type (v1 spec: components/schemas/
 * ApiCustomFields). Pure functions.
 *
 * Empty values: the API CLEARS a field that is sent without a value ("Omitting this field will
 * clear the custom field value and cannot be undone"), so an empty input (undefined, null, "",
 * whitespace, an empty list) is never sent at all: `coerceCustomFieldValue` reports it as
 * `empty` and the caller leaves the field out. Clearing is only ever done on explicit request
 * (the "Custom Fields to Clear" option), never because a cell was blank.
 */
import { inexactIntegerProblem, isHttpUrl, parseDecimal, quote, readCalendarDay } from '../../shared/parameters';
import type { CustomFieldDefinition } from './customFields';

export type CustomFieldScalar = string | number | boolean;

export type Coerced =
	| { kind: 'value'; value: CustomFieldScalar | CustomFieldScalar[] }
	| { kind: 'empty' }
	| { kind: 'invalid'; problem: string };

export function isEmptyValue(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.every(isEmptyValue);
	return false;
}

/** The value as the field's type wants it, `empty` (do not send), or why it cannot be. */
export function coerceCustomFieldValue(definition: CustomFieldDefinition, raw: unknown): Coerced {
	if (isEmptyValue(raw)) return { kind: 'empty' };
	if (definition.multivalue) {
		const parts = toList(raw).filter((part) => !isEmptyValue(part));
		if (parts.length === 0) return { kind: 'empty' };
		const values: CustomFieldScalar[] = [];
		for (const part of parts) {
			const one = coerceScalar(definition, part);
			if (!one.ok) return { kind: 'invalid', problem: one.problem };
			values.push(one.value);
		}
		return { kind: 'value', value: values };
	}
	if (Array.isArray(raw)) {
		const parts = raw.filter((part) => !isEmptyValue(part));
		if (parts.length !== 1) {
			return { kind: 'invalid', problem: `holds one value, got a list of ${parts.length}` };
		}
		raw = parts[0];
	}
	const one = coerceScalar(definition, raw);
	return one.ok ? { kind: 'value', value: one.value } : { kind: 'invalid', problem: one.problem };
}

/** A multi-value input: an array, JSON array text, or comma-separated text. */
function toList(raw: unknown): unknown[] {
	if (Array.isArray(raw)) return raw;
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (text.startsWith('[')) {
			try {
				const parsed: unknown = JSON.parse(text);
				if (Array.isArray(parsed)) return parsed;
			} catch {
				// Not JSON after all: fall through to comma-separated text.
			}
		}
		return text.split(',').map((part) => part.trim());
	}
	return [raw];
}

type One = { ok: true; value: CustomFieldScalar } | { ok: false; problem: string };

function coerceScalar(definition: CustomFieldDefinition, raw: unknown): One {
	const shown = quote(raw);
	const fail = (expected: string): One => ({ ok: false, problem: `expects ${expected}, got ${shown}` });
	if (raw !== null && typeof raw === 'object' && !isDateLike(raw)) return fail(`a ${definition.type} value`);
	switch (definition.type) {
		case 'string':
			return { ok: true, value: isDateLike(raw) ? (toDate(raw) ?? String(raw)) : String(raw).trim() };
		case 'int': {
			const number = toNumber(raw);
			if (number === undefined || !Number.isInteger(number)) return fail('a whole number');
			const inexact = inexactIntegerProblem(number);
			return inexact ? { ok: false, problem: `${shown} ${inexact}` } : { ok: true, value: number };
		}
		case 'number': {
			const number = toNumber(raw);
			if (number === undefined) return fail('a number');
			// Whole-number text past 2^53 - 1 would arrive with other digits than the user gave.
			const inexact = typeof raw === 'string' && /^[-+]?\d+$/.test(raw.trim()) ? inexactIntegerProblem(number) : undefined;
			return inexact ? { ok: false, problem: `${shown} ${inexact}` } : { ok: true, value: number };
		}
		case 'boolean': {
			const flag = toBoolean(raw);
			return flag !== undefined ? { ok: true, value: flag } : fail('true or false');
		}
		case 'date': {
			const reading = readCalendarDay(raw);
			if (reading.ok) return { ok: true, value: reading.day };
			return reading.reason === 'bareNumber'
				? {
						ok: false,
						problem: `expects a date (YYYY-MM-DD or any full date), not a bare number such as ${shown}, which could be epoch seconds or milliseconds: convert it with DateTime.fromSeconds(…) or DateTime.fromMillis(…)`,
					}
				: fail('a date (YYYY-MM-DD or any full date)');
		}
		case 'url': {
			const text = String(raw).trim();
			return isHttpUrl(text) ? { ok: true, value: text } : fail('an http(s) URL');
		}
		case 'enum': {
			const text = String(raw).trim();
			const values = definition.values ?? [];
			const match = values.find((allowed) => allowed === text) ??
				values.find((allowed) => allowed.toLowerCase() === text.toLowerCase());
			return match !== undefined
				? { ok: true, value: match }
				: fail(`one of ${values.map((allowed) => JSON.stringify(allowed)).join(', ')}`);
		}
		default:
			// A type this node does not know yet: pass text through and let the API judge it.
			return { ok: true, value: typeof raw === 'number' || typeof raw === 'boolean' ? raw : String(raw) };
	}
}

function toNumber(raw: unknown): number | undefined {
	if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
	return typeof raw === 'string' ? parseDecimal(raw) : undefined;
}

const TRUE = ['true', 'yes', 'y', '1', 'on'];
const FALSE = ['false', 'no', 'n', '0', 'off'];

function toBoolean(raw: unknown): boolean | undefined {
	if (typeof raw === 'boolean') return raw;
	if (raw === 1 || raw === 0) return raw === 1;
	if (typeof raw !== 'string') return undefined;
	const text = raw.trim().toLowerCase();
	if (TRUE.includes(text)) return true;
	if (FALSE.includes(text)) return false;
	return undefined;
}

function isDateLike(value: unknown): boolean {
	return (
		value instanceof Date ||
		(value !== null &&
			typeof value === 'object' &&
			typeof (value as { toISODate?: unknown }).toISODate === 'function')
	);
}

/** A calendar date as YYYY-MM-DD, by the package's one date rule (nodes/shared/parameters/date.ts). */
export function toDate(raw: unknown): string | undefined {
	const reading = readCalendarDay(raw);
	return reading.ok ? reading.day : undefined;
}
