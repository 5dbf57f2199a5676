#!/usr/bin/env node
// `npm run bench:queue` (issue 15, "Queue mode, reproducible"): n8n 2.41.1 in queue mode — main,
// k workers, Redis and PostgreSQL, all started here without Docker — sends contacts through this
// package's Common Room node to the emulated Common Room at 20/s, for each k; see README.md here.
//
//   npm run bench:queue                                  k = 2 then 4, 4 executions × 500 contacts
//   npm run bench:queue -- --workers 2 --contacts 100    a small run
//   flags: --workers 2,4  --contacts 500  --executions 4  --latency 150 (ms, ± 30 %)  --keep
//
// Writes bench/queue/results.json. Exits 0 when it ran, whether or not the goals were met.
// @ts-check
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { SetupError, c, say, seconds, step } from '../../scripts/lib/console.mjs';
import { emulatorReset, startEmulator } from '../../scripts/lib/emulator.mjs';
import { nodeVersionOf } from '../../scripts/lib/node-runtime.mjs';
import { ProcessGroup } from '../../scripts/lib/processes.mjs';
import { ensureRuntime } from '../../scripts/lib/runtime-install.mjs';
import { N8N_VERSION, ROOT } from '../../scripts/lib/settings.mjs';
import { LOGS, WORKER_CONCURRENCY, clusterSettings, executionsByWorker, freshUserFolder, prepareN8n, startMain, startWorkers, stopWorkers, uniqueFreePort } from './cluster.mjs';
import { lastExecutionId, readExecution, roundRequests, sendRound, storedOutcome, waitForExecutions } from './measure.mjs';
import { goalsOf, machineFacts, printReport, writeResults } from './report.mjs';
import { ensureRedis, startPostgres, startRedis } from './services.mjs';
import { roundBodies } from './workflow.mjs';

const RATE_PER_SECOND = 20;
/** ± 30 % of the latency, uniform (the emulator's jitter). */
const JITTER = 0.3;

/** @param {string[]} argv */
function parseArgs(argv) {
	const options = { workers: [2, 4], contacts: 500, executions: 4, latency: 150, keep: false };
	/** @param {string} flag @param {unknown} value */
	const whole = (flag, value, min = 1) => {
		const n = Number(value);
		if (!Number.isInteger(n) || n < min) throw new SetupError(`${flag} needs a whole number ≥ ${min}`);
		return n;
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => inline ?? argv[++i];
		if (flag === '--help' || flag === '-h') {
			say(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 10).join('\n').replace(/^\/\/ ?/gm, ''));
			process.exit(0);
		} else if (flag === '--workers') options.workers = [...new Set(String(value()).split(',').map((k) => whole('--workers', k)))];
		else if (flag === '--contacts') options.contacts = whole('--contacts', value());
		else if (flag === '--executions') options.executions = whole('--executions', value());
		else if (flag === '--latency') options.latency = whole('--latency', value(), 0);
		else if (flag === '--keep') options.keep = true;
		else throw new SetupError(`unknown flag ${argv[i]} (--workers 2,4, --contacts N, --executions N, --latency ms, --keep)`);
	}
	return options;
}

/**
 * One k: fresh workers, the emulator reset (store, buckets, log), the executions POSTed at once,
 * then everything read back once they are over.
 * @param {{ group: ProcessGroup, paths: import('../../scripts/lib/runtime-install.mjs').RuntimePaths, cluster: import('./cluster.mjs').Cluster, emulatorUrl: string, mainUrl: string }} setup
 * @param {number} k
 * @param {{ contacts: number, executions: number }} options
 */
