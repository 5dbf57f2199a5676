/**
 * Which deliveries a trigger has seen, so a repeat starts nothing. Two records, bounded the same
 * way (24 hours, 1,000 ids per trigger):
 * - in this process's memory, per workflow and node: every webhook call of the process shares it
 *   (n8n loads a node's module once per process), and it is checked and written in one
 *   synchronous step, so of several identical deliveries arriving at once exactly one is new;
 * - in the node's workflow static data, which n8n reads from its database for every webhook
 *   call and saves after it: it carries the record across restarts and to the process's next
 *   start. What is written is the union of both, so ids that another execution's save of the
 *   workflow's static data overwrote come back with the next delivery.
 * docs/reliability.md says what this guarantees where.
 */
import type { IDataObject } from 'n8n-workflow';

export const SEEN_MAX_ENTRIES = 1000;
export const SEEN_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Triggers (workflow and node) this process remembers at once; the least recently used go. */
export const MEMORY_MAX_TRIGGERS = 1000;

/** Envelope id → when it was first seen (epoch ms). A Map: ids are data ("__proto__" is one). */
export type Seen = Map<string, number>;

/** The stored record (`{ id: epoch ms }`), without entries that are not times or are too old. */
export function readStored(stored: unknown, now: number): Seen {
	const seen: Seen = new Map();
	if (stored !== null && typeof stored === 'object' && !Array.isArray(stored)) {
		for (const [id, at] of Object.entries(stored as Record<string, unknown>)) {
			if (typeof at === 'number' && Number.isFinite(at) && now - at < SEEN_MAX_AGE_MS) seen.set(id, at);
		}
	}
	return seen;
}

/** The newest SEEN_MAX_ENTRIES of those seen within SEEN_MAX_AGE_MS, oldest first. */
export function pruned(seen: Seen, now: number): Seen {
	const entries = [...seen].filter(([, at]) => now - at < SEEN_MAX_AGE_MS).sort(([, a], [, b]) => a - b);
	return new Map(entries.slice(Math.max(0, entries.length - SEEN_MAX_ENTRIES)));
}

/** The record as static data keeps it: an object without a prototype chain, so any id is a key. */
export function toStored(seen: Seen): IDataObject {
	const stored = Object.create(null) as Record<string, number>;
	for (const [id, at] of seen) stored[id] = at;
	return stored as unknown as IDataObject;
}

export class DeliveryMemory {
	private readonly triggers = new Map<string, Seen>();

	constructor(private readonly maxTriggers = MEMORY_MAX_TRIGGERS) {}

	/**
	 * Whether `id` was already delivered to this trigger (in this process's record or in the
	 * stored one); records it either way, in memory and in `staticData.seenDeliveries`. It does
	 * not await anything: no other webhook call of this process runs between check and record.
	 */
	checkAndRecord(trigger: string, staticData: IDataObject, id: string, now: number): boolean {
		const seen = readStored(staticData.seenDeliveries, now);
		for (const [known, at] of this.triggers.get(trigger) ?? []) {
			const stored = seen.get(known);
			if (now - at < SEEN_MAX_AGE_MS && (stored === undefined || at < stored)) seen.set(known, at);
		}
		const repeated = seen.has(id);
		if (!repeated) seen.set(id, now);
		const kept = pruned(seen, now);
		this.triggers.delete(trigger); // re-inserted last: the most recently used
		this.triggers.set(trigger, kept);
		for (const oldest of this.triggers.keys()) {
			if (this.triggers.size <= this.maxTriggers) break;
			this.triggers.delete(oldest);
		}
		// A replaced key is a change n8n's static data notices (and then saves).
		staticData.seenDeliveries = toStored(kept);
		return repeated;
	}

	/** Forgets everything, as a restart of n8n (or a reinstall of the package) does. */
	clear(): void {
		this.triggers.clear();
	}

	/** How many triggers and ids this process remembers. */
	size(): { triggers: number; ids: number } {
		let ids = 0;
		for (const seen of this.triggers.values()) ids += seen.size;
		return { triggers: this.triggers.size, ids };
	}
}

/** This process's record: one per loaded copy of the package. */
export const deliveryMemory = new DeliveryMemory();
