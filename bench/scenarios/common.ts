/**
 * What the Common Room scenarios share: the emulator settings of issue 8 and the
 * "nothing lost or doubled" check against what the emulator stored.
 */
import type { EmulatorOptions } from '../../emulator';
import type { NodeRun } from '../drive';
import type { EmulatorHost, LogEntry, RemoteEmulator } from '../emulators';
import { is429, isAccepted } from '../measure';

/** Common Room as issue 8 describes it: a 20/s token bucket, 150 ms ± 50 ms latency. */
export const CR_LIMIT_PER_SECOND = 20;
export const LATENCY = { fixedMs: 150, jitterMs: 50 };

export function commonRoomEmulator(host: EmulatorHost, overrides: EmulatorOptions['commonRoom'] = {}, latency: EmulatorOptions['latency'] = LATENCY): Promise<RemoteEmulator> {
	return host.start({
		commonRoom: { ratePerSecond: CR_LIMIT_PER_SECOND, sendRateLimitHeaders: true, ...overrides },
		teamCommonGround: { perMinute: null },
		latency,
	});
}

export interface Integrity {
	items: number;
	/** Distinct contacts with the run's ids stored by the emulator. */
	stored: number;
	/** Items with no stored contact. */
	lost: number;
	/** Writes beyond one per contact (an upsert applied twice, e.g. re-sent after a lost answer). */
	duplicates: number;
	/** Error items in the node's output (Continue On Fail). */
	errorItems: number;
	/** 429 answers the emulator sent during the run. */
	received429: number;
	/** Error items that are rate-limit errors: 429s that reached the user. */
	surfaced429: number;
	/** Output items (should equal items: one per input, in order). */
	outputItems: number;
	workflowError?: string;
	/** The first error item's message, when there is one. */
	firstError?: string;
}

export async function contactIntegrity(emulator: RemoteEmulator, prefix: string, run: NodeRun, log: LogEntry[]): Promise<Integrity> {
	const stored = await emulator.contacts(prefix);
	const writes = stored.reduce((sum, contact) => sum + contact.upsertCount, 0);
	return {
		items: run.items,
		stored: stored.length,
		lost: run.items - stored.length,
		duplicates: writes - stored.length,
		errorItems: run.errors.length,
		received429: log.filter(is429).length,
		surfaced429: run.errors429,
		outputItems: run.output.length,
		workflowError: run.workflowError,
		firstError: run.errors[0] ? `${run.errors[0].error}${run.errors[0].description ? ` — ${run.errors[0].description}` : ''}` : undefined,
	};
}

export function acceptedRateBetweenFirstAndLast(log: LogEntry[]): number {
	const accepted = log.filter(isAccepted);
	if (accepted.length < 2) return 0;
	const first = accepted[0].at;
	const last = accepted[accepted.length - 1].at;
	return (accepted.length - 1) / ((last - first) / 1000);
}
