/**
 * Parent side of bench/emulatorHost.ts: forks the emulator process and talks to it over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import type { EmulatorOptions } from '../emulator';

/** One request as the emulator logged it. */
export interface LogEntry {
	service: string;
	status: number | 'reset' | 'hang';
	/** Epoch ms the request arrived at the emulator. */
	at: number;
	durationMs: number;
}

export interface RemoteEmulator {
	url: string;
	commonRoomBaseUrl: string;
	teamCommonGroundBaseUrl: string;
	tokens: { commonRoom: string; teamCommonGround: string };
	log(service?: 'commonRoom' | 'teamCommonGround'): Promise<LogEntry[]>;
	contacts(prefix: string): Promise<Array<{ id: string; upsertCount: number }>>;
	tcgActivities(prefix: string): Promise<Array<{ id: string; message: string | null }>>;
	configure(options: Partial<EmulatorOptions>): Promise<void>;
	stop(): Promise<void>;
}

export interface EmulatorHost {
	start(options: EmulatorOptions): Promise<RemoteEmulator>;
	/** The emulator process's own CPU time (µs), to report its cost separately. */
	cpuUsage(): Promise<NodeJS.CpuUsage>;
	close(): Promise<void>;
}

interface Reply {
	id: number;
	ok: boolean;
	result?: unknown;
	error?: string;
}

export async function startEmulatorHost(): Promise<EmulatorHost> {
	const child: ChildProcess = fork(join(__dirname, 'emulatorHost.ts'), [], {
		execArgv: ['-r', 'ts-node/register/transpile-only'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		serialization: 'advanced',
	});
	const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
	let nextId = 1;
	const ready = new Promise<void>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`emulator process exited (${code})`)));
		child.on('message', (reply: Reply) => {
			if (reply.id === 0) return resolve();
			const waiter = pending.get(reply.id);
			if (!waiter) return;
			pending.delete(reply.id);
			if (reply.ok) waiter.resolve(reply.result);
			else waiter.reject(new Error(reply.error));
		});
	});
	await ready;
	child.removeAllListeners('exit');
	child.on('exit', (code) => {
		for (const waiter of pending.values()) waiter.reject(new Error(`emulator process exited (${code})`));
		pending.clear();
	});

	const call = <T>(message: Record<string, unknown>): Promise<T> =>
		new Promise<T>((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			child.send({ id, ...message });
		});

	return {
		async start(options) {
			const info = await call<{
				key: string;
				url: string;
				commonRoomBaseUrl: string;
				teamCommonGroundBaseUrl: string;
				tokens: { commonRoom: string; teamCommonGround: string };
			}>({ cmd: 'start', options });
			const { key } = info;
			return {
				url: info.url,
				commonRoomBaseUrl: info.commonRoomBaseUrl,
				teamCommonGroundBaseUrl: info.teamCommonGroundBaseUrl,
				tokens: info.tokens,
				async log(service) {
					const rows = await call<Array<[string, LogEntry['status'], number, number]>>({ cmd: 'log', key, service });
					return rows
						.map(([svc, status, at, durationMs]) => ({ service: svc, status, at, durationMs }))
						.sort((a, b) => a.at - b.at);
				},
				contacts: (prefix) => call({ cmd: 'contacts', key, prefix }),
				tcgActivities: (prefix) => call({ cmd: 'tcgActivities', key, prefix }),
				configure: (options) => call({ cmd: 'configure', key, options }),
				stop: () => call({ cmd: 'stop', key }),
			};
		},
		cpuUsage: () => call({ cmd: 'cpu' }),
		close: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.disconnect();
			}),
	};
}
