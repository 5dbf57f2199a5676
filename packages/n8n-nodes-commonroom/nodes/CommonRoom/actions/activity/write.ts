/**
 * Activity > Create and Activity > Create Reply: POST /source/{id}/activity.
 * Common Room deduplicates on (id, activityType) within the source, so the id decides whether a
 * re-run updates: the user's Activity ID, or the derived one (helpers/ids.ts).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readTimeoutMs, type ItemOperation } from '../../../shared/execution';
import {
	booleanParameter,
	dateTimeParameter,
	messageParameter,
	requiredTextParameter,
	textList,
	textParameter,
	throwProblems,
	urlParameter,
} from '../../../shared/parameters';
import { buildUser, STANDARD_FIELDS, tagAssignments, type StandardField } from '../../helpers/contactMapping';
import { deriveActivityId } from '../../helpers/ids';
import { requestUrl } from '../../../shared/transport';
import { commonRoomRequest, lookUpContact, pathSegment } from '../../transport';
import { COMMON_ROOM } from '../../transport/service';
import { STANDARD_FIELD_LABELS } from '../contact/fields';
import { describeUpsertStop, lookUpChanges, readOnlySendChanges, sendIfChanged, wouldBeUnchanged, type ChangeTarget } from '../onlySendChanges';
import type { SentMemory } from '../sentMemory';
import { readContactEmail, readSourceId } from '../parameters';

interface PreparedActivity {
	sourceId: string;
	email: string;
	body: IDataObject;
	idDerived: boolean;
	checkMemberExists: boolean;
	timeoutMs: number;
	onlySendChanges: boolean;
}

function required(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string, fix: string): string {
	return requiredTextParameter(ctx, itemIndex, ctx.getNodeParameter(name, itemIndex, ''), label, fix);
}

function prepareActivity(ctx: IExecuteFunctions, itemIndex: number, reply: boolean): PreparedActivity {
	const sourceId = readSourceId(ctx, itemIndex);
	const activityType = required(
		ctx,
		itemIndex,
		'activityType',
		'Activity Type',
		'Pick an activity type from the list (Common Room > Settings lists them).',
	);
	const email = readContactEmail(ctx, itemIndex, ctx.getNodeParameter('email', itemIndex, ''), 'Member Email');
	const content = messageParameter(ctx.getNodeParameter('content', itemIndex, ''));
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const occurredAt = dateTimeParameter(ctx, itemIndex, additional.occurredAt, 'Occurred At');
	const url = urlParameter(ctx, itemIndex, additional.url, 'URL');

	const memberFields = ctx.getNodeParameter('memberFields', itemIndex, {}) as IDataObject;
	const fields: Partial<Record<StandardField, unknown>> = {};
	for (const field of STANDARD_FIELDS) {
		if (field !== 'slackUserId' && memberFields[field] !== undefined) fields[field] = memberFields[field];
	}
	const member = buildUser({ email, fields });
	if (member.problems.length > 0) {
		throwProblems(
			ctx,
			itemIndex,
			member.problems.map((problem) => ({
				...problem,
				field: `Member Fields › ${STANDARD_FIELD_LABELS[problem.field as StandardField] ?? problem.field}`,
			})),
		);
	}

	let parentActivity: IDataObject | undefined;
	if (reply) {
		parentActivity = {
			id: required(ctx, itemIndex, 'parentActivityId', 'Parent Activity ID', 'Use {{ $json.id }} from the node that created the parent activity.'),
			activityType: required(
				ctx,
				itemIndex,
				'parentActivityType',
				'Parent Activity Type',
				'Use {{ $json.activityType }} from the node that created the parent activity.',
			),
		};
	}

	const givenId = textParameter(ctx, itemIndex, additional.activityId, 'Activity ID');
	const id =
		givenId ||
		deriveActivityId({
			sourceId,
			email,
			activityType,
			occurredAt,
			content,
			parentId: parentActivity?.id as string | undefined,
		});

	const body: IDataObject = { id, activityType, user: member.user };
	const title = textParameter(ctx, itemIndex, additional.title, 'Title');
	if (title) body.activityTitle = { type: 'text', value: title };
	if (content.trim() !== '') {
		body.content = { type: additional.contentFormat === 'markdown' ? 'markdown' : 'text', value: content };
	}
	if (occurredAt) body.timestamp = occurredAt;
	if (url) body.url = url;
	const tags = tagAssignments({
		names: textList(ctx, itemIndex, additional.tagNames, 'Tag Names'),
		ids: textList(ctx, itemIndex, additional.tagIds, 'Tag Names or IDs'),
	});
	if (tags.length > 0) body.tags = tags as unknown as IDataObject[];
	const subSource = textParameter(ctx, itemIndex, additional.subSource, 'Sub-Source');
	if (subSource) body.subSource = { type: 'name', name: subSource };
	if (parentActivity) body.parentActivity = parentActivity;

	return {
		sourceId,
		email,
		body,
		idDerived: givenId === '',
		checkMemberExists: booleanParameter(
			ctx,
			itemIndex,
			ctx.getNodeParameter('options.checkMemberExists', itemIndex, false),
			'Check Member Exists',
			false,
		),
		timeoutMs: readTimeoutMs(ctx, itemIndex),
		onlySendChanges: !reply && readOnlySendChanges(ctx, itemIndex),
	};
}

export function activityWrite(reply: boolean): ItemOperation<PreparedActivity, SentMemory | undefined> {
	return {
		prepare: (ctx, itemIndex) => prepareActivity(ctx, itemIndex, reply),
		prepareRun: async (ctx, items) => ({ shared: await lookUpChanges(ctx, items, (prepared) => (prepared.onlySendChanges ? changeTarget(prepared) : undefined)) }),
		finishRun: async (_ctx, memory) => await memory?.save(),
		describeStop: describeUpsertStop,
		async preview(ctx, prepared, itemIndex, memory) {
			const target = changeTarget(prepared);
			const skip = prepared.onlySendChanges ? wouldBeUnchanged(memory, target) : undefined;
			return {
				method: 'POST',
				url: await requestUrl(ctx, COMMON_ROOM, target.path, itemIndex),
				body: target.body,
				...(skip ? { wouldSkip: skip } : {}),
				...(prepared.checkMemberExists ? { note: 'Check Member Exists looks the member up by email first (GET /user/{email}).' } : {}),
			};
		},
		async execute(ctx, prepared, itemIndex, memory) {
			if (!prepared.onlySendChanges) return await sendActivity(ctx, prepared, itemIndex);
			return await sendIfChanged(memory, changeTarget(prepared), () => sendActivity(ctx, prepared, itemIndex), () => ({
				status: 'unchanged',
				destinationSourceId: prepared.sourceId,
				id: prepared.body.id as string,
				activityType: prepared.body.activityType as string,
			}));
		},
	};
}

function activityPath(prepared: PreparedActivity): string {
	return `/source/${pathSegment(prepared.sourceId)}/activity`;
}

/** Common Room keeps one activity per (id, activityType) in a source. */
function changeTarget(prepared: PreparedActivity): ChangeTarget {
	const id = `${String(prepared.body.activityType)}\u0000${String(prepared.body.id)}`;
	return { kind: 'activity', sourceId: prepared.sourceId, id, path: activityPath(prepared), body: prepared.body };
}

async function sendActivity(ctx: IExecuteFunctions, prepared: PreparedActivity, itemIndex: number): Promise<IDataObject> {
	let memberExists: boolean | undefined;
	if (prepared.checkMemberExists) {
		const lookup = await lookUpContact(ctx, prepared.email, itemIndex, prepared.timeoutMs);
		memberExists = lookup.statusCode !== 404;
	}
	const response = await commonRoomRequest(
		ctx,
		{
			method: 'POST',
			path: activityPath(prepared),
			body: prepared.body,
			idempotent: true,
		},
		itemIndex,
		prepared.timeoutMs,
	);
	const json: IDataObject = {
		// Same (id, activityType) = same activity: the API cannot say whether it was new.
		status: 'upserted',
		destinationSourceId: prepared.sourceId,
		...prepared.body,
		idDerived: prepared.idDerived,
		apiStatusCode: response.statusCode,
	};
	if (memberExists !== undefined) {
		json.memberExists = memberExists;
		if (!memberExists) {
			json.note =
				'No Common Room member has this email yet; Common Room may hold the activity until the member is created.';
		}
	}
	return json;
}
