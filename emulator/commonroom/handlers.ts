// One function per Common Room v1 path (docs/reference/commonroom-openapi-v1.yml, paths.*).
import type { ZodType } from 'zod';
import { HttpError, parseJson, type ApiRequest, type ApiResponse } from '../http';
import { invalidParameters, invalidRequestBody, notFound, payloadTooLarge } from './responses';
import {
	SOCIAL_TYPES,
	addToSegmentSchema,
	apiActivitySchema,
	apiTagCreateSchema,
	apiTagUpdateSchema,
	apiUserSchema,
	describeIssues,
} from './schemas';
import { BadRequest, type CommonRoomStore, type StoredContact } from './store';
import type { CommonRoomEvent } from './webhooks';

/** Body cap for Common Room requests; the spec names none (README "Choices", payload size). */
export const CR_MAX_BODY_BYTES = 1024 * 1024;

export interface CommonRoomCall {
	req: ApiRequest;
	params: Record<string, string>;
	store: CommonRoomStore;
	/** The calling token's jti (v1 spec: components/schemas/ApiToken). */
	jti: string;
	/** Tells the webhooks about a stored first write (README "Choices", webhook events). */
	emit: (event: CommonRoomEvent) => void;
}

export type CommonRoomHandler = (call: CommonRoomCall) => ApiResponse;

/** Parses and validates the JSON body; throws an HttpError (400/413) on failure. */
function body<T>(req: ApiRequest, schema: ZodType<T>): { value: T; raw: unknown } {
	if (req.bodyTruncated || req.body.length > CR_MAX_BODY_BYTES) throw new HttpError(payloadTooLarge(CR_MAX_BODY_BYTES));
	const json = parseJson(req.body);
	if (!json.ok) throw new HttpError(invalidRequestBody([json.error]));
	const parsed = schema.safeParse(json.value);
	if (!parsed.success) throw new HttpError(invalidRequestBody(describeIssues(parsed.error)));
	return { value: parsed.data, raw: json.value };
}

/** The spec's integer destinationSourceId; anything else, or an unknown id, is "Destination Source Not Found". */
function sourceId(call: CommonRoomCall): number {
	const id = Number(call.params.sourceId);
	if (!/^\d+$/.test(call.params.sourceId) || !call.store.hasSource(id)) {
		throw new HttpError(notFound(`destination source ${call.params.sourceId} not found`));
	}
	return id;
}

function withBadRequest(write: () => void): ApiResponse {
	try {
		write();
	} catch (error) {
		if (error instanceof BadRequest) return invalidRequestBody(error.problems);
		throw error;
	}
	// v1 spec: writes answer 202 "accepted and will be processed"; the spec gives no body, so we send
	// none (README "Choices", write responses).
	return { status: 202 };
}

// v1 spec: paths./api-token-status.get → components/schemas/ApiToken.
export const tokenStatus: CommonRoomHandler = ({ store, jti }) => ({
	status: 200,
	body: { jti, communityName: store.seed.communityName, communityId: store.seed.communityId },
});

// v1 spec: paths./source/{destinationSourceId}/user.post (404 checked before the body, as a router would).
export const upsertUser: CommonRoomHandler = (call) => {
	const id = sourceId(call);
	const { value, raw } = body(call.req, apiUserSchema);
	return withBadRequest(() => {
		const contact = call.store.upsertUser(id, value, raw);
		// Only the upsert that creates the contact fires newContact; updates fire nothing.
		if (contact.upsertCount === 1) call.emit({ kind: 'contactCreated', contact });
	});
};

// v1 spec: paths./source/{destinationSourceId}/activity.post.
export const upsertActivity: CommonRoomHandler = (call) => {
	const id = sourceId(call);
	const { value, raw } = body(call.req, apiActivitySchema);
	return withBadRequest(() => {
		const activity = call.store.upsertActivity(id, value, raw);
		const contact = call.store.contactOf(id, activity.userId);
		if (activity.upsertCount === 1 && contact) call.emit({ kind: 'activityCreated', activity, contact });
	});
};

