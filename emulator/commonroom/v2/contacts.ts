// GET /contacts and /contacts/{id} (v2 spec: paths./contacts, components/schemas/Contact). A v2
// contact is a v1 CommunityMember: every v1 contact with its member id, merged
// (README "Choices", v2 ids).
import { z } from 'zod';
import { contactLink, contactPayload } from '../webhookPayloads';
import { ALL_ACTIVITY_COLUMNS, activityBody } from './activities';
import type { V2Call, V2Handler } from './call';
import { page, resolveOrder, type KeyPart } from './cursor';
import { customFieldSortValue, customFieldValues } from './customFields';
import { formatId } from './ids';
import { directionParam, idParam, pagingParams, parseColumns, parseQuery, type Columns } from './query';
import { invalidParameters, list, single, v2Error } from './responses';
import { text, type MemberView, type World } from './world';

/** v2 spec: paths./contacts.get `cols` — "Valid column values" (and `cf_*`, `cf_<id>`, `recordCount`). */
export const CONTACT_COLUMNS = [
	'activateMessage',
	'avatarUrl',
	'fullName',
	'location',
	'primaryEmail',
	'phoneNumbers',
	'title',
	'companyName',
	'companyWebsite',
	'connectedCustomObjects',
	'profiles',
	'jobHistory',
	'leadScores',
	'recentActivities',
	'recentWebPages',
	'recentWebVisitsNumber',
	'segments',
	'sparkSummary',
	'recentSparkSummaries',
	'tags',
	'url',
] as const;

type ContactColumn = (typeof CONTACT_COLUMNS)[number];
const RECENT_ACTIVITIES = 5;

// What the v1 store cannot know (web visits, AI summaries, phone numbers, job history, custom
// objects) is empty or null (README "Choices", v2 contacts).
const COLUMN: Record<ContactColumn, (member: MemberView, world: World) => unknown> = {
	activateMessage: () => null,
	avatarUrl: ({ merged }) => text(merged.avatarUrl) ?? null,
	fullName: ({ merged }) => fullNameOf(merged) ?? null,
	location: ({ merged }) => {
		const location = Object.fromEntries((['city', 'region', 'country'] as const).flatMap((k) => (text(merged[k]) ? [[k, text(merged[k])]] : [])));
		return Object.keys(location).length > 0 ? location : null;
	},
	primaryEmail: ({ merged }) => text(merged.email) ?? null,
	phoneNumbers: () => [],
	title: ({ merged }) => text(merged.titleAtCompany) ?? null,
	companyName: ({ merged, organization }) => text(merged.companyName) ?? organization?.name ?? null,
	companyWebsite: ({ merged, organization }) => text(merged.companyDomain) ?? organization?.primaryDomain ?? null,
	connectedCustomObjects: () => [],
	profiles: ({ merged }, world) => {
		const payload = contactPayload(merged, world.store.seed.communityId);
		return (['linkedIn', 'twitter', 'github', 'discord', 'youtube'] as const)
			.filter((type) => typeof payload[type] === 'string')
			.map((type) => ({ type: type.toLowerCase(), value: payload[type] as string }));
	},
	jobHistory: () => [],
	leadScores: (member, world) =>
		world.scoreDefinitions('contact').map((definition) => ({ scoreId: definition.id, ...world.score(definition, member.memberId) })),
	recentActivities: (member, world) =>
		[...member.activities]
			.sort((a, b) => b.timeMs - a.timeMs || b.number - a.number)
			.slice(0, RECENT_ACTIVITIES)
			.map((activity) => activityBody(activity, world, ALL_ACTIVITY_COLUMNS)),
	recentWebPages: () => [],
	recentWebVisitsNumber: () => 0,
	segments: (member, world) => {
		const ids = new Set(world.store.segmentsOfMember(member.memberId));
		return world.store.seed.segments.filter((s) => ids.has(s.id)).map((s) => ({ id: formatId('segment', s.id), name: s.name }));
	},
	sparkSummary: () => null,
	recentSparkSummaries: () => [],
	tags: ({ merged }) => merged.tags.map((tag) => formatId('tag', tag.id)),
	url: (member, world) => contactLink(world.store.seed.communityId, member.memberId),
};

function fullNameOf(contact: MemberView['merged']): string | undefined {
	return text(contact.fullName) ?? ([text(contact.firstName), text(contact.lastName)].filter(Boolean).join(' ') || undefined);
}

/** Contact.name is required: the full name, else the username or email, else the id. */
function displayName(member: MemberView): string {
	const { merged } = member;
	return fullNameOf(merged) ?? text(merged.username) ?? text(merged.email) ?? formatId('contact', member.memberId);
}

