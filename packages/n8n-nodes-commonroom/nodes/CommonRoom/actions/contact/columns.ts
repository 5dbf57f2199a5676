/**
 * Version 2 of Contact > Create or Update and Create Only: the fields to send as n8n's resource
 * mapper ("Contact Fields"), the list n8n users know from Postgres, Google Sheets or Airtable: every
 * field of the workspace (methods/resourceMapping.ts), mapped by hand or automatically from the
 * input's keys. The values go through the same reading as version 1 (readContact.ts: the same
 * names, aliases, coercion and checks), so the two versions send the same body for the same
 * input.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidInput, textList } from '../../../shared/parameters';
import { STANDARD_FIELDS, type ContactInput, type StandardField } from '../../helpers/contactMapping';
import type { CustomFieldRequest } from '../../helpers/customFields';
import { readContactEmail } from '../parameters';
import { CUSTOM_FIELD_COLUMN } from './columnsFields';
import { STANDARD_FIELD_LABELS } from './fields';
import { readAutoMap, type ContactRead } from './readContact';

interface ColumnsValue {
	mappingMode?: unknown;
	value?: IDataObject | null;
	schema?: Array<{ id?: unknown; displayName?: unknown; removed?: unknown }>;
}

/**
 * The columns of one item as a contact: "Map Automatically" reads the input item as version 1's
 * Map Input Fields by Name does (its keys, aliases and custom fields by name; keys that match no
 * field are reported on the item); "Map Each Field Below" reads the mapped values by column id.
 */
export function readColumns(ctx: IExecuteFunctions, itemIndex: number): ContactRead {
	// Read as given: the values are checked and converted by the rules every version uses.
	const columns = (ctx.getNodeParameter('contactFields', itemIndex, {}, { skipValidation: true }) ?? {}) as ColumnsValue;
	const extras = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const clear = textList(ctx, itemIndex, extras.customFieldsToClear, 'Custom Fields to Clear Names or IDs');
	const tagNames = textList(ctx, itemIndex, extras.tagNames, 'Tag Names');
	if (columns.mappingMode === 'autoMapInputData') {
		const read = readAutoMap(ctx, itemIndex, extras.inputFieldsToIgnore, 'Additional Fields › Input Fields to Ignore');
		read.input.tags = { names: [...(read.input.tags?.names ?? []), ...tagNames], ids: read.input.tags?.ids ?? [] };
		read.input.externalProfiles ??= extras.externalProfiles;
		return { ...read, clear };
	}
	const values = columns.value ?? {};
	const names = new Map((columns.schema ?? []).map((column) => [String(column.id), String(column.displayName ?? column.id)]));
	if (values.email === undefined || values.email === null || values.email === '') {
		throw invalidInput(ctx, itemIndex, 'Contact Fields › email', 'is empty', 'Map the contact\'s email: Common Room identifies contacts by it.');
	}
	const email = readContactEmail(ctx, itemIndex, values.email, 'Contact Fields › email');
	const fields: Partial<Record<StandardField, unknown>> = {};
	const requests: CustomFieldRequest[] = [];
	for (const [id, value] of Object.entries(values)) {
		if (id === 'email' || value === undefined || value === null) continue;
		if ((STANDARD_FIELDS as readonly string[]).includes(id)) {
			fields[id as StandardField] = value;
		} else if (id.startsWith(CUSTOM_FIELD_COLUMN)) {
			requests.push({ key: id.slice(CUSTOM_FIELD_COLUMN.length), value, origin: 'mapper', label: names.get(id) });
		}
	}
	const input: ContactInput = { email, fields, tags: { names: tagNames, ids: [] }, externalProfiles: extras.externalProfiles };
	const labels: Record<string, string> = Object.fromEntries(STANDARD_FIELDS.map((field) => [field, `Contact Fields › ${STANDARD_FIELD_LABELS[field]}`]));
	return { input, requests, clear, labels };
}