// v1 spec: paths./activityTypes.get.
export const listActivityTypes: CommonRoomHandler = ({ store }) => ({
	status: 200,
	body: store.seed.activityTypes.map(({ id, displayName }) => ({ id, displayName })),
});

// v1 spec: paths./members/customFields.get — with destinationSourceId, only fields that source may
// write (an unknown source therefore gets []: README "Choices", custom fields).
export const listCustomFields: CommonRoomHandler = ({ store, req }) => {
	const wanted = req.query.get('destinationSourceId');
	let fields = store.seed.customFields;
	if (wanted !== null) {
		const id = Number(wanted);
		fields = !/^\d+$/.test(wanted) || !store.hasSource(id) ? [] : fields.filter((f) => !f.writableBySourceIds || f.writableBySourceIds.includes(id));
	}
	return {
		status: 200,
		body: fields.map((f) => ({ id: f.id, name: f.name, type: f.type, multivalue: f.multivalue, ...(f.values ? { values: f.values } : {}) })),
	};
};

// v1 spec: paths./user/{email}.get → [CommunityMember] or 404 Status.
export const getUserByEmail: CommonRoomHandler = ({ store, params }) => {
	const memberIds = [...new Set(store.findContactsByEmail(params.email).map((c) => c.memberId))];
	if (memberIds.length === 0) return notFound(`no contact with email ${params.email}`);
	return { status: 200, body: memberIds.map((id) => ({ id })) };
};

// v1 spec: paths./user/{email}.delete — queued anonymisation; we record it and keep the contact
// (README "Choices", right to be forgotten). Unknown email → the spec's 404.
export const deleteUserByEmail: CommonRoomHandler = ({ store, params }) => {
	if (store.findContactsByEmail(params.email).length === 0) return notFound(`no contact with email ${params.email}`);
	store.recordDeletionRequest(params.email);
	return { status: 200, body: { status: 'success' } };
};

// v1 spec: paths./members.get (deprecated) — query email / twitter / github / linkedin
// (README "Choices", members lookup).
export const findMembers: CommonRoomHandler = ({ store, req }) => {
	const given = SOCIAL_TYPES.filter((type) => req.query.get(type));
	if (given.length === 0) return invalidParameters(['one of the query parameters email, twitter, github, linkedin is required']);
	const byMember = new Map<number, StoredContact[]>();
	for (const type of given) {
		for (const contact of store.findContactsBySocial(type, req.query.get(type) as string)) {
			byMember.set(contact.memberId, [...(byMember.get(contact.memberId) ?? []), contact]);
		}
	}
	for (const [memberId, contacts] of byMember) {
		const all = store.allContacts().filter((c) => c.memberId === memberId);
		byMember.set(memberId, all.length > 0 ? all : contacts);
	}
	if (byMember.size === 0) return notFound('no matching contact');
	return { status: 200, body: [...byMember].map(([memberId, contacts]) => memberSummary(store, memberId, contacts)) };
};

// v1 spec: paths./segments.get.
export const listSegments: CommonRoomHandler = ({ store }) => ({
	status: 200,
	body: store.seed.segments.map(({ id, name }) => ({ id, name })),
});

// v1 spec: paths./segments/{id}/status.get (unknown segment → 404: README "Choices", segments).
export const listSegmentStatuses: CommonRoomHandler = ({ store, params }) => {
	const segment = store.seed.segments.find((s) => String(s.id) === params.id);
	if (!segment) return notFound(`segment ${params.id} not found`);
	return { status: 200, body: segment.statuses.map(({ id, name }) => ({ id, name })) };
};

