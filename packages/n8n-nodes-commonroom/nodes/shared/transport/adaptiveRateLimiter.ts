// Generated from packages/shared/transport/adaptiveRateLimiter.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
/**
 * A token bucket whose rate adapts to what the server says (AIMD, as TCP does with its window):
 *
 * - It paces requests BEFORE they are sent. Callers queue in `acquire()` (FIFO, one timer for
 *   all of them: waitingLine.ts).
 * - Ceiling: the limit the server announced (`X-RateLimit-Limit` per interval, or Common Room's
 *   429 body `intervalLimit`), else the service's documented (or cautiously guessed) limit.
 * - Multiplicative decrease: a 429 cuts the rate to 0.9 x, a low `X-RateLimit-Remaining` to
 *   0.95 x (never below 0.9 x the ceiling on that signal alone). Once per congestion event:
 *   answers to requests let through before the last cut are old news and do not cut again.
 * - Increase: after a 1 s hold, fast (10 % of the limit per second) back to 95 % of an announced
 *   limit, then slowly (+0.2 % per request sent) up to the ceiling, never above it.
 * - A 429 drops any saved-up burst and, when the server says how long to wait, pauses the bucket
 *   for everyone until then.
 * - Other processes on the same token (n8n's queue mode: one limiter per worker, nothing shared):
 *   once a 429 or Remaining shows them, take half, then pace by how fast the server's bucket is
 *   drained by everyone together, not by probing (sharedToken.ts).
 * See aimd.ts for every number and why.
 */
import { AIMD } from './aimd';
import { type Clock, systemClock } from './clock';
import { SharedTokenPacer } from './sharedToken';
import { WaitingLine } from './waitingLine';

import type { Adjustment, AdaptiveRateLimiterOptions, LimiterSnapshot, Observation, Ticket } from './limiterTypes';

export { AIMD } from './aimd';
export { type Clock, systemClock } from './clock';
export type { Adjustment, AdaptiveRateLimiterOptions, LimiterSnapshot, Observation, Ticket } from './limiterTypes';

export class AdaptiveRateLimiter {
	private readonly clock: Clock;
	private readonly burst: number;
	private intervalMs: number;
	// Rates are in requests per ms.
	private ceiling: number;
	private rate: number;
	/** The starting rate: the unit of upward probing. */
	private readonly initialRate: number;
	/** Without an announced limit, the rate right after the last cut (no fast climb above it). */
	private recoveryTarget = 0;
	private tokens = 1;
	private refilledAt: number;
	private pausedUntil = 0;
	private lastDecreaseAt = Number.NEGATIVE_INFINITY;
	/** The ceiling is documented, announced or found: no more probing above it. */
	private limitLearned: boolean;
	/** The server itself told us the limit (header or 429 body): the ceiling is reliable. */
	private limitAnnounced = false;
	/** The largest X-RateLimit-Remaining seen: how big the server's bucket really is. */
	private maxRemainingSeen = 0;
	/** Whether other processes spend this token too (queue mode), see sharedToken.ts. */
	private readonly shared: SharedTokenPacer;
	private readonly random: () => number;
	/** Tokens handed out so far: a ticket's sequence. */
	private granted = 0;
	private readonly line: WaitingLine;
	/** Last time anyone asked for a token; the registry evicts long-idle limiters. */
	lastUsedAt: number;

	constructor(options: AdaptiveRateLimiterOptions) {
		this.clock = options.clock ?? systemClock;
		this.burst = Math.max(1, options.burst ?? AIMD.burst);
		this.intervalMs = options.intervalMs;
		this.ceiling = options.initialLimitPerInterval / options.intervalMs;
		this.rate = this.ceiling;
		this.initialRate = this.ceiling;
		this.limitLearned = options.initialLimitIsDocumented;
		this.random = options.random ?? Math.random;
		this.shared = new SharedTokenPacer(this.random);
		this.refilledAt = this.clock.now();
		this.lastUsedAt = this.refilledAt;
		this.line = new WaitingLine(this.clock, (now) => this.nextToken(now));
	}

	/** Waits (without spinning) until this caller may send one request. */
	async acquire(signal?: AbortSignal): Promise<Ticket> {
		this.lastUsedAt = this.clock.now();
		return await this.line.join(signal);
	}

	/** Roughly how long a caller arriving now would wait, for "waiting 2.3 s" log lines. */
	estimateWaitMs(): number {
		const now = this.clock.now();
		this.refill(now);
		const missing = this.line.length + 1 - this.tokens;
		return Math.max(0, this.pausedUntil - now, missing > 0 ? missing / this.paceRate() : 0);
	}

