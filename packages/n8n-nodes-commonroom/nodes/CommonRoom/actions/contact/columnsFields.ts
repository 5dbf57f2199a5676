/**
 * Version 2's properties of the contact writes: Contact Fields (n8n's resource mapper, filled by
 * methods/resourceMapping.ts) and the Additional Fields that are not fields of the contact.
 * Read by columns.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

/** A custom field's column id: `cf:<id>` (the id survives a rename in Common Room). */
export const CUSTOM_FIELD_COLUMN = 'cf:';

export const contactColumnsProperty: INodeProperties = {
	displayName: 'Contact Fields',
	name: 'contactFields',
	type: 'resourceMapper',
	noDataExpression: true,
	default: { mappingMode: 'defineBelow', value: null },
	required: true,
	typeOptions: {
		loadOptionsDependsOn: ['destinationSourceId.value'],
		resourceMapper: {
			resourceMapperMethod: 'getContactFields',
			mode: 'upsert',
			fieldWords: { singular: 'field', plural: 'fields' },
			addAllFields: false,
			multiKeyMatch: false,
			supportAutoMap: true,
		},
	},
	description:
		"The contact's fields: the standard ones, the social handles and your workspace's custom fields, each with its type. Values are checked and converted as Common Room expects; an empty value is not sent.",
};

/** The Additional Fields version 2 keeps beside the columns: what is not a field of the contact. */
export const contactExtrasProperty: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add field',
	default: {},
	options: [
		{
			displayName: 'Custom Fields to Clear Names or IDs',
			name: 'customFieldsToClear',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getCustomFields', loadOptionsDependsOn: ['destinationSourceId.value'] },
			default: [],
			description: 'Custom fields to empty on the contact. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'External Profile URLs',
			name: 'externalProfiles',
			type: 'string',
			typeOptions: { multipleValues: true },
			default: [],
			description: 'Links to the person elsewhere (websites, other profiles)',
		},
		{
			displayName: 'Input Fields to Ignore',
			name: 'inputFieldsToIgnore',
			type: 'string',
			default: '',
			placeholder: 'e.g. internalId, rowNumber',
			description: 'With Map Automatically: comma-separated input keys that are neither sent nor reported under "unmapped"',
		},
		{
			displayName: 'Tag Names',
			name: 'tagNames',
			type: 'string',
			default: '',
			description: 'Comma-separated names of existing tags to add',
		},
	],
};

