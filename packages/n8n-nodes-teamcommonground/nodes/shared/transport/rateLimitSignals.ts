// Generated from packages/shared/transport/rateLimitSignals.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
/**
 * Reads what a response says about the rate limit. Pure functions: headers and body in, numbers
 * out, `nowMs` passed in so dates can be turned into waits deterministically in tests.
 *
 * Formats (reference docs):
 * - Common Room v1 (components/responses/RateLimited): `X-RateLimit-Limit`, `X-RateLimit-Remaining`
 *   on every answer; on 429 `X-RateLimit-Reset` in epoch seconds, `Retry-After` as a UTC date-time,
 *   and a body `{ reason, rateLimit: { intervalLimit, intervalRemaining, intervalResetSeconds, waitMs } }`.
 * - Team Common Ground ("Response Codes", 429): `X-RateLimit-Limit` (per minute),
 *   `X-RateLimit-Remaining`, `Retry-After` in seconds, body `{ code: 'RATE_LIMIT_EXCEEDED', retryAfter }`.
 * Servers in the wild also send `Retry-After` as an HTTP-date, so every form is accepted everywhere.
 */

/** Header names lower-cased, values as strings (arrays joined), whatever shape axios handed us. */
export function normaliseHeaders(raw: unknown): Record<string, string> {
	const headers: Record<string, string> = {};
	if (raw === null || typeof raw !== 'object') return headers;
	for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
		if (value === undefined || value === null || typeof value === 'function') continue;
		headers[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
	}
	return headers;
}

/** The first number in a header value ("20", " 20 ", "20, 20;w=1" as in the IETF RateLimit draft). */
export function parseHeaderNumber(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const match = /^\s*(\d+(?:\.\d+)?)/.exec(value);
	if (!match) return undefined;
	const parsed = Number(match[1]);
	return Number.isFinite(parsed) ? parsed : undefined;
}

const ISO_DATE_TIME =
	/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date as Common Room or an HTTP server may send it, in epoch ms. ISO 8601 without an offset
 * is read as UTC (Common Room: "The UTC datetime"), not as local time as `Date.parse` would.
 */
export function parseHttpOrIsoDate(value: string): number | undefined {
	const text = value.trim();
	const iso = ISO_DATE_TIME.exec(text);
	if (iso) {
		const offset = iso[3] ? iso[3].toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : 'Z';
		const parsed = Date.parse(`${iso[1]}T${iso[2]}${offset}`);
		return Number.isNaN(parsed) ? undefined : parsed;
	}
	// HTTP-date (RFC 9110: IMF-fixdate, plus the obsolete RFC 850 and asctime forms), which
	// Date.parse understands. Require a letter so a bare number is never taken for a date.
	if (!/[a-z]/i.test(text)) return undefined;
	const parsed = Date.parse(text);
	return Number.isNaN(parsed) ? undefined : parsed;
}

/** `Retry-After` as a wait in ms: delta-seconds or a date. Past dates mean "now" (0). */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
	if (value === undefined) return undefined;
	const text = value.trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const at = parseHttpOrIsoDate(text);
	return at === undefined ? undefined : Math.max(0, at - nowMs);
}

/**
 * `X-RateLimit-Reset` as a wait in ms. Common Room documents epoch seconds; we also accept epoch
 * ms (some gateways) and, for small numbers that cannot be a date after 2001, seconds from now.
 */
export function parseRateLimitReset(value: string | undefined, nowMs: number): number | undefined {
	const parsed = parseHeaderNumber(value);
	if (parsed === undefined) return undefined;
	if (parsed >= 1e12) return Math.max(0, parsed - nowMs);
	if (parsed >= 1e9) return Math.max(0, parsed * 1000 - nowMs);
	return Math.round(parsed * 1000);
}

export type WaitSource = 'body rateLimit.waitMs' | 'Retry-After' | 'body retryAfter' | 'X-RateLimit-Reset';

export interface RateLimitSignals {
	/** Requests allowed per interval (`X-RateLimit-Limit`, else Common Room's body `intervalLimit`). */
	limit?: number;
	/** Requests left in the interval (`X-RateLimit-Remaining`, else body `intervalRemaining`). */
	remaining?: number;
	/** The interval length when the server states it (Common Room's body `intervalResetSeconds`). */
	intervalMs?: number;
	/** How long the server asked us to wait, from the most precise source it gave. */
	waitMs?: number;
	waitSource?: WaitSource;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
		return value as Record<string, unknown>;
	}
	if (typeof value === 'string' && value.trim().startsWith('{')) {
		try {
			return asObject(JSON.parse(value));
		} catch {
			return undefined;
		}
	}
	return undefined;
}

function finiteNonNegative(value: unknown): number | undefined {
	const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof parsed === 'number' && Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

/**
 * Everything a response says about the limit. The wait comes from the most precise source
 * present: Common Room's `waitMs` (milliseconds), then `Retry-After` (seconds or a date), then Team
 * Common Ground's body `retryAfter` (seconds), then `X-RateLimit-Reset` (whole epoch seconds, so up
 * to a second late).
 */
export function readRateLimitSignals(
	headers: Record<string, string>,
	body: unknown,
	nowMs: number,
): RateLimitSignals {
	const signals: RateLimitSignals = {};
	const bodyObject = asObject(body);
	const crRateLimit = asObject(bodyObject?.rateLimit);

	signals.limit = parseHeaderNumber(headers['x-ratelimit-limit']) ?? finiteNonNegative(crRateLimit?.intervalLimit);
	signals.remaining =
		parseHeaderNumber(headers['x-ratelimit-remaining']) ?? finiteNonNegative(crRateLimit?.intervalRemaining);
	const intervalSeconds = finiteNonNegative(crRateLimit?.intervalResetSeconds);
	if (intervalSeconds !== undefined && intervalSeconds > 0) signals.intervalMs = intervalSeconds * 1000;

	const candidates: Array<[WaitSource, number | undefined]> = [
		['body rateLimit.waitMs', finiteNonNegative(crRateLimit?.waitMs)],
		['Retry-After', parseRetryAfter(headers['retry-after'], nowMs)],
		['body retryAfter', mapDefined(finiteNonNegative(bodyObject?.retryAfter), (seconds) => seconds * 1000)],
		['X-RateLimit-Reset', parseRateLimitReset(headers['x-ratelimit-reset'], nowMs)],
	];
	for (const [source, waitMs] of candidates) {
		if (waitMs !== undefined) {
			signals.waitMs = Math.round(waitMs);
			signals.waitSource = source;
			break;
		}
	}
	for (const key of Object.keys(signals) as Array<keyof RateLimitSignals>) {
		if (signals[key] === undefined) delete signals[key];
	}
	return signals;
}

function mapDefined<T, U>(value: T | undefined, map: (value: T) => U): U | undefined {
	return value === undefined ? undefined : map(value);
}
