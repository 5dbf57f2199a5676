// Token-bucket rate limiting, one bucket per credential (Common Room token / TCG API key).
// Both services describe a limit per interval (v1 spec: components/responses/RateLimited,
// TCG doc: "429 Too Many Requests" → "Requests allowed per minute"); a continuously refilled
// bucket of `capacity` tokens at `limit` per `intervalMs` is the model we chose
// (emulator/README.md "Choices where the reference is silent", rate limiting).

export interface RateLimitPolicy {
	/** Requests per interval (what X-RateLimit-Limit announces). */
	limit: number;
	intervalMs: number;
	/** Bucket size (burst); usually = limit. */
	capacity: number;
}

export interface RateDecision {
	allowed: boolean;
	limit: number;
	/** Whole tokens left after this request. */
	remaining: number;
	/** Until the next token is available (0 when allowed). */
	waitMs: number;
	/** Epoch ms when the next token is available. */
	resetAtMs: number;
}

interface Bucket {
	tokens: number;
	updatedAtMs: number;
}

export class RateLimiter {
	private readonly buckets = new Map<string, Bucket>();

	/** policy undefined = unlimited. */
	constructor(private policy: RateLimitPolicy | undefined) {}

	get enabled(): boolean {
		return this.policy !== undefined;
	}

	get currentPolicy(): RateLimitPolicy | undefined {
		return this.policy;
	}

	setPolicy(policy: RateLimitPolicy | undefined): void {
		this.policy = policy;
		this.buckets.clear();
	}

	clear(): void {
		this.buckets.clear();
	}

	/** Takes one token for `key`; undefined when unlimited. */
	take(key: string, nowMs = Date.now()): RateDecision | undefined {
		const policy = this.policy;
		if (!policy) return undefined;
		const refillPerMs = policy.limit / policy.intervalMs;
		const bucket = this.buckets.get(key) ?? { tokens: policy.capacity, updatedAtMs: nowMs };
		bucket.tokens = Math.min(policy.capacity, bucket.tokens + (nowMs - bucket.updatedAtMs) * refillPerMs);
		bucket.updatedAtMs = nowMs;
		this.buckets.set(key, bucket);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return { allowed: true, limit: policy.limit, remaining: Math.floor(bucket.tokens), waitMs: 0, resetAtMs: nowMs };
		}
		const waitMs = Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs));
		return { allowed: false, limit: policy.limit, remaining: 0, waitMs, resetAtMs: nowMs + waitMs };
	}
}
