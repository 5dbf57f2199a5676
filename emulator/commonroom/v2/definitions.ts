// v2's small lookups: lead-score definitions, tags, activity types, providers (signal sources)
// and the token status (v2 spec: paths./lead-scores, /tags, /activity-types, /providers,
// /api-token-status). Everything comes from the seed and v1's tag store.
import { z } from 'zod';
import type { LeadScoreDefinition } from '../../seed';
import type { ApiTag } from '../tags';
import type { V2Handler } from './call';
import { page, resolveOrder } from './cursor';
import { PREFIX, formatId } from './ids';
import { idParam, pagingParams, parseQuery } from './query';
import { list, single, v2Error } from './responses';

function leadScoreBody(definition: LeadScoreDefinition): Record<string, unknown> {
	const { id, name, enabled, entityType, isPrimaryScore } = definition;
	return { id: formatId('leadScore', id), name, enabled, entityType, isPrimaryScore };
}

// v2 spec: paths./lead-scores.get — every definition, disabled ones too; not paged.
export const listLeadScores: V2Handler = ({ store }) => list((store.seed.leadScores ?? []).map(leadScoreBody));

// v2 spec: paths./lead-scores/{id}.get. ApiV2Error.code has no lead-score codes: a malformed id
// is invalid_parameters, an unknown one object_not_found (README "Choices", v2 errors).
export const getLeadScore: V2Handler = ({ params, store }) => {
	const id = idParam('leadScore', params.id, 'invalid_parameters', 'id');
	if (!id.ok) return id.response;
	const definition = (store.seed.leadScores ?? []).find((d) => d.id === id.value);
	return definition ? single(leadScoreBody(definition)) : v2Error(404, 'object_not_found', `lead score ${params.id} not found`);
};

/** v1 entity types → v2 spec: ApiTag.entityTypes (contact, organization, activity). */
const TAG_ENTITY = { member: 'contact', company: 'organization', activity: 'activity' } as const;

function tagBody(tag: ApiTag): Record<string, unknown> {
	return {
		id: formatId('tag', tag.id),
		name: tag.name,
		description: tag.description,
		...(tag.entityTypes ? { entityTypes: tag.entityTypes.map((type) => TAG_ENTITY[type]) } : {}),
	};
}

/** Numeric tag ids in numeric order; a seeded non-numeric id sorts after them. */
const tagKey = (tag: ApiTag) => [/^\d+$/.test(tag.id) ? Number(tag.id) : tag.id];

// v2 spec: paths./tags.get — live tags (v1's deleted ones are left out), paged.
export const listTags: V2Handler = ({ req, store }) => {
	const query = parseQuery(z.object(pagingParams), req.query);
	if (!query.ok) return query.response;
	const resolved = resolveOrder('tags', { cursor: query.value.cursor }, 'id');
	if ('error' in resolved) return resolved.error;
	const result = page(store.tags.live(), tagKey, resolved.order, query.value.limit);
	return list(result.data.map(tagBody), { nextCursor: result.nextCursor });
};

// v2 spec: paths./tags/{id}.get — `l_<id>`; a deleted tag is not found (v2's ApiTag has no deletedAt).
export const getTag: V2Handler = ({ params, store }) => {
	const raw = params.id;
	if (!raw.startsWith(PREFIX.tag) || raw.length === PREFIX.tag.length) {
		return v2Error(400, 'invalid_parameters', `id must look like l_<number>, got ${JSON.stringify(raw)}`);
	}
	const tag = store.tags.get(raw.slice(PREFIX.tag.length));
	return tag && tag.deletedAt === null ? single(tagBody(tag)) : v2Error(404, 'object_not_found', `tag ${raw} not found`);
};

// v2 spec: paths./activity-types.get.
export const listActivityTypes: V2Handler = ({ store }) => list(store.seed.activityTypes.map(({ id, displayName }) => ({ id, displayName })));

// v2 spec: paths./providers.get — the seed's sources, as the `sig_<id>` activities name in providerId.
export const listProviders: V2Handler = ({ req, store }) => {
	const query = parseQuery(z.object(pagingParams), req.query);
	if (!query.ok) return query.response;
	const resolved = resolveOrder('providers', { cursor: query.value.cursor }, 'id');
	if ('error' in resolved) return resolved.error;
	const result = page(store.seed.sources, (source) => [source.id], resolved.order, query.value.limit);
	return list(
		result.data.map((source) => ({ id: formatId('provider', source.id), name: source.name, serviceName: 'api' })),
		{ nextCursor: result.nextCursor },
	);
};
