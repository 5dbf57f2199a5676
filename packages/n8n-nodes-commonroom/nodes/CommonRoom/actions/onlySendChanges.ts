/**
 * Only Send Changes on Contact > Create or Update and Activity > Create: its field, the run's
 * look-up, and the send around each request (sentMemory.ts keeps the record).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PreparedItem } from '../../shared/execution';
import { booleanParameter } from '../../shared/parameters';
import { contentOf, recordKey, REMEMBERED_RECORDS } from '../helpers/sentContent';
import { SentMemory, type Candidate } from './sentMemory';

export const onlySendChangesProperty: INodeProperties = {
	displayName: 'Only Send Changes',
	name: 'onlySendChanges',
	type: 'boolean',
	default: false,
	description: `Whether to skip an item whose contact or activity this node last sent with exactly the same content (output status "unchanged", no request). What changed is sent as usual; so is whatever a failed run did not get accepted. Remembered per node and workflow, up to ${REMEMBERED_RECORDS.toLocaleString('en-US')} records.`,
};

export function readOnlySendChanges(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return booleanParameter(ctx, itemIndex, ctx.getNodeParameter('onlySendChanges', itemIndex, false), 'Only Send Changes', false);
}

export interface ChangeTarget {
	kind: 'contact' | 'activity';
	sourceId: string;
	/** The contact's or activity's id in that source. */
	id: string;
	path: string;
	body: IDataObject;
}

function candidateOf(target: ChangeTarget): Candidate {
	return { key: recordKey(target.kind, target.sourceId, target.id), content: contentOf(target.path, target.body) };
}

/** The run's memory, looked up for the items that have Only Send Changes on. */
export async function lookUpChanges<Prepared>(
	ctx: IExecuteFunctions,
	items: ReadonlyArray<PreparedItem<Prepared>>,
	targetOf: (prepared: Prepared, itemIndex: number) => ChangeTarget | undefined,
): Promise<SentMemory | undefined> {
	const candidates = items.flatMap(({ prepared, itemIndex }) => {
		const target = targetOf(prepared, itemIndex);
		return target ? [candidateOf(target)] : [];
	});
	if (candidates.length === 0) return undefined;
	const memory = new SentMemory(ctx);
	await memory.lookUp(candidates);
	return memory;
}

/** For a preview: why the item would not be sent, when its content is what was last sent. */
export function wouldBeUnchanged(memory: SentMemory | undefined, target: ChangeTarget): string | undefined {
	return memory?.isUnchanged(candidateOf(target)) ? 'unchanged: this node last sent exactly this content' : undefined;
}

/** Sends unless the content is what was last sent for the record (then the `unchanged` output). */
export async function sendIfChanged(memory: SentMemory | undefined, target: ChangeTarget, send: () => Promise<IDataObject>, unchanged: () => IDataObject): Promise<IDataObject> {
	if (!memory) return await send();
	const candidate = candidateOf(target);
	if (memory.isUnchanged(candidate)) return unchanged();
	const release = memory.sending(candidate.key);
	try {
		const output = await send();
		memory.sent(candidate);
		return output;
	} finally {
		release();
	}
}

/** What a failure that stops a Common Room write says about running it again. */
export function describeUpsertStop(tally: { total: number; unchanged: number }): string {
	const unchanged = tally.unchanged ? ` (${tally.unchanged} of its ${tally.total} items were unchanged and not sent)` : '';
	return `Common Room writes are updates keyed by the contact's email or the activity's ID: running the node again sends them again, harmlessly${unchanged}. With Only Send Changes on, a re-run sends only what changed or was not accepted.`;
}
