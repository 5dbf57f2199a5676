/**
 * Contact > Create or Update and Contact > Create Only.
 *
 * prepare (per item, no request): reads the form or the input item, checks the email and every
 * standard field, and collects the custom-field values still to be checked against the
 * workspace's definitions.
 *
 * execute: when any item of the run uses custom fields (or slackUserId, or "Map Input Fields
 * by Name"), the first execute reads the definitions once per source
 * (GET /members/customFields?destinationSourceId=…) and coerces every such item's values
 * before ANY contact is written: without Continue On Fail a value that cannot be coerced stops
 * the run with nothing written; with it, that item alone fails. Then each item is sent:
 * Create or Update → POST /source/{id}/user; Create Only → GET /user/{email} first, and an
 * existing contact is skipped (status "skipped", no upsert sent).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/execution';
import { invalidInput, textList, textParameter } from '../../../shared/validation';
import {
	buildUser,
	classifyInputKey,
	STANDARD_FIELDS,
	type ContactInput,
	type StandardField,
} from '../../helpers/contactMapping';
import {
	normalizeFieldKey,
	resolveCustomFields,
	type CustomFieldDefinition,
	type CustomFieldRequest,
	type ResolvedCustomFields,
} from '../../helpers/customFields';
import {
	asList,
	commonRoomRequest,
	problemsError,
	readEmail,
	readSourceId,
	segment,
	throwProblems,
	timeoutMs,
} from '../common';
import { STANDARD_FIELD_LABELS } from './fields';

export type ContactWriteMode = 'upsert' | 'createOnly';

export interface PreparedContact {
	itemIndex: number;
	sourceId: string;
	email: string;
	/** ApiUser without customFields. */
	user: IDataObject;
	requests: CustomFieldRequest[];
	clear: string[];
	timeoutMs: number;
}

/** How the item's custom fields came out once the definitions were read. */
type Resolution = { ok: true; resolved: ResolvedCustomFields } | { ok: false; error: Error };

/** Per-run state: the items waiting for custom-field definitions, resolved once for all. */
class ContactRun {
	readonly waiting = new Map<number, PreparedContact>();
	private resolution?: Promise<Map<number, Resolution>>;

	ready(ctx: IExecuteFunctions): Promise<Map<number, Resolution>> {
		this.resolution ??= this.resolveAll(ctx);
		return this.resolution;
	}

	private async resolveAll(ctx: IExecuteFunctions): Promise<Map<number, Resolution>> {
		const results = new Map<number, Resolution>();
		const bySource = new Map<string, PreparedContact[]>();
		for (const prepared of this.waiting.values()) {
			const group = bySource.get(prepared.sourceId);
			if (group) group.push(prepared);
			else bySource.set(prepared.sourceId, [prepared]);
		}
		for (const [sourceId, items] of bySource) {
			let definitions: CustomFieldDefinition[];
			try {
				definitions = await fetchCustomFieldDefinitions(ctx, sourceId, items[0].itemIndex, items[0].timeoutMs);
			} catch (error) {
				for (const item of items) results.set(item.itemIndex, { ok: false, error: error as Error });
				continue;
			}
			for (const item of items) {
				const resolved = resolveCustomFields(definitions, item.requests, item.clear, sourceId);
				if (resolved.problems.length > 0) {
					const error = problemsError(
						ctx,
						item.itemIndex,
						resolved.problems,
						`Custom fields are those of Settings > Custom fields that source ${sourceId} may write; check the field, its value and the Destination Source ID.`,
					);
					results.set(item.itemIndex, { ok: false, error });
				} else {
					results.set(item.itemIndex, { ok: true, resolved });
				}
			}
		}
		return results;
	}
}

const runs = new WeakMap<object, ContactRun>();

function runOf(ctx: IExecuteFunctions): ContactRun {
	let run = runs.get(ctx);
	if (!run) {
		run = new ContactRun();
		runs.set(ctx, run);
	}
	return run;
}

/** GET /members/customFields for one source (fields that source may write). */
export async function fetchCustomFieldDefinitions(
	ctx: IExecuteFunctions,
	sourceId: string,
	itemIndex: number,
	timeout: number,
): Promise<CustomFieldDefinition[]> {
	const response = await commonRoomRequest(
		ctx,
		{ method: 'GET', path: '/members/customFields', qs: { destinationSourceId: sourceId }, idempotent: true },
		itemIndex,
		timeout,
	);
	return asList(response.body).filter(
		(field): field is IDataObject & CustomFieldDefinition =>
			typeof field.id === 'number' && typeof field.name === 'string',
	);
}

