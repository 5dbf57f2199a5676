// @ts-check
// This package as a user gets it: the clone's dev dependencies, `npm run build` and `npm pack`
// (skipped when no build input changed), and the tarball installed into an n8n user folder the
// way a manual install does.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { SetupError, step } from './console.mjs';
import { baseEnv, runLogged } from './processes.mjs';
import { PKG, ROOT, WORK_DIR } from './settings.mjs';

const BUILD_INPUTS = ['nodes', 'credentials', 'icons', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'gulpfile.js'];

/** @typedef {{ inputs: string, tarball: string, sha: string, files: number }} Pack */

function hashInputs() {
	const hash = createHash('sha256');
	/** @param {string} rel */
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

/** @param {string} file */
export function sha256File(file) {
	return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

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

/**
 * `npm run build` and `npm pack` into .n8n-e2e/package/. Skipped when no build input changed
 * since the last pack (pass force to rebuild anyway).
 * @returns {Promise<Pack>}
 */
export async function buildAndPack({ force = false } = {}) {
	await ensureProjectDependencies();
	const outDir = path.join(WORK_DIR, 'package');
	fs.mkdirSync(outDir, { recursive: true });
	const stateFile = path.join(outDir, 'last-pack.json');
	const inputs = hashInputs();
	/** @type {Pack | null} */
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
	/** @type {[{ filename: string, files: unknown[] }]} */
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
 * @param {string} userFolder
 * @param {Pack} pack
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
