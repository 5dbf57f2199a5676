// @ts-check
// The n8n the benchmark measures, set up the way `npm start` sets up its own: n8n 2.41.1 on Node 24
// from the cache, this clone packed and installed as a community package, the emulator of both
// APIs, then one long-running `n8n start` — its own user folder (.n8n-e2e/bench-n8n, a fresh
// database each run) and free ports, so it runs beside `npm start`, the e2e suite or another bench.
import fs from 'node:fs';
import path from 'node:path';

import { SetupError, step } from '../../scripts/lib/console.mjs';
import { startEmulator } from '../../scripts/lib/emulator.mjs';
import { N8nSession } from '../../scripts/lib/n8n-rest.mjs';
import { n8nCli, n8nEnv, ownerPasswordHash, startN8n } from '../../scripts/lib/n8n.mjs';
import { nodeVersionOf } from '../../scripts/lib/node-runtime.mjs';
import { buildAndPack, installPackages } from '../../scripts/lib/pack.mjs';
import { freePort } from '../../scripts/lib/ports.mjs';
import { ensureRuntime } from '../../scripts/lib/runtime-install.mjs';
import { PACKAGES, ROOT, WORK_DIR } from '../../scripts/lib/settings.mjs';
import { benchCredentials, benchWorkflows } from './workflows.mjs';

export const USER_FOLDER = path.join(WORK_DIR, 'bench-n8n');
const LOGS = path.join(USER_FOLDER, 'logs');

/** @typedef {import('../../scripts/lib/processes.mjs').ProcessGroup} ProcessGroup */
/** @typedef {import('./workflows.mjs').Sender} Sender */

/**
 * Forgets the previous run's n8n data (database, settings) but keeps the installed package
 * (.n8n/nodes; installPackage skips the npm install when the tarball is the same), so every run
 * starts from the same empty n8n and executions do not pile up in the database.
 */
function freshUserFolder() {
	const dotN8n = path.join(USER_FOLDER, '.n8n');
	fs.mkdirSync(dotN8n, { recursive: true });
	for (const entry of fs.readdirSync(dotN8n)) {
		if (entry !== 'nodes') fs.rmSync(path.join(dotN8n, entry), { recursive: true, force: true });
	}
	fs.rmSync(LOGS, { recursive: true, force: true });
	fs.mkdirSync(LOGS, { recursive: true });
}

/**
 * The emulator's demo seed plus one Common Room token per node run: the emulator's buckets are
 * per token and reset between runs anyway, but the node's limiter lives in the n8n process, keyed
 * by token, and must start fresh each run (see workflows.mjs, benchCredentials).
 * @param {string[]} nodeKeys
 */
function writeSeed(nodeKeys) {
	const seed = JSON.parse(fs.readFileSync(path.join(ROOT, 'emulator', 'seed', 'demo.json'), 'utf8'));
	const nodeTokens = nodeKeys.map((key) => ({ key, token: `bench_node_${key}_token`, jti: `bench-${key}` }));
	seed.commonRoom.tokens.push(...nodeTokens.map(({ token, jti }) => ({ token, jti })));
	const file = path.join(USER_FOLDER, 'bench-seed.json');
	fs.writeFileSync(file, JSON.stringify(seed, null, 2));
	return { file, nodeTokens };
}

/**
 * `n8n import:credentials` and `n8n import:workflow` (before n8n starts, as `npm start` does).
 * @param {import('../../scripts/lib/runtime-install.mjs').RuntimePaths} paths
 * @param {ReturnType<typeof benchCredentials>} credentials
 * @param {Sender[]} senders
 */
async function importIntoN8n(paths, credentials, senders) {
	const s = step(`Import ${credentials.length} credentials and ${senders.length} workflows (n8n import:*)`);
	const logFile = path.join(LOGS, 'import.log');
	const credFile = path.join(USER_FOLDER, 'credentials.import.json');
	fs.writeFileSync(credFile, JSON.stringify(credentials, null, 2));
	const cred = await n8nCli(paths, USER_FOLDER, ['import:credentials', `--input=${credFile}`], { logFile });
	if (cred.code !== 0) throw new SetupError(`n8n import:credentials failed:\n${cred.stdout}${cred.stderr}`);
	const dir = path.join(USER_FOLDER, 'workflows.import');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	for (const { workflow } of senders) fs.writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
	const wf = await n8nCli(paths, USER_FOLDER, ['import:workflow', '--separate', `--input=${dir}`], { logFile });
	if (wf.code !== 0) throw new SetupError(`n8n import:workflow failed:\n${wf.stdout}${wf.stderr}`);
	s.done();
}

