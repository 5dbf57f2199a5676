// Generated from packages/shared/transport/waitingLine.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
/**
 * The limiter's queue of callers: FIFO (so executions sharing a credential share the rate fairly),
 * and ONE pump that hands out tokens and sleeps until the next is due, so a thousand waiting
 * callers cost one timer, not a busy loop. What a token is and when the next one is due is the
 * limiter's business (`next`).
 */
import type { Clock } from './clock';
import type { Ticket } from './limiterTypes';

interface Waiter {
	resolve: (ticket: Ticket) => void;
	reject: (error: Error) => void;
	signal?: AbortSignal;
	onAbort?: () => void;
}

/** A ticket for the caller at the head of the line, or how many ms until one can be had. */
export type NextToken = (now: number) => Ticket | number;

export class WaitingLine {
	private readonly waiters: Waiter[] = [];
	private pumping = false;
	private wakePump?: AbortController;

	constructor(
		private readonly clock: Clock,
		private readonly next: NextToken,
	) {}

	get length(): number {
		return this.waiters.length;
	}

	/** Waits (without spinning) until this caller may send one request. */
	async join(signal?: AbortSignal): Promise<Ticket> {
		if (signal?.aborted) throw abortError(signal);
		return await new Promise<Ticket>((resolve, reject) => {
			const waiter: Waiter = { resolve, reject, signal };
			if (signal) {
				waiter.onAbort = () => {
					const index = this.waiters.indexOf(waiter);
					if (index >= 0) this.waiters.splice(index, 1);
					reject(abortError(signal));
				};
				signal.addEventListener('abort', waiter.onAbort, { once: true });
			}
			this.waiters.push(waiter);
			this.startPump();
		});
	}

	/** The next token may be due sooner than the pump is sleeping for (a limit was learned). */
	wake(): void {
		this.wakePump?.abort();
	}

	private startPump(): void {
		if (this.pumping) return;
		this.pumping = true;
		void this.pump();
	}

	private async pump(): Promise<void> {
		try {
			while (this.waiters.length > 0) {
				const next = this.next(this.clock.now());
				if (typeof next !== 'number') {
					const waiter = this.waiters.shift() as Waiter;
					if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
					waiter.resolve(next);
					continue;
				}
				// One controller serves every sleep until it is used: creating one per token costs CPU.
				this.wakePump ??= new AbortController();
				try {
					await this.clock.sleep(next, this.wakePump.signal);
				} catch {
					// Woken on purpose; the loop recomputes the wait.
					this.wakePump = undefined;
				}
			}
		} finally {
			this.pumping = false;
		}
	}
}

function abortError(signal: AbortSignal): Error {
	const reason: unknown = signal.reason;
	if (reason instanceof Error) return reason;
	const error = new Error('The operation was aborted');
	error.name = 'AbortError';
	return error;
}
