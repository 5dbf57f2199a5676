/**
 * What a bench run found, as `results.json` holds it: the scenarios' numbers gathered per
 * service, memory growth between the two memory runs, the code version measured, and issue 8's
 * goals checked against them. run.ts measures; report.ts prints.
 */
import { execSync } from 'node:child_process';
import { join } from 'node:path';

import { machine, round, type LoadSampler, type StallMonitor } from './measure';
import type { Sizes } from './options';
import type { CpuBreakdown } from './profile';
import type { Goal } from './report';
import { CR_LIMIT_PER_SECOND } from './scenarios/common';
import type { MemoryRun } from './scenarios/memory';
import type { ResyncResult } from './scenarios/resync';
import type { SequentialResult } from './scenarios/sequential';
import type { SettleResult } from './scenarios/settle';
import type { SharedResult } from './scenarios/shared';
import { TCG_LIMIT_PER_MINUTE, type TcgResult } from './scenarios/teamCommonGround';
import type { LatencyRun } from './scenarios/latencySweep';
import type { TcgLatencyRun } from './scenarios/tcgLatencySweep';
import type { ThroughputResult } from './scenarios/throughput';

/** Each scenario's result, when it ran. */
export interface Runs {
	tp?: ThroughputResult;
	sweep?: LatencyRun[];
	tcgSweep?: TcgLatencyRun[];
	seq?: SequentialResult;
	st?: SettleResult;
	blind?: SettleResult;
	sh?: SharedResult;
	tcg?: TcgResult;
	resync?: ResyncResult;
	memory: MemoryRun[];
	phase1Stalls?: ReturnType<StallMonitor['stop']>;
	cpuBreakdown?: CpuBreakdown;
}

/** What is known about the run as a whole. */
export interface RunInfo {
	sizes: Sizes;
	isDefault: boolean;
	durationSeconds: number;
	loadAverage: ReturnType<LoadSampler['stop']>;
}

/** The commit measured, and whether nodes/ had uncommitted changes (others work in this tree). */
function codeVersion(): { commit: string; nodesDirty: boolean } | null {
	try {
		const commit = execSync('git rev-parse --short HEAD', { cwd: join(__dirname, '..'), encoding: 'utf8' }).trim();
		const dirty = execSync('git status --porcelain -- nodes credentials', { cwd: join(__dirname, '..'), encoding: 'utf8' }).trim() !== '';
		return { commit, nodesDirty: dirty };
	} catch {
		return null;
	}
}

const marginal = (smallMb: number, largeMb: number, smallItems: number, largeItems: number): number =>
	Math.round(((largeMb - smallMb) * 2 ** 20) / (largeItems - smallItems));

const OWN_CODE_CATEGORIES = ['our transport', 'our node + runner'];

function ownCodeMsPerItem(cpuMsPerItem: number | undefined, breakdown: CpuBreakdown | undefined): number | null {
	if (cpuMsPerItem === undefined || !breakdown) return null;
	const share = OWN_CODE_CATEGORIES.reduce((sum, category) => sum + (breakdown.share[category] ?? 0), 0);
	return round(cpuMsPerItem * share);
}

