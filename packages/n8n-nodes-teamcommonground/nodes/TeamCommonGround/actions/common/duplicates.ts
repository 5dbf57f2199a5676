/**
 * Skip Duplicates on every create: its two fields, each item's key (read with the other
 * parameters, before anything is sent), and the run around the requests: what earlier runs
 * created is looked up once for the whole run, an item whose key is remembered (or taken by an
 * earlier item of this run, or by another execution of this n8n right now) is not sent, and every
 * key sent is recorded right before its request (createMemory.ts).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { booleanParameter, invalidInput, readText } from '../../../shared/parameters';
import { isInDoubt } from '../../../shared/transport';
import type { ActivityBody } from '../../helpers/activityBody';
import { CREATED_ON_LOOKBACK_DAYS, duplicateKeyOf, REMEMBERED_KEYS, utcDay, type DuplicateKey } from '../../helpers/duplicateKey';
import { CreateMemory, type RememberedKey } from './createMemory';

export const duplicateFields: INodeProperties[] = [
	{
		displayName: 'Skip Duplicates',
		name: 'skipDuplicates',
		type: 'boolean',
		default: true,
		description: `Whether to skip an item whose Duplicate Key this node already created an activity for, in this run or an earlier one (up to ${REMEMBERED_KEYS.toLocaleString('en-US')} keys). A create that may have reached Team Common Ground (no answer, a server error) counts as created. Retries of failed executions then create nothing twice.`,
	},
	{
		displayName: 'Duplicate Key',
		name: 'duplicateKey',
		type: 'string',
		default: '',
		placeholder: "e.g. {{ $json.orderId }}",
		displayOptions: { show: { skipDuplicates: [true] } },
		description:
			'What makes two items the same activity, such as the order ID: compared as text, spaces at either end ignored, upper and lower case different. Empty: a fingerprint of everything sent and the day (UTC), so the same activity is created at most once a day.',
	},
];

export interface DuplicateSettings {
	key: DuplicateKey;
	retryCreatesOnServerError: boolean;
}

/** The item's key, when Skip Duplicates is on; a mapped key that comes out empty fails the item. */
export function readDuplicateSettings(ctx: IExecuteFunctions, itemIndex: number, body: ActivityBody): DuplicateKey | undefined {
	const skip = booleanParameter(ctx, itemIndex, ctx.getNodeParameter('skipDuplicates', itemIndex, true), 'Skip Duplicates', true);
	if (!skip) return undefined;
	const raw = ctx.getNodeParameter('duplicateKey', itemIndex, '') as unknown;
	const text = raw === undefined || raw === null ? '' : readText(raw);
	if (text === undefined) {
		throw invalidInput(ctx, itemIndex, 'Duplicate Key', 'must be text or a number, not an object or a list', 'Map one value, e.g. {{ $json.orderId }}.');
	}
	const configured = String(ctx.getNode().parameters.duplicateKey ?? '').trim() !== '';
	if (configured && text.trim() === '') {
		throw invalidInput(
			ctx,
			itemIndex,
			'Duplicate Key',
			'is empty for this item',
			'Map a value every item has (e.g. {{ $json.orderId }}), or clear the field to use a fingerprint of what is sent.',
		);
	}
	return duplicateKeyOf(text, body, new Date());
}

/** What the whole run knows before its first request. */
export interface DuplicateRun {
	memory: CreateMemory;
	remembered: Map<string, RememberedKey>;
	/** The first item of this run with each key. */
	firstWithKey: Map<string, number>;
	/** The first items' outputs, awaited by later items with the same key. */
	outputs: Map<number, Promise<IDataObject>>;
}

export async function prepareDuplicateRun(ctx: IExecuteFunctions, keyed: Array<{ itemIndex: number; key: DuplicateKey }>): Promise<DuplicateRun | undefined> {
	if (keyed.length === 0) return undefined;
	const memory = new CreateMemory(ctx);
	const firstWithKey = new Map<string, number>();
	for (const { itemIndex, key } of keyed) if (!firstWithKey.has(key.key)) firstWithKey.set(key.key, itemIndex);
	const remembered = await memory.lookUp([...firstWithKey.keys()], new Date());
	return { memory, remembered, firstWithKey, outputs: new Map() };
}

/** Why an item is not sent, decided before any claim: once for a preview and a run alike. */
type SkipDecision = { reason: 'createdBefore'; createdOn: string | null } | { reason: 'unconfirmed' } | { reason: 'duplicateInRun'; first: number };

