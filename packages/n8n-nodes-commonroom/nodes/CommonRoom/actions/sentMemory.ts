/**
 * Only Send Changes, for one run of the node: whether a contact or activity is unchanged since
 * this node last sent it, and the record of what it sends. The record lives in the node's
 * workflow static data (n8n saves it with the workflow when an execution ends, failed ones too;
 * not for runs from the editor), and in this n8n process per workflow and node, where executions
 * at once see each other's sends at once. Only what Common Room accepted is recorded, so a failed
 * or crashed run leaves its unsent records to be sent next time; a record that another process or
 * an overlapping execution's save of static data lost is sent again. docs/exactly-once.md.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { newer, readSent, REMEMBERED_RECORDS, writeSent, type SentEntry } from '../helpers/sentContent';

interface ProcessEntry extends SentEntry {
	/** Being sent by an execution right now: not a reason to skip anything. */
	pending: boolean;
}

/** This process's record, per workflow and node. */
const processRecords = new Map<string, Map<string, ProcessEntry>>();
const STATIC_KEY = 'sentContent';

export class SentMemory {
	private readonly staticData: IDataObject;
	private readonly stored: Map<string, SentEntry>;
	private readonly local: Map<string, ProcessEntry>;
	/** Runs from the editor read the record but add nothing to it (n8n saves no static data for them). */
	private readonly records: boolean;
	private changed = false;

	constructor(ctx: IExecuteFunctions) {
		this.staticData = ctx.getWorkflowStaticData('node');
		this.stored = readSent(this.staticData[STATIC_KEY]);
		const scope = `${ctx.getWorkflow().id ?? ''} ${ctx.getNode().name}`;
		this.local = processRecords.get(scope) ?? new Map<string, ProcessEntry>();
		processRecords.set(scope, this.local);
		this.records = ctx.getMode() !== 'manual';
	}

	/** When this exact content was last sent for the key, if it is what was last sent; else undefined. */
	unchangedSince(key: string, content: string): number | undefined {
		const local = this.local.get(key);
		if (local?.pending) return undefined;
		const last = newer(this.stored.get(key), local);
		return last?.content === content ? last.at : undefined;
	}

	/** Marks the key as being sent (other executions then send theirs too); returns how to undo it. */
	sending(key: string, content: string): () => void {
		const before = this.local.get(key);
		this.local.set(key, { content, at: Date.now(), pending: true });
		return () => {
			if (before) this.local.set(key, before);
			else this.local.delete(key);
		};
	}

	/** Common Room accepted it: recorded in this process, and in static data by `save`. */
	sent(key: string, content: string): void {
		if (!this.records) {
			this.local.delete(key);
			return;
		}
		const entry = { content, at: Date.now() };
		this.local.set(key, { ...entry, pending: false });
		this.stored.set(key, entry);
		this.changed = true;
		this.bound();
	}

	/** Once per run: the record into the static data n8n saves when the execution ends. */
	save(): void {
		if (this.changed) this.staticData[STATIC_KEY] = writeSent(this.stored);
		this.changed = false;
	}

	private bound(): void {
		while (this.local.size > REMEMBERED_RECORDS) {
			const oldest = this.local.keys().next().value as string;
			this.local.delete(oldest);
		}
	}
}
