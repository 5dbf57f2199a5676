/**
 * The properties of Contact > Create or Update and Contact > Create Only (the same form; the
 * operations differ only in what happens to an existing contact).
 */
import type { INodeProperties } from 'n8n-workflow';

import type { StandardField } from '../../helpers/contactMapping';
import { previewOption } from '../../../shared/properties';
import { destinationSourceIdProperties, writeOptions } from '../properties';
import { contactColumnsProperty, contactExtrasProperty } from './columnsFields';

/** Display names of the standard fields, for error messages in "Define Below" mode. */
export const STANDARD_FIELD_LABELS: Record<StandardField, string> = {
	fullName: 'Full Name',
	firstName: 'First Name',
	lastName: 'Last Name',
	username: 'Username',
	avatarUrl: 'Avatar URL',
	bio: 'Bio',
	companyName: 'Company Name',
	companyDomain: 'Company Domain',
	titleAtCompany: 'Title at Company',
	roleAtCompany: 'Role at Company',
	country: 'Country',
	region: 'Region',
	city: 'City',
	rawLocation: 'Location (Free Text)',
	twitterUsername: 'Twitter Username',
	linkedinUrl: 'LinkedIn URL',
	githubUsername: 'GitHub Username',
	discordUsername: 'Discord Username',
	slackUserId: 'Slack User ID',
};

