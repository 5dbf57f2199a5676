// @ts-check
// Each package installed alone, as a user who wants only one of the two services does: its
// tarball in an n8n of its own, with the other package absent. n8n must load exactly its nodes
// and credentials, with no error or warning about it, and its examples (those that use none of
// the other package's nodes) must run headless and leave in the emulator what they should.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { say, step, stripAnsi } from '../../scripts/lib/console.mjs';
import { startEmulator } from '../../scripts/lib/emulator.mjs';
import { N8nSession } from '../../scripts/lib/n8n-rest.mjs';
import { n8nEnv, ownerPasswordHash, startN8n } from '../../scripts/lib/n8n.mjs';
import { installPackages } from '../../scripts/lib/pack.mjs';
import { freePort } from '../../scripts/lib/ports.mjs';
import { N8N_VERSION, PACKAGES, ROOT, VERSION_SUFFIX, WORK_DIR } from '../../scripts/lib/settings.mjs';
import { exampleFiles, importCredentialsAndWorkflows, readWorkflow } from '../../scripts/lib/workflows.mjs';
import { EXAMPLES } from './examples.mjs';
import { exampleChecks } from './reads.mjs';
import { check, packageWarnings, runExamplesHeadless } from './runner.mjs';

/** @typedef {import('../../scripts/lib/pack.mjs').Pack} Pack */
/** @typedef {import('../../scripts/lib/settings.mjs').PackageInfo} PackageInfo */
/** @typedef {import('../../scripts/lib/processes.mjs').ProcessGroup} ProcessGroup */
/** @typedef {import('../../scripts/lib/runtime-install.mjs').RuntimePaths} RuntimePaths */

/**
 * n8n's debug line for each package it loaded ("Loaded all credentials and nodes from <name>
 * {"credentials":N,"nodes":N}") matches what the package registers, and no line reports an
 * error or warning about a package.
 * @param {string[]} lines n8n's log
 * @param {PackageInfo[]} installed
 * @param {PackageInfo[]} [absent] packages that must not have been loaded
 */
export function assertPackagesLoaded(lines, installed, absent = []) {
	for (const pkg of installed) {
		const loaded = lines.find((l) => l.includes(`Loaded all credentials and nodes from ${pkg.name}`));
		assert.ok(loaded, `no "Loaded all credentials and nodes from ${pkg.name}" line in the debug log`);
		assert.match(loaded, new RegExp(`"credentials":\\s*${pkg.n8n.credentials.length}\\b`), `${pkg.name}: credentials`);
		assert.match(loaded, new RegExp(`"nodes":\\s*${pkg.n8n.nodes.length}\\b`), `${pkg.name}: nodes`);
	}
	for (const pkg of absent) {
		assert.ok(!lines.some((l) => l.includes(`nodes from ${pkg.name}`)), `${pkg.name} was loaded, but it is not installed`);
	}
	const bad = lines.filter((l) => /\b(error|warn)\b/i.test(l) && /commonroom|teamcommonground|community package|failed to load/i.test(l));
	assert.deepEqual(bad, [], 'error/warning lines about a package');
}

/**
 * The example files that need only this package (and n8n's own nodes).
 * @param {PackageInfo} pkg
 */
function examplesOf(pkg) {
	const others = Object.values(PACKAGES).filter((p) => p.name !== pkg.name);
	return exampleFiles().filter((file) => {
		const types = readWorkflow(file).nodes.map((node) => node.type);
		return types.some((type) => type.startsWith(`${pkg.name}.`)) && !types.some((type) => others.some((p) => type.startsWith(`${p.name}.`)));
	});
}

/**
 * @param {{ paths: RuntimePaths, packs: Pack[], group: ProcessGroup }} context
 */
