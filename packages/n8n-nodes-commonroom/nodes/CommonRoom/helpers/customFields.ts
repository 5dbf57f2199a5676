/**
 * Common Room contact custom fields: the workspace's definitions (v1 spec: GET
 * /members/customFields, components/schemas/ApiCustomFields), finding the field a user meant by
 * name or id, and turning the values asked for into ApiUser.customFields entries. The values
 * themselves are coerced in customFieldValues.ts. Pure functions.
 */
import { coerceCustomFieldValue, isEmptyValue, type CustomFieldScalar } from './customFieldValues';

export type CustomFieldType = 'string' | 'int' | 'number' | 'date' | 'url' | 'boolean' | 'enum';

export interface CustomFieldDefinition {
	id: number;
	name: string;
	type: CustomFieldType | string;
	multivalue: boolean;
	values?: string[];
}

/** One entry of ApiUser.customFields. `value` absent = clear the field. */
export interface CustomFieldAssignment {
	id: number;
	value?: { type: string; value: CustomFieldScalar | CustomFieldScalar[] };
}

/** "Slack User ID", "slack_user_id" and "slackUserId" all become "slackuserid". */
export function normalizeFieldKey(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The field a user meant: its id (as number or digits), its exact name, or its name loosely. */
export function findCustomField(
	definitions: CustomFieldDefinition[],
	key: string | number,
): CustomFieldDefinition | undefined {
	const text = String(key).trim();
	if (/^\d+$/.test(text)) {
		const byId = definitions.find((definition) => definition.id === Number(text));
		if (byId) return byId;
	}
	const exact = definitions.find((definition) => definition.name === text);
	if (exact) return exact;
	const wanted = normalizeFieldKey(text);
	if (!wanted) return undefined;
	return definitions.find((definition) => normalizeFieldKey(definition.name) === wanted);
}

/** What the dropdown and error messages show for a field: "Plan (enum: free, pro)". */
export function describeCustomField(definition: CustomFieldDefinition): string {
	const kind = definition.multivalue ? `multi-value ${definition.type}` : definition.type;
	const values = definition.type === 'enum' && definition.values?.length ? `: ${definition.values.join(', ')}` : '';
	return `${kind}${values}`;
}

/** One custom-field value the user asked for, before the workspace's definitions are known. */
export interface CustomFieldRequest {
	/** The field's id or name as the user gave it. */
	key: string;
	value: unknown;
	/**
	 * 'explicit': picked in the Custom Fields list — an unknown field fails the item.
	 * 'inputKey': an input key in "Map Input Fields by Name" — an unknown one is reported.
	 * 'slackUserId': the flat slackUserId field — goes to a custom field of that name if any.
	 * 'mapper': a column of version 2's mapper, by the field's id — an unknown one fails the item,
	 *   saying the node's list of fields is out of date.
	 */
	origin: 'explicit' | 'inputKey' | 'slackUserId' | 'mapper';
	/** For 'mapper': the field's name as the node's columns show it. */
	label?: string;
}

export interface ResolvedCustomFields {
	assignments: CustomFieldAssignment[];
	problems: Array<{ field: string; problem: string; fix?: string }>;
	/** Values with no place on the wire, by the name the user gave them. */
	unmapped: Record<string, unknown>;
	notes: string[];
}

/**
 * Turns requested values (and fields to clear) into ApiUser.customFields entries. An empty value
 * produces no entry at all (an entry without a value would clear the field); only `clear`
 * produces value-less entries.
 */
export function resolveCustomFields(
	definitions: CustomFieldDefinition[],
	requests: CustomFieldRequest[],
	clear: string[] = [],
	sourceId?: string,
): ResolvedCustomFields {
	const result: ResolvedCustomFields = { assignments: [], problems: [], unmapped: {}, notes: [] };
	const byId = new Map<number, CustomFieldAssignment>();
	const where = sourceId ? ` writable by source ${sourceId}` : '';

	for (const request of requests) {
		const definition = findCustomField(definitions, request.key);
		if (!definition) {
			if (request.origin === 'mapper') {
				const name = request.label ?? request.key;
				result.problems.push({
					field: `Contact Fields › ${name}`,
					problem: `the custom field ${JSON.stringify(name)} (id ${request.key}) is no longer in this workspace${where}: it was removed in Common Room, or no longer writable by this source`,
					fix: "The node's list of fields is out of date: open Contact Fields, choose Refresh Field List in its ⋮ menu, then map the field again or remove it.",
				});
			} else if (request.origin === 'explicit') {
				result.problems.push({
					field: `Custom Fields › ${request.key}`,
					problem: `there is no custom field ${JSON.stringify(request.key)}${where}`,
				});
			} else if (!isEmptyValue(request.value)) {
				result.unmapped[request.key] = request.value;
			}
			continue;
		}
		const coerced = coerceCustomFieldValue(definition, request.value);
		if (coerced.kind === 'empty') continue;
		if (coerced.kind === 'invalid') {
			result.problems.push({
				field: `Custom Fields › ${definition.name}`,
				problem: `the ${describeCustomField(definition)} field ${coerced.problem}`,
			});
			continue;
		}
		byId.set(definition.id, { id: definition.id, value: { type: definition.type, value: coerced.value } });
	}

	for (const key of clear) {
		const definition = findCustomField(definitions, key);
		if (!definition) {
			result.problems.push({
				field: 'Custom Fields to Clear',
				problem: `there is no custom field ${JSON.stringify(key)}${where}`,
			});
			continue;
		}
		if (byId.has(definition.id)) {
			result.problems.push({
				field: 'Custom Fields to Clear',
				problem: `${JSON.stringify(definition.name)} is both given a value and cleared; do one of the two`,
			});
			continue;
		}
		byId.set(definition.id, { id: definition.id });
	}

	result.assignments = [...byId.values()];
	const unmappedKeys = Object.keys(result.unmapped);
	if (unmappedKeys.includes('slackUserId') && requests.some((r) => r.origin === 'slackUserId')) {
		result.notes.push(
			`slackUserId has no field in Common Room's contact API and this workspace has no custom field named "slackUserId"${where}; create one (Settings > Custom fields) to store it. It was not sent.`,
		);
	}
	const otherKeys = unmappedKeys.filter(
		(key) => !(key === 'slackUserId' && requests.some((r) => r.origin === 'slackUserId')),
	);
	if (otherKeys.length > 0) {
		result.notes.push(
			`Input fields with no matching contact field or custom field${where} were not sent: ${otherKeys.join(', ')}. Rename them, create matching custom fields, or list them under "Input Fields to Ignore".`,
		);
	}
	return result;
}
