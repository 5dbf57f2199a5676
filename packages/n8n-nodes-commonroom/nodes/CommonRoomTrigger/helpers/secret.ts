import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether the `x-commonroom-webhook-secret` header carries the expected secret, in constant time:
 * both sides are hashed to equal-length digests first, so neither the comparison nor an early
 * length check tells an attacker how much of a guess was right. A header sent twice (a list)
 * never matches.
 */
export function secretMatches(header: unknown, expected: string): boolean {
	if (typeof header !== 'string') return false;
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return timingSafeEqual(digest(header), digest(expected));
}
