// Generated from packages/shared/memory/processedStore.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * n8n's own store of processed values (`this.helpers.checkProcessedAndRecord` and its siblings,
 * n8n-core 1.64 and later, the store n8n's Remove Duplicates node uses), for this node in this
 * workflow. Read in n8n's shipped code (n8n/dist/deduplication/deduplication-helper.js): one
 * database row per workflow and node, the values kept as MD5 hashes in the order recorded, the
 * oldest dropped past `maxEntries`, and no lock: each call reads the row, changes it and writes it
 * back. What this adds:
 * - every call for one node of one workflow waits for the one before, in this process, so two
 *   executions here never write over each other's changes (n8n holds no lock; other processes,
 *   queue-mode workers, still can);
 * - `has`, a check that leaves the store as it was (n8n only checks and records in one call):
 *   record, then take back what was new; without a size limit on that call, so a check never
 *   pushes a remembered value out.
 * A new node, or a copy of the workflow, has ids of its own: its store starts empty.
 */
export class ProcessedStore {
	private static readonly queues = new Map<string, Promise<unknown>>();
	/** Per workflow and node: the records waiting for the next write, and that write. */
	private static readonly batches = new Map<string, { values: string[]; written: Promise<Set<string>> }>();

	/** This node in this workflow: what n8n's row and this process's queue belong to. */
	readonly scope: string;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly maxEntries: number,
	) {
		this.scope = `${ctx.getWorkflow().id ?? ''} ${ctx.getNode().id}`;
	}

	/** Of these values, those recorded; nothing is recorded. */
	async has(values: string[]): Promise<Set<string>> {
		return await this.serial(async () => await this.hasNow(values));
	}

	/**
	 * Records the values; returns those that were recorded already. Records asked for while
	 * another call runs go out together in the next call (one database write for all of them):
	 * with many items in flight, a write per item would fall behind the requests it records.
	 */
	async record(values: string[]): Promise<Set<string>> {
		if (values.length === 0) return new Set();
		const key = this.scope;
		let batch = ProcessedStore.batches.get(key);
		if (!batch) {
			const values: string[] = [];
			const written = this.serial(async () => {
				ProcessedStore.batches.delete(key);
				return await this.recordNow(values);
			});
			batch = { values, written };
			ProcessedStore.batches.set(key, batch);
		}
		batch.values.push(...values);
		const before = await batch.written;
		return new Set(values.filter((value) => before.has(value)));
	}

	async remove(values: string[]): Promise<void> {
		if (values.length === 0) return;
		await this.serial(async () => await this.helpers().removeProcessed(values, 'node', { mode: 'entries' }));
	}

	/**
	 * Several checks and records that no other call of this process comes between (a read, then
	 * a record that depends on it).
	 */
	async atomically<T>(work: (store: { has(values: string[]): Promise<Set<string>>; record(values: string[]): Promise<Set<string>> }) => Promise<T>): Promise<T> {
		return await this.serial(async () => await work({ has: async (values) => await this.hasNow(values), record: async (values) => await this.recordNow(values) }));
	}

	private async hasNow(values: string[]): Promise<Set<string>> {
		if (values.length === 0) return new Set();
		const outcome = await this.helpers().checkProcessedAndRecord(values, 'node', { mode: 'entries' });
		if (outcome.new.length > 0) await this.helpers().removeProcessed(outcome.new, 'node', { mode: 'entries' });
		return new Set(outcome.processed.map(String));
	}

	private async recordNow(values: string[]): Promise<Set<string>> {
		if (values.length === 0) return new Set();
		const outcome = await this.helpers().checkProcessedAndRecord(values, 'node', { mode: 'entries', maxEntries: this.maxEntries });
		return new Set(outcome.processed.map(String));
	}

	async clear(): Promise<void> {
		await this.serial(async () => await this.helpers().clearAllProcessedItems('node', { mode: 'entries' }));
	}

	async count(): Promise<number> {
		return await this.serial(async () => await this.helpers().getProcessedDataCount('node', { mode: 'entries' }));
	}

	private helpers() {
		const helpers = this.ctx.helpers;
		if (typeof helpers.checkProcessedAndRecord !== 'function' || typeof helpers.removeProcessed !== 'function') {
			throw new NodeOperationError(this.ctx.getNode(), "This n8n has no store of processed items, which the node's memory needs", {
				description: 'It is part of n8n 1.64 and later. Update n8n, or turn the option off.',
			});
		}
		return helpers;
	}

	/** Runs `work` after every earlier call for this workflow and node in this process. */
	private async serial<T>(work: () => Promise<T>): Promise<T> {
		const key = this.scope;
		const before = ProcessedStore.queues.get(key) ?? Promise.resolve();
		const run = before.then(work, work);
		const settled = run.catch(() => undefined);
		ProcessedStore.queues.set(key, settled);
		try {
			return await run;
		} finally {
			if (ProcessedStore.queues.get(key) === settled) ProcessedStore.queues.delete(key);
		}
	}
}
