/**
 * 7: Team Common Ground Activity > Create at its per-minute limit (120/min, announced in
 * X-RateLimit-Limit), with the same 150 ± 50 ms latency as Common Room. The emulator's bucket
 * starts full (120), so a client that ignored the limit could burst; the node paces from the
 * first request, so its rate is its own pacing.
 */
import { createActivities } from '../drive';
import type { EmulatorHost } from '../emulators';
import { is429, isAccepted, round } from '../measure';
import { LATENCY } from './common';

export const TCG_LIMIT_PER_MINUTE = 120;

export interface TcgResult {
	items: number;
	seconds: number;
	achievedPerMinute: number;
	/** Items / wall time of the execution ÷ limit (at small N this includes a +1/N fencepost). */
	ratioToLimit: number;
	/** (accepted − 1) / (last − first arrival) ÷ limit: the pace while sending. */
	sendingRatioToLimit: number;
	stored: number;
	lost: number;
	duplicates: number;
	errorItems: number;
	received429: number;
	surfaced429: number;
	workflowError?: string;
	firstError?: string;
}

export async function teamCommonGround(host: EmulatorHost, n: number): Promise<TcgResult> {
	const emulator = await host.start({
		commonRoom: { ratePerSecond: null },
		teamCommonGround: { perMinute: TCG_LIMIT_PER_MINUTE, sendRateLimitHeaders: true },
		latency: LATENCY,
	});
	const prefix = 'bench-tcg-';
	try {
		const run = await createActivities({ baseUrl: emulator.teamCommonGroundBaseUrl, apiKey: emulator.tokens.teamCommonGround, prefix, count: n });
		const log = await emulator.log('teamCommonGround');
		const stored = await emulator.tcgActivities(prefix);
		const distinct = new Set(stored.map((activity) => activity.message)).size;
		const perMinute = (n / run.seconds) * 60;
		const accepted = log.filter(isAccepted);
		const span = accepted.length > 1 ? (accepted[accepted.length - 1].at - accepted[0].at) / 60_000 : 0;
		const sendingPerMinute = span > 0 ? (accepted.length - 1) / span : 0;
		return {
			items: n,
			seconds: round(run.seconds, 2),
			achievedPerMinute: round(perMinute, 2),
			ratioToLimit: round(perMinute / TCG_LIMIT_PER_MINUTE),
			sendingRatioToLimit: round(sendingPerMinute / TCG_LIMIT_PER_MINUTE),
			stored: distinct,
			lost: n - distinct,
			duplicates: stored.length - distinct,
			errorItems: run.errors.length,
			received429: log.filter(is429).length,
			surfaced429: run.errors429,
			workflowError: run.workflowError,
			firstError: run.errors[0] ? `${run.errors[0].error}` : undefined,
		};
	} finally {
		await emulator.stop();
	}
}
