// GET /organizations and /organizations/{id} (v2 spec: paths./organizations,
// components/schemas/Organization). Organizations are the seed's plus one per company domain
// the contacts give (README "Choices", v2 organizations).
import { z } from 'zod';
import type { V2Call, V2Handler } from './call';
import { contactBody } from './contacts';
import { page, resolveOrder, type KeyPart } from './cursor';
import { formatId, normaliseDomain } from './ids';
import { directionParam, idParam, pagingParams, parseColumns, parseQuery, type Columns } from './query';
import { invalidParameters, list, single, v2Error } from './responses';
import type { OrganizationView, World } from './world';

/** v2 spec: paths./organizations.get `cols` — "Valid column values". */
export const ORGANIZATION_COLUMNS = [
	'about',
	'contactsCount',
	'employees',
	'linkedInUrl',
	'profiles',
	'revenueRangeMax',
	'revenueRangeMin',
	'subIndustry',
	'location',
	'leadScores',
	'recentJobOpenings',
	'recentNews',
	'researchResults',
	'surgingTopics',
	'tags',
	'topContacts',
	'url',
] as const;

type OrganizationColumn = (typeof ORGANIZATION_COLUMNS)[number];
const TOP_CONTACTS = 5;
const TOP_CONTACT_COLUMNS: Columns = { names: new Set(['fullName', 'primaryEmail', 'title']), customFields: undefined, recordCount: false };
/** The v1 store has no organization custom fields; `cf_*` is accepted and gives `{}`. */
const NO_CUSTOM_FIELDS = new Set<number>();

// Enrichment the emulator cannot do (news, job openings, research, intent topics) is empty.
const COLUMN: Record<OrganizationColumn, (org: OrganizationView, world: World) => unknown> = {
	about: ({ seed }) => seed?.about ?? null,
	contactsCount: ({ members }) => members.length,
	employees: ({ seed }) => seed?.employees ?? null,
	linkedInUrl: ({ seed }) => seed?.linkedInUrl ?? null,
	profiles: ({ seed }) => (seed?.linkedInUrl ? [{ name: 'LinkedIn', type: 'linkedin', url: seed.linkedInUrl }] : []),
	revenueRangeMax: ({ seed }) => seed?.revenueRangeMax ?? null,
	revenueRangeMin: ({ seed }) => seed?.revenueRangeMin ?? null,
	subIndustry: ({ seed }) => seed?.subIndustry ?? null,
	location: ({ seed }) => seed?.location ?? null,
	leadScores: (org, world) =>
		world.scoreDefinitions('organization').map((definition) => ({ scoreId: definition.id, ...world.score(definition, org.number) })),
	recentJobOpenings: () => [],
	recentNews: () => [],
	researchResults: () => [],
	surgingTopics: () => [],
	tags: () => [],
	// The most active contacts first (README "Choices", v2 organizations).
	topContacts: (org, world) =>
		[...org.members]
			.sort((a, b) => b.activities.length - a.activities.length || a.memberId - b.memberId)
			.slice(0, TOP_CONTACTS)
			.map((member) => contactBody(member, world, TOP_CONTACT_COLUMNS)),
	url: (org, world) => `https://app.commonroom.io/community/${world.store.seed.communityId}/organization/${org.number}`,
};

function organizationBody(org: OrganizationView, world: World, columns: Columns): Record<string, unknown> {
	const body: Record<string, unknown> = { id: formatId('organization', org.number), name: org.name, primaryDomain: org.primaryDomain };
	for (const name of ORGANIZATION_COLUMNS) if (columns.names.has(name)) body[name] = COLUMN[name](org, world);
	if (columns.customFields) body.customFields = {};
	return body;
}

const listSchema = z.object({
	...pagingParams,
	sort: z.string().regex(/^(id|member_count|ls_\d+|cf_\d+)$/, 'must be id, member_count, ls_<number> or cf_<number>').optional(),
	direction: directionParam,
	cols: z.string().optional(),
	name: z.string().optional(),
	primaryDomain: z.string().optional(),
});

function sortKey(call: V2Call, sort: string): ((org: OrganizationView) => KeyPart[]) | string {
	const world = call.world();
	if (sort === 'id') return (o) => [o.number];
	if (sort === 'member_count') return (o) => [o.members.length, o.number];
	if (sort.startsWith('cf_')) return `sort: no organization custom field ${sort}`;
	const definition = (call.store.seed.leadScores ?? []).find((d) => d.id === Number(sort.slice(3)) && d.entityType === 'organization');
	if (!definition) return `sort: no organization lead score ${sort}`;
	return (o) => [world.score(definition, o.number)?.score ?? null, o.number];
}

// v2 spec: paths./organizations.get — filters name and primaryDomain ("exact match"; compared
// case-insensitively, the domain normalised: README "Choices", v2 organizations).
export const listOrganizations: V2Handler = (call) => {
	const query = parseQuery(listSchema, call.req.query);
	if (!query.ok) return query.response;
	const q = query.value;
	const columns = parseColumns(q.cols, ORGANIZATION_COLUMNS, { customFields: NO_CUSTOM_FIELDS, recordCount: true });
	if (!columns.ok) return columns.response;
	const resolved = resolveOrder('organizations', q, 'id');
	if ('error' in resolved) return resolved.error;
	const keyOf = sortKey(call, resolved.order.sort);
	if (typeof keyOf === 'string') return invalidParameters([keyOf]);

	const name = q.name?.trim().toLowerCase();
	const domain = q.primaryDomain === undefined ? undefined : (normaliseDomain(q.primaryDomain) ?? '');
	const world = call.world();
	const matching = [...world.organizations.values()].filter(
		(o) => (name === undefined || o.name.trim().toLowerCase() === name) && (domain === undefined || o.primaryDomain === domain),
	);
	const result = page(matching, keyOf, resolved.order, q.limit);
	return list(
		result.data.map((o) => organizationBody(o, world, columns.value)),
		{ nextCursor: result.nextCursor, ...(columns.value.recordCount ? { recordCount: result.total } : {}) },
	);
};

// v2 spec: paths./organizations/{id}.get — `o_<number>`; another shape → 400, unknown → 404 org_not_found.
export const getOrganization: V2Handler = (call) => {
	const id = idParam('organization', call.params.id, 'invalid_organization_id', 'id');
	if (!id.ok) return id.response;
	const query = parseQuery(z.object({ cols: z.string().optional() }), call.req.query);
	if (!query.ok) return query.response;
	const columns = parseColumns(query.value.cols, ORGANIZATION_COLUMNS, { customFields: NO_CUSTOM_FIELDS });
	if (!columns.ok) return columns.response;
	const world = call.world();
	const org = world.organizations.get(id.value);
	if (!org) return v2Error(404, 'org_not_found', `organization ${call.params.id} not found`);
	return single(organizationBody(org, world, columns.value));
};