function sortByDisplayName(properties: INodeProperties[]): INodeProperties[] {
	return [...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

const text = (
	name: StandardField,
	description: string,
	placeholder?: string,
): INodeProperties => ({
	displayName: STANDARD_FIELD_LABELS[name],
	name,
	type: 'string',
	default: '',
	description,
	...(placeholder ? { placeholder } : {}),
});

/** The member's profile fields; also used for the member of an activity. */
export const profileFields: INodeProperties[] = [
	text('avatarUrl', 'URL of the profile picture (http or https)', 'https://example.com/avatar.png'),
	text('bio', 'Shown in the "About" section of the contact'),
	text('city', 'City the person lives in'),
	text('companyDomain', 'Web domain of the company; a full URL is reduced to its domain', 'acme.com'),
	text('companyName', 'Name of the company the person works for'),
	text('country', 'Country the person lives in'),
	text(
		'discordUsername',
		'Discord username: "name", "@name" or legacy "name#1234". A discord.com/users/… profile URL is stored as an external profile.',
	),
	text('firstName', 'Used when no full name is given'),
	text('fullName', 'Full name of the person'),
	text('githubUsername', '"@user", "user" or https://github.com/user', 'octocat'),
	text('lastName', 'Used when no full name is given'),
	text(
		'linkedinUrl',
		'Profile URL (https://www.linkedin.com/in/name), "in/name" or just "name"',
		'https://www.linkedin.com/in/name',
	),
	text('rawLocation', 'Loose description of a location, e.g. "Seattle, WA" or "Kyiv, Ukraine"'),
	text('region', 'State, prefecture or region, e.g. Washington or Ontario'),
	text('roleAtCompany', 'Role at the company, e.g. Engineering, Marketing or Sales'),
	text(
		'slackUserId',
		'Common Room\'s API has no Slack field: the value goes to a custom field named "slackUserId" (or "Slack User ID") if the workspace has one; otherwise it is reported under "unmapped" on the output item',
		'U0123ABCD',
	),
	text('titleAtCompany', 'Job title, e.g. "Head of Developer Relations"'),
	text('twitterUsername', '"@handle", "handle" or https://x.com/handle', '@handle'),
	text('username', 'Username of the person in the source system'),
];

/** Version 1's fields: Fields to Send (Define Below, or Map Input Fields by Name). */
const version1Fields: INodeProperties[] = [
	{
		displayName: 'Fields to Send',
		name: 'fieldsToSend',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Define Below',
				value: 'defineBelow',
				description: 'Set the email and each field in this node',
			},
			{
				name: 'Map Input Fields by Name',
				value: 'autoMapInputData',
				description:
					'Each input item\'s keys are matched to contact fields (email, fullName, companyName, titleAtCompany, twitterUsername, …) and to custom fields by name; suited to syncing sheet rows',
			},
		],
		default: 'defineBelow',
	},
	{
		displayName:
			'Each input item needs an "email" key. Other keys are matched by name, ignoring case, spaces and underscores: fullName (or name), firstName, lastName, username, avatarUrl, bio, companyName (or company), companyDomain, titleAtCompany (or title), roleAtCompany, country, region, city, location, twitterUsername, linkedinUrl, githubUsername, discordUsername, slackUserId, tags (names), externalProfiles (URLs), then the workspace\'s custom fields by name. Empty values are not sent. Keys that match nothing are reported on the output item under "unmapped".',
		name: 'autoMapNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { fieldsToSend: ['autoMapInputData'] } },
	},
	{
		displayName: 'Input Fields to Ignore',
		name: 'inputFieldsToIgnore',
		type: 'string',
		default: '',
		placeholder: 'e.g. row_number, internal_id',
		description:
			'Comma-separated input keys that are neither sent nor reported as unmapped',
		displayOptions: { show: { fieldsToSend: ['autoMapInputData'] } },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description:
			'Identifies the contact. It is trimmed and lower-cased, and also used as the contact\'s ID in the source, so the same email always updates the same contact.',
		displayOptions: { show: { fieldsToSend: ['defineBelow'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		displayOptions: { show: { fieldsToSend: ['defineBelow'] } },
		options: sortByDisplayName([
			...profileFields,
			{
				displayName: 'Custom Fields to Clear Names or IDs',
				name: 'customFieldsToClear',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getCustomFields', loadOptionsDependsOn: ['destinationSourceId'] },
				default: [],
				description:
					'Custom fields to empty on the contact. Clearing cannot be undone; empty values under Custom Fields are never sent, so this is the only way to clear a field. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'External Profile URLs',
				name: 'externalProfiles',
				type: 'string',
				default: '',
				placeholder: 'https://jane.dev, https://mastodon.social/@jane',
				description: 'Other profiles of the person, comma-separated http(s) URLs',
			},
			{
				displayName: 'Tag Names',
				name: 'tagNames',
				type: 'string',
				default: '',
				placeholder: 'e.g. VIP, Beta tester',
				description:
					'Comma-separated tag names to add to the contact. A name that matches no tag creates the tag.',
			},
			{
				displayName: 'Tag Names or IDs',
				name: 'tagIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getContactTags' },
				default: [],
				description: 'Existing contact tags to add. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		]),
	},
	{
		displayName: 'Custom Fields',
		name: 'customFieldsUi',
		type: 'fixedCollection',
		placeholder: 'Add custom field',
		typeOptions: { multipleValues: true },
		default: {},
		displayOptions: { show: { fieldsToSend: ['defineBelow'] } },
		description:
			"Values are converted to the field's type: dates to YYYY-MM-DD, numbers, true/false, URLs, one of an enum's values; multi-value fields take a list or comma-separated text. An empty value is not sent (the field keeps its value).",
		options: [
			{
				displayName: 'Custom Field',
				name: 'customFieldValues',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'field',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: 'getCustomFields',
							loadOptionsDependsOn: ['destinationSourceId'],
						},
						default: '',
						hint: "An expression may also give the field's name",
						description: 'The contact custom field to set. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'The value to set',
					},
				],
			},
		],
	},
];

const VERSION_1: Show = { '@version': [1] };
const FROM_VERSION_2: Show = { '@version': [{ _cnd: { gte: 2 } }] };

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

function shownIn(version: Show, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, ...version } },
	}));
}

/** Contact > Create or Update and Create Only: version 1's fields, or version 2's Columns. */
export const contactWriteProperties: INodeProperties[] = [
	...destinationSourceIdProperties,
	...shownIn(VERSION_1, version1Fields),
	...shownIn(FROM_VERSION_2, [contactColumnsProperty, contactExtrasProperty]),
	writeOptions([previewOption]),
];
