import { AIMD, AdaptiveRateLimiter, type Ticket } from '../../../packages/shared/transport/adaptiveRateLimiter';
import { FakeClock, settle } from './fakeClock';

function commonRoomLimiter(clock: FakeClock): AdaptiveRateLimiter {
	return new AdaptiveRateLimiter({ intervalMs: 1000, initialLimitPerInterval: 20, initialLimitIsDocumented: true, clock });
}

function teamCommonGroundLimiter(clock: FakeClock): AdaptiveRateLimiter {
	return new AdaptiveRateLimiter({ intervalMs: 60_000, initialLimitPerInterval: 60, initialLimitIsDocumented: false, clock });
}

/** Ms between two tokens at `perSecond`: the limiter paces a little under the rate (AIMD.paceFraction). */
const spacing = (perSecond: number): number => 1000 / (perSecond * AIMD.paceFraction);

/** Grant times on the fake clock are whole ms (the pump sleeps whole ms): expected ± 1.5 ms. */
function expectTimes(actual: number[], expected: number[]): void {
	expect(actual).toHaveLength(expected.length);
	actual.forEach((at, i) => expect(Math.abs(at - expected[i])).toBeLessThanOrEqual(1.5));
}

/** Starts `count` acquisitions and records when each is granted (ms after `start`). */
function acquireMany(limiter: AdaptiveRateLimiter, clock: FakeClock, count: number, tag = ''): Array<{ tag: string; at: number }> {
	const start = clock.now();
	const grants: Array<{ tag: string; at: number }> = [];
	for (let i = 0; i < count; i++) {
		void limiter.acquire().then(() => grants.push({ tag, at: clock.now() - start }));
	}
	return grants;
}

describe('AdaptiveRateLimiter pacing', () => {
	it('lets the first request through at once, then paces at 20/s (Common Room)', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		const grants = acquireMany(limiter, clock, 41);
		await clock.advance(0);
		expect(grants.map((g) => g.at)).toEqual([0]);
		await clock.advance(1000);
		expect(grants).toHaveLength(1 + Math.floor(1000 / spacing(20)));
		expectTimes(grants.slice(0, 5).map((g) => g.at), [0, 1, 2, 3, 4].map((k) => k * spacing(20)));
		// Never faster than the limit: 19 more within the first second after the one at 0 (20 in
		// all by t = 1000 ms), not 20 more.
		expect(grants.filter((g) => g.at > 0 && g.at <= 1000)).toHaveLength(19);
		await clock.advance(1100);
		expect(grants).toHaveLength(41);
	});

	it('keeps one timer for any number of waiters (no spinning, no timer per caller)', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		acquireMany(limiter, clock, 500);
		await clock.advance(0);
		expect(limiter.snapshot().queued).toBe(499);
		expect(clock.pendingSleepers).toBe(1);
		await clock.advance(10_000);
		expect(clock.pendingSleepers).toBe(1);
		await clock.advance(20_000);
		expect(limiter.snapshot().queued).toBe(0);
		expect(clock.pendingSleepers).toBe(0);
	});

	it('saves up at most 250 ms worth of tokens while idle (5 at 20/s), then paces', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		await clock.advance(10_000);
		const grants = acquireMany(limiter, clock, 7);
		await clock.advance(0);
		expect(grants.map((g) => g.at)).toEqual([0, 0, 0, 0, 0]);
		await clock.advance(110);
		expectTimes(grants.map((g) => g.at), [0, 0, 0, 0, 0, spacing(20), 2 * spacing(20)]);
	});

	it('never saves up more than half of the largest X-RateLimit-Remaining the server showed', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		let first: Ticket | undefined;
		void limiter.acquire().then((granted) => (first = granted));
		await clock.advance(0);
		limiter.observe(first as Ticket, { status: 202, limit: 20, remaining: 4 });
		await clock.advance(10_000);
		const grants = acquireMany(limiter, clock, 4);
		await clock.advance(0);
		expect(grants.map((g) => g.at)).toEqual([0, 0]);
	});

	it('serves two executions that keep asking at the same time alternately', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		const counts = { a: 0, b: 0 };
		let stop = false;
		const execution = async (tag: 'a' | 'b'): Promise<void> => {
			while (!stop) {
				await limiter.acquire();
				counts[tag]++;
			}
		};
		void execution('a');
		void execution('b');
		await clock.advance(10_000);
		stop = true;
		expect(counts.a + counts.b).toBeGreaterThanOrEqual(200);
		expect(counts.a + counts.b).toBeLessThanOrEqual(202);
		expect(Math.abs(counts.a - counts.b)).toBeLessThanOrEqual(1);
	});

	it('estimates the wait for a newcomer', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		acquireMany(limiter, clock, 41);
		await clock.advance(0);
		expect(limiter.estimateWaitMs()).toBeCloseTo(41 * spacing(20));
	});
});