// v1 spec: paths./segments/{id}.post — adds existing contacts named by a comma-separated list.
export const addContactsToSegment: CommonRoomHandler = ({ store, params, req }) => {
	const segment = store.seed.segments.find((s) => String(s.id) === params.id);
	if (!segment) return notFound(`segment ${params.id} not found`);
	const { value } = body(req, addToSegmentSchema);
	if (value.statusId !== undefined && !segment.statuses.some((s) => s.id === value.statusId)) {
		return invalidRequestBody([`statusId: segment ${segment.id} has no status ${value.statusId}`]);
	}
	const names = value.value.split(',').map((v) => v.trim()).filter(Boolean);
	const memberIds = names.flatMap((name) => store.findContactsBySocial(value.socialType, name).map((c) => c.memberId));
	store.addToSegment(segment.id, [...new Set(memberIds)], value.statusId ?? null);
	return { status: 200 };
};

// v1 spec: paths./tags.get → { labels: ApiTag[] } without deleted tags.
export const listTags: CommonRoomHandler = ({ store }) => ({ status: 200, body: { labels: store.tags.live() } });

// v1 spec: paths./tags.post — the existing tag when the name matches, else a new one.
export const createTag: CommonRoomHandler = ({ store, req }) => {
	const { value } = body(req, apiTagCreateSchema);
	return { status: 200, body: store.tags.createOrGet(value).tag };
};

// v1 spec: paths./tags/{id}.get (a deleted tag is still returned, with deletedAt).
export const getTag: CommonRoomHandler = ({ store, params }) => {
	const tag = store.tags.get(params.id);
	return tag ? { status: 200, body: tag } : notFound(`tag ${params.id} not found`);
};

// v1 spec: paths./tags/{id}.post — update name/description; undeletes.
export const updateTag: CommonRoomHandler = ({ store, params, req }) => {
	if (!store.tags.get(params.id)) return notFound(`tag ${params.id} not found`);
	const { value } = body(req, apiTagUpdateSchema);
	return { status: 200, body: store.tags.update(params.id, value) };
};

// v1 spec: paths./tags/{id}.delete.
export const deleteTag: CommonRoomHandler = ({ store, params }) => {
	const tag = store.tags.delete(params.id, new Date().toISOString());
	return tag ? { status: 200 } : notFound(`tag ${params.id} not found`);
};

/** v1 spec: paths./members.get 200 item shape, from the member's stored contacts. */
function memberSummary(store: CommonRoomStore, memberId: number, contacts: StoredContact[]): Record<string, unknown> {
	const pick = (field: keyof StoredContact) => contacts.map((c) => c[field]).find((v) => v !== undefined && v !== null);
	const handle = (field: 'twitter' | 'github' | 'linkedin') => (pick(field) as { value?: string } | undefined)?.value ?? null;
	const discord = pick('discord') as { username: string; discriminator: string | number } | undefined;
	const name = pick('fullName') ?? ([pick('firstName'), pick('lastName')].filter(Boolean).join(' ') || null);
	const activities = store.allActivities().filter((a) => a.memberId === memberId);
	const segmentIds = store.segmentsOfMember(memberId);
	return {
		fullName: name,
		activities_count: activities.length,
		avatar: pick('avatarUrl') ?? null,
		bio: pick('bio') ?? null,
		organization: pick('companyName') ?? null,
		title: pick('titleAtCompany') ?? null,
		first_seen: contacts.map((c) => c.createdAt).sort()[0],
		last_active: [...contacts.map((c) => c.updatedAt), ...activities.map((a) => a.timestamp)].sort().at(-1),
		location: { city: pick('city') ?? null, region: pick('region') ?? null, country: pick('country') ?? null, raw: pick('rawLocation') ?? null },
		member_tags: [...new Set(contacts.flatMap((c) => c.tags.map((t) => t.name)))],
		segments: store.seed.segments.filter((s) => segmentIds.includes(s.id)).map(({ id, name: segmentName }) => ({ id, name: segmentName })),
		url: null,
		twitter: handle('twitter'),
		github: handle('github'),
		linkedin: handle('linkedin'),
		discord: discord ? `${discord.username}#${discord.discriminator}` : null,
		youtube: null,
		common_room_member_url: `https://app.commonroom.io/community/${store.seed.communityId}/member/${memberId}`,
		custom_fields: contacts.flatMap((c) => Object.values(c.customFields)).map(({ name: n, type, value }) => ({ name: n, type, value })),
	};
}
