/**
 * Properties and readers several Common Room operations share: the destination source, the
 * write options (concurrency, timeout, output), Return All / Limit, and the one request helper
 * every operation goes through.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OutputMode } from '../../shared/execution';
import { apiRequest } from '../../shared/transport';
import { invalidInput, normalizeEmail, numberParameter, quote, textParameter } from '../../shared/validation';
import type { FieldProblem } from '../helpers/contactMapping';
import { isNumericId } from '../helpers/ids';
import type { CommonRoomResource } from './node.type';

export const DEFAULT_TIMEOUT_SECONDS = 60;
export const DEFAULT_CONCURRENCY = 10;

export const destinationSourceIdProperty: INodeProperties = {
	displayName: 'Destination Source ID',
	name: 'destinationSourceId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 12345',
	hint: 'In Common Room: Settings > Sources > API. Add an API source (signal) if there is none and copy its Destination Source ID.',
	description:
		'The numeric ID of the API signal source that contacts and activities are written to. Each source keeps its own contacts, so use the same ID on every run.',
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 600 },
	default: DEFAULT_TIMEOUT_SECONDS,
	description: 'How long to wait for Common Room to answer one request before it is retried or fails',
};

export const maxConcurrencyOption: INodeProperties = {
	displayName: 'Max Concurrency',
	name: 'maxConcurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 50 },
	default: DEFAULT_CONCURRENCY,
	description:
		"How many items are sent at the same time. Requests are paced by the shared rate limiter (Common Room's guideline is about 20 per second).",
};

export const outputOption: INodeProperties = {
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

/** The Options collection of operations that write. `extra` goes first (alphabetical merge). */
export function writeOptions(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...extra, maxConcurrencyOption, outputOption, timeoutOption].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** The Options collection of operations that only read. */
export function readOptions(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...extra, timeoutOption].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
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

function option<T>(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: T): T {
	const value = ctx.getNodeParameter(`options.${name}`, itemIndex, fallback) as T;
	return value === undefined || value === null || (value as unknown) === '' ? fallback : value;
}

export function timeoutMs(ctx: IExecuteFunctions, itemIndex: number): number {
	const raw = ctx.getNodeParameter('options.timeout', itemIndex, '') as unknown;
	const seconds = numberParameter(ctx, itemIndex, raw, 'Timeout (Seconds)', {
		fallback: DEFAULT_TIMEOUT_SECONDS,
		min: 1,
		max: 600,
	});
	return Math.round(seconds * 1000);
}

/** Run-wide settings, read from the first item (as n8n nodes conventionally do). */
export function runSettings(ctx: IExecuteFunctions): { concurrency: number; outputMode: OutputMode } {
	const raw = ctx.getNodeParameter('options.maxConcurrency', 0, '') as unknown;
	const concurrency = numberParameter(ctx, 0, raw, 'Max Concurrency', {
		fallback: DEFAULT_CONCURRENCY,
		min: 1,
		max: 50,
		integer: true,
	});
	const outputMode = option<string>(ctx, 'output', 0, 'perItem') === 'summary' ? 'summary' : 'perItem';
	return { concurrency, outputMode };
}

/** Destination Source ID: the spec's integer path parameter, checked before any request. */
export function readSourceId(ctx: IExecuteFunctions, itemIndex: number): string {
	const raw = ctx.getNodeParameter('destinationSourceId', itemIndex, '') as unknown;
	const text = (typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '').trim();
	const fix = 'Copy the Destination Source ID from Common Room: Settings > Sources > API.';
	if (text === '') throw invalidInput(ctx, itemIndex, 'Destination Source ID', 'is empty', fix);
	checkNumericId(ctx, itemIndex, text, 'Destination Source ID', 'a source ID', fix, raw);
	return text;
}

/**
 * Fails the item, naming `field`, when `text` is not a numeric id: "<value> is not <noun>
 * (digits only)". `shown` is the value as the user gave it (default: `text`).
 */
