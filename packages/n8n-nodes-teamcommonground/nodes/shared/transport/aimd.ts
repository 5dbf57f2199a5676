// Generated from packages/shared/transport/aimd.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
/**
 * The adaptive limiter's tuning, in one place. The numbers were chosen with the simulations in
 * test/unit/transport/simulation.test.ts (the benchmark scenarios on a fake clock).
 */
export const AIMD = {
	/** Rate multiplier on a 429. */
	decreaseOn429: 0.9,
	/** Rate multiplier when X-RateLimit-Remaining runs low. */
	decreaseOnLowRemaining: 0.95,
	/** No increase for this long after a cut: requests sent before it are still answering. */
	holdAfterDecreaseMs: 1000,
	/**
	 * Fast recovery, per second, as a fraction of an ANNOUNCED limit, up to `recoveryFraction`
	 * of it: that level is known to be safe, only the last few percent are probed slowly (as TCP
	 * CUBIC does around its last maximum).
	 */
	fastIncreasePerSecond: 0.1,
	recoveryFraction: 0.95,
	/**
	 * Slow additive increase, per request sent: the rate grows by this fraction each time a token
	 * is handed out. Per request rather than per second (as TCP grows per acknowledgement), so
	 * the share of requests that end in a 429 while probing is the same at 20/s and at 2/min:
	 * about perRequestIncrease / (1 - decreaseOn429) = 2 %.
	 */
	perRequestIncrease: 0.002,
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
	/**
	 * While the limit is neither documented nor announced (Team Common Ground documents its
	 * X-RateLimit-* headers only under 429), the cautious starting rate is only a guess: while
	 * callers are waiting, probe upwards by this fraction of the guess per second, until a 429
	 * (whose headers name the limit, or whose timing marks it) ends the probing. Never beyond
	 * `probeMaxFactor` x the guess: a server that hides its limit behind a big burst would
	 * otherwise let the probe run far past it and answer with a storm of 429s later.
	 */
	probeIncreasePerSecond: 0.05,
	probeMaxFactor: 2,
	/**
	 * Tokens that may accumulate. Two, not one: with one, every millisecond the timer fires late
	 * is lost for good (a few % of throughput at 20/s); with a big bucket a burst after idle
	 * could empty the server's bucket and turn the next jitter into 429s.
	 */
	burst: 2,
	/** How much time's worth of tokens may accumulate above `burst` (see capacity()). */
	catchUpMs: 250,
	/**
	 * Tokens are handed out at this fraction of the rate. Pacing at exactly the limit puts the
	 * rate the server measures at the limit plus noise: a first request that leaves a few ms late
	 * and the tokens saved up meanwhile make the span look short, and the benchmark's two
	 * executions sharing one credential measured 1.002 – 1.004 × the limit. Half a percent under
	 * it keeps "no faster than the limit" true at a cost of 0.5 % of throughput.
	 */
	paceFraction: 0.995,
	/** Several processes on one token (queue mode): see sharedToken.ts. */
	shared: {
		/** How long one sign of another process keeps the shared pacing on. */
		memoryMs: 60_000,
		/**
		 * Remaining fell by this much more than our own requests (at least `evidenceMinimum`, or
		 * this fraction of the bucket) between two answers at least `evidenceSpanMs` apart: others
		 * are here. The margin covers Remaining's rounding and answers arriving out of order.
		 */
		evidenceMinimum: 3,
		evidenceFraction: 0.15,
		evidenceSpanMs: 250,
		/** Buckets smaller than this say too little to steer by (one or two requests). */
		minimumBucket: 4,
		/** A fixed window is believed after this many jumps of Remaining by this fraction of the bucket. */
		resetJumpFraction: 0.6,
		resetsToBelieve: 3,
		/** The drain is measured over about this much server time (± 25 %, jittered). */
		windowMs: 500,
		/** Where the processes together hold the bucket: room for jitter, and a signal both ways. */
		targetBucketFraction: 0.3,
		/** How strongly the bucket's distance from that level moves the wanted rate. */
		levelGain: 0.3,
		/** No single correction scales the rate by more than this (up) or its square (down). */
		maxStep: 1.25,
		/**
		 * The step up when the bucket was full at both ends of a window: together we sent under
		 * the limit all along (a worker's executions just ended), so the rest may take the freed
		 * share quickly. With 1.25, bench:queue at k = 4 spent ≈ 5 s at 5 – 13/s after each end.
		 */
		fullBucketStep: 1.6,
	},
} as const;
