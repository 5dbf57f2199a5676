/**
 * The trigger's events and the v2 list each one reads (v2 spec: paths./contacts, /activities,
 * /organizations, all with `sort=id`, `direction`, `cursor`, `limit` ≤ 200 and `cols`).
 * Event keys are the webhook Common Room Trigger's, so `$json.type` reads the same in both.
 */
import type { IDataObject } from 'n8n-workflow';

import type { IdKind } from './ids';

export const EVENTS = [
	{
		name: 'New Contact in Segment',
		value: 'newContact',
		description: 'A contact joined a segment (or, with Newest Contacts Only, a contact newer than any seen in it)',
	},
	{ name: 'New Activity', value: 'newActivity', description: 'Common Room recorded a new activity, optionally of chosen types or for one organization' },
	{ name: 'New Organization', value: 'newOrganization', description: 'Common Room has a new organization' },
] as const;

export type PollEvent = (typeof EVENTS)[number]['value'];

export const EVENT_KEYS: readonly string[] = EVENTS.map((event) => event.value);

/** How "New Contact in Segment" tells a new contact (the v2 Contact has no time it joined a segment). */
export const CONTACT_RULES = [
	{
		name: 'Contacts Joining the Segment',
		value: 'joined',
		description:
			'Every contact that was not in the segment at the last poll, however old. Reads the whole segment each poll; segments of up to 10,000 contacts.',
	},
	{
		name: 'Newest Contacts Only',
		value: 'newest',
		description:
			'Contacts whose ID is above the highest seen in the segment: reads only those, any segment size, but misses older contacts that join the segment later',
	},
] as const;

export type ContactRule = (typeof CONTACT_RULES)[number]['value'];

/** The most "Contacts Joining the Segment" reads and remembers (ids kept in the workflow's static data). */
export const MAX_SEGMENT_MEMBERS = 10_000;

/** Columns asked for (v2 spec: each list's `cols` "Valid column values"): what the flat fields need, and a little more. */
export const COLUMNS: Record<PollEvent, string> = {
	newContact: 'fullName,primaryEmail,title,companyName,companyWebsite,location,profiles,tags,url',
	newActivity: 'contactId,content,isUserInitiated,participantCount,providerId,providerName,replyCount,sentiment,subSourceNames,url',
	newOrganization: 'about,employees,linkedInUrl,location,profiles,tags,url',
};

export interface PollQuery {
	event: PollEvent;
	kind: IdKind;
	/** For messages: "contact", "activity", "organization". */
	noun: string;
	path: string;
	/** The list's filters (segmentId, organizationId). */
	filters: IDataObject;
	/** 'id' for activities and organizations. */
	rule: ContactRule | 'id';
	/** Empty = every type. Compared with the activity's `type`. */
	activityTypes: string[];
	/** What the stored state belongs to: a change of any of these starts over. */
	fingerprint: string;
}

export function buildQuery(
	event: PollEvent,
	choices: { segmentId?: string; contactRule?: ContactRule; organizationId?: string; activityTypes?: string[] },
): PollQuery {
	if (event === 'newContact') {
		const rule = choices.contactRule ?? 'joined';
		const filters = { segmentId: choices.segmentId };
		return { event, kind: 'contact', noun: 'contact', path: '/contacts', filters, rule, activityTypes: [], fingerprint: JSON.stringify([event, filters.segmentId, rule]) };
	}
	if (event === 'newActivity') {
		const filters: IDataObject = choices.organizationId ? { organizationId: choices.organizationId } : {};
		return {
			event,
			kind: 'activity',
			noun: 'activity',
			path: '/activities',
			filters,
			rule: 'id',
			activityTypes: choices.activityTypes ?? [],
			// The mark is over every activity of the list, so choosing other types needs no new start.
			fingerprint: JSON.stringify([event, choices.organizationId ?? null]),
		};
	}
	return { event, kind: 'organization', noun: 'organization', path: '/organizations', filters: {}, rule: 'id', activityTypes: [], fingerprint: JSON.stringify([event]) };
}

/** Whether a record is one the user wants (the v2 list has no activity type filter: checked here). */
export function matcherOf(query: PollQuery): (record: IDataObject) => boolean {
	if (query.activityTypes.length === 0) return () => true;
	const wanted = new Set(query.activityTypes);
	return (record) => typeof record.type === 'string' && wanted.has(record.type);
}