export function contactBody(member: MemberView, world: World, columns: Columns): Record<string, unknown> {
	const body: Record<string, unknown> = { id: formatId('contact', member.memberId), name: displayName(member) };
	for (const name of CONTACT_COLUMNS) if (columns.names.has(name)) body[name] = COLUMN[name](member, world);
	if (columns.customFields) body.customFields = customFieldValues(member.merged, columns.customFields);
	return body;
}

function contactColumns(call: V2Call, raw: string | undefined, recordCount: boolean) {
	return parseColumns(raw, CONTACT_COLUMNS, { customFields: new Set(call.store.customFieldDefinitions.keys()), recordCount });
}

const listSchema = z.object({
	...pagingParams,
	sort: z
		.string()
		.regex(/^(id|latest_activity|name|ls_\d+|cf_\d+)$/, 'must be id, latest_activity, name, ls_<number> or cf_<number>')
		.optional(),
	direction: directionParam,
	cols: z.string().optional(),
	organizationId: z.string().optional(),
	segmentId: z.string().optional(),
});

/** The sort key of each contact; it ends with the member id, so keys are unique. */
function sortKey(call: V2Call, sort: string): ((member: MemberView) => KeyPart[]) | string {
	const world = call.world();
	if (sort === 'id') return (m) => [m.memberId];
	if (sort === 'name') return (m) => [displayName(m).toLowerCase(), m.memberId];
	if (sort === 'latest_activity') return (m) => [m.latestActivityMs, m.memberId];
	const id = Number(sort.slice(3));
	if (sort.startsWith('ls_')) {
		const definition = (call.store.seed.leadScores ?? []).find((d) => d.id === id && d.entityType === 'contact');
		if (!definition) return `sort: no contact lead score ${sort}`;
		return (m) => [world.score(definition, m.memberId)?.score ?? null, m.memberId];
	}
	const field = call.store.customFieldDefinitions.get(id);
	if (!field) return `sort: no custom field ${sort}`;
	return (m) => [customFieldSortValue(m.merged, field), m.memberId];
}

// v2 spec: paths./contacts.get — filters organizationId, segmentId; sort id (default),
// latest_activity, name, ls_<id>, cf_<id>; nulls last in both directions.
export const listContacts: V2Handler = (call) => {
	const query = parseQuery(listSchema, call.req.query);
	if (!query.ok) return query.response;
	const q = query.value;
	const columns = contactColumns(call, q.cols, true);
	if (!columns.ok) return columns.response;
	const resolved = resolveOrder('contacts', q, 'id');
	if ('error' in resolved) return resolved.error;
	const keyOf = sortKey(call, resolved.order.sort);
	if (typeof keyOf === 'string') return invalidParameters([keyOf]);

	let orgNumber: number | undefined;
	if (q.organizationId !== undefined) {
		const id = idParam('organization', q.organizationId, 'invalid_organization_id', 'organizationId');
		if (!id.ok) return id.response;
		orgNumber = id.value;
	}
	let segmentId: number | undefined;
	if (q.segmentId !== undefined) {
		const id = idParam('segment', q.segmentId, 'invalid_segment_id', 'segmentId');
		if (!id.ok) return id.response;
		segmentId = id.value;
	}
	const world = call.world();
	const matching = [...world.members.values()].filter(
		(m) =>
			(orgNumber === undefined || m.organization?.number === orgNumber) &&
			(segmentId === undefined || call.store.segmentsOfMember(m.memberId).includes(segmentId)),
	);
	const result = page(matching, keyOf, resolved.order, q.limit);
	return list(
		result.data.map((m) => contactBody(m, world, columns.value)),
		{ nextCursor: result.nextCursor, ...(columns.value.recordCount ? { recordCount: result.total } : {}) },
	);
};

// v2 spec: paths./contacts/{id}.get — `c_<number>`; another shape → 400, unknown → 404.
export const getContact: V2Handler = (call) => {
	const id = idParam('contact', call.params.id, 'invalid_contact_id', 'id');
	if (!id.ok) return id.response;
	const query = parseQuery(z.object({ cols: z.string().optional() }), call.req.query);
	if (!query.ok) return query.response;
	const columns = contactColumns(call, query.value.cols, false);
	if (!columns.ok) return columns.response;
	const world = call.world();
	const member = world.members.get(id.value);
	if (!member) return v2Error(404, 'contact_not_found', `contact ${call.params.id} not found`);
	return single(contactBody(member, world, columns.value));
};
