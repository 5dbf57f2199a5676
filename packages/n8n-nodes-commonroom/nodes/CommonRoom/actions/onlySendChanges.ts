/**
 * Only Send Changes on Contact > Create or Update and Activity > Create: its field, and the send
 * around the request (sentMemory.ts keeps the record).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { booleanParameter } from '../../shared/parameters';
import { contentOf, recordKey, REMEMBERED_RECORDS } from '../helpers/sentContent';
import { SentMemory } from './sentMemory';

export const onlySendChangesProperty: INodeProperties = {
	displayName: 'Only Send Changes',
	name: 'onlySendChanges',
	type: 'boolean',
	default: false,
	description: `Whether to skip an item whose contact or activity this node last sent with exactly the same content (output status "unchanged", no request). What changed is sent as usual; so is everything after a failed run. Remembered per workflow and node, up to ${REMEMBERED_RECORDS.toLocaleString('en-US')} records, by active and scheduled runs (not by runs from the editor).`,
};

export function readOnlySendChanges(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return booleanParameter(ctx, itemIndex, ctx.getNodeParameter('onlySendChanges', itemIndex, false), 'Only Send Changes', false);
}

/** The run's memory, when any item has Only Send Changes on. */
export function sentMemoryFor(ctx: IExecuteFunctions, anyOn: boolean): SentMemory | undefined {
	return anyOn ? new SentMemory(ctx) : undefined;
}

export interface ChangeTarget {
	kind: 'contact' | 'activity';
	sourceId: string;
	/** The contact's or activity's id in that source. */
	id: string;
	path: string;
	body: IDataObject;
}

/**
 * Sends unless the memory says this content is what was last sent for the record (then the
 * `unchanged` output, with when it was sent); records what Common Room accepted.
 */
export async function sendIfChanged(
	memory: SentMemory | undefined,
	target: ChangeTarget,
	send: () => Promise<IDataObject>,
	unchanged: (since: string) => IDataObject,
): Promise<IDataObject> {
	if (!memory) return await send();
	const key = recordKey(target.kind, target.sourceId, target.id);
	const content = contentOf(target.path, target.body);
	const since = memory.unchangedSince(key, content);
	if (since !== undefined) return unchanged(new Date(since).toISOString());
	const undo = memory.sending(key, content);
	let output: IDataObject;
	try {
		output = await send();
	} finally {
		undo();
	}
	memory.sent(key, content);
	return output;
}

/** What a failure that stops a Common Room write says about running it again. */
export function describeUpsertStop(tally: { total: number; unchanged: number }): string {
	const unchanged = tally.unchanged ? ` (${tally.unchanged} of its ${tally.total} items were unchanged and not sent)` : '';
	return `Common Room writes are updates keyed by the contact's email or the activity's ID: running the node again sends them again, harmlessly${unchanged}. With Only Send Changes on, a re-run sends only what changed or was not accepted.`;
}
