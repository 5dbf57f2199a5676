// Generated from packages/shared/parameters/number.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInput, isEmpty, kindOf, quote } from './problems';
import { textParameter } from './text';

type NodeContext = Pick<IExecuteFunctions, 'getNode'>;

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Decimal text as a number; undefined for anything else. Number() alone would also read "0x10"
 * as 16, "0b11" as 3 and "" as 0.
 */
export function parseDecimal(text: string): number | undefined {
	const trimmed = text.trim();
	if (!DECIMAL.test(trimmed)) return undefined;
	const number = Number(trimmed);
	return Number.isFinite(number) ? number : undefined;
}

/** The largest whole number a JSON number carries exactly: 2^53 - 1. */
export const LARGEST_EXACT_INTEGER = Number.MAX_SAFE_INTEGER;

/** Why a whole number cannot be sent as given (it would be rounded), or undefined when it can. */
export function inexactIntegerProblem(number: number): string | undefined {
	return Number.isInteger(number) && !Number.isSafeInteger(number)
		? `is past ${LARGEST_EXACT_INTEGER} (2^53 - 1), the largest whole number that can be sent exactly; it would be rounded`
		: undefined;
}

export interface NumberRule {
	/** Used when the value is empty (undefined, null, ''). */
	fallback: number;
	min: number;
	max?: number;
	integer?: boolean;
}

/**
 * A number parameter (Timeout, Max Concurrency, Limit): a number, or numeric text from an
 * expression; the fallback when empty. Fails the item naming the field (its display name) for
 * anything else (an object, a list, "ten") and for a value outside the field's range, before any
 * request. The editor enforces the range for typed-in values, not for expressions.
 */
export function numberParameter(
	ctx: NodeContext,
	itemIndex: number,
	value: unknown,
	field: string,
	rule: NumberRule,
): number {
	if (isEmpty(value)) return rule.fallback;
	const number = typeof value === 'number' ? value : typeof value === 'string' ? parseDecimal(value) : undefined;
	const range = rule.max === undefined ? `at least ${rule.min}` : `from ${rule.min} to ${rule.max}`;
	const wanted = `${rule.integer ? 'a whole number' : 'a number'} ${range}`;
	if (number === undefined || !Number.isFinite(number)) {
		throw invalidInput(ctx, itemIndex, field, `must be ${wanted}, got ${typeof value === 'string' ? quote(value) : kindOf(value)}`);
	}
	if ((rule.integer && !Number.isInteger(number)) || number < rule.min || (rule.max !== undefined && number > rule.max)) {
		throw invalidInput(ctx, itemIndex, field, `must be ${wanted}, got ${number}`);
	}
	return number;
}

/** Common Room's source, segment and status ids are integers: digits only. */
export function isNumericId(text: string): boolean {
	return /^\d+$/.test(text);
}

export interface NumericIdRule {
	/** What the id is, for "… is not <noun> (digits only)". */
	noun: string;
	fix?: string;
	/** Given: it must also fit a JSON number exactly (it goes into a body or an output as a number). */
	sentAsNumber?: boolean;
}

/**
 * A numeric id as text ('' when empty): digits only, from text or a whole number. Fails the item
 * naming the field for anything else, and, when the id is sent as a JSON number, for one past
 * 2^53 - 1 that would arrive rounded.
 */
export function numericIdParameter(
	ctx: NodeContext,
	itemIndex: number,
	value: unknown,
	field: string,
	rule: NumericIdRule,
): string {
	const text = textParameter(ctx, itemIndex, value, field, rule.fix);
	if (text === '') return '';
	if (!isNumericId(text)) throw invalidInput(ctx, itemIndex, field, `${quote(value)} is not ${rule.noun} (digits only)`, rule.fix);
	// A number past 2^53 - 1 was rounded before it reached the node; text is exact until it is
	// turned into a number.
	const inexact =
		typeof value === 'number' || rule.sentAsNumber ? inexactIntegerProblem(Number(text)) : undefined;
	if (inexact) throw invalidInput(ctx, itemIndex, field, `${quote(value)} ${inexact}`, rule.fix);
	return text;
}
