import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import { invalidInput, requiredTextParameter, textParameter } from '../../../shared/parameters';
import { recordOf, v2Pages, v2Post } from '../../transport/v2';
import { writeOptions } from '../properties';
import { readChoice } from '../v2Fields';

/** v2 spec: components/schemas/CreateSegmentRequest.name — "max 500 characters". */
const MAX_NAME_LENGTH = 500;
const ENTITY_TYPES = ['contact', 'organization'] as const;

export const ALREADY_EXISTS = 'A segment with this name already exists';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Champions 2026',
		description: 'Name of the new segment. If a segment with this name exists, the item says so and nothing is created.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'What the segment is for (Markdown)',
			},
			{
				displayName: 'Holds',
				name: 'entityType',
				type: 'options',
				options: [
					{ name: 'Contacts', value: 'contact' },
					{ name: 'Organizations', value: 'organization' },
				],
				default: 'contact',
				description: 'What the segment contains',
			},
		],
	},
	writeOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['segment'], operation: ['create'] } },
	properties,
);

interface Prepared {
	body: IDataObject;
	timeoutMs: number;
}

function prepare(ctx: IExecuteFunctions, itemIndex: number): Prepared {
	const name = requiredTextParameter(ctx, itemIndex, ctx.getNodeParameter('name', itemIndex, ''), 'Name', 'Give the segment a name.');
	if (name.length > MAX_NAME_LENGTH) {
		throw invalidInput(ctx, itemIndex, 'Name', `is ${name.length} characters long, more than Common Room's ${MAX_NAME_LENGTH}`, 'Shorten the name.');
	}
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		name,
		entityType: readChoice(ctx, itemIndex, additional.entityType, 'Holds', ENTITY_TYPES, 'contact'),
	};
	const segmentDescription = textParameter(ctx, itemIndex, additional.description, 'Description');
	if (segmentDescription !== '') body.description = segmentDescription;
	return { body, timeoutMs: readTimeoutMs(ctx, itemIndex) };
}

/** The segment of this name (names compare trimmed and case-insensitively), read through v2 GET /segments?query=. */
async function findByName(ctx: IExecuteFunctions, name: string, itemIndex: number, timeoutMs: number): Promise<IDataObject | undefined> {
	const wanted = name.trim().toLowerCase();
	for await (const page of v2Pages(ctx, '/segments', { query: name }, { itemIndex, timeoutMs })) {
		const found = page.records.find((segment) => typeof segment.name === 'string' && segment.name.trim().toLowerCase() === wanted);
		if (found) return found;
	}
	return undefined;
}

export const operation: ItemOperation<Prepared> = {
	prepare,

	/**
	 * v2 POST /segments → 201 `{ id, name }`. A name already taken (409) is an answer, not an error:
	 * the item says `created: false` with the existing segment's id, so a workflow that runs again
	 * goes on. Re-sending after a lost answer or a 5xx is safe for the same reason: Common Room
	 * refuses a second segment of one name. (When the first attempt did create it, the item then
	 * reports it as existing, with its id: the segment is there either way.)
	 */
	async execute(ctx, prepared, itemIndex) {
		const name = prepared.body.name as string;
		const response = await v2Post(ctx, '/segments', prepared.body, {
			itemIndex,
			timeoutMs: prepared.timeoutMs,
			idempotent: true,
			acceptStatuses: [409],
		});
		if (response.statusCode === 409) {
			const existing = await findByName(ctx, name, itemIndex, prepared.timeoutMs);
			return {
				created: false,
				status: 'skipped',
				reason: ALREADY_EXISTS,
				...(existing ?? { name }),
			};
		}
		return { created: true, status: 'created', entityType: prepared.body.entityType, ...recordOf(response.body) };
	},
};
