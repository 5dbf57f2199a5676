// What the HTTP server needs from each emulated API.
import type { ApiRequest, ApiResponse } from './http';
import type { Seed } from './seed';
import type { FaultKindSpec, ServiceName } from './types';

export type StatusFault = Extract<FaultKindSpec, { kind: 'status' }>;

export interface EmulatedService {
	readonly name: ServiceName;
	/** Path prefix the service lives under, e.g. '/community/v1'. */
	readonly basePath: string;
	/** Answers one request (synchronously: the body is already read). */
	handle(req: ApiRequest): ApiResponse;
	/** The answer for an injected status fault, in this service's error format. */
	faultResponse(fault: StatusFault): ApiResponse;
	/** Back to the seed's state; rate-limit buckets emptied. */
	reset(seed: Seed): void;
}
