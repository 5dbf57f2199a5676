// Generated from packages/shared/execution/operation.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * One operation of a node, as both nodes' routers dispatch it and the shared item runner runs it.
 *
 * The phases are what let a run reject bad input before anything is sent:
 * 1. `prepare`, per item: reads and checks the item's parameters and builds what will be sent,
 *    with no request; throws a NodeOperationError naming item and field.
 * 2. `prepareRun`, optional, once per run after every item is prepared and before any is sent:
 *    what all items share and only a request can tell (Contact writes read the workspace's custom
 *    field definitions here). It returns that shared state and the items it found wrong.
 * 3. `execute`, per prepared item, concurrently: sends, returns the item's output.
 */
export interface ItemOperation<Prepared = unknown, Shared = unknown> {
	prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<Prepared> | Prepared;
	prepareRun?(ctx: IExecuteFunctions, items: ReadonlyArray<PreparedItem<Prepared>>): Promise<RunPreparation<Shared>>;
	execute(ctx: IExecuteFunctions, prepared: Prepared, itemIndex: number, shared: Shared): Promise<OperationResult> | OperationResult;
	/**
	 * Optional, on operations that write: the request `execute` would send for this item, sending
	 * nothing (the node's Preview option). It may read what the node remembers (to say what would
	 * be skipped) but records nothing.
	 */
	preview?(ctx: IExecuteFunctions, prepared: Prepared, itemIndex: number, shared: Shared): Promise<PreviewedRequest> | PreviewedRequest;
	/**
	 * Optional, once after every item has been sent (or failed), before a failure stops the run:
	 * what the run keeps once, rather than per item (Only Send Changes writes its record here).
	 */
	finishRun?(ctx: IExecuteFunctions, shared: Shared): Promise<void> | void;
	/**
	 * Optional: what to tell the user when a failed item stops the run (no Continue On Fail),
	 * added to that error's description: how far the run got, and how to run it again safely.
	 */
	describeStop?(tally: RunTally): string;
}

/** What a preview shows of one item: the request as it would go out, or why it would not. */
export interface PreviewedRequest {
	method: string;
	url: string;
	/** The body exactly as it would be sent (JSON.stringify of it is the bytes on the wire). */
	body?: IDataObject;
	/** Set when the item would not be sent (a duplicate, unchanged): why. */
	wouldSkip?: string;
	/** Anything else the user should know (Create Only looks the contact up first). */
	note?: string;
}

/** How far a run got, by outcome, when it stopped. */
export interface RunTally {
	total: number;
	created: number;
	skipped: number;
	unchanged: number;
}

export interface PreparedItem<Prepared> {
	itemIndex: number;
	prepared: Prepared;
}

export interface RunPreparation<Shared> {
	shared: Shared;
	/** Items that cannot be sent, by item index: they fail as if their prepare had thrown. */
	failed?: ReadonlyMap<number, Error>;
}

/**
 * What an operation returns for one input item (several objects for Get Many). `status`
 * (created / updated / skipped …) feeds the summary output where the operation sets it.
 */
export type OperationResult = IDataObject | IDataObject[];

/** How one item's execution ended, as the runner records it. */
export type Settled = { ok: true; result: OperationResult } | { ok: false; error: Error };

export const OUTCOMES = ['created', 'updated', 'upserted', 'skipped', 'unchanged', 'done'] as const;
export type ItemOutcome = (typeof OUTCOMES)[number];

/** An operation whose output is computed without any request (local builders). */
export function localOperation(build: (ctx: IExecuteFunctions, itemIndex: number) => IDataObject): ItemOperation<IDataObject> {
	return {
		prepare: build,
		execute: (_ctx, prepared) => prepared,
	};
}
