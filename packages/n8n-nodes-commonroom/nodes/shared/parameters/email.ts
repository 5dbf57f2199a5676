// Generated from packages/shared/parameters/email.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInput, isEmpty, quote } from './problems';

/**
 * The address rule both APIs apply to their `format: email` fields, as their validators read it
 * (the emulator checks with the same rule, and a test holds the two together):
 * - local part: ASCII letters, digits and _ ' + - . only; it neither starts nor ends with a dot,
 *   has no two dots in a row, and does not end with an apostrophe. Quoted local parts
 *   ("john doe"@…) and non-ASCII letters (josé@…) are refused;
 * - domain: ASCII labels of letters, digits and hyphens, each starting with a letter or digit,
 *   ending in a top-level domain of two or more letters. Internationalised domains must be given
 *   in their punycode form (xn--…);
 * - 320 characters at most.
 * Anything else costs a request and comes back as a 400 the user cannot read, so it is refused here.
 */
const LOCAL_PART = /^(?!\.)(?!.*\.\.)[a-z0-9_'+.-]*[a-z0-9_+-]$/i;
const DOMAIN = /^([a-z0-9][a-z0-9-]*\.)+[a-z]{2,}$/i;

export function isApiEmail(text: string): boolean {
	if (text.length > 320) return false;
	const at = text.lastIndexOf('@');
	if (at <= 0) return false;
	return LOCAL_PART.test(text.slice(0, at)) && DOMAIN.test(text.slice(at + 1));
}

/** Trimmed and lower-cased, or undefined when the APIs would not take it as an email address. */
export function normalizeEmail(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	// Checked before lower-casing: "\u212A" (the Kelvin sign) lower-cases to an ASCII "k", so an
	// address the APIs refuse would pass a check of its lower-cased form.
	const email = value.trim();
	return isApiEmail(email) ? email.toLowerCase() : undefined;
}

/** Why a value is no email the APIs take, for messages: "…" is not an email address (…). */
export function emailProblem(value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	// eslint-disable-next-line no-control-regex
	const why = /[^\x00-\x7f]/.test(text)
		? ' (only ASCII letters are accepted; give an internationalised domain in its xn-- form)'
		: text.startsWith('"') || text.includes('"@')
			? ' (quoted names before the @ are not accepted)'
			: '';
	return `${quote(value)} is not an email address${why}`;
}

/** An email parameter, trimmed and lower-cased; fails the item naming the field when empty or not an address. */
export function emailParameter(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	value: unknown,
	field: string,
	fix: string,
): string {
	const email = normalizeEmail(value);
	if (email) return email;
	const empty = isEmpty(value) || (typeof value === 'string' && value.trim() === '');
	throw invalidInput(ctx, itemIndex, field, empty ? 'is empty' : emailProblem(value), fix);
}
