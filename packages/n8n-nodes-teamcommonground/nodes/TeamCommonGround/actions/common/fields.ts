import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { SYSTEM_ACTIVITY_TYPES } from '../../helpers/constants';
import { visibilityChoiceFields } from '../visibility/fields';
import { DEFAULT_CONCURRENCY } from '../../../shared/defaults';
import { maxConcurrencyOption, timeoutOption, previewOption } from '../../../shared/properties';
import { RETRY_CREATES_OPTION } from '../../transport/service';

/**
 * Properties shared by the operations that create an activity (Activity → Create / Create
 * Reply, Task → Create Task / Create Follow-Up). Each operation file picks what it needs and
 * passes it through `updateDisplayOptions`.
 */

export function activityTypeField(defaultType: string): INodeProperties[] {
	return [
		{
			displayName: 'Activity Type',
			name: 'activityType',
			type: 'options',
			options: [
				...SYSTEM_ACTIVITY_TYPES.map((type) => ({
					name: type.name,
					value: type.value,
					description: `${type.description} (${type.value})`,
				})),
				{
					name: 'Custom',
					value: 'custom',
					description: 'A custom type from your activity type settings (c_...)',
				},
			],
			default: defaultType,
			description: 'The kind of activity, as listed in Team Common Ground',
		},
		{
			displayName: 'Custom Type',
			name: 'customType',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'c_site_visit',
			description:
				'The internal ID of the custom activity type: "c_" followed by lowercase letters, digits and underscores',
			displayOptions: { show: { activityType: ['custom'] } },
		},
	];
}

export const sourceField: INodeProperties = {
	displayName: 'Source',
	name: 'source',
	type: 'string',
	default: 'n8n',
	placeholder: 'my-crm',
	description:
		'Identifies this integration (lowercase letters, digits, hyphens, underscores; at most 50). Client IDs are mapped per source, so it is required with a Client ID.',
};

export const clientFields: INodeProperties[] = [
	{
		displayName: 'Client',
		name: 'clientMode',
		type: 'options',
		options: [
			{
				name: 'Identify Client',
				value: 'identify',
				description: 'Match the activity to a client by ID, email or phone',
			},
			{
				name: 'No Client (Business-Wide)',
				value: 'none',
				description: 'Send no client, e.g. for business notes and updates',
			},
		],
		default: 'identify',
	},
	{
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		default: '',
		placeholder: 'cust_123',
		description:
			'Your own ID for the client (matched first, through the client ID mappings of the Source)',
		displayOptions: { show: { clientMode: ['identify'] } },
	},
	{
		displayName: 'Client Email',
		name: 'clientEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Matched case-insensitively when no client ID matches',
		displayOptions: { show: { clientMode: ['identify'] } },
	},
	{
		displayName: 'Client Phone',
		name: 'clientPhone',
		type: 'string',
		default: '',
		placeholder: '+1 (555) 123-4567',
		description: 'Sent as given; Team Common Ground normalises it before matching',
		displayOptions: { show: { clientMode: ['identify'] } },
	},
	{
		displayName: 'Client First Name',
		name: 'clientFirstName',
		type: 'string',
		default: '',
		description: 'Used when Team Common Ground auto-creates the client',
		displayOptions: { show: { clientMode: ['identify'] } },
	},
	{
		displayName: 'Client Last Name',
		name: 'clientLastName',
		type: 'string',
		default: '',
		description: 'Used when Team Common Ground auto-creates the client',
		displayOptions: { show: { clientMode: ['identify'] } },
	},
];

export const messageField: INodeProperties = {
	displayName: 'Message',
	name: 'message',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	description: 'Display text of the activity',
};

const visibilityModeForCreate: INodeProperties = {
	displayName: 'Visibility',
	name: 'visibilityMode',
	type: 'options',
	options: [
		{
			name: 'Team Only (Default)',
			value: 'default',
			description: 'Owner, admins and staff: what Team Common Ground uses when nothing is sent',
		},
		{ name: 'Choose', value: 'custom', description: 'Set who can see the activity' },
	],
	default: 'default',
};

const visibilityModeForReply: INodeProperties = {
	displayName: 'Visibility',
	name: 'visibilityMode',
	type: 'options',
	options: [
		{
			name: 'Inherit From Parent',
			value: 'inherit',
			description: 'The reply is visible to whoever can see the activity it replies to',
		},
		{ name: 'Choose', value: 'custom', description: 'Set who can see the reply' },
	],
	default: 'inherit',
};

/**
 * Visibility of a create operation: the API's default (a root) or the parent's (a reply), or
 * "Choose", which shows the shared builder's choices (the same properties as Build List).
 */
export function visibilityFields(forReply: boolean): INodeProperties[] {
	return [
		forReply ? visibilityModeForReply : visibilityModeForCreate,
		...updateDisplayOptions({ show: { visibilityMode: ['custom'] } }, visibilityChoiceFields),
	];
}

export const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{
			displayName: 'Created By',
			name: 'createdBy',
			type: 'string',
			default: '',
			description: 'User ID of the creator (Team Common Ground uses "system" when empty)',
		},
		{
			displayName: 'Data',
			name: 'data',
			type: 'json',
			default: '{}',
			description: 'Extra data stored with the activity, as a JSON object',
		},
		{
			displayName: 'Links',
			name: 'links',
			type: 'string',
			typeOptions: { multipleValues: true },
			default: [],
			placeholder: 'https://example.com/order/456',
			description: 'URLs to attach as link previews',
		},
		{
			displayName: 'Tag IDs',
			name: 'tags',
			type: 'string',
			typeOptions: { multipleValues: true },
			default: [],
			placeholder: 'tag_abc123',
			description: "IDs of your business's tags (unrecognised tags are ignored in the UI)",
		},
	],
};

export const createOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		maxConcurrencyOption(
			DEFAULT_CONCURRENCY,
			'The most items sent at the same time. Requests are paced to the rate limit Team Common Ground announces, so by default as many are in flight as that rate and the latency need; set a lower number to cap it.',
		),
		{
			displayName: RETRY_CREATES_OPTION,
			name: 'retryCreatesOnServerError',
			type: 'boolean',
			default: false,
			description:
				'Whether to send an activity again after a server error or lost connection. The first attempt may already have created it, so this can create duplicates; rate-limit answers (429) are always retried.',
		},
		previewOption,
		timeoutOption('How long to wait for Team Common Ground to answer one request'),
	],
};
