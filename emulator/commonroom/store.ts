// Common Room's stored world: contacts (one per source + ApiUser.id), activities (one per source +
// id + activityType), tags, segment memberships and right-to-be-forgotten requests.
// Every write is validated completely before anything is changed, so a 400 leaves no trace.
import type { CommonRoomSeed, CustomFieldDefinition, SegmentDefinition } from '../seed';
import { checkCustomField } from './customFields';
import type { SegmentMember, StoredActivity, StoredContact } from './records';
import { USER_PROFILE_FIELDS, apiUserSchema, type ApiActivity, type ApiUser, type SocialType } from './schemas';
import { TagStore, type ApiTag } from './tags';

export type { ApiTag } from './tags';

export class BadRequest extends Error {
	constructor(readonly problems: string[]) {
		super(problems.join('; '));
	}
}

export type { SegmentMember, StoredActivity, StoredContact, StoredCustomFieldValue } from './records';

export class CommonRoomStore {
	readonly tags: TagStore;
	readonly customFieldDefinitions: Map<number, CustomFieldDefinition>;
	private readonly contacts = new Map<string, StoredContact>();
	private readonly activities = new Map<string, StoredActivity>();
	private readonly segmentMemberships = new Map<number, Map<number, number | null>>();
	private readonly deletions: string[] = [];
	/** Lower-cased email → the member first seen with it (keeps upserts O(1) for the benchmark). */
	private readonly memberIdsByEmail = new Map<string, number>();
	private nextMemberId = 100001;

	constructor(readonly seed: CommonRoomSeed) {
		const now = new Date().toISOString();
		this.tags = new TagStore(seed.tags, now);
		this.customFieldDefinitions = new Map(seed.customFields.map((field) => [field.id, field]));
		for (const segment of seed.segments) this.segmentMemberships.set(segment.id, new Map());
		for (const contact of seed.contacts ?? []) {
			const parsed = apiUserSchema.safeParse(contact.user);
			if (!parsed.success) throw new Error(`Invalid seed contact ${contact.user.id}: ${parsed.error.message}`);
			this.upsertUser(contact.sourceId, parsed.data, contact.user);
		}
	}

	hasSource(sourceId: number): boolean {
		return this.seed.sources.some((source) => source.id === sourceId);
	}

	/** POST /source/{id}/user — v1 spec: "updates existing user previously added via API with the same ID". */
	upsertUser(sourceId: number, user: ApiUser, rawBody: unknown): StoredContact {
		const problems = this.checkUser(sourceId, user, '');
		if (problems.length > 0) throw new BadRequest(problems);
		return this.applyUser(sourceId, user, rawBody);
	}

	/** POST /source/{id}/activity — v1 spec: "updates existing activity ... with the same activity ID and activity type". */
	upsertActivity(sourceId: number, activity: ApiActivity, rawBody: unknown): StoredActivity {
		const problems: string[] = [];
		// v1 spec: ApiActivity.activityType — "Check /activityTypes route for accepted values"; others → 400
		// (README "Choices", activities).
		if (!this.seed.activityTypes.some((type) => type.id === activity.activityType)) {
			problems.push(`activityType: unknown activity type ${activity.activityType} (see GET /activityTypes)`);
		}
		problems.push(...this.checkUser(sourceId, activity.user, 'user.'));
		problems.push(...this.tags.check(activity.tags, 'activity', 'tags'));
		if (problems.length > 0) throw new BadRequest(problems);

		const now = new Date().toISOString();
		const memberExistedBefore =
			this.contacts.has(contactKey(sourceId, activity.user.id)) || this.memberIdForEmail(activity.user.email) !== undefined;
		// The activity's user is upserted into the source too, as the real API does.
		const contact = this.applyUser(sourceId, activity.user, rawBody);
		const key = activityKey(sourceId, activity.id, activity.activityType);
		const previous = this.activities.get(key);
		// A parent we have not seen is accepted and marked known: false (README "Choices", activities).
		const parent = activity.parentActivity;
		const stored: StoredActivity = {
			sourceId,
			id: activity.id,
			activityType: activity.activityType,
			userId: activity.user.id,
			memberId: contact.memberId,
			memberExistedBefore: previous?.memberExistedBefore ?? memberExistedBefore,
			activityTitle: activity.activityTitle ?? null,
			content: activity.content ?? null,
			timestamp: activity.timestamp ?? previous?.timestamp ?? now,
			url: activity.url ?? null,
			tags: this.tags.resolve(activity.tags, 'activity', now).map(tagRef),
			parentActivity: parent
				? { ...parent, known: this.activities.has(activityKey(sourceId, parent.id, parent.activityType)) }
				: null,
			subSource: activity.subSource ?? null,
			createdAt: previous?.createdAt ?? now,
			updatedAt: now,
			upsertCount: (previous?.upsertCount ?? 0) + 1,
			lastBody: rawBody,
		};
		this.activities.set(key, stored);
		return stored;
	}

