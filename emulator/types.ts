// The emulator's public types. Other parts of the project (node tests, e2e, bench, demo) code
// against exactly these names, so changes here are API changes.
import type { SeedData } from './seed';
import type { ApiTag, StoredActivity, StoredContact, SegmentMember } from './commonroom/store';
import type {
	SkippedTcgRequest,
	StoredClient,
	StoredMapping,
	StoredTcgActivity,
} from './teamcommonground/store';

export type ServiceName = 'commonRoom' | 'teamCommonGround';
export type FaultTarget = ServiceName | 'any';

export interface CommonRoomLimitOptions {
	/** Token-bucket refill rate per API token; null = unlimited. Default 20. */
	ratePerSecond?: number | null;
	/** Bucket capacity; default = ratePerSecond. */
	burst?: number;
	/** Send X-RateLimit-* / Retry-After headers and `rateLimit.waitMs`. Default true. */
	sendRateLimitHeaders?: boolean;
}

export interface TeamCommonGroundLimitOptions {
	/** Per-key bucket capacity, refilled continuously over a minute; null = unlimited. Default 120. */
	perMinute?: number | null;
	/** Send X-RateLimit-* / Retry-After headers and `retryAfter` in the 429 body. Default true. */
	sendRateLimitHeaders?: boolean;
}

export interface LatencyOptions {
	fixedMs: number;
	/** Uniform jitter in [-jitterMs, +jitterMs]; the total never drops below 0. */
	jitterMs: number;
}

export interface EmulatorOptions {
	/** 0 = random free port (tests). CLI default: EMULATOR_PORT or 5680. */
	port?: number;
	/** Default '127.0.0.1'. */
	host?: string;
	/** Seed object or path to a JSON file. Default emulator/seed/demo.json. */
	seed?: SeedData | string;
	commonRoom?: CommonRoomLimitOptions;
	teamCommonGround?: TeamCommonGroundLimitOptions;
	/** Default none; null (or 0/0) switches it off again in configure(). */
	latency?: LatencyOptions | null;
	/** true (the programmatic default) = no per-request console lines. The CLI sets false. */
	quiet?: boolean;
}

/** Restricts a fault to some requests of its target; all given conditions must hold. */
export interface FaultMatch {
	/** HTTP method, e.g. 'POST' (case-insensitive). */
	method?: string;
	/** Substring of the request path (with query), e.g. '/activity' or '/tags'. */
	pathIncludes?: string;
}

/**
 * Turns a queued fault into a time-window fault (see emulator/README.md "Faults"):
 * active from injection for `durationMs`, it hits the 1st, (1+every)th, (1+2·every)th...
 * matching request. `count` then caps how many hits it makes (default: unlimited).
 */
export interface FaultWindow {
	every?: number;
	durationMs?: number;
}

export type FaultKindSpec =
	| {
			kind: 'status';
			status: 429 | 500 | 502 | 503;
			count?: number;
			/** Store the write, then answer the error. */
			afterProcessing?: boolean;
			/** For 429: send the rate-limit headers (default: the service's sendRateLimitHeaders). */
			rateLimitHeaders?: boolean;
			/** For 429: the wait announced in headers/body. Default 1000 ms. */
			retryAfterMs?: number;
	  }
	| { kind: 'resetBeforeProcessing'; count?: number }
	| { kind: 'resetAfterProcessing'; count?: number }
	| { kind: 'hang'; count?: number; afterProcessing?: boolean }
	| { kind: 'slow'; delayMs: number; count?: number };

export type FaultSpec = FaultKindSpec & FaultMatch & FaultWindow;
export type FaultKind = FaultSpec['kind'];

export interface RequestLogEntry {
	service: ServiceName | 'unknown';
	method: string;
	/** Path with query string. Never holds a token (tokens travel only in headers). */
	path: string;
	status: number | 'reset' | 'hang';
	startedAt: string;
	durationMs: number;
	fault?: FaultKind;
}

export interface CommonRoomState {
	contacts(): StoredContact[];
	activities(): StoredActivity[];
	/** Every tag, including deleted ones (deletedAt set). */
	tags(): ApiTag[];
	segmentMembers(segmentId: number): SegmentMember[];
	/** Emails (lower-cased) whose DELETE /user/{email} was accepted, in order. */
	deletionRequests(): string[];
}

export interface TeamCommonGroundState {
	activities(): StoredTcgActivity[];
	clients(): StoredClient[];
	mappings(): StoredMapping[];
	/** Requests skipped by the "Only activities matching existing clients" event setting. */
	skipped(): SkippedTcgRequest[];
}

export interface Emulator {
	url: string;
	port: number;
	commonRoomBaseUrl: string;
	teamCommonGroundBaseUrl: string;
	/** The current seed's first Common Room token and first Team Common Ground key. */
	readonly tokens: { commonRoom: string; teamCommonGround: string };
	configure(options: Partial<EmulatorOptions>): void;
	reset(seed?: SeedData | string): void;
	injectFaults(target: FaultTarget, ...faults: FaultSpec[]): void;
	clearFaults(): void;
	restart(downMs?: number): Promise<void>;
	stop(): Promise<void>;
	log(): RequestLogEntry[];
	state: { commonRoom: CommonRoomState; teamCommonGround: TeamCommonGroundState };
}
