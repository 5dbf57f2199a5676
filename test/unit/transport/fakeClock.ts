/**
 * A clock for the limiter and retry loop that only moves when a test says so. `advanceTo` fires
 * due sleepers in time order and lets the promise chains they release settle before the next,
 * so a whole simulated run (workers, server latency, retries) is deterministic and instant.
 */
import type { Clock } from '../../../packages/shared/transport/adaptiveRateLimiter';

interface Sleeper {
	at: number;
	seq: number;
	resolve: () => void;
}

/** Lets every pending promise continuation run (setImmediate runs after the microtask queue). */
export async function settle(rounds = 2): Promise<void> {
	for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class FakeClock implements Clock {
	private time: number;
	private sleepers: Sleeper[] = [];
	private seq = 0;

	constructor(start = Date.UTC(2026, 0, 1)) {
		this.time = start;
	}

	now(): number {
		return this.time;
	}

	async sleep(ms: number, signal?: AbortSignal): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			if (signal?.aborted) {
				reject(new Error('aborted'));
				return;
			}
			const sleeper: Sleeper = { at: this.time + Math.max(0, ms), seq: this.seq++, resolve };
			this.sleepers.push(sleeper);
			signal?.addEventListener(
				'abort',
				() => {
					this.sleepers = this.sleepers.filter((entry) => entry !== sleeper);
					reject(new Error('aborted'));
				},
				{ once: true },
			);
		});
	}

	get pendingSleepers(): number {
		return this.sleepers.length;
	}

	/** The time the next sleeper wakes, if any. */
	get nextWake(): number | undefined {
		return this.sleepers.reduce<number | undefined>((min, s) => (min === undefined || s.at < min ? s.at : min), undefined);
	}

	async advanceTo(target: number): Promise<void> {
		await settle();
		for (;;) {
			let next: Sleeper | undefined;
			for (const sleeper of this.sleepers) {
				if (sleeper.at > target) continue;
				if (!next || sleeper.at < next.at || (sleeper.at === next.at && sleeper.seq < next.seq)) next = sleeper;
			}
			if (!next) break;
			this.sleepers = this.sleepers.filter((entry) => entry !== next);
			this.time = Math.max(this.time, next.at);
			next.resolve();
			await settle();
		}
		this.time = Math.max(this.time, target);
		await settle();
	}

	async advance(ms: number): Promise<void> {
		await this.advanceTo(this.time + ms);
	}

	/** Advances until `done()` or until `limitMs` of simulated time have passed. */
	async runUntil(done: () => boolean, limitMs: number): Promise<void> {
		const end = this.time + limitMs;
		await settle();
		while (!done() && this.time < end) {
			const wake = this.nextWake;
			if (wake === undefined) break;
			await this.advanceTo(Math.min(wake, end));
		}
	}
}

/** A small deterministic PRNG (mulberry32) so simulations are repeatable. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