/** The small and the large memory run side by side, and how memory grew from one to the other. */
function memoryGrowthOf(memory: MemoryRun[]) {
	const [small, large] = memory;
	return small && large
		? {
				items: [small.items, large.items],
				peakHeapMb: [small.peakHeapMb, large.peakHeapMb],
				peakRssMb: [small.peakRssMb, large.peakRssMb],
				peakHeapDeltaMb: [small.peakHeapDeltaMb, large.peakHeapDeltaMb],
				peakRssDeltaMb: [small.peakRssDeltaMb, large.peakRssDeltaMb],
				livePeakHeapDeltaMb: [small.livePeakHeapDeltaMb, large.livePeakHeapDeltaMb],
				retainedHeapMb: [small.retainedHeapMb, large.retainedHeapMb],
				peakHeapBytesPerItem: [small.peakHeapBytesPerItem, large.peakHeapBytesPerItem],
				liveBytesPerItem: [small.liveBytesPerItem, large.liveBytesPerItem],
				retainedBytesPerItem: [small.retainedBytesPerItem, large.retainedBytesPerItem],
				/** Growth per extra item between the two runs: (large − small) ÷ (large items − small items). */
				marginalBytesPerItem: {
					peakHeap: marginal(small.peakHeapDeltaMb, large.peakHeapDeltaMb, small.items, large.items),
					liveHeap: marginal(small.livePeakHeapDeltaMb, large.livePeakHeapDeltaMb, small.items, large.items),
					output: marginal(small.retainedHeapMb, large.retainedHeapMb, small.items, large.items),
					peakRss: marginal(small.peakRssMb, large.peakRssMb, small.items, large.items),
				},
				/** Live heap per item, large run ÷ small run: ≤ ~1 = memory grows no faster than the items. */
				livePerItemRatio: round(large.liveBytesPerItem / small.liveBytesPerItem, 2),
				/** The same with the raw (garbage-including) peak. */
				peakPerItemRatio: round(large.peakHeapBytesPerItem / small.peakHeapBytesPerItem, 2),
				/** Large run: live heap peak ÷ the output it ends with. */
				liveToOutputLarge: round(large.livePeakHeapDeltaMb / large.retainedHeapMb, 2),
				maxEventLoopStallMs: [small.maxEventLoopStallMs, large.maxEventLoopStallMs],
			}
		: undefined;
}

