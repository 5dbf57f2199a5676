// The runtime behind `npm start`, `npm run demo` and `npm run test:e2e`: a real n8n (2.41.1 on
// Node 24, both installed from the npm registry into a cache outside the clone), this package
// built, packed and installed into it the way a user's manual install does, and the local API
// emulator. Plain Node ESM on purpose: it runs on the machine's Node (20) before anything is built
// or installed, needs no compile step, and only drives other processes.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** n8n and Node versions the runtime installs; n8n 2.x needs Node >= 24. */
export const N8N_VERSION = process.env.CRTCG_N8N_VERSION || '2.41.1';
export const NODE_SPEC = process.env.CRTCG_NODE_VERSION || '24';
/** Outside the clone, so several clones and CI on the same machine share one install. */
export const CACHE_DIR = path.resolve(
	process.env.CRTCG_CACHE_DIR || path.join(os.homedir(), '.cache', PKG.name),
);
/** Ignored runtime folder of the clone (N8N_USER_FOLDERs, the packed tarball, logs). */
export const WORK_DIR = path.join(ROOT, '.n8n-e2e');

export const N8N_PORT = Number(process.env.N8N_PORT || 5678);
export const EMULATOR_PORT = Number(process.env.EMULATOR_PORT || 5680);

export const OWNER = {
	email: process.env.CRTCG_OWNER_EMAIL || 'demo@example.com',
	password: process.env.CRTCG_OWNER_PASSWORD || 'Demo-n8n-2026',
	firstName: 'Demo',
	lastName: 'Owner',
};

/** Ids and names of the credentials `npm start` imports; the example workflows reference them. */
export const CREDENTIALS = {
	commonRoom: { id: 'crEmulatorCred01', name: 'Common Room (local emulator)', type: 'commonRoomApi' },
	teamCommonGround: {
		id: 'tcgEmulatorCred1',
		name: 'Team Common Ground (local emulator)',
		type: 'teamCommonGroundApi',
	},
};

export const NODE_TYPES = {
	commonRoom: `${PKG.name}.commonRoom`,
	teamCommonGround: `${PKG.name}.teamCommonGround`,
};

// ---------------------------------------------------------------------------------------------
// Output

const t0 = Date.now();
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : String(text));
export const c = { bold: paint(1), dim: paint(2), red: paint(31), green: paint(32), yellow: paint(33), cyan: paint(36) };

export const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

export function say(message = '') {
	console.log(message);
}

/** Prints "▸ title" now and "  ✓ note (time)" when done. */
export function step(title) {
	const started = Date.now();
	console.log(`${c.cyan('▸')} ${title}`);
	return {
		done(note = 'done') {
			console.log(`  ${c.green('✓')} ${note} ${c.dim(`(${seconds(Date.now() - started)})`)}`);
		},
		info(note) {
			console.log(`  ${c.dim('·')} ${note}`);
		},
	};
}

export function elapsedSinceStart() {
	return seconds(Date.now() - t0);
}

export class SetupError extends Error {}

// ---------------------------------------------------------------------------------------------
// Child processes

/**
 * Environment for child processes: the parent's, without what npm exports into scripts
 * (npm_config_*, npm_package_*, ...), which would otherwise change how the nested npm commands
 * and n8n behave (e.g. ignore-scripts from this repository's .npmrc).
 */