export async function alonePhases({ paths, packs, group }) {
	const logs = path.join(WORK_DIR, `e2e-alone${VERSION_SUFFIX}`, 'logs');
	fs.rmSync(logs, { recursive: true, force: true });
	fs.mkdirSync(logs, { recursive: true });
	const emulator = await startEmulator(group, { port: await freePort(), logFile: path.join(logs, 'emulator.log') });
	try {
		for (const pack of packs) {
			const pkg = Object.values(PACKAGES).find((p) => p.name === pack.name);
			assert.ok(pkg, `${pack.name} is not one of this repository's packages`);
			const others = Object.values(PACKAGES).filter((p) => p !== pkg);
			const label = `${pkg.name} alone: `;
			step(`${pkg.name} installed alone in n8n ${N8N_VERSION}`);
			const userFolder = path.join(WORK_DIR, `e2e-alone${VERSION_SUFFIX}`, pkg.name);
			// A fresh n8n database each run (the installed package and the encryption key stay).
			for (const entry of fs.existsSync(path.join(userFolder, '.n8n')) ? fs.readdirSync(path.join(userFolder, '.n8n')) : []) {
				if (!['nodes', 'config'].includes(entry)) fs.rmSync(path.join(userFolder, '.n8n', entry), { recursive: true, force: true });
			}
			fs.mkdirSync(path.join(userFolder, 'logs'), { recursive: true });
			await installPackages(userFolder, [pack]);
			const files = examplesOf(pkg);
			await importCredentialsAndWorkflows(paths, userFolder, emulator, { workflows: files });
			const brokerPort = String(await freePort());
			const outputs = await runExamplesHeadless({
				paths,
				userFolder,
				emulatorUrl: emulator.url,
				workflows: files.map(readWorkflow),
				env: n8nEnv(userFolder, { extra: { N8N_RUNNERS_BROKER_PORT: brokerPort } }),
				logs: path.join(userFolder, 'logs'),
				checksById: { ...EXAMPLES, ...exampleChecks(emulator.url) },
				label,
			});
			await check(`${label}n8n execute output has no error or warning about the package`, () => {
				assert.deepEqual(packageWarnings(outputs), []);
			});
			const port = await freePort();
			const env = n8nEnv(userFolder, { port, ownerHash: ownerPasswordHash(paths), logLevel: 'debug', extra: { N8N_RUNNERS_BROKER_PORT: brokerPort } });
			const n8n = await startN8n(group, paths, userFolder, { port, logFile: path.join(userFolder, 'logs', 'n8n.log'), env });
			try {
				await check(`${label}n8n loads its ${pkg.n8n.nodes.length} nodes and ${pkg.n8n.credentials.length} credentials, nothing of ${others.map((p) => p.name).join(', ')}, with no error or warning`, async () => {
					assertPackagesLoaded(n8n.output.lines.map(stripAnsi), [pkg], others);
					const session = new N8nSession(n8n.apiUrl);
					await session.login();
					/** @type {Array<{ name: string }>} */
					const types = (await session.get('/types/nodes.json')).body;
					const ours = types.map((t) => t.name).filter((name) => Object.values(PACKAGES).some((p) => name.startsWith(`${p.name}.`)));
					const expected = pkg.n8n.nodes.map((file) => `${pkg.name}.${nodeNameOf(file)}`);
					for (const name of expected) assert.ok(ours.includes(name), `${name} is not a known node type (${ours.join(', ')})`);
					assert.ok(ours.every((name) => name.startsWith(`${pkg.name}.`)), `node types of another package: ${ours.join(', ')}`);
				});
			} finally {
				await group.stop('n8n');
			}
			say(`  ${path.relative(ROOT, userFolder)}: ${files.length} example(s) run`);
		}
	} finally {
		await group.stop('emulator');
	}
}

/**
 * The node name n8n gives the class in dist/nodes/<Class>/<Class>.node.js: the class name with a
 * lower-case first letter (CommonRoomTrigger → commonRoomTrigger).
 * @param {string} file
 */
function nodeNameOf(file) {
	const className = path.basename(file, '.node.js');
	return className[0].toLowerCase() + className.slice(1);
}
