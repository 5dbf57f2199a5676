// What a v2 handler gets: the request, its path parameters and the store (as v1 keeps it and as
// v2 reads it).
import type { ApiRequest, ApiResponse } from '../../http';
import type { CommonRoomStore } from '../store';
import type { World } from './world';

export interface V2Call {
	req: ApiRequest;
	params: Record<string, string>;
	store: CommonRoomStore;
	/** The calling token's jti (v2 spec: components/schemas/ApiToken). */
	jti: string;
	/** The store as v2 reads it, built on first use (once per request). */
	world(): World;
}

export type V2Handler = (call: V2Call) => ApiResponse;
