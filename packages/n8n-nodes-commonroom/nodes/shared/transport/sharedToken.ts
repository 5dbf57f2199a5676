// Generated from packages/shared/transport/sharedToken.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
/**
 * Pacing when other processes spend the same token (n8n's queue mode).
 *
 * Every queue-mode worker is its own process with its own limiter, and nothing may be shared
 * between them (a node has no runtime dependencies, no environment, no files). Each limiter aims
 * at the limit the server announces, so k workers on one token ask for k times the limit:
 * 8 % of requests were refused at k = 2, 19 % at k = 4 and 36 % at k = 8 (simulation) before this.
 *
 * What every process CAN see is the same server bucket: `X-RateLimit-Remaining` on each answer.
 * - Evidence of others: a 429 although we pace under the limit the server announced, or Remaining
 *   falling by clearly more than the requests we sent in between (true whatever the server's
 *   model: a refill only makes the fall smaller). Alone, neither happens.
 * - The drain is read as a token bucket's (the emulator's model; the spec says only "requests
 *   remaining within the interval"). A fixed window shows itself by Remaining jumping up faster
 *   than any refill could; there the drain means nothing, and the shared behaviour is only the
 *   AIMD part: cuts on 429, no fast climb, jittered per-request increase.
 * - While shared, each process measures, over windows of about half a second of server time, how
 *   fast the bucket is drained by everyone together: consumed = level before − level after +
 *   refill. It then scales its own rate by (wanted ÷ consumed)^½, where "wanted" is the limit,
 *   a little more while the bucket is above 30 % full, a little less below. Every process sees
 *   the same drain and makes the same correction, so together they settle at the limit with the
 *   bucket about 30 % full, without knowing how many they are: a damped controller, not a race
 *   for the last token. The fast climb back after a cut and the per-request probing are off
 *   meanwhile (they are what re-creates the collisions every second or two).
 * - Answers carry the time they were granted; the server read Remaining about half a round trip
 *   later, which is the time the sample is filed under, so latency does not skew the drain.
 */
import { AIMD } from './aimd';

interface Sample {
	serverTime: number;
	remaining: number;
}

/** One answer's reading, for the evidence: when its request left, our count then, what it said. */
interface Reading {
	grantedAt: number;
	sequence: number;
	remaining: number;
}

export class SharedTokenPacer {
	private sharedUntil = Number.NEGATIVE_INFINITY;
	private anchor: Sample | undefined;
	/** When this process last changed its rate from a window: earlier requests are old news. */
	private correctedAt = Number.NEGATIVE_INFINITY;
	private lastReading: Reading | undefined;
	/** Remaining jumped up as only a fixed window's reset makes it: the drain cannot be read. */
	private fixedWindow = false;
	private resetsSeen = 0;

	constructor(private readonly random: () => number) {}

	/**
	 * A sign that someone else drains this token; the shared pacing stays on for a while. True when
	 * this is the first sign: there are at least two of us, so the caller halves its rate at once
	 * rather than waiting a window to find out (the start of a queue-mode run, where k workers
	 * each begin at the whole limit, is where the 429s would otherwise pile up).
	 */
	evidence(now: number): boolean {
		const first = !this.active(now);
		if (first) this.anchor = undefined;
		this.sharedUntil = now + AIMD.shared.memoryMs;
		return first;
	}

	active(now: number): boolean {
		return now < this.sharedUntil;
	}

	/** The drain can be read (a bucket, not a fixed window): pace by it rather than by probing. */
	get pacesByDrain(): boolean {
		return !this.fixedWindow;
	}

	/**
	 * Compares this answer's Remaining with the previous one's: true when it fell by clearly more
	 * than the requests we sent between them, so someone else spent the difference.
	 * @param ratePerMs the server's refill (the announced limit)
	 */
	othersSpent(reading: Reading, bucketSize: number, ratePerMs: number): boolean {
		const last = this.lastReading;
		if (last && reading.grantedAt < last.grantedAt) return false; // overtaken: older news
		this.lastReading = reading;
		if (!last || bucketSize < AIMD.shared.minimumBucket) return false;
		const span = reading.grantedAt - last.grantedAt;
		// A reset refills most of the bucket at once. Answers that overtake each other on the way
		// make smaller jumps (the server read them in another order than they were sent: measured
		// in queue mode, a jump of 3 in 10 ms), so only big jumps count, and only a few of them.
		const jump = reading.remaining - last.remaining;
		if (jump > ratePerMs * span + 2 && jump >= bucketSize * AIMD.shared.resetJumpFraction) {
			this.resetsSeen += 1;
			if (this.resetsSeen >= AIMD.shared.resetsToBelieve) this.fixedWindow = true;
		}
		if (span < AIMD.shared.evidenceSpanMs) return false;
		const fall = last.remaining - reading.remaining;
		const ours = reading.sequence - last.sequence;
		return fall - ours >= Math.max(AIMD.shared.evidenceMinimum, bucketSize * AIMD.shared.evidenceFraction);
	}

	/**
	 * One reading of the server's bucket, from the answer to a request granted at `grantedAt`.
	 * Returns the factor to scale this process's rate by once a window is complete, else undefined.
	 * Only requests sent after the last correction count: the ones before it show the old rate,
	 * and at a latency of seconds acting on them again and again overshoots far (as TCP counts
	 * one congestion event per window).
	 * @param ratePerMs the server's refill (the announced limit)
	 */
	sample(reading: { now: number; grantedAt: number; remaining: number; bucketSize: number; ratePerMs: number }): number | undefined {
		const { now, grantedAt, remaining, bucketSize, ratePerMs } = reading;
		if (bucketSize < AIMD.shared.minimumBucket || grantedAt < this.correctedAt) return undefined;
		// The server read Remaining about half a round trip after the request left.
		const serverTime = (grantedAt + now) / 2;
		const anchor = this.anchor;
		if (!anchor || serverTime < anchor.serverTime) {
			if (!anchor) this.anchor = { serverTime, remaining };
			return undefined; // answers overtaking each other: an older reading says nothing new
		}
		const span = serverTime - anchor.serverTime;
		// A little jitter in the window keeps the processes from correcting in lockstep.
		if (span < AIMD.shared.windowMs * (0.75 + 0.5 * this.random())) return undefined;
		this.anchor = undefined;
		this.correctedAt = now;
		// An empty bucket at both ends hides how much is asked for beyond the limit (the rest got
		// 429s): slow down as much as one step allows.
		if (anchor.remaining < 1 && remaining < 1) return 1 / AIMD.shared.maxStep ** 2;
		// Full at both ends hides how far under the limit we are together (the refill overflowed):
		// speed up as much as one step allows. This is how the last process running takes back
		// the share of those that finished.
		if (Math.min(anchor.remaining, remaining) >= bucketSize - 1) return AIMD.shared.fullBucketStep;
		const consumedPerMs = Math.max(ratePerMs * 0.05, (anchor.remaining - remaining) / span + ratePerMs);
		const target = bucketSize * AIMD.shared.targetBucketFraction;
		const wantedPerMs = ratePerMs * (1 + (AIMD.shared.levelGain * (remaining - target)) / bucketSize);
		const factor = Math.sqrt(wantedPerMs / consumedPerMs);
		return Math.min(AIMD.shared.maxStep, Math.max(1 / AIMD.shared.maxStep ** 2, factor));
	}
}
