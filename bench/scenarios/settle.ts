/**
 * 4: an unknown limit. Common Room at 10/s sending no rate-limit headers (no X-RateLimit-*,
 * no Retry-After, no `waitMs`; the 429 body still carries `rateLimit.intervalLimit`, as the
 * emulator's v1 429 does). The node starts at the documented 20/s; we measure, from the
 * emulator's log, requests per 1 s window and find when the rate over every later 2 s span stays
 * within 10 % of 10 (see settlePoint in ../measure.ts: ≥ 9/s accepted and ≤ 11/s sent). The
 * stricter 1 s reading is kept beside it (`settleSeconds1s`).
 */
import { contactInput, LimiterSampler, upsertContacts } from '../drive';
import { startBlindProxy } from '../blindProxy';
import type { EmulatorHost } from '../emulators';
import { inFlightPerSecond, is429, isAccepted, perSecond, round, settlePoint } from '../measure';
import { commonRoomEmulator, contactIntegrity, type Integrity } from './common';

export const SETTLE_LIMIT_PER_SECOND = 10;
export const SETTLE_TOLERANCE = 0.1;

export interface SettleResult extends Integrity {
	limitPerSecond: number;
	seconds: number;
	/** null when the rate never stayed within the band until the end of the run. */
	settleSeconds: number | null;
	/** The same over 1 s spans: one request held up across a window boundary breaks it. */
	settleSeconds1s: number | null;
	band: [number, number];
	/** Complete 1 s windows observed after the settle point. */
	windowsAfterSettle: number;
	/** 429s before the settle point, and over the whole run. */
	settle429s: number;
	total429s: number;
	/** Accepted requests/s after the settle point, mean. */
	settledAcceptedPerSecond: number | null;
	series: { sent: number[]; accepted: number[]; rejected429: number[]; inFlightPeak: number[]; limiterRate: number[] };
}

/**
 * `blind`: through bench/blindProxy.ts, which also strips the 429 body's `rateLimit` object, so
 * the limiter has only the 429s themselves (AIMD) to go by. Not part of the default run.
 */
export async function settle(host: EmulatorHost, seconds: number, blind = false): Promise<SettleResult> {
	const emulator = await commonRoomEmulator(host, { ratePerSecond: SETTLE_LIMIT_PER_SECOND, sendRateLimitHeaders: false });
	const proxy = blind ? await startBlindProxy(emulator.url) : undefined;
	const baseUrl = proxy ? proxy.url(emulator.commonRoomBaseUrl) : emulator.commonRoomBaseUrl;
	const prefix = blind ? 'bench-settle-blind-' : 'bench-settle-';
	const n = Math.round(seconds * SETTLE_LIMIT_PER_SECOND);
	try {
		const sampler = new LimiterSampler('commonRoom', baseUrl, emulator.tokens.commonRoom, 250);
		const run = await upsertContacts({ baseUrl, token: emulator.tokens.commonRoom, input: contactInput(prefix, n) });
		sampler.stop();
		const log = await emulator.log('commonRoom');
		const integrity = await contactIntegrity(emulator, prefix, run, log);
		// Windows from the first request's arrival; only complete windows before the last arrival.
		const t0 = log[0]?.at ?? run.startedAt;
		const tLast = log.length ? log[log.length - 1].at : run.endedAt;
		const accepted = perSecond(log, t0, tLast, isAccepted);
		const sent = perSecond(log, t0, tLast);
		const point = settlePoint(accepted, sent, SETTLE_LIMIT_PER_SECOND, SETTLE_TOLERANCE);
		const strict = settlePoint(accepted, sent, SETTLE_LIMIT_PER_SECOND, SETTLE_TOLERANCE, 1);
		const settledAt = point.settleSeconds === null ? Number.POSITIVE_INFINITY : t0 + point.settleSeconds * 1000;
		const after = point.settleSeconds === null ? [] : accepted.slice(point.settleSeconds);
		return {
			...integrity,
			limitPerSecond: SETTLE_LIMIT_PER_SECOND,
			seconds: round(run.seconds, 2),
			settleSeconds: point.settleSeconds,
			settleSeconds1s: strict.settleSeconds,
			band: point.band,
			windowsAfterSettle: point.windowsAfter,
			settle429s: log.filter((entry) => is429(entry) && entry.at < settledAt).length,
			total429s: log.filter(is429).length,
			settledAcceptedPerSecond: after.length ? round(after.reduce((a, b) => a + b, 0) / after.length, 2) : null,
			series: {
				sent,
				accepted,
				rejected429: perSecond(log, t0, tLast, is429),
				inFlightPeak: inFlightPerSecond(log, t0, tLast),
				limiterRate: sampler.perSecond(),
			},
		};
	} finally {
		await proxy?.close();
		await emulator.stop();
	}
}
