/**
 * Which deliveries were seen recently, kept in the workflow's static data (n8n saves it with the
 * workflow after a production webhook call). Bounded in age and size, so an always-on workflow
 * does not grow it without end.
 */
import type { IDataObject } from 'n8n-workflow';

export const SEEN_MAX_ENTRIES = 1000;
export const SEEN_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Envelope id → when it was first seen (epoch ms). */
type Seen = Record<string, number>;

/**
 * Records `id` as seen at `now`; true when it had already been seen within the window (a repeated
 * delivery). Entries older than the window are dropped, then the oldest beyond the size bound.
 */
export function markSeen(staticData: IDataObject, id: string, now: number): boolean {
	const seen = Object.create(null) as Seen;
	const stored = staticData.seenDeliveries;
	if (stored !== null && typeof stored === 'object' && !Array.isArray(stored)) {
		for (const [key, at] of Object.entries(stored as Record<string, unknown>)) {
			if (typeof at === 'number' && now - at < SEEN_MAX_AGE_MS) seen[key] = at;
		}
	}
	const repeated = Object.hasOwn(seen, id);
	if (!repeated) seen[id] = now;
	const entries = Object.entries(seen).sort(([, a], [, b]) => a - b);
	const kept = entries.slice(Math.max(0, entries.length - SEEN_MAX_ENTRIES));
	// Built without a prototype chain: envelope ids are data, and "__proto__" is a possible one.
	const next = Object.create(null) as Seen;
	for (const [key, at] of kept) next[key] = at;
	staticData.seenDeliveries = next as unknown as IDataObject;
	return repeated;
}