	findContactsByEmail(email: string): StoredContact[] {
		const wanted = email.trim().toLowerCase();
		return this.allContacts().filter((contact) => typeof contact.email === 'string' && contact.email.toLowerCase() === wanted);
	}

	/** Contacts whose social identity matches (README "Choices", handle normalisation). */
	findContactsBySocial(socialType: SocialType, value: string): StoredContact[] {
		if (socialType === 'email') return this.findContactsByEmail(value);
		const wanted = normaliseHandle(socialType, value);
		return this.allContacts().filter((contact) => {
			const social = contact[socialType] as { value?: string } | null | undefined;
			return typeof social?.value === 'string' && normaliseHandle(socialType, social.value) === wanted;
		});
	}

	addToSegment(segmentId: number, memberIds: number[], statusId: number | null): void {
		const members = this.segmentMemberships.get(segmentId);
		if (!members) throw new Error(`unknown segment ${segmentId}`);
		for (const memberId of memberIds) members.set(memberId, statusId);
	}

	/**
	 * POST /v2/segments. The segment joins the list v1's /segments reads (the seed's, this store's
	 * own copy: loadSeed parses a fresh one for every store), so v1 can add contacts to it.
	 */
	createSegment(segment: Omit<SegmentDefinition, 'id' | 'statuses'>): SegmentDefinition {
		const id = Math.max(0, ...this.seed.segments.map((existing) => existing.id)) + 1;
		const created: SegmentDefinition = { ...segment, id, statuses: [] };
		this.seed.segments.push(created);
		this.segmentMemberships.set(id, new Map());
		return created;
	}

	/**
	 * A workspace admin adds a custom field (control endpoint): /members/customFields lists it from
	 * now on and upserts may write it, as a field the seed defined would be.
	 */
	addCustomField(field: Omit<CustomFieldDefinition, 'id'>): CustomFieldDefinition {
		if (this.seed.customFields.some((existing) => existing.name === field.name)) throw new Error(`a custom field named "${field.name}" exists`);
		const id = Math.max(0, ...this.seed.customFields.map((existing) => existing.id)) + 1;
		const created: CustomFieldDefinition = { ...field, id };
		this.seed.customFields.push(created);
		this.customFieldDefinitions.set(id, created);
		return created;
	}

	/** How many members a segment holds (v2 spec: ApiSegment.entityCount). */
	segmentSize(segmentId: number): number {
		return this.segmentMemberships.get(segmentId)?.size ?? 0;
	}

	segmentsOfMember(memberId: number): number[] {
		return [...this.segmentMemberships].filter(([, members]) => members.has(memberId)).map(([id]) => id);
	}

	segmentMembers(segmentId: number): SegmentMember[] {
		const members = this.segmentMemberships.get(segmentId) ?? new Map<number, number | null>();
		return [...members].map(([memberId, statusId]) => ({
			memberId,
			statusId,
			emails: unique(this.allContacts().filter((c) => c.memberId === memberId).map((c) => String(c.email ?? '')).filter(Boolean)),
		}));
	}

