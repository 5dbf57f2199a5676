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

/** A list parameter that may come as an array, or as comma-separated text from an expression. */
export function toStringList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return parts.map((part) => (typeof part === 'string' ? part.trim() : String(part))).filter(Boolean);
}