/**
 * Publishes each workflow through the REST API, as the editor's Publish button does, so its
 * Webhook listens on the production URL at once (no restart, unlike `n8n publish:workflow`).
 * @param {N8nSession} session
 * @param {Sender[]} senders
 */
async function publishAll(session, senders) {
	const s = step(`Publish the ${senders.length} workflows (their webhooks listen)`);
	for (const { workflow } of senders) {
		const current = await session.get(`/rest/workflows/${workflow.id}`);
		const versionId = current.body?.data?.versionId;
		if (current.status !== 200 || !versionId) throw new SetupError(`GET /rest/workflows/${workflow.id}: HTTP ${current.status} ${JSON.stringify(current.body).slice(0, 300)}`);
		const published = await session.post(`/rest/workflows/${workflow.id}/activate`, { versionId });
		if (published.status !== 200) {
			throw new SetupError(`publishing "${workflow.name}": HTTP ${published.status} ${JSON.stringify(published.body).slice(0, 300)}`);
		}
	}
	s.done();
}

/**
 * Everything up to an idle n8n whose benchmark workflows listen.
 * @param {ProcessGroup} group
 * @param {{ nodeKeys: string[], ratePerSecond: number }} settings
 */
export async function startBenchInstance(group, { nodeKeys, ratePerSecond }) {
	const paths = await ensureRuntime();
	// The benchmark sends through the Common Room node: its package alone is installed.
	const [pack] = (await buildAndPack()).filter((p) => p.name === PACKAGES.commonRoom.name);
	freshUserFolder();
	await installPackages(USER_FOLDER, [pack]);
	const seed = writeSeed(nodeKeys);
	const emulator = await startEmulator(group, {
		port: await freePort(),
		logFile: path.join(LOGS, 'emulator.log'),
		// Latency is set per phase through /__emulator/config; the limit is fixed for the run.
		options: { seed: seed.file, commonRoom: { ratePerSecond, sendRateLimitHeaders: true }, latency: null },
	});
	const credentials = benchCredentials(emulator, seed.nodeTokens, emulator.tokens.commonRoom);
	const senders = benchWorkflows(emulator, nodeKeys);
	await importIntoN8n(paths, credentials, senders);
	const port = await freePort();
	// The task broker's port too (n8n's default 5679 is shared by every n8n on the machine).
	const brokerPort = String(await freePort());
	const env = n8nEnv(USER_FOLDER, {
		ownerHash: ownerPasswordHash(paths),
		port,
		logLevel: process.env.BENCH_N8N_LOG_LEVEL || 'info',
		extra: { N8N_RUNNERS_BROKER_PORT: brokerPort },
	});
	const n8n = await startN8n(group, paths, USER_FOLDER, { port, logFile: path.join(LOGS, 'n8n.log'), env });
	const readyAt = Date.now();
	const session = new N8nSession(n8n.apiUrl);
	await session.login();
	await publishAll(session, senders);
	if (!n8n.child.pid) throw new SetupError('n8n has no pid');
	return {
		emulator,
		n8nApiUrl: n8n.apiUrl,
		n8nPid: n8n.child.pid,
		readyAt,
		senders,
		n8nNodeVersion: nodeVersionOf(paths.nodeBin),
		tarball: { file: path.relative(ROOT, pack.tarball), sha256: pack.sha },
		logs: path.relative(ROOT, LOGS),
	};
}

/**
 * Sets the emulator's latency: fixed ± jitter (uniform), for every request that follows.
 * @param {string} emulatorUrl
 * @param {{ fixedMs: number, jitterMs: number } | null} latency
 */
export async function setLatency(emulatorUrl, latency) {
	const response = await fetch(`${emulatorUrl}/__emulator/config`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ latency }),
	});
	if (!response.ok) throw new SetupError(`POST /__emulator/config: HTTP ${response.status} ${await response.text()}`);
}
