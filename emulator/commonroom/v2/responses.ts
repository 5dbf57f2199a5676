// v2 response bodies: `{ success: true, data, meta? }` on success and ApiV2ErrorResponse
// `{ success: false, error: { code, message } }` on 400/404/409 (v2 spec: components/schemas/*List,
// *Response, ApiV2ErrorResponse). Auth, 405 and 429 answers are v1's: the v2 spec gives 403 the
// same Status schema and 429 the same RateLimited response.
import type { ApiResponse } from '../../http';
import type { StatusFault } from '../../service';

/** v2 spec: components/schemas/ApiV2Error.code (the enum, as far as the emulator uses it). */
export type V2ErrorCode =
	| 'invalid_parameters'
	| 'invalid_organization_id'
	| 'org_not_found'
	| 'invalid_contact_id'
	| 'contact_not_found'
	| 'object_not_found'
	| 'invalid_object_type_id'
	| 'object_type_not_found'
	| 'invalid_segment_id'
	| 'segment_not_found'
	| 'invalid_activity_id'
	| 'activity_not_found'
	| 'conflict'
	| 'internal_server_error'
	| 'invalid_custom_field_id'
	| 'custom_field_not_found';

export function v2Error(status: 400 | 404 | 409 | 500 | 502 | 503, code: V2ErrorCode, message: string): ApiResponse {
	return { status, body: { success: false, error: { code, message } } };
}

export function invalidParameters(problems: string[]): ApiResponse {
	return v2Error(400, 'invalid_parameters', problems.join('; '));
}

export function single(data: unknown, status = 200): ApiResponse {
	return { status, body: { success: true, data } };
}

export interface ListMeta {
	nextCursor: string | null;
	recordCount?: number;
}

export function list(data: unknown[], meta?: ListMeta): ApiResponse {
	return { status: 200, body: meta ? { success: true, data, meta } : { success: true, data } };
}

/** Injected 5xx faults on v2 (README "Faults"): the v2 error shape; the spec's enum has one server code. */
export function v2ServerError(status: StatusFault['status'] & (500 | 502 | 503)): ApiResponse {
	const message = { 500: 'Internal server error', 502: 'Bad gateway', 503: 'Service unavailable' }[status];
	return v2Error(status, 'internal_server_error', message);
}
