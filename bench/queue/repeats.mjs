#!/usr/bin/env node
// `npm run bench:queue:repeats`: does the Common Room Trigger drop repeated webhook deliveries
// (same envelope id) in n8n 2.41.1's queue mode? The cluster of bench:queue (PostgreSQL, Redis,
// main, 2 workers; no emulator), a workflow Common Room Trigger → Code node writing static data,
// then repeated deliveries, the executions counted per envelope id from PostgreSQL:
//   A  main receives the webhooks (main + 2 workers)
//   B  2 `n8n webhook` processes receive them (main with N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true),
//      plus B(d), repeats 1 s later to the other process, and B(a), B(d) to the trigger alone (controls)
// Writes bench/queue/repeats-results.json; see README.md here ("Repeated deliveries in queue mode").
// Exits 0 when it ran, whatever it measured; 1 when it could not run.
// @ts-check
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { SetupError, c, printTable, say, seconds, step } from '../../scripts/lib/console.mjs';
import { nodeVersionOf } from '../../scripts/lib/node-runtime.mjs';
import { ProcessGroup } from '../../scripts/lib/processes.mjs';
import { ensureRuntime } from '../../scripts/lib/runtime-install.mjs';
import { N8N_VERSION, ROOT } from '../../scripts/lib/settings.mjs';
import { LOGS, WORKER_CONCURRENCY, clusterSettings, freshUserFolder, startWorkers, uniqueFreePort } from './cluster.mjs';
import { lastExecutionId } from './measure.mjs';
import { machineFacts } from './report.mjs';
import { WORKFLOWS, deliver, prepareRepeats, settledExecutions, startMainProcess, startWebhookProcesses, storedStaticData } from './repeats-cluster.mjs';
import { ensureRedis, startPostgres, startRedis } from './services.mjs';

const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'repeats-results.json');
const WORKERS = 2;

/** @typedef {import('./repeats-cluster.mjs').Answer} Answer */
/** @typedef {import('./repeats-cluster.mjs').RepeatsWorkflow} RepeatsWorkflow */
/** @typedef {import('./services.mjs').Postgres} Postgres */

/** `count` envelope ids for one sub-scenario: `A-b-07`. @param {string} prefix @param {number} count */
const idsOf = (prefix, count) => Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(3, '0')}`);

/**
 * Sends a sub-scenario's deliveries, waits until its executions are over and no more start, and
 * counts them per envelope id: `duplicates` are executions beyond one per id, `missing` ids that
 * started none.
 * @param {Postgres} pg
 * @param {{ key: string, scenario: string, what: string, ids: string[], send: (ids: string[], workflow: RepeatsWorkflow) => Promise<Answer[]>, workflow?: RepeatsWorkflow }} sub
 */
async function runSub(pg, { key, scenario, what, ids, send, workflow = WORKFLOWS.withCode }) {
	const s = step(`${key}: ${what}`);
	const afterId = lastExecutionId(pg);
	const started = Date.now();
	const answers = await send(ids, workflow);
	const sendSeconds = (Date.now() - started) / 1000;
	const { settled, executions } = await settledExecutions(pg, workflow.id, afterId, ids.length);
	/** @type {Map<string, number>} */
	const perId = new Map(ids.map((id) => [id, 0]));
	let foreign = 0;
	for (const e of executions) {
		if (e.envelopeId !== null && perId.has(e.envelopeId)) perId.set(e.envelopeId, (perId.get(e.envelopeId) ?? 0) + 1);
		else foreign += 1;
	}
	const counts = [...perId.values()];
	const duplicates = counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
	const missing = counts.filter((n) => n === 0).length;
	const refused = answers.filter((a) => a.status !== 200);
	const result = {
		key,
		scenario,
		what,
		workflowId: workflow.id,
		deliveries: answers.length,
		distinctIds: ids.length,
		startedAnswers: answers.filter((a) => a.started).length,
		refusedAnswers: refused.length,
		firstRefusal: refused[0] ? `${refused[0].status} ${refused[0].answer}` : null,
		executions: executions.length,
		expected: ids.length,
		duplicates,
		missing,
		executionsWithoutKnownId: foreign,
		failedExecutions: executions.filter((e) => e.status !== 'success').length,
		allSettled: settled,
		sendSeconds,
		duplicatedIds: [...perId].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`),
	};
	const line = `${result.executions} executions for ${ids.length} ids: ${duplicates} duplicates, ${missing} missing`;
	s.done(`${duplicates || missing || !settled ? c.red(line) : c.green(line)} (${answers.length} POSTs in ${sendSeconds.toFixed(1)} s, ${result.startedAnswers} answered "started")`);
	if (refused.length) s.info(c.red(`${refused.length} POSTs not answered 200, e.g. ${result.firstRefusal}`));
	return result;
}

