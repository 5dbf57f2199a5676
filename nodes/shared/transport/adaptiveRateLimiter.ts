/**
 * A token bucket whose rate adapts to what the server says (AIMD, as TCP does with its window):
 *
 * - It paces requests BEFORE they are sent. Callers queue in `acquire()` (FIFO, so two
 *   executions sharing a credential share the rate fairly); one pump hands out tokens and sleeps
 *   until the next one is due, so a thousand waiting callers cost one timer, not a busy loop.
 * - Ceiling: the limit the server announced (`X-RateLimit-Limit` per interval, or Common Room's
 *   429 body `intervalLimit`), else the service's documented/assumed starting limit.
 * - Multiplicative decrease: a 429 cuts the rate to 0.9 x, a low `X-RateLimit-Remaining` to
 *   0.95 x. Only once per "congestion event": answers to requests that were let through before
 *   the last cut carry old news and do not cut again (otherwise ten in-flight 429s would cut ten
 *   times).
 * - Additive increase: after a cut, the rate climbs back by 2 % of the ceiling per second (after
 *   a 1 s hold while older requests drain), never above the ceiling.
 * - A 429 also empties the bucket and, when the server says how long to wait, pauses it for
 *   everyone until then.
 *
 * The clock is injected so all of this runs on a fake clock in unit tests.
 */
import { sleep } from 'n8n-workflow';

export interface Clock {
	now(): number;
	/** Resolves after `ms`; rejects early when `signal` aborts. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	// n8n-workflow's `sleep`, not setTimeout: community nodes may not use timer globals (n8n
	// Cloud's restricted globals, lint rule no-restricted-globals). It takes an AbortSignal,
	// which is how a waiting pump is woken early and how a cancelled execution stops waiting.
	sleep: async (ms, signal) => await sleep(ms, signal),
};

/** Tuning, in one place. Numbers chosen with the simulations in test/unit/transport. */
export const AIMD = {
	/** Rate multiplier on a 429. */
	decreaseOn429: 0.9,
	/** Rate multiplier when X-RateLimit-Remaining runs low. */
	decreaseOnLowRemaining: 0.95,
	/** Additive increase, as a fraction of the ceiling per second. */
	increasePerSecond: 0.02,
	/**
	 * Faster climb back up to `recoveryFraction` of where the trouble started (the announced
	 * limit, else the rate at the cut): that level is known to be safe-ish, the last few percent
	 * are where the limit is, so only those are probed slowly (as TCP CUBIC does around W_max).
	 */
	fastIncreasePerSecond: 0.1,
	recoveryFraction: 0.95,
	/** No increase for this long after a cut: requests sent before it are still answering. */
	holdAfterDecreaseMs: 1000,
	/** The rate never drops below this fraction of the ceiling. */
	minimumFraction: 0.05,
	/** "Low" Remaining: at most this fraction of the limit (and at least 1 request). */
	lowRemainingFraction: 0.05,
	/**
	 * A low Remaining alone (no 429) never cuts below this fraction of the ceiling: it means "at
	 * the edge", not "over". Without this floor, a server with a tiny bucket (Remaining always 0
	 * or 1) would talk us down to a crawl.
	 */
	lowRemainingFloorFraction: 0.9,
	/** Remaining is only read as a signal once the server has shown a bucket this many times "low". */
	meaningfulBucketFactor: 4,
} as const;

export interface AdaptiveRateLimiterOptions {
	/** The interval X-RateLimit-Limit counts over. */
	intervalMs: number;
	/** Requests per interval assumed before the server has said anything. */
	initialLimitPerInterval: number;
	/**
	 * False when the initial limit is only a cautious guess: the first announced limit then
	 * replaces it at once (up or down) instead of being climbed to slowly.
	 */
	initialLimitIsDocumented: boolean;
	/**
	 * Tokens that may accumulate. Two, not one: with one, every millisecond the timer fires late
	 * is lost for good (a few % of throughput at 20/s); with a big bucket a burst after idle
	 * could empty the server's bucket and turn the next jitter into 429s.
	 */
	burst?: number;
	clock?: Clock;
}

/** Handed to a caller with its token; identifies which congestion epoch its request belongs to. */
export interface Ticket {
	grantedAt: number;
}

export interface Observation {
	status: number;
	limit?: number;
	remaining?: number;
	intervalMs?: number;
	/** How long the server asked us to wait (429). */
	waitMs?: number;
}

/** What an observation changed, for the caller to log. */
export interface Adjustment {
	learnedLimitPerInterval?: number;
	decreasedBecause?: '429' | 'remaining-low';
	ratePerSecond: number;
	pausedForMs?: number;
}

export interface LimiterSnapshot {
	ratePerSecond: number;
	ceilingPerSecond: number;
	tokens: number;
	queued: number;
	pausedUntil: number;
	limitLearned: boolean;
}

interface Waiter {
	resolve: (ticket: Ticket) => void;
	reject: (error: Error) => void;
	signal?: AbortSignal;
	onAbort?: () => void;
}

export class AdaptiveRateLimiter {
	private readonly clock: Clock;
	private readonly burst: number;
	private intervalMs: number;
	/** Requests per ms. */
	private ceiling: number;
	private rate: number;
	private tokens = 1;
	private refilledAt: number;
	private pausedUntil = 0;
	private lastDecreaseAt = Number.NEGATIVE_INFINITY;
	/** Up to here the rate climbs fast after a cut (requests per ms). */
	private recoveryTarget = 0;
	/** The server itself told us the limit (header or 429 body), so the ceiling is reliable. */
	private limitAnnounced = false;
	/** The largest X-RateLimit-Remaining seen: how big the server's bucket/window really is. */
	private maxRemainingSeen = 0;
	private limitLearned: boolean;
	private readonly queue: Waiter[] = [];
	private pumping = false;
	private wakePump?: AbortController;
	/** Last time anyone asked for a token; the registry evicts long-idle limiters. */
	lastUsedAt: number;