	/** Feeds one answer back: learn the limit, slow down, or pause. */
	observe(ticket: Ticket, observation: Observation): Adjustment | undefined {
		const now = this.clock.now();
		this.refill(now);
		const adjustment: Adjustment = { ratePerSecond: 0 };
		let changed = false;
		let loweredNow = false;

		if (observation.intervalMs !== undefined && observation.intervalMs > 0) this.intervalMs = observation.intervalMs;
		if (observation.limit !== undefined && observation.limit > 0) {
			const ceiling = observation.limit / this.intervalMs;
			if (!this.limitAnnounced || Math.abs(ceiling - this.ceiling) > this.ceiling * 1e-9) {
				// A guess that never caused trouble is simply replaced. Otherwise a lower limit applies
				// at once and a higher one is climbed to (fast recovery towards 95 % of it, see refill):
				// never a jump, in case the header counts over another interval than we think.
				const trusted = !this.limitLearned && this.lastDecreaseAt === Number.NEGATIVE_INFINITY;
				loweredNow = ceiling < this.ceiling;
				this.rate = trusted ? ceiling : Math.min(this.rate, ceiling);
				this.ceiling = ceiling;
				this.limitLearned = true;
				this.limitAnnounced = true;
				adjustment.learnedLimitPerInterval = observation.limit;
				changed = true;
			}
		}

		// Only requests let through after the last cut tell us something new about congestion.
		const news = ticket.grantedAt > this.lastDecreaseAt;
		if (observation.status === 429) {
			if (news) {
				// Alone, pacing under a limit the server announced (and did not just lower) never earns
				// a 429: another process is here too.
				if (this.limitAnnounced && !loweredNow) this.sharedEvidence(now);
				this.tokens = Math.min(this.tokens, 0); // the server's bucket is empty: no saved-up burst
				this.decrease(now, AIMD.decreaseOn429);
				adjustment.decreasedBecause = '429';
				changed = true;
			}
			if (this.shared.active(now) && this.shared.pacesByDrain && observation.remaining !== undefined) {
				this.paceShared(now, ticket, observation.remaining);
			}
			const until = now + (observation.waitMs ?? 0);
			if (until > this.pausedUntil && until > now) {
				this.pausedUntil = until;
				// Exactly one request may go when the pause ends (the server has a token by then).
				this.tokens = 1;
				adjustment.pausedForMs = observation.waitMs;
				changed = true;
			}
		} else if (observation.remaining !== undefined) {
			this.maxRemainingSeen = Math.max(this.maxRemainingSeen, observation.remaining);
			const reading = { grantedAt: ticket.grantedAt, sequence: ticket.sequence ?? 0, remaining: observation.remaining };
			if (this.shared.othersSpent(reading, this.maxRemainingSeen, this.ceiling) && this.limitAnnounced) {
				this.sharedEvidence(now);
			}
			const limit = observation.limit ?? this.ceiling * this.intervalMs;
			const low = Math.max(1, Math.floor(limit * AIMD.lowRemainingFraction));
			const floor = this.ceiling * AIMD.lowRemainingFloorFraction;
			const meaningful = this.maxRemainingSeen >= low * AIMD.meaningfulBucketFactor;
			if (this.shared.active(now)) {
				if (this.shared.pacesByDrain) this.paceShared(now, ticket, observation.remaining);
			} else if (news && meaningful && observation.remaining <= low && this.rate > floor) {
				this.decrease(now, AIMD.decreaseOnLowRemaining, floor);
				adjustment.decreasedBecause = 'remaining-low';
				changed = true;
			}
		}

		if (adjustment.learnedLimitPerInterval !== undefined) this.line.wake();
		adjustment.ratePerSecond = this.rate * 1000;
		return changed ? adjustment : undefined;
	}

	snapshot(): LimiterSnapshot {
		this.refill(this.clock.now());
		return {
			ratePerSecond: this.rate * 1000,
			ceilingPerSecond: this.ceiling * 1000,
			tokens: this.tokens,
			queued: this.line.length,
			pausedUntil: this.pausedUntil,
			limitLearned: this.limitLearned,
		};
	}

	get idle(): boolean {
		return this.line.length === 0;
	}

	private decrease(now: number, factor: number, floor = this.ceiling * AIMD.minimumFraction): void {
		const before = Math.min(this.rate, this.ceiling);
		if (!this.limitLearned) {
			// Probing found the limit without being told it: where the trouble began.
			this.ceiling = before;
			this.limitLearned = true;
		}
		this.rate = Math.max(floor, before * factor);
		this.recoveryTarget = this.rate;
		this.lastDecreaseAt = now;
	}

	/** Someone else spends this token too: at the first sign, take half (there are two of us at least). */
	private sharedEvidence(now: number): void {
		if (this.shared.evidence(now)) {
			this.rate = Math.max(this.ceiling * AIMD.minimumFraction, Math.min(this.rate, this.ceiling) * 0.5);
			this.recoveryTarget = this.rate;
		}
	}

