/** The signs that another process spends the same token, and what the limiter does then (sharedToken.ts). */
import { AdaptiveRateLimiter, type Ticket } from '../../../packages/shared/transport/adaptiveRateLimiter';
import { SharedTokenPacer } from '../../../packages/shared/transport/sharedToken';
import { FakeClock } from './fakeClock';

function commonRoomLimiter(clock: FakeClock): AdaptiveRateLimiter {
	return new AdaptiveRateLimiter({ intervalMs: 1000, initialLimitPerInterval: 20, initialLimitIsDocumented: true, clock, random: () => 0.5 });
}

async function grantedTicket(limiter: AdaptiveRateLimiter, clock: FakeClock): Promise<Ticket> {
	let ticket: Ticket | undefined;
	void limiter.acquire().then((granted) => (ticket = granted));
	await clock.runUntil(() => ticket !== undefined, 60_000);
	if (!ticket) throw new Error('no token within a minute');
	return ticket;
}

describe('shared token: another process on the same credential', () => {
	it('a 429 although we pace under the announced limit: halves at once, and no fast climb back', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		limiter.observe(await grantedTicket(limiter, clock), { status: 202, limit: 20, remaining: 19 });
		await clock.advance(100);
		limiter.observe(await grantedTicket(limiter, clock), { status: 429, limit: 20, remaining: 0, waitMs: 50 });
		// Halved for the second process, then the 429's own cut: 20 × 0.5 × 0.9.
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(9);
		await clock.advance(10_000);
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(9); // alone it would be back at 19 by now
	});

	it('a 429 that announces a LOWER limit is not a sign of anyone else: the lone process settles under it', async () => {
		const clock = new FakeClock();
		const limiter = commonRoomLimiter(clock);
		limiter.observe(await grantedTicket(limiter, clock), { status: 202, limit: 20, remaining: 19 });
		limiter.observe(await grantedTicket(limiter, clock), { status: 429, limit: 10, remaining: 0, intervalMs: 1000 });
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(9);
		await clock.advance(10_000);
		expect(limiter.snapshot().ratePerSecond).toBeCloseTo(9.5);
	});

	it('Remaining falling by far more than we sent: halves; falling by what we sent: nothing', async () => {
		const clock = new FakeClock();
		const alone = commonRoomLimiter(clock);
		let ticket = await grantedTicket(alone, clock);
		alone.observe(ticket, { status: 202, limit: 20, remaining: 19 });
		for (let i = 0; i < 10; i++) {
			await clock.advance(100);
			ticket = await grantedTicket(alone, clock);
			alone.observe(ticket, { status: 202, limit: 20, remaining: 19 - (ticket.sequence ?? 0) });
		}
		expect(alone.snapshot().ratePerSecond).toBeCloseTo(20);

		const shared = commonRoomLimiter(clock);
		shared.observe(await grantedTicket(shared, clock), { status: 202, limit: 20, remaining: 19 });
		await clock.advance(300);
		shared.observe(await grantedTicket(shared, clock), { status: 202, limit: 20, remaining: 8 }); // 11 gone, 1 ours
		expect(shared.snapshot().ratePerSecond).toBeCloseTo(10);
	});

	it('reads a fixed window (Remaining jumping back up, again and again, faster than any refill) and then stops steering by the drain', () => {
		const pacer = new SharedTokenPacer(() => 0.5);
		const perMs = 20 / 1000;
		for (let second = 0; second < 3; second++) {
			expect(pacer.pacesByDrain).toBe(true);
			expect(pacer.othersSpent({ grantedAt: second * 1000, sequence: second * 20, remaining: 2 }, 20, perMs)).toBe(false);
			// 100 ms later a bucket could hold at most 2 + 2 more; it says 20: the interval was reset.
			expect(pacer.othersSpent({ grantedAt: second * 1000 + 100, sequence: second * 20 + 2, remaining: 20 }, 20, perMs)).toBe(false);
		}
		expect(pacer.pacesByDrain).toBe(false);
	});

	it('answers that overtook each other (Remaining 2, then 5 for a request sent 10 ms later) are not a fixed window', () => {
		const pacer = new SharedTokenPacer(() => 0.5);
		const perMs = 20 / 1000;
		for (let i = 0; i < 20; i++) {
			pacer.othersSpent({ grantedAt: i * 100, sequence: 2 * i, remaining: 2 }, 20, perMs);
			pacer.othersSpent({ grantedAt: i * 100 + 10, sequence: 2 * i + 1, remaining: 5 }, 20, perMs);
		}
		expect(pacer.pacesByDrain).toBe(true);
	});

	it('once shared, scales the rate by the drain: the bucket full at both ends of a window speeds up, empty slows down', () => {
		const pacer = new SharedTokenPacer(() => 0.5);
		const perMs = 20 / 1000;
		pacer.evidence(0);
		expect(pacer.sample({ now: 100, grantedAt: 0, remaining: 20, bucketSize: 20, ratePerMs: perMs })).toBeUndefined();
		const up = pacer.sample({ now: 800, grantedAt: 700, remaining: 20, bucketSize: 20, ratePerMs: perMs });
		expect(up).toBeGreaterThan(1);
		expect(pacer.sample({ now: 900, grantedAt: 850, remaining: 0, bucketSize: 20, ratePerMs: perMs })).toBeUndefined();
		const down = pacer.sample({ now: 1600, grantedAt: 1500, remaining: 0, bucketSize: 20, ratePerMs: perMs });
		expect(down).toBeLessThan(1);
		// Requests sent before the last correction are old news: they do not start a window.
		expect(pacer.sample({ now: 1700, grantedAt: 1400, remaining: 0, bucketSize: 20, ratePerMs: perMs })).toBeUndefined();
	});
});
