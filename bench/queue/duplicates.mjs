#!/usr/bin/env node
// `npm run bench:queue:duplicates`: does Skip Duplicates of the Team Common Ground node create an
// order twice when n8n 2.41.1 runs in queue mode (main + 2 workers)? The keys live in n8n's store
// of processed items, which no process locks. Webhook → Split Out → Activity > Create (Duplicate
// Key = order id), the same orders POSTed (a) 3 times one after another, (b) twice at once,
// (c) 4 times at once; activities counted per order in the emulator's store.
//   flags: --orders 200  --rounds 5 (of (b) and (c))  --latency 150 (ms, ± 30 %)
// Writes bench/queue/duplicates-results.json; see README.md here. Exits 0 when it ran, whatever
// it measured; 1 when it could not run, 2 for a bad flag.
// @ts-check
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { SetupError, c, printTable, say, seconds, step } from '../../scripts/lib/console.mjs';
import { emulatorReset, startEmulator } from '../../scripts/lib/emulator.mjs';
import { nodeVersionOf } from '../../scripts/lib/node-runtime.mjs';
import { ProcessGroup } from '../../scripts/lib/processes.mjs';
import { ensureRuntime } from '../../scripts/lib/runtime-install.mjs';
import { N8N_VERSION, ROOT } from '../../scripts/lib/settings.mjs';
import { LOGS, WORKER_CONCURRENCY, clusterSettings, freshUserFolder, startMain, startWorkers, uniqueFreePort } from './cluster.mjs';
import { WORKFLOWS, clearStore, ordersOf, postOrders, prepareDuplicates, readExecutions, storeEntries, storedActivities, waitUntilOver } from './duplicates-cluster.mjs';
import { lastExecutionId } from './measure.mjs';
import { machineFacts } from './report.mjs';
import { ensureRedis, startPostgres, startRedis } from './services.mjs';

const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'duplicates-results.json');
const WORKERS = 2;
/** Team Common Ground's limit per minute in the emulator: high, so it never decides anything here. */
const TCG_PER_MINUTE = 600000;

/** @typedef {import('./duplicates-cluster.mjs').DuplicatesWorkflow} DuplicatesWorkflow */
/** @typedef {import('./duplicates-cluster.mjs').Order} Order */
/** @typedef {import('./cluster.mjs').Worker} Worker */
/** @typedef {{ pg: import('./services.mjs').Postgres, mainUrl: string, emulatorUrl: string, workers: Worker[], orders: Order[] }} Setup */

/** @param {string[]} argv */
function parseArgs(argv) {
	const options = { orders: 200, rounds: 5, latency: 150 };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const name = /** @type {'orders' | 'rounds' | 'latency'} */ (flag.slice(2));
		if (flag === '--help' || flag === '-h') {
			say(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 10).join('\n').replace(/^\/\/ ?/gm, ''));
			process.exit(0);
		}
		if (!['--orders', '--rounds', '--latency'].includes(flag)) throw new SetupError(`unknown flag ${argv[i]} (--orders N, --rounds N, --latency ms)`);
		const n = Number(inline ?? argv[++i]);
		if (!Number.isInteger(n) || n < (name === 'latency' ? 0 : 1)) throw new SetupError(`${flag} needs a whole number`);
		options[name] = n;
	}
	return options;
}

/**
 * One round of a scenario from a reset emulator and an empty store: `posts` POSTs of the same
 * orders, `together` (all at once) or one after the other, each waited for; then the figures,
 * and (after POSTs at once) one more POST alone: what it creates are orders whose keys a lost
 * update took out of the store although their activity exists.
 * @param {Setup} setup
 * @param {{ label: string, scenario: string, round: number, workflow: DuplicatesWorkflow, posts: number, together: boolean }} round
 */
