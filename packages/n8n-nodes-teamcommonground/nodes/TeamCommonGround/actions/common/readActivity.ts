/**
 * What every create operation (Activity → Create / Create Reply, Task → Create Task / Create
 * Follow-Up) reads from the node's parameters, checked and built into the request body before
 * anything is sent.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readTimeoutMs } from '../../../shared/execution';
import {
	booleanParameter,
	dateTimeParameter,
	ID_LIST,
	LINK_LIST,
	messageParameter,
	textList,
	textParameter,
	throwProblems,
	toJsonObject,
	type Problem,
} from '../../../shared/parameters';
import { RETRY_CREATES_OPTION } from '../../transport/service';
import { buildActivityBody, type ActivityBody, type ActivityInput, type ClientInput } from '../../helpers/activityBody';
import { buildVisibility } from '../../helpers/visibility';
import { readVisibilityChoices } from '../visibility/fields';

/** What a create operation hands from `prepare` (no request) to `execute` (one request). */
export interface PreparedActivity {
	body: ActivityBody;
	bytes: number;
	timeoutMs: number;
	retryCreatesOnServerError: boolean;
}

export interface CreateKind {
	/** Fixed activity type (Task operations); otherwise read from Activity Type / Custom Type. */
	fixedType?: string;
	/** Create Reply: Thread ID and Parent Activity ID, visibility inherited unless chosen. */
	reply?: boolean;
	/** Task operations: Due At and Has Time. */
	dueDate?: boolean;
}

function text(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	return textParameter(ctx, itemIndex, ctx.getNodeParameter(name, itemIndex, '') as unknown, label);
}

function readType(ctx: IExecuteFunctions, itemIndex: number, kind: CreateKind): string {
	if (kind.fixedType) return kind.fixedType;
	const type = ctx.getNodeParameter('activityType', itemIndex) as string;
	return type === 'custom' ? text(ctx, 'customType', 'Custom Type', itemIndex) : type;
}

function readClient(ctx: IExecuteFunctions, itemIndex: number): ClientInput | null {
	if (ctx.getNodeParameter('clientMode', itemIndex, 'identify') === 'none') return null;
	return {
		id: text(ctx, 'clientId', 'Client ID', itemIndex),
		email: text(ctx, 'clientEmail', 'Client Email', itemIndex),
		phone: text(ctx, 'clientPhone', 'Client Phone', itemIndex),
		firstName: text(ctx, 'clientFirstName', 'Client First Name', itemIndex),
		lastName: text(ctx, 'clientLastName', 'Client Last Name', itemIndex),
	};
}

function readReply(ctx: IExecuteFunctions, itemIndex: number, input: ActivityInput, problems: Problem[]): void {
	input.threadId = text(ctx, 'threadId', 'Thread ID', itemIndex);
	input.parentActivityId = text(ctx, 'parentActivityId', 'Parent Activity ID', itemIndex) || input.threadId;
	if (input.threadId === '') {
		problems.push({
			field: 'Thread ID',
			problem: 'is empty',
			fix: "Set it to the root activity's ID, e.g. {{ $json.threadId }} after a Team Common Ground create (a root's threadId is its own ID).",
		});
	}
}

function readVisibility(ctx: IExecuteFunctions, itemIndex: number, input: ActivityInput, problems: Problem[]): void {
	if (ctx.getNodeParameter('visibilityMode', itemIndex, 'default') !== 'custom') return;
	const choices = readVisibilityChoices(ctx, itemIndex);
	const result = buildVisibility(choices);
	if (!result.ok) problems.push(...result.problems);
	else input.visibility = result.visibility;
	if (choices.externalClientIds.length > 0 && !input.source) {
		problems.push({
			field: 'Source',
			problem: 'is required with Specific Clients (External Client IDs)',
			fix: "External client IDs are converted through the client ID mappings of the activity's source: set Source to the integration the IDs come from.",
		});
	}
}

function readDueDate(ctx: IExecuteFunctions, itemIndex: number, input: ActivityInput): void {
	input.dueAt = dateTimeParameter(ctx, itemIndex, ctx.getNodeParameter('dueAt', itemIndex, ''), 'Due At');
	if (input.dueAt !== undefined) {
		input.hasTime = booleanParameter(ctx, itemIndex, ctx.getNodeParameter('hasTime', itemIndex, true), 'Has Time', true);
	}
}

function readAdditional(ctx: IExecuteFunctions, itemIndex: number, input: ActivityInput, problems: Problem[]): void {
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	input.tags = textList(ctx, itemIndex, additional.tags, 'Tag IDs', ID_LIST);
	input.links = textList(ctx, itemIndex, additional.links, 'Links', LINK_LIST);
	const createdBy = textParameter(ctx, itemIndex, additional.createdBy, 'Created By');
	if (createdBy !== '') input.createdBy = createdBy;
	if (additional.data === undefined) return;
	const data = toJsonObject(additional.data);
	if (data === undefined) {
		problems.push({
			field: 'Data',
			problem: 'is not a JSON object',
			fix: 'Give an object such as {"orderId": "12345", "total": 99.99}.',
		});
	} else {
		input.data = data;
	}
}

/** Reads every parameter of a create operation and builds the checked body; sends nothing. */
export function prepareActivity(ctx: IExecuteFunctions, itemIndex: number, kind: CreateKind): PreparedActivity {
	const problems: Problem[] = [];
	const input: ActivityInput = {
		type: readType(ctx, itemIndex, kind),
		source: text(ctx, 'source', 'Source', itemIndex),
		client: readClient(ctx, itemIndex),
		message: messageParameter(ctx.getNodeParameter('message', itemIndex, '')),
	};
	if (input.type === '') {
		problems.push({
			field: 'Custom Type',
			problem: 'is empty',
			fix: 'Enter the internal ID of your custom activity type, e.g. "c_site_visit".',
		});
	}
	if (kind.reply) readReply(ctx, itemIndex, input, problems);
	readVisibility(ctx, itemIndex, input, problems);
	if (kind.dueDate) readDueDate(ctx, itemIndex, input);
	readAdditional(ctx, itemIndex, input, problems);

	if (problems.length > 0) throwProblems(ctx, itemIndex, problems);
	const built = buildActivityBody(input);
	if (!built.ok) throwProblems(ctx, itemIndex, built.problems);

	return {
		body: built.body,
		bytes: built.bytes,
		timeoutMs: readTimeoutMs(ctx, itemIndex),
		retryCreatesOnServerError: booleanParameter(
			ctx,
			itemIndex,
			ctx.getNodeParameter('options.retryCreatesOnServerError', itemIndex, false),
			RETRY_CREATES_OPTION,
			false,
		),
	};
}
