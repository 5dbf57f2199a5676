/**
 * The faults of the matrix, the same for both nodes. Each is injected once 100 writes were
 * logged (a run in full flow), filtered to POSTs on the node's write path.
 */
import type { FaultPlan } from './matrix';

/** Items per scenario. */
export const ITEMS = 500;
/** The node's Timeout option in the hang scenario (seconds). */
export const HANG_TIMEOUT_SECONDS = 2;
export const STORM_MS = 30_000;
export const SLOW_MS = 5_000;
export const SLOW_COUNT = 3;
export const BURST = 20;
export const RESETS = 10;
export const HANGS = 3;

export const PLANS = {
	baseline: { name: 'none (baseline)' },
	stormHeaders: {
		name: '429 every other request for 30 s, with rate-limit headers (wait 1 s)',
		faults: [{ kind: 'status', status: 429, every: 2, durationMs: STORM_MS, rateLimitHeaders: true }],
		injectAt: 0,
	},
	stormNoHeaders: {
		name: '429 every other request for 30 s, without rate-limit headers',
		faults: [{ kind: 'status', status: 429, every: 2, durationMs: STORM_MS, rateLimitHeaders: false }],
		injectAt: 0,
	},
	burst500: {
		name: `500 burst (${BURST}, after the write was stored)`,
		faults: [{ kind: 'status', status: 500, count: BURST, afterProcessing: true }],
	},
	burst502: { name: `502 burst (${BURST})`, faults: [{ kind: 'status', status: 502, count: BURST }] },
	burst503: { name: `503 burst (${BURST})`, faults: [{ kind: 'status', status: 503, count: BURST }] },
	resetBefore: {
		name: `connection reset before processing (${RESETS})`,
		faults: [{ kind: 'resetBeforeProcessing', count: RESETS }],
	},
	resetAfter: {
		name: `connection reset after processing (${RESETS})`,
		faults: [{ kind: 'resetAfterProcessing', count: RESETS }],
	},
	hang: {
		name: `no answer past the ${HANG_TIMEOUT_SECONDS} s Timeout (${HANGS} before + ${HANGS} after storing)`,
		faults: [
			{ kind: 'hang', count: HANGS },
			{ kind: 'hang', count: HANGS, afterProcessing: true },
		],
		timeoutSeconds: HANG_TIMEOUT_SECONDS,
	},
	slow: {
		name: `slow server (${SLOW_COUNT} answers take ${SLOW_MS / 1000} s)`,
		faults: [{ kind: 'slow', delayMs: SLOW_MS, count: SLOW_COUNT }],
	},
	restart: { name: 'emulator restarted mid-run (down 1 s)', restart: { at: 200, downMs: 1000 } },
} satisfies Record<string, FaultPlan>;