async function runRound({ pg, mainUrl, emulatorUrl, workers, orders }, { label, scenario, round, workflow, posts, together }) {
	const s = step(`${label}: ${posts} × ${orders.length} orders ${together ? 'at once' : 'one after another'}`);
	await emulatorReset(emulatorUrl);
	clearStore(pg, workflow);
	const afterId = lastExecutionId(pg);
	const started = Date.now();
	const answers = [];
	if (together) {
		answers.push(...(await Promise.all(Array.from({ length: posts }, () => postOrders(mainUrl, workflow, orders)))));
	} else {
		for (let i = 0; i < posts; i++) {
			answers.push(await postOrders(mainUrl, workflow, orders));
			await waitUntilOver(pg, workflow, afterId, i + 1);
		}
	}
	const allOver = await waitUntilOver(pg, workflow, afterId, answers.filter((a) => a.status === 200).length);
	const roundSeconds = (Date.now() - started) / 1000;
	const executions = readExecutions(pg, workflow, afterId, workers);
	const stored = await storedActivities(emulatorUrl);
	const entries = storeEntries(pg, workflow);
	let rerun = null;
	if (together) {
		const rerunAfter = lastExecutionId(pg);
		await postOrders(mainUrl, workflow, orders);
		await waitUntilOver(pg, workflow, rerunAfter, 1);
		const [execution] = readExecutions(pg, workflow, rerunAfter, workers);
		rerun = { created: (await storedActivities(emulatorUrl)).activities - stored.activities, execution };
	}
	/** @type {Record<string, number>} */
	const perWorker = {};
	for (const e of executions) perWorker[e.worker ?? 'unknown'] = (perWorker[e.worker ?? 'unknown'] ?? 0) + 1;
	const result = {
		label,
		scenario,
		round,
		workflowId: workflow.id,
		orders: orders.length,
		posts,
		together,
		refusedPosts: answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.answer}`),
		executions: executions.length,
		succeeded: executions.filter((e) => e.status === 'success').length,
		failed: executions.filter((e) => e.status !== 'success').length,
		allOver,
		perWorker,
		activitiesStored: stored.activities,
		distinctOrders: stored.distinctOrders,
		neverCreated: orders.length - stored.distinctOrders,
		duplicates: stored.duplicates,
		duplicatedOrders: stored.duplicatedOrders,
		maxPerOrder: stored.maxPerOrder,
		duplicatedExamples: stored.duplicatedExamples,
		storeEntries: entries,
		storeEntriesExpected: 2 * stored.distinctOrders,
		rerunCreated: rerun?.created ?? null,
		rerunExecution: rerun?.execution ?? null,
		roundSeconds,
		executionList: executions,
	};
	const line = `${stored.activities} activities for ${stored.distinctOrders} of ${orders.length} orders: ${stored.duplicates} duplicates; ${result.succeeded}/${executions.length} executions succeeded`;
	s.done(`${stored.duplicates || result.neverCreated || result.failed ? c.red(line) : c.green(line)} (${roundSeconds.toFixed(1)} s; ${Object.entries(perWorker).map(([w, n]) => `${w} ran ${n}`).join(', ')})`);
	for (const e of executions) s.info(`  execution ${e.id} ${e.status} on ${e.worker ?? '?'} at ${e.startedAt}, ${e.seconds ?? '?'} s: ${JSON.stringify(e.outcomes)}${e.error ? c.red(` — ${e.error}`) : ''}`);
	if (rerun) s.info(`  re-run alone afterwards: ${rerun.created} created, ${JSON.stringify(rerun.execution?.outcomes ?? {})}; store held ${entries} values (${result.storeEntriesExpected} for the orders stored)`);
	return result;
}

/** @typedef {Awaited<ReturnType<typeof runRound>>} RoundResult */

/**
 * Until every worker has sent a create: a worker's rate limiter starts at Team Common Ground's
 * documented 120/min and adopts the emulator's X-RateLimit-Limit from its first answer; a worker
 * that has sent nothing yet paces its items at 2/s (even those it then skips), which would decide
 * the race by itself. Executions at once with order ids of their own (WARM-…), then the store cleared.
 * @param {Setup} setup
 */
async function warmUp({ pg, mainUrl, workers }) {
	const s = step(`Warm-up: executions at once until each of the ${workers.length} workers has sent a create`);
	const warm = new Set();
	for (let attempt = 1; attempt <= 5 && warm.size < workers.length; attempt++) {
		const afterId = lastExecutionId(pg);
		const bodies = Array.from({ length: 4 }, (_, e) => Array.from({ length: 5 }, (__, i) => ({ orderId: `WARM-${attempt}${e}${i}`, total: 1 })));
		await Promise.all(bodies.map((orders) => postOrders(mainUrl, WORKFLOWS.c, orders)));
		await waitUntilOver(pg, WORKFLOWS.c, afterId, bodies.length);
		for (const e of readExecutions(pg, WORKFLOWS.c, afterId, workers)) if (e.worker && e.outcomes.created) warm.add(e.worker);
	}
	clearStore(pg, WORKFLOWS.c);
	s.done(warm.size === workers.length ? `each worker has sent: ${[...warm].join(', ')}` : c.red(`only ${[...warm].join(', ') || 'none'} sent`));
	return [...warm];
}

/** @param {RoundResult[]} rounds */
function printResults(rounds) {
	say('');
	say(c.bold('Duplicate creates: activities per order in the emulator, executions in PostgreSQL'));
	const red = (/** @type {number} */ n) => (n ? c.red(String(n)) : String(n));
	printTable(
		['', 'orders', 'executions (ok/failed)', 'workers', 'activities stored', 'distinct orders', 'never created', 'duplicates', 'store values', 're-run creates'],
		rounds.map((r) => [
			r.label,
			String(r.orders),
			`${r.executions} (${r.succeeded}/${red(r.failed)})${r.allOver ? '' : c.red(' not over')}`,
			Object.entries(r.perWorker).map(([w, n]) => `${w.replace(/^worker-k\d+-/, 'w')}:${n}`).join(' '),
			String(r.activitiesStored),
			String(r.distinctOrders),
			red(r.orders - r.distinctOrders),
			red(r.duplicates),
			`${r.storeEntries}/${r.storeEntriesExpected}`,
			r.rerunCreated === null ? '—' : red(r.rerunCreated),
		]),
	);
	for (const r of rounds) if (r.duplicatedExamples.length) say(`  ${r.label} duplicated: ${r.duplicatedExamples.join(', ')}${r.duplicatedOrders > r.duplicatedExamples.length ? ', …' : ''}`);
}

async function main() {
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		say(`${c.red('bench:queue:duplicates:')} ${error.message}`);
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
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-queue-duplicates-'));
	fs.chmodSync(tmp, 0o711); // traversable by the `postgres` user PostgreSQL runs as under root
	process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
	const latency = { fixedMs: options.latency, jitterMs: Math.round(options.latency * 0.3) };
	say(c.bold(`bench:queue:duplicates — n8n ${N8N_VERSION} in queue mode, main + ${WORKERS} workers: Team Common Ground Skip Duplicates, ${options.orders} orders, ${latency.fixedMs} ± ${latency.jitterMs} ms`));
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
			options: { teamCommonGround: { perMinute: TCG_PER_MINUTE }, latency },
		});
		const cluster = await clusterSettings(paths, { postgres, redisPort });
		/** @param {string[]} args */
		const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trimEnd() ?? '';
		const changed = git(['status', '--porcelain', '--', 'packages']); // as the build (below) sees the tree
		const tarball = await prepareDuplicates(paths, cluster, emulator);
		const main = await startMain(group, paths, cluster);
		const workers = await startWorkers(group, paths, cluster, WORKERS);
		/** @type {Setup} */
		const setup = { pg: postgres, mainUrl: main.apiUrl, emulatorUrl: emulator.url, workers, orders: ordersOf(options.orders) };

		const warmWorkers = await warmUp(setup);
		const rounds = [await runRound(setup, { label: '(a) sequential re-runs', scenario: 'a', round: 1, workflow: WORKFLOWS.a, posts: 3, together: false })];
		for (let round = 1; round <= options.rounds; round++) {
			rounds.push(await runRound(setup, { label: `(b) two at once #${round}`, scenario: 'b', round, workflow: WORKFLOWS.b, posts: 2, together: true }));
		}
		for (let round = 1; round <= options.rounds; round++) {
			rounds.push(await runRound(setup, { label: `(c) four at once #${round}`, scenario: 'c', round, workflow: WORKFLOWS.c, posts: 4, together: true }));
		}
		printResults(rounds);

		const durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
		const results = {
			startedAt: startedAt.toISOString(),
			durationSeconds,
			machine: { ...machine, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100), n8nNode: nodeVersionOf(paths.nodeBin) },
			n8nVersion: N8N_VERSION,
			package: { ...tarball, commit: git(['rev-parse', 'HEAD']), uncommittedBuildInputs: changed ? changed.split('\n').map((l) => l.slice(3)) : [] },
			settings: {
				workers: WORKERS,
				workerConcurrency: WORKER_CONCURRENCY,
				orders: options.orders,
				roundsOfBAndC: options.rounds,
				latency: `${latency.fixedMs} ± ${latency.jitterMs} ms (uniform)`,
				teamCommonGroundPerMinute: TCG_PER_MINUTE,
				warmUp: `executions with orders of their own until each worker had sent a create (its rate limiter learns the emulator's limit); warm: ${warmWorkers.join(', ')}`,
				eachRound: 'emulator reset, the node\'s row in processed_data deleted (an empty memory of created keys), then the POSTs; after POSTs at once, one more POST alone (re-run)',
			},
			scenarios: {
				a: `the same ${options.orders} orders POSTed 3 times, each execution over before the next POST`,
				b: `the same ${options.orders} orders POSTed twice at once`,
				c: `the same ${options.orders} orders POSTed 4 times at once`,
			},
			rounds,
		};
		fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
		say('');
		say(`Wrote ${path.relative(ROOT, RESULTS_FILE)}. Logs: ${path.relative(ROOT, LOGS)}/. Whole run ${seconds(durationSeconds * 1000)}.`);
		await group.stopAll();
		process.exit(0);
	} catch (error) {
		if (interrupted) return;
		say(`\n${c.red('bench:queue:duplicates failed:')} ${error instanceof SetupError ? error.message : error.stack}`);
		await group.stopAll();
		process.exit(1);
	}
}

await main();
