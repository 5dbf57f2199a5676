import type { INodeProperties } from 'n8n-workflow';

import * as addToSegment from './addToSegment.operation';
import * as create from './create.operation';
import * as deleteContact from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getById from './getById.operation';
import * as upsert from './upsert.operation';

export { addToSegment, create, deleteContact as delete, get, getAll, getById, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Add to Segment',
				value: 'addToSegment',
				description: 'Add a contact to a segment, by email',
				action: 'Add a contact to a segment',
			},
			{
				name: 'Create Only',
				value: 'create',
				description: 'Create a contact unless one with this email exists (then it is skipped)',
				action: 'Create a contact if it does not exist',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a contact',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Request removal of all personal data of a contact (right to be forgotten)',
				action: 'Delete a contact',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Find a contact by email',
				action: 'Get a contact',
			},
			{
				name: 'Get by ID',
				value: 'getById',
				description:
					"Get one contact's profile by its API v2 ID (c_…): name, email, title, company, and the columns chosen (lead scores, segments, tags, recent activities, custom fields by name). Use Get to find a contact by email instead.",
				action: 'Get a contact by ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"List contacts (API v2). Filter by Organization to answer 'who do we know at Acme?', by Segment for a segment's members; sort by Latest Activity (descending) for the most recently active, or by a Lead Score for the hottest leads.",
				action: 'Get many contacts',
			},
		],
		default: 'upsert',
	},
	...upsert.description,
	...create.description,
	...get.description,
	...getById.description,
	...getAll.description,
	...deleteContact.description,
	...addToSegment.description,
];
