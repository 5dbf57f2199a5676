// GET /activities and /activities/{id} (v2 spec: paths./activities, components/schemas/ApiActivity).
// The activities are v1's, stored by POST /v1/source/{id}/activity.
import { z } from 'zod';
import type { V2Handler } from './call';
import { page, resolveOrder, type KeyPart } from './cursor';
import { formatId } from './ids';
import { dateTimeParam, directionParam, idParam, pagingParams, parseColumns, parseQuery, type Columns } from './query';
import { invalidParameters, list, single, v2Error } from './responses';
import type { ActivityView, World } from './world';

/** v2 spec: paths./activities.get `cols` — "Valid column values". */
export const ACTIVITY_COLUMNS = [
	'contactId',
	'content',
	'isUserInitiated',
	'participantCount',
	'providerId',
	'providerName',
	'replyCount',
	'sentiment',
	'subSourceNames',
	'url',
] as const;

/** Every column, for activities nested in a contact's `recentActivities`. */
export const ALL_ACTIVITY_COLUMNS: Columns = { names: new Set(ACTIVITY_COLUMNS), customFields: undefined, recordCount: false };

type ActivityColumn = (typeof ACTIVITY_COLUMNS)[number];

const COLUMN: Record<ActivityColumn, (view: ActivityView, world: World) => unknown> = {
	contactId: (view) => formatId('contact', view.stored.memberId),
	content: ({ stored }) => stored.content?.value ?? stored.activityTitle?.value ?? null,
	// Activities sent through the API are the user's own doing (README "Choices", v2 activities).
	isUserInitiated: () => true,
	participantCount: () => 1,
	providerId: (view) => formatId('provider', view.stored.sourceId),
	providerName: (view, world) => world.store.seed.sources.find((s) => s.id === view.stored.sourceId)?.name ?? null,
	replyCount: (view) => view.replyCount,
	sentiment: () => null,
	subSourceNames: ({ stored }) => (stored.subSource ? [stored.subSource.name] : []),
	url: ({ stored }) => stored.url ?? undefined, // `format: uri`, not nullable: left out when unknown
};

export function activityBody(view: ActivityView, world: World, columns: Columns): Record<string, unknown> {
	const body: Record<string, unknown> = {
		id: formatId('activity', view.number),
		type: view.stored.activityType,
		activityTime: new Date(view.timeMs).toISOString(),
	};
	for (const name of ACTIVITY_COLUMNS) {
		if (!columns.names.has(name)) continue;
		const value = COLUMN[name](view, world);
		if (value !== undefined) body[name] = value;
	}
	return body;
}

const listSchema = z.object({
	...pagingParams,
	sort: z.enum(['id', 'activityTime']).optional(),
	direction: directionParam,
	cols: z.string().optional(),
	contactId: z.string().optional(),
	organizationId: z.string().optional(),
	startDate: dateTimeParam.optional(),
	endDate: dateTimeParam.optional(),
});

// v2 spec: paths./activities.get — default sort activityTime, direction asc; from/to inclusive.
export const listActivities: V2Handler = ({ req, world }) => {
	const query = parseQuery(listSchema, req.query);
	if (!query.ok) return query.response;
	const q = query.value;
	const columns = parseColumns(q.cols, ACTIVITY_COLUMNS, { recordCount: true });
	if (!columns.ok) return columns.response;
	const resolved = resolveOrder('activities', q, 'activityTime');
	if ('error' in resolved) return resolved.error;

	let memberId: number | undefined;
	if (q.contactId !== undefined) {
		const id = idParam('contact', q.contactId, 'invalid_contact_id', 'contactId');
		if (!id.ok) return id.response;
		memberId = id.value;
	}
	let orgNumber: number | undefined;
	if (q.organizationId !== undefined) {
		const id = idParam('organization', q.organizationId, 'invalid_organization_id', 'organizationId');
		if (!id.ok) return id.response;
		orgNumber = id.value;
	}
	const fromMs = q.startDate === undefined ? undefined : Date.parse(q.startDate);
	const toMs = q.endDate === undefined ? undefined : Date.parse(q.endDate);
	if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) return invalidParameters(['startDate is after endDate']);

	const view = world();
	const matching = view.activities.filter(
		(a) =>
			(memberId === undefined || a.stored.memberId === memberId) &&
			(orgNumber === undefined || a.member?.organization?.number === orgNumber) &&
			(fromMs === undefined || a.timeMs >= fromMs) &&
			(toMs === undefined || a.timeMs <= toMs),
	);
	const keyOf = (a: ActivityView): KeyPart[] => (resolved.order.sort === 'id' ? [a.number] : [a.timeMs, a.number]);
	const result = page(matching, keyOf, resolved.order, q.limit);
	return list(
		result.data.map((a) => activityBody(a, view, columns.value)),
		{ nextCursor: result.nextCursor, ...(columns.value.recordCount ? { recordCount: result.total } : {}) },
	);
};

// v2 spec: paths./activities/{id}.get — `a_<number>`; another shape → 400, unknown → 404.
export const getActivity: V2Handler = ({ req, params, world }) => {
	const id = idParam('activity', params.id, 'invalid_activity_id', 'id');
	if (!id.ok) return id.response;
	const query = parseQuery(z.object({ cols: z.string().optional() }), req.query);
	if (!query.ok) return query.response;
	const columns = parseColumns(query.value.cols, ACTIVITY_COLUMNS, {});
	if (!columns.ok) return columns.response;
	const view = world();
	const activity = view.activities[id.value - 1]; // a_0 → index -1 → not found
	if (!activity) return v2Error(404, 'activity_not_found', `activity ${params.id} not found`);
	return single(activityBody(activity, view, columns.value));
};
