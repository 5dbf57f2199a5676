// @ts-check
// The two packages as a user gets them: the clone's dev dependencies, each package's
// `npm run build` and `npm pack` (skipped when none of its build inputs changed), and the tarballs
// installed into an n8n user folder the way a manual install does: one of them, or both.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { SetupError, step } from './console.mjs';
import { baseEnv, runLogged } from './processes.mjs';
import { PACKAGES, ROOT, WORK_DIR } from './settings.mjs';

/** What a package's build reads: its own folder (but dist/) and the shared source it copies. */
const SHARED_INPUTS = [path.join(ROOT, 'packages', 'shared'), path.join(ROOT, 'gulpfile.js')];

/** @typedef {import('./settings.mjs').PackageInfo} PackageInfo */
/** @typedef {{ name: string, version: string, inputs: string, tarball: string, sha: string, files: number }} Pack */

/** @param {PackageInfo} pkg */
function hashInputs(pkg) {
	const hash = createHash('sha256');
	/** @param {string} abs */
	const walk = (abs) => {
		let stat;
		try {
			stat = fs.statSync(abs);
		} catch {
			return;
		}
		if (stat.isDirectory()) {
			for (const entry of fs.readdirSync(abs).sort()) {
				if (!['dist', 'node_modules'].includes(entry)) walk(path.join(abs, entry));
			}
		} else {
			hash.update(`${path.relative(ROOT, abs)}\0`);
			hash.update(fs.readFileSync(abs));
		}
	};
	for (const input of [pkg.dir, ...SHARED_INPUTS]) walk(input);
	return hash.digest('hex').slice(0, 16);
}

/** @param {string} file */
export function sha256File(file) {
	return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * The clone's own dev dependencies (TypeScript, n8n's node-cli, the emulator's zod,
 * playwright-core, ...), so the README's first command works right after `git clone`: `npm ci`
 * when node_modules is missing or older than the lockfile.
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
 * One package's `npm run build` (gulp's shared copy, then `n8n-node build`) and `npm pack` into
 * .n8n-e2e/package/<name>/. Skipped when no build input changed since its last pack.
 * @param {PackageInfo} pkg
 * @param {boolean} force
 * @returns {Promise<Pack>}
 */
async function buildAndPackOne(pkg, force) {
	const outDir = path.join(WORK_DIR, 'package', pkg.name);
	fs.mkdirSync(outDir, { recursive: true });
	const stateFile = path.join(outDir, 'last-pack.json');
	const inputs = hashInputs(pkg);
	/** @type {Pack | null} */
	let last = null;
	try {
		last = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
	} catch {
		/* first pack */
	}
	if (!force && last && last.inputs === inputs && fs.existsSync(last.tarball) && fs.existsSync(path.join(pkg.dir, 'dist'))) {
		const s = step(`Package: ${pkg.name}@${pkg.version}`);
		s.done(`unchanged since the last build, reusing ${path.relative(ROOT, last.tarball)}`);
		return last;
	}
	const s = step(`Package: npm run build && npm pack (${pkg.name}@${pkg.version})`);
	const logFile = path.join(WORK_DIR, 'logs', `build-${pkg.name}.log`);
	fs.rmSync(logFile, { force: true });
	await runLogged('npm', ['run', 'build'], { cwd: pkg.dir, logFile, label: `npm run build (${pkg.name})` });
	for (const old of fs.readdirSync(outDir).filter((f) => f.endsWith('.tgz'))) fs.rmSync(path.join(outDir, old));
	const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', outDir], {
		cwd: pkg.dir,
		encoding: 'utf8',
		env: baseEnv(),
	});
	if (packed.status !== 0) throw new SetupError(`npm pack (${pkg.name}) failed:\n${packed.stderr}`);
	/** @type {[{ filename: string, files: unknown[] }]} */
	const [{ filename, files }] = JSON.parse(packed.stdout);
	const tarball = path.join(outDir, path.basename(filename));
	const result = { name: pkg.name, version: pkg.version, inputs, tarball, sha: sha256File(tarball), files: files.length };
	fs.writeFileSync(stateFile, JSON.stringify(result, null, 2));
	s.done(`built and packed ${path.relative(ROOT, tarball)} (${files.length} files)`);
	return result;
}

/**
 * Both packages built and packed, in the order of PACKAGES (Common Room, Team Common Ground).
 * @returns {Promise<Pack[]>}
 */
export async function buildAndPack({ force = false } = {}) {
	await ensureProjectDependencies();
	const packs = [];
	for (const pkg of Object.values(PACKAGES)) packs.push(await buildAndPackOne(pkg, force));
	return packs;
}

/**
 * What a user does to install community packages by hand: `npm install <package>` in
 * ~/.n8n/nodes. Peer dependencies (n8n-workflow) are not installed: n8n provides its own copy to
 * the packages it loads, exactly as its own installer does. A package of this repository that
 * is installed there but not among `packs` is uninstalled, so a folder holds exactly those given.
 * @param {string} userFolder
 * @param {Pack[]} packs
 */
export async function installPackages(userFolder, packs) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const stamp = path.join(nodesDir, '.installed-tarballs-sha256');
	const wanted = packs.map((pack) => `${pack.name} ${pack.sha}`).join('\n');
	const names = packs.map((pack) => pack.name).join(' and ');
	const s = step(`Install ${names} into n8n (${path.relative(ROOT, nodesDir)})`);
	const present = (/** @type {string} */ name) => fs.existsSync(path.join(nodesDir, 'node_modules', name, 'package.json'));
	if (packs.every((pack) => present(pack.name)) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === wanted) {
		s.done('already installed (same tarballs)');
		return;
	}
	fs.mkdirSync(nodesDir, { recursive: true });
	const pj = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pj)) fs.writeFileSync(pj, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	const logFile = path.join(WORK_DIR, 'logs', 'install-package.log');
	const npmFlags = ['--no-audit', '--no-fund', '--legacy-peer-deps', '--ignore-scripts', '--loglevel=warn'];
	const unwanted = Object.values(PACKAGES)
		.map((pkg) => pkg.name)
		.filter((name) => !packs.some((pack) => pack.name === name) && present(name));
	if (unwanted.length > 0) {
		await runLogged('npm', ['uninstall', ...npmFlags, ...unwanted], { cwd: nodesDir, logFile, label: 'npm uninstall' });
	}
	await runLogged('npm', ['install', ...npmFlags, ...packs.map((pack) => pack.tarball)], { cwd: nodesDir, logFile, label: 'npm install <tarballs>' });
	fs.writeFileSync(stamp, `${wanted}\n`);
	s.done(`npm install ${packs.map((pack) => path.basename(pack.tarball)).join(' ')} in ${path.relative(ROOT, nodesDir)}`);
}
