/**
 * `npm run bench` (ts-node --transpile-only bench/run.ts): issue 8's benchmark. One process
 * drives the Common Room and Team Common Ground nodes inside n8n-core's real WorkflowExecute
 * (test/engine.ts) against the emulator (in a child process, bench/emulatorHost.ts, so the CPU
 * and memory measured here are the node's and n8n's); prints a table and writes
 * bench/results.json. See bench/README.md for what each number means.
 *
 *   --n <items>            Common Room throughput items (default 2000, env BENCH_N)
 *   --quick                small sizes everywhere (under a minute)
 *   --seq-n, --settle-seconds, --shared-n, --tcg-n, --memory-small, --memory-large
 *   --only <list>          throughput,sequential,settle,shared,memory,tcg
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

import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

import { contactInput, createActivities, upsertContacts } from './drive';
import { startEmulatorHost, type EmulatorHost } from './emulators';
import { fullGc, LoadSampler, machine, round, StallMonitor } from './measure';
import { printTable, type Goal } from './report';
import { profileThroughput, type CpuBreakdown } from './profile';
import { CR_LIMIT_PER_SECOND } from './scenarios/common';
import { memoryRuns, type MemoryRun } from './scenarios/memory';
import { sequential, type SequentialResult } from './scenarios/sequential';
import { settle, type SettleResult } from './scenarios/settle';
import { shared, type SharedResult } from './scenarios/shared';
import { teamCommonGround, TCG_LIMIT_PER_MINUTE, type TcgResult } from './scenarios/teamCommonGround';
import { throughput, type ThroughputResult } from './scenarios/throughput';

const SCENARIOS = ['throughput', 'sequential', 'settle', 'shared', 'memory', 'tcg'] as const;
/** Extra scenarios, only with --only. */
const EXTRA_SCENARIOS = ['settle-blind'] as const;
type Extra = (typeof EXTRA_SCENARIOS)[number];
type Scenario = (typeof SCENARIOS)[number];

interface Sizes {
	n: number;
	seqN: number;
	settleSeconds: number;
	sharedN: number;
	tcgN: number;
	memorySmall: number;
	memoryLarge: number;
}

const DEFAULT_SIZES: Sizes = { n: 2000, seqN: 100, settleSeconds: 25, sharedN: 200, tcgN: 50, memorySmall: 1000, memoryLarge: 10000 };
/**
 * Upserts profiled after the throughput run (10 s at 20/s): the shares of the CPU time that give
 * `cpuMsPerItemOwnCode`.
 */
const DEFAULT_PROFILE_ITEMS = 200;
const QUICK_SIZES: Sizes = { n: 600, seqN: 40, settleSeconds: 20, sharedN: 100, tcgN: 30, memorySmall: 500, memoryLarge: 2000 };