function readDefineBelow(ctx: IExecuteFunctions, itemIndex: number) {
	const email = readEmail(ctx, itemIndex, ctx.getNodeParameter('email', itemIndex, ''), 'Email');
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

function readAutoMap(ctx: IExecuteFunctions, itemIndex: number) {
	const json = ctx.getInputData()[itemIndex]?.json ?? {};
	const ignored = new Set(
		textList(ctx, itemIndex, ctx.getNodeParameter('inputFieldsToIgnore', itemIndex, ''), 'Input Fields to Ignore').map(normalizeFieldKey),
	);
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
	const email = readEmail(ctx, itemIndex, json[emailKey], emailKey);
	const input: ContactInput = { email, fields, tags: { names: tagNames, ids: [] }, externalProfiles };
	return { input, requests, clear: [] as string[], labels };
}

function prepareContact(ctx: IExecuteFunctions, itemIndex: number): PreparedContact {
	const sourceId = readSourceId(ctx, itemIndex);
	const mode = ctx.getNodeParameter('fieldsToSend', itemIndex, 'defineBelow') as string;
	const read = mode === 'autoMapInputData' ? readAutoMap(ctx, itemIndex) : readDefineBelow(ctx, itemIndex);
	const built = buildUser(read.input);
	if (built.problems.length > 0) {
		throwProblems(
			ctx,
			itemIndex,
			built.problems.map((problem) => ({ ...problem, field: read.labels[problem.field] ?? problem.field })),
		);
	}
	const requests = [...read.requests];
	if (built.slackUserId) requests.push({ key: 'slackUserId', value: built.slackUserId, origin: 'slackUserId' });
	const prepared: PreparedContact = {
		itemIndex,
		sourceId,
		email: read.input.email,
		user: built.user,
		requests,
		clear: read.clear,
		timeoutMs: timeoutMs(ctx, itemIndex),
	};
	const run = runOf(ctx);
	if (requests.length > 0 || read.clear.length > 0) run.waiting.set(itemIndex, prepared);
	return prepared;
}

/** Waits for the run's custom-field check; never lets a write out while any item is invalid (without Continue On Fail). */
async function customFieldsFor(
	ctx: IExecuteFunctions,
	prepared: PreparedContact,
): Promise<ResolvedCustomFields | undefined> {
	const run = runOf(ctx);
	if (run.waiting.size === 0) return undefined;
	const results = await run.ready(ctx);
	const mine = results.get(prepared.itemIndex);
	if (mine && !mine.ok) throw mine.error;
	if (!ctx.continueOnFail()) {
		const firstFailure = [...results.entries()]
			.filter(([, result]) => !result.ok)
			.sort(([a], [b]) => a - b)[0];
		if (firstFailure) throw (firstFailure[1] as { error: Error }).error;
	}
	return mine?.ok ? mine.resolved : undefined;
}

function output(
	prepared: PreparedContact,
	status: string,
	body: IDataObject,
	statusCode: number,
	resolved?: ResolvedCustomFields,
): IDataObject {
	const json: IDataObject = { status, destinationSourceId: prepared.sourceId, ...body, apiStatusCode: statusCode };
	if (resolved && Object.keys(resolved.unmapped).length > 0) {
		json.unmapped = resolved.unmapped;
		json.notes = resolved.notes;
	}
	return json;
}

export function contactWrite(mode: ContactWriteMode): ItemOperation<PreparedContact> {
	return {
		prepare: prepareContact,
		async execute(ctx, prepared, itemIndex) {
			const resolved = await customFieldsFor(ctx, prepared);
			const body: IDataObject = { ...prepared.user };
			if (resolved && resolved.assignments.length > 0) {
				body.customFields = resolved.assignments.map((assignment) => ({ ...assignment })) as IDataObject[];
			}

			if (mode === 'createOnly') {
				const existing = await commonRoomRequest(
					ctx,
					{ method: 'GET', path: `/user/${segment(prepared.email)}`, idempotent: true, acceptStatuses: [404] },
					itemIndex,
					prepared.timeoutMs,
				);
				if (existing.statusCode !== 404) {
					return {
						status: 'skipped',
						reason: 'A contact with this email already exists; Create Only leaves it unchanged',
						destinationSourceId: prepared.sourceId,
						id: prepared.user.id as string,
						email: prepared.email,
						memberIds: asList(existing.body)
							.map((member) => member.id)
							.filter((id) => id !== undefined && id !== null),
						apiStatusCode: existing.statusCode,
					};
				}
			}

			const response = await commonRoomRequest(
				ctx,
				{ method: 'POST', path: `/source/${segment(prepared.sourceId)}/user`, body, idempotent: true },
				itemIndex,
				prepared.timeoutMs,
			);
			// The upsert answers 202 either way: it cannot say whether the contact was new.
			// Create Only knows (the lookup said 404); Create or Update reports "upserted",
			// which the summary output counts under "upserted".
			return output(prepared, mode === 'createOnly' ? 'created' : 'upserted', body, response.statusCode, resolved);
		},
	};
}