/** Each id posted `times` times in a row, one after the other. @param {() => string} url @param {number} times */
const inRow = (url, times) => async (/** @type {string[]} */ ids, /** @type {RepeatsWorkflow} */ workflow) => {
	const answers = [];
	for (const id of ids) for (let i = 0; i < times; i++) answers.push(await deliver(url(), id, workflow));
	return answers;
};
/** Each id posted to `first`, then again 1 s later to `second`. @param {string} first @param {string} second */
const secondLater = (first, second) => async (/** @type {string[]} */ ids, /** @type {RepeatsWorkflow} */ workflow) => {
	const answers = [];
	for (const id of ids) {
		answers.push(await deliver(first, id, workflow));
		await sleep(1000);
		answers.push(await deliver(second, id, workflow));
	}
	return answers;
};
/** Per id, one burst: the same delivery posted to each of `urls` at once. @param {() => string[]} urls */
const bursts = (urls) => async (/** @type {string[]} */ ids, /** @type {RepeatsWorkflow} */ workflow) => {
	const answers = [];
	for (const id of ids) answers.push(...(await Promise.all(urls().map((url) => deliver(url, id, workflow)))));
	return answers;
};

async function main() {
	if (process.argv.includes('--help') || process.argv.includes('-h')) {
		say(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 10).join('\n').replace(/^\/\/ ?/gm, ''));
		return;
	}
	const startedAt = new Date();
	const machine = machineFacts(null);
	const group = new ProcessGroup();
	let interrupted = false;
	group.handleSignals(() => {
		interrupted = true;
		say(`\n${c.yellow('Stopping')} n8n, the workers, the webhook processes, Redis and PostgreSQL…`);
	});
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-queue-repeats-'));
	fs.chmodSync(tmp, 0o711); // traversable by the `postgres` user PostgreSQL runs as under root
	process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
	say(c.bold(`bench:queue:repeats — n8n ${N8N_VERSION} in queue mode: repeated Common Room deliveries, main or 2 webhook processes, ${WORKERS} workers`));
	try {
		ensureRedis();
		const paths = await ensureRuntime();
		freshUserFolder();
		const postgres = await startPostgres(group, { port: await uniqueFreePort(), dir: path.join(tmp, 'postgres'), logFile: path.join(LOGS, 'postgres.log') });
		const redisPort = await uniqueFreePort();
		await startRedis(group, { port: redisPort, dir: path.join(tmp, 'redis'), logFile: path.join(LOGS, 'redis.log') });
		const cluster = await clusterSettings(paths, { postgres, redisPort });
		const commit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
		const changed = spawnSync('git', ['status', '--porcelain', '--', 'packages'], { cwd: ROOT, encoding: 'utf8' }).stdout.trimEnd();
		const tarball = await prepareRepeats(paths, cluster);
		let main = await startMainProcess(group, paths, cluster, { productionWebhooks: true });
		await startWorkers(group, paths, cluster, WORKERS);

		say(c.bold(`\nA: main + ${WORKERS} workers, main receives the webhooks (${main.apiUrl})`));
		const toMain = () => main.apiUrl;
		const subs = [];
		subs.push(await runSub(postgres, { key: 'A(a)', scenario: 'A', what: '100 deliveries, each posted twice in a row to main', ids: idsOf('A-a', 100), send: inRow(toMain, 2) }));
		subs.push(await runSub(postgres, { key: 'A(b)', scenario: 'A', what: '20 bursts: the same new delivery posted 5 times at once to main', ids: idsOf('A-b', 20), send: bursts(() => Array(5).fill(main.apiUrl)) }));
		subs.push(await runSub(postgres, { key: 'A(c)', scenario: 'A', what: '20 deliveries, each posted once to main and repeated 1 s later', ids: idsOf('A-c', 20), send: secondLater(main.apiUrl, main.apiUrl) }));

		say(c.bold(`\nB: 2 webhook processes + main (N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true) + ${WORKERS} workers`));
		await group.stop('n8n');
		main = await startMainProcess(group, paths, cluster, { productionWebhooks: false });
		const [hook1, hook2] = await startWebhookProcesses(group, paths, cluster, 2);
		let turn = 0; // B(a): process 1, then the repeat to process 2
		subs.push(await runSub(postgres, { key: 'B(a)', scenario: 'B', what: '100 deliveries, each posted to webhook process 1, then its repeat to process 2', ids: idsOf('B-a', 100), send: inRow(() => (turn++ % 2 === 0 ? hook1.url : hook2.url), 2) }));
		subs.push(await runSub(postgres, { key: 'B(b)', scenario: 'B', what: '20 bursts: the same new delivery posted 6 times at once, 3 to each webhook process', ids: idsOf('B-b', 20), send: bursts(() => [hook1.url, hook2.url, hook1.url, hook2.url, hook1.url, hook2.url]) }));
		subs.push(await runSub(postgres, { key: 'B(c)', scenario: 'B', what: '20 bursts: the same new delivery posted 5 times at once, all to webhook process 1', ids: idsOf('B-c', 20), send: bursts(() => Array(5).fill(hook1.url)) }));
		// Beyond the brief: the repeat 1 s later to the other process, when the first delivery's save has long landed.
		const later = '20 deliveries, each posted to webhook process 1 and repeated 1 s later to process 2';
		subs.push(await runSub(postgres, { key: 'B(d)', scenario: 'B', what: later, ids: idsOf('B-d', 20), send: secondLater(hook1.url, hook2.url) }));
		// Controls: B(a) and B(d) to the trigger alone, whose executions change no static data, so no worker saves any.
		const alone = '(the trigger alone: the workers save no static data)';
		turn = 0;
		subs.push(await runSub(postgres, { key: 'B(a) control', scenario: 'B', what: `B(a) ${alone}`, ids: idsOf('B-a-ctl', 100), send: inRow(() => (turn++ % 2 === 0 ? hook1.url : hook2.url), 2), workflow: WORKFLOWS.triggerOnly }));
		subs.push(await runSub(postgres, { key: 'B(d) control', scenario: 'B', what: `B(d) ${alone}`, ids: idsOf('B-d-ctl', 20), send: secondLater(hook1.url, hook2.url), workflow: WORKFLOWS.triggerOnly }));
		const staticData = storedStaticData(postgres, WORKFLOWS.withCode.id);
		const controlStaticData = storedStaticData(postgres, WORKFLOWS.triggerOnly.id);

		say('');
		say(c.bold('Repeated deliveries: executions per envelope id (PostgreSQL execution_entity + execution_data)'));
		printTable(
			['', 'deliveries', 'distinct ids', '"started" answers', 'executions', 'expected', 'duplicates', 'missing'],
			subs.map((r) => [
				r.key,
				String(r.deliveries),
				String(r.distinctIds),
				String(r.startedAnswers),
				`${r.executions}${r.allSettled ? '' : c.red(' (not settled)')}`,
				String(r.expected),
				r.duplicates ? c.red(String(r.duplicates)) : String(r.duplicates),
				r.missing ? c.red(String(r.missing)) : String(r.missing),
			]),
		);
		for (const r of subs) if (r.duplicatedIds.length) say(`  ${r.key} duplicated: ${r.duplicatedIds.slice(0, 8).join(', ')}${r.duplicatedIds.length > 8 ? ', …' : ''}`);
		const total = subs.filter((r) => r.workflowId === WORKFLOWS.withCode.id).reduce((sum, r) => sum + r.executions, 0);
		say(`  Static data at the end: the Code node's counter says ${staticData.runs} runs of ${total} executions; the trigger's record holds ${staticData.seenDeliveries} ids (control: ${controlStaticData.seenDeliveries}).`);

		const durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
		const results = {
			startedAt: startedAt.toISOString(),
			durationSeconds,
			machine: { ...machine, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100), n8nNode: nodeVersionOf(paths.nodeBin) },
			n8nVersion: N8N_VERSION,
			package: { ...tarball, commit, uncommittedBuildInputs: changed ? changed.split('\n').map((l) => l.slice(3)) : [] },
			settings: { workers: WORKERS, workerConcurrency: WORKER_CONCURRENCY, webhookProcessesInB: 2, executionsCountedAfterQuietSeconds: 5 },
			scenarios: {
				A: `main (n8n start) receives the webhooks; ${WORKERS} workers run the executions`,
				B: `2 n8n webhook processes receive them; main runs with N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true; the same ${WORKERS} workers`,
			},
			subScenarios: subs,
			staticDataAtEnd: { [WORKFLOWS.withCode.id]: { ...staticData, executions: total }, [WORKFLOWS.triggerOnly.id]: controlStaticData },
		};
		fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
		say('');
		say(`Wrote ${path.relative(ROOT, RESULTS_FILE)}. Logs: ${path.relative(ROOT, LOGS)}/. Whole run ${seconds(durationSeconds * 1000)}.`);
		await group.stopAll();
		process.exit(0);
	} catch (error) {
		if (interrupted) return;
		say(`\n${c.red('bench:queue:repeats failed:')} ${error instanceof SetupError ? error.message : error.stack}`);
		await group.stopAll();
		process.exit(1);
	}
}

await main();