describe('AdaptiveRateLimiter AIMD', () => {
	/** Acquires one token, moving the clock as far as needed. */
	async function grantedTicket(limiter: AdaptiveRateLimiter, clock: FakeClock): Promise<Ticket> {
		let ticket: Ticket | undefined;
		void limiter.acquire().then((granted) => (ticket = granted));
		await clock.runUntil(() => ticket !== undefined, 60_000);
		if (!ticket) throw new Error('no token within a minute');
		return ticket;
	}

	it('cuts the rate by 10% on a 429, once per congestion event', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		const early = await grantedTicket(limiter, clock);
		await clock.advance(100);
		const alsoEarly = await grantedTicket(limiter, clock);
		await clock.advance(100);

		const cut = limiter.observe(early, { status: 429 });
		expect(cut?.decreasedBecause).toBe('429');
		expect(cut?.ratePerSecond).toBeCloseTo(18);
		// Sent before the cut: old news, no second cut.
		expect(limiter.observe(alsoEarly, { status: 429 })).toBeUndefined();
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(18);

		await clock.advance(100);
		const afterCut = await grantedTicket(limiter, clock);
		expect(limiter.observe(afterCut, { status: 429 })?.ratePerSecond).toBeCloseTo(16.2);
	});

	/** Hands out `count` tokens (each one a request sent), moving the clock as needed. */
	async function send(limiter: AdaptiveRateLimiter, clock: FakeClock, count: number): Promise<void> {
		for (let i = 0; i < count; i++) await grantedTicket(limiter, clock);
	}

	it('climbs back after a cut to an announced limit: 1 s hold, fast to 95 %, then +0.2 % per request', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		// A 429 before the server announced anything (a lone process's first burst), then the limit.
		const ticket = await grantedTicket(limiter, clock);
		limiter.observe(ticket, { status: 429 });
		await clock.advance(100);
		const first = await grantedTicket(limiter, clock);
		limiter.observe(first, { status: 202, limit: 20, remaining: 19 }); // announced
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(18);
		await clock.advance(900);
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(18); // hold
		await clock.advance(250);
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(18.5); // fast: 10 % of 20 per second
		await clock.advance(10_000);
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(19); // = 95 % of 20, and no further while idle
		await send(limiter, clock, 10);
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(19 * 1.002 ** 10, 3);
		await send(limiter, clock, 40);
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(20); // never above the ceiling
	});

	it('without an announced limit, climbs back only slowly, per request sent', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		const ticket = await grantedTicket(limiter, clock);
		limiter.observe(ticket, { status: 429 });
		await clock.advance(5000);
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(18);
		await send(limiter, clock, 20);
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(18 * 1.002 ** 20, 3);
	});

	it('halves after repeated 429s in a few round trips, and never drops below 5% of the ceiling', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		for (let i = 0; i < 7; i++) {
			const ticket = await grantedTicket(limiter, clock);
			limiter.observe(ticket, { status: 429 });
			await clock.advance(200);
		}
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(20 * 0.9 ** 7, 1);
		for (let i = 0; i < 60; i++) {
			const ticket = await grantedTicket(limiter, clock);
			limiter.observe(ticket, { status: 429 });
			await clock.advance(1);
		}
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(1);
	});

	it("learns a lower limit from Common Room's 429 body and settles just under it", async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		const ticket = await grantedTicket(limiter, clock);
		const adjustment = limiter.observe(ticket, { status: 429, limit: 10, remaining: 0, intervalMs: 1000 });
		expect(adjustment?.learnedLimitPerInterval).toBe(10);
		expect(adjustment?.decreasedBecause).toBe('429');
		expect(limiter.snapshot()).toMatchObject({ ceilingPerSecond: 10 });
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(9);
		await clock.advance(10_000);
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(9.5);
		for (let i = 0; i < 40; i++) await grantedTicket(limiter, clock);
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(10);
	});

	it('pauses everyone for the wait a 429 asked for, and earns no tokens meanwhile', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		const ticket = await grantedTicket(limiter, clock);
		const grants = acquireMany(limiter, clock, 3);
		limiter.observe(ticket, { status: 429, waitMs: 2000 });
		expect(limiter.estimateWaitMs()).toBeGreaterThanOrEqual(2000);
		await clock.advance(1999);
		expect(grants).toHaveLength(0);
		// One request when the pause ends, then the (cut) pace of 18/s: nothing saved up meanwhile.
		await clock.advance(1);
		expect(grants.map((g) => g.at)).toEqual([2000]);
		await clock.advance(50);
		expect(grants).toHaveLength(1);
		await clock.advance(10);
		expect(grants.map((g) => g.at)).toEqual([2000, 2056]);
	});

	it('learns Team Common Ground’s per-minute limit from X-RateLimit-Limit and speeds up at once', async () => {
		const clock = new FakeClock();
		const limiter = teamCommonGroundLimiter(clock);
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(1); // conservative start: 60/min
		const first = await grantedTicket(limiter, clock);
		const grants = acquireMany(limiter, clock, 4);
		await clock.advance(150);
		expect(grants).toHaveLength(0);
		const adjustment = limiter.observe(first, { status: 201, limit: 120, remaining: 119 });
		expect(adjustment?.learnedLimitPerInterval).toBe(120);
		expect(adjustment?.ratePerSecond).toBeCloseTo(2);
		await settle();
		// 0.15 s earned at 1/s, the rest of the token at 2/s (both paced a little under): due at
		// ≈ 578 ms instead of ≈ 1005 ms, so the sleeping pump was woken and recomputed.
		await clock.advance(2100);
		const first2 = 150 + (1 - 0.15 * AIMD.paceFraction) * spacing(2);
		expectTimes(grants.map((g) => g.at), [0, 1, 2, 3].map((k) => first2 + k * spacing(2)));
	});

	it('climbs to a higher announced limit (10 % of it per second up to 95 %), never jumps', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		const ticket = await grantedTicket(limiter, clock);
		expect(limiter.observe(ticket, { status: 202, limit: 100, remaining: 99 })?.learnedLimitPerInterval).toBe(100);
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(20);
		await clock.advance(1000);
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(30);
		await clock.advance(10_000);
		expect(limiter.snapshot()).toMatchObject({ ceilingPerSecond: 100 });
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(95);
	});

	it('adopts a lower announced limit at once, even when documented', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		const ticket = await grantedTicket(limiter, clock);
		limiter.observe(ticket, { status: 202, limit: 5, remaining: 4 });
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(5);
		// An unchanged limit is not news.
		expect(limiter.observe(ticket, { status: 202, limit: 5, remaining: 4 })).toBeUndefined();
	});

	it('slows by 5% when X-RateLimit-Remaining runs low, never below 90% of the limit on that signal alone', async () => {
		const clock = new FakeClock();
		const limiter = teamCommonGroundLimiter(clock);
		let ticket = await grantedTicket(limiter, clock);
		limiter.observe(ticket, { status: 201, limit: 120, remaining: 119 });
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(2);

		// Remaining falls by exactly what this process sent (the sequence: requests sent before it),
		// as a lone client's does in a fixed window: no sign of anyone else.
		ticket = { ...(await grantedTicket(limiter, clock)), sequence: 79 };
		expect(limiter.observe(ticket, { status: 201, limit: 120, remaining: 40 })).toBeUndefined();
		ticket = { ...(await grantedTicket(limiter, clock)), sequence: 113 };
		const low = limiter.observe(ticket, { status: 201, limit: 120, remaining: 6 });
		expect(low).toMatchObject({ decreasedBecause: 'remaining-low' });
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(1.9);
		// Same ticket again: old news.
		expect(limiter.observe(ticket, { status: 201, limit: 120, remaining: 2 })).toBeUndefined();

		for (let i = 0; i < 10; i++) {
			await clock.advance(600);
			ticket = { ...(await grantedTicket(limiter, clock)), sequence: 119 + i };
			limiter.observe(ticket, { status: 201, limit: 120, remaining: 0 });
		}
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(2 * AIMD.lowRemainingFloorFraction);
	});

	it('ignores Remaining from a server whose bucket is tiny (always 0 or 1)', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		for (let i = 0; i < 5; i++) {
			const ticket = await grantedTicket(limiter, clock);
			expect(limiter.observe(ticket, { status: 202, limit: 20, remaining: i % 2 })?.decreasedBecause).toBeUndefined();
			await clock.advance(100);
		}
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(20);
	});
});

describe('AdaptiveRateLimiter cancellation', () => {
	it('rejects at once when the signal is already aborted', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		const controller = new AbortController();
		controller.abort();
		await expect(limiter.acquire(controller.signal)).rejects.toThrow();
	});

	it('removes a queued caller whose execution is cancelled, without disturbing the others', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		const grants = acquireMany(limiter, clock, 2);
		const controller = new AbortController();
		const cancelled = limiter.acquire(controller.signal);
		const after = acquireMany(limiter, clock, 1, 'after');
		await clock.advance(0);
		controller.abort();
		await expect(cancelled).rejects.toThrow();
		await clock.advance(110);
		expectTimes(grants.map((g) => g.at), [0, spacing(20)]);
		expectTimes(after.map((g) => g.at), [2 * spacing(20)]);
	});
});
