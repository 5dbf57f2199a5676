// @ts-check
// Child processes of the driver scripts: their environment, a command run to completion into a
// log file, the output of a long-lived child split into lines, and ProcessGroup, which stops every
// child (and its children) however the script ends.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { SetupError, c, seconds } from './console.mjs';

/** @typedef {import('node:child_process').ChildProcess} ChildProcess */

/**
 * Environment for child processes: the parent's, without what npm exports into scripts
 * (npm_config_*, npm_package_*, ...), which would otherwise change how the nested npm commands
 * and n8n behave (e.g. ignore-scripts from this repository's .npmrc).
 * @param {Record<string, string>} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
export function baseEnv(extra = {}) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE_OPTIONS' || key === 'NODE_ENV') continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

/**
 * Runs a command to completion, its output into logFile (appended), printing a progress line
 * every `every` ms (with `progress()`'s text) so a long install never looks stuck.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, logFile: string, label: string, progress?: () => string, every?: number }} options
 * @returns {Promise<void>}
 */
export function runLogged(command, args, { cwd, env, logFile, label, progress, every = 15000 }) {
	return new Promise((resolve, reject) => {
		fs.mkdirSync(path.dirname(logFile), { recursive: true });
		const log = fs.openSync(logFile, 'a');
		fs.writeSync(log, `\n$ ${command} ${args.join(' ')}   (cwd ${cwd}, ${new Date().toISOString()})\n`);
		const started = Date.now();
		const child = spawn(command, args, { cwd, env: env ?? baseEnv(), stdio: ['ignore', log, log] });
		const timer = setInterval(() => {
			const extra = progress ? `, ${progress()}` : '';
			console.log(`  ${c.dim('…')} ${label}: ${seconds(Date.now() - started)}${extra}`);
		}, every);
		/** @param {Error | null} error @param {number} [code] */
		const finish = (error, code) => {
			clearInterval(timer);
			fs.closeSync(log);
			if (error) return reject(error);
			if (code !== 0) {
				const tail = tailOf(logFile, 25);
				return reject(
					new SetupError(`${label} failed (exit ${code}). Last lines of ${logFile}:\n${tail}`),
				);
			}
			resolve();
		};
		child.on('error', (error) => finish(error));
		child.on('exit', (code, signal) => finish(null, code ?? (signal ? 128 : 1)));
	});
}

/**
 * The last `lines` lines of a file, or "(no log)".
 * @param {string} file
 * @param {number} lines
 */
export function tailOf(file, lines) {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * Pipes a child's output into a log file and, optionally, the terminal with a prefix.
 * @param {ChildProcess} child started with stdout and stderr piped
 * @param {string} logFile
 * @param {string | false} echo the prefix of the lines echoed, or false for none
 * @param {(line: string) => boolean} [filter] which lines are echoed
 */
export function pipeOutput(child, logFile, echo, filter = () => true) {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const log = fs.createWriteStream(logFile, { flags: 'a' });
	/** @type {string[]} */
	const lines = [];
	/** @type {Array<(line: string) => void>} */
	const listeners = [];
	for (const stream of [child.stdout, child.stderr]) {
		let buffer = '';
		stream?.on('data', (chunk) => {
			log.write(chunk);
			buffer += chunk;
			let index;
			while ((index = buffer.indexOf('\n')) >= 0) {
				const line = buffer.slice(0, index);
				buffer = buffer.slice(index + 1);
				lines.push(line);
				for (const l of listeners) l(line);
				if (echo && filter(line)) console.log(`${echo}${line}`);
			}
		});
	}
	/** @param {(line: string) => void} fn */
	const onLine = (fn) => listeners.push(fn);
	return { lines, onLine };
}

/** @typedef {{ name: string, child: ChildProcess, graceMs: number }} GroupEntry */

/**
 * Children of a driver script. Each is started in its own process group so that Ctrl-C reaches
 * only the driver, which then stops them in order (SIGTERM to the group, SIGKILL after a grace
 * period): nothing is left behind.
 */
export class ProcessGroup {
	constructor() {
		/** @type {GroupEntry[]} */
		this.children = [];
		/** @type {Promise<void> | null} */
		this.stopping = null;
	}

	/**
	 * @template {ChildProcess} T
	 * @param {string} name
	 * @param {T} child
	 * @returns {T}
	 */
	add(name, child, graceMs = 20000) {
		this.children.push({ name, child, graceMs });
		return child;
	}

	/** @param {string} name */
	async stop(name) {
		const entry = this.children.find((e) => e.name === name);
		if (entry) {
			await stopChild(entry);
			this.children = this.children.filter((e) => e !== entry);
		}
	}

	/** Stops the children, last started first. */
	stopAll() {
		if (!this.stopping) {
			this.stopping = (async () => {
				for (const entry of [...this.children].reverse()) await stopChild(entry);
				this.children = [];
			})();
		}
		return this.stopping;
	}

	/**
	 * Ctrl-C / SIGTERM / SIGHUP: stop the children, then exit. A second Ctrl-C kills them at once.
	 * @param {(signal: NodeJS.Signals) => void} [onStop]
	 */
	handleSignals(onStop = () => {}) {
		let first = 0;
		/** @param {NodeJS.Signals} signal */
		const handler = (signal) => {
			// npm forwards the terminal's Ctrl-C to the script, which the terminal also sent it:
			// a repeat within a second is the same Ctrl-C; a later one means "stop now".
			if (first && Date.now() - first < 1000) return;
			if (first) {
				for (const { child } of this.children) killGroup(child, 'SIGKILL');
				process.exit(130);
			}
			first = Date.now();
			onStop(signal);
			this.stopAll().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
		};
		for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(signal, handler);
		// Last resort if the script itself dies: no orphan keeps the ports.
		process.on('exit', () => {
			for (const { child } of this.children) killGroup(child, 'SIGKILL');
		});
	}
}

/** @param {ChildProcess} child */
function alive(child) {
	return child.exitCode === null && child.signalCode === null;
}

/** @param {ChildProcess} child @param {NodeJS.Signals} signal */
function killGroup(child, signal) {
	if (!child.pid) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

/** @param {ChildProcess} child */
function release(child) {
	child.stdout?.destroy();
	child.stderr?.destroy();
	if (child.connected) child.disconnect();
	child.channel?.unref?.();
	child.unref();
}

/** @param {GroupEntry} entry */
async function stopChild({ child, graceMs }) {
	if (!alive(child)) {
		killGroup(child, 'SIGKILL'); // grandchildren of an exited leader, if any
		release(child);
		return;
	}
	const exited = new Promise((resolve) => child.once('exit', resolve));
	killGroup(child, 'SIGTERM');
	/** @type {NodeJS.Timeout | undefined} */
	let timeout;
	const timer = new Promise((resolve) => (timeout = setTimeout(() => resolve('timeout'), graceMs)));
	const outcome = await Promise.race([exited, timer]);
	clearTimeout(timeout);
	if (outcome === 'timeout') {
		killGroup(child, 'SIGKILL');
		await exited;
	}
	killGroup(child, 'SIGKILL');
	release(child);
}