/** results.json without its goals. */
export function resultsOf(runs: Runs, { sizes, isDefault, durationSeconds, loadAverage }: RunInfo) {
	const { tp, seq, st, blind, sh, tcg, memory, phase1Stalls, cpuBreakdown, sweep, tcgSweep } = runs;
	const memoryGrowth = memoryGrowthOf(memory);
	const speedup = tp && seq ? tp.achievedPerSecond / seq.achievedPerSecond : null;
	const crScenarios = [tp, seq, st, ...(sh ? sh.executions : []), ...memory].filter(Boolean) as Array<{
		lost: number;
		duplicates: number;
		received429: number;
		surfaced429: number;
		errorItems: number;
	}>;
	const total = (key: 'lost' | 'duplicates' | 'received429' | 'surfaced429' | 'errorItems') => crScenarios.reduce((sum, s) => sum + s[key], 0);

	return {
		date: new Date().toISOString(),
		machine: machine(),
		code: codeVersion(),
		/** The machine's 1-minute load average during the run (other jobs share these cores). */
		loadAverage,
		defaultRun: isDefault,
		sizes,
		durationSeconds,
		emulator: 'child process (bench/emulatorHost.ts): CPU and memory figures are the bench process only (nodes + n8n engine + HTTP client)',
		commonRoom: {
			limitPerSecond: CR_LIMIT_PER_SECOND,
			items: tp?.items ?? null,
			achievedPerSecond: tp?.achievedPerSecond ?? null,
			ratioToLimit: tp?.ratioToLimit ?? null,
			firstRequestAfterSeconds: tp?.firstRequestAfterSeconds ?? null,
			sendingRatioToLimit: tp?.sendingRatioToLimit ?? null,
			sequentialPerSecond: seq?.achievedPerSecond ?? null,
			sequentialItems: seq?.items ?? null,
			speedupVsSequential: speedup === null ? null : round(speedup, 2),
			stored: tp?.stored ?? null,
			lost: tp?.lost ?? null,
			duplicates: tp?.duplicates ?? null,
			received429: tp?.received429 ?? null,
			surfaced429: tp?.surfaced429 ?? null,
			settleSeconds: st ? st.settleSeconds : null,
			/** The same with the rate read over 1 s spans (see bench/measure.ts settlePoint). */
			settleSeconds1s: st ? st.settleSeconds1s : null,
			settle429s: st?.settle429s ?? null,
			sharedSumToLimit: sh?.sumToLimit ?? null,
			cpuMsPerItem: tp?.cpuMsPerItem ?? null,
			/**
			 * The part of cpuMsPerItem spent in this package's own code: its share of the profiled
			 * samples (self time in nodes/: transport, node, runner) × cpuMsPerItem. A lower bound
			 * (Node built-ins our code calls count under the HTTP helper or "other").
			 */
			cpuMsPerItemOwnCode: ownCodeMsPerItem(tp?.cpuMsPerItem, cpuBreakdown),
			memory: memoryGrowth ?? null,
			/** Default options at 20/s with each latency (± 30 %): bench/scenarios/latencySweep.ts. */
			latencySweep: sweep
				? sweep.map((run) => ({
						latencyMs: run.latencyMs,
						ratioToLimit: run.ratioToLimit,
						share429: run.share429,
						requests: run.requests,
						lost: run.lost,
						duplicates: run.duplicates,
						surfaced429: run.surfaced429,
						errorItems: run.errorItems,
						seconds: run.seconds,
					}))
				: null,
			/** 2,000 contacts with Only Send Changes, then again with 20 changed: bench/scenarios/resync.ts. */
			resync: runs.resync
				? {
						items: runs.resync.items,
						changed: runs.resync.changed,
						firstRunSeconds: runs.resync.first.seconds,
						firstRunRequests: runs.resync.first.requests,
						secondRunSeconds: runs.resync.second.seconds,
						secondRunRequests: runs.resync.second.requests,
						secondRunUnchanged: runs.resync.second.unchanged,
						secondToFirst: runs.resync.secondToFirst,
						secondRunCpuMsPerItem: runs.resync.secondCpuMsPerItem,
						storedRowBytes: runs.resync.storedRowBytes,
						storedBytesPerRecord: runs.resync.storedBytesPerRecord,
						lost: runs.resync.second.lost,
					}
				: null,
			allScenarios: crScenarios.length
				? { lost: total('lost'), duplicates: total('duplicates'), received429: total('received429') + (sh?.received429 ?? 0), surfaced429: total('surfaced429'), errorItems: total('errorItems') }
				: null,
		},
		teamCommonGround:
			tcg || tcgSweep
				? {
						limitPerMinute: TCG_LIMIT_PER_MINUTE,
						items: tcg?.items ?? null,
						achievedPerMinute: tcg?.achievedPerMinute ?? null,
						ratioToLimit: tcg?.ratioToLimit ?? null,
						sendingRatioToLimit: tcg?.sendingRatioToLimit ?? null,
						lost: tcg?.lost ?? null,
						duplicates: tcg?.duplicates ?? null,
						received429: tcg?.received429 ?? null,
						surfaced429: tcg?.surfaced429 ?? null,
						/** Default options at 120/min with each latency (± 30 %): bench/scenarios/tcgLatencySweep.ts. */
						latencySweep: tcgSweep ?? null,
					}
				: null,
		phase1EventLoop: phase1Stalls ?? null,
		cpuBreakdown: cpuBreakdown ?? null,
		details: { throughput: tp ?? null, sequential: seq ?? null, settle: st ?? null, settleBlind: blind ?? null, shared: sh ?? null, memory, teamCommonGround: tcg ?? null },
	};
}

export type Results = ReturnType<typeof resultsOf>;

