/**
 * 6 (memory): heap and RSS while the node upserts a small and a large batch (1,000 and 10,000
 * by default), alone in the process, right after the warm-up (so RSS starts from a process that
 * has only loaded the engine). 10,000 items at 20/s would take 500 s, so this emulator announces
 * a high limit in X-RateLimit-Limit (2,000/s) and has no latency; the node's default options are
 * kept. Both runs use one emulator (one limiter: the large run starts at the pace the small
 * run's limiter reached; the small one shows the climb from the documented 20/s).
 *
 * Readings per run, relative to the level just before it (input items built, full GC):
 * - peak heapUsed, sampled every 10 ms: includes garbage not yet collected;
 * - live heap peak: heapUsed right after each major GC V8 ran, after a forced full GC every
 *   3 s, and the retained reading below: what is really held (a lower bound: a peak between
 *   two readings is missed);
 * - retained: after the run, full GC, output still referenced: the output items themselves;
 * - peak RSS, sampled every 10 ms (RSS rarely shrinks: the large run's delta starts from the
 *   process the small run left).
 */
import type { IDataObject } from 'n8n-workflow';

import { contactInput, LimiterSampler, upsertContacts, type NodeRun } from '../drive';
import type { EmulatorHost, RemoteEmulator } from '../emulators';
import { cpuMs, fullGc, MemorySampler, round, StallMonitor } from '../measure';
import { commonRoomEmulator, contactIntegrity, type Integrity } from './common';

export const MEMORY_LIMIT_PER_SECOND = 2000;
const FORCED_GC_EVERY_MS = 3000;

/** What one run measured (before the emulator's side is added). */
export interface MemoryMeasurement {
	items: number;
	prefix: string;
	run: Pick<NodeRun, 'startedAt' | 'endedAt' | 'seconds' | 'items' | 'errors429' | 'workflowError'> & {
		errorCount: number;
		outputItems: number;
		firstError?: IDataObject;
	};
	cpuMsPerItem: number;
	baseHeapMb: number;
	baseRssMb: number;
	peakHeapMb: number;
	peakRssMb: number;
	livePeakHeapMb: number;
	liveSamples: number;
	retainedHeapMb: number;
	finalLimiterRatePerSecond: number;
	maxEventLoopStallMs: number;
}

export interface MemoryRun extends Integrity {
	seconds: number;
	achievedPerSecond: number;
	cpuMsPerItem: number;
	baseHeapMb: number;
	baseRssMb: number;
	peakHeapMb: number;
	peakRssMb: number;
	peakHeapDeltaMb: number;
	peakRssDeltaMb: number;
	livePeakHeapDeltaMb: number;
	liveSamples: number;
	retainedHeapMb: number;
	peakHeapBytesPerItem: number;
	liveBytesPerItem: number;
	retainedBytesPerItem: number;
	/** The limiter's pace when the run ended. */
	finalLimiterRatePerSecond: number;
	/** The longest the event loop was blocked during the run (the prepare-all phase). */
	maxEventLoopStallMs: number;
}

const mb = (bytes: number) => bytes / 2 ** 20;

