/**
 * Properties and readers the API v2 operations share: the contact / organization / segment
 * pickers (resource locators), Columns, Return All / Limit as readMany takes it, and a choice
 * among fixed options. Readers are built on nodes/shared/parameters and fail the item naming the
 * field before any request: an expression bypasses the editor's own checks.
 */
import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { invalidInput, quote, textList, textParameter } from '../../shared/parameters';
import { v2IdExample, v2IdPattern, v2IdProblem, V2_IDS, type V2IdKind } from '../helpers/v2Ids';
import { readLimit } from './parameters';

type PickerKind = 'contact' | 'organization' | 'segment';

/** The listSearch method of each picker (methods/listSearch.ts). */
const SEARCH_METHOD: Record<PickerKind, string> = {
	contact: 'searchContacts',
	organization: 'searchOrganizations',
	segment: 'searchSegments',
};

/** A picker of one v2 record: From List (searchable, paged) or By ID (checked against the id's shape). */
export function v2Locator(
	kind: PickerKind,
	property: { displayName: string; name: string; description: string; required?: boolean },
): INodeProperties {
	const { noun, a } = V2_IDS[kind];
	return {
		...property,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: SEARCH_METHOD[kind], searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${v2IdExample(kind)}`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: v2IdPattern(kind),
							errorMessage: `Not ${a} ${noun} ID: API v2 IDs look like ${v2IdExample(kind)}`,
						},
					},
				],
			},
		],
	};
}

/** The value of a resource locator (`{ __rl, mode, value }`), or the parameter itself when it is none. */
function locatorValue(raw: unknown): unknown {
	if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'mode' in raw && 'value' in raw) {
		return (raw as { value: unknown }).value;
	}
	return raw;
}

/** A v2 id from a picker or a text field: '' when empty, else it must have the kind's prefix and digits. */
export function readV2Id(ctx: IExecuteFunctions, itemIndex: number, raw: unknown, kind: V2IdKind, field: string): string {
	const fix = `Give one ${V2_IDS[kind].noun} ID as text, e.g. ${v2IdExample(kind)}, not a whole object or list.`;
	const text = textParameter(ctx, itemIndex, locatorValue(raw), field, fix);
	if (text === '') return '';
	const problem = v2IdProblem(kind, text);
	if (problem) throw invalidInput(ctx, itemIndex, field, problem.problem, problem.fix);
	return text;
}

/** readV2Id for a field that must be given. */
export function requiredV2Id(ctx: IExecuteFunctions, itemIndex: number, raw: unknown, kind: V2IdKind, field: string): string {
	const id = readV2Id(ctx, itemIndex, raw, kind, field);
	if (id === '') {
		throw invalidInput(ctx, itemIndex, field, 'is empty', `Pick the ${V2_IDS[kind].noun} from the list or give its ID (${v2IdExample(kind)}).`);
	}
	return id;
}

/** Return All / Limit as readMany takes it. */
export type Wanted = { returnAll: true } | { returnAll: false; limit: number };

export function readWanted(ctx: IExecuteFunctions, itemIndex: number): Wanted {
	const limit = readLimit(ctx, itemIndex);
	return limit === undefined ? { returnAll: true } : { returnAll: false, limit };
}

/** One of a field's fixed option values; `fallback` when empty. */
export function readChoice<T extends string, F extends string = T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	field: string,
	allowed: readonly T[],
	fallback: F,
): T | F {
	const text = textParameter(ctx, itemIndex, value, field);
	if (text === '') return fallback;
	if ((allowed as readonly string[]).includes(text)) return text as T;
	throw invalidInput(ctx, itemIndex, field, `${quote(text)} is not one of ${allowed.join(', ')}`, `Pick one of the options (or give one of ${allowed.join(', ')} in an expression).`);
}

/** Columns: what each record includes besides its ID and name (the API's `cols`). */
export function columnsProperty(options: INodePropertyOptions[], defaults: string[], noun: string): INodeProperties {
	return {
		displayName: 'Columns',
		name: 'columns',
		type: 'multiOptions',
		options,
		default: [...defaults],
		description: `What each ${noun} includes besides its ID and name. Fewer columns answer faster.`,
	};
}

/** The Columns asked for: the field's options, or `cf_<number>` for one custom field; duplicates dropped. */
export function readColumns(ctx: IExecuteFunctions, itemIndex: number, options: INodePropertyOptions[]): string[] {
	const columns = textList(ctx, itemIndex, ctx.getNodeParameter('columns', itemIndex, []), 'Columns');
	const allowed = options.map((option) => String(option.value));
	const unknown = columns.filter((column) => !allowed.includes(column) && !/^cf_\d+$/.test(column));
	if (unknown.length > 0) {
		throw invalidInput(
			ctx,
			itemIndex,
			'Columns',
			`unknown column ${unknown.map((column) => quote(column)).join(', ')}`,
			`Use ${allowed.join(', ')}, or cf_<number> for one custom field.`,
		);
	}
	return [...new Set(columns)];
}
