// Checks a custom-field assignment against the field's definition.
// v1 spec: components/schemas/ApiCustomFields — value.type is "the defined type of the custom
// field"; dates "Only supports ISO 8601 date format (YYYY-MM-DD)"; arrays only for multivalue
// fields. How strictly values are checked is our choice (README "Choices", custom fields).
import type { CustomFieldDefinition } from '../seed';
import type { ApiCustomField } from './schemas';

/** Problems with one assignment (empty = fine). `index` is its position in `customFields`. */
export function checkCustomField(
	assignment: ApiCustomField,
	definitions: Map<number, CustomFieldDefinition>,
	sourceId: number,
	where: string,
): string[] {
	const field = definitions.get(assignment.id);
	if (!field) return [`${where}.id: unknown custom field ${assignment.id}`];
	if (field.writableBySourceIds && !field.writableBySourceIds.includes(sourceId)) {
		return [`${where}.id: custom field ${field.id} (${field.name}) cannot be written by source ${sourceId}`];
	}
	if (!assignment.value) return []; // omitted value = clear the field
	const { type, value } = assignment.value;
	if (type !== field.type) {
		return [`${where}.value.type: custom field ${field.id} (${field.name}) has type ${field.type}, got ${type}`];
	}
	if (field.multivalue) {
		if (!Array.isArray(value)) return [`${where}.value.value: custom field ${field.id} is multivalue; send an array`];
		return value.flatMap((item, i) => checkScalar(field, item, `${where}.value.value.${i}`));
	}
	if (Array.isArray(value)) return [`${where}.value.value: custom field ${field.id} is single-valued; an array is not allowed`];
	return checkScalar(field, value, `${where}.value.value`);
}

function checkScalar(field: CustomFieldDefinition, value: unknown, where: string): string[] {
	const bad = (expected: string) => [`${where}: expected ${expected} for ${field.type} field ${field.id} (${field.name}), got ${JSON.stringify(value)}`];
	switch (field.type) {
		case 'string':
			return typeof value === 'string' ? [] : bad('a string');
		case 'int':
			return typeof value === 'number' && Number.isInteger(value) ? [] : bad('an integer number');
		case 'number':
			return typeof value === 'number' && Number.isFinite(value) ? [] : bad('a number');
		case 'boolean':
			return typeof value === 'boolean' ? [] : bad('true or false');
		case 'date':
			return typeof value === 'string' && isCalendarDate(value) ? [] : bad('a date as YYYY-MM-DD');
		case 'url':
			return typeof value === 'string' && isHttpUrl(value) ? [] : bad('an absolute http(s) URL');
		case 'enum':
			return typeof value === 'string' && (field.values ?? []).includes(value)
				? []
				: bad(`one of ${JSON.stringify(field.values ?? [])}`);
	}
}

function isCalendarDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}
