// Team Common Ground response bodies — TCG doc: "Response Codes", "IP Allowlisting".
import type { ApiResponse } from '../http';

/** TCG doc: "Payload Limits" — "Max payload size: 100KB" (= 102,400 bytes: README "Choices", payload size). */
export const TCG_MAX_PAYLOAD_BYTES = 100 * 1024;

// TCG doc: "400 Bad Request".
export function invalidPayload(details: string[]): ApiResponse {
	return { status: 400, body: { error: 'Invalid payload', code: 'INVALID_PAYLOAD', details } };
}

// TCG doc: "401 Unauthorized" — missing or invalid key alike.
export function invalidApiKey(): ApiResponse {
	return { status: 401, headers: { 'WWW-Authenticate': 'Bearer' }, body: { error: 'Invalid API key', code: 'INVALID_API_KEY' } };
}

// TCG doc: "IP Allowlisting" → "IP Blocked Response (403)".
export function ipNotAllowed(clientIp: string): ApiResponse {
	return { status: 403, body: { error: 'IP not allowed', code: 'IP_NOT_ALLOWED', clientIp } };
}

// Over-size payload: the doc names the limit, not the answer (README "Choices", payload size).
export function payloadTooLarge(): ApiResponse {
	return {
		status: 413,
		body: { error: 'Payload too large', code: 'PAYLOAD_TOO_LARGE', maxBytes: TCG_MAX_PAYLOAD_BYTES },
	};
}

export function rateLimitHeaders(limit: number, remaining: number): Record<string, string> {
	return { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(remaining) };
}

// TCG doc: "429 Too Many Requests" — body retryAfter and Retry-After header in seconds. With the
// headers off we send neither header nor retryAfter (README "Choices", rate limiting).
export function rateLimitExceeded(limit: number, waitMs: number, sendHeaders: boolean): ApiResponse {
	const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
	if (!sendHeaders) return { status: 429, body: { error: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED' } };
	return {
		status: 429,
		headers: { ...rateLimitHeaders(limit, 0), 'Retry-After': String(retryAfter) },
		body: { error: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED', retryAfter },
	};
}

/** Only POST /v1/activities exists (README "Choices", unknown routes). */
export function notFound(method: string, path: string): ApiResponse {
	return { status: 404, body: { error: 'Not found', code: 'NOT_FOUND', details: [`no route ${method} ${path}`] } };
}

export function methodNotAllowed(allow: string[]): ApiResponse {
	return { status: 405, headers: { Allow: allow.join(', ') }, body: { error: 'Method not allowed', code: 'METHOD_NOT_ALLOWED' } };
}

/** Bodies of injected 5xx faults (README "Faults"). */
export function serverError(status: 500 | 502 | 503): ApiResponse {
	const [error, code] = {
		500: ['Internal server error', 'INTERNAL_ERROR'],
		502: ['Bad gateway', 'BAD_GATEWAY'],
		503: ['Service unavailable', 'SERVICE_UNAVAILABLE'],
	}[status];
	return { status, body: { error, code } };
}
