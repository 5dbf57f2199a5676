// Generated from packages/shared/execution/preview.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorJson } from './errorItem';
import type { ItemOperation, PreparedItem } from './operation';

/**
 * The node's Preview option: every item prepared and checked as for a real run (and the run-level
 * step, which for Contact writes reads the workspace's custom-field definitions: the one request
 * a preview makes), then, per item, the request the run would send, or the problems that would
 * stop it. Nothing is sent and nothing is recorded. Output in input order, each item paired.
 */
export async function previewItems<Prepared, Shared>(
	ctx: IExecuteFunctions,
	operation: ItemOperation<Prepared, Shared> & Required<Pick<ItemOperation<Prepared, Shared>, 'preview'>>,
): Promise<INodeExecutionData[]> {
	const itemCount = ctx.getInputData().length;
	const problems = new Map<number, Error>();
	const ready: Array<PreparedItem<Prepared>> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			ready.push({ itemIndex, prepared: await operation.prepare(ctx, itemIndex) });
		} catch (error) {
			problems.set(itemIndex, error as Error);
		}
	}
	let shared = undefined as Shared;
	if (operation.prepareRun && ready.length > 0) {
		const preparation = await operation.prepareRun(ctx, ready);
		shared = preparation.shared;
		for (const [itemIndex, error] of preparation.failed ?? []) problems.set(itemIndex, error);
	}
	const prepared = new Map(ready.map((item) => [item.itemIndex, item.prepared]));
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const problem = problems.get(itemIndex);
		let json: IDataObject;
		if (problem) {
			json = { preview: true, wouldSend: false, problems: [errorJson(problem)] };
		} else {
			const request = await operation.preview(ctx, prepared.get(itemIndex) as Prepared, itemIndex, shared);
			json = { preview: true, wouldSend: request.wouldSkip === undefined, ...request, problems: [] };
		}
		output.push({ json, pairedItem: { item: itemIndex } });
	}
	return output;
}