	constructor(options: AdaptiveRateLimiterOptions) {
		this.clock = options.clock ?? systemClock;
		this.burst = Math.max(1, options.burst ?? 2);
		this.intervalMs = options.intervalMs;
		this.ceiling = options.initialLimitPerInterval / options.intervalMs;
		this.rate = this.ceiling;
		this.limitLearned = options.initialLimitIsDocumented;
		this.refilledAt = this.clock.now();
		this.lastUsedAt = this.refilledAt;
	}

	/** Waits (without spinning) until this caller may send one request. */
	async acquire(signal?: AbortSignal): Promise<Ticket> {
		this.lastUsedAt = this.clock.now();
		if (signal?.aborted) throw abortError(signal);
		return await new Promise<Ticket>((resolve, reject) => {
			const waiter: Waiter = { resolve, reject, signal };
			if (signal) {
				waiter.onAbort = () => {
					const index = this.queue.indexOf(waiter);
					if (index >= 0) this.queue.splice(index, 1);
					reject(abortError(signal));
				};
				signal.addEventListener('abort', waiter.onAbort, { once: true });
			}
			this.queue.push(waiter);
			this.startPump();
		});
	}

	/** Roughly how long a caller arriving now would wait, for "waiting 2.3 s" log lines. */
	estimateWaitMs(): number {
		const now = this.clock.now();
		this.refill(now);
		const missing = this.queue.length + 1 - this.tokens;
		return Math.max(0, this.pausedUntil - now, missing > 0 ? missing / this.rate : 0);
	}

	/** Feeds one answer back: learn the limit, slow down, or pause. */
	observe(ticket: Ticket, observation: Observation): Adjustment | undefined {
		const now = this.clock.now();
		this.refill(now);
		const adjustment: Adjustment = { ratePerSecond: 0 };
		let changed = false;

		if (observation.intervalMs !== undefined && observation.intervalMs > 0) {
			this.intervalMs = observation.intervalMs;
		}
		if (observation.limit !== undefined && observation.limit > 0) {
			const ceiling = observation.limit / this.intervalMs;
			if (!this.limitLearned || Math.abs(ceiling - this.ceiling) > this.ceiling * 1e-9) {
				if (!this.limitLearned && this.lastDecreaseAt === Number.NEGATIVE_INFINITY) {
					// Our starting point was a guess and nothing has gone wrong: adopt the real limit.
					this.rate = ceiling;
				}
				this.ceiling = ceiling;
				this.rate = Math.min(this.rate, ceiling);
				this.limitLearned = true;
				this.limitAnnounced = true;
				adjustment.learnedLimitPerInterval = observation.limit;
				changed = true;
			}
		}

		// Only requests let through after the last cut tell us something new about congestion.
		const newsSinceLastCut = ticket.grantedAt > this.lastDecreaseAt;
		if (observation.status === 429) {
			if (newsSinceLastCut) {
				// Drop any saved-up burst too: the server's bucket is empty right now.
				this.tokens = Math.min(this.tokens, 0);
				this.decrease(now, AIMD.decreaseOn429);
				adjustment.decreasedBecause = '429';
				changed = true;
			}
			if (observation.waitMs !== undefined && observation.waitMs > 0) {
				const until = now + observation.waitMs;
				if (until > this.pausedUntil) {
					this.pausedUntil = until;
					// Exactly one request may go when the pause ends (the server will have a token
					// by then); any saved-up burst is dropped, and nothing is earned meanwhile.
					this.tokens = 1;
					adjustment.pausedForMs = observation.waitMs;
					changed = true;
				}
			}
		} else if (observation.remaining !== undefined) {
			this.maxRemainingSeen = Math.max(this.maxRemainingSeen, observation.remaining);
			const limit = observation.limit ?? this.ceiling * this.intervalMs;
			const low = Math.max(1, Math.floor(limit * AIMD.lowRemainingFraction));
			const floor = this.ceiling * AIMD.lowRemainingFloorFraction;
			if (
				newsSinceLastCut &&
				observation.remaining <= low &&
				this.maxRemainingSeen >= low * AIMD.meaningfulBucketFactor &&
				this.rate > floor
			) {
				this.decrease(now, AIMD.decreaseOnLowRemaining, floor);
				adjustment.decreasedBecause = 'remaining-low';
				changed = true;
			}
		}

		if (adjustment.learnedLimitPerInterval !== undefined) this.wake();
		adjustment.ratePerSecond = this.rate * 1000;
		return changed ? adjustment : undefined;
	}

