/** Properties several Common Room operations show: the destination source, the Options collections, Return All / Limit. */
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY } from '../../shared/defaults';
import { maxConcurrencyOption, timeoutOption } from '../../shared/properties';


const destinationSourceIdText: INodeProperties = {
	displayName: 'Destination Source ID',
	name: 'destinationSourceId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 12345',
	hint: 'In Common Room: Settings > Sources > API. Add an API source (signal) if there is none and copy its Destination Source ID.',
	description:
		'The numeric ID of the API signal source that contacts and activities are written to. Each source keeps its own contacts, so use the same ID on every run.',
	displayOptions: { show: { '@version': [1] } },
};

/**
 * Version 2: the source picked from the workspace's signal sources (API v2 `GET /providers`,
 * ids `sig_<n>`), or given by ID (`12345` or `sig_12345`). The v2 spec does not say that
 * `sig_<n>` is the v1 Destination Source `n`; the README states it as the node's assumption.
 */
const destinationSourceIdLocator: INodeProperties = {
	displayName: 'Destination Source',
	name: 'destinationSourceId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	hint: 'An API source (signal) of your workspace: Settings > Sources > API in Common Room. Each source keeps its own contacts, so use the same one on every run.',
	description: 'The API signal source that contacts and activities are written to',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchSources', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 12345',
			validation: [{ type: 'regex', properties: { regex: '^\\s*(sig_)?\\d+\\s*$', errorMessage: 'A Destination Source ID is a number, e.g. 12345 (or sig_12345)' } }],
		},
	],
	displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
};

/** The Destination Source: text in version 1, a picker (or an ID) from version 2. */
export const destinationSourceIdProperties: INodeProperties[] = [destinationSourceIdText, destinationSourceIdLocator];

const timeout = timeoutOption('How long to wait for Common Room to answer one request before it is retried or fails');

const maxConcurrency = maxConcurrencyOption(
	DEFAULT_CONCURRENCY,
	"The most items sent at the same time. Requests are paced by the shared rate limiter (Common Room's guideline is about 20 per second), so by default as many are in flight as the rate and the network's latency need; set a lower number to cap it.",
);

const outputOption: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	options: [
		{
			name: 'One Item per Input Item',
			value: 'perItem',
			description: 'What was sent, the ID, the status and API details for each input item',
		},
		{
			name: 'One Summary Item',
			value: 'summary',
			description:
				'Counts (created, upserted = created or updated, skipped, failed) and the first errors; suited to large syncs',
		},
	],
	default: 'perItem',
	description: 'What the node outputs after a run',
};

function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The Options collection of operations that write. `extra` goes first (alphabetical merge). */
export function writeOptions(extra: INodeProperties[] = []): INodeProperties {
	return optionsCollection([...extra, maxConcurrency, outputOption, timeout]);
}

/** The Options collection of operations that only read. */
export function readOptions(extra: INodeProperties[] = []): INodeProperties {
	return optionsCollection([...extra, timeout]);
}

export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];
