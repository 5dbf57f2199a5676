/**
 * One limiter per (service, base URL, credential secret) for the whole n8n process.
 *
 * Module-level on purpose: n8n loads a community package once per process, so every execution
 * of either node (manual runs, schedules, sub-workflows, several workflows at once) reaches the
 * same map and shares the server's limit instead of each discovering it with its own 429s.
 * The secret is only ever kept as a SHA-256 hash: the key may end up in a log or a heap dump.
 */
import { createHash } from 'node:crypto';

import { AdaptiveRateLimiter, type Clock } from './adaptiveRateLimiter';
import type { ServiceDescription } from './services';

const limiters = new Map<string, AdaptiveRateLimiter>();

/** Limiters unused for this long are dropped (they would relearn the limit on next use). */
const IDLE_EVICTION_MS = 60 * 60 * 1000;
/** Eviction is only attempted once the map is this big, to keep lookups trivial. */
const EVICTION_THRESHOLD = 64;

export function hashSecret(secret: string): string {
	return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function limiterKey(service: ServiceDescription, baseUrl: string, secret: string): string {
	return `${service.name} ${baseUrl} ${hashSecret(secret)}`;
}

export function getLimiter(
	service: ServiceDescription,
	baseUrl: string,
	secret: string,
	clock?: Clock,
): AdaptiveRateLimiter {
	const key = limiterKey(service, baseUrl, secret);
	let limiter = limiters.get(key);
	if (!limiter) {
		evictIdle();
		limiter = new AdaptiveRateLimiter({
			intervalMs: service.rate.intervalMs,
			initialLimitPerInterval: service.rate.initialLimitPerInterval,
			initialLimitIsDocumented: service.rate.initialLimitIsDocumented,
			clock,
		});
		limiters.set(key, limiter);
	}
	return limiter;
}

function evictIdle(): void {
	if (limiters.size < EVICTION_THRESHOLD) return;
	const now = Date.now();
	for (const [key, limiter] of limiters) {
		if (limiter.idle && now - limiter.lastUsedAt > IDLE_EVICTION_MS) limiters.delete(key);
	}
}

/** For tests: how many limiters exist, and a clean slate between tests. */
export function limiterCount(): number {
	return limiters.size;
}

export function resetLimiters(): void {
	limiters.clear();
}
