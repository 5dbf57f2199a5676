// Shared setup for the Team Common Ground node's engine tests: an emulator over real HTTP and a
// node factory with the parameters a user would leave at their defaults.
import type { INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startEmulator, type Emulator, type EmulatorOptions, type StoredTcgActivity } from '../../../emulator';
import { node, runWorkflow, type RunResult } from '../../engine';

export const NODE_NAME = 'Team Common Ground';
export const DEMO_KEY = 'tcg_demo_key_7d3e9f1a2b4c';
export const OFFICE_ONLY_KEY = 'tcg_office_only_key_5e6f7a8b';

/** An emulator for tests: random port, quiet, no rate limit unless a test asks for one. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	return startEmulator({
		port: 0,
		quiet: true,
		...options,
		commonRoom: { ratePerSecond: null, ...options.commonRoom },
		// A very high limit rather than none: its X-RateLimit-Limit header teaches the node's shared
		// limiter the real rate at once (with no header it keeps its cautious 1 request/s start).
		teamCommonGround: { perMinute: 600_000, ...options.teamCommonGround },
	});
}

/** A Team Common Ground node; `name` lets several run in one chained workflow. */
export function tcgNode(parameters: INodeParameters, name = NODE_NAME, extra: Partial<INode> = {}): INode {
	return node('teamCommonGround', parameters, { name, id: name, ...extra });
}

/** Activity → Create with the given fields. */
export function createParams(fields: INodeParameters = {}): INodeParameters {
	return { resource: 'activity', operation: 'create', ...fields };
}

export async function run(
	emulator: Emulator,
	nodes: INode[],
	input: INodeExecutionData[] = [{ json: {} }],
	apiKey = emulator.tokens.teamCommonGround,
): Promise<RunResult> {
	return await runWorkflow({
		nodes,
		input,
		credentials: { teamCommonGroundApi: { apiKey, baseUrl: emulator.teamCommonGroundBaseUrl } },
	});
}

export function storedById(emulator: Emulator, id: unknown): StoredTcgActivity {
	const found = emulator.state.teamCommonGround.activities().find((activity) => activity.id === id);
	if (!found) throw new Error(`activity ${String(id)} was not stored`);
	return found;
}

/** Activities this test created (seeded ones have no payload). */
export function created(emulator: Emulator): StoredTcgActivity[] {
	return emulator.state.teamCommonGround.activities().filter((activity) => activity.payload !== undefined);
}

export function activityRequests(emulator: Emulator) {
	return emulator.log().filter((entry) => entry.service === 'teamCommonGround');
}
