/**
 * The re-sync (issue 24): 2,000 contacts sent with Only Send Changes, then the same 2,000 with
 * 20 of them changed, as a nightly sync sends its table again, against the same 20/s Common Room.
 * Both runs are executions of one workflow and node, so the second starts from what the first
 * recorded in n8n's store of processed items (test/deduplicator.ts, as n8n keeps it).
 */
import { processedItems } from '../../test/engine';
import { contactInput, upsertContacts } from '../drive';
import type { EmulatorHost } from '../emulators';
import { round } from '../measure';
import { commonRoomEmulator, contactIntegrity, type Integrity } from './common';

export const RESYNC_CHANGED = 20;
const WORKFLOW_ID = 'bench-resync';

export interface ResyncResult {
	items: number;
	changed: number;
	first: Integrity & { seconds: number; requests: number };
	second: Integrity & { seconds: number; requests: number; unchanged: number };
	/** Second run's wall time ÷ the first's. */
	secondToFirst: number;
	/** CPU (process, user + system) of the second run per item: the look-up of 2,000 records. */
	secondCpuMsPerItem: number;
	/** The node's row in the store after both runs, as n8n stores it (JSON bytes), and per record. */
	storedRowBytes: number;
	storedBytesPerRecord: number;
}

export async function resync(host: EmulatorHost, n: number): Promise<ResyncResult> {
	const emulator = await commonRoomEmulator(host);
	const prefix = 'bench-resync-';
	try {
		const input = contactInput(prefix, n);
		const firstRun = await upsertContacts({ baseUrl: emulator.commonRoomBaseUrl, token: emulator.tokens.commonRoom, input, onlySendChanges: true, workflowId: WORKFLOW_ID });
		const firstLog = await emulator.log('commonRoom');
		const changedInput = input.map((item, i) => (i % (n / RESYNC_CHANGED) === 0 ? { json: { ...item.json, title: 'Manager' } } : item));
		const secondStartedAt = Date.now();
		const cpuBefore = process.cpuUsage();
		const secondRun = await upsertContacts({ baseUrl: emulator.commonRoomBaseUrl, token: emulator.tokens.commonRoom, input: changedInput, onlySendChanges: true, workflowId: WORKFLOW_ID });
		const cpu = process.cpuUsage(cpuBefore);
		const secondLog = (await emulator.log('commonRoom')).filter((entry) => entry.at >= secondStartedAt);
		const rowBytes = processedItems.rowBytes(WORKFLOW_ID, 'commonRoom');
		return {
			items: n,
			changed: changedInput.filter((item) => item.json.title === 'Manager').length,
			first: { ...(await contactIntegrity(emulator, prefix, firstRun, firstLog)), seconds: round(firstRun.seconds, 2), requests: firstLog.length },
			second: {
				...(await contactIntegrity(emulator, prefix, secondRun, secondLog)),
				seconds: round(secondRun.seconds, 3),
				requests: secondLog.length,
				unchanged: secondRun.output.filter((item) => item.json.status === 'unchanged').length,
			},
			secondToFirst: round(secondRun.seconds / firstRun.seconds, 4),
			secondCpuMsPerItem: round((cpu.user + cpu.system) / 1000 / n, 3),
			storedRowBytes: rowBytes,
			storedBytesPerRecord: round(rowBytes / n, 1),
		};
	} finally {
		await emulator.stop();
	}
}
