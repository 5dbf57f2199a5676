/**
 * 1 + 3 + 6 (CPU): N contacts upserted at the node's default options against a 20/s Common
 * Room. The light paced scenarios (shared, settle, Team Common Ground, sequential) run beside
 * it for ≈ 30 s, each against its own emulator, starting once its prepare phase is over. CPU per
 * item, from this process's `process.cpuUsage()` (the emulator runs in another process):
 * - sending: from the moment the side scenarios have all ended to the end (the run is alone in
 *   the process then) ÷ the requests the emulator accepted in that span;
 * - preparing: the CPU from the start until the side scenarios start (the prepare phase, every
 *   item's parameters evaluated and checked, plus the first requests), minus those first
 *   requests at the sending rate, ÷ N;
 * cpuMsPerItem = sending + preparing. Without side scenarios: the whole run's CPU ÷ N.
 */
import { contactInput, LimiterSampler, upsertContacts } from '../drive';
import type { EmulatorHost } from '../emulators';
import { cpuMs, fullGc, inFlightPerSecond, is429, isAccepted, perSecond, round, StallMonitor } from '../measure';
import { acceptedRateBetweenFirstAndLast, commonRoomEmulator, contactIntegrity, CR_LIMIT_PER_SECOND, type Integrity } from './common';

export interface ThroughputResult extends Integrity {
	seconds: number;
	/** Items / wall time of the node's execution. */
	achievedPerSecond: number;
	ratioToLimit: number;
	/** Accepted requests between the first and last accepted arrival at the emulator. */
	serverAcceptedPerSecond: number;
	/** Sending + preparing, per item (see the top of this file). */
	cpuMsPerItem: number;
	/** CPU per request sent while the run was alone in the process (null without side scenarios). */
	cpuMsPerItemSending: number | null;
	/** The prepare phase's CPU, per item (null without side scenarios). */
	cpuMsPerItemPreparing: number | null;
	/** CPU of the alone span, its accepted requests and its length. */
	cpuMs: number;
	cpuItems: number;
	cpuSeconds: number;
	/**
	 * The scenarios beside it outlasted most of the run (a small --n): the figure is the whole
	 * run's CPU ÷ N, theirs included.
	 */
	cpuIncludesOtherScenarios: boolean;
	emulatorCpuMsPerItem: number;
	/** Seconds from the node's start to the first request reaching the emulator (the prepare-all phase). */
	firstRequestAfterSeconds: number;
	/** Accepted requests/s from the first request to the last (the sending phase alone). */
	sendingRatioToLimit: number;
	/** This process's event loop: worst lateness of a 50 ms timer and GC time, per second. */
	maxEventLoopStallMs: number;
	series: {
		sent: number[];
		accepted: number[];
		rejected429: number[];
		inFlightPeak: number[];
		limiterRate: number[];
		eventLoopLagMs: number[];
		gcMs: number[];
	};
}

/** When the scenarios beside the run start, and when they have all ended. */
export interface SideScenarios {
	started: Promise<unknown>;
	ended: Promise<unknown>;
}

interface CpuMark {
	at: number;
	cpu: NodeJS.CpuUsage;
	emulatorCpu: Promise<NodeJS.CpuUsage>;
}

/** Below this share of N sent alone, the alone span is too short to stand for the run. */
const MIN_ALONE_SHARE = 0.1;

export async function throughput(host: EmulatorHost, n: number, side?: SideScenarios): Promise<ThroughputResult> {
	const emulator = await commonRoomEmulator(host);
	const prefix = 'bench-throughput-';
	const input = contactInput(prefix, n);
	try {
		fullGc();
		const sampler = new LimiterSampler('commonRoom', emulator.commonRoomBaseUrl, emulator.tokens.commonRoom, 1000);
		// 20 wake-ups a second: ~0.01 ms of CPU per item, kept in to explain any dip.
		const stalls = new StallMonitor(50);
		const mark = (): CpuMark => ({ at: Date.now(), cpu: process.cpuUsage(), emulatorCpu: host.cpuUsage() });
		const start = mark();
		let sideStarted: CpuMark | undefined;
		let alone: CpuMark | undefined;
		const running = upsertContacts({ baseUrl: emulator.commonRoomBaseUrl, token: emulator.tokens.commonRoom, input });
		void side?.started.then(() => (sideStarted = mark()));
		void side?.ended.then(() => (alone = mark()));
		const run = await running;
		const end = mark();
		// Taken now: a mark set during the awaits below would lie after the run's end.
		const [head, tail] = [sideStarted, alone];
		sampler.stop();
		const stall = stalls.stop();

		const log = await emulator.log('commonRoom');
		const integrity = await contactIntegrity(emulator, prefix, run, log);
		const acceptedBetween = (from: number, to: number) => log.filter((entry) => entry.at >= from && entry.at < to && isAccepted(entry)).length;
		const tailItems = tail ? acceptedBetween(tail.at, Number.POSITIVE_INFINITY) : 0;
		const split = side !== undefined && head !== undefined && tail !== undefined && tailItems >= MIN_ALONE_SHARE * n;
		const span = split ? (tail as CpuMark) : start;
		const cpu = cpuMs(span.cpu, end.cpu);
		const emulatorCpu = cpuMs(await span.emulatorCpu, await end.emulatorCpu);
		const cpuItems = split ? tailItems : n;
		const sending = cpu / cpuItems;
		const preparing = split
			? Math.max(0, cpuMs(start.cpu, (head as CpuMark).cpu) - acceptedBetween(start.at, (head as CpuMark).at) * sending) / n
			: 0;
		const t0 = log.length ? log[0].at : run.startedAt;
		const t1 = run.endedAt;
		const achieved = n / run.seconds;
		return {
			...integrity,
			seconds: round(run.seconds, 2),
			achievedPerSecond: round(achieved, 2),
			ratioToLimit: round(achieved / CR_LIMIT_PER_SECOND),
			serverAcceptedPerSecond: round(acceptedRateBetweenFirstAndLast(log), 2),
			firstRequestAfterSeconds: round((t0 - run.startedAt) / 1000, 2),
			sendingRatioToLimit: round(acceptedRateBetweenFirstAndLast(log) / CR_LIMIT_PER_SECOND),
			maxEventLoopStallMs: stall.maxLagMs,
			cpuMsPerItem: round(sending + preparing),
			cpuMsPerItemSending: split ? round(sending) : null,
			cpuMsPerItemPreparing: split ? round(preparing) : null,
			cpuMs: Math.round(cpu),
			cpuItems,
			cpuSeconds: round((end.at - span.at) / 1000, 1),
			cpuIncludesOtherScenarios: side !== undefined && !split,
			emulatorCpuMsPerItem: round(emulatorCpu / cpuItems),
			series: {
				sent: perSecond(log, t0, t1),
				accepted: perSecond(log, t0, t1, isAccepted),
				rejected429: perSecond(log, t0, t1, is429),
				inFlightPeak: inFlightPerSecond(log, t0, t1),
				limiterRate: sampler.perSecond(),
				eventLoopLagMs: stall.lagMsPerSecond,
				gcMs: stall.gcMsPerSecond,
			},
		};
	} finally {
		await emulator.stop();
	}
}
