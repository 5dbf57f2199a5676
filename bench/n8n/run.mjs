#!/usr/bin/env node
// `npm run bench:n8n` (issue 15, "Side by side in a real n8n"): the same contacts sent to the
// emulated Common Room at 20/s through (a) this package's Common Room node, (b) n8n's HTTP Request
// node as it comes and (c) the HTTP Request node with Batching at the limit, plus an empty
// workflow as the CPU baseline, at each latency, in one real n8n. See bench/n8n/README.md.
//
//   npm run bench:n8n                                   500 contacts at 150 and 800 ms
//   npm run bench:n8n -- --contacts 200 --latencies 150  a smaller run
//
// Writes bench/n8n/results.json. Exits 0 when the runs ran, whether or not the goals are met.
// @ts-check
import fs from 'node:fs';
import os from 'node:os';

import { SetupError, c, say, seconds, step } from '../../scripts/lib/console.mjs';
import { ProcessGroup } from '../../scripts/lib/processes.mjs';
import { setLatency, startBenchInstance } from './instance.mjs';
import { measureRun, waitForStartupWork } from './measure.mjs';
import { goals, printReport, withCpuPerItem, writeResults } from './report.mjs';
import { makeContacts } from './workflows.mjs';

const RATE_PER_SECOND = 20;
/** ± 30 % of the latency, uniform (the emulator's jitter). */
const JITTER = 0.3;
/** Enough to load every module and warm the JIT along each path, small enough to cost ≈ 12 s. */
const WARMUP_CONTACTS = 100;
/**
 * The empty workflow three times (its median is the baseline: one of n8n's major garbage
 * collections, a few hundred ms, landing in a 1 s run would shift every figure of the latency),
 * then (a) and (c), whose order alternates from one latency to the next (each inherits what the
 * run before it left for the collector), then (b), whose 400 error items leave the most.
 * @param {number} latencyIndex
 * @returns {Array<import('./workflows.mjs').SenderKind>}
 */
const runOrder = (latencyIndex) => [
	...Array.from({ length: BASELINE_RUNS }, () => /** @type {const} */ ('empty')),
	...(latencyIndex % 2 === 0 ? /** @type {const} */ (['node', 'httpBatched']) : /** @type {const} */ (['httpBatched', 'node'])),
	'http',
];
const BASELINE_RUNS = 3;

/**
 * `--contacts N` and `--latencies a,b` (also as `--flag=value`).
 * @param {string[]} argv
 */
function parseArgs(argv) {
	const options = { contacts: 500, latencies: [150, 800] };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => inline ?? argv[++i];
		if (flag === '--help' || flag === '-h') {
			say(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 10).join('\n').replace(/^\/\/ ?/gm, ''));
			process.exit(0);
		} else if (flag === '--contacts') {
			options.contacts = Number(value());
			if (!Number.isInteger(options.contacts) || options.contacts < 2) throw new SetupError('--contacts needs a whole number ≥ 2');
		} else if (flag === '--latencies') {
			options.latencies = String(value()).split(',').map(Number);
			if (!options.latencies.length || options.latencies.some((l) => !Number.isInteger(l) || l < 0)) {
				throw new SetupError('--latencies needs whole milliseconds, comma-separated: --latencies 150,800');
			}
			options.latencies = [...new Set(options.latencies)];
		} else {
			throw new SetupError(`unknown flag ${argv[i]} (--contacts N, --latencies a,b)`);
		}
	}
	return options;
}

