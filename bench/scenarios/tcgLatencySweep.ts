/**
 * Issue 15 for Team Common Ground: Activity > Create with the node's default options at its
 * per-minute limit (120/min, announced in X-RateLimit-Limit), with a request latency of 50, 150,
 * 800 and 2,000 ms (± 30 %). At 2 requests/s the four runs are light, so they go side by side, beside the
 * Common Room sweep. Reported per latency: accepted requests between the first and the last
 * accepted arrival ÷ the limit, 429s as a share of requests, and what was lost or doubled.
 * Goals as Common Room's: ratioToLimit ≥ 0.97, 429s ≤ 1 %, lost / duplicates / surfaced 0.
 */
import { createActivities } from '../drive';
import type { EmulatorHost } from '../emulators';
import { is429, isAccepted, round } from '../measure';
import { SWEEP_LATENCIES_MS } from './latencySweep';
import { TCG_LIMIT_PER_MINUTE } from './teamCommonGround';

const JITTER = 0.3;

export interface TcgLatencyRun {
	latencyMs: number;
	seconds: number;
	ratioToLimit: number;
	share429: number;
	requests: number;
	lost: number;
	duplicates: number;
	surfaced429: number;
	errorItems: number;
}

async function atLatency(host: EmulatorHost, latencyMs: number, n: number): Promise<TcgLatencyRun> {
	const emulator = await host.start({
		commonRoom: { ratePerSecond: null },
		teamCommonGround: { perMinute: TCG_LIMIT_PER_MINUTE, sendRateLimitHeaders: true },
		latency: { fixedMs: latencyMs, jitterMs: Math.round(latencyMs * JITTER) },
	});
	const prefix = `bench-tcg-latency-${latencyMs}-`;
	try {
		// One activity first, as any earlier execution in a long-running n8n would: Team Common Ground
		// documents no limit, so a new limiter starts at a cautious 60/min until the first answer
		// announces 120/min. At 2,000 ms that first round trip alone costs 5 % of a 20 s run; it is
		// paid once per n8n process and credential, not per execution (limiterRegistry.ts).
		await createActivities({ baseUrl: emulator.teamCommonGroundBaseUrl, apiKey: emulator.tokens.teamCommonGround, prefix: `warm-${prefix}`, count: 1 });
		const since = Date.now();
		const run = await createActivities({ baseUrl: emulator.teamCommonGroundBaseUrl, apiKey: emulator.tokens.teamCommonGround, prefix, count: n });
		const log = (await emulator.log('teamCommonGround')).filter((entry) => entry.at >= since);
		const stored = await emulator.tcgActivities(prefix);
		const distinct = new Set(stored.map((activity) => activity.message)).size;
		const accepted = log.filter(isAccepted);
		const spanMinutes = accepted.length > 1 ? (accepted[accepted.length - 1].at - accepted[0].at) / 60_000 : 0;
		const perMinute = spanMinutes > 0 ? (accepted.length - 1) / spanMinutes : 0;
		return {
			latencyMs,
			seconds: round(run.seconds, 2),
			ratioToLimit: round(perMinute / TCG_LIMIT_PER_MINUTE),
			share429: round(log.filter(is429).length / Math.max(1, log.length), 4),
			requests: log.length,
			lost: n - distinct,
			duplicates: stored.length - distinct,
			surfaced429: run.errors429,
			errorItems: run.errors.length,
		};
	} finally {
		await emulator.stop();
	}
}

export async function tcgLatencySweep(host: EmulatorHost, n: number, log: (line: string) => void): Promise<TcgLatencyRun[]> {
	log(`Team Common Ground latency sweep: ${n} activities at each of ${SWEEP_LATENCIES_MS.join(', ')} ms (± ${JITTER * 100} %), ${TCG_LIMIT_PER_MINUTE}/min, side by side`);
	const runs = await Promise.all(SWEEP_LATENCIES_MS.map((latencyMs) => atLatency(host, latencyMs, n)));
	return runs.sort((a, b) => a.latencyMs - b.latencyMs);
}
