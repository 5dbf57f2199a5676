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
	/** Common Room webhook delivery policy (README "Choices", webhook retries). */
	webhooks?: WebhookDeliveryOptions;
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
			/** 400: the request is refused as invalid and nothing is stored (a refusal the node cannot foresee). */
			status: 400 | 429 | 500 | 502 | 503;
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
	/** The request body as received, when it had one of at most 100 KB. */
	body?: string;
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
	/** Common Room API v2: the v1 base with /v1 → /v2; same tokens, store and rate-limit buckets. */
	commonRoomV2BaseUrl: string;
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
	/** Forgets the request log (the store and the faults stay). */
	clearLog(): void;
	state: { commonRoom: CommonRoomState; teamCommonGround: TeamCommonGroundState };
	/** Common Room's outgoing webhooks (README "Webhooks"). */
	webhooks: EmulatorWebhooks;
}

/**
 * The envelope `type` we send: one key per Common Room workflow template (webhooks ref "Setup").
 * The real envelope has no top-level `type` (README "Choices", webhook envelope).
 */
export type WebhookEvent = 'newContact' | 'newOrganization' | 'newActivity' | 'contactsMeetingCriteria' | 'websiteVisit';

/**
 * What a delivery may get wrong on purpose (README "Webhooks", faults). At most one secret fault
 * and one body fault per delivery.
 */
export type WebhookFault = 'wrongSecret' | 'noSecret' | 'repeat' | 'notJson' | 'array' | 'noPayload';

export interface WebhookDeliveryOptions {
	/** The wait before each retry; its length is the number of retries. Default [1000, 2000, 4000]. */
	retryDelaysMs?: number[];
	/** Per attempt, from connecting to the end of the answer. Default 10000. */
	timeoutMs?: number;
	/** Accept webhook URLs outside loopback (localhost, 127.0.0.0/8, ::1). Default false. */
	allowRemoteHosts?: boolean;
}

export interface WebhookInfo {
	id: string;
	name: string;
	url: string;
	/** The secret itself is never listed. */
	hasSecret: boolean;
}

export interface WorkflowInfo {
	id: number;
	name: string;
	event: WebhookEvent;
	webhookId: string;
}

export interface WebhookFireOptions {
	/** Payload fields, sent as `{ type: <the event's payload type>, ...payload }`. */
	payload?: Record<string, unknown>;
	/** Contact payloads (newContact, contactsMeetingCriteria, websiteVisit): built from this stored contact. */
	contactEmail?: string;
	/** Only this workflow (it must serve the event); default every workflow of the event. */
	workflowId?: number;
	/** Given (even []), used instead of the queued faults, which are then left alone. */
	faults?: WebhookFault[];
}

export interface WebhookTestOptions {
	/** The envelope `type`; default the event of `workflowId`, else 'newContact'. */
	event?: WebhookEvent;
	workflowId?: number;
	faults?: WebhookFault[];
}

export interface FiredDelivery {
	envelopeId: string;
	event: WebhookEvent;
	/** null for a test payload sent without a workflow. */
	workflowId: number | null;
	webhookId: string;
}

/** One delivery attempt. Never holds the secret. */
export interface WebhookDeliveryLogEntry extends FiredDelivery {
	url: string;
	test: boolean;
	/** 1 = the first try; retries count up. Starts again at 1 for the second copy of a `repeat`. */
	attempt: number;
	/** 2 for the duplicate a `repeat` fault sends after the first copy's attempts end. */
	copy: 1 | 2;
	/** The receiver's HTTP status, or null when it gave none (then `error` says why). */
	status: number | null;
	error: string | null;
	startedAt: string;
	durationMs: number;
	/** Another attempt of this copy follows. */
	willRetry: boolean;
	faults: WebhookFault[];
}

export interface PendingWebhookFaults {
	faults: WebhookFault[];
	/** Deliveries still to take them. */
	remaining: number;
}

export interface EmulatorWebhooks {
	register(webhook: { url: string; secret?: string; name?: string; id?: string }): { id: string };
	/** Removes the webhook and the workflows posting to it. */
	remove(webhookId: string): void;
	addWorkflow(workflow: { name: string; event: WebhookEvent; webhookId: string; id?: number }): { id: number };
	removeWorkflow(workflowId: number): void;
	list(): { webhooks: WebhookInfo[]; workflows: WorkflowInfo[] };
	/** One delivery per workflow of the event; none when no workflow serves it. */
	fire(event: WebhookEvent, options?: WebhookFireOptions): FiredDelivery[];
	/** Settings > Webhooks' "send test payload": a sample contact, `source.name` "Test payload". */
	sendTest(webhookId: string, options?: WebhookTestOptions): FiredDelivery;
	deliveries(): WebhookDeliveryLogEntry[];
	clearDeliveries(): void;
	/** Deliveries started and not yet finished (in flight or waiting for a retry). */
	inFlight(): number;
	/** Resolves true once nothing is in flight or waiting for a retry; false if timeoutMs passes first. */
	idle(timeoutMs?: number): Promise<boolean>;
	/** The next `count` (default 1) deliveries take these faults (retries of a delivery keep them). */
	setFaults(faults: WebhookFault[], count?: number): void;
	clearFaults(): void;
	pendingFaults(): PendingWebhookFaults[];
}
