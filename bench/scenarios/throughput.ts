/**
 * 1 + 3 + 6 (CPU): N contacts upserted at the node's default options against a 20/s Common
 * Room. Run alone: the bench process's CPU time around it is the node's (and n8n's) cost per
 * item; the emulator runs in another process.
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
	cpuMs: number;
	cpuMsPerItem: number;
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

export async function throughput(host: EmulatorHost, n: number): Promise<ThroughputResult> {
	const emulator = await commonRoomEmulator(host);
	const prefix = 'bench-throughput-';
	const input = contactInput(prefix, n);
	try {
		fullGc();
		const sampler = new LimiterSampler('commonRoom', emulator.commonRoomBaseUrl, emulator.tokens.commonRoom, 1000);
		// 20 wake-ups a second: ~0.01 ms of CPU per item, kept in to explain any dip.
		const stalls = new StallMonitor(50);
		const emulatorCpuStart = await host.cpuUsage();
		const cpuStart = process.cpuUsage();
		const run = await upsertContacts({ baseUrl: emulator.commonRoomBaseUrl, token: emulator.tokens.commonRoom, input });
		const cpu = cpuMs(cpuStart);
		const emulatorCpu = cpuMs(emulatorCpuStart, await host.cpuUsage());
		sampler.stop();
		const stall = stalls.stop();

		const log = await emulator.log('commonRoom');
		const integrity = await contactIntegrity(emulator, prefix, run, log);
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
			cpuMsPerItem: round(cpu / n),
			emulatorCpuMsPerItem: round(emulatorCpu / n),
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
