/**
 * Reading a contact from the node's parameters or from the input item (no request): the email,
 * the standard fields, tags, external profiles and the custom-field values still to be checked
 * against the workspace's definitions.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidInput, textList, textParameter } from '../../../shared/parameters';
import { classifyInputKey, STANDARD_FIELDS, type ContactInput, type StandardField } from '../../helpers/contactMapping';
import { normalizeFieldKey, type CustomFieldRequest } from '../../helpers/customFields';
import { readContactEmail } from '../parameters';
import { STANDARD_FIELD_LABELS } from './fields';

export interface ContactRead {
	input: ContactInput;
	requests: CustomFieldRequest[];
	/** Custom fields to clear, by name or id. */
	clear: string[];
	/** The names the user knows the fields by (input keys in Map Input Fields by Name). */
	labels: Record<string, string>;
}

/** "Define Below": the Email field, Additional Fields and the Custom Fields list. */
export function readDefineBelow(ctx: IExecuteFunctions, itemIndex: number): ContactRead {
	const email = readContactEmail(ctx, itemIndex, ctx.getNodeParameter('email', itemIndex, ''), 'Email');
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const fields: Partial<Record<StandardField, unknown>> = {};
	for (const field of STANDARD_FIELDS) {
		if (additional[field] !== undefined) fields[field] = additional[field];
	}
	const input: ContactInput = {
		email,
		fields,
		tags: {
			names: textList(ctx, itemIndex, additional.tagNames, 'Tag Names'),
			ids: textList(ctx, itemIndex, additional.tagIds, 'Tag Names or IDs'),
		},
		externalProfiles: additional.externalProfiles,
	};
	const ui = ctx.getNodeParameter('customFieldsUi', itemIndex, {}) as {
		customFieldValues?: Array<{ field?: unknown; value?: unknown }>;
	};
	const requests: CustomFieldRequest[] = [];
	for (const [position, entry] of (ui.customFieldValues ?? []).entries()) {
		const label = `Custom Fields › entry ${position + 1}`;
		const key = textParameter(ctx, itemIndex, entry.field, label, 'Pick a custom field from the list, or give its name or ID as text.');
		if (key === '') {
			throw invalidInput(
				ctx,
				itemIndex,
				label,
				'has no field selected',
				'Pick a custom field or remove the entry.',
			);
		}
		requests.push({ key, value: entry.value, origin: 'explicit' });
	}
	const labels: Record<string, string> = { ...STANDARD_FIELD_LABELS, externalProfiles: 'External Profile URLs' };
	const clear = textList(ctx, itemIndex, additional.customFieldsToClear, 'Custom Fields to Clear Names or IDs');
	return { input, requests, clear, labels };
}

/**
 * "Map Input Fields by Name": every key of the input item, by what its name says it is, but the
 * keys in `ignore` (Input Fields to Ignore: version 1's own parameter, version 2's Additional
 * Fields; `ignoreLabel` names it in errors).
 */
export function readAutoMap(ctx: IExecuteFunctions, itemIndex: number, ignore: unknown, ignoreLabel: string): ContactRead {
	const json = ctx.getInputData()[itemIndex]?.json ?? {};
	const ignored = new Set(textList(ctx, itemIndex, ignore, ignoreLabel).map(normalizeFieldKey));
	const fields: Partial<Record<StandardField, unknown>> = {};
	const labels: Record<string, string> = {};
	const requests: CustomFieldRequest[] = [];
	const tagNames: string[] = [];
	let emailKey: string | undefined;
	let externalProfiles: unknown;
	for (const [key, value] of Object.entries(json)) {
		if (ignored.has(normalizeFieldKey(key))) continue;
		const kind = classifyInputKey(key);
		switch (kind.kind) {
			case 'email':
				emailKey ??= key;
				break;
			case 'standard':
				fields[kind.field] = value;
				labels[kind.field] = key;
				break;
			case 'tags':
				tagNames.push(...textList(ctx, itemIndex, value, key));
				break;
			case 'externalProfiles':
				externalProfiles = value;
				labels.externalProfiles = key;
				break;
			default:
				requests.push({ key, value, origin: 'inputKey' });
		}
	}
	if (!emailKey) {
		throw invalidInput(
			ctx,
			itemIndex,
			'email',
			'the input item has no "email" key',
			'In "Map Input Fields by Name" each item needs an email key; rename the column or use "Define Below".',
		);
	}
	const email = readContactEmail(ctx, itemIndex, json[emailKey], emailKey);
	const input: ContactInput = { email, fields, tags: { names: tagNames, ids: [] }, externalProfiles };
	return { input, requests, clear: [], labels };
}
