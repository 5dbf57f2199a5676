/**
 * 1 + 3 + 6 (CPU): N contacts upserted at the node's default options against a 20/s Common
 * Room. The light paced scenarios (shared, settle, Team Common Ground, sequential) run beside
 * its first ≈ 30 s, each against its own emulator; once they have all ended (`aloneFrom`), the
 * throughput run is alone in the process, and the bench process's CPU time from then to the end,
 * divided by the requests the emulator accepted in that span, is the node's (and n8n's) cost per
 * item. The emulator runs in another process.
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
	/** CPU of this process while the run was alone in it (all of it without `aloneFrom`). */
	cpuMs: number;
	cpuMsPerItem: number;
	/** Items (accepted requests) and seconds the CPU figure covers. */
	cpuItems: number;
	cpuSeconds: number;
	/** The scenarios beside it outlasted the run (small --n): the CPU figure includes theirs. */
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

/**
 * `aloneFrom`: resolves when the scenarios running beside this one have ended; the CPU figure
 * covers the rest of the run (without it, the whole run).
 */
export async function throughput(host: EmulatorHost, n: number, aloneFrom: Promise<unknown> = Promise.resolve()): Promise<ThroughputResult> {
	const emulator = await commonRoomEmulator(host);
	const prefix = 'bench-throughput-';
	const input = contactInput(prefix, n);
	try {
		fullGc();
		const sampler = new LimiterSampler('commonRoom', emulator.commonRoomBaseUrl, emulator.tokens.commonRoom, 1000);
		// 20 wake-ups a second: ~0.01 ms of CPU per item, kept in to explain any dip.
		const stalls = new StallMonitor(50);
		const whole = { at: Date.now(), cpu: process.cpuUsage(), emulatorCpu: host.cpuUsage() };
		let alone: typeof whole | undefined;
		const running = upsertContacts({ baseUrl: emulator.commonRoomBaseUrl, token: emulator.tokens.commonRoom, input });
		void aloneFrom.then(() => {
			alone = { at: Date.now(), cpu: process.cpuUsage(), emulatorCpu: host.cpuUsage() };
		});
		const run = await running;
		const cpuEnd = process.cpuUsage();
		const emulatorCpuEnd = await host.cpuUsage();
		sampler.stop();
		const stall = stalls.stop();

		const log = await emulator.log('commonRoom');
		const integrity = await contactIntegrity(emulator, prefix, run, log);
		// Side scenarios that outlast a small --n: the whole run's CPU, theirs included (flagged).
		const span = alone ?? whole;
		const cpu = cpuMs(span.cpu, cpuEnd);
		const emulatorCpu = cpuMs(await span.emulatorCpu, emulatorCpuEnd);
		const aloneAt = span.at;
		const cpuItems = log.filter((entry) => entry.at >= aloneAt && isAccepted(entry)).length;
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
			cpuMs: Math.round(cpu),
			cpuMsPerItem: round(cpu / cpuItems),
			cpuItems,
			cpuIncludesOtherScenarios: !alone,
			cpuSeconds: round((run.endedAt - aloneAt) / 1000, 1),
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