	snapshot(): LimiterSnapshot {
		this.refill(this.clock.now());
		return {
			ratePerSecond: this.rate * 1000,
			ceilingPerSecond: this.ceiling * 1000,
			tokens: this.tokens,
			queued: this.queue.length,
			pausedUntil: this.pausedUntil,
			limitLearned: this.limitLearned,
		};
	}

	get idle(): boolean {
		return this.queue.length === 0;
	}

	private decrease(now: number, factor: number, floor = this.ceiling * AIMD.minimumFraction): void {
		const before = Math.min(this.rate, this.ceiling);
		this.rate = Math.max(floor, before * factor);
		this.recoveryTarget = AIMD.recoveryFraction * (this.limitAnnounced ? this.ceiling : before);
		this.lastDecreaseAt = now;
	}

	/** Adds the tokens earned since the last refill and applies the additive increase. */
	private refill(now: number): void {
		const elapsed = now - this.refilledAt;
		if (elapsed <= 0) return;
		// Paused time earns no tokens: the server told us to stay away until then.
		const earning = Math.max(0, now - Math.max(this.refilledAt, this.pausedUntil));
		this.tokens = Math.min(this.burst, this.tokens + earning * this.rate);
		// No climbing while paused either: the server asked us to stay away.
		const climbFrom = Math.max(this.refilledAt, this.lastDecreaseAt + AIMD.holdAfterDecreaseMs, this.pausedUntil);
		if (this.rate < this.ceiling && now > climbFrom) this.climb((now - climbFrom) / 1000);
		this.refilledAt = now;
	}

	/** Additive increase over `seconds`: fast up to the recovery target, slowly above it. */
	private climb(seconds: number): void {
		let left = seconds;
		if (this.rate < this.recoveryTarget) {
			const fastPerSecond = AIMD.fastIncreasePerSecond * this.ceiling;
			const needed = (this.recoveryTarget - this.rate) / fastPerSecond;
			if (left <= needed) {
				this.rate += left * fastPerSecond;
				return;
			}
			this.rate = this.recoveryTarget;
			left -= needed;
		}
		this.rate = Math.min(this.ceiling, this.rate + left * AIMD.increasePerSecond * this.ceiling);
	}

	private startPump(): void {
		if (this.pumping) return;
		this.pumping = true;
		void this.pump();
	}

	/** Interrupts the pump's sleep, e.g. when a learned limit makes the next token due sooner. */
	private wake(): void {
		this.wakePump?.abort();
	}

	private async pump(): Promise<void> {
		try {
			while (this.queue.length > 0) {
				const now = this.clock.now();
				this.refill(now);
				if (now >= this.pausedUntil && this.tokens >= 1) {
					this.tokens -= 1;
					const waiter = this.queue.shift() as Waiter;
					if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
					waiter.resolve({ grantedAt: now });
					continue;
				}
				const untilToken = (1 - this.tokens) / this.rate;
				const waitMs = Math.max(1, Math.ceil(Math.max(this.pausedUntil - now, untilToken)));
				const wakePump = new AbortController();
				this.wakePump = wakePump;
				try {
					await this.clock.sleep(waitMs, wakePump.signal);
				} catch {
					// Woken early on purpose (wake()); the loop recomputes the wait.
				}
				this.wakePump = undefined;
			}
		} finally {
			this.pumping = false;
		}
	}
}

function abortError(signal: AbortSignal): Error {
	const reason: unknown = signal.reason;
	if (reason instanceof Error) return reason;
	const error = new Error('The operation was aborted');
	error.name = 'AbortError';
	return error;
}
