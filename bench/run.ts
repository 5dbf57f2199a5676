/**
 * `npm run bench` (ts-node --transpile-only bench/run.ts): issue 8's benchmark. One process
 * drives the Common Room and Team Common Ground nodes inside n8n-core's real WorkflowExecute
 * (test/engine.ts) against the emulator (in a child process, bench/emulatorHost.ts, so the CPU
 * and memory measured here are the node's and n8n's); prints a table and writes
 * bench/results.json. See bench/README.md for what each number means.
 *
 *   --n <items>            Common Room throughput items (default 2000, env BENCH_N)
 *   --quick                small sizes everywhere (under a minute)
 *   --seq-n, --settle-seconds, --shared-n, --tcg-n, --memory-small, --memory-large, --resync-n
 *   --only <list>          throughput,sequential,settle,shared,memory,tcg,resync,latency
 *   --profile <items>      upserts profiled at 20/s to break the CPU time down (default 200 when
 *                          the throughput scenario runs; 0 skips it)
 *   --out <file>           where to write (default: bench/results.json for a default run,
 *                          bench/results.local.json otherwise); --no-write to skip
 *
 * Timeline (default ≈ 2.5 min): warm-up; memory runs alone (CPU-bound); then the paced phase:
 * the throughput run, with the sequential baseline, the unknown-limit settle, the shared limiter
 * and Team Common Ground beside its first ≈ 30 s (separate emulators, separate limiters, all
 * paced by their servers' limits); the throughput run's CPU per item is measured once it is alone.
 */
import './env';

import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

import { contactInput, createActivities, upsertContacts } from './drive';
import { startEmulatorHost, type EmulatorHost } from './emulators';
import { fullGc, LoadSampler, round, StallMonitor } from './measure';
import { readOptions, type Extra, type Scenario } from './options';
import { printTable } from './report';
import { profileThroughput } from './profile';
import { goalsOf, resultsOf, type Runs } from './summary';
import { CR_LIMIT_PER_SECOND } from './scenarios/common';
import { memoryRuns } from './scenarios/memory';
import { resync, RESYNC_CHANGED } from './scenarios/resync';
import { sequential } from './scenarios/sequential';
import { settle } from './scenarios/settle';
import { shared } from './scenarios/shared';
import { teamCommonGround } from './scenarios/teamCommonGround';
import { throughput } from './scenarios/throughput';
import { latencySweep } from './scenarios/latencySweep';
import { tcgLatencySweep } from './scenarios/tcgLatencySweep';

