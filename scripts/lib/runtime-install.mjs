// @ts-check
// The runtime install: Node 24 (the npm package `node`), n8n, and n8n's SQLite driver built for
// Node 24, in CACHE_DIR (outside the clone). One marker file per step, so a warm start costs well
// under a second; a lock folder keeps two clones or CI jobs from installing at the same time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { SetupError, c, say, step } from './console.mjs';
import { baseEnv, runLogged } from './processes.mjs';
import { CACHE_DIR, N8N_VERSION, NODE_SPEC } from './settings.mjs';

const MARKERS = path.join(CACHE_DIR, 'markers');
const LOGS = path.join(CACHE_DIR, 'logs');
export const NODE24_DIR = path.join(CACHE_DIR, 'node24');
export const N8N_DIR = path.join(CACHE_DIR, 'n8n');

/** @param {string} name */
function markerPath(name) {
	return path.join(MARKERS, `${name}.done`);
}

/** @param {string} name @param {string} expected */
function marked(name, expected) {
	try {
		return fs.readFileSync(markerPath(name), 'utf8').trim() === expected;
	} catch {
		return false;
	}
}

/** @param {string} name @param {string} value */
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

/** Where Node 24 and n8n are (or will be) in the cache. */
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

/** @typedef {ReturnType<typeof runtimePaths>} RuntimePaths */

/** @param {string} bin */
function nodeVersionOf(bin) {
	const result = spawnSync(bin, ['-v'], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : null;
}

/** @returns {string | null} */
function installedN8nVersion() {
	try {
		return JSON.parse(fs.readFileSync(path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
	} catch {
		return null;
	}
}

/** @param {string} dir */
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

/** @param {RuntimePaths} paths */
function sqliteWorks(paths) {
	const probe =
		"const s=require('sqlite3');const d=new s.Database(':memory:');d.get('select sqlite_version() v',(e,r)=>{if(e)throw e;console.log(r.v);d.close()})";
	const result = spawnSync(paths.nodeBin, ['-e', probe], { cwd: N8N_DIR, encoding: 'utf8', env: baseEnv() });
	return result.status === 0 ? result.stdout.trim() : null;
}

/**
 * @template T
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
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
 * @returns {Promise<RuntimePaths>}
 */
export async function ensureRuntime() {
	const paths = runtimePaths();
	const s = step(`Runtime: Node ${NODE_SPEC} and n8n ${N8N_VERSION} in ${CACHE_DIR}`);
	/** @type {string[]} */
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
