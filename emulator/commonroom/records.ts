// The records the Common Room store keeps: contacts, activities and segment members, with the
// bookkeeping the tests read back (GET /__emulator/state).
import type { ApiActivity, UserProfileField } from './schemas';

export interface StoredCustomFieldValue {
	id: number;
	name: string;
	type: string;
	value: unknown;
}

/** A user as stored for one source: the merged ApiUser fields plus our bookkeeping. */
export type StoredContact = Partial<Record<UserProfileField, unknown>> & {
	sourceId: number;
	/** ApiUser.id: the key within the source. */
	id: string;
	/** The CommunityMember id (v1 spec: CommunityMember), shared by contacts with the same email. */
	memberId: number;
	tags: Array<{ id: string; name: string }>;
	customFields: Record<string, StoredCustomFieldValue>;
	createdAt: string;
	updatedAt: string;
	upsertCount: number;
	/** The last request body that wrote this contact, exactly as sent. */
	lastBody: unknown;
};

export interface StoredActivity {
	sourceId: number;
	id: string;
	activityType: string;
	userId: string;
	memberId: number;
	/** Whether a contact for the activity's user (same source+id, or same email) existed before it. */
	memberExistedBefore: boolean;
	activityTitle: ApiActivity['activityTitle'] | null;
	content: ApiActivity['content'] | null;
	/** As sent, or the receive time when omitted (v1 spec: ApiActivity.timestamp). */
	timestamp: string;
	url: string | null;
	tags: Array<{ id: string; name: string }>;
	parentActivity: { id: string; activityType: string; known: boolean } | null;
	subSource: ApiActivity['subSource'] | null;
	createdAt: string;
	updatedAt: string;
	upsertCount: number;
	lastBody: unknown;
}

export interface SegmentMember {
	memberId: number;
	statusId: number | null;
	emails: string[];
}
