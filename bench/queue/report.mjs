// @ts-check
// What a run prints and keeps: one table row per k, which worker ran which execution, the
// per-second series, which goals were met (issue 15), and bench/queue/results.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { c, printTable, say } from '../../scripts/lib/console.mjs';

export const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');

/**
 * @typedef {object} Round what one k measured
 * @property {number} workers k
 * @property {number} executions
 * @property {number} contactsPerExecution
 * @property {boolean} allFinished whether every execution was over before the time ran out
 * @property {number} roundSeconds from the first POST to the last execution over
 * @property {Array<{ run: number, status: number, answer: string }>} webhookAnswers
 * @property {Array<import('./measure.mjs').ExecutionFigures & { worker: string | null, jobId: string | null, endedAtSecond: number | null }>} executionList
 * @property {Record<string, number[]>} runsByWorker run numbers per worker (workers that ran none included)
 * @property {ReturnType<typeof import('./measure.mjs').summariseRequests>} requests
 * @property {Awaited<ReturnType<typeof import('./measure.mjs').storedOutcome>>} stored
 * @property {number} failedItems error items in the Common Room node's output, all executions
 */

/** @param {number | null} value @param {number} [digits] */
const fixed = (value, digits = 3) => (value === null || Number.isNaN(value) ? '—' : value.toFixed(digits));
/** @param {number} share */
const percent = (share) => `${(share * 100).toFixed(1)} %`;

/** @param {number} k */
export const max429Share = (k) => (k <= 2 ? 0.03 : 0.05);

/**
 * The goals of issue 15, per k.
 * @param {Round} round
 */
export function goalsOf(round) {
	const ratio = round.requests.ratioToLimit;
	return {
		ratio: { goal: '0.95 – 1.0 × the limit', met: ratio !== null && ratio >= 0.95 && ratio <= 1.0 },
		share429: { goal: `429s ≤ ${max429Share(round.workers) * 100} % of requests`, met: round.requests.share429 <= max429Share(round.workers) },
		failed: { goal: '0 failed items', met: round.failedItems === 0 && round.allFinished },
		lost: { goal: '0 lost contacts', met: round.stored.lost === 0 },
		duplicates: { goal: '0 duplicates', met: round.stored.duplicates === 0 },
	};
}

/** @param {number[]} values */
const series = (values) => {
	const lines = [];
	for (let i = 0; i < values.length; i += 30) lines.push(`    ${String(i).padStart(3)}s: ${values.slice(i, i + 30).map((v) => String(v).padStart(2)).join(' ')}`);
	return lines.join('\n');
};

/**
 * @param {Round[]} rounds
 * @param {number} limitPerSecond
 */
export function printReport(rounds, limitPerSecond) {
	say('');
	say(c.bold(`Results (Common Room limit ${limitPerSecond}/s per token; the emulator's request log, store and n8n's executions in PostgreSQL)`));
	printTable(
		['k', 'executions', 'requests', 'accepted', 'busy span', 'accepted/s', '÷ limit', '429s', '429 share', 'failed', 'lost', 'dup', 'round'],
		rounds.map((r) => [
			String(r.workers),
			`${r.executionList.filter((e) => e.status === 'success').length}/${r.executions} success${r.allFinished ? '' : c.red(' (timed out)')}`,
			String(r.requests.requests),
			String(r.requests.accepted),
			`${r.requests.busySpanSeconds.toFixed(1)} s`,
			fixed(r.requests.acceptedPerSecond, 2),
			fixed(r.requests.ratioToLimit),
			String(r.requests.rejected429),
			percent(r.requests.share429),
			String(r.failedItems),
			String(r.stored.lost),
			String(r.stored.duplicates),
			`${r.roundSeconds.toFixed(1)} s`,
		]),
	);
	for (const r of rounds) {
		say('');
		say(c.bold(`k = ${r.workers}: which worker ran which execution`));
		printTable(
			['execution', 'run', 'worker', 'job', 'status', 'items', 'failed', 'took', 'ended at'],
			r.executionList.map((e) => [
				e.id,
				String(e.run ?? '?'),
				e.worker ?? c.yellow('unknown'),
				e.jobId ?? '—',
				e.status,
				String(e.items),
				String(e.failed),
				e.seconds === null ? '—' : `${e.seconds.toFixed(1)} s`,
				e.endedAtSecond === null ? '—' : `${e.endedAtSecond.toFixed(1)} s`,
			]),
		);
		say(`  per worker: ${Object.entries(r.runsByWorker).map(([w, runs]) => `${w} ${runs.length ? `runs ${runs.join(', ')}` : 'none'}`).join('; ')}`);
		const firstError = r.executionList.find((e) => e.firstError)?.firstError;
		if (firstError) say(`  first error: ${c.yellow(firstError)}`);
		if (Object.keys(r.requests.otherStatuses).length) say(`  other statuses: ${JSON.stringify(r.requests.otherStatuses)}`);
		if (r.stored.duplicatedExamples.length) say(`  duplicated, e.g.: ${r.stored.duplicatedExamples.join(', ')}`);
		say('  accepted per second (seconds since the round\'s first request; "ended at" above is on the same clock):');
		say(series(r.requests.perSecond.accepted));
		say('  429 per second:');
		say(series(r.requests.perSecond.rejected429));
	}
	say('');
	say(c.bold('Goals'));
	for (const r of rounds) {
		const goals = goalsOf(r);
		const cells = Object.values(goals).map(({ goal, met }) => `${met ? c.green('✓') : c.red('✗')} ${goal}`);
		say(`  k = ${r.workers}: ${cells.join('   ')}`);
	}
}

/** The machine, for results.json: cores, memory, load, Node versions. @param {string | null} n8nNode */
export function machineFacts(n8nNode) {
	const nproc = spawnSync('nproc', { encoding: 'utf8' });
	return {
		nproc: nproc.status === 0 ? Number(nproc.stdout.trim()) : os.availableParallelism(),
		cpuModel: os.cpus()[0]?.model ?? null,
		memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
		loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
		driverNode: process.version,
		n8nNode,
	};
}

/**
 * Writes results.json; arrays of plain numbers (the per-second series) on one line each, so the
 * file stays readable.
 * @param {Record<string, unknown>} results
 */
export function writeResults(results) {
	const text = JSON.stringify(results, null, 2).replace(/\[\s+(-?[\d.]+(?:,\s+-?[\d.]+)*)\s+\]/g, (_, list) => `[${list.split(/,\s+/).join(', ')}]`);
	fs.writeFileSync(RESULTS_FILE, `${text}\n`);
	return RESULTS_FILE;
}
