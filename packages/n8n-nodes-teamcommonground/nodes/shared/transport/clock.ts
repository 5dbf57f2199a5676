// Generated from packages/shared/transport/clock.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
/** Time, injectable: the limiter and retry loop run on a fake clock in unit tests. */
import { sleep } from 'n8n-workflow';

export interface Clock {
	now(): number;
	/** Resolves after `ms`; rejects early when `signal` aborts. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	// n8n-workflow's `sleep`, not setTimeout: community nodes may not use timer globals (n8n
	// Cloud's restricted globals, lint rule no-restricted-globals). It takes an AbortSignal,
	// which is how a waiting pump is woken early and how a cancelled execution stops waiting.
	sleep: async (ms, signal) => await sleep(ms, signal),
};
