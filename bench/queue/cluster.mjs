// @ts-check
// n8n in queue mode: one user folder (.n8n-e2e/bench-queue, its package installed as a community
// package) shared by main and every worker, one database (PostgreSQL), one queue (Redis), one
// encryption key. Main (`n8n start`) receives the webhook and enqueues the execution; the workers
// (`n8n worker --concurrency=5`) take jobs from Redis and run them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { SetupError, step } from '../../scripts/lib/console.mjs';
import { n8nCli, n8nEnv, ownerPasswordHash, startN8n } from '../../scripts/lib/n8n.mjs';
import { buildAndPack, installPackages } from '../../scripts/lib/pack.mjs';
import { freePort } from '../../scripts/lib/ports.mjs';
import { pipeOutput } from '../../scripts/lib/processes.mjs';
import { PACKAGES, WORK_DIR } from '../../scripts/lib/settings.mjs';
import { credentialsFile } from '../../scripts/lib/workflows.mjs';
import { waitForLine } from './services.mjs';
import { WORKFLOW_ID, queueWorkflow } from './workflow.mjs';

export const USER_FOLDER = path.join(WORK_DIR, 'bench-queue');
export const LOGS = path.join(USER_FOLDER, 'logs');
/** Fixed for every process: each must decrypt the credential the others stored. */
const ENCRYPTION_KEY = 'bench-queue-encryption-key-0b6d3e';
export const WORKER_CONCURRENCY = 5;

/** @typedef {import('../../scripts/lib/processes.mjs').ProcessGroup} ProcessGroup */
/** @typedef {import('../../scripts/lib/runtime-install.mjs').RuntimePaths} RuntimePaths */
/** @typedef {import('../../scripts/lib/emulator.mjs').EmulatorInfo} EmulatorInfo */
/** @typedef {import('./services.mjs').Postgres} Postgres */
/** @typedef {{ postgres: Postgres, redisPort: number, mainPort: number, ownerHash: string }} Cluster */
/** @typedef {{ name: string, logFile: string, output: ReturnType<typeof pipeOutput> }} Worker */

/** Ports handed out in this run: freePort() may give the same free port twice in a row. */
const taken = new Set();
export async function uniqueFreePort() {
	for (;;) {
		const port = await freePort();
		if (!taken.has(port)) {
			taken.add(port);
			return port;
		}
	}
}

/**
 * The previous run's n8n data goes (settings, logs); the installed package stays (installPackage
 * skips npm when the tarball is the same). The database is PostgreSQL's, new every run.
 */
export function freshUserFolder() {
	const dotN8n = path.join(USER_FOLDER, '.n8n');
	fs.mkdirSync(dotN8n, { recursive: true });
	for (const entry of fs.readdirSync(dotN8n)) {
		if (entry !== 'nodes') fs.rmSync(path.join(dotN8n, entry), { recursive: true, force: true });
	}
	fs.rmSync(LOGS, { recursive: true, force: true });
	fs.mkdirSync(LOGS, { recursive: true });
}

/**
 * The environment of every n8n process of the cluster. Each process starts its own task-runner
 * broker (default port 5679, which would collide between processes and with another n8n on the
 * machine), so each gets its own free `brokerPort`. Only main listens on `mainPort`: a worker
 * without health check or metrics opens no HTTP server.
 * @param {Cluster} cluster
 * @param {{ brokerPort: number, owner?: boolean }} options
 */
export function clusterEnv(cluster, { brokerPort, owner = false }) {
	const { postgres: pg } = cluster;
	return n8nEnv(USER_FOLDER, {
		port: cluster.mainPort,
		ownerHash: owner ? cluster.ownerHash : undefined,
		extra: {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(cluster.redisPort),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: pg.host,
			DB_POSTGRESDB_PORT: String(pg.port),
			DB_POSTGRESDB_DATABASE: pg.database,
			DB_POSTGRESDB_USER: pg.user,
			DB_POSTGRESDB_PASSWORD: pg.password,
			WEBHOOK_URL: `http://localhost:${cluster.mainPort}/`,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			// Queue mode's future default (n8n warns without it); this benchmark runs no manual executions.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			// A worker stopped between rounds has nothing running; do not wait 30 s for it.
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		},
	});
}

/**
 * The package packed and installed (into the folder freshUserFolder() emptied), then (before main starts, as `npm start` does) the
 * credentials and the workflow imported and the workflow published, so its production webhook
 * listens as soon as main is up. The first CLI command runs n8n's migrations on PostgreSQL.
 * @param {RuntimePaths} paths
 * @param {Cluster} cluster
 * @param {EmulatorInfo} emulator
 */
