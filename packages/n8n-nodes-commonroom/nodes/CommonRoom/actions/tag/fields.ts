import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readTimeoutMs } from '../../../shared/execution';
import { requiredTextParameter } from '../../../shared/parameters';

export const ENTITY_TYPES = [
	{ name: 'Activity', value: 'activity' },
	{ name: 'Company', value: 'company' },
	{ name: 'Contact', value: 'member' },
];

export const tagIdProperty: INodeProperties = {
	displayName: 'Tag',
	name: 'tagId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The tag to work on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTags', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1001',
		},
	],
};

export function readTagId(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = ctx.getNodeParameter('tagId', itemIndex, '', { extractValue: true }) as unknown;
	return requiredTextParameter(ctx, itemIndex, value, 'Tag', 'Pick a tag from the list or give its ID.');
}

/** What Get and Delete hand from `prepare` to `execute`: the tag's ID. */
export interface TagIdPrepared {
	id: string;
	timeoutMs: number;
}

export function prepareTagId(ctx: IExecuteFunctions, itemIndex: number): TagIdPrepared {
	return { id: readTagId(ctx, itemIndex), timeoutMs: readTimeoutMs(ctx, itemIndex) };
}

export function tagJson(body: unknown): IDataObject {
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
}
