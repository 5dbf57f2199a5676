/**
 * API v2 records as the node outputs them: one flat item per record, custom fields by their
 * names. Pure functions.
 */
import type { IDataObject } from 'n8n-workflow';

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Custom field id (`cf_101`) → the name the output uses: the field's name, or "<name> (cf_…)"
 * for a name two fields share, so no value overwrites another. Definitions without an id or
 * name are left out (their values keep the id).
 */
export function customFieldNames(definitions: IDataObject[]): Map<string, string> {
	const named = definitions.filter(
		(definition): definition is IDataObject & { id: string; name: string } =>
			typeof definition.id === 'string' && typeof definition.name === 'string' && definition.name.trim() !== '',
	);
	const counts = new Map<string, number>();
	for (const { name } of named) counts.set(name.trim(), (counts.get(name.trim()) ?? 0) + 1);
	return new Map(
		named.map(({ id, name }) => {
			const trimmed = name.trim();
			return [id, (counts.get(trimmed) ?? 0) > 1 ? `${trimmed} (${id})` : trimmed];
		}),
	);
}

/**
 * A record with `customFields` (v2: `{ cf_101: { type, value } }`) turned into
 * `{ "<field name>": value }`: the typed wrapper dropped, the id kept as the key when the field's
 * name is not known. Other keys are left as they are.
 */
export function withNamedCustomFields(record: IDataObject, names: ReadonlyMap<string, string>): IDataObject {
	if (!isObject(record.customFields)) return record;
	const customFields: IDataObject = {};
	for (const [id, typed] of Object.entries(record.customFields)) {
		const value = isObject(typed) && 'value' in typed ? typed.value : typed;
		customFields[names.get(id) ?? id] = value;
	}
	return { ...record, customFields };
}

/** Whether the columns asked for include custom fields (`cf_*` or one `cf_<id>`). */
export function wantsCustomFields(columns: readonly string[]): boolean {
	return columns.some((column) => column.startsWith('cf_'));
}
