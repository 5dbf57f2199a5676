/**
 * The properties of Activity > Create and Activity > Create Reply.
 */
import type { INodeProperties } from 'n8n-workflow';

import { previewOption } from '../../../shared/properties';
import { onlySendChangesProperty } from '../onlySendChanges';
import { destinationSourceIdProperties, writeOptions } from '../properties';
import { profileFields } from '../contact/fields';

export function activityProperties(reply: boolean): INodeProperties[] {
	const parent: INodeProperties[] = reply
		? [
				{
					displayName: 'Parent Activity ID',
					name: 'parentActivityId',
					type: 'string',
					required: true,
					default: '',
					hint: 'After a Common Room "Create Activity" node: {{ $json.id }}',
					description: 'The ID of the activity this one replies to',
				},
				{
					displayName: 'Parent Activity Type Name or ID',
					name: 'parentActivityType',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getActivityTypes' },
					required: true,
					default: '',
					hint: 'After a Common Room "Create Activity" node: {{ $json.activityType }}',
					description: 'The type of the parent activity. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
			]
		: [];
	return [
		...destinationSourceIdProperties,
		{
			displayName: 'Activity Type Name or ID',
			name: 'activityType',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getActivityTypes' },
			required: true,
			default: '',
			description: 'What happened; the types are those defined in the Common Room workspace. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		...parent,
		{
			displayName: 'Member Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			required: true,
			default: '',
			description:
				'Email of the person the activity belongs to (trimmed and lower-cased). The member is identified in the source by this email, as the Contact operations do.',
		},
		{
			displayName: 'Content',
			name: 'content',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'The message or description shown on the activity (plain text unless Content Format says Markdown)',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [
				{
					displayName: 'Activity ID',
					name: 'activityId',
					type: 'string',
					default: '',
					description:
						'Your unique ID for the activity; sending the same ID and type again updates it. Leave empty to use an ID derived from source, email, type, occurred-at and content ("n8n-" + SHA-256), so a re-run updates instead of duplicating.',
				},
				{
					displayName: 'Content Format',
					name: 'contentFormat',
					type: 'options',
					options: [
						{ name: 'Text', value: 'text' },
						{ name: 'Markdown', value: 'markdown' },
					],
					default: 'text',
					description: 'How Common Room renders the content',
				},
				{
					displayName: 'Occurred At',
					name: 'occurredAt',
					type: 'dateTime',
					default: '',
					description:
						'When it happened; any date works and is sent as ISO 8601 UTC. Empty: Common Room uses the time it receives the activity.',
				},
				{
					displayName: 'Sub-Source',
					name: 'subSource',
					type: 'string',
					default: '',
					placeholder: 'e.g. #general',
					description: 'Where within the source it happened: a channel, repository, event group…',
				},
				{
					displayName: 'Tag Names',
					name: 'tagNames',
					type: 'string',
					default: '',
					placeholder: 'e.g. Feature request',
					description: 'Comma-separated tag names. A name that matches no tag creates the tag.',
				},
				{
					displayName: 'Tag Names or IDs',
					name: 'tagIds',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getActivityTags' },
					default: [],
					description: 'Existing activity tags to add. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Title',
					name: 'title',
					type: 'string',
					default: '',
					description: 'Title shown on the activity, e.g. a post or ticket title',
				},
				{
					displayName: 'URL',
					name: 'url',
					type: 'string',
					default: '',
					placeholder: 'https://…',
					description: 'Link to the activity in the system it came from',
				},
			],
		},
		{
			displayName: 'Member Fields',
			name: 'memberFields',
			type: 'collection',
			placeholder: 'Add member field',
			default: {},
			description: 'Profile details of the member, sent with the activity to help Common Room match the person',
			options: profileFields.filter((field) => field.name !== 'slackUserId'),
		},
		...(reply ? [] : [onlySendChangesProperty]),
		writeOptions([
			previewOption,
			{
				displayName: 'Check Member Exists',
				name: 'checkMemberExists',
				type: 'boolean',
				default: false,
				description:
					"Whether to look the member up by email before sending (one extra request per activity) and output memberExists. Common Room may hold an activity until its member exists.",
			},
		]),
	];
}
