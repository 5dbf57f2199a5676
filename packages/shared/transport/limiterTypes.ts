/** What the adaptive rate limiter takes and tells: its options, the ticket a caller gets, what an answer showed, and what that changed. */
import type { Clock } from './clock';

export interface AdaptiveRateLimiterOptions {
	/** The interval X-RateLimit-Limit counts over. */
	intervalMs: number;
	/** Requests per interval assumed before the server has said anything. */
	initialLimitPerInterval: number;
	/**
	 * False when the initial limit is only a cautious guess: the first announced limit replaces
	 * it at once (up or down), and until then the rate may probe upwards.
	 */
	initialLimitIsDocumented: boolean;
	burst?: number;
	clock?: Clock;
	/** Randomness for the jittered increase (tests pass a seeded one). Default Math.random. */
	random?: () => number;
}

/** Handed to a caller with its token; says which congestion epoch its request belongs to. */
export interface Ticket {
	grantedAt: number;
	/** How many tokens this limiter had handed out before this one (to count our own requests between two answers). */
	sequence?: number;
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
