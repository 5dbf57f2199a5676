/**
 * Pure measurement helpers: rates from the emulator's request log, the settle point, memory
 * sampling, the machine description. Kept free of scenario logic so each number's definition
 * lives in one place (bench/README.md describes them in words).
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { constants as perfConstants, performance, PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import type { LogEntry } from './emulators';

export const isAccepted = (entry: LogEntry): boolean => typeof entry.status === 'number' && entry.status < 400;
export const is429 = (entry: LogEntry): boolean => entry.status === 429;

/** Rounds for the table and results.json. */
export function round(value: number, digits = 3): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

/**
 * Requests per 1 s window, windows starting at `t0` (epoch ms): window k covers
 * [t0 + k·1000, t0 + (k+1)·1000). Only complete windows up to `t1` are returned.
 */
export function perSecond(entries: LogEntry[], t0: number, t1: number, keep: (entry: LogEntry) => boolean = () => true): number[] {
	const windows = Math.max(0, Math.floor((t1 - t0) / 1000));
	const counts = new Array<number>(windows).fill(0);
	for (const entry of entries) {
		if (!keep(entry)) continue;
		const k = Math.floor((entry.at - t0) / 1000);
		if (k >= 0 && k < windows) counts[k]++;
	}
	return counts;
}

/** The most requests open at the emulator at once within each 1 s window (arrival to answer). */
export function inFlightPerSecond(entries: LogEntry[], t0: number, t1: number): number[] {
	const windows = Math.max(0, Math.floor((t1 - t0) / 1000));
	const events: Array<[number, number]> = [];
	for (const entry of entries) {
		events.push([entry.at, 1], [entry.at + entry.durationMs, -1]);
	}
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const peaks = new Array<number>(windows).fill(0);
	let open = 0;
	for (const [at, delta] of events) {
		open += delta;
		const k = Math.floor((at - t0) / 1000);
		if (k >= 0 && k < windows) peaks[k] = Math.max(peaks[k], open);
	}
	return peaks;
}

export interface Settle {
	/** Start of the first span from which every later span is within the band; null = never. */
	settleSeconds: number | null;
	/** Requests per second that count as within 10 %: [(1 − tolerance)·L, (1 + tolerance)·L]. */
	band: [number, number];
	/** Complete 1 s windows from the settle point on (how long "stays" was observed). */
	windowsAfter: number;
}

/**
 * The settle point. The rate is measured over spans of `spanSeconds` whole 1 s windows, one span
 * starting at every window; a span is "within 10 %" of the limit L when its rate of accepted
 * requests is at least (1 − tolerance)·L AND its rate of requests sent (accepted + 429s) is at
 * most (1 + tolerance)·L. The second condition matters: the server caps what it accepts at L, so
 * accepted alone would look settled during a 429 storm. The settle point is the start of the
 * first span from which every later span is within.
 *
 * Why 2 s spans by default: at 10/s a 1 s window holds 10 requests, so 10 % is one request, and
 * one request held up ~100 ms by a stall of the measuring process (not of the pace: the limiter
 * stays at 10/s) moves from one window to the next and puts both out of the band (8 then 12). Over
 * 2 s the band is ± 2 requests and such a shift cancels out; a pace off by more than 10 % for
 * about 2 s or longer still shows (a single second of 14 followed by 8 does not).
 */
export function settlePoint(accepted: number[], sent: number[], limitPerSecond: number, tolerance = 0.1, spanSeconds = 2): Settle {
	const band: [number, number] = [limitPerSecond * (1 - tolerance), limitPerSecond * (1 + tolerance)];
	const spans = accepted.length - spanSeconds + 1;
	const sum = (series: number[], k: number) => series.slice(k, k + spanSeconds).reduce((a, b) => a + b, 0);
	const within = (k: number) => sum(accepted, k) >= band[0] * spanSeconds && sum(sent, k) <= band[1] * spanSeconds;
	if (spans <= 0) return { settleSeconds: null, band, windowsAfter: 0 };
	let k = spans;
	while (k > 0 && within(k - 1)) k--;
	if (k === spans) return { settleSeconds: null, band, windowsAfter: 0 };
	return { settleSeconds: k, band, windowsAfter: accepted.length - k };
}

/** Requests with arrival in [from, to), per second. */
export function rateBetween(entries: LogEntry[], from: number, to: number, keep: (entry: LogEntry) => boolean = () => true): number {
	if (to <= from) return 0;
	const count = entries.filter((entry) => entry.at >= from && entry.at < to && keep(entry)).length;
	return count / ((to - from) / 1000);
}

export function machine() {
	const list = cpus();
	return {
		cpuModel: list[0]?.model ?? 'unknown',
		cores: list.length,
		totalMemoryMb: Math.round(totalmem() / 2 ** 20),
		node: process.version,
		platform: `${process.platform} ${process.arch}`,
	};
}

