import { createHash } from 'node:crypto';

/**
 * Identifiers Common Room needs that the user usually does not have.
 *
 * Contact (ApiUser) `id`: the API keys a contact within a source by the `id` it is sent, and
 * expects it to come from "the third party system". A workflow that syncs by email has no such
 * id, so the node uses the normalised email itself (trimmed, lower-cased): the same person always
 * gets the same id, a re-run updates instead of duplicating, and the id is readable in Common
 * Room. Contacts and activity members use the same rule, so an activity lands on the contact
 * the Contact operations wrote.
 *
 * Activity `id`: Common Room deduplicates activities on (id, activityType) within a source. When
 * the user gives no id, the node derives one: `n8n-` + the first 32 hex digits (128 bits) of
 * SHA-256 over the JSON array [source id, member email, activity type, occurred-at as ISO 8601
 * in UTC or "" when not given, content or "", parent activity id or "" (replies only)].
 * "Now" is never part of it: without an occurred-at the hash stays the same on every re-run
 * (and Common Room keeps the time it first received the activity). The flip side: two
 * activities of the same member, type and content with no occurred-at and no id are treated as
 * the same activity; give either to keep them apart.
 */
export function contactUserId(normalizedEmail: string): string {
	return normalizedEmail;
}

export interface ActivityIdParts {
	sourceId: string;
	email: string;
	activityType: string;
	/** ISO 8601 UTC, or undefined when the user gave no date. */
	occurredAt?: string;
	content?: string;
	/** Only for replies: the parent's id, so the same text under two parents stays two replies. */
	parentId?: string;
}

export const ACTIVITY_ID_PREFIX = 'n8n-';

export function deriveActivityId(parts: ActivityIdParts): string {
	const material = JSON.stringify([
		String(parts.sourceId),
		parts.email,
		parts.activityType,
		parts.occurredAt ?? '',
		parts.content ?? '',
		parts.parentId ?? '',
	]);
	const digest = createHash('sha256').update(material, 'utf8').digest('hex');
	return `${ACTIVITY_ID_PREFIX}${digest.slice(0, 32)}`;
}