async function runRound({ group, paths, cluster, emulatorUrl, mainUrl }, k, { contacts, executions }) {
	const workers = await startWorkers(group, paths, cluster, k);
	await emulatorReset(emulatorUrl);
	const bodies = roundBodies(k, executions, contacts);
	const ideal = (contacts * executions) / RATE_PER_SECOND;
	const s = step(`k = ${k}: ${executions} executions × ${contacts} contacts at once (≥ ${ideal.toFixed(0)} s at ${RATE_PER_SECOND}/s)`);
	const afterId = lastExecutionId(cluster.postgres);
	const started = Date.now();
	const webhookAnswers = await sendRound(mainUrl, bodies);
	const refused = webhookAnswers.filter((a) => a.status !== 200);
	if (refused.length) s.info(c.red(`main refused ${refused.length} POSTs: ${refused[0].status} ${refused[0].answer}`));
	const timeoutMs = (Math.max(60, ideal * 2.5) + 30) * 1000;
	const waited = await waitForExecutions(cluster.postgres, afterId, executions - refused.length, timeoutMs);
	const roundSeconds = (Date.now() - started) / 1000;
	const byWorker = executionsByWorker(workers);
	const requests = await roundRequests(emulatorUrl, RATE_PER_SECOND);
	// When each execution ended, in seconds of the per-second series: a dip in the series that
	// follows an execution's end is the other workers taking over its share of the limit.
	const seriesStart = requests.firstRequestAt ? Date.parse(requests.firstRequestAt) : started;
	const executionList = waited.ids.map((id) => {
		const figures = readExecution(cluster.postgres, id);
		const endedMs = figures.startedAt && figures.seconds !== null ? Date.parse(figures.startedAt) + figures.seconds * 1000 : null;
		const endedAtSecond = endedMs === null ? null : Math.round((endedMs - seriesStart) / 100) / 10;
		return { ...figures, endedAtSecond, worker: byWorker.get(id)?.worker ?? null, jobId: byWorker.get(id)?.jobId ?? null };
	});
	/** @type {Record<string, number[]>} */
	const runsByWorker = Object.fromEntries(workers.map((w) => [w.name, []]));
	for (const e of executionList) if (e.worker && e.run !== null) runsByWorker[e.worker].push(e.run);
	const stored = await storedOutcome(emulatorUrl, bodies);
	const failedItems = executionList.reduce((sum, e) => sum + e.failed, 0) + (executions - executionList.length) * contacts;
	s.done(
		`${waited.done ? 'all over' : c.red('timed out')} in ${roundSeconds.toFixed(1)} s: ${requests.accepted} accepted, ${requests.rejected429} × 429, ` +
			`${failedItems} failed, ${stored.lost} lost, ${stored.duplicates} duplicates`,
	);
	return { workers: k, executions, contactsPerExecution: contacts, allFinished: waited.done, roundSeconds, webhookAnswers, executionList, runsByWorker, requests, stored, failedItems, workerList: workers };
}

/**
 * Which source the tarball was built from: the commit, and the build inputs that differed from it
 * (other work in progress in the same tree is measured too, and should be visible as such).
 */
function sourceFacts() {
	/** @param {string[]} args */
	const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
	const changed = git(['status', '--porcelain', '--', 'packages']);
	return { commit: git(['rev-parse', 'HEAD']), uncommittedBuildInputs: changed ? changed.split('\n').map((line) => line.slice(3)) : [] };
}