function skipDecision(run: DuplicateRun, itemIndex: number, key: DuplicateKey): SkipDecision | undefined {
	const remembered = run.remembered.get(key.key);
	if (remembered?.state === 'created') return { reason: 'createdBefore', createdOn: remembered.createdOn };
	if (remembered) return { reason: 'unconfirmed' };
	const first = run.firstWithKey.get(key.key);
	if (first !== undefined && first !== itemIndex) return { reason: 'duplicateInRun', first };
	return undefined;
}

/** Why an item would be skipped, for a preview (no claim, nothing recorded); undefined: it would be sent. */
export function wouldSkip(run: DuplicateRun, itemIndex: number, key: DuplicateKey): string | undefined {
	const decision = skipDecision(run, itemIndex, key);
	switch (decision?.reason) {
		case 'createdBefore':
			return `createdBefore: this node created it on ${decision.createdOn} (UTC)`;
		case 'unconfirmed':
			return 'unconfirmed: an earlier run sent it and got no answer saying it was created';
		case 'duplicateInRun':
			return `duplicateInRun: item ${decision.first} of this run has the same Duplicate Key`;
		default:
			return undefined;
	}
}

function skipped(key: DuplicateKey, reason: string, message: string, extra: IDataObject = {}): IDataObject {
	return { status: 'skipped', skipped: true, reason, message, duplicateKey: key.key, createdOn: null, activityId: null, ...extra };
}

/**
 * One item's create under Skip Duplicates: skipped when its key is remembered, taken by an
 * earlier item of this run or by another execution now; otherwise `send` with its key recorded
 * right before the request goes out (`beforeSend`), then confirmed, or taken back when Team
 * Common Ground refused it.
 */
export async function createOnce(
	run: DuplicateRun,
	itemIndex: number,
	settings: DuplicateSettings,
	send: (beforeSend: () => Promise<void>) => Promise<IDataObject>,
): Promise<IDataObject> {
	const { key } = settings;
	const decision = skipDecision(run, itemIndex, key);
	if (decision?.reason === 'createdBefore') {
		return skipped(key, 'createdBefore', `This node created an activity with this Duplicate Key on ${decision.createdOn} (UTC); it was not sent again.`, { createdOn: decision.createdOn });
	}
	if (decision?.reason === 'unconfirmed') {
		return skipped(
			key,
			'unconfirmed',
			`An earlier run sent an activity with this Duplicate Key and got no answer saying it was created (or it was created more than ${CREATED_ON_LOOKBACK_DAYS} days ago); it was not sent again. Check Team Common Ground; to send it anyway, forget the key (Resource: Created Keys) or change the key.`,
		);
	}
	if (decision?.reason === 'duplicateInRun') {
		const { first } = decision;
		const firstOutput = await run.outputs.get(first)?.catch(() => undefined);
		return skipped(key, 'duplicateInRun', `Item ${first} of this run has the same Duplicate Key; one activity is created for both.`, {
			duplicateOf: first,
			activityId: (firstOutput?.activityId as string | null | undefined) ?? null,
			createdOn: firstOutput?.activityId ? utcDay(new Date()) : null,
		});
	}
	const work = sendOnce(run, settings, send);
	run.outputs.set(itemIndex, work);
	return await work;
}

class AlreadySent extends Error {}

async function sendOnce(run: DuplicateRun, settings: DuplicateSettings, send: (beforeSend: () => Promise<void>) => Promise<IDataObject>): Promise<IDataObject> {
	const { key } = settings;
	const beingSent = skipped(key, 'beingCreated', 'Another execution is creating an activity with this Duplicate Key right now; it was not sent twice.');
	if (!run.memory.claim(key.key)) return beingSent;
	let recorded = false;
	let output: IDataObject | undefined;
	// The transport's own error (a NodeApiError naming the item) is what the user sees: settle
	// first, then decide what the memory keeps, then let that error go on unchanged.
	let failure: unknown;
	try {
		output = await send(async () => {
			if (!(await run.memory.markSent(key.key))) throw new AlreadySent();
			recorded = true;
		});
		await run.memory.markCreated(key.key, new Date());
	} catch (error) {
		failure = error;
	} finally {
		run.memory.release(key.key);
	}
	if (failure === undefined) return { status: 'created', ...output, duplicateKey: key.key };
	if (failure instanceof AlreadySent) return beingSent;
	// A refused create, or one the user lets the node retry (and so re-send), is not remembered.
	if (recorded && (!isInDoubt(failure) || settings.retryCreatesOnServerError)) await run.memory.forgetSent(key.key);
	throw failure;
}