	recordDeletionRequest(email: string): void {
		this.deletions.push(email.trim().toLowerCase());
	}

	deletionRequests(): string[] {
		return [...this.deletions];
	}

	contactOf(sourceId: number, userId: string): StoredContact | undefined {
		return this.contacts.get(contactKey(sourceId, userId));
	}

	allContacts(): StoredContact[] {
		return [...this.contacts.values()];
	}

	allActivities(): StoredActivity[] {
		return [...this.activities.values()];
	}

	/** `prefix` locates the user in the body: '' for POST .../user, 'user.' inside an activity. */
	private checkUser(sourceId: number, user: ApiUser, prefix: string): string[] {
		const problems = this.tags.check(user.tags, 'member', `${prefix}tags`);
		(user.customFields ?? []).forEach((assignment, index) => {
			problems.push(...checkCustomField(assignment, this.customFieldDefinitions, sourceId, `${prefix}customFields.${index}`));
		});
		return problems;
	}

	private applyUser(sourceId: number, user: ApiUser, rawBody: unknown): StoredContact {
		const now = new Date().toISOString();
		const key = contactKey(sourceId, user.id);
		const contact: StoredContact = this.contacts.get(key) ?? {
			sourceId,
			id: user.id,
			memberId: this.memberIdForEmail(user.email) ?? this.nextMemberId++,
			tags: [],
			customFields: {},
			createdAt: now,
			updatedAt: now,
			upsertCount: 0,
			lastBody: undefined,
		};
		// Merge: a later upsert only changes the fields it sends (README "Choices", user upsert).
		for (const field of USER_PROFILE_FIELDS) {
			if (user[field] !== undefined) contact[field] = user[field];
		}
		for (const tag of this.tags.resolve(user.tags, 'member', now)) {
			if (!contact.tags.some((existing) => existing.id === tag.id)) contact.tags.push(tagRef(tag));
		}
		for (const assignment of user.customFields ?? []) {
			const definition = this.customFieldDefinitions.get(assignment.id) as CustomFieldDefinition;
			if (!assignment.value) delete contact.customFields[String(assignment.id)];
			else {
				contact.customFields[String(assignment.id)] = {
					id: definition.id,
					name: definition.name,
					type: definition.type,
					value: assignment.value.value,
				};
			}
		}
		if (typeof contact.email === 'string' && !this.memberIdsByEmail.has(contact.email.toLowerCase())) {
			this.memberIdsByEmail.set(contact.email.toLowerCase(), contact.memberId);
		}
		contact.updatedAt = now;
		contact.upsertCount += 1;
		contact.lastBody = rawBody;
		this.contacts.set(key, contact);
		return contact;
	}

	private memberIdForEmail(email: string | null | undefined): number | undefined {
		return email ? this.memberIdsByEmail.get(email.trim().toLowerCase()) : undefined;
	}
}

function contactKey(sourceId: number, userId: string): string {
	return `${sourceId}\u0000${userId}`;
}

function activityKey(sourceId: number, id: string, activityType: string): string {
	return `${sourceId}\u0000${id}\u0000${activityType}`;
}

function tagRef(tag: ApiTag): { id: string; name: string } {
	return { id: tag.id, name: tag.name };
}

function unique<T>(values: T[]): T[] {
	return [...new Set(values)];
}

/** twitter "@Person" = "person"; linkedin "https://www.linkedin.com/in/person/" = "in/person". */
export function normaliseHandle(socialType: Exclude<SocialType, 'email'>, value: string): string {
	let handle = value.trim().toLowerCase();
	if (socialType === 'twitter') handle = handle.replace(/^https?:\/\/(www\.)?(twitter|x)\.com\//, '').replace(/^@/, '');
	if (socialType === 'github') handle = handle.replace(/^https?:\/\/(www\.)?github\.com\//, '');
	if (socialType === 'linkedin') handle = handle.replace(/^https?:\/\/([a-z]+\.)?linkedin\.com\//, '');
	return handle.replace(/\/+$/, '');
}
