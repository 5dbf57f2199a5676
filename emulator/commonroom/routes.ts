// The Common Room v1 service: routing, auth, per-token rate limiting, then the path's handler.
// Order (README "Choices", request pipeline): route (404/405) → auth (401/403) → rate limit (429) → handler.
// `v2` serves API v2 from the same store, tokens and buckets (README "Choices", v2 alongside v1).
import { HttpError, bearerToken, type ApiRequest, type ApiResponse } from '../http';
import { RateLimiter, type RateLimitPolicy } from '../rateLimit';
import { Router } from '../router';
import type { Seed } from '../seed';
import type { EmulatedService, StatusFault } from '../service';
import type { CommonRoomLimitOptions } from '../types';
import * as handlers from './handlers';
import { forbidden, invalidRequestBody, methodNotAllowed, missingToken, notFound, rateLimitHeaders, rateLimited, serverError } from './responses';
import { CommonRoomStore } from './store';
import { CommonRoomV2Service } from './v2/service';
import type { CommonRoomEvent } from './webhooks';

export const COMMON_ROOM_BASE_PATH = '/community/v1';
const INTERVAL_MS = 1000;

/** Auth and rate limit passed (with the headers to send), or the answer that ends the request. */
export type Admission = { admitted: true; jti: string; headers: Record<string, string> } | { admitted: false; response: ApiResponse };

export interface CommonRoomLimits {
	ratePerSecond: number | null;
	burst: number | undefined;
	sendRateLimitHeaders: boolean;
}

export const DEFAULT_COMMON_ROOM_LIMITS: CommonRoomLimits = { ratePerSecond: 20, burst: undefined, sendRateLimitHeaders: true };

export class CommonRoomService implements EmulatedService {
	readonly name = 'commonRoom' as const;
	readonly basePath = COMMON_ROOM_BASE_PATH;
	store: CommonRoomStore;
	/** API v2 under /community/v2: its own routes, this service's store, tokens and buckets. */
	readonly v2 = new CommonRoomV2Service(this);
	/** Set by startEmulator: the webhooks hear about first writes. */
	onEvent: ((event: CommonRoomEvent) => void) | undefined;
	private limits: CommonRoomLimits = { ...DEFAULT_COMMON_ROOM_LIMITS };
	private readonly limiter = new RateLimiter(undefined);
	private readonly router = new Router<handlers.CommonRoomHandler>()
		.add('GET', '/api-token-status', handlers.tokenStatus)
		.add('POST', '/source/:sourceId/user', handlers.upsertUser)
		.add('POST', '/source/:sourceId/activity', handlers.upsertActivity)
		.add('GET', '/activityTypes', handlers.listActivityTypes)
		.add('GET', '/members/customFields', handlers.listCustomFields)
		.add('GET', '/user/:email', handlers.getUserByEmail)
		.add('DELETE', '/user/:email', handlers.deleteUserByEmail)
		.add('GET', '/members', handlers.findMembers)
		.add('GET', '/segments', handlers.listSegments)
		.add('GET', '/segments/:id/status', handlers.listSegmentStatuses)
		.add('POST', '/segments/:id', handlers.addContactsToSegment)
		.add('GET', '/tags', handlers.listTags)
		.add('POST', '/tags', handlers.createTag)
		.add('GET', '/tags/:id', handlers.getTag)
		.add('POST', '/tags/:id', handlers.updateTag)
		.add('DELETE', '/tags/:id', handlers.deleteTag);

	constructor(seed: Seed, limits?: CommonRoomLimitOptions) {
		this.store = new CommonRoomStore(seed.commonRoom);
		this.configure(limits ?? {});
	}

	configure(options: CommonRoomLimitOptions): void {
		if (options.ratePerSecond !== undefined) {
			if (options.ratePerSecond !== null && !(options.ratePerSecond > 0)) throw new Error('commonRoom.ratePerSecond must be > 0 or null');
			this.limits.ratePerSecond = options.ratePerSecond;
		}
		if (options.burst !== undefined) {
			if (!(options.burst >= 1)) throw new Error('commonRoom.burst must be >= 1');
			this.limits.burst = options.burst;
		}
		if (options.sendRateLimitHeaders !== undefined) this.limits.sendRateLimitHeaders = options.sendRateLimitHeaders;
		this.limiter.setPolicy(this.policy());
	}

	currentLimits(): CommonRoomLimits {
		return { ...this.limits };
	}

	reset(seed: Seed): void {
		this.store = new CommonRoomStore(seed.commonRoom);
		this.limiter.clear();
	}

	handle(req: ApiRequest): ApiResponse {
		const route = this.router.resolve(req.method, req.path);
		if (route.kind === 'notFound') return notFound(`no route ${req.method} ${COMMON_ROOM_BASE_PATH}${req.path}`);
		if (route.kind === 'methodNotAllowed') return methodNotAllowed(route.allow);

		const admission = this.admit(req);
		if (!admission.admitted) return admission.response;
		const { handler, params } = route.match;
		let response: ApiResponse;
		try {
			response = handler({ req, params, store: this.store, jti: admission.jti, emit: (event) => this.emit(event) });
		} catch (error) {
			if (!(error instanceof HttpError)) throw error;
			response = error.response;
		}
		return { ...response, headers: { ...admission.headers, ...response.headers } };
	}

	/** Auth (401/403), then one token from the caller's bucket (429); v1 and v2 share both. */
	admit(req: ApiRequest): Admission {
		const token = bearerToken(req.headers);
		if (!token) return { admitted: false, response: missingToken() };
		const index = this.store.seed.tokens.findIndex((entry) => entry.token === token);
		if (index < 0) return { admitted: false, response: forbidden() };

		const decision = this.limiter.take(`token#${index}`);
		if (decision && !decision.allowed) {
			return { admitted: false, response: rateLimited({ ...decision, intervalMs: INTERVAL_MS }, this.limits.sendRateLimitHeaders) };
		}
		const headers = decision && this.limits.sendRateLimitHeaders ? rateLimitHeaders(decision) : {};
		return { admitted: true, jti: this.store.seed.tokens[index].jti, headers };
	}

	faultResponse(fault: StatusFault): ApiResponse {
		if (fault.status === 400) return invalidRequestBody(['refused by an injected fault']);
		if (fault.status !== 429) return serverError(fault.status);
		const waitMs = fault.retryAfterMs ?? 1000;
		const limit = this.limits.ratePerSecond ?? DEFAULT_COMMON_ROOM_LIMITS.ratePerSecond ?? 20;
		const sendHeaders = fault.rateLimitHeaders ?? this.limits.sendRateLimitHeaders;
		return rateLimited({ limit, remaining: 0, intervalMs: INTERVAL_MS, waitMs, resetAtMs: Date.now() + waitMs }, sendHeaders);
	}

	/** A webhook problem never changes the API's answer: the write is stored either way. */
	private emit(event: CommonRoomEvent): void {
		try {
			this.onEvent?.(event);
		} catch (error) {
			console.error('[emulator] webhook event failed:', error);
		}
	}

	private policy(): RateLimitPolicy | undefined {
		const rate = this.limits.ratePerSecond;
		if (rate === null) return undefined;
		return { limit: rate, intervalMs: INTERVAL_MS, capacity: this.limits.burst ?? rate };
	}
}