/** One measured run against the given emulator. */
export async function measureRun(baseUrl: string, token: string, n: number): Promise<MemoryMeasurement> {
	const prefix = `bench-memory-${n}-`;
	const input = contactInput(prefix, n);
	fullGc();
	const limiter = new LimiterSampler('commonRoom', baseUrl, token, 1000);
	const stalls = new StallMonitor();
	const sampler = new MemorySampler(10);
	const base = process.memoryUsage().heapUsed;
	let livePeak = base;
	let liveSamples = 0;
	const observeLive = () => {
		livePeak = Math.max(livePeak, process.memoryUsage().heapUsed);
		liveSamples++;
	};
	const forced = setInterval(() => (fullGc(), observeLive()), FORCED_GC_EVERY_MS);
	const afterMajorGc = stalls.onMajorGc(observeLive);
	const cpuStart = process.cpuUsage();
	const run = await upsertContacts({ baseUrl, token, input });
	const cpu = cpuMs(cpuStart);
	clearInterval(forced);
	afterMajorGc();
	const peak = sampler.stop();
	const stall = stalls.stop();
	const rates = limiter.stop();
	fullGc();
	const retained = process.memoryUsage().heapUsed;
	// The retained reading is a live reading too (a short run may see no GC at all while running).
	livePeak = Math.max(livePeak, retained);
	return {
		items: n,
		prefix,
		run: {
			startedAt: run.startedAt,
			endedAt: run.endedAt,
			seconds: run.seconds,
			items: run.items,
			errors429: run.errors429,
			workflowError: run.workflowError,
			errorCount: run.errors.length,
			outputItems: run.output.length,
			firstError: run.errors[0],
		},
		cpuMsPerItem: round(cpu / n),
		baseHeapMb: peak.baseHeapMb,
		baseRssMb: peak.baseRssMb,
		peakHeapMb: peak.peakHeapMb,
		peakRssMb: peak.peakRssMb,
		livePeakHeapMb: round(mb(livePeak), 1),
		liveSamples,
		retainedHeapMb: round(mb(retained), 1),
		finalLimiterRatePerSecond: round(rates[rates.length - 1]?.ratePerSecond ?? 0, 1),
		maxEventLoopStallMs: stall.maxLagMs,
	};
}

async function toMemoryRun(emulator: RemoteEmulator, m: MemoryMeasurement): Promise<MemoryRun> {
	const log = (await emulator.log('commonRoom')).filter((entry) => entry.at >= m.run.startedAt);
	const errors = new Array(m.run.errorCount).fill(m.run.firstError ?? {});
	const nodeRun = { ...m.run, output: new Array(m.run.outputItems), errors } as unknown as NodeRun;
	const integrity = await contactIntegrity(emulator, m.prefix, nodeRun, log);
	const peakHeapDelta = m.peakHeapMb - m.baseHeapMb;
	const liveDelta = m.livePeakHeapMb - m.baseHeapMb;
	const retainedDelta = m.retainedHeapMb - m.baseHeapMb;
	const perItem = (deltaMb: number) => Math.round((deltaMb * 2 ** 20) / m.items);
	return {
		...integrity,
		seconds: round(m.run.seconds, 2),
		achievedPerSecond: round(m.items / m.run.seconds, 1),
		cpuMsPerItem: m.cpuMsPerItem,
		baseHeapMb: m.baseHeapMb,
		baseRssMb: m.baseRssMb,
		peakHeapMb: m.peakHeapMb,
		peakRssMb: m.peakRssMb,
		peakHeapDeltaMb: round(peakHeapDelta, 1),
		peakRssDeltaMb: round(m.peakRssMb - m.baseRssMb, 1),
		livePeakHeapDeltaMb: round(liveDelta, 1),
		liveSamples: m.liveSamples,
		retainedHeapMb: round(retainedDelta, 1),
		peakHeapBytesPerItem: perItem(peakHeapDelta),
		liveBytesPerItem: perItem(liveDelta),
		retainedBytesPerItem: perItem(retainedDelta),
		finalLimiterRatePerSecond: m.finalLimiterRatePerSecond,
		maxEventLoopStallMs: m.maxEventLoopStallMs,
	};
}

/** Both sizes, one after the other, against one emulator. */
export async function memoryRuns(host: EmulatorHost, sizes: number[], log: (message: string) => void): Promise<MemoryRun[]> {
	const emulator = await commonRoomEmulator(host, { ratePerSecond: MEMORY_LIMIT_PER_SECOND, sendRateLimitHeaders: true }, null);
	try {
		const runs: MemoryRun[] = [];
		for (const n of sizes) {
			log(`memory: ${n} contacts (limit ${MEMORY_LIMIT_PER_SECOND}/s announced, no latency, alone)`);
			runs.push(await toMemoryRun(emulator, await measureRun(emulator.commonRoomBaseUrl, emulator.tokens.commonRoom, n)));
		}
		return runs;
	} finally {
		await emulator.stop();
	}
}
