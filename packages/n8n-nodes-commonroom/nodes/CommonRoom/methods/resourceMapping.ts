/**
 * The Contact Fields of version 2's contact writes (n8n's resource mapper): the contact's email, every
 * standard field and social handle the v1 API takes, and the workspace's custom fields that the
 * Destination Source may write, each with its type.
 */
import type { FieldType, ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { isNumericId } from '../../shared/parameters';
import { CUSTOM_FIELD_COLUMN } from '../actions/contact/columnsFields';
import { STANDARD_FIELD_LABELS } from '../actions/contact/fields';
import { SOCIAL_FIELDS, STANDARD_FIELDS } from '../helpers/contactMapping';
import type { CustomFieldDefinition } from '../helpers/customFields';
import { loadList } from '../transport';
import { currentId } from './current';

/** The standard fields that are URLs (the rest are text). */
const URL_FIELDS = new Set(['avatarUrl', 'linkedinUrl']);

function customFieldType(definition: CustomFieldDefinition): Pick<ResourceMapperField, 'type' | 'options'> {
	if (definition.multivalue) return { type: 'array' };
	switch (definition.type) {
		case 'enum':
			return { type: 'options', options: (definition.values ?? []).map((value) => ({ name: String(value), value: String(value) })) };
		case 'date':
			return { type: 'dateTime' };
		case 'int':
		case 'number':
			return { type: 'number' };
		case 'boolean':
			return { type: 'boolean' };
		case 'url':
			return { type: 'url' };
		default:
			return { type: 'string' };
	}
}

const column = (id: string, displayName: string, type: FieldType, extra: Partial<ResourceMapperField> = {}): ResourceMapperField => ({
	id,
	displayName,
	required: false,
	defaultMatch: false,
	canBeUsedToMatch: false,
	display: true,
	type,
	...extra,
});

export async function getContactFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const sourceId = currentId(this, 'destinationSourceId');
	const definitions = (await loadList(this, '/members/customFields', isNumericId(sourceId) ? { destinationSourceId: sourceId } : undefined)).filter(
		(field) => typeof field.id === 'number' && typeof field.name === 'string',
	) as unknown as CustomFieldDefinition[];
	const social = new Set<string>(SOCIAL_FIELDS);
	const fields: ResourceMapperField[] = [
		column('email', 'email', 'string', { required: true, defaultMatch: true, canBeUsedToMatch: true }),
		...STANDARD_FIELDS.filter((field) => !social.has(field)).map((field) => column(field, STANDARD_FIELD_LABELS[field], URL_FIELDS.has(field) ? 'url' : 'string')),
		...STANDARD_FIELDS.filter((field) => social.has(field)).map((field) => column(field, STANDARD_FIELD_LABELS[field], URL_FIELDS.has(field) ? 'url' : 'string')),
		...definitions
			.slice()
			.sort((a, b) => a.name.localeCompare(b.name))
			.map((definition) => column(`${CUSTOM_FIELD_COLUMN}${definition.id}`, definition.name, 'string', customFieldType(definition))),
	];
	return { fields };
}
