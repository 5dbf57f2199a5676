// @ts-check
// What a benchmark run comes to: per (latency, sender) the figures issue 15 asks for, the goals
// met or not, a table, and bench/n8n/results.json with the machine and the versions beside them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { c, printTable, say } from '../../scripts/lib/console.mjs';
import { N8N_VERSION, PACKAGES, ROOT } from '../../scripts/lib/settings.mjs';
import { CPU_TICK_MS } from './cpu.mjs';

/** @typedef {import('./measure.mjs').RunResult} RunResult */
/** @typedef {RunResult & { isBaseline: boolean, cpuMsPerItem: number, cpuMsPerItemAboveBaseline: number | null, cpuMsPerItemAboveBaselineAndIdle: number | null }} RunFigures */
/** @typedef {{ goal: string, latencyMs: number, met: boolean, detail: string }} GoalOutcome */

export const RESULTS_FILE = path.join(ROOT, 'bench', 'n8n', 'results.json');
const MIN_RATIO = 0.97;

/**
 * The baseline of a latency: the empty workflow's run with the median CPU.
 * @param {RunResult[]} runs
 * @param {number} latencyMs
 */
export function baselineOf(runs, latencyMs) {
	const empties = runs.filter((r) => r.kind === 'empty' && r.latencyMs === latencyMs).sort((a, b) => a.cpuMs - b.cpuMs);
	return empties.length ? empties[Math.floor((empties.length - 1) / 2)] : undefined;
}

/**
 * CPU per item above the empty workflow of the same latency: (run − baseline) ÷ contacts, the
 * issue's figure. A 25 s run also holds ≈ 24 s more of n8n's idle CPU than the 1 s baseline, so
 * the same with that taken out as well is kept beside it: − idle/s × (run's − baseline's window).
 * @param {RunResult[]} runs
 * @param {number} idleCpuMsPerSecond
 * @returns {RunFigures[]}
 */
export function withCpuPerItem(runs, idleCpuMsPerSecond) {
	return runs.map((run) => {
		const baseline = baselineOf(runs, run.latencyMs);
		const above = baseline ? run.cpuMs - baseline.cpuMs : null;
		const idle = baseline ? idleCpuMsPerSecond * (run.cpuWindowSeconds - baseline.cpuWindowSeconds) : 0;
		return {
			...run,
			isBaseline: run === baseline,
			cpuMsPerItem: run.cpuMs / run.contacts,
			cpuMsPerItemAboveBaseline: above === null ? null : above / run.contacts,
			cpuMsPerItemAboveBaselineAndIdle: above === null ? null : (above - idle) / run.contacts,
		};
	});
}

/**
 * Issue 15's goals, per latency: (a) at ≥ 0.97 of the limit and above (c); (a) fails no item;
 * (a)'s CPU per item (above the baseline) no higher than (c)'s.
 * @param {RunFigures[]} figures
 * @returns {GoalOutcome[]}
 */
export function goals(figures) {
	/** @type {GoalOutcome[]} */
	const outcomes = [];
	for (const latencyMs of [...new Set(figures.map((f) => f.latencyMs))]) {
		const node = figures.find((f) => f.latencyMs === latencyMs && f.kind === 'node');
		const batched = figures.find((f) => f.latencyMs === latencyMs && f.kind === 'httpBatched');
		if (!node || !batched) continue;
		const ratio = node.ratioToLimit ?? 0;
		const batchedRatio = batched.ratioToLimit ?? 0;
		outcomes.push({
			goal: `(a) ratio ≥ ${MIN_RATIO} and above (c)`,
			latencyMs,
			met: ratio >= MIN_RATIO && ratio > batchedRatio,
			detail: `${fixed(node.ratioToLimit, 3)} vs (c) ${fixed(batched.ratioToLimit, 3)}`,
		});
		outcomes.push({ goal: '(a) 0 failed', latencyMs, met: node.failed === 0 && node.outputItems === node.contacts, detail: `${node.failed} failed of ${node.outputItems} items` });
		const a = node.cpuMsPerItemAboveBaseline;
		const b = batched.cpuMsPerItemAboveBaseline;
		outcomes.push({
			goal: "(a) CPU/item ≤ (c)'s",
			latencyMs,
			met: a !== null && b !== null && a <= b,
			detail: `${fixed(a, 2)} vs (c) ${fixed(b, 2)} ms/item`,
		});
	}
	return outcomes;
}

