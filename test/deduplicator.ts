/**
 * n8n's store of processed items, for tests: an IDataDeduplicator that keeps what n8n 2.41.1's
 * DeduplicationHelper keeps (n8n/dist/deduplication/deduplication-helper.js), in memory instead
 * of its processed_data table: one row per workflow and context ("n:<node id>" for scope node,
 * "" for workflow), values as MD5 base64 hashes in the order recorded, the oldest dropped past
 * maxEntries on each record, removeProcessed taking values out, and no lock: each call reads the
 * row, awaits (a database round trip, `latencyMs`), then writes back what it read plus its
 * change, so two calls at once can lose one's write, as in n8n. Modes "entries" only.
 */
import { createHash } from 'node:crypto';

import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

const hash = (value: DeduplicationItemTypes) => createHash('md5').update(String(value)).digest('base64');

export class MemoryDeduplicator implements IDataDeduplicator {
	readonly rows = new Map<string, string[]>();
	latencyMs = 0;

	private key(scope: DeduplicationScope, context: ICheckProcessedContextData): string {
		const suffix = scope === 'node' ? `n:${context.node?.id ?? ''}` : '';
		return `${context.workflow.id}\u0000${suffix}`;
	}

	private async roundTrip(): Promise<void> {
		await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		const key = this.key(scope, context);
		const read = [...(this.rows.get(key) ?? [])];
		await this.roundTrip();
		const seen = new Set(read);
		const output: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			const hashed = hash(item);
			if (seen.has(hashed)) {
				output.processed.push(item);
			} else {
				output.new.push(item);
				read.push(hashed);
				seen.add(hashed);
			}
		}
		if (options.maxEntries) read.splice(0, Math.max(0, read.length - options.maxEntries));
		this.rows.set(key, read);
		return output;
	}

	async removeProcessed(items: DeduplicationItemTypes[], scope: DeduplicationScope, context: ICheckProcessedContextData): Promise<void> {
		const key = this.key(scope, context);
		const read = this.rows.get(key);
		await this.roundTrip();
		if (!read) return;
		const gone = new Set(items.map(hash));
		this.rows.set(
			key,
			read.filter((value) => !gone.has(value)),
		);
	}

	async clearAllProcessedItems(scope: DeduplicationScope, context: ICheckProcessedContextData): Promise<void> {
		this.rows.delete(this.key(scope, context));
	}

	async getProcessedDataCount(scope: DeduplicationScope, context: ICheckProcessedContextData): Promise<number> {
		return this.rows.get(this.key(scope, context))?.length ?? 0;
	}

	/** The stored row as n8n keeps it in the processed_data table's value column (its size in bytes). */
	rowBytes(workflowId: string, nodeId: string): number {
		const data = this.rows.get(`${workflowId}\u0000n:${nodeId}`) ?? [];
		return Buffer.byteLength(JSON.stringify({ mode: 'entries', data }));
	}
}