/** Issue 8's goals, each with the reading it is judged on (and readings shown under them). */
export function goalsOf(results: Results, { tp, st, sh, tcg, sweep, tcgSweep, resync }: Runs): Goal[] {
	const speedup = results.commonRoom.speedupVsSequential;
	const memoryGrowth = results.commonRoom.memory;
	const goals: Goal[] = [];
	const goal = (metric: string, value: number | null | undefined, text: string, test: (v: number) => boolean) =>
		goals.push({ metric, value: value ?? null, goal: text, holds: value === null || value === undefined ? null : test(value) });
	if (tp) {
		goal('commonRoom.ratioToLimit', tp.ratioToLimit, '≥ 0.97', (v) => v >= 0.97);
		goal('commonRoom.lost', tp.lost, '= 0', (v) => v === 0);
		goal('commonRoom.duplicates', tp.duplicates, '= 0', (v) => v === 0);
		goal('commonRoom.surfaced429', tp.surfaced429, '= 0', (v) => v === 0);
		// Issue 15 restated the CPU goal: < 1 ms per item for the whole process cannot be met through
		// n8n's own request helper; this package's own code must stay under 0.5 ms (the profile's
		// share), and the whole process's figure is compared with n8n's HTTP Request node in a real
		// n8n (bench:n8n, not part of this run).
		goals.push({ metric: 'commonRoom.cpuMsPerItem', value: tp.cpuMsPerItem, goal: '(whole process)', holds: null, info: true });
		goal('commonRoom.cpuMsPerItemOwnCode', results.commonRoom.cpuMsPerItemOwnCode, '< 0.5', (v) => v < 0.5);
	}
	const sweeps: Array<[string, Array<LatencyRun | TcgLatencyRun>]> = [
		['commonRoom', sweep ?? []],
		['teamCommonGround', tcgSweep ?? []],
	];
	for (const [service, run] of sweeps.flatMap(([name, runs]) => runs.map((one) => [name, one] as const))) {
		const at = `${service}.latencySweep[${run.latencyMs} ms]`;
		goal(`${at}.ratioToLimit`, run.ratioToLimit, '≥ 0.97', (v) => v >= 0.97);
		goal(`${at}.share429`, run.share429, '≤ 0.01', (v) => v <= 0.01);
		goal(`${at}.lost + duplicates + surfaced429`, run.lost + run.duplicates + run.surfaced429, '= 0', (v) => v === 0);
	}
	if (speedup !== null) goal('commonRoom.speedupVsSequential', speedup, '≥ 2.8', (v) => v >= 2.8);
	if (st) goal('commonRoom.settleSeconds', st.settleSeconds, '≤ 10', (v) => v <= 10);
	if (st && st.settleSeconds === null) goals[goals.length - 1].holds = false;
	if (st) goals.push({ metric: '  read over 1 s spans', value: st.settleSeconds1s, goal: '(stricter)', holds: null, info: true });
	if (sh) goal('commonRoom.sharedSumToLimit', sh.sumToLimit, '0.95 – 1.0', (v) => v >= 0.95 && v <= 1.0);
	if (memoryGrowth) goal('commonRoom.memory.livePerItemRatio', memoryGrowth.livePerItemRatio, '≤ 1.1 (linear)', (v) => v <= 1.1);
	if (resync) {
		goal('commonRoom.resync.secondRunRequests', resync.second.requests, `= ${resync.changed} (the changed ones)`, (v) => v === resync.changed);
		goal('commonRoom.resync.secondToFirst', resync.secondToFirst, '≤ 0.05', (v) => v <= 0.05);
		goals.push({ metric: '  second run CPU per item (ms)', value: resync.secondCpuMsPerItem, goal: '(look-up of every record)', holds: null, info: true });
		goals.push({ metric: '  stored row (bytes)', value: resync.storedRowBytes, goal: `(${resync.storedBytesPerRecord} per record)`, holds: null, info: true });
	}
	if (tcg) {
		goal('teamCommonGround.ratioToLimit', tcg.ratioToLimit, '≥ 0.97', (v) => v >= 0.97);
		goal('teamCommonGround.lost', tcg.lost, '= 0', (v) => v === 0);
		goal('teamCommonGround.duplicates', tcg.duplicates, '= 0', (v) => v === 0);
	}
	return goals;
}
