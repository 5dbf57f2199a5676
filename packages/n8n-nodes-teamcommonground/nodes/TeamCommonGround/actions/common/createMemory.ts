/**
 * Skip Duplicates: the keys this node created activities for, in n8n's store of processed items
 * (shared/memory/processedStore.ts: one row for this node in this workflow, kept by n8n in its
 * database, so every execution, a restart and queue-mode workers see it). A key is recorded right
 * before its request goes out and counts as created from then on, unless Team Common Ground
 * refused it: a create that may have reached the server (no answer, a server error) is not sent
 * again. docs/exactly-once.md says what holds where.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { ProcessedStore } from '../../../shared/memory';
import { lookBackDays, storedValue, STORE_MAX_ENTRIES, utcDay } from '../../helpers/duplicateKey';

export interface RememberedKey {
	/**
	 * created: Team Common Ground confirmed it (within the look-up's days); unconfirmed: sent, and
	 * no answer said it was created (in doubt, an interrupted run, or confirmed before the look-up
	 * reaches).
	 */
	state: 'created' | 'unconfirmed';
	/** The day (UTC) it was confirmed, when within the last CREATED_ON_LOOKBACK_DAYS days. */
	createdOn: string | null;
}

/** Keys an execution of this process is sending right now, per workflow and node. */
const inFlight = new Map<string, Set<string>>();

export class CreateMemory {
	private readonly store: ProcessedStore;

	constructor(ctx: IExecuteFunctions) {
		this.store = new ProcessedStore(ctx, STORE_MAX_ENTRIES);
	}

	/** What is remembered of these keys, read in two calls for the whole run. */
	async lookUp(keys: string[], now: Date): Promise<Map<string, RememberedKey>> {
		const sent = await this.store.has(keys.map(storedValue.sent));
		const remembered = keys.filter((key) => sent.has(storedValue.sent(key)));
		const days = lookBackDays(now);
		const created = await this.store.has(remembered.flatMap((key) => days.map((day) => storedValue.created(key, day))));
		const result = new Map<string, RememberedKey>();
		for (const key of remembered) {
			const createdOn = days.find((day) => created.has(storedValue.created(key, day))) ?? null;
			result.set(key, { state: createdOn === null ? 'unconfirmed' : 'created', createdOn });
		}
		return result;
	}

	/** Takes the key for this execution; false when another execution of this process has it. */
	claim(key: string): boolean {
		const keys = inFlight.get(this.store.scope) ?? new Set<string>();
		if (keys.has(key)) return false;
		keys.add(key);
		inFlight.set(this.store.scope, keys);
		return true;
	}

	release(key: string): void {
		const keys = inFlight.get(this.store.scope);
		keys?.delete(key);
		if (keys?.size === 0) inFlight.delete(this.store.scope);
	}

	/** Records that the key is being sent; false when it was recorded already (another process). */
	async markSent(key: string): Promise<boolean> {
		const before = await this.store.record([storedValue.sent(key)]);
		return before.size === 0;
	}

	async markCreated(key: string, now: Date): Promise<void> {
		await this.store.record([storedValue.created(key, utcDay(now))]);
	}

	/** Takes back a key the service refused, so the next run sends it. */
	async forgetSent(key: string): Promise<void> {
		await this.store.remove([storedValue.sent(key)]);
	}

	/** Forgets keys entirely (the Created Keys > Forget Keys operation). */
	async forget(keys: string[], now: Date): Promise<void> {
		const days = lookBackDays(now);
		await this.store.remove(keys.flatMap((key) => [storedValue.sent(key), ...days.map((day) => storedValue.created(key, day))]));
	}

	async forgetAll(): Promise<void> {
		await this.store.clear();
	}

	/** Stored values (two per key created, one per key in doubt). */
	async size(): Promise<number> {
		return await this.store.count();
	}
}
