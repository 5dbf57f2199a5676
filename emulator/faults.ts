// Fault injection. Two kinds of entries (emulator/README.md "Faults"):
// - queued faults: consumed in injection order by the next matching requests, `count` (default 1)
//   requests each;
// - time-window faults (a spec with `every` and/or `durationMs`): active from injection until
//   `durationMs` passes (or `count` hits are made); hit the 1st, (1+every)th, ... matching request.
// A request first takes from the queue; only when no queued fault matches does a window apply.
import type { FaultKindSpec, FaultSpec, FaultTarget, ServiceName } from './types';

export interface ActiveFault {
	spec: FaultKindSpec;
}

interface QueuedFault {
	target: FaultTarget;
	spec: FaultSpec;
	remaining: number;
}

interface WindowFault {
	target: FaultTarget;
	spec: FaultSpec;
	every: number;
	endsAtMs: number;
	hitsLeft: number;
	seen: number;
}

export interface PendingFault {
	target: FaultTarget;
	spec: FaultSpec;
	remaining: number;
	window?: { every: number; endsAt: string | null; seen: number };
}

export class FaultBook {
	private queue: QueuedFault[] = [];
	private windows: WindowFault[] = [];

	inject(target: FaultTarget, specs: FaultSpec[], nowMs = Date.now()): void {
		for (const spec of specs) {
			validateFault(spec);
			if (spec.every !== undefined || spec.durationMs !== undefined) {
				this.windows.push({
					target,
					spec,
					every: spec.every ?? 1,
					endsAtMs: spec.durationMs === undefined ? Infinity : nowMs + spec.durationMs,
					hitsLeft: spec.count ?? Infinity,
					seen: 0,
				});
			} else {
				this.queue.push({ target, spec, remaining: spec.count ?? 1 });
			}
		}
	}

	clear(): void {
		this.queue = [];
		this.windows = [];
	}

	/** The fault to apply to this request, consuming it; undefined = behave normally. */
	take(service: ServiceName, method: string, path: string, nowMs = Date.now()): ActiveFault | undefined {
		const queued = this.queue.find((entry) => applies(entry.target, entry.spec, service, method, path));
		if (queued) {
			queued.remaining -= 1;
			if (queued.remaining <= 0) this.queue.splice(this.queue.indexOf(queued), 1);
			return { spec: queued.spec };
		}
		this.windows = this.windows.filter((window) => window.endsAtMs > nowMs && window.hitsLeft > 0);
		for (const window of this.windows) {
			if (!applies(window.target, window.spec, service, method, path)) continue;
			const hit = window.seen % window.every === 0;
			window.seen += 1;
			if (!hit) continue;
			window.hitsLeft -= 1;
			return { spec: window.spec };
		}
		return undefined;
	}

	pending(nowMs = Date.now()): PendingFault[] {
		const queued = this.queue.map((entry) => ({ target: entry.target, spec: entry.spec, remaining: entry.remaining }));
		const windows = this.windows
			.filter((window) => window.endsAtMs > nowMs && window.hitsLeft > 0)
			.map((window) => ({
				target: window.target,
				spec: window.spec,
				remaining: window.hitsLeft,
				window: {
					every: window.every,
					endsAt: Number.isFinite(window.endsAtMs) ? new Date(window.endsAtMs).toISOString() : null,
					seen: window.seen,
				},
			}));
		return [...queued, ...windows];
	}
}

function applies(target: FaultTarget, spec: FaultSpec, service: ServiceName, method: string, path: string): boolean {
	if (target !== 'any' && target !== service) return false;
	if (spec.method && spec.method.toUpperCase() !== method.toUpperCase()) return false;
	if (spec.pathIncludes && !path.includes(spec.pathIncludes)) return false;
	return true;
}

function validateFault(spec: FaultSpec): void {
	const positive = (value: number | undefined, name: string) => {
		if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
			throw new Error(`fault ${spec.kind}: ${name} must be a positive integer`);
		}
	};
	positive(spec.count, 'count');
	positive(spec.every, 'every');
	positive(spec.durationMs, 'durationMs');
	if (spec.kind === 'status' && ![400, 429, 500, 502, 503].includes(spec.status)) {
		throw new Error(`fault status: status must be 400, 429, 500, 502 or 503 (got ${String(spec.status)})`);
	}
	if (spec.kind === 'slow' && !(spec.delayMs >= 0)) throw new Error('fault slow: delayMs must be >= 0');
	const kinds = ['status', 'resetBeforeProcessing', 'resetAfterProcessing', 'hang', 'slow'];
	if (!kinds.includes(spec.kind)) throw new Error(`unknown fault kind ${String(spec.kind)}`);
}
