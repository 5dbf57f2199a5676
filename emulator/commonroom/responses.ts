// Common Room response bodies and rate-limit headers, as the v1 spec shapes them.
import type { ApiResponse } from '../http';
import type { RateDecision } from '../rateLimit';

/** The `docs` link in 400 bodies (v1 spec: components/responses/InvalidRequest — "A link to this API documentation"). */
export const CR_DOCS_URL = 'https://api.commonroom.io/docs/community.html';

// v1 spec: components/responses/InvalidRequest. `errors` (one line per problem) is our extra detail,
// named after components/schemas/Status.errors.
export function invalidRequestBody(errors: string[]): ApiResponse {
	return { status: 400, body: { reason: 'invalid-request-body', docs: CR_DOCS_URL, errors } };
}

/** 400 for bad query parameters (v1 spec: paths./members.get '400': "Parameter Error"). */
export function invalidParameters(errors: string[]): ApiResponse {
	return { status: 400, body: { reason: 'invalid-request-parameters', docs: CR_DOCS_URL, errors } };
}

// v1 spec: components/schemas/Status (status enum includes 'not-found').
export function notFound(reason: string): ApiResponse {
	return { status: 404, body: { status: 'not-found', reason } };
}

/** Payload over the cap we chose (README "Choices", payload size). */
export function payloadTooLarge(maxBytes: number): ApiResponse {
	return { status: 413, body: { reason: 'payload-too-large', docs: CR_DOCS_URL, errors: [`body is larger than ${maxBytes} bytes`] } };
}

// Auth failures (README "Choices", Common Room auth): missing/malformed header → 401; a bearer
// token we do not know → 403 shaped like v1 spec paths./api-token-status.get '403' ({status:'forbidden'}).
export function missingToken(): ApiResponse {
	return {
		status: 401,
		headers: { 'WWW-Authenticate': 'Bearer' },
		body: { status: 'unauthorized', reason: 'missing-or-malformed-authorization-header' },
	};
}

export function forbidden(): ApiResponse {
	return { status: 403, body: { status: 'forbidden', reason: 'invalid-api-token' } };
}

export function methodNotAllowed(allow: string[]): ApiResponse {
	return { status: 405, headers: { Allow: allow.join(', ') }, body: { status: 'failure', reason: 'method-not-allowed' } };
}

// v1 spec: components/headers/X-RateLimit-Limit, X-RateLimit-Remaining (on every documented response).
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
	return { 'X-RateLimit-Limit': String(decision.limit), 'X-RateLimit-Remaining': String(decision.remaining) };
}

export interface RateLimitedInput {
	limit: number;
	remaining: number;
	intervalMs: number;
	waitMs: number;
	resetAtMs: number;
}

// v1 spec: components/responses/RateLimited — X-RateLimit-Reset in epoch seconds, Retry-After a UTC
// date-time (we send ISO 8601, as `format: date-time` says), body { reason, rateLimit{...,waitMs} }.
// With headers off, no header and no waitMs: the client has to find the limit itself.
export function rateLimited(input: RateLimitedInput, sendHeaders: boolean): ApiResponse {
	const rateLimit: Record<string, number> = {
		intervalLimit: input.limit,
		intervalRemaining: input.remaining,
		intervalResetSeconds: input.intervalMs / 1000,
	};
	if (!sendHeaders) return { status: 429, body: { reason: 'rate-limited', rateLimit } };
	rateLimit.waitMs = input.waitMs;
	return {
		status: 429,
		headers: {
			'X-RateLimit-Limit': String(input.limit),
			'X-RateLimit-Remaining': String(input.remaining),
			'X-RateLimit-Reset': String(Math.ceil(input.resetAtMs / 1000)),
			'Retry-After': new Date(input.resetAtMs).toISOString(),
		},
		body: { reason: 'rate-limited', rateLimit },
	};
}

/** Bodies of injected 5xx faults (README "Faults"). */
export function serverError(status: 500 | 502 | 503): ApiResponse {
	const reason = { 500: 'internal-server-error', 502: 'bad-gateway', 503: 'service-unavailable' }[status];
	return { status, body: { status: 'failure', reason } };
}
