// The Team Common Ground Activity API service: only POST /v1/activities exists.
// Order (README "Choices", request pipeline): route (404/405) → API key (401) → IP allow-list (403)
// → per-key rate limit (429) → size (413) → JSON and payload (400) → create (201 / 200 skipped).
import { bearerToken, parseJson, type ApiRequest, type ApiResponse } from '../http';
import { RateLimiter, type RateLimitPolicy } from '../rateLimit';
import { Router } from '../router';
import type { Seed } from '../seed';
import type { EmulatedService, StatusFault } from '../service';
import type { TeamCommonGroundLimitOptions } from '../types';
import { createActivity } from './createActivity';
import { compileAllowList, type IpAllowList } from './ipAllowList';
import {
	TCG_MAX_PAYLOAD_BYTES,
	invalidApiKey,
	invalidPayload,
	ipNotAllowed,
	methodNotAllowed,
	notFound,
	payloadTooLarge,
	rateLimitExceeded,
	rateLimitHeaders,
	serverError,
} from './responses';
import { activityPayloadSchema, crossFieldProblems, describePayloadIssues } from './schemas';
import { TeamCommonGroundStore } from './store';

export const TEAM_COMMON_GROUND_BASE_PATH = '/v1';
const MINUTE_MS = 60_000;

export interface TeamCommonGroundLimits {
	perMinute: number | null;
	sendRateLimitHeaders: boolean;
}

export const DEFAULT_TEAM_COMMON_GROUND_LIMITS: TeamCommonGroundLimits = { perMinute: 120, sendRateLimitHeaders: true };

export class TeamCommonGroundService implements EmulatedService {
	readonly name = 'teamCommonGround' as const;
	readonly basePath = TEAM_COMMON_GROUND_BASE_PATH;
	store: TeamCommonGroundStore;
	private allowLists: Array<IpAllowList | undefined> = [];
	private limits: TeamCommonGroundLimits = { ...DEFAULT_TEAM_COMMON_GROUND_LIMITS };
	private readonly limiter = new RateLimiter(undefined);
	private readonly router = new Router<true>().add('POST', '/activities', true);

	constructor(seed: Seed, limits?: TeamCommonGroundLimitOptions) {
		this.store = this.load(seed);
		this.configure(limits ?? {});
	}

	configure(options: TeamCommonGroundLimitOptions): void {
		if (options.perMinute !== undefined) {
			if (options.perMinute !== null && !(options.perMinute > 0)) throw new Error('teamCommonGround.perMinute must be > 0 or null');
			this.limits.perMinute = options.perMinute;
		}
		if (options.sendRateLimitHeaders !== undefined) this.limits.sendRateLimitHeaders = options.sendRateLimitHeaders;
		this.limiter.setPolicy(this.policy());
	}

	currentLimits(): TeamCommonGroundLimits {
		return { ...this.limits };
	}

	reset(seed: Seed): void {
		this.store = this.load(seed);
		this.limiter.clear();
	}

	handle(req: ApiRequest): ApiResponse {
		const route = this.router.resolve(req.method, req.path);
		if (route.kind === 'notFound') return notFound(req.method, `${TEAM_COMMON_GROUND_BASE_PATH}${req.path}`);
		if (route.kind === 'methodNotAllowed') return methodNotAllowed(route.allow);

		const key = bearerToken(req.headers);
		const index = key === undefined ? -1 : this.store.seed.keys.findIndex((entry) => entry.key === key);
		if (index < 0) return invalidApiKey();
		const allowList = this.allowLists[index];
		if (allowList && !allowList(req.remoteAddress)) return ipNotAllowed(req.remoteAddress);

		const decision = this.limiter.take(`key#${index}`);
		if (decision && !decision.allowed) return rateLimitExceeded(decision.limit, decision.waitMs, this.limits.sendRateLimitHeaders);
		// X-RateLimit-* on every limited response, not only 429 (README "Choices", rate limiting).
		const headers = decision && this.limits.sendRateLimitHeaders ? rateLimitHeaders(decision.limit, decision.remaining) : {};
		const response = this.process(req, this.store.seed.keys[index].businessId);
		return { ...response, headers: { ...headers, ...response.headers } };
	}

	faultResponse(fault: StatusFault): ApiResponse {
		if (fault.status === 400) return invalidPayload(['refused by an injected fault']);
		if (fault.status !== 429) return serverError(fault.status);
		const limit = this.limits.perMinute ?? DEFAULT_TEAM_COMMON_GROUND_LIMITS.perMinute ?? 120;
		return rateLimitExceeded(limit, fault.retryAfterMs ?? 1000, fault.rateLimitHeaders ?? this.limits.sendRateLimitHeaders);
	}

	private process(req: ApiRequest, businessId: string): ApiResponse {
		// TCG doc: "Payload Limits" — max 100KB.
		if (req.bodyTruncated || req.body.length > TCG_MAX_PAYLOAD_BYTES) return payloadTooLarge();
		const json = parseJson(req.body);
		if (!json.ok) return invalidPayload([json.error]);
		const parsed = activityPayloadSchema.safeParse(json.value);
		const problems = [...(parsed.success ? [] : describePayloadIssues(parsed.error)), ...crossFieldProblems(json.value)];
		if (!parsed.success || problems.length > 0) return invalidPayload(problems);
		return createActivity(this.store, businessId, parsed.data, json.value);
	}

	/** A key without allowedIps (or with an empty list) is unrestricted. */
	private load(seed: Seed): TeamCommonGroundStore {
		const store = new TeamCommonGroundStore(seed.teamCommonGround);
		this.allowLists = store.seed.keys.map((key) => (key.allowedIps?.length ? compileAllowList(key.allowedIps) : undefined));
		return store;
	}

	private policy(): RateLimitPolicy | undefined {
		const perMinute = this.limits.perMinute;
		return perMinute === null ? undefined : { limit: perMinute, intervalMs: MINUTE_MS, capacity: perMinute };
	}
}
