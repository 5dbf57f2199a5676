// Generated from packages/shared/execution/itemRunner.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { errorJson } from './errorItem';
import type { ItemOperation, PreparedItem, RunPreparation, RunTally, Settled } from './operation';
import { outcomeOf, summarize } from './summary';

export type OutputMode = 'perItem' | 'summary';

export interface RunItemsOptions {
	/** Items in flight at once; the shared rate limiter paces the requests themselves. */
	concurrency: number;
	outputMode?: OutputMode;
	/** Service name for progress log lines. */
	label: string;
}

/** How many items are prepared between two yields to the event loop. */
const PREPARE_YIELD_EVERY = 50;

/** How often a long run reports progress through n8n's logger. */
const PROGRESS_EVERY_ITEMS = 250;

/**
 * The item loop both nodes share: prepare every item (no requests), the operation's run-level
 * step if it has one, then execute the prepared items with bounded concurrency; output keeps input order, every item is paired to its input,
 * and under Continue On Fail a failed item yields its error in place while the rest go on.
 * Without Continue On Fail bad input stops the run before any request is sent, and a failed
 * request stops it after the requests already in flight have settled.
 */
export async function runItems<Prepared, Shared>(
	ctx: IExecuteFunctions,
	operation: ItemOperation<Prepared, Shared>,
	options: RunItemsOptions,
): Promise<INodeExecutionData[]> {
	const itemCount = ctx.getInputData().length;
	const continueOnFail = ctx.continueOnFail();
	const settled: Settled[] = new Array(itemCount);
	const prepared: Prepared[] = new Array(itemCount);

	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		// Preparing 10,000 items takes seconds of parameter evaluation; yield now and then so the
		// rest of the n8n process (other executions sharing the limiter, webhooks, the editor)
		// is not frozen meanwhile.
		if (itemIndex > 0 && itemIndex % PREPARE_YIELD_EVERY === 0) await sleep(0);
		try {
			prepared[itemIndex] = await operation.prepare(ctx, itemIndex);
		} catch (error) {
			const shaped = asNodeError(ctx, error, itemIndex);
			if (!continueOnFail) throw shaped;
			settled[itemIndex] = { ok: false, error: shaped };
		}
	}

	const shared = await prepareRun(ctx, operation, prepared, settled, continueOnFail);

	const pending: number[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		if (!settled[itemIndex]) pending.push(itemIndex);
	}

	let next = 0;
	let done = 0;
	let firstFailure: Error | undefined;
	const worker = async () => {
		while (next < pending.length && !firstFailure) {
			const itemIndex = pending[next++];
			try {
				const result = await operation.execute(ctx, prepared[itemIndex], itemIndex, shared);
				settled[itemIndex] = { ok: true, result };
			} catch (error) {
				const shaped = asNodeError(ctx, error, itemIndex);
				settled[itemIndex] = { ok: false, error: shaped };
				if (!continueOnFail) firstFailure ??= shaped;
			}
			done++;
			if (done % PROGRESS_EVERY_ITEMS === 0) {
				ctx.logger.info(`${options.label}: ${done}/${pending.length} items sent`);
			}
		}
	};
	const workers = Math.max(1, Math.min(options.concurrency, pending.length));
	await Promise.all(Array.from({ length: workers }, worker));
	await operation.finishRun?.(ctx, shared);
	if (firstFailure) throw withStopNote(operation, firstFailure, settled);
	if (pending.length >= PROGRESS_EVERY_ITEMS) {
		ctx.logger.info(`${options.label}: finished ${pending.length} items`);
	}

	if (options.outputMode === 'summary') {
		return [{ json: summarize(settled), pairedItem: settled.map((_, item) => ({ item })) }];
	}
	return settled.flatMap((outcome, itemIndex) => toItems(ctx, outcome, itemIndex));
}

/**
 * The operation's run-level step, if it has one, over the items that prepared: items it finds
 * wrong fail in place (without Continue On Fail the first of them stops the run, before any
 * request of an item is sent).
 */
async function prepareRun<Prepared, Shared>(
	ctx: IExecuteFunctions,
	operation: ItemOperation<Prepared, Shared>,
	prepared: Prepared[],
	settled: Settled[],
	continueOnFail: boolean,
): Promise<Shared> {
	if (!operation.prepareRun) return undefined as Shared;
	const items: Array<PreparedItem<Prepared>> = [];
	prepared.forEach((value, itemIndex) => {
		if (!settled[itemIndex]) items.push({ itemIndex, prepared: value });
	});
	let preparation: RunPreparation<Shared>;
	try {
		preparation = await operation.prepareRun(ctx, items);
	} catch (error) {
		if (!continueOnFail) throw asNodeError(ctx, error, items[0]?.itemIndex ?? 0);
		for (const { itemIndex } of items) settled[itemIndex] = { ok: false, error: asNodeError(ctx, error, itemIndex) };
		return undefined as Shared;
	}
	const failed = [...(preparation.failed ?? new Map<number, Error>()).entries()].sort(([a], [b]) => a - b);
	if (failed.length > 0 && !continueOnFail) throw asNodeError(ctx, failed[0][1], failed[0][0]);
	for (const [itemIndex, error] of failed) settled[itemIndex] = { ok: false, error: asNodeError(ctx, error, itemIndex) };
	return preparation.shared;
}

/** The failure that stops the run, with the operation's account of how far the run got. */
function withStopNote<Prepared, Shared>(operation: ItemOperation<Prepared, Shared>, failure: Error, settled: Settled[]): Error {
	if (!operation.describeStop) return failure;
	const tally: RunTally = { total: settled.length, created: 0, skipped: 0, unchanged: 0 };
	for (const outcome of settled) {
		if (!outcome?.ok) continue;
		for (const result of Array.isArray(outcome.result) ? outcome.result : [outcome.result]) {
			const kind = outcomeOf(result);
			if (kind === 'created' || kind === 'skipped' || kind === 'unchanged') tally[kind]++;
		}
	}
	const withDescription = failure as Error & { description?: string | null };
	const note = operation.describeStop(tally);
	withDescription.description = withDescription.description ? `${withDescription.description} ${note}` : note;
	return failure;
}

function toItems(ctx: IExecuteFunctions, outcome: Settled, itemIndex: number): INodeExecutionData[] {
	if (!outcome.ok) {
		return [{ json: errorJson(outcome.error), pairedItem: { item: itemIndex } }];
	}
	const data = Array.isArray(outcome.result) ? outcome.result : [outcome.result];
	return ctx.helpers.constructExecutionMetaData(ctx.helpers.returnJsonArray(data), {
		itemData: { item: itemIndex },
	});
}

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeOperationError || (error as { name?: string })?.name === 'NodeApiError') {
		const withContext = error as NodeOperationError;
		withContext.context ??= {};
		withContext.context.itemIndex ??= itemIndex;
		return withContext;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), `${message} [item ${itemIndex}]`, { itemIndex });
}
