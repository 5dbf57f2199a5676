// @ts-check
// The runtime install, in CACHE_DIR (outside the clone): for n8n 2.x, Node 24 (the npm package
// `node`), n8n and n8n's SQLite driver built for Node 24; for n8n 1.x, n8n and its SQLite driver
// built for the machine's Node (20), which 1.x runs on. Each n8n version has its own folder and
// markers (n8n/ for the default 2.41.1, n8n-<version>/ for another), so switching versions keeps
// both installs warm. One marker file per step, so a warm start costs well under a second; a lock
// folder keeps two clones or CI jobs from installing at the same time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { SetupError, c, say, step } from './console.mjs';
import { baseEnv, runLogged } from './processes.mjs';
import { checkMachineNode, nodeLabel, nodeVersionOf } from './node-runtime.mjs';
import { CACHE_DIR, N8N_MAJOR, N8N_VERSION, NODE_SPEC, VERSION_SUFFIX as SUFFIX } from './settings.mjs';

const MARKERS = path.join(CACHE_DIR, 'markers');
const LOGS = path.join(CACHE_DIR, 'logs');
export const NODE24_DIR = path.join(CACHE_DIR, 'node24');
// The default version keeps the folder, markers and logs it always had (a warm cache stays valid).
export const N8N_DIR = path.join(CACHE_DIR, `n8n${SUFFIX}`);
/**
 * npm overrides in the runtime folder's package.json. n8n 1.x depends on `xlsx` as a tarball URL
 * on SheetJS's CDN, outside the npm registry (which is all this machine reaches): the registry's
 * last xlsx (0.18.5) replaces it. n8n 2.x installs as it is.
 * @type {Record<string, string> | undefined}
 */
const OVERRIDES = N8N_MAJOR < 2 ? { xlsx: '0.18.5' } : undefined;

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
	if (!NODE_SPEC) return path.resolve(path.dirname(process.execPath), '..'); // the machine's Node (n8n 1.x)
	const nested = path.join(NODE24_DIR, 'node_modules', 'node', 'node_modules');
	const name = `node-${process.platform}-${process.arch}`;
	const home = path.join(nested, name);
	return home;
}

/** Where Node (24 in the cache, or the machine's for n8n 1.x) and n8n are (or will be). */
export function runtimePaths() {
	const nodeHome = node24Home();
	return {
		nodeHome,
		nodeBin: NODE_SPEC ? path.join(nodeHome, 'bin', 'node') : process.execPath,
		nodeBinDir: NODE_SPEC ? path.join(nodeHome, 'bin') : path.dirname(process.execPath),
		n8nMain: path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nDir: N8N_DIR,
	};
}

/** @typedef {ReturnType<typeof runtimePaths>} RuntimePaths */

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
 * Makes sure Node (24 for n8n 2.x; n8n 1.x uses the machine's), n8n and its SQLite driver are in
 * the cache. Each step is skipped when its marker is there (a warm start costs well under a
 * second); an install found complete without a marker (e.g. made by hand) is checked and adopted.
 * @returns {Promise<RuntimePaths>}
 */
export async function ensureRuntime() {
	const paths = runtimePaths();
	const s = step(`Runtime: ${nodeLabel()} and n8n ${N8N_VERSION} in ${CACHE_DIR}`);
	/** @type {string[]} */
	const notes = [];
	await withLock(async () => {
		// 1. Node 24 (the npm package `node`, whose install script fetches node-<os>-<arch> from npm).
		const nodeKey = `node@${NODE_SPEC}`;
		if (NODE_SPEC && (!marked('node24', nodeKey) || !nodeVersionOf(paths.nodeBin))) {
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
		const n8nLog = path.join(LOGS, `n8n${SUFFIX}.log`);
		if (!marked(`n8n${SUFFIX}`, n8nKey) || installedN8nVersion() !== N8N_VERSION) {
			if (installedN8nVersion() !== N8N_VERSION) {
				const size = N8N_MAJOR < 2 ? 'about 4 minutes, 1.8 GB' : 'about 4 minutes, 2.8 GB';
				s.info(`installing n8n ${N8N_VERSION} from the npm registry into ${N8N_DIR} (${size}, once)`);
				fs.mkdirSync(N8N_DIR, { recursive: true });
				const pj = path.join(N8N_DIR, 'package.json');
				/** @type {Record<string, unknown>} */
				let manifest = { name: 'n8n-runtime', private: true };
				try {
					manifest = JSON.parse(fs.readFileSync(pj, 'utf8'));
				} catch {
					/* a new folder */
				}
				if (!fs.existsSync(pj) || (OVERRIDES && JSON.stringify(manifest.overrides) !== JSON.stringify(OVERRIDES))) {
					fs.writeFileSync(pj, JSON.stringify(OVERRIDES ? { ...manifest, overrides: OVERRIDES } : manifest, null, 2));
				}
				fs.rmSync(markerPath(`sqlite3${SUFFIX}`), { force: true });
				const modules = path.join(N8N_DIR, 'node_modules');
				await runLogged(
					'npm',
					['install', '--ignore-scripts', '--save-exact', '--no-audit', '--no-fund', '--loglevel=warn', `n8n@${N8N_VERSION}`],
					{
						cwd: N8N_DIR,
						logFile: n8nLog,
						label: `npm install n8n@${N8N_VERSION}`,
						progress: () => {
							const count = countEntries(modules);
							return count ? `${count} packages in node_modules so far` : 'resolving the dependency tree';
						},
					},
				);
				if (installedN8nVersion() !== N8N_VERSION) throw new SetupError(`n8n ${N8N_VERSION} did not install; see ${n8nLog}`);
			}
			mark(`n8n${SUFFIX}`, n8nKey);
			notes.push(`n8n ${N8N_VERSION}`);
		}
		if (!NODE_SPEC) checkMachineNode(N8N_DIR);

		// 3. The SQLite driver, compiled against the headers of the Node n8n runs on (the install
		//    skipped scripts, so sqlite3 has no binary yet; its prebuilt download is not reachable).
		const sqliteKey = `${n8nKey} ${nodeVersionOf(paths.nodeBin)}`;
		const sqliteLog = path.join(LOGS, `sqlite3${SUFFIX}.log`);
		if (!marked(`sqlite3${SUFFIX}`, sqliteKey)) {
			let version = sqliteWorks(paths);
			if (!version) {
				ensureToolchain();
				s.info(`building n8n's SQLite driver (sqlite3) for ${nodeLabel()} (about 1.5 minutes, once)`);
				/** @type {Record<string, string>} */
				const build = { PATH: `${paths.nodeBinDir}${path.delimiter}${process.env.PATH}` };
				// node-gyp builds against these headers instead of downloading them (no internet here).
				if (fs.existsSync(path.join(paths.nodeHome, 'include', 'node', 'common.gypi'))) build.npm_config_nodedir = paths.nodeHome;
				await runLogged('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'], {
					cwd: N8N_DIR,
					env: baseEnv(build),
					logFile: sqliteLog,
					label: 'npm rebuild sqlite3',
				});
				version = sqliteWorks(paths);
				if (!version) throw new SetupError(`n8n's SQLite driver does not load on ${nodeLabel()}; see ${sqliteLog}`);
			}
			mark(`sqlite3${SUFFIX}`, sqliteKey);
			notes.push(`SQLite ${version}`);
		}
	});
	s.done(notes.length ? `installed ${notes.join(', ')}` : `cached (${nodeLabel()}, n8n ${N8N_VERSION})`);
	return paths;
}