let gcFunction: (() => void) | undefined;

/** A full GC (exposes `gc` on first use, so no command-line flag is needed). */
export function fullGc(): void {
	if (!gcFunction) {
		setFlagsFromString('--expose-gc');
		gcFunction = runInNewContext('gc') as () => void;
	}
	gcFunction();
	gcFunction();
}

export interface MemoryPeak {
	/** Before the run, after a full GC. */
	baseHeapMb: number;
	baseRssMb: number;
	peakHeapMb: number;
	peakRssMb: number;
	samples: number;
}

/** Samples heapUsed and RSS every `everyMs` until stopped; the peak is the largest sample. */
export class MemorySampler {
	private readonly base = process.memoryUsage();
	private peakHeap = this.base.heapUsed;
	private peakRss = this.base.rss;
	private samples = 0;
	private readonly timer: NodeJS.Timeout;

	constructor(everyMs = 10) {
		this.timer = setInterval(() => this.sample(), everyMs);
	}

	sample(): void {
		const now = process.memoryUsage();
		this.samples++;
		if (now.heapUsed > this.peakHeap) this.peakHeap = now.heapUsed;
		if (now.rss > this.peakRss) this.peakRss = now.rss;
	}

	stop(): MemoryPeak {
		clearInterval(this.timer);
		this.sample();
		const mb = (bytes: number) => round(bytes / 2 ** 20, 1);
		return {
			baseHeapMb: mb(this.base.heapUsed),
			baseRssMb: mb(this.base.rss),
			peakHeapMb: mb(this.peakHeap),
			peakRssMb: mb(this.peakRss),
			samples: this.samples,
		};
	}
}

/** CPU time (user + system) between two `process.cpuUsage()` readings, in ms. */
export function cpuMs(start: NodeJS.CpuUsage, end: NodeJS.CpuUsage = process.cpuUsage()): number {
	return (end.user - start.user + end.system - start.system) / 1000;
}

/**
 * Event-loop stalls in this process, per 1 s window: the worst lateness of a 20 ms timer, and
 * the GC pauses. Scenarios that run side by side share this loop; a stall here shows up as a
 * dip in every scenario's per-second rate, so the table reports it.
 */
export class StallMonitor {
	private readonly startedAt = performance.now();
	private last = performance.now();
	private readonly lag: number[] = [];
	private readonly gc: number[] = [];
	private readonly timer: NodeJS.Timeout;
	private readonly observer: PerformanceObserver;
	private readonly majorGcListeners = new Set<() => void>();

	constructor(private readonly everyMs = 20) {
		this.timer = setInterval(() => {
			const now = performance.now();
			const late = now - this.last - this.everyMs;
			this.last = now;
			const k = Math.floor((now - this.startedAt) / 1000);
			this.lag[k] = Math.max(this.lag[k] ?? 0, late);
		}, everyMs);
		this.observer = new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) {
				const k = Math.floor((entry.startTime - this.startedAt) / 1000);
				if (k >= 0) this.gc[k] = (this.gc[k] ?? 0) + entry.duration;
				const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
				if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) for (const listener of this.majorGcListeners) listener();
			}
		});
		this.observer.observe({ entryTypes: ['gc'] });
	}

	/** Calls `listener` soon after each major GC (mark-compact); returns the unsubscribe. */
	onMajorGc(listener: () => void): () => void {
		this.majorGcListeners.add(listener);
		return () => this.majorGcListeners.delete(listener);
	}

	stop(): { maxLagMs: number; lagMsPerSecond: number[]; gcMsPerSecond: number[]; maxGcMsPerSecond: number } {
		clearInterval(this.timer);
		this.observer.disconnect();
		const lag = Array.from(this.lag, (v) => Math.round(v ?? 0));
		const gc = Array.from({ length: lag.length }, (_, i) => Math.round(this.gc[i] ?? 0));
		return { maxLagMs: Math.max(0, ...lag), lagMsPerSecond: lag, gcMsPerSecond: gc, maxGcMsPerSecond: Math.max(0, ...gc) };
	}
}

/** The machine's 1-minute load average, every 5 s: other jobs on these cores skew timings. */
export class LoadSampler {
	private readonly samples = [loadavg()[0]];
	private readonly timer = setInterval(() => this.samples.push(loadavg()[0]), 5000);

	stop(): { start: number; mean: number; max: number; end: number } {
		clearInterval(this.timer);
		this.samples.push(loadavg()[0]);
		const mean = this.samples.reduce((a, b) => a + b, 0) / this.samples.length;
		return { start: round(this.samples[0], 2), mean: round(mean, 2), max: round(Math.max(...this.samples), 2), end: round(this.samples[this.samples.length - 1], 2) };
	}
}
