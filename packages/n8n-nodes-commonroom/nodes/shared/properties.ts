// Generated from packages/shared/properties.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
/**
 * The run options both nodes show, built on the same limits their readers check
 * (nodes/shared/execution/settings.ts), so the editor's range and the run's range are one.
 */
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_SECONDS, MAX_CONCURRENCY, MAX_TIMEOUT_SECONDS } from './defaults';

export function maxConcurrencyOption(defaultValue: number, description: string): INodeProperties {
	return {
		displayName: 'Max Concurrency',
		name: 'maxConcurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
		default: defaultValue,
		description,
	};
}

export function timeoutOption(description: string): INodeProperties {
	return {
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
		default: DEFAULT_TIMEOUT_SECONDS,
		description,
	};
}

/** Options > Preview: the requests a run would send, per item, sending nothing. */
export const previewOption: INodeProperties = {
	displayName: 'Preview (Send Nothing)',
	name: 'preview',
	type: 'boolean',
	default: false,
	description:
		'Whether to output, for each item, exactly the request this run would send (method, URL and body, after every check) or the problems that would stop it, and send nothing. Use it to check a mapping before the first sync.',
};