export function baseEnv(extra = {}) {
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
 */
export function runLogged(command, args, { cwd, env, logFile, label, progress, every = 15000 } = {}) {
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

export function tailOf(file, lines) {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * Children of a driver script. Each is started in its own process group so that Ctrl-C reaches
 * only the driver, which then stops them in order (SIGTERM to the group, SIGKILL after a grace
 * period): nothing is left behind.
 */
export class ProcessGroup {
	constructor() {
		this.children = [];
		this.stopping = null;
	}

	add(name, child, graceMs = 20000) {
		this.children.push({ name, child, graceMs });
		return child;
	}

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

	/** Ctrl-C / SIGTERM / SIGHUP: stop the children, then exit. A second Ctrl-C kills them at once. */
	handleSignals(onStop = () => {}) {
		let first = 0;
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
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, handler);
		// Last resort if the script itself dies: no orphan keeps the ports.
		process.on('exit', () => {
			for (const { child } of this.children) killGroup(child, 'SIGKILL');
		});
	}
}

function alive(child) {
	return child.exitCode === null && child.signalCode === null;
}

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

function release(child) {
	child.stdout?.destroy();
	child.stderr?.destroy();
	if (child.connected) child.disconnect();
	child.channel?.unref?.();
	child.unref();
}

async function stopChild({ child, graceMs }) {
	if (!alive(child)) {
		killGroup(child, 'SIGKILL'); // grandchildren of an exited leader, if any
		release(child);
		return;
	}
	const exited = new Promise((resolve) => child.once('exit', resolve));
	killGroup(child, 'SIGTERM');
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

// ---------------------------------------------------------------------------------------------
// Runtime install: Node 24, n8n, n8n's SQLite driver built for Node 24. One marker file per step.

const MARKERS = path.join(CACHE_DIR, 'markers');
const LOGS = path.join(CACHE_DIR, 'logs');
export const NODE24_DIR = path.join(CACHE_DIR, 'node24');
export const N8N_DIR = path.join(CACHE_DIR, 'n8n');

function markerPath(name) {
	return path.join(MARKERS, `${name}.done`);
}

function marked(name, expected) {
	try {
		return fs.readFileSync(markerPath(name), 'utf8').trim() === expected;
	} catch {
		return false;
	}
}

function mark(name, value) {
	fs.mkdirSync(MARKERS, { recursive: true });
	fs.writeFileSync(markerPath(name), `${value}\n`);
}

/** node-<platform>-<arch>, the package `node` (npm) installs inside itself. */
function node24Home() {
	const nested = path.join(NODE24_DIR, 'node_modules', 'node', 'node_modules');
	const name = `node-${process.platform}-${process.arch}`;
	const home = path.join(nested, name);
	return home;
}

export function runtimePaths() {
	const nodeHome = node24Home();
	return {
		nodeHome,
		nodeBin: path.join(nodeHome, 'bin', 'node'),
		nodeBinDir: path.join(nodeHome, 'bin'),
		n8nMain: path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nDir: N8N_DIR,
	};
}

function nodeVersionOf(bin) {
	const result = spawnSync(bin, ['-v'], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : null;
}

function installedN8nVersion() {
	try {
		return JSON.parse(fs.readFileSync(path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
	} catch {
		return null;
	}
}

function countEntries(dir) {
	try {
		let count = 0;
		for (const entry of fs.readdirSync(dir)) {
			if (entry.startsWith('@')) count += fs.readdirSync(path.join(dir, entry)).length;
			else if (!entry.startsWith('.')) count += 1;
		}
		return count;
	} catch {
		return 0;
	}
}

function sqliteWorks(paths) {
	const probe =
		"const s=require('sqlite3');const d=new s.Database(':memory:');d.get('select sqlite_version() v',(e,r)=>{if(e)throw e;console.log(r.v);d.close()})";
	const result = spawnSync(paths.nodeBin, ['-e', probe], { cwd: N8N_DIR, encoding: 'utf8', env: baseEnv() });
	return result.status === 0 ? result.stdout.trim() : null;
}

async function withLock(fn) {
	const lock = path.join(CACHE_DIR, 'setup.lock');
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	let waited = 0;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			let holder = 0;
			try {
				holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {
				/* being written */
			}
			let holderAlive = false;
			if (holder) {
				try {
					process.kill(holder, 0);
					holderAlive = true;
				} catch {
					holderAlive = false;
				}
			}
			if (holder && !holderAlive) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (waited % 30000 === 0) say(`  ${c.dim('…')} waiting for another setup (pid ${holder || '?'}) to finish with ${CACHE_DIR}`);
			await new Promise((resolve) => setTimeout(resolve, 1000));
			waited += 1000;
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

function ensureToolchain() {
	const missing = ['python3', 'make', 'g++'].filter(
		(tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0,
	);
	if (missing.length === 0) return;
	if (process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0) {
		say(`  ${c.dim('·')} installing ${missing.join(', ')} from Debian (needed to build n8n's SQLite driver)`);
		const update = spawnSync('apt-get', ['update'], { stdio: 'ignore' });
		const install = spawnSync('apt-get', ['install', '-y', 'python3', 'make', 'g++'], { stdio: 'ignore' });
		if (update.status === 0 && install.status === 0) return;
	}
	throw new SetupError(
		`Building n8n's SQLite driver needs ${missing.join(', ')}. Install them (Debian: apt-get install -y python3 make g++) and run again.`,
	);
}

/**
 * Makes sure Node 24, n8n and its SQLite driver are in the cache. Each step is skipped when its
 * marker is there (a warm start costs well under a second); an install found complete without a
 * marker (e.g. made by hand) is checked and adopted.
 */
export async function ensureRuntime() {
	const paths = runtimePaths();
	const s = step(`Runtime: Node ${NODE_SPEC} and n8n ${N8N_VERSION} in ${CACHE_DIR}`);
	const notes = [];
	await withLock(async () => {
		// 1. Node 24 (the npm package `node`, whose install script fetches node-<os>-<arch> from npm).
		const nodeKey = `node@${NODE_SPEC}`;
		if (!marked('node24', nodeKey) || !nodeVersionOf(paths.nodeBin)) {
			let version = nodeVersionOf(paths.nodeBin);
			if (!version || !version.startsWith(`v${NODE_SPEC.split('.')[0]}.`)) {
				s.info(`installing Node ${NODE_SPEC} from the npm registry (package "node") into ${NODE24_DIR}`);
				fs.mkdirSync(NODE24_DIR, { recursive: true });
				const pj = path.join(NODE24_DIR, 'package.json');
				if (!fs.existsSync(pj)) fs.writeFileSync(pj, JSON.stringify({ name: 'node24', private: true }, null, 2));
				await runLogged(
					'npm',
					['install', '--no-audit', '--no-fund', '--ignore-scripts=false', '--loglevel=warn', `node@${NODE_SPEC}`],
					{ cwd: NODE24_DIR, logFile: path.join(LOGS, 'node24.log'), label: `npm install node@${NODE_SPEC}` },
				);
				version = nodeVersionOf(paths.nodeBin);
				if (!version) throw new SetupError(`Node ${NODE_SPEC} did not install at ${paths.nodeBin}; see ${path.join(LOGS, 'node24.log')}`);
			}
			mark('node24', nodeKey);
			notes.push(`Node ${version}`);
		}

		// 2. n8n, without install scripts (one of its optional native builds fails otherwise; n8n
		//    does not need it). Its own folder: installing it next to `node` would remove node-<os>-<arch>.
		const n8nKey = `n8n@${N8N_VERSION}`;
		if (!marked('n8n', n8nKey) || installedN8nVersion() !== N8N_VERSION) {
			if (installedN8nVersion() !== N8N_VERSION) {
				s.info(`installing n8n ${N8N_VERSION} from the npm registry into ${N8N_DIR} (about 4 minutes, 2.8 GB, once)`);
				fs.mkdirSync(N8N_DIR, { recursive: true });
				const pj = path.join(N8N_DIR, 'package.json');
				if (!fs.existsSync(pj)) fs.writeFileSync(pj, JSON.stringify({ name: 'n8n-runtime', private: true }, null, 2));
				fs.rmSync(markerPath('sqlite3'), { force: true });
				const modules = path.join(N8N_DIR, 'node_modules');
				await runLogged(
					'npm',
					['install', '--ignore-scripts', '--save-exact', '--no-audit', '--no-fund', '--loglevel=warn', `n8n@${N8N_VERSION}`],
					{
						cwd: N8N_DIR,
						logFile: path.join(LOGS, 'n8n.log'),
						label: `npm install n8n@${N8N_VERSION}`,
						progress: () => {
							const count = countEntries(modules);
							return count ? `${count} packages in node_modules so far` : 'resolving the dependency tree';
						},
					},
				);
				if (installedN8nVersion() !== N8N_VERSION) throw new SetupError(`n8n ${N8N_VERSION} did not install; see ${path.join(LOGS, 'n8n.log')}`);
			}
			mark('n8n', n8nKey);
			notes.push(`n8n ${N8N_VERSION}`);
		}

		// 3. The SQLite driver, compiled against Node 24's headers (the install skipped scripts).
		const sqliteKey = `${n8nKey} ${nodeVersionOf(paths.nodeBin)}`;
		if (!marked('sqlite3', sqliteKey)) {
			let version = sqliteWorks(paths);
			if (!version) {
				ensureToolchain();
				s.info(`building n8n's SQLite driver (sqlite3) for Node ${NODE_SPEC} (about 1.5 minutes, once)`);
				await runLogged('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'], {
					cwd: N8N_DIR,
					env: baseEnv({
						PATH: `${paths.nodeBinDir}${path.delimiter}${process.env.PATH}`,
						npm_config_nodedir: paths.nodeHome,
					}),
					logFile: path.join(LOGS, 'sqlite3.log'),
					label: 'npm rebuild sqlite3',
				});
				version = sqliteWorks(paths);
				if (!version) throw new SetupError(`n8n's SQLite driver does not load on Node ${NODE_SPEC}; see ${path.join(LOGS, 'sqlite3.log')}`);
			}
			mark('sqlite3', sqliteKey);
			notes.push(`SQLite ${version}`);
		}
	});
	s.done(notes.length ? `installed ${notes.join(', ')}` : `cached (Node ${NODE_SPEC}, n8n ${N8N_VERSION})`);
	return paths;
}

// ---------------------------------------------------------------------------------------------
// This package: build, pack, install into an n8n user folder

const BUILD_INPUTS = ['nodes', 'credentials', 'icons', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'gulpfile.js'];

function hashInputs() {
	const hash = createHash('sha256');
	const walk = (rel) => {
		const abs = path.join(ROOT, rel);
		let stat;
		try {
			stat = fs.statSync(abs);
		} catch {
			return;
		}
		if (stat.isDirectory()) {
			for (const entry of fs.readdirSync(abs).sort()) walk(path.join(rel, entry));
		} else {
			hash.update(`${rel}\0`);
			hash.update(fs.readFileSync(abs));
		}
	};
	for (const input of BUILD_INPUTS) walk(input);
	return hash.digest('hex').slice(0, 16);
}

export function sha256File(file) {
	return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * `npm run build` and `npm pack` into .n8n-e2e/package/. Skipped when no build input changed
 * since the last pack (pass force to rebuild anyway).
 */
/**
 * The clone's own dev dependencies (TypeScript, the emulator's zod, playwright-core, ...), so the
 * README's first command works right after `git clone`: `npm ci` when node_modules is missing
 * or older than the lockfile.
 */
export async function ensureProjectDependencies() {
	const installed = path.join(ROOT, 'node_modules', '.package-lock.json');
	const lock = path.join(ROOT, 'package-lock.json');
	if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) return;
	const s = step('Project dependencies: npm ci');
	const logFile = path.join(WORK_DIR, 'logs', 'npm-ci.log');
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	await runLogged('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, logFile, label: 'npm ci' });
	s.done('installed from package-lock.json');
}

export async function buildAndPack({ force = false } = {}) {
	await ensureProjectDependencies();
	const outDir = path.join(WORK_DIR, 'package');
	fs.mkdirSync(outDir, { recursive: true });
	const stateFile = path.join(outDir, 'last-pack.json');
	const inputs = hashInputs();
	let last = null;
	try {
		last = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
	} catch {
		/* first pack */
	}
	if (!force && last && last.inputs === inputs && fs.existsSync(last.tarball) && fs.existsSync(path.join(ROOT, 'dist'))) {
		const s = step(`Package: ${PKG.name}@${PKG.version}`);
		s.done(`unchanged since the last build, reusing ${path.relative(ROOT, last.tarball)}`);
		return last;
	}
	const s = step(`Package: npm run build && npm pack (${PKG.name}@${PKG.version})`);
	const logFile = path.join(WORK_DIR, 'logs', 'build.log');
	fs.rmSync(logFile, { force: true });
	await runLogged('npm', ['run', 'build'], { cwd: ROOT, logFile, label: 'npm run build' });
	for (const old of fs.readdirSync(outDir).filter((f) => f.endsWith('.tgz'))) fs.rmSync(path.join(outDir, old));
	const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', outDir], {
		cwd: ROOT,
		encoding: 'utf8',
		env: baseEnv(),
	});
	if (packed.status !== 0) throw new SetupError(`npm pack failed:\n${packed.stderr}`);
	const [{ filename, files }] = JSON.parse(packed.stdout);
	const tarball = path.join(outDir, path.basename(filename));
	const result = { inputs, tarball, sha: sha256File(tarball), files: files.length };
	fs.writeFileSync(stateFile, JSON.stringify(result, null, 2));
	s.done(`built and packed ${path.relative(ROOT, tarball)} (${files.length} files)`);
	return result;
}

/**
 * What a user does to install a community package by hand: `npm install <package>` in
 * ~/.n8n/nodes. Peer dependencies (n8n-workflow) are not installed: n8n provides its own
 * copy to the packages it loads, exactly as its own installer does.
 */
export async function installPackage(userFolder, pack) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const stamp = path.join(nodesDir, '.installed-tarball-sha256');
	const target = path.join(nodesDir, 'node_modules', PKG.name, 'package.json');
	const s = step(`Install the tarball into n8n (${path.relative(ROOT, nodesDir)})`);
	if (fs.existsSync(target) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === pack.sha) {
		s.done('already installed (same tarball)');
		return;
	}
	fs.mkdirSync(nodesDir, { recursive: true });
	const pj = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pj)) fs.writeFileSync(pj, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	await runLogged(
		'npm',
		['install', '--no-audit', '--no-fund', '--legacy-peer-deps', '--ignore-scripts', '--loglevel=warn', pack.tarball],
		{ cwd: nodesDir, logFile: path.join(WORK_DIR, 'logs', 'install-package.log'), label: 'npm install <tarball>' },
	);
	fs.writeFileSync(stamp, `${pack.sha}\n`);
	s.done(`npm install ${path.basename(pack.tarball)} in ${path.relative(ROOT, nodesDir)}`);
}

// ---------------------------------------------------------------------------------------------
// n8n

/** n8n's environment: no telemetry or calls home, the owner from env, Code nodes via the JS runner. */
export function n8nEnv(userFolder, { ownerHash, port = N8N_PORT, logLevel = 'info', extra = {} } = {}) {
	const env = baseEnv({
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: logLevel,
		// No telemetry, no calls home (the machine may have no internet at all).
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		// Community packages on, unverified ones allowed (this one is installed by hand).
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// Code nodes run in n8n's JS task runner, started by n8n itself (internal mode).
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(2 * 1024 * 1024 * 1024),
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '3',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		GENERIC_TIMEZONE: process.env.GENERIC_TIMEZONE || 'UTC',
		...extra,
	});
	if (ownerHash) {
		Object.assign(env, {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerHash,
		});
	}
	return env;
}

/** bcrypt hash of the owner's password, made with n8n's own bcryptjs. */
export function ownerPasswordHash(paths) {
	const result = spawnSync(
		paths.nodeBin,
		['-e', "process.stdout.write(require('bcryptjs').hashSync(process.argv[1], 10))", OWNER.password],
		{ cwd: N8N_DIR, encoding: 'utf8' },
	);
	if (result.status !== 0) throw new SetupError(`could not hash the owner password: ${result.stderr}`);
	return result.stdout.trim();
}

/** Runs one n8n CLI command (import:*, execute, ...) to completion. */
export function n8nCli(paths, userFolder, args, { logFile, env } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(paths.nodeBin, [paths.n8nMain, ...args], {
			cwd: userFolder,
			env: env ?? n8nEnv(userFolder),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('exit', (code) => {
			if (logFile) {
				fs.mkdirSync(path.dirname(logFile), { recursive: true });
				fs.appendFileSync(logFile, `\n$ n8n ${args.join(' ')}  (exit ${code})\n${stdout}${stderr}`);
			}
			resolve({ code, stdout, stderr });
		});
	});
}

/** n8n prints log lines before the JSON of `execute --rawOutput`: take the JSON at the end. */
export function parseTrailingJson(text) {
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (lines[i].startsWith('{') || lines[i].startsWith('[')) {
			const candidate = lines.slice(i).join('\n').trim();
			try {
				return JSON.parse(candidate);
			} catch {
				/* a log line starting with { — keep looking */
			}
		}
	}
	return null;
}

export function credentialsFile(userFolder, emulator) {
	const file = path.join(userFolder, 'credentials.import.json');
	const data = [
		{
			...CREDENTIALS.commonRoom,
			data: { apiToken: emulator.tokens.commonRoom, baseUrl: emulator.commonRoomBaseUrl },
		},
		{
			...CREDENTIALS.teamCommonGround,
			data: { apiKey: emulator.tokens.teamCommonGround, baseUrl: emulator.teamCommonGroundBaseUrl },
		},
	];
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

export function exampleFiles() {
	const dir = path.join(ROOT, 'examples');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(dir, f));
}

export function readWorkflow(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Imports both credentials (plain data; n8n encrypts it) and the example workflows. */
export async function importCredentialsAndWorkflows(paths, userFolder, emulator, { workflows = exampleFiles() } = {}) {
	const logFile = path.join(userFolder, 'logs', 'import.log');
	const s = step('Credentials and example workflows: n8n import:credentials, n8n import:workflow');
	const credFile = credentialsFile(userFolder, emulator);
	const cred = await n8nCli(paths, userFolder, ['import:credentials', `--input=${credFile}`], { logFile });
	if (cred.code !== 0) throw new SetupError(`n8n import:credentials failed:\n${cred.stdout}${cred.stderr}`);
	s.info(`"${CREDENTIALS.commonRoom.name}" → ${emulator.commonRoomBaseUrl}, token ${emulator.tokens.commonRoom}`);
	s.info(`"${CREDENTIALS.teamCommonGround.name}" → ${emulator.teamCommonGroundBaseUrl}, key ${emulator.tokens.teamCommonGround}`);
	let imported = 0;
	if (workflows.length) {
		const dir = path.join(userFolder, 'workflows.import');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		for (const file of workflows) fs.copyFileSync(file, path.join(dir, path.basename(file)));
		const wf = await n8nCli(paths, userFolder, ['import:workflow', '--separate', `--input=${dir}`], { logFile });
		if (wf.code !== 0) throw new SetupError(`n8n import:workflow failed:\n${wf.stdout}${wf.stderr}`);
		imported = workflows.length;
	}
	s.done(`2 credentials, ${imported} workflows imported`);
}

/** Resolves once something accepts TCP connections on host:port. */
export function portInUse(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
		socket.setTimeout(1000, () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/** Pipes a child's output into a log file and, optionally, the terminal with a prefix. */
function pipeOutput(child, logFile, echo, filter = () => true) {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const log = fs.createWriteStream(logFile, { flags: 'a' });
	const lines = [];
	const listeners = [];
	for (const stream of [child.stdout, child.stderr]) {
		let buffer = '';
		stream.on('data', (chunk) => {
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
	return { lines, onLine: (fn) => listeners.push(fn) };
}

/** Starts the emulator (demo seed) in a child process; resolves with its URLs and tokens. */
export async function startEmulator(group, { port = EMULATOR_PORT, logFile, echo = false, quiet = true } = {}) {
	const s = step(`Emulator of both APIs on http://127.0.0.1:${port}`);
	if (await portInUse(port)) {
		throw new SetupError(
			`Port ${port} is already in use (another emulator or npm start?). Stop it, or set EMULATOR_PORT to a free port.`,
		);
	}
	const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'lib', 'emulator-child.cjs')], {
		cwd: ROOT,
		env: baseEnv({ CRTCG_EMULATOR_OPTIONS: JSON.stringify({ port, quiet }) }),
		stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
		detached: true,
	});
	group.add('emulator', child, 5000);
	const output = pipeOutput(child, logFile, echo ? c.dim('[emulator] ') : false);
	const info = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new SetupError(`the emulator did not start in 60 s; see ${logFile}`)), 60000);
		child.on('message', (message) => {
			if (message.type === 'ready') {
				clearTimeout(timer);
				resolve(message);
			} else if (message.type === 'error') {
				clearTimeout(timer);
				reject(new SetupError(`the emulator failed to start: ${message.message}`));
			}
		});
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new SetupError(`the emulator exited (${code}) while starting:\n${output.lines.slice(-15).join('\n')}`));
		});
	});
	s.done(`Common Room ${info.commonRoomBaseUrl}, Team Common Ground ${info.teamCommonGroundBaseUrl}`);
	return { ...info, child };
}

