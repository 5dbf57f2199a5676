import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * One operation of a node, run once per input item by the shared item runner.
 *
 * The two phases are what let a run reject bad input before anything is sent: the runner
 * prepares every item first (reading parameters, validating, building the request, no writes),
 * and only then executes the prepared items, concurrently.
 */
export interface ItemOperation<Prepared = unknown> {
	/** Reads and checks the item's parameters; throws NodeOperationError naming item and field. */
	prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<Prepared> | Prepared;
	/** Sends what `prepare` built; returns the item's output (several objects for Get Many). */
	execute(
		ctx: IExecuteFunctions,
		prepared: Prepared,
		itemIndex: number,
	): Promise<OperationResult> | OperationResult;
}

/**
 * What an operation returns for one input item. `outcome` feeds the summary output
 * (created / updated / skipped); it is kept on the item as `status` only where the operation
 * puts it there itself.
 */
export type OperationResult = IDataObject | IDataObject[];

/** How one item's execution ended, as the runner records it. */
export type Settled = { ok: true; result: OperationResult } | { ok: false; error: Error };

export const OUTCOMES = ['created', 'updated', 'upserted', 'skipped', 'done'] as const;
export type ItemOutcome = (typeof OUTCOMES)[number];

/** An operation whose output is computed without any request (local builders). */
export function localOperation(
	build: (ctx: IExecuteFunctions, itemIndex: number) => IDataObject,
): ItemOperation<IDataObject> {
	return {
		prepare: build,
		execute: (_ctx, prepared) => prepared,
	};
}
