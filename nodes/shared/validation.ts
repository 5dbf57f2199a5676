import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Input checks both nodes share. Each failure is a NodeOperationError that names the field and
 * the item (0-based, as n8n numbers items) and says how to fix it, raised before any request.
 */
export function invalidInput(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	field: string,
	problem: string,
	fix?: string,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${field}: ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: fix,
	});
}

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

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

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
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	value: unknown,
	field: string,
	rule: NumberRule,
): number {
	if (value === undefined || value === null || value === '') return rule.fallback;
	const text = typeof value === 'string' ? value.trim() : undefined;
	// Decimal text only: Number() would also read "0x10" as 16 and "0b11" as 3.
	const number = typeof value === 'number' ? value : text !== undefined && DECIMAL.test(text) ? Number(text) : Number.NaN;
	const range = rule.max === undefined ? `at least ${rule.min}` : `from ${rule.min} to ${rule.max}`;
	const wanted = `${rule.integer ? 'a whole number' : 'a number'} ${range}`;
	if (!Number.isFinite(number)) {
		const got = typeof value === 'string' ? quote(value) : kindOf(value);
		throw invalidInput(ctx, itemIndex, field, `must be ${wanted}, got ${got}`);
	}
	if ((rule.integer && !Number.isInteger(number)) || number < rule.min || (rule.max !== undefined && number > rule.max)) {
		throw invalidInput(ctx, itemIndex, field, `must be ${wanted}, got ${number}`);
	}
	return number;
}

/** What a value is, for "must be text, got …" messages. */
export function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : 'an infinite number';
	return `a ${typeof value}`;
}

/**
 * A parameter that should be text, trimmed; '' when it is empty (undefined, null). Fails the
 * item naming the field (its display name) when the value is an object, a list or anything else
 * that is not text.
 */
export function textParameter(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
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

/**
 * A yes/no parameter: true and false, and the texts "true" / "false" in any case (an expression
 * or a spreadsheet cell often gives text); undefined for anything else ("yes", 1, {}, []),
 * so that a value the API would refuse, or read the wrong way ("false" is truthy), is caught.
 */
export function readBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (typeof value !== 'string') return undefined;
	const text = value.trim().toLowerCase();
	return text === 'true' ? true : text === 'false' ? false : undefined;
}

/** A yes/no parameter as readBoolean reads it; `fallback` when empty; fails the item naming the field otherwise. */
export function booleanParameter(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	value: unknown,
	field: string,
	fallback: boolean,
): boolean {
	if (value === undefined || value === null || value === '') return fallback;
	const flag = readBoolean(value);
	if (flag === undefined) {
		throw invalidInput(
			ctx,
			itemIndex,
			field,
			`must be true or false, got ${typeof value === 'string' ? quote(value) : kindOf(value)}`,
			'Turn the switch on or off, or give an expression that returns true or false (the text "true" or "false" works too).',
		);
	}
	return flag;
}

/** Shows a user's value in a message without flooding it (values can be 200 KB strings). */
export function quote(value: unknown): string {
	let text: string;
	try {
		text = typeof value === 'string' ? value : JSON.stringify(value);
	} catch {
		text = String(value);
	}
	if (text === undefined) text = String(value);
	return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

// Deliberately plain: one @, no spaces, a dot in the domain. The services do their own checks;
// this catches the typos and empty cells that would otherwise cost a request each.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trimmed and lower-cased, or undefined when it is not an email address. */
export function normalizeEmail(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const email = value.trim().toLowerCase();
	return EMAIL.test(email) && email.length <= 320 ? email : undefined;
}

export function isHttpUrl(value: unknown): value is string {
	if (typeof value !== 'string' || !/^https?:\/\//i.test(value.trim())) return false;
	try {
		const url = new URL(value.trim());
		return Boolean(url.hostname);
	} catch {
		return false;
	}
}

/**
 * Any date n8n hands a node (ISO string, other parseable strings, epoch milliseconds, a JS Date,
 * a Luxon DateTime from an expression) as ISO 8601 in UTC; undefined when it is no real date.
 */
export function toIsoDateTime(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let date: Date | undefined;
	if (value instanceof Date) date = value;
	else if (typeof value === 'number') date = new Date(value);
	else if (typeof value === 'string') date = parseDateString(value.trim());
	else if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		const iso = (value as { toISO: () => string | null }).toISO();
		date = iso ? new Date(iso) : undefined;
	}
	if (!date || Number.isNaN(date.getTime())) return undefined;
	return date.toISOString();
}

function parseDateString(text: string): Date | undefined {
	if (text === '') return undefined;
	if (/^\d+$/.test(text)) return new Date(Number(text));
	// Reject impossible calendar dates that Date would roll over (2024-02-31 -> March 2).
	const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
	if (ymd) {
		const [year, month, day] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
		const check = new Date(Date.UTC(year, month - 1, day));
		if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
	}
	const date = new Date(text);
	return Number.isNaN(date.getTime()) ? undefined : date;
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

/** Bytes the body would take on the wire, as JSON in UTF-8. */
export function jsonByteLength(body: unknown): number {
	return Buffer.byteLength(JSON.stringify(body), 'utf8');
}

/**
 * A list parameter that may come as an array, or as comma-separated text from an expression:
 * the trimmed, non-empty entries. `invalid` is set (to the first offending value) when the value
 * or one of its entries is not text, so the caller can fail the item naming the field instead of
 * sending "[object Object]" as a tag.
 */
export function toStringList(value: unknown): { values: string[]; invalid?: unknown } {
	if (value === undefined || value === null) return { values: [] };
	const single = readText(value);
	if (single !== undefined) return { values: tidy(single.split(',')) };
	if (!Array.isArray(value)) return { values: [], invalid: value };
	const values: string[] = [];
	for (const entry of value) {
		// An empty spreadsheet cell in a list is a gap, not a value.
		if (entry === undefined || entry === null) continue;
		const text = readText(entry);
		if (text === undefined) return { values: [], invalid: entry };
		values.push(text);
	}
	return { values: tidy(values) };
}

function tidy(entries: string[]): string[] {
	return entries.map((entry) => entry.trim()).filter(Boolean);
}

/** A list parameter as toStringList reads it; fails the item naming the field when an entry is not text. */
export function textList(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	value: unknown,
	field: string,
	fix = 'Give comma-separated text or a list of texts; for a list of objects pick the property, e.g. {{ $json.tags.map(tag => tag.name) }}.',
): string[] {
	const list = toStringList(value);
	if ('invalid' in list) {
		const where = list.invalid === value ? '' : ' in the list';
		throw invalidInput(ctx, itemIndex, field, `must be text or a list of text, got ${kindOf(list.invalid)}${where}`, fix);
	}
	return list.values;
}