	/** Shared token: scale the rate by what the bucket's drain says (sharedToken.ts). */
	private paceShared(now: number, ticket: Ticket, remaining: number): void {
		const factor = this.shared.sample({
			now,
			grantedAt: ticket.grantedAt,
			remaining,
			bucketSize: this.maxRemainingSeen,
			ratePerMs: this.ceiling,
		});
		if (factor === undefined) return;
		this.rate = Math.min(this.ceiling, Math.max(this.ceiling * AIMD.minimumFraction, this.rate * factor));
		this.recoveryTarget = this.rate;
	}

	/**
	 * Up to here the rate climbs fast: 95 % of a limit the server announced. Without one, no fast
	 * climb at all: a rate we merely reached before may itself have been over the limit, and
	 * climbing back to it fast would re-create the 429s.
	 */
	private fastTarget(now: number): number {
		if (this.shared.active(now)) return this.recoveryTarget; // no climb into the others' share
		return this.limitAnnounced ? AIMD.recoveryFraction * this.ceiling : this.recoveryTarget;
	}

	/**
	 * Tokens that may be saved up: `burst`, or 250 ms worth of the current rate. A process that
	 * stalls (garbage collection, another execution preparing thousands of items) for longer than
	 * the tokens it may save up loses that time for good: with 10 ms worth, a 200 ms stall every
	 * 2 s cost 7 % of throughput at 20/s in the benchmark; with 250 ms worth, none. Once the server
	 * has shown how full its own bucket gets (`X-RateLimit-Remaining`), never save more than half
	 * of that, so the catch-up burst cannot empty it.
	 */
	private capacity(): number {
		const catchUp = this.rate * AIMD.catchUpMs;
		const serverBound = this.maxRemainingSeen > 0 ? this.maxRemainingSeen / 2 : Infinity;
		return Math.max(this.burst, Math.min(catchUp, serverBound));
	}

	/** Tokens per ms actually handed out: a little under the rate (see AIMD.paceFraction). */
	private paceRate(): number {
		return this.rate * AIMD.paceFraction;
	}

	/** Not in the hold after a cut, and not paused: the rate may grow. */
	private mayGrow(now: number): boolean {
		return now >= this.lastDecreaseAt + AIMD.holdAfterDecreaseMs && now >= this.pausedUntil;
	}

	/** Adds the tokens earned since the last refill; applies the time-based increases. */
	private refill(now: number): void {
		const from = this.refilledAt;
		if (now <= from) return;
		// Paused time earns no tokens: the server told us to stay away until then.
		const earning = Math.max(0, now - Math.max(from, this.pausedUntil));
		this.tokens = Math.min(this.capacity(), this.tokens + earning * this.paceRate());
		const growFrom = Math.max(from, this.lastDecreaseAt + AIMD.holdAfterDecreaseMs, this.pausedUntil);
		if (now > growFrom) {
			const seconds = (now - growFrom) / 1000;
			const target = this.fastTarget(now);
			if (this.rate < target) {
				this.rate = Math.min(target, this.rate + seconds * AIMD.fastIncreasePerSecond * this.ceiling);
			} else if (!this.limitLearned && this.line.length > 0) {
				const most = AIMD.probeMaxFactor * this.initialRate;
				this.rate = Math.min(most, this.rate + seconds * AIMD.probeIncreasePerSecond * this.initialRate);
				this.ceiling = Math.max(this.ceiling, this.rate);
			}
		}
		this.refilledAt = now;
	}

	/** One request is being sent: the slow, per-request additive increase. */
	private grew(now: number): void {
		const shared = this.shared.active(now);
		if (shared && this.shared.pacesByDrain) return; // paced by the shared bucket's drain instead
		if (this.limitLearned && this.rate < this.ceiling && this.rate >= this.fastTarget(now) && this.mayGrow(now)) {
			// Shared without a readable drain: jittered, so the processes do not climb in lockstep.
			const step = shared ? AIMD.perRequestIncrease * (0.5 + this.random()) : AIMD.perRequestIncrease;
			this.rate = Math.min(this.ceiling, this.rate * (1 + step));
		}
	}

	/** A token for the caller at the head of the line, or the ms until one is due. */
	private nextToken(now: number): Ticket | number {
		this.refill(now);
		if (now >= this.pausedUntil && this.tokens >= 1) {
			this.tokens -= 1;
			this.grew(now);
			return { grantedAt: now, sequence: this.granted++ };
		}
		const untilToken = (1 - this.tokens) / this.paceRate();
		return Math.max(1, Math.ceil(Math.max(this.pausedUntil - now, untilToken)));
	}
}
