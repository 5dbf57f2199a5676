// GET /custom-fields and /custom-fields/{id} (v2 spec: components/schemas/ApiCustomField,
// ApiFieldValue), and custom-field values on contacts. The fields are v1's member fields
// (seed `customFields`), so every one applies to contacts only (README "Choices", v2 custom fields).
import { z } from 'zod';
import type { CustomFieldDefinition } from '../../seed';
import type { StoredContact } from '../store';
import type { V2Handler } from './call';
import type { KeyPart } from './cursor';
import { formatId, parseId } from './ids';
import { idParam, parseQuery } from './query';
import { invalidParameters, list, single, v2Error } from './responses';

/** v2 spec: ApiCustomField.valueType has no `enum`: an enum field's values are strings. */
function valueType(v1Type: string): string {
	return v1Type === 'enum' ? 'string' : v1Type;
}

/** v2 spec: ApiFieldValue `date` is `format: date-time`; v1 stores YYYY-MM-DD (midnight UTC). */
function v2Value(type: string, value: unknown): unknown {
	return type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value;
}

/**
 * Contact.customFields: `cf_<id>` → `{ type, value }`. A multivalue field's value is the array of
 * its values: ApiFieldValue has no multi-valued form (README "Choices", v2 custom fields).
 */
export function customFieldValues(contact: StoredContact, wanted: 'all' | Set<number>): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (const stored of Object.values(contact.customFields)) {
		if (wanted !== 'all' && !wanted.has(stored.id)) continue;
		const type = valueType(stored.type);
		const value = Array.isArray(stored.value) ? stored.value.map((v) => v2Value(type, v)) : v2Value(type, stored.value);
		values[formatId('customField', stored.id)] = { type, value };
	}
	return values;
}

/** Sorting by `cf_<id>`: the value (a multivalue field's first), null when the contact has none. */
export function customFieldSortValue(contact: StoredContact, field: CustomFieldDefinition): KeyPart {
	const stored = contact.customFields[String(field.id)];
	const value: unknown = Array.isArray(stored?.value) ? stored.value[0] : stored?.value;
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

function fieldBody(field: CustomFieldDefinition): Record<string, unknown> {
	return {
		id: formatId('customField', field.id),
		name: field.name,
		entityTypes: ['contact'],
		keyField: false,
		valueType: valueType(field.type),
		...(field.values ? { sampleValues: field.values.map((value) => ({ type: 'string', value })) } : {}),
		description: null,
		targetSubTypes: [],
		providedBy: null,
	};
}

const listSchema = z.object({ entityType: z.string().optional() });

// v2 spec: paths./custom-fields.get — entityType contact | organization | cot_<number>; not paged.
export const listCustomFields: V2Handler = ({ req, store }) => {
	const query = parseQuery(listSchema, req.query);
	if (!query.ok) return query.response;
	const { entityType } = query.value;
	if (entityType !== undefined && entityType !== 'contact' && entityType !== 'organization' && parseId('objectType', entityType) === undefined) {
		return invalidParameters([`entityType: must be contact, organization or cot_<number>, got ${JSON.stringify(entityType)}`]);
	}
	const fields = entityType === undefined || entityType === 'contact' ? store.seed.customFields : [];
	return list(fields.map(fieldBody));
};

// v2 spec: paths./custom-fields/{id}.get — `cf_<number>`; another shape → 400, unknown → 404.
export const getCustomField: V2Handler = ({ params, store }) => {
	const id = idParam('customField', params.id, 'invalid_custom_field_id', 'id');
	if (!id.ok) return id.response;
	const field = store.customFieldDefinitions.get(id.value);
	return field ? single(fieldBody(field)) : v2Error(404, 'custom_field_not_found', `custom field ${params.id} not found`);
};
