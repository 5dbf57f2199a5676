import type { INodeProperties } from 'n8n-workflow';

import { CONTACT_RULES, EVENTS, MAX_SEGMENT_MEMBERS } from './helpers/events';

export const DEFAULT_MAX_EVENTS = 1000;
export const MAX_EVENTS_LIMIT = 10_000;

const members = MAX_SEGMENT_MEMBERS.toLocaleString('en-US');

export const properties: INodeProperties[] = [
	{
		displayName:
			'Checks Common Room on the schedule below (API v2, the same API token as the Common Room node) and starts the workflow with what is new since the last check, oldest first. The first check after activation only notes where Common Room is: what exists already does not start the workflow unless "Include Existing on First Poll" is on. For events the moment they happen, use the Common Room Trigger (webhook) instead.',
		name: 'pollingNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		required: true,
		options: EVENTS.map((event) => ({ ...event })),
		default: 'newContact',
	},
	{
		displayName: 'Segment',
		name: 'segment',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The contact segment to watch',
		displayOptions: { show: { event: ['newContact'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a segment...',
				typeOptions: { searchListMethod: 'searchSegments', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 's_501',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*([sS]_)?\\d{1,30}\\s*$',
							errorMessage: 'A segment ID is s_ and digits (e.g. s_501), or the digits alone',
						},
					},
				],
			},
		],
	},
	{
		displayName: 'Counts as New',
		name: 'contactRule',
		type: 'options',
		noDataExpression: true,
		options: CONTACT_RULES.map((rule) => ({ ...rule })),
		default: 'joined',
		description: `Common Room's API says which contacts are in a segment, not since when. Contacts Joining the Segment compares the segment with the last poll (up to ${members} contacts); Newest Contacts Only follows contact IDs.`,
		displayOptions: { show: { event: ['newContact'] } },
	},
	{
		displayName: 'Activity Type Names or IDs',
		name: 'activityTypes',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getActivityTypes' },
		default: [],
		description:
			'Only activities of these types; none = every type. The API cannot filter by type, so other activities are read and passed over. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { event: ['newActivity'] } },
	},
	{
		displayName: 'Organization',
		name: 'organization',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description:
			"Only activities of this organization's contacts; empty = every activity. Search takes an exact name or domain (the API has no partial match).",
		displayOptions: { show: { event: ['newActivity'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an organization...',
				typeOptions: { searchListMethod: 'searchOrganizations', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'o_3001',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*([oO]_)?\\d{1,30}\\s*$',
							errorMessage: 'An organization ID is o_ and digits (e.g. o_3001), or the digits alone',
						},
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Add Contact Fields',
				name: 'addContactFields',
				type: 'boolean',
				default: true,
				description:
					"Whether to read each activity's contact (one request per contact) and add its fields (email, fullName, organizationName, …) and the contact itself under contact",
				displayOptions: { show: { '/event': ['newActivity'] } },
			},
			{
				displayName: 'Include Existing on First Poll',
				name: 'includeExisting',
				type: 'boolean',
				default: false,
				description:
					'Whether the first poll after activation starts the workflow with what already exists (oldest first, Max Events per Poll at a time) instead of only noting where Common Room is',
			},
			{
				displayName: 'Max Events per Poll',
				name: 'maxEvents',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_EVENTS_LIMIT },
				default: DEFAULT_MAX_EVENTS,
				description:
					'The most items one poll starts the workflow with. The rest are not skipped: they come at the next polls, oldest first.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to add flat, ready-to-map fields (email, fullName, organizationName, the profiles, and for activities activityType, content, timestamp, …) beside the record as Common Room sent it (payload)',
			},
		],
	},
];
