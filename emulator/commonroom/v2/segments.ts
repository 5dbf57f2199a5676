// GET /segments, /segments/{id} and POST /segments (v2 spec: paths./segments,
// components/schemas/ApiSegment, CreateSegmentRequest). The segments are v1's: one list, so a
// segment created here takes contacts through v1's POST /segments/{id} (README "Choices", v2 segments).
import { z } from 'zod';
import { parseJson } from '../../http';
import type { SegmentDefinition } from '../../seed';
import { CR_MAX_BODY_BYTES } from '../handlers';
import { describeIssues } from '../schemas';
import type { CommonRoomStore } from '../store';
import type { V2Handler } from './call';
import { page, resolveOrder } from './cursor';
import { formatId, parseId } from './ids';
import { idParam, pagingParams, parseColumns, parseQuery, type Columns } from './query';
import { invalidParameters, list, single, v2Error } from './responses';

/** v2 spec: paths./segments.get `cols` — "Valid column values: `entityCount`, `url`". */
const SEGMENT_COLUMNS = ['entityCount', 'url'] as const;

function segmentBody(segment: SegmentDefinition, store: CommonRoomStore, columns: Columns): Record<string, unknown> {
	const entityType = segment.entityType ?? 'contact';
	const body: Record<string, unknown> = { id: formatId('segment', segment.id), name: segment.name, entityType };
	// Only contact segments hold anything: v1 adds contacts, nothing adds organizations or objects.
	if (columns.names.has('entityCount')) body.entityCount = entityType === 'contact' ? store.segmentSize(segment.id) : 0;
	if (columns.names.has('url')) body.url = `https://app.commonroom.io/community/${store.seed.communityId}/segment/${segment.id}`;
	return body;
}

const listSchema = z.object({ ...pagingParams, cols: z.string().optional(), query: z.string().optional() });

// v2 spec: paths./segments.get — `query` filters by name (substring, compared case-insensitively);
// ordered by id (the spec has no sort parameter here).
export const listSegments: V2Handler = ({ req, store }) => {
	const query = parseQuery(listSchema, req.query);
	if (!query.ok) return query.response;
	const q = query.value;
	const columns = parseColumns(q.cols, SEGMENT_COLUMNS, { recordCount: true });
	if (!columns.ok) return columns.response;
	const resolved = resolveOrder('segments', { cursor: q.cursor }, 'id');
	if ('error' in resolved) return resolved.error;
	const wanted = q.query?.trim().toLowerCase() ?? '';
	const matching = store.seed.segments.filter((segment) => segment.name.toLowerCase().includes(wanted));
	const result = page(matching, (segment) => [segment.id], resolved.order, q.limit);
	return list(
		result.data.map((segment) => segmentBody(segment, store, columns.value)),
		{ nextCursor: result.nextCursor, ...(columns.value.recordCount ? { recordCount: result.total } : {}) },
	);
};

// v2 spec: paths./segments/{id}.get — `s_<number>`; another shape → 400, unknown → 404.
export const getSegment: V2Handler = ({ req, params, store }) => {
	const id = idParam('segment', params.id, 'invalid_segment_id', 'id');
	if (!id.ok) return id.response;
	const query = parseQuery(z.object({ cols: z.string().optional() }), req.query);
	if (!query.ok) return query.response;
	const columns = parseColumns(query.value.cols, SEGMENT_COLUMNS, {});
	if (!columns.ok) return columns.response;
	const segment = store.seed.segments.find((s) => s.id === id.value);
	if (!segment) return v2Error(404, 'segment_not_found', `segment ${params.id} not found`);
	return single(segmentBody(segment, store, columns.value));
};

// v2 spec: components/schemas/CreateSegmentRequest (name "max 500 characters", entityType default contact).
const createSchema = z.object({
	name: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
	description: z.string().optional(),
	entityType: z.enum(['contact', 'object', 'organization']).default('contact'),
	objectTypeId: z.string().optional(),
});

// v2 spec: paths./segments.post — 201 { id, name }; "a segment with this name already exists" → 409.
export const createSegment: V2Handler = ({ req, store }) => {
	if (req.bodyTruncated || req.body.length > CR_MAX_BODY_BYTES) return invalidParameters([`body is larger than ${CR_MAX_BODY_BYTES} bytes`]);
	const json = parseJson(req.body);
	if (!json.ok) return invalidParameters([json.error]);
	const parsed = createSchema.safeParse(json.value);
	if (!parsed.success) return invalidParameters(describeIssues(parsed.error));
	const { name, description, entityType, objectTypeId } = parsed.data;
	if (entityType === 'object') {
		// No custom object types exist in the emulator, so no object segment can be made.
		if (objectTypeId === undefined) return invalidParameters(['objectTypeId: is required when entityType is object']);
		if (parseId('objectType', objectTypeId) === undefined) {
			return v2Error(400, 'invalid_object_type_id', `objectTypeId must look like cot_<number>, got ${JSON.stringify(objectTypeId)}`);
		}
		return v2Error(404, 'object_type_not_found', `object type ${objectTypeId} not found`);
	}
	// Names compare trimmed and case-insensitively, across entity types (README "Choices", v2 segments).
	const taken = store.seed.segments.find((segment) => segment.name.trim().toLowerCase() === name.toLowerCase());
	if (taken) return v2Error(409, 'conflict', `a segment named ${JSON.stringify(taken.name)} already exists (${formatId('segment', taken.id)})`);
	const created = store.createSegment({ name, description: description ?? null, entityType });
	return single({ id: formatId('segment', created.id), name: created.name }, 201);
};
