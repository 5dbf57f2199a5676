import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/execution';
import { apiRequest } from '../../../shared/transport';
import { booleanParameter, invalidInput, numberParameter, textParameter, toJsonObject } from '../../../shared/validation';
import { buildActivityBody, type ActivityBody, type ActivityInput, type ClientInput } from '../../helpers/activityBody';
import { toDueAt } from '../../helpers/dueDate';
import { idList, linkList } from '../../helpers/lists';
import type { Problem } from '../../helpers/problems';
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

const DEFAULT_TIMEOUT_SECONDS = 60;

/** Throws the first problem as a NodeOperationError naming the item; lists the others. */
export function throwProblems(ctx: IExecuteFunctions, itemIndex: number, problems: Problem[]): never {
	const [first, ...rest] = problems;
	const more = rest.map((p) => `${p.field}: ${p.problem}${p.fix ? ` (${p.fix})` : ''}`);
	const description = [first.fix, ...(more.length ? [`Also: ${more.join('; ')}`] : [])]
		.filter(Boolean)
		.join(' ');
	throw invalidInput(ctx, itemIndex, first.field, first.problem, description || undefined);
}

/** A text parameter, trimmed; an object or list fails the item naming the field (`label`). */
function text(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	return textParameter(ctx, itemIndex, ctx.getNodeParameter(name, itemIndex, '') as unknown, label);
}

function messageText(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : JSON.stringify(value);
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

/** Reads every parameter of a create operation and builds the checked body; sends nothing. */
export function prepareActivity(
	ctx: IExecuteFunctions,
	itemIndex: number,
	kind: CreateKind,
): PreparedActivity {
	const problems: Problem[] = [];
	const input: ActivityInput = {
		type: readType(ctx, itemIndex, kind),
		source: text(ctx, 'source', 'Source', itemIndex),
		client: readClient(ctx, itemIndex),
		message: messageText(ctx.getNodeParameter('message', itemIndex, '')),
	};
	if (input.type === '') {
		problems.push({
			field: 'Custom Type',
			problem: 'is empty',
			fix: 'Enter the internal ID of your custom activity type, e.g. "c_site_visit".',
		});
	}

	if (kind.reply) {
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

	const visibilityMode = ctx.getNodeParameter('visibilityMode', itemIndex, 'default') as string;
	if (visibilityMode === 'custom') {
		const choices = readVisibilityChoices(ctx, itemIndex);
		const result = buildVisibility(choices);
		if (!result.ok) problems.push(...result.problems);
		else input.visibility = result.visibility;
		if (choices.externalClientIds.length > 0 && !input.source) {
			problems.push({
				field: 'Source',
				problem: 'is required with Specific Clients (External Client IDs)',
				fix: 'External client IDs are converted through the client ID mappings of the activity\'s source: set Source to the integration the IDs come from.',
			});
		}
	}

	if (kind.dueDate) {
		const raw = ctx.getNodeParameter('dueAt', itemIndex, '') as unknown;
		if (raw !== '' && raw !== undefined && raw !== null) {
			const dueAt = toDueAt(raw, ctx.getTimezone());
			if (dueAt === undefined) {
				problems.push({
					field: 'Due At',
					problem: `${JSON.stringify(raw)} is not a date`,
					fix: 'Pick a date, or give an ISO 8601 date-time such as 2024-02-15T10:00:00Z.',
				});
			} else {
				input.dueAt = dueAt;
				input.hasTime = booleanParameter(ctx, itemIndex, ctx.getNodeParameter('hasTime', itemIndex, true), 'Has Time', true);
			}
		}
	}

	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	input.tags = idList(additional.tags);
	input.links = linkList(additional.links);
	if (typeof additional.createdBy === 'string') input.createdBy = additional.createdBy.trim();
	if (additional.data !== undefined) {
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

	if (problems.length > 0) throwProblems(ctx, itemIndex, problems);
	const built = buildActivityBody(input);
	if (!built.ok) throwProblems(ctx, itemIndex, built.problems);

	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const timeoutSeconds = numberParameter(ctx, itemIndex, options.timeout, 'Timeout (Seconds)', {
		fallback: DEFAULT_TIMEOUT_SECONDS,
		min: 1,
		max: 600,
	});
	return {
		body: built.body,
		bytes: built.bytes,
		timeoutMs: Math.round(timeoutSeconds * 1000),
		retryCreatesOnServerError: options.retryCreatesOnServerError === true,
	};
}

/** The documented 201 answer (plus the emulator's "skipped" 200), as the item's output. */
export function toOutput(body: ActivityBody, response: IDataObject): IDataObject {
	const client = (response.client ?? {}) as IDataObject;
	const activityId = (response.activityId as string | null | undefined) ?? null;
	const clientId = (client.clientId as string | null | undefined) ?? null;
	const clientStatus = (client.status as string | undefined) ?? (body.client ? 'unknown' : 'none');
	const output: IDataObject = {
		activityId,
		requestId: response.requestId ?? null,
		// "Root activities: ... threadId is automatically set to the activity's own ID."
		threadId: body.threadId ?? activityId,
		parentActivityId: body.parentActivityId ?? null,
		type: body.type,
		source: body.source ?? null,
		clientMatched: clientStatus === 'matched',
		clientLinked: clientId !== null,
		client: {
			status: clientStatus,
			clientId,
			matchedBy: (client.matchedBy as string | null | undefined) ?? null,
		},
	};
	if (response.status === 'skipped' || activityId === null) {
		output.skipped = true;
		if (response.reason) output.reason = response.reason;
	}
	return output;
}

export function createActivityOperation(kind: CreateKind): ItemOperation<PreparedActivity> {
	return {
		prepare: (ctx, itemIndex) => prepareActivity(ctx, itemIndex, kind),
		async execute(ctx, prepared, itemIndex) {
			const response = await apiRequest.call(
				ctx,
				'teamCommonGround',
				{ method: 'POST', path: '/activities', body: prepared.body, idempotent: false, itemIndex },
				{
					timeoutMs: prepared.timeoutMs,
					retryCreatesOnServerError: prepared.retryCreatesOnServerError,
				},
			);
			return toOutput(prepared.body, (response.body ?? {}) as IDataObject);
		},
	};
}

/** Read once per run (item 0): how many items the shared runner sends at once. */
export function maxConcurrency(ctx: IExecuteFunctions): number {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return numberParameter(ctx, 0, options.maxConcurrency, 'Max Concurrency', { fallback: 5, min: 1, max: 50, integer: true });
}
