// Generated from packages/shared/execution/dispatch.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runItems } from './itemRunner';
import { previewItems } from './preview';
import type { ItemOperation } from './operation';
import { readRunSettings } from './settings';

/**
 * A node's operations by resource and operation name. `Names` is the node's type map
 * (resource → operation names), so a missing or misspelt operation fails to compile.
 */
export type OperationTable<Names extends Record<string, string>> = {
	[Resource in keyof Names]: Record<Names[Resource], ItemOperation>;
};

export interface NodeRouting {
	/** The service's name, for progress log lines. */
	label: string;
	/** Max Concurrency when the user sets none. */
	defaultConcurrency: number;
}

/**
 * The one dispatch both nodes use: find the operation the node is set to, then let the shared
 * item runner own the loop (every item prepared and checked before any request, then sent with
 * bounded concurrency, output in input order and paired, Continue On Fail per item, optional
 * summary output).
 */
export async function dispatch<Names extends Record<string, string>>(
	ctx: IExecuteFunctions,
	operations: OperationTable<Names>,
	routing: NodeRouting,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operationName = ctx.getNodeParameter('operation', 0) as string;
	const byName: Partial<Record<string, ItemOperation>> | undefined = Object.hasOwn(operations, resource)
		? (operations as Record<string, Partial<Record<string, ItemOperation>>>)[resource]
		: undefined;
	const operation = byName && Object.hasOwn(byName, operationName) ? byName[operationName] : undefined;
	if (!operation) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operationName}" is not known for the resource "${resource}"`);
	}
	const { concurrency, outputMode, preview } = readRunSettings(ctx, routing.defaultConcurrency);
	if (preview && operation.preview) return [await previewItems(ctx, { ...operation, preview: operation.preview })];
	return [await runItems(ctx, operation, { concurrency, outputMode, label: routing.label })];
}
