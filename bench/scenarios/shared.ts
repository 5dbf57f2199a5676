/**
 * 5: one limiter for the process. Two executions of the node start at the same moment with the
 * same credential (same token, same base URL) against a 20/s Common Room. Summed rate = every
 * request the emulator received from the two (accepted or 429), from the first arrival to the
 * last, per second, ÷ 20: had each execution its own limiter it would be ~2 (and a storm of
 * 429s). The client-side overlap figure (which also counts both prepare phases) is kept too.
 */
import { contactInput, upsertContacts } from '../drive';
import type { EmulatorHost } from '../emulators';
import { inFlightPerSecond, is429, isAccepted, perSecond, rateBetween, round } from '../measure';
import { commonRoomEmulator, contactIntegrity, CR_LIMIT_PER_SECOND, type Integrity } from './common';

export interface SharedResult {
	itemsEach: number;
	/** First to last request arrival at the emulator (both executions). */
	sendingSeconds: number;
	/** Requests (any status) per second over that span: (requests − 1) / span. */
	sentPerSecond: number;
	acceptedPerSecond: number;
	sumToLimit: number;
	acceptedToLimit: number;
	/** Both executions running, client side: [later start, earlier end] (includes their prepare phases). */
	overlapSeconds: number;
	overlapSentPerSecond: number;
	/** Each execution's items / its wall time. */
	executionPerSecond: [number, number];
	received429: number;
	executions: [Integrity, Integrity];
	/** Per 1 s window from the first request's arrival. */
	series: { sent: number[]; rejected429: number[]; inFlightPeak: number[] };
}

export async function shared(host: EmulatorHost, itemsEach: number): Promise<SharedResult> {
	const emulator = await commonRoomEmulator(host);
	const prefixes = ['bench-shared-a-', 'bench-shared-b-'] as const;
	try {
		const runs = await Promise.all(
			prefixes.map((prefix) =>
				upsertContacts({ baseUrl: emulator.commonRoomBaseUrl, token: emulator.tokens.commonRoom, input: contactInput(prefix, itemsEach) }),
			),
		);
		const log = await emulator.log('commonRoom');
		const first = log[0]?.at ?? 0;
		const last = log[log.length - 1]?.at ?? 0;
		const span = (last - first) / 1000;
		const sent = span > 0 ? (log.length - 1) / span : 0;
		const acceptedCount = log.filter(isAccepted).length;
		const accepted = span > 0 ? (acceptedCount - 1) / span : 0;
		const from = Math.max(runs[0].startedAt, runs[1].startedAt);
		const to = Math.min(runs[0].endedAt, runs[1].endedAt);
		const [a, b] = await Promise.all(prefixes.map((prefix, i) => contactIntegrity(emulator, prefix, runs[i], [])));
		return {
			itemsEach,
			sendingSeconds: round(span, 2),
			sentPerSecond: round(sent, 2),
			acceptedPerSecond: round(accepted, 2),
			sumToLimit: round(sent / CR_LIMIT_PER_SECOND),
			acceptedToLimit: round(accepted / CR_LIMIT_PER_SECOND),
			overlapSeconds: round((to - from) / 1000, 2),
			overlapSentPerSecond: round(rateBetween(log, from, to), 2),
			executionPerSecond: [round(itemsEach / runs[0].seconds, 2), round(itemsEach / runs[1].seconds, 2)],
			received429: log.filter(is429).length,
			executions: [a, b],
			series: {
				sent: perSecond(log, first, last),
				rejected429: perSecond(log, first, last, is429),
				inFlightPeak: inFlightPerSecond(log, first, last),
			},
		};
	} finally {
		await emulator.stop();
	}
}