async function main() {
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		say(`${c.red('bench:queue:')} ${error.message}`);
		process.exit(2);
	}
	const startedAt = new Date();
	const machine = machineFacts(null);
	const group = new ProcessGroup();
	let interrupted = false;
	group.handleSignals(() => {
		interrupted = true;
		say(`\n${c.yellow('Stopping')} n8n, the workers, the emulator, Redis and PostgreSQL…`);
	});
	// Redis's and PostgreSQL's data: a folder of their own, gone afterwards (also after Ctrl-C:
	// ProcessGroup stops them first, then exits; this runs at that exit). Traversable by the
	// `postgres` user, as whom PostgreSQL runs when we are root.
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-queue-'));
	fs.chmodSync(tmp, 0o711);
	process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
	const latency = { fixedMs: options.latency, jitterMs: Math.round(options.latency * JITTER) };
	say(c.bold(`bench:queue — n8n ${N8N_VERSION} in queue mode, k = ${options.workers.join(' then ')} workers, ${options.executions} × ${options.contacts} contacts, ${latency.fixedMs} ± ${latency.jitterMs} ms, Common Room at ${RATE_PER_SECOND}/s`));
	try {
		ensureRedis();
		const paths = await ensureRuntime();
		freshUserFolder();
		const postgres = await startPostgres(group, { port: await uniqueFreePort(), dir: path.join(tmp, 'postgres'), logFile: path.join(LOGS, 'postgres.log') });
		const redisPort = await uniqueFreePort();
		await startRedis(group, { port: redisPort, dir: path.join(tmp, 'redis'), logFile: path.join(LOGS, 'redis.log') });
		const emulator = await startEmulator(group, {
			port: await uniqueFreePort(),
			logFile: path.join(LOGS, 'emulator.log'),
			options: { commonRoom: { ratePerSecond: RATE_PER_SECOND, sendRateLimitHeaders: true }, latency },
		});
		const cluster = await clusterSettings(paths, { postgres, redisPort });
		const source = sourceFacts(); // as the build (inside prepareN8n) sees the tree
		const tarball = await prepareN8n(paths, cluster, emulator);
		const main = await startMain(group, paths, cluster);
		const setup = { group, paths, cluster, emulatorUrl: emulator.url, mainUrl: main.apiUrl };
		const rounds = [];
		for (const [index, k] of options.workers.entries()) {
			const round = await runRound(setup, k, options);
			// Fresh workers for the next k: the node's limiter lives in each worker process.
			if (!(options.keep && index === options.workers.length - 1)) await stopWorkers(group, round.workerList);
			const { workerList, ...figures } = round;
			rounds.push({ ...figures, workerLogs: workerList.map((w) => path.relative(ROOT, w.logFile)) });
		}
		printReport(rounds, RATE_PER_SECOND);
		const durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
		const file = writeResults({
			startedAt: startedAt.toISOString(),
			durationSeconds,
			// Other work on the same 2 cores shows in the load: the figures are only as quiet as it.
			machine: { ...machine, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100), n8nNode: nodeVersionOf(paths.nodeBin) },
			n8nVersion: N8N_VERSION,
			package: { ...tarball, ...source },
			settings: {
				workers: options.workers,
				workerConcurrency: WORKER_CONCURRENCY,
				executions: options.executions,
				contactsPerExecution: options.contacts,
				latency: `${latency.fixedMs} ± ${latency.jitterMs} ms (uniform)`,
				commonRoomRatePerSecond: RATE_PER_SECOND,
				commonRoomBurst: RATE_PER_SECOND,
				services: { postgres: `127.0.0.1:${postgres.port}`, redis: `127.0.0.1:${redisPort}`, main: main.apiUrl, emulator: emulator.url },
			},
			rounds: rounds.map((r) => ({ ...r, goals: goalsOf(r) })),
		});
		say('');
		say(`Wrote ${path.relative(ROOT, file)}. Logs: ${path.relative(ROOT, LOGS)}/ (main, workers, emulator, PostgreSQL, Redis). Whole run ${seconds(durationSeconds * 1000)}.`);
		if (options.keep) {
			say(c.yellow(`--keep: still running — main ${main.url}, emulator ${emulator.url}, PostgreSQL 127.0.0.1:${postgres.port} (user n8n, db n8n), Redis 127.0.0.1:${redisPort}; data in ${tmp}. Ctrl-C stops everything and removes that folder.`));
			return;
		}
		await group.stopAll();
		process.exit(0);
	} catch (error) {
		// After Ctrl-C the round's polling fails as PostgreSQL shuts down: not worth a message.
		if (interrupted) return;
		say(`\n${c.red('bench:queue failed:')} ${error instanceof SetupError ? error.message : error.stack}`);
		await group.stopAll();
		process.exit(1);
	}
}

await main();
