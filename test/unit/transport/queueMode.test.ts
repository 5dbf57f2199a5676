/**
 * n8n's queue mode on a fake clock: k worker processes, each with its own limiter (nothing is
 * shared between processes), against ONE Common Room token bucket of 20/s with 150 ± 45 ms
 * latency. Before the shared pacing (sharedToken.ts) the same runs measured 8 % of requests
 * refused with 429 at k = 2, 19 % at k = 4 and 36 % at k = 8.
 */
import { simulate, type ServerModel } from './simulation';

const bucket = (latencyMs: number): ServerModel => ({
	limit: 20,
	intervalMs: 1000,
	headers: true,
	bodyLimit: true,
	latencyMs,
	latencySpreadMs: latencyMs * 0.3,
});

async function queueRun(k: number, latencyMs: number, seed: number) {
	// Four executions of 500 contacts (eight of 250 at k = 8), spread over the workers as n8n's queue does.
	const count = Math.max(4, k);
	const executions = Array.from({ length: count }, (_, i) => ({ items: 2000 / count, workers: 100, process: i % k }));
	const run = await simulate({ service: 'commonRoom', server: bucket(latencyMs), executions, seed, limitMs: 1_200_000 });
	const completed = run.executions.reduce((sum, execution) => sum + execution.completions.length, 0);
	const errors = run.executions.flatMap((execution) => execution.errors);
	const requests = run.serverAccepted.length + run.server429s;
	return {
		completed,
		errors,
		accepted: run.serverAccepted.length,
		ratio: completed / ((run.end - run.start) / 1000) / 20,
		share429: run.server429s / requests,
		limiters: run.limiters.size,
	};
}

describe('queue mode: k processes, one token (simulated)', () => {
	it.each([
		[2, 0.03, 1],
		[2, 0.03, 2],
		[4, 0.05, 1],
		[4, 0.05, 2],
	])('k = %i: together 0.95 – 1.0 of the limit, 429s ≤ %d of requests, nothing failed, lost or sent twice (seed %i)', async (k, most429, seed) => {
		const run = await queueRun(k, 150, seed);
		expect(run.limiters).toBe(k);
		expect(run.errors).toEqual([]);
		expect(run.completed).toBe(2000);
		expect(run.accepted).toBe(2000); // every item stored once: nothing lost, nothing doubled
		expect(run.ratio).toBeGreaterThanOrEqual(0.95);
		expect(run.ratio).toBeLessThanOrEqual(1.01);
		expect(run.share429).toBeLessThanOrEqual(most429);
	});

	it('k = 8: still at the limit, a few percent refused (the first second, before the processes have noticed each other)', async () => {
		const run = await queueRun(8, 150, 1);
		expect(run.errors).toEqual([]);
		expect(run.accepted).toBe(2000);
		expect(run.ratio).toBeGreaterThanOrEqual(0.93);
		expect(run.share429).toBeLessThanOrEqual(0.08);
	});

	it('at 800 ms latency, k = 2 and 4 stay above 0.93 of the limit with ≤ 6 % refused', async () => {
		for (const k of [2, 4]) {
			const run = await queueRun(k, 800, 1);
			expect({ k, errors: run.errors, accepted: run.accepted }).toEqual({ k, errors: [], accepted: 2000 });
			expect(run.ratio).toBeGreaterThanOrEqual(0.93);
			expect(run.share429).toBeLessThanOrEqual(0.06);
		}
	});

	it('one process alone is unchanged: at the limit, no 429 at all', async () => {
		const run = await queueRun(1, 150, 1);
		expect(run.share429).toBe(0);
		expect(run.ratio).toBeGreaterThanOrEqual(0.98);
	});
});
