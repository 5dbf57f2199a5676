/**
 * Common Room API v2 ids are a prefix and a number (v2 spec: "Prefixed contact ID (format
 * `c_<number>`)", `o_`, `a_`, `s_`). The trigger orders records by that number, kept as digits so
 * that no id is too long to compare exactly.
 */
export const PREFIX = { contact: 'c_', organization: 'o_', activity: 'a_', segment: 's_' } as const;

export type IdKind = keyof typeof PREFIX;

const MAX_DIGITS = 30;

/** The number of a v2 id of this kind as digits without leading zeros ('c_0042' → '42'); undefined for anything else. */
export function idDigits(value: unknown, kind: IdKind): string | undefined {
	if (typeof value !== 'string' || !value.startsWith(PREFIX[kind])) return undefined;
	const digits = value.slice(PREFIX[kind].length);
	if (digits.length === 0 || digits.length > MAX_DIGITS || !/^\d+$/.test(digits)) return undefined;
	return digits.replace(/^0+(?=\d)/, '');
}

/** Compares two ids' digits (no leading zeros) as numbers: negative, 0 or positive. */
export function compareDigits(a: string, b: string): number {
	if (a.length !== b.length) return a.length - b.length;
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * An id the user typed or mapped: `s_501` (any case of the prefix, spaces around it) or the bare
 * number `501` (what the Common Room node's v1 segment list shows: v2's `s_` number is the v1
 * segment id). Gives the id as the API takes it, or undefined when it is neither.
 */
export function readUserId(value: unknown, kind: IdKind): string | undefined {
	const text = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
	if (typeof text !== 'string') return undefined;
	const trimmed = text.trim();
	const prefix = PREFIX[kind];
	const withPrefix = /^\d+$/.test(trimmed) ? `${prefix}${trimmed}` : trimmed.replace(/^[a-z]+_/i, (p) => p.toLowerCase());
	const digits = idDigits(withPrefix, kind);
	return digits === undefined ? undefined : `${prefix}${digits}`;
}