function readOptions() {
	const { values } = parseArgs({
		options: {
			n: { type: 'string' },
			quick: { type: 'boolean' },
			'seq-n': { type: 'string' },
			'settle-seconds': { type: 'string' },
			'shared-n': { type: 'string' },
			'tcg-n': { type: 'string' },
			'memory-small': { type: 'string' },
			'memory-large': { type: 'string' },
			only: { type: 'string' },
			out: { type: 'string' },
			'no-write': { type: 'boolean' },
			profile: { type: 'string' },
			help: { type: 'boolean' },
		},
	});
	if (values.help) {
		console.log('usage: npm run bench -- [--n 2000] [--quick] [--seq-n 100] [--settle-seconds 40] [--shared-n 300] [--tcg-n 100] [--memory-small 1000] [--memory-large 10000] [--only throughput,sequential,settle,shared,memory,tcg] [--out file] [--no-write]');
		process.exit(0);
	}
	const base = values.quick ? QUICK_SIZES : DEFAULT_SIZES;
	const number = (value: string | undefined, fallback: number, name: string): number => {
		if (value === undefined || value === '') return fallback;
		const parsed = Number(value);
		if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a positive whole number (got ${value})`);
		return parsed;
	};
	const sizes: Sizes = {
		n: number(values.n ?? process.env.BENCH_N, base.n, 'n'),
		seqN: number(values['seq-n'], base.seqN, 'seq-n'),
		settleSeconds: number(values['settle-seconds'], base.settleSeconds, 'settle-seconds'),
		sharedN: number(values['shared-n'], base.sharedN, 'shared-n'),
		tcgN: number(values['tcg-n'], base.tcgN, 'tcg-n'),
		memorySmall: number(values['memory-small'], base.memorySmall, 'memory-small'),
		memoryLarge: number(values['memory-large'], base.memoryLarge, 'memory-large'),
	};
	const only = values.only ? (values.only.split(',').map((s) => s.trim()) as Array<Scenario | Extra>) : [...SCENARIOS];
	for (const name of only) {
		if (!(SCENARIOS as readonly string[]).includes(name) && !(EXTRA_SCENARIOS as readonly string[]).includes(name)) {
			throw new Error(`--only: unknown scenario ${name}`);
		}
	}
	const isDefault = JSON.stringify(sizes) === JSON.stringify(DEFAULT_SIZES) && only.length === SCENARIOS.length;
	const out = values['no-write'] ? undefined : values.out ?? join(__dirname, isDefault ? 'results.json' : 'results.local.json');
	const profileItems = values.profile === '0' ? 0 : number(values.profile, DEFAULT_PROFILE_ITEMS, 'profile');
	const profile = profileItems > 0 && (only.includes('throughput') || values.profile !== undefined) ? profileItems : undefined;
	return { sizes, only: new Set(only), out, isDefault: isDefault && profileItems === DEFAULT_PROFILE_ITEMS, profile };
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

const marginal = (smallMb: number, largeMb: number, smallItems: number, largeItems: number): number =>
	Math.round(((largeMb - smallMb) * 2 ** 20) / (largeItems - smallItems));

const OWN_CODE_CATEGORIES = ['our transport', 'our node + runner'];

function ownCodeMsPerItem(cpuMsPerItem: number | undefined, breakdown: CpuBreakdown | undefined): number | null {
	if (cpuMsPerItem === undefined || !breakdown) return null;
	const share = OWN_CODE_CATEGORIES.reduce((sum, category) => sum + (breakdown.share[category] ?? 0), 0);
	return round(cpuMsPerItem * share);
}

async function main(): Promise<void> {
	const { sizes, only, out, isDefault, profile } = readOptions();
	const started = Date.now();
	log(`sizes ${JSON.stringify(sizes)}${isDefault ? '' : ' (not the default run)'}`);
	const host = await startEmulatorHost();
	let tp: ThroughputResult | undefined;
	let seq: SequentialResult | undefined;
	let st: SettleResult | undefined;
	let blind: SettleResult | undefined;
	let sh: SharedResult | undefined;
	let tcg: TcgResult | undefined;
	const memory: MemoryRun[] = [];
	let phase1Stalls: ReturnType<StallMonitor['stop']> | undefined;
	let cpuBreakdown: CpuBreakdown | undefined;
	const load = new LoadSampler();
	try {
		log('warm-up');
		await warmUp(host);

		// Phase 0: memory, alone (CPU-bound, and the large run's prepare phase blocks the event
		// loop for seconds).
		if (only.has('memory')) memory.push(...(await memoryRuns(host, [sizes.memorySmall, sizes.memoryLarge], log)));

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
			['shared', () => later(0, async () => (sh = await shared(host, sizes.sharedN)))],
			['settle', () => later(500, async () => (st = await settle(host, sizes.settleSeconds)))],
			['tcg', () => later(1000, async () => (tcg = await teamCommonGround(host, sizes.tcgN)))],
			['sequential', () => later(1500, async () => (seq = await sequential(host, sizes.seqN)))],
			['settle-blind', () => later(250, async () => (blind = await settle(host, sizes.settleSeconds, true)))],
		];
		const side = new Map(starts.filter(([name]) => only.has(name)).map(([name, start]) => [name, start()]));
		const sideDone = (async () => {
			if (!side.size) return;
			const stalls = new StallMonitor();
			try {
				await Promise.all(side.values());
			} finally {
				phase1Stalls = stalls.stop();
			}
		})();
		log(`phase 1: ${[...(only.has('throughput') ? [`throughput (${sizes.n} contacts at ${CR_LIMIT_PER_SECOND}/s)`] : []), ...side.keys()].join(' ‖ ')}`);
		const throughputRun = only.has('throughput')
			? throughput(host, sizes.n, side.size ? { started: sideStart, ended: sideDone.catch(() => undefined) } : undefined).then((result) => (tp = result))
			: undefined;
		await Promise.all([sideDone, throughputRun]);

		if (profile !== undefined) {
			log(`profile: ${profile} contacts at ${CR_LIMIT_PER_SECOND}/s under the V8 profiler`);
			cpuBreakdown = await profileThroughput(host, profile);
		}
	} finally {
		await host.close();
	}
	const durationSeconds = round((Date.now() - started) / 1000, 1);
	const loadAverage = load.stop();

	const [small, large] = memory;
	const memoryGrowth =
		small && large
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

	const speedup = tp && seq ? tp.achievedPerSecond / seq.achievedPerSecond : null;
	const crScenarios = [tp, seq, st, ...(sh ? sh.executions : []), ...memory].filter(Boolean) as Array<{
		lost: number;
		duplicates: number;
		received429: number;
		surfaced429: number;
		errorItems: number;
	}>;
	const total = (key: 'lost' | 'duplicates' | 'received429' | 'surfaced429' | 'errorItems') => crScenarios.reduce((sum, s) => sum + s[key], 0);

	const results = {
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
			allScenarios: crScenarios.length
				? { lost: total('lost'), duplicates: total('duplicates'), received429: total('received429') + (sh?.received429 ?? 0), surfaced429: total('surfaced429'), errorItems: total('errorItems') }
				: null,
		},
		teamCommonGround: tcg
			? {
					limitPerMinute: TCG_LIMIT_PER_MINUTE,
					items: tcg.items,
					achievedPerMinute: tcg.achievedPerMinute,
					ratioToLimit: tcg.ratioToLimit,
					sendingRatioToLimit: tcg.sendingRatioToLimit,
					lost: tcg.lost,
					duplicates: tcg.duplicates,
					received429: tcg.received429,
					surfaced429: tcg.surfaced429,
				}
			: null,
		phase1EventLoop: phase1Stalls ?? null,
		cpuBreakdown: cpuBreakdown ?? null,
		details: { throughput: tp ?? null, sequential: seq ?? null, settle: st ?? null, settleBlind: blind ?? null, shared: sh ?? null, memory, teamCommonGround: tcg ?? null },
	};

	const goals: Goal[] = [];
	const goal = (metric: string, value: number | null | undefined, text: string, test: (v: number) => boolean) =>
		goals.push({ metric, value: value ?? null, goal: text, holds: value === null || value === undefined ? null : test(value) });
	if (tp) {
		goal('commonRoom.ratioToLimit', tp.ratioToLimit, '≥ 0.97', (v) => v >= 0.97);
		goal('commonRoom.lost', tp.lost, '= 0', (v) => v === 0);
		goal('commonRoom.duplicates', tp.duplicates, '= 0', (v) => v === 0);
		goal('commonRoom.surfaced429', tp.surfaced429, '= 0', (v) => v === 0);
		goal('commonRoom.cpuMsPerItem', tp.cpuMsPerItem, '< 1', (v) => v < 1);
		const own = results.commonRoom.cpuMsPerItemOwnCode;
		if (own !== null) goals.push({ metric: '  of which this package’s own code', value: own, goal: '(profiled)', holds: null, info: true });
	}
	if (speedup !== null) goal('commonRoom.speedupVsSequential', round(speedup, 2), '≥ 2.8', (v) => v >= 2.8);
	if (st) goal('commonRoom.settleSeconds', st.settleSeconds, '≤ 10', (v) => v <= 10);
	if (st && st.settleSeconds === null) goals[goals.length - 1].holds = false;
	if (st) goals.push({ metric: '  read over 1 s spans', value: st.settleSeconds1s, goal: '(stricter)', holds: null, info: true });
	if (sh) goal('commonRoom.sharedSumToLimit', sh.sumToLimit, '0.95 – 1.0', (v) => v >= 0.95 && v <= 1.0);
	if (memoryGrowth) goal('commonRoom.memory.livePerItemRatio', memoryGrowth.livePerItemRatio, '≤ 1.1 (linear)', (v) => v <= 1.1);
	if (tcg) {
		goal('teamCommonGround.ratioToLimit', tcg.ratioToLimit, '≥ 0.97', (v) => v >= 0.97);
		goal('teamCommonGround.lost', tcg.lost, '= 0', (v) => v === 0);
		goal('teamCommonGround.duplicates', tcg.duplicates, '= 0', (v) => v === 0);
	}

	printTable(results, goals, { tp, seq, st, sh, tcg, memory, blind, growth: memoryGrowth?.marginalBytesPerItem });
	if (out) {
		writeFileSync(out, `${JSON.stringify({ ...results, goals }, null, '\t')}\n`);
		log(`wrote ${relative(process.cwd(), out)} (${durationSeconds} s)`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
