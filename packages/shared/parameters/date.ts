import type { IExecuteFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { invalidInput, isEmpty, quote } from './problems';

/**
 * One reading of dates for every date the package takes (Due At, Occurred At, custom date
 * fields):
 * - a JS Date, a Luxon DateTime (what `{{ $now }}` gives), ISO 8601 text and other text with a
 *   zone are taken as they are;
 * - a date and time without a zone (what n8n's date picker gives, "2024-02-15T10:00:00") is read
 *   in the workflow's timezone, as n8n shows it to the user;
 * - a bare date ("2024-02-15") is that calendar day; impossible days (2024-02-31) are refused
 *   instead of rolled over into March;
 * - a bare number, as a number or as digits ("1707991200", "-1", "0"), is refused: nothing says
 *   whether it counts seconds or milliseconds, and reading seconds as milliseconds lands in
 *   January 1970 without a word.
 */
export interface DateRefusal {
	ok: false;
	/** A bare number (ambiguous), or no date at all. */
	reason: 'bareNumber' | 'notADate';
	problem: string;
	fix: string;
}

export type DateReading = { ok: true; date: Date } | DateRefusal;

const ZONELESS_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const BARE_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const YMD = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])/;

const DATE_FIX =
	'Give an ISO 8601 date such as 2024-02-15T10:00:00Z (or pick one). To use an epoch timestamp, convert it in an expression: {{ DateTime.fromSeconds(Number($json.created)).toISO() }} for seconds, DateTime.fromMillis(…) for milliseconds.';

function notADate(value: unknown, why = 'is not a date'): DateRefusal {
	return { ok: false, reason: 'notADate', problem: `${quote(value)} ${why}`, fix: DATE_FIX };
}

function bareNumber(value: unknown): DateRefusal {
	return { ...notADate(value, 'is a bare number, which could be epoch seconds or milliseconds'), reason: 'bareNumber' };
}

/** The calendar day of "YYYY-MM-DD…" when it exists; false for a day that does not (2024-02-31). */
function realDay(text: string): boolean {
	const ymd = YMD.exec(text);
	if (!ymd) return true;
	const [year, month, day] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
	const check = new Date(Date.UTC(year, month - 1, day));
	return check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
}

/** Reads a date as the rules above say; `timezone` is the workflow's (ctx.getTimezone()). */
export function readDate(value: unknown, timezone: string): DateReading {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? notADate(value) : { ok: true, date: value };
	if (typeof value === 'number') return bareNumber(value);
	if (value !== null && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		const iso = (value as { toISO: () => string | null }).toISO();
		const date = iso ? new Date(iso) : undefined;
		return date && !Number.isNaN(date.getTime()) ? { ok: true, date } : notADate(value);
	}
	if (typeof value !== 'string') return notADate(value);
	const text = value.trim();
	if (BARE_NUMBER.test(text)) return bareNumber(value);
	if (!realDay(text)) return notADate(value, 'is not a real calendar date');
	if (ZONELESS_DATE_TIME.test(text)) {
		const local = DateTime.fromISO(text.replace(' ', 'T'), { zone: timezone });
		return local.isValid ? { ok: true, date: local.toJSDate() } : notADate(value);
	}
	const date = new Date(text);
	return Number.isNaN(date.getTime()) ? notADate(value) : { ok: true, date };
}

/**
 * A date-time parameter as ISO 8601 in UTC; undefined when empty. Fails the item naming the
 * field for anything readDate refuses.
 */
export function dateTimeParameter(
	ctx: Pick<IExecuteFunctions, 'getNode' | 'getTimezone'>,
	itemIndex: number,
	value: unknown,
	field: string,
): string | undefined {
	if (isEmpty(value)) return undefined;
	const reading = readDate(value, ctx.getTimezone());
	if (!reading.ok) throw invalidInput(ctx, itemIndex, field, reading.problem, reading.fix);
	return reading.date.toISOString();
}

/**
 * A calendar day as YYYY-MM-DD (custom date fields). Text that starts with a date keeps its own
 * day, so a date never shifts by a time zone; a Luxon DateTime gives its own day; a JS Date or
 * other zoned text gives the UTC day.
 */
export function readCalendarDay(value: unknown, timezone = 'UTC'): { ok: true; day: string } | DateRefusal {
	if (value !== null && typeof value === 'object' && typeof (value as { toISODate?: unknown }).toISODate === 'function') {
		const day = (value as { toISODate: () => string | null }).toISODate();
		return day ? { ok: true, day } : notADate(value);
	}
	const reading = readDate(value, timezone);
	if (!reading.ok) return reading;
	const ymd = typeof value === 'string' ? YMD.exec(value.trim()) : null;
	return { ok: true, day: ymd ? `${ymd[1]}-${ymd[2]}-${ymd[3]}` : reading.date.toISOString().slice(0, 10) };
}
