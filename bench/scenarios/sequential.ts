/**
 * 2: the sequential baseline. The same node at Max Concurrency 1, i.e. one request at a time as
 * n8n's HTTP Request node sends by default, against the same 20/s, 150 ± 50 ms Common Room.
 * A rate, so measured on fewer items than the throughput run.
 */
import { contactInput, upsertContacts } from '../drive';
import type { EmulatorHost } from '../emulators';
import { round } from '../measure';
import { commonRoomEmulator, contactIntegrity, type Integrity } from './common';

export interface SequentialResult extends Integrity {
	seconds: number;
	achievedPerSecond: number;
	/** Mean time per item (request latency + the node's own overhead). */
	msPerItem: number;
}

export async function sequential(host: EmulatorHost, n: number): Promise<SequentialResult> {
	const emulator = await commonRoomEmulator(host);
	const prefix = 'bench-sequential-';
	try {
		const run = await upsertContacts({
			baseUrl: emulator.commonRoomBaseUrl,
			token: emulator.tokens.commonRoom,
			input: contactInput(prefix, n),
			maxConcurrency: 1,
		});
		const log = await emulator.log('commonRoom');
		return {
			...(await contactIntegrity(emulator, prefix, run, log)),
			seconds: round(run.seconds, 2),
			achievedPerSecond: round(n / run.seconds, 2),
			msPerItem: round((run.seconds * 1000) / n, 1),
		};
	} finally {
		await emulator.stop();
	}
}
