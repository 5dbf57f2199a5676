// Local emulator of the Common Room v1 API and the Team Common Ground Activity API, for tests,
// the benchmark and the demo (no internet). See emulator/README.md.
import { CommonRoomService } from './commonroom/routes';
import { seedBulk } from './commonroom/v2/bulk';
import { CommonRoomWebhooks } from './commonroom/webhooks';
import { createControlHandler, type ControlTarget } from './control';
import { LLM_BASE_PATH, ScriptedLlm } from './llm/service';
import { loadSeed, type Seed, type SeedData } from './seed';
import { EmulatorServer } from './server';
import { TeamCommonGroundService } from './teamcommonground/routes';
import type { Emulator, EmulatorOptions, FaultSpec, FaultTarget } from './types';

export type * from './types';
export type { SeedData } from './seed';
export type { ApiTag, StoredActivity, StoredContact, SegmentMember } from './commonroom/store';
export type { StoredClient, StoredMapping, StoredTcgActivity, SkippedTcgRequest } from './teamcommonground/store';
export { DEFAULT_SEED_PATH, loadSeed } from './seed';
export { WEBHOOK_EVENTS } from './commonroom/webhookPayloads';
export { SECRET_HEADER as WEBHOOK_SECRET_HEADER } from './commonroom/webhookDelivery';

const copy = <T>(value: T): T => structuredClone(value);

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const host = options.host ?? '127.0.0.1';
	let seedInput: SeedData | string | undefined = options.seed;
	let seed: Seed = loadSeed(seedInput);
	const commonRoom = new CommonRoomService(seed, options.commonRoom);
	const teamCommonGround = new TeamCommonGroundService(seed, options.teamCommonGround);
	const webhooks = new CommonRoomWebhooks(() => commonRoom.store);
	webhooks.deliverer.configure(options.webhooks ?? {}); // before load: allowRemoteHosts decides which seed URLs pass
	webhooks.load(seed.commonRoom);
	commonRoom.onEvent = (event) => webhooks.onApiEvent(event);

	// The control handler is created further down (it needs the functions below); the server only
	// calls it once requests arrive.
	const server = new EmulatorServer([commonRoom, commonRoom.v2, teamCommonGround], (...args) => handleControl(...args));
	const llm = new ScriptedLlm(); // the OpenAI-compatible LLM test double (emulator/llm)
	server.raw.push(llm);
	const configure = (update: Partial<EmulatorOptions>): void => {
		if (update.commonRoom) commonRoom.configure(update.commonRoom);
		if (update.teamCommonGround) teamCommonGround.configure(update.teamCommonGround);
		if (update.latency !== undefined) server.latency = update.latency ?? undefined;
		if (update.quiet !== undefined) server.quiet = update.quiet;
		if (update.webhooks) webhooks.deliverer.configure(update.webhooks);
	};
	const reset = (newSeed?: SeedData | string): void => {
		// A new seed becomes the baseline later resets return to (README "Programmatic API").
		const next = loadSeed(newSeed ?? seedInput); // throws before anything changes
		if (newSeed !== undefined) seedInput = newSeed;
		// Webhooks first: a seed URL they refuse throws before anything changes. Pending retries are cancelled.
		webhooks.load(next.commonRoom);
		seed = next;
		commonRoom.reset(seed);
		teamCommonGround.reset(seed);
		server.faults.clear();
		server.log.clear();
		llm.reset();
	};
	const injectFaults = (target: FaultTarget, ...faults: FaultSpec[]): void => server.faults.inject(target, faults);
	const clearFaults = (): void => server.faults.clear();
	const restart = async (downMs = 0): Promise<void> => {
		// Data, faults and the log stay: a real service restarting keeps its data.
		const port = server.port;
		await server.close();
		if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
		await server.listen(port, host);
	};
	const state: Emulator['state'] = {
		commonRoom: {
			contacts: () => copy(commonRoom.store.allContacts()),
			activities: () => copy(commonRoom.store.allActivities()),
			tags: () => copy(commonRoom.store.tags.all()),
			segmentMembers: (segmentId) => copy(commonRoom.store.segmentMembers(segmentId)),
			deletionRequests: () => commonRoom.store.deletionRequests(),
		},
		teamCommonGround: {
			activities: () => copy([...teamCommonGround.store.activities.values()]),
			clients: () => copy([...teamCommonGround.store.clients.values()]),
			mappings: () => copy(teamCommonGround.store.mappings),
			skipped: () => copy(teamCommonGround.store.skipped),
		},
	};
	const tokens = () => ({ commonRoom: seed.commonRoom.tokens[0].token, teamCommonGround: seed.teamCommonGround.keys[0].key });

	const control: ControlTarget = {
		info: () => ({
			url: emulator.url,
			commonRoomBaseUrl: emulator.commonRoomBaseUrl,
			commonRoomV2BaseUrl: emulator.commonRoomV2BaseUrl,
			teamCommonGroundBaseUrl: emulator.teamCommonGroundBaseUrl,
			llmBaseUrl: `${emulator.url}${LLM_BASE_PATH}`,
			tokens: tokens(),
			commonRoom: commonRoom.currentLimits(),
			teamCommonGround: teamCommonGround.currentLimits(),
			latency: server.latency ?? null,
			webhooks: webhooks.deliverer.policy,
		}),
		reset: (newSeed) => reset(newSeed as SeedData | string | undefined),
		configure,
		injectFaults,
		clearFaults,
		pendingFaults: () => server.faults.pending(),
		stateSnapshot: () => ({
			commonRoom: {
				contacts: state.commonRoom.contacts(),
				activities: state.commonRoom.activities(),
				tags: state.commonRoom.tags(),
				segments: Object.fromEntries(seed.commonRoom.segments.map((s) => [s.id, state.commonRoom.segmentMembers(s.id)])),
				deletionRequests: state.commonRoom.deletionRequests(),
			},
			teamCommonGround: {
				activities: state.teamCommonGround.activities(),
				clients: state.teamCommonGround.clients(),
				mappings: state.teamCommonGround.mappings(),
				skipped: state.teamCommonGround.skipped(),
			},
		}),
		log: () => server.log.all(),
		clearLog: () => server.log.clear(),
		restart,
		webhooks,
		commonRoomBulk: (input) => seedBulk(commonRoom.store, input),
		addCommonRoomCustomField: (field) => commonRoom.store.addCustomField(field),
	};

	const handleControl = createControlHandler(control);
	server.quiet = options.quiet ?? true;
	server.latency = options.latency ?? undefined;
	const port = await server.listen(options.port ?? 0, host);
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	const emulator: Emulator = {
		url,
		port,
		commonRoomBaseUrl: `${url}${commonRoom.basePath}`,
		commonRoomV2BaseUrl: `${url}${commonRoom.v2.basePath}`,
		teamCommonGroundBaseUrl: `${url}${teamCommonGround.basePath}`,
		get tokens() {
			return tokens();
		},
		configure,
		reset,
		injectFaults,
		clearFaults,
		restart,
		stop: () => {
			webhooks.stop(); // pending retries and open deliveries end with the emulator
			return server.close();
		},
		log: () => server.log.all(),
		clearLog: () => server.log.clear(),
		state,
		webhooks,
	};
	return emulator;
}
