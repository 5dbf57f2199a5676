/**
 * The benchmark's emulator process. `bench/run.ts` forks this file once; it hosts as many
 * emulator instances as the scenarios ask for (each on its own loopback port, so each scenario
 * gets its own fresh limiter in the node: limiters are keyed by base URL) and answers commands
 * over Node's IPC channel. Keeping the emulator out of the bench process means the bench's
 * `process.cpuUsage()` and heap figures are the node's and n8n's, not the emulator's.
 *
 * Commands (all answered `{ id, ok, result | error }`):
 *   start { options }         -> { key, url, commonRoomBaseUrl, teamCommonGroundBaseUrl, tokens }
 *   log { key, service? }     -> compact log entries [service, status, startedAtMs, durationMs][]
 *   contacts { key, prefix }  -> [{ id, upsertCount }] of Common Room contacts whose id starts with prefix
 *   tcgActivities { key, prefix } -> [{ id, message }] of TCG activities whose message starts with prefix
 *   configure { key, options }, reset { key }, stop { key }
 *   cpu                       -> this process's process.cpuUsage() (µs)
 */
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator';

interface Command {
	id: number;
	cmd: string;
	key?: string;
	options?: EmulatorOptions;
	service?: string;
	prefix?: string;
}

const emulators = new Map<string, Emulator>();
let nextKey = 1;

function get(key: string | undefined): Emulator {
	const emulator = key === undefined ? undefined : emulators.get(key);
	if (!emulator) throw new Error(`no emulator ${key}`);
	return emulator;
}

async function handle(command: Command): Promise<unknown> {
	switch (command.cmd) {
		case 'start': {
			const emulator = await startEmulator({ port: 0, quiet: true, ...command.options });
			const key = String(nextKey++);
			emulators.set(key, emulator);
			return {
				key,
				url: emulator.url,
				commonRoomBaseUrl: emulator.commonRoomBaseUrl,
				teamCommonGroundBaseUrl: emulator.teamCommonGroundBaseUrl,
				tokens: emulator.tokens,
			};
		}
		case 'log':
			return get(command.key)
				.log()
				.filter((entry) => !command.service || entry.service === command.service)
				.map((entry) => [entry.service, entry.status, Date.parse(entry.startedAt), entry.durationMs]);
		case 'contacts':
			return get(command.key)
				.state.commonRoom.contacts()
				.filter((contact) => contact.id.startsWith(command.prefix ?? ''))
				.map((contact) => ({ id: contact.id, upsertCount: contact.upsertCount }));
		case 'tcgActivities':
			return get(command.key)
				.state.teamCommonGround.activities()
				.filter((activity) => (activity.message ?? '').startsWith(command.prefix ?? ''))
				.map((activity) => ({ id: activity.id, message: activity.message }));
		case 'configure':
			get(command.key).configure(command.options ?? {});
			return true;
		case 'reset':
			get(command.key).reset();
			return true;
		case 'stop': {
			await get(command.key).stop();
			emulators.delete(command.key as string);
			return true;
		}
		case 'cpu':
			return process.cpuUsage();
		default:
			throw new Error(`unknown command ${command.cmd}`);
	}
}

process.on('message', (command: Command) => {
	handle(command).then(
		(result) => process.send?.({ id: command.id, ok: true, result }),
		(error: unknown) => process.send?.({ id: command.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
	);
});

process.on('disconnect', () => {
	void Promise.all([...emulators.values()].map((emulator) => emulator.stop())).finally(() => process.exit(0));
});

process.send?.({ id: 0, ok: true, result: 'ready' });