async function main() {
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		say(`${c.red('bench:n8n:')} ${error.message}`);
		process.exit(2);
	}
	const startedAt = new Date();
	const loadAverageAtStart = os.loadavg();
	const group = new ProcessGroup();
	group.handleSignals(() => say(`\n${c.yellow('Stopping')} n8n and the emulator…`));
	say(c.bold(`bench:n8n — ${options.contacts} contacts at ${options.latencies.join(' and ')} ms, Common Room at ${RATE_PER_SECOND}/s`));
	try {
		const nodeKeys = ['warmup', ...options.latencies.map((l) => `${l}ms`)];
		const instance = await startBenchInstance(group, { nodeKeys, ratePerSecond: RATE_PER_SECOND });
		const target = {
			emulatorUrl: instance.emulator.url,
			n8nApiUrl: instance.n8nApiUrl,
			n8nPid: instance.n8nPid,
			limitPerSecond: RATE_PER_SECOND,
		};
		const contacts = makeContacts(options.contacts);
		/** @param {string} key */
		const sender = (key) => {
			const found = instance.senders.find((s) => s.key === key);
			if (!found) throw new Error(`no workflow ${key}`);
			return found;
		};

		// A fresh n8n loads node modules and compiles on first use: without a warm-up the first
		// run of each sender (and the baseline) would carry that cost.
		const w = step(`Warm-up: each workflow once with ${WARMUP_CONTACTS} contacts, no latency; then n8n's own start-up work`);
		await setLatency(target.emulatorUrl, null);
		const warmup = [];
		for (const key of ['empty', 'node-warmup', 'http', 'httpBatched']) {
			warmup.push(await measureRun(target, sender(key), contacts.slice(0, WARMUP_CONTACTS), 0));
		}
		const settled = await waitForStartupWork(target.n8nPid, instance.readyAt);
		const idle = settled.quiet ? settled.cpuMsPerSecond : NaN;
		w.done(settled.quiet ? `then n8n idle: ${idle.toFixed(1)} ms CPU per second` : 'n8n was never quiet for 5 s in 90 s; measuring anyway (no idle rate)');

		const runs = [];
		for (const [latencyIndex, latencyMs] of options.latencies.entries()) {
			await setLatency(target.emulatorUrl, { fixedMs: latencyMs, jitterMs: Math.round(latencyMs * JITTER) });
			let baselineRun = 0;
			for (const kind of runOrder(latencyIndex)) {
				const s = sender(kind === 'node' ? `node-${latencyMs}ms` : kind);
				const label = kind === 'empty' ? `${s.label} ${++baselineRun}/${BASELINE_RUNS}` : s.label;
				const st = step(`${latencyMs} ms: ${label}`);
				const run = { ...(await measureRun(target, s, contacts, latencyMs)), label };
				runs.push(run);
				const failed = run.webhookError ? c.red(run.webhookError) : `${run.failed} failed`;
				const ratio = run.ratioToLimit === null ? '' : `, ${run.ratioToLimit.toFixed(3)} × the limit`;
				st.done(`${run.accepted} accepted${ratio}, ${failed}, ${run.received429} × 429, CPU ${Math.round(run.cpuMs)} ms`);
			}
		}

		const figures = withCpuPerItem(runs, idle);
		const outcomes = goals(figures);
		printReport(figures, outcomes);
		const durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
		const file = writeResults({
			startedAt,
			durationSeconds,
			loadAverageAtStart,
			settings: {
				contacts: options.contacts,
				latenciesMs: options.latencies,
				jitter: `± ${JITTER * 100} % (uniform)`,
				commonRoomRatePerSecond: RATE_PER_SECOND,
				commonRoomBurst: RATE_PER_SECOND,
				baselineRuns: BASELINE_RUNS,
				warmupContacts: WARMUP_CONTACTS,
				trigger: 'Webhook (POST, responds with all items of the last node) in one long-running n8n start',
			},
			instance,
			idleCpuMsPerSecond: idle,
			warmup,
			figures,
			outcomes,
		});
		say('');
		say(`Wrote ${file}. n8n and emulator logs: ${instance.logs}/. Whole run ${seconds(durationSeconds * 1000)}.`);
		await group.stopAll();
		process.exit(0);
	} catch (error) {
		say(`\n${c.red('bench:n8n failed:')} ${error instanceof SetupError ? error.message : error.stack}`);
		await group.stopAll();
		process.exit(1);
	}
}

await main();