function log(message: string): void {
	console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function warmUp(host: EmulatorHost): Promise<void> {
	// Loads and compiles both nodes, n8n's engine and axios paths once, so the first measured run
	// does not pay for it.
	const emulator = await host.start({ commonRoom: { ratePerSecond: 10_000 }, teamCommonGround: { perMinute: 600_000 } });
	try {
		await upsertContacts({ baseUrl: emulator.commonRoomBaseUrl, token: emulator.tokens.commonRoom, input: contactInput('bench-warmup-', 50) });
		await createActivities({ baseUrl: emulator.teamCommonGroundBaseUrl, apiKey: emulator.tokens.teamCommonGround, prefix: 'bench-warmup-', count: 5 });
	} finally {
		await emulator.stop();
	}
}

async function main(): Promise<void> {
	const { sizes, only, out, isDefault, profile } = readOptions();
	const started = Date.now();
	log(`sizes ${JSON.stringify(sizes)}${isDefault ? '' : ' (not the default run)'}`);
	const host = await startEmulatorHost();
	const runs: Runs = { memory: [] };
	const load = new LoadSampler();
	try {
		log('warm-up');
		await warmUp(host);

		// Phase 0: memory, alone (CPU-bound, and the large run's prepare phase blocks the event
		// loop for seconds).
		if (only.has('memory')) runs.memory.push(...(await memoryRuns(host, [sizes.memorySmall, sizes.memoryLarge], log)));

		// Phase 1, paced: the throughput run (≈ 100 s at 20/s) with the light scenarios beside its
		// first ≈ 30 s, each against its own emulator and so its own limiter. They start once the
		// throughput run's prepare phase (≈ 1 ms of event loop per item) is over, a little apart
		// so that one's prepare does not land inside another's measurement: the shared pair first
		// (its two prepares are part of what it measures), then settle, TCG, and the sequential
		// baseline last (its rate is the speedup's denominator). The throughput run's CPU per item
		// is measured after they have all ended, when it is alone in the process.
		fullGc();
		const sideStartMs = only.has('throughput') ? 1000 + sizes.n : 0;
		const sideStart = new Promise((resolve) => setTimeout(resolve, sideStartMs));
		const later = async <T>(ms: number, start: () => Promise<T>): Promise<T> => {
			await sideStart;
			await new Promise((resolve) => setTimeout(resolve, ms));
			return await start();
		};
		const starts: Array<[Scenario | Extra, () => Promise<unknown>]> = [
			['shared', () => later(0, async () => (runs.sh = await shared(host, sizes.sharedN)))],
			['settle', () => later(500, async () => (runs.st = await settle(host, sizes.settleSeconds)))],
			['tcg', () => later(1000, async () => (runs.tcg = await teamCommonGround(host, sizes.tcgN)))],
			['sequential', () => later(1500, async () => (runs.seq = await sequential(host, sizes.seqN)))],
			['settle-blind', () => later(250, async () => (runs.blind = await settle(host, sizes.settleSeconds, true)))],
		];
		const side = new Map(starts.filter(([name]) => only.has(name)).map(([name, start]) => [name, start()]));
		const sideDone = (async () => {
			if (!side.size) return;
			const stalls = new StallMonitor();
			try {
				await Promise.all(side.values());
			} finally {
				runs.phase1Stalls = stalls.stop();
			}
		})();
		log(`phase 1: ${[...(only.has('throughput') ? [`throughput (${sizes.n} contacts at ${CR_LIMIT_PER_SECOND}/s)`] : []), ...side.keys()].join(' ‖ ')}`);
		const throughputRun = only.has('throughput')
			? throughput(host, sizes.n, side.size ? { started: sideStart, ended: sideDone.catch(() => undefined) } : undefined).then((result) => (runs.tp = result))
			: undefined;
		await Promise.all([sideDone, throughputRun]);

		if (profile !== undefined) {
			log(`profile: ${profile} contacts at ${CR_LIMIT_PER_SECOND}/s under the V8 profiler`);
			runs.cpuBreakdown = await profileThroughput(host, profile);
		}

		// Phase 2: the re-sync (issue 24), alone: a 20/s run of its own, then the second run's CPU.
		if (only.has('resync')) {
			log(`re-sync: ${sizes.resyncN} contacts at ${CR_LIMIT_PER_SECOND}/s with Only Send Changes, then again with ${RESYNC_CHANGED} changed`);
			runs.resync = await resync(host, sizes.resyncN);
		}

		// Phase 3: the latency sweeps (issue 15), after everything else: Common Room's runs go two at
		// a time; Team Common Ground's four (2 requests/s each) beside them.
		if (only.has('latency')) {
			[runs.sweep, runs.tcgSweep] = await Promise.all([latencySweep(host, sizes.sweepN, log), tcgLatencySweep(host, sizes.tcgSweepN, log)]);
		}
	} finally {
		await host.close();
	}
	const durationSeconds = round((Date.now() - started) / 1000, 1);
	const loadAverage = load.stop();

	const results = resultsOf(runs, { sizes, isDefault, durationSeconds, loadAverage });
	const goals = goalsOf(results, runs);
	const { tp, seq, st, sh, tcg, memory, blind } = runs;
	printTable(results, goals, { tp, seq, st, sh, tcg, memory, blind, growth: results.commonRoom.memory?.marginalBytesPerItem });
	if (out) {
		writeFileSync(out, `${JSON.stringify({ ...results, goals }, null, '\t')}\n`);
		log(`wrote ${relative(process.cwd(), out)} (${durationSeconds} s)`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