/** @param {number | null | undefined} value @param {number} digits */
function fixed(value, digits) {
	return value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

/**
 * @param {RunFigures[]} figures
 * @param {GoalOutcome[]} outcomes
 */
export function printReport(figures, outcomes) {
	say('');
	printTable(
		['latency', 'sender', 'ratio', 'accepted', 'failed', '429s', 'sending', 'wall', 'CPU', 'CPU/item', 'above baseline', 'and idle', 'machine busy'],
		figures.map((f) => [
			`${f.latencyMs} ms`,
			f.label,
			fixed(f.ratioToLimit, 3),
			String(f.accepted),
			f.webhookError ? c.red('webhook error') : String(f.failed),
			String(f.received429),
			`${fixed(f.sendingSpanSeconds, 1)} s`,
			`${fixed(f.wallSeconds, 1)} s`,
			`${Math.round(f.cpuMs)} ms`,
			`${fixed(f.cpuMsPerItem, 2)} ms`,
			f.kind === 'empty' ? (f.isBaseline ? '(the baseline)' : '') : `${fixed(f.cpuMsPerItemAboveBaseline, 2)} ms`,
			f.kind === 'empty' ? '' : `${fixed(f.cpuMsPerItemAboveBaselineAndIdle, 2)} ms`,
			`${Math.round(f.machineBusy * 100)} %`,
		]),
	);
	say('');
	say(c.bold('Goals'));
	for (const o of outcomes) {
		say(`  ${o.met ? c.green('met   ') : c.red('MISSED')}  ${o.goal} at ${o.latencyMs} ms: ${o.detail}`);
	}
	for (const f of figures.filter((r) => r.webhookError)) say(c.red(`  ${f.label} at ${f.latencyMs} ms: ${f.webhookError}`));
}

/** @param {string[]} args */
function git(args) {
	const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : null;
}

/**
 * @param {{ startedAt: Date, durationSeconds: number, loadAverageAtStart: number[], settings: Record<string, unknown>, instance: Record<string, unknown>, idleCpuMsPerSecond: number, warmup: RunResult[], figures: RunFigures[], outcomes: GoalOutcome[] }} run
 */
export function writeResults(run) {
	const results = {
		benchmark: 'npm run bench:n8n — issue 15, side by side in a real n8n',
		date: run.startedAt.toISOString(),
		durationSeconds: Math.round(run.durationSeconds * 10) / 10,
		machine: {
			nproc: os.cpus().length,
			cpuModel: os.cpus()[0]?.model ?? null,
			memoryMb: Math.round(os.totalmem() / 2 ** 20),
			loadAverageAtStart: run.loadAverageAtStart.map((l) => Math.round(l * 100) / 100),
			loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
		},
		versions: {
			n8n: N8N_VERSION,
			n8nNode: run.instance.n8nNodeVersion,
			driverNode: process.version,
			package: `${PACKAGES.commonRoom.name}@${PACKAGES.commonRoom.version}`,
			commit: git(['rev-parse', '--short', 'HEAD']),
			// The tarball is packed from the working tree: uncommitted changes to what ships count.
			uncommittedInShippedCode: Boolean(git(['status', '--porcelain', '--', 'packages'])),
			tarball: run.instance.tarball,
		},
		settings: { ...run.settings, cpuResolutionMs: CPU_TICK_MS },
		idleCpuMsPerSecond: Math.round(run.idleCpuMsPerSecond * 100) / 100,
		goals: run.outcomes,
		figures: run.figures.map((f) => ({
			latencyMs: f.latencyMs,
			sender: f.label,
			kind: f.kind,
			...(f.kind === 'empty' ? { isBaseline: f.isBaseline } : {}),
			ratioToLimit: round(f.ratioToLimit, 4),
			accepted: f.accepted,
			failed: f.failed,
			failedRateLimited: f.failedRateLimited,
			received429: f.received429,
			otherStatuses: f.otherStatuses,
			stored: f.stored,
			duplicates: f.duplicates,
			outputItems: f.outputItems,
			sendingSpanSeconds: round(f.sendingSpanSeconds, 2),
			firstRequestAfterSeconds: round(f.firstRequestAfterSeconds, 2),
			wallSeconds: round(f.wallSeconds, 2),
			cpuMs: Math.round(f.cpuMs),
			cpuMsPerItem: round(f.cpuMsPerItem, 3),
			cpuMsPerItemAboveBaseline: round(f.cpuMsPerItemAboveBaseline, 3),
			cpuMsPerItemAboveBaselineAndIdle: round(f.cpuMsPerItemAboveBaselineAndIdle, 3),
			cpuWindowSeconds: round(f.cpuWindowSeconds, 2),
			cpuByProcess: f.cpuByProcess.map((p) => ({ role: p.role, cpuMs: Math.round(p.cpuMs) })),
			machineBusy: round(f.machineBusy, 3),
			firstError: f.firstError,
			webhookError: f.webhookError,
		})),
		warmup: run.warmup.map((w) => ({ sender: w.label, contacts: w.contacts, failed: w.failed, cpuMs: Math.round(w.cpuMs), wallSeconds: round(w.wallSeconds, 2) })),
	};
	fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
	return path.relative(ROOT, RESULTS_FILE);
}

/** @param {number | null} value @param {number} digits */
function round(value, digits) {
	return value === null || !Number.isFinite(value) ? null : Math.round(value * 10 ** digits) / 10 ** digits;
}