export function checkNumericId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	text: string,
	field: string,
	noun: string,
	fix?: string,
	shown: unknown = text,
): void {
	if (!isNumericId(text)) throw invalidInput(ctx, itemIndex, field, `${quote(shown)} is not ${noun} (digits only)`, fix);
}

/** A text parameter, trimmed; an object or list fails the item naming the field (`label`). */
export function readTextParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	return textParameter(ctx, itemIndex, ctx.getNodeParameter(name, itemIndex, '') as unknown, label);
}

/** The first problem as an error naming item and field; the others are listed in the description. */
export function problemsError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	problems: FieldProblem[],
	fix?: string,
): Error {
	const [first, ...rest] = problems;
	const also = rest.length ? `Also: ${rest.map((p) => `${p.field}: ${p.problem}`).join('; ')}` : '';
	const description = [fix, also].filter(Boolean).join(' ') || undefined;
	return invalidInput(ctx, itemIndex, first.field, first.problem, description);
}

export function throwProblems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	problems: FieldProblem[],
	fix?: string,
): never {
	throw problemsError(ctx, itemIndex, problems, fix);
}

export interface RequestSpec {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Safe to repeat after a lost answer (reads, upserts keyed by id, deletes). */
	idempotent: boolean;
	acceptStatuses?: number[];
}

export interface ApiAnswer {
	statusCode: number;
	body: unknown;
}

/** One Common Room request through the shared transport (rate limit, retries, errors). */
export async function commonRoomRequest(
	ctx: IExecuteFunctions,
	spec: RequestSpec,
	itemIndex: number,
	timeout: number,
): Promise<ApiAnswer> {
	const response = await apiRequest.call(
		ctx,
		'commonRoom',
		{ ...spec, itemIndex },
		{ timeoutMs: timeout },
	);
	return { statusCode: response.statusCode, body: response.body };
}

/** A path segment: emails and ids as Common Room expects them in the URL. */
export function segment(value: string | number): string {
	return encodeURIComponent(String(value));
}

/** Return All / Limit, read in prepare: undefined = all. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const raw = ctx.getNodeParameter('limit', itemIndex, 50) as unknown;
	return numberParameter(ctx, itemIndex, raw, 'Limit', { fallback: 50, min: 1, integer: true });
}

/** The v1 list endpoints return whole lists (no paging): the limit is applied here. */
export function applyLimit<T>(list: T[], limit: number | undefined): T[] {
	return limit === undefined ? list : list.slice(0, limit);
}

export function asList(body: unknown): IDataObject[] {
	return Array.isArray(body) ? (body as IDataObject[]) : [];
}

/** A contact's email, trimmed and lower-cased; fails the item naming `field` otherwise. */
export function readEmail(ctx: IExecuteFunctions, itemIndex: number, raw: unknown, field: string): string {
	const email = normalizeEmail(raw);
	if (email) return email;
	const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
	throw invalidInput(
		ctx,
		itemIndex,
		field,
		empty ? 'is empty' : `${quote(raw)} is not an email address`,
		'Common Room identifies contacts by email: give a full address such as jane@example.com.',
	);
}

interface ListPrepared {
	limit?: number;
	timeoutMs: number;
}

/**
 * A plain Get Many: Return All / Limit and the read options, one GET of `path` (no query), one
 * item per element of the answer's list.
 */
export function listOperation({ resource, path }: { resource: CommonRoomResource; path: string }) {
	const properties: INodeProperties[] = [...returnAllProperties, readOptions()];
	const description = updateDisplayOptions({ show: { resource: [resource], operation: ['getAll'] } }, properties);

	function prepare(ctx: IExecuteFunctions, itemIndex: number): ListPrepared {
		return { limit: readLimit(ctx, itemIndex), timeoutMs: timeoutMs(ctx, itemIndex) };
	}

	async function execute(ctx: IExecuteFunctions, prepared: ListPrepared, itemIndex: number): Promise<IDataObject[]> {
		const response = await commonRoomRequest(
			ctx,
			{ method: 'GET', path, idempotent: true },
			itemIndex,
			prepared.timeoutMs,
		);
		return applyLimit(asList(response.body), prepared.limit);
	}

	return { description, prepare, execute };
}
