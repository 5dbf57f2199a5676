/**
 * Only Send Changes for one run of the node, in n8n's store of processed items
 * (shared/memory/processedStore.ts: this node in this workflow, kept in n8n's database, so
 * scheduled runs, runs from the editor, restarts and queue-mode workers all see it).
 *
 * - Before any request, the run looks up the last link of every record it may send, and whether
 *   that link's content is the item's (helpers/sentContent.ts): two or three calls for the run.
 * - Only what Common Room accepted is recorded, once, after the run's requests: a failed or
 *   crashed run leaves its unsent records to be sent next time, never skipped.
 * - A record whose last link moved while this run was sending it (another execution sent it
 *   too) gets a link without content: its next item is sent, whatever it holds. Records being
 *   sent by another execution of this process are never skipped.
 * docs/exactly-once.md says what holds where.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { ProcessedStore } from '../../shared/memory';
import { lastLink, linksOfRound, storedValue, STORE_MAX_ENTRIES } from '../helpers/sentContent';

/** Records an execution of this process is sending right now, per workflow and node. */
const inFlight = new Map<string, Map<string, number>>();

export interface Candidate {
	key: string;
	content: string;
}

export class SentMemory {
	private readonly store: ProcessedStore;
	/** Each looked-up record's last link, when the run started. */
	private readonly last = new Map<string, number>();
	/** Records whose last link holds the content this run has for them. */
	private readonly unchanged = new Set<string>();
	/** What this run sent, by record: the last content accepted. */
	private readonly accepted = new Map<string, string>();

	constructor(ctx: IExecuteFunctions) {
		this.store = new ProcessedStore(ctx, STORE_MAX_ENTRIES);
	}

	/** Looks up the run's candidates: their last links, and whether each is unchanged. */
	async lookUp(candidates: Candidate[]): Promise<void> {
		const keys = [...new Set(candidates.map((candidate) => candidate.key))];
		await this.findLastLinks(keys, async (values) => await this.store.has(values), this.last);
		const contents = candidates.filter((candidate) => (this.last.get(candidate.key) ?? 0) > 0);
		const values = contents.map((candidate) => storedValue.content(candidate.key, this.last.get(candidate.key) ?? 0, candidate.content));
		const found = await this.store.has(values);
		contents.forEach((candidate, i) => {
			if (found.has(values[i])) this.unchanged.add(`${candidate.key}\u0000${candidate.content}`);
		});
	}

	/** Whether this content is what was last sent for the record, and no execution here is sending it. */
	isUnchanged(candidate: Candidate): boolean {
		if (inFlight.get(this.store.scope)?.has(candidate.key)) return false;
		return this.unchanged.has(`${candidate.key}\u0000${candidate.content}`);
	}

	/** Marks the record as being sent by this process; returns the release. */
	sending(key: string): () => void {
		const records = inFlight.get(this.store.scope) ?? new Map<string, number>();
		inFlight.set(this.store.scope, records);
		records.set(key, (records.get(key) ?? 0) + 1);
		return () => {
			const left = (records.get(key) ?? 1) - 1;
			if (left > 0) records.set(key, left);
			else records.delete(key);
			if (records.size === 0) inFlight.delete(this.store.scope);
		};
	}

	/** Common Room accepted this content for the record (recorded by `save`). */
	sent(candidate: Candidate): void {
		this.accepted.set(candidate.key, candidate.content);
	}

	/** Once after the run's requests: a new last link for every record sent. */
	async save(): Promise<void> {
		if (this.accepted.size === 0) return;
		await this.store.atomically(async (store) => {
			const now = new Map<string, number>();
			await this.findLastLinks([...this.accepted.keys()], store.has, now);
			const values: string[] = [];
			for (const [key, content] of this.accepted) {
				const last = now.get(key) ?? 0;
				const next = last + 1;
				// Sent by another execution meanwhile: which content Common Room kept last is unknown.
				const moved = last !== (this.last.get(key) ?? 0);
				if (!moved) values.push(storedValue.content(key, next, content));
				values.push(storedValue.link(key, next));
			}
			await store.record(values);
		});
		this.accepted.clear();
	}

	private async findLastLinks(keys: string[], has: (values: string[]) => Promise<Set<string>>, into: Map<string, number>): Promise<void> {
		let open = keys;
		for (let round = 0; open.length > 0; round++) {
			const found = await has(open.flatMap((key) => linksOfRound(key, round)));
			const next: string[] = [];
			for (const key of open) {
				const { last, full } = lastLink(key, round, found);
				if (last > 0) into.set(key, last);
				if (full) next.push(key);
			}
			open = next;
		}
	}
}
