/**
 * Engine tests of the Common Room node: the node runs in n8n-core's WorkflowExecute (test/engine.ts)
 * against the emulator over HTTP; tests assert on what the emulator stored and logged.
 */
import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startEmulator, type Emulator, type EmulatorOptions, type RequestLogEntry } from '../../../emulator';
import { node, runWorkflow, type RunResult } from '../../engine';

export const SOURCE_ID = '12345';
export const WAREHOUSE_SOURCE_ID = '23456';

/**
 * Starts one emulator for the file and resets it before each test. Its rate limit is set high
 * (not off) unless asked otherwise: the emulator announces its limit in X-RateLimit-Limit only
 * when it has one, and the shared transport paces at Common Room's documented 20/s until a
 * server announces more, so a high announced limit is what keeps bulk tests fast.
 */
export function useEmulator(options: EmulatorOptions = {}): () => Emulator {
	let emulator: Emulator | undefined;
	beforeAll(async () => {
		emulator = await startEmulator({
			port: 0,
			quiet: true,
			...options,
			commonRoom: { ratePerSecond: 10_000, ...options.commonRoom },
		});
	});
	beforeEach(() => emulator?.reset());
	afterAll(async () => {
		await emulator?.stop();
	});
	return () => {
		if (!emulator) throw new Error('emulator not started');
		return emulator;
	};
}

export interface RunOptions {
	input?: IDataObject[];
	continueOnFail?: boolean;
	token?: string;
	nodeExtra?: Partial<INode>;
}

export async function runCommonRoom(
	emulator: Emulator,
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<RunResult & { items: () => INodeExecutionData[] }> {
	const extra: Partial<INode> = { ...(options.nodeExtra ?? {}) };
	if (options.continueOnFail) extra.onError = 'continueRegularOutput';
	const result = await runWorkflow({
		nodes: [node('commonRoom', parameters, extra)],
		input: (options.input ?? [{}]).map((json) => ({ json })),
		credentials: {
			commonRoomApi: {
				apiToken: options.token ?? emulator.tokens.commonRoom,
				baseUrl: emulator.commonRoomBaseUrl,
			},
		},
	});
	return { ...result, items: () => result.output('Common Room') };
}

/** Requests the emulator received, optionally filtered by method and path substring. */
export function requests(emulator: Emulator, method?: string, pathIncludes?: string): RequestLogEntry[] {
	return emulator
		.log()
		.filter((entry) => entry.service === 'commonRoom')
		.filter((entry) => !method || entry.method === method)
		.filter((entry) => !pathIncludes || entry.path.includes(pathIncludes));
}

export function contactOf(emulator: Emulator, email: string, sourceId = SOURCE_ID) {
	return emulator.state.commonRoom
		.contacts()
		.find((contact) => contact.id === email && String(contact.sourceId) === sourceId);
}

/** Custom field values of a stored contact, by field name. */
export function customValues(contact: { customFields: Record<string, { name: string; value: unknown }> } | undefined) {
	return Object.fromEntries(Object.values(contact?.customFields ?? {}).map((field) => [field.name, field.value]));
}
