/**
 * Activity > Create and Activity > Create Reply: POST /source/{id}/activity.
 * Common Room deduplicates on (id, activityType) within the source, so the id decides whether a
 * re-run updates: the user's Activity ID, or the derived one (helpers/ids.ts).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/execution';
import { invalidInput, isHttpUrl, quote, textList, textParameter, toIsoDateTime } from '../../../shared/validation';
import { buildUser, STANDARD_FIELDS, tagAssignments, type StandardField } from '../../helpers/contactMapping';
import { deriveActivityId } from '../../helpers/ids';
import {
	commonRoomRequest,
	readEmail,
	readSourceId,
	readTextParameter,
	segment,
	throwProblems,
	timeoutMs,
} from '../common';
import { STANDARD_FIELD_LABELS } from '../contact/fields';

interface PreparedActivity {
	sourceId: string;
	email: string;
	body: IDataObject;
	idDerived: boolean;
	checkMemberExists: boolean;
	timeoutMs: number;
}

function required(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string, fix: string): string {
	const value = readTextParameter(ctx, name, itemIndex, label);
	if (value === '') throw invalidInput(ctx, itemIndex, label, 'is empty', fix);
	return value;
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
	const email = readEmail(ctx, itemIndex, ctx.getNodeParameter('email', itemIndex, ''), 'Member Email');
	const rawContent = ctx.getNodeParameter('content', itemIndex, '') as unknown;
	const content =
		rawContent === undefined || rawContent === null
			? ''
			: typeof rawContent === 'string'
				? rawContent
				: JSON.stringify(rawContent);
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

	let occurredAt: string | undefined;
	const rawDate = additional.occurredAt;
	if (rawDate !== undefined && rawDate !== null && rawDate !== '') {
		occurredAt = toIsoDateTime(rawDate);
		if (!occurredAt) {
			throw invalidInput(ctx, itemIndex, 'Occurred At', `${quote(rawDate)} is not a date`, 'Use an ISO 8601 date such as 2026-03-04T10:00:00Z, or leave it empty.');
		}
	}

	const url = typeof additional.url === 'string' ? additional.url.trim() : '';
	if (url && !isHttpUrl(url)) {
		throw invalidInput(ctx, itemIndex, 'URL', `${quote(url)} is not an http(s) URL`);
	}

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
	const title = typeof additional.title === 'string' ? additional.title.trim() : '';
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
	const subSource = typeof additional.subSource === 'string' ? additional.subSource.trim() : '';
	if (subSource) body.subSource = { type: 'name', name: subSource };
	if (parentActivity) body.parentActivity = parentActivity;

	return {
		sourceId,
		email,
		body,
		idDerived: givenId === '',
		checkMemberExists: ctx.getNodeParameter('options.checkMemberExists', itemIndex, false) as boolean,
		timeoutMs: timeoutMs(ctx, itemIndex),
	};
}

export function activityWrite(reply: boolean): ItemOperation<PreparedActivity> {
	return {
		prepare: (ctx, itemIndex) => prepareActivity(ctx, itemIndex, reply),
		async execute(ctx, prepared, itemIndex) {
			let memberExists: boolean | undefined;
			if (prepared.checkMemberExists) {
				const lookup = await commonRoomRequest(
					ctx,
					{ method: 'GET', path: `/user/${segment(prepared.email)}`, idempotent: true, acceptStatuses: [404] },
					itemIndex,
					prepared.timeoutMs,
				);
				memberExists = lookup.statusCode !== 404;
			}
			const response = await commonRoomRequest(
				ctx,
				{
					method: 'POST',
					path: `/source/${segment(prepared.sourceId)}/activity`,
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
		},
	};
}