/** Starts `n8n start`; resolves once the editor answers and n8n says it is ready. */
export async function startN8n(group, paths, userFolder, { port = N8N_PORT, logFile, echo = false, env } = {}) {
	const s = step(`n8n ${N8N_VERSION} on http://localhost:${port}`);
	if (await portInUse(port)) {
		throw new SetupError(`Port ${port} is already in use (another n8n?). Stop it, or set N8N_PORT to a free port.`);
	}
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	fs.writeFileSync(logFile, '');
	const child = spawn(paths.nodeBin, [paths.n8nMain, 'start'], {
		cwd: userFolder,
		env: env ?? n8nEnv(userFolder, { port }),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	group.add('n8n', child, 30000);
	let migrations = 0;
	const output = pipeOutput(child, logFile, echo ? c.dim('[n8n] ') : false, (line) => {
		if (/^(Starting|Finished) migration/.test(line) || /^\[\w+\d{10,}\]/.test(line)) {
			if (line.startsWith('Finished')) migrations += 1;
			return false;
		}
		return line.trim() !== '';
	});
	const started = Date.now();
	await new Promise((resolve, reject) => {
		let done = false;
		const finish = (error) => {
			if (done) return;
			done = true;
			clearInterval(poll);
			clearTimeout(timer);
			if (error) reject(error);
			else resolve();
		};
		let editorLine = false;
		output.onLine((line) => {
			if (line.includes('Editor is now accessible')) editorLine = true;
		});
		const poll = setInterval(async () => {
			if (!editorLine) return;
			try {
				const response = await fetch(`http://127.0.0.1:${port}/healthz/readiness`);
				if (response.status === 200) finish();
			} catch {
				/* not yet */
			}
		}, 250);
		const timer = setTimeout(
			() => finish(new SetupError(`n8n did not become ready in 180 s; see ${logFile}`)),
			180000,
		);
		child.on('exit', (code) =>
			finish(new SetupError(`n8n exited (${code}) while starting. Last lines of ${logFile}:\n${output.lines.slice(-20).join('\n')}`)),
		);
	});
	s.done(`ready${migrations ? ` (${migrations} database migrations on first start)` : ''} in ${seconds(Date.now() - started)}`);
	return { url: `http://localhost:${port}`, apiUrl: `http://127.0.0.1:${port}`, child, output };
}

// ---------------------------------------------------------------------------------------------
// n8n REST with a logged-in session (what the editor does)

export class N8nSession {
	constructor(apiUrl) {
		this.apiUrl = apiUrl;
		this.cookie = '';
	}

	async login(email = OWNER.email, password = OWNER.password) {
		const response = await fetch(`${this.apiUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		});
		const body = await response.json().catch(() => ({}));
		if (!response.ok) throw new Error(`login as ${email} failed: HTTP ${response.status} ${JSON.stringify(body)}`);
		const cookies = response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie')];
		this.cookie = cookies
			.filter(Boolean)
			.map((c) => c.split(';')[0])
			.join('; ');
		this.user = body.data;
		return body.data;
	}

	async request(method, pathname, body) {
		const response = await fetch(`${this.apiUrl}${pathname}`, {
			method,
			headers: {
				cookie: this.cookie,
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				'browser-id': 'crtcg-e2e',
			},
			body: body !== undefined ? JSON.stringify(body) : undefined,
		});
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = text;
		}
		return { status: response.status, body: json };
	}

	get(pathname) {
		return this.request('GET', pathname);
	}

	post(pathname, body) {
		return this.request('POST', pathname, body);
	}
}

// ---------------------------------------------------------------------------------------------
// Emulator control endpoints

export async function emulatorState(emulatorUrl) {
	const response = await fetch(`${emulatorUrl}/__emulator/state`);
	if (!response.ok) throw new Error(`GET /__emulator/state: HTTP ${response.status}`);
	return await response.json();
}

export async function emulatorReset(emulatorUrl) {
	const response = await fetch(`${emulatorUrl}/__emulator/reset`, { method: 'POST' });
	if (!response.ok) throw new Error(`POST /__emulator/reset: HTTP ${response.status}`);
}

export async function emulatorLog(emulatorUrl) {
	const response = await fetch(`${emulatorUrl}/__emulator/log`);
	return (await response.json()).entries;
}

// ---------------------------------------------------------------------------------------------
// Headless execution: `n8n execute --id=ID --rawOutput`

/**
 * Executes one imported workflow headless and summarises n8n's answer: status, the node that
 * ran last, items per node, the error if any.
 */
export async function executeWorkflow(paths, userFolder, workflowId, { logFile, env } = {}) {
	const started = Date.now();
	const result = await n8nCli(paths, userFolder, ['execute', `--id=${workflowId}`, '--rawOutput'], { logFile, env });
	const run = parseTrailingJson(result.stdout);
	const summary = summariseRun(run);
	if (!run) {
		summary.status = 'error';
		summary.error = (result.stdout + result.stderr).trim().split('\n').slice(-5).join(' | ') || `exit ${result.code}`;
	}
	return { ...summary, exitCode: result.code, ms: Date.now() - started, raw: run, output: result.stdout + result.stderr };
}

export function summariseRun(run) {
	if (!run || !run.data) return { status: 'error', nodes: {}, lastNode: null, items: 0, error: null };
	const resultData = run.data.resultData ?? {};
	const nodes = {};
	for (const [name, runs] of Object.entries(resultData.runData ?? {})) {
		const last = runs[runs.length - 1];
		const outputs = last?.data?.main ?? [];
		nodes[name] = {
			items: outputs.reduce((sum, out) => sum + (out?.length ?? 0), 0),
			outputs: outputs.map((out) => (out ?? []).map((item) => item.json)),
			error: last?.error ? last.error.message ?? String(last.error) : null,
		};
	}
	const lastNode = resultData.lastNodeExecuted ?? null;
	const error = resultData.error ? resultData.error.message ?? JSON.stringify(resultData.error) : null;
	return {
		status: run.status ?? (error ? 'error' : 'success'),
		nodes,
		lastNode,
		items: lastNode && nodes[lastNode] ? nodes[lastNode].items : 0,
		error,
	};
}

/**
 * Short "what the emulator stored" from two /__emulator/state snapshots: records created and
 * records changed (an upsert of an existing contact counts as updated).
 */
export function stateDelta(before, after) {
	const parts = [];
	const compare = (label, service, key, keyOf, changed) => {
		const old = new Map((before?.[service]?.[key] ?? []).map((r) => [keyOf(r), r]));
		let created = 0;
		let updated = 0;
		for (const record of after?.[service]?.[key] ?? []) {
			const previous = old.get(keyOf(record));
			if (!previous) created += 1;
			else if (changed(previous, record)) updated += 1;
		}
		const bits = [];
		if (created) bits.push(`${created} new`);
		if (updated) bits.push(`${updated} updated`);
		if (bits.length) parts.push(`${bits.join(', ')} ${label}`);
	};
	const upserted = (a, b) => a.updatedAt !== b.updatedAt || a.upsertCount !== b.upsertCount;
	compare('CR contacts', 'commonRoom', 'contacts', (r) => `${r.sourceId}/${r.id}`, upserted);
	compare('CR activities', 'commonRoom', 'activities', (r) => `${r.sourceId}/${r.id}/${r.activityType}`, upserted);
	compare('CR tags', 'commonRoom', 'tags', (r) => r.id, (a, b) => JSON.stringify(a) !== JSON.stringify(b));
	compare('TCG activities', 'teamCommonGround', 'activities', (r) => r.id, () => false);
	compare('TCG clients', 'teamCommonGround', 'clients', (r) => r.id, (a, b) => JSON.stringify(a) !== JSON.stringify(b));
	return parts.join('; ') || 'nothing (no request: computed locally)';
}

/** Prints rows as an aligned text table. */
export function printTable(headers, rows) {
	const visible = (text) => String(text).replace(/\u001b\[[0-9;]*m/g, '').length;
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => visible(r[i]))));
	const line = (cells) => cells.map((cell, i) => String(cell) + ' '.repeat(widths[i] - visible(cell))).join('  ').trimEnd();
	console.log(c.bold(line(headers)));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const row of rows) console.log(line(row));
}

/** A TCP port nothing listens on right now (for the demo's and the tests' own n8n and emulator). */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Whether a workflow can run headless: it starts with a Manual Trigger. */
export function isManualWorkflow(workflow) {
	return workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger');
}

export async function emulatorClearLog(emulatorUrl) {
	const response = await fetch(`${emulatorUrl}/__emulator/log`, { method: 'DELETE' });
	if (!response.ok) throw new Error(`DELETE /__emulator/log: HTTP ${response.status}`);
}
