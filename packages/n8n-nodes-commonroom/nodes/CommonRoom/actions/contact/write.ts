/**
 * Contact > Create or Update and Contact > Create Only.
 *
 * prepare (per item, no request): reads the form or the input item, checks the email and every
 * standard field, and collects the custom-field values still to be checked against the
 * workspace's definitions.
 *
 * prepareRun (once): reads the definitions and coerces every item's custom-field values before
 * any contact is written (customFieldRun.ts).
 *
 * execute: Create or Update → POST /source/{id}/user, unless Only Send Changes finds the same
 * content sent last time (status "unchanged", onlySendChanges.ts); Create Only → GET /user/{email}
 * first, and an existing contact is skipped (status "skipped", no upsert sent).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import { throwProblems } from '../../../shared/parameters';
import { buildUser } from '../../helpers/contactMapping';
import type { CustomFieldRequest, ResolvedCustomFields } from '../../helpers/customFields';
import { requestUrl } from '../../../shared/transport';
import { commonRoomRequest, lookUpContact, memberIdsOf, pathSegment } from '../../transport';
import { COMMON_ROOM } from '../../transport/service';
import { readSourceId } from '../parameters';
import { describeUpsertStop, lookUpChanges, readOnlySendChanges, sendIfChanged, wouldBeUnchanged, type ChangeTarget } from '../onlySendChanges';
import type { SentMemory } from '../sentMemory';
import { resolveRunCustomFields, type ResolvedByItem } from './customFieldRun';
import { readColumns } from './columns';
import { readAutoMap, readDefineBelow } from './readContact';

export type ContactWriteMode = 'upsert' | 'createOnly';

export interface PreparedContact {
	sourceId: string;
	email: string;
	/** ApiUser without customFields. */
	user: IDataObject;
	requests: CustomFieldRequest[];
	clear: string[];
	timeoutMs: number;
	onlySendChanges: boolean;
}

interface ContactRun {
	customFields: ResolvedByItem;
	memory?: SentMemory;
}

/** The contact's fields: version 2's Columns, or version 1's Fields to Send. */
function readContactFields(ctx: IExecuteFunctions, itemIndex: number) {
	if (ctx.getNode().typeVersion >= 2) return readColumns(ctx, itemIndex);
	const mode = ctx.getNodeParameter('fieldsToSend', itemIndex, 'defineBelow') as string;
	return mode === 'autoMapInputData'
		? readAutoMap(ctx, itemIndex, ctx.getNodeParameter('inputFieldsToIgnore', itemIndex, ''), 'Input Fields to Ignore')
		: readDefineBelow(ctx, itemIndex);
}

function prepareContact(ctx: IExecuteFunctions, itemIndex: number, writeMode: ContactWriteMode): PreparedContact {
	const sourceId = readSourceId(ctx, itemIndex);
	const read = readContactFields(ctx, itemIndex);
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
	return {
		sourceId,
		email: read.input.email,
		user: built.user,
		requests,
		clear: read.clear,
		timeoutMs: readTimeoutMs(ctx, itemIndex),
		onlySendChanges: writeMode === 'upsert' && readOnlySendChanges(ctx, itemIndex),
	};
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

/** The upsert's body: the contact's fields and its custom fields, as resolved for the run. */
function bodyOf(prepared: PreparedContact, resolved: ResolvedCustomFields | undefined): IDataObject {
	const body: IDataObject = { ...prepared.user };
	if (resolved && resolved.assignments.length > 0) {
		body.customFields = resolved.assignments.map((assignment) => ({ ...assignment })) as IDataObject[];
	}
	return body;
}

function changeTarget(prepared: PreparedContact, body: IDataObject): ChangeTarget {
	return { kind: 'contact', sourceId: prepared.sourceId, id: String(prepared.user.id), path: `/source/${pathSegment(prepared.sourceId)}/user`, body };
}

export function contactWrite(mode: ContactWriteMode): ItemOperation<PreparedContact, ContactRun> {
	return {
		prepare: (ctx, itemIndex) => prepareContact(ctx, itemIndex, mode),
		async prepareRun(ctx, items) {
			const customFields = await resolveRunCustomFields(ctx, items);
			const failed = customFields.failed ?? new Map<number, Error>();
			const memory = await lookUpChanges(ctx, items, (prepared, itemIndex) =>
				prepared.onlySendChanges && !failed.has(itemIndex) ? changeTarget(prepared, bodyOf(prepared, customFields.shared.get(itemIndex))) : undefined,
			);
			return { shared: { customFields: customFields.shared, memory }, failed };
		},
		finishRun: async (_ctx, run) => await run?.memory?.save(),
		describeStop: describeUpsertStop,
		async preview(ctx, prepared, itemIndex, run) {
			const target = changeTarget(prepared, bodyOf(prepared, run.customFields.get(itemIndex)));
			const skip = prepared.onlySendChanges ? wouldBeUnchanged(run.memory, target) : undefined;
			return {
				method: 'POST',
				url: await requestUrl(ctx, COMMON_ROOM, target.path, itemIndex),
				body: target.body,
				...(skip ? { wouldSkip: skip } : {}),
				...(mode === 'createOnly' ? { note: 'Create Only looks the contact up by email first (GET /user/{email}) and sends this only when none exists.' } : {}),
			};
		},
		async execute(ctx, prepared, itemIndex, run) {
			const resolved = run.customFields.get(itemIndex);
			const body = bodyOf(prepared, resolved);

			if (mode === 'createOnly') {
				const existing = await lookUpContact(ctx, prepared.email, itemIndex, prepared.timeoutMs);
				if (existing.statusCode !== 404) {
					return {
						status: 'skipped',
						reason: 'A contact with this email already exists; Create Only leaves it unchanged',
						destinationSourceId: prepared.sourceId,
						id: prepared.user.id as string,
						email: prepared.email,
						memberIds: memberIdsOf(existing.body),
						apiStatusCode: existing.statusCode,
					};
				}
			}

			const target = changeTarget(prepared, body);
			const send = async () => {
				const response = await commonRoomRequest(ctx, { method: 'POST', path: target.path, body, idempotent: true }, itemIndex, prepared.timeoutMs);
				// The upsert answers 202 either way: it cannot say whether the contact was new.
				// Create Only knows (the lookup said 404); Create or Update reports "upserted",
				// which the summary output counts under "upserted".
				return output(prepared, mode === 'createOnly' ? 'created' : 'upserted', body, response.statusCode, resolved);
			};
			if (!prepared.onlySendChanges) return await send();
			return await sendIfChanged(run.memory, target, send, () => ({
				status: 'unchanged',
				destinationSourceId: prepared.sourceId,
				id: prepared.user.id as string,
				email: prepared.email,
			}));
		},
	};
}
