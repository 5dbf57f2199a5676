import type { IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_SECONDS, MAX_CONCURRENCY, MAX_TIMEOUT_SECONDS } from '../defaults';
import { booleanParameter, numberParameter } from '../parameters';
import type { OutputMode } from './itemRunner';

export interface RunSettings {
	concurrency: number;
	outputMode: OutputMode;
	/** Options > Preview: show the requests, send nothing. */
	preview: boolean;
}

/**
 * Run-wide options, read from the first item (as n8n nodes conventionally do): Max Concurrency
 * (the node's default when unset) and Output, where the operation has it.
 */
export function readRunSettings(ctx: IExecuteFunctions, defaultConcurrency: number): RunSettings {
	const concurrency = numberParameter(ctx, 0, ctx.getNodeParameter('options.maxConcurrency', 0, '') as unknown, 'Max Concurrency', {
		fallback: defaultConcurrency,
		min: 1,
		max: MAX_CONCURRENCY,
		integer: true,
	});
	const output = ctx.getNodeParameter('options.output', 0, 'perItem') as unknown;
	const preview = booleanParameter(ctx, 0, ctx.getNodeParameter('options.preview', 0, false), 'Preview (Send Nothing)', false);
	return { concurrency, outputMode: output === 'summary' ? 'summary' : 'perItem', preview };
}

/** Options > Timeout (Seconds) of the item, in milliseconds. */
export function readTimeoutMs(ctx: IExecuteFunctions, itemIndex: number): number {
	const seconds = numberParameter(ctx, itemIndex, ctx.getNodeParameter('options.timeout', itemIndex, '') as unknown, 'Timeout (Seconds)', {
		fallback: DEFAULT_TIMEOUT_SECONDS,
		min: 1,
		max: MAX_TIMEOUT_SECONDS,
	});
	return Math.round(seconds * 1000);
}