export async function prepareN8n(paths, cluster, emulator) {
	// The benchmark sends through the Common Room node: its package alone is installed.
	const pack = (await buildAndPack()).filter((p) => p.name === PACKAGES.commonRoom.name);
	await installPackages(USER_FOLDER, pack);
	const s = step('Credentials and workflow into PostgreSQL: n8n import:credentials, import:workflow, publish:workflow');
	const logFile = path.join(LOGS, 'import.log');
	const env = clusterEnv(cluster, { brokerPort: await uniqueFreePort() });
	const workflowFile = path.join(USER_FOLDER, 'workflow.import.json');
	fs.writeFileSync(workflowFile, JSON.stringify(queueWorkflow(), null, 2));
	const commands = [
		['import:credentials', `--input=${credentialsFile(USER_FOLDER, emulator)}`],
		['import:workflow', `--input=${workflowFile}`],
		['publish:workflow', `--id=${WORKFLOW_ID}`],
	];
	for (const args of commands) {
		const result = await n8nCli(paths, USER_FOLDER, args, { logFile, env });
		if (result.code !== 0) throw new SetupError(`n8n ${args[0]} failed (see ${logFile}):\n${result.stdout}${result.stderr}`);
	}
	s.done('migrations run, the credentials and 1 workflow imported, the workflow published');
	return { tarball: path.basename(pack[0].tarball), sha256: pack[0].sha };
}

/**
 * @param {RuntimePaths} paths
 * @returns {Promise<Cluster>}
 * @param {{ postgres: Postgres, redisPort: number }} services
 */
export async function clusterSettings(paths, services) {
	return { ...services, mainPort: await uniqueFreePort(), ownerHash: ownerPasswordHash(paths) };
}

/**
 * `n8n start`, the main process: the editor, the webhook, the queue's producer.
 * @param {ProcessGroup} group
 * @param {RuntimePaths} paths
 * @param {Cluster} cluster
 */
export async function startMain(group, paths, cluster) {
	const env = clusterEnv(cluster, { brokerPort: await uniqueFreePort(), owner: true });
	return startN8n(group, paths, USER_FOLDER, { port: cluster.mainPort, logFile: path.join(LOGS, 'main.log'), env });
}

/**
 * Starts k workers at once and resolves when every one says it is ready. Their logs
 * (logs/worker-k<k>-<i>.log) are also how executions are attributed to workers: n8n 2.x
 * stores no worker id with an execution, but each worker logs "Worker started execution N".
 * @param {ProcessGroup} group
 * @param {RuntimePaths} paths
 * @param {Cluster} cluster
 * @param {number} k
 * @returns {Promise<Worker[]>}
 */
export async function startWorkers(group, paths, cluster, k) {
	const s = step(`${k} workers: n8n worker --concurrency=${WORKER_CONCURRENCY}`);
	const started = Array.from({ length: k }, async (_, i) => {
		const name = `worker-k${k}-${i + 1}`;
		const logFile = path.join(LOGS, `${name}.log`);
		const env = clusterEnv(cluster, { brokerPort: await uniqueFreePort() });
		const child = spawn(paths.nodeBin, [paths.n8nMain, 'worker', `--concurrency=${WORKER_CONCURRENCY}`], {
			cwd: USER_FOLDER,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		group.add(name, child, 20000);
		const output = pipeOutput(child, logFile, false);
		await waitForLine(child, output, /n8n worker is now ready/, { label: name, logFile, timeoutMs: 180000 });
		return { name, logFile, output };
	});
	const workers = await Promise.all(started);
	s.done(`ready: ${workers.map((w) => w.name).join(', ')}`);
	return workers;
}

/**
 * Stops the workers (SIGTERM, then SIGKILL after the grace period), all at once.
 * @param {ProcessGroup} group
 * @param {Worker[]} workers
 */
export async function stopWorkers(group, workers) {
	const s = step(`Stop ${workers.length} workers`);
	await Promise.all(workers.map((w) => group.stop(w.name)));
	s.done();
}

/**
 * Which worker ran which execution, from the workers' own log lines.
 * @param {Worker[]} workers
 * @returns {Map<string, { worker: string, jobId: string }>} by execution id
 */
export function executionsByWorker(workers) {
	const found = new Map();
	for (const worker of workers) {
		for (const line of worker.output.lines) {
			const match = /Worker started execution (\d+) \(job (\d+)\)/.exec(line);
			if (match) found.set(match[1], { worker: worker.name, jobId: match[2] });
		}
	}
	return found;
}
