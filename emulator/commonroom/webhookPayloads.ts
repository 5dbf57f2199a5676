// What Common Room's webhooks post: the envelope and the contact / activity / organization
// payloads, built from stored objects ("webhooks ref" = commonroom-webhooks.md, the shared
// reference, "Payload shape"). Absent or null fields are left out, as a real delivery may omit them.
import { randomId } from '../ids';
import type { WebhookEvent, WebhookFault } from '../types';
import type { StoredActivity, StoredContact } from './store';

export const WEBHOOK_EVENTS = ['newContact', 'newOrganization', 'newActivity', 'contactsMeetingCriteria', 'websiteVisit'] as const;

// webhooks ref: "version (e.g. "202304")".
export const PAYLOAD_VERSION = '202304';

type Payload = Record<string, unknown>;

/**
 * The payload `type` each event carries (webhooks ref "Setup": the template's payload). Website
 * visits default to the anonymous visit's organization; with `contactEmail` they carry a contact
 * (README "Choices", webhook payloads).
 */
export const PAYLOAD_TYPES: Record<WebhookEvent, 'member' | 'organization' | 'activity'> = {
	newContact: 'member',
	contactsMeetingCriteria: 'member',
	newActivity: 'activity',
	newOrganization: 'organization',
	websiteVisit: 'organization',
};

export interface Envelope {
	id: string;
	type: WebhookEvent;
	source: { type: 'workflow'; id: number; name: string };
	payload: Payload;
}

/** webhooks ref: `"<community>-<workflow>-<provider>-<token>"`, unique per event. */
export function envelopeId(communityId: string, workflowId: number, provider: 'api' | 'manual' | 'test'): string {
	return `${communityId}-${workflowId}-${provider}-${randomId(20)}`;
}

/** The exact bytes a delivery sends; a body fault bends them (README "Webhooks", faults). */
export function deliveryBody(envelope: Envelope, faults: WebhookFault[]): string {
	if (faults.includes('notJson')) return `id=${envelope.id}&type=${envelope.type} (this body is not JSON)`;
	if (faults.includes('array')) return JSON.stringify([envelope]);
	if (faults.includes('noPayload')) return JSON.stringify({ id: envelope.id, type: envelope.type, source: envelope.source });
	return JSON.stringify(envelope);
}

const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** Drops absent, null and empty fields (and objects left empty). */
function compact(fields: Payload): Payload {
	const out: Payload = {};
	for (const [key, value] of Object.entries(fields)) {
		if (!present(value)) continue;
		if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as Payload).length === 0) continue;
		out[key] = value;
	}
	return out;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const handleValue = (value: unknown): string | undefined => text((value as { value?: unknown } | null | undefined)?.value);

/** "@Ada" or "https://twitter.com/Ada/" → "Ada" (case kept: a receiver shows it). */
function bareHandle(value: string | undefined, hosts: RegExp): string | undefined {
	const bare = value?.replace(hosts, '').replace(/^@/, '').replace(/\/+$/, '');
	return bare || undefined;
}

/** webhooks ref: handles like "in/name" for LinkedIn; a bare name is a person's profile. */
function linkedInHandle(value: string | undefined): string | undefined {
	const bare = bareHandle(value, /^https?:\/\/([a-z]+\.)?linkedin\.com\//i);
	return bare && !bare.includes('/') ? `in/${bare}` : bare;
}

/** v1 ApiUser.discord is username + discriminator; "0" is Discord's "no discriminator". */
function discordHandle(value: unknown): string | undefined {
	const discord = value as { username?: string; discriminator?: string | number } | null | undefined;
	if (!text(discord?.username)) return undefined;
	const tag = String(discord?.discriminator ?? '0');
	return tag === '0' || tag === '' ? discord?.username : `${discord?.username}#${tag}`;
}

/** ApiUser has no YouTube handle; an externalProfiles URL on youtube.com stands for it. */
function youtube(value: unknown): { youtube?: string; youtubeUrl?: string } {
	const profiles = Array.isArray(value) ? (value as Array<{ url?: unknown }>) : [];
	const url = profiles.map((profile) => text(profile?.url)).find((u) => u && /^https?:\/\/(www\.)?youtube\.com\//i.test(u));
	return url ? { youtube: bareHandle(url, /^https?:\/\/(www\.)?youtube\.com\//i), youtubeUrl: url } : {};
}

/** README "Choices", members lookup: the same link `GET /members` answers. */
export function contactLink(communityId: string, memberId: number): string {
	return `https://app.commonroom.io/community/${communityId}/member/${memberId}`;
}

/**
 * webhooks ref "Contact (member) fields". The v1 API stores one location per user; it goes
 * under `organization.location`, where the sample has it (README "Choices", webhook payloads).
 */
export function contactPayload(contact: StoredContact, communityId: string): Payload {
	const email = text(contact.email);
	const linkedIn = linkedInHandle(handleValue(contact.linkedin));
	const twitter = bareHandle(handleValue(contact.twitter), /^https?:\/\/(www\.)?(twitter|x)\.com\//i);
	const github = bareHandle(handleValue(contact.github), /^https?:\/\/(www\.)?github\.com\//i);
	const fullName = text(contact.fullName) ?? ([text(contact.firstName), text(contact.lastName)].filter(Boolean).join(' ') || undefined);
	return compact({
		type: 'member',
		primaryEmail: email,
		allEmails: email ? [email] : undefined,
		fullName,
		title: text(contact.titleAtCompany),
		organization: compact({
			name: text(contact.companyName),
			domain: text(contact.companyDomain),
			location: compact({ city: text(contact.city), region: text(contact.region), country: text(contact.country) }),
		}),
		linkedIn,
		linkedInUrl: linkedIn && `https://www.linkedin.com/${linkedIn}`,
		twitter,
		twitterUrl: twitter && `https://twitter.com/${twitter}`,
		github,
		githubUrl: github && `https://github.com/${github}`,
		// No discordUrl: a Discord profile URL needs the numeric user id, which ApiUser lacks.
		discord: discordHandle(contact.discord),
		...youtube(contact.externalProfiles),
		avatarUrl: text(contact.avatarUrl),
		commonRoomContactLink: contactLink(communityId, contact.memberId),
		version: PAYLOAD_VERSION,
	});
}

/** webhooks ref "Activity payload fields seen". serviceName is "API": the activity came through the v1 API. */
export function activityPayload(activity: StoredActivity, contact: StoredContact, communityId: string): Payload {
	const activityRef = encodeURIComponent(`${activity.sourceId}:${activity.id}:${activity.activityType}`);
	return compact({
		type: 'activity',
		member: contactPayload(contact, communityId),
		content: activity.content?.value,
		version: PAYLOAD_VERSION,
		timestamp: new Date(activity.timestamp).toISOString(),
		serviceName: 'API',
		activityType: activity.activityType,
		externalActivityUrl: activity.url,
		commonRoomActivityUrl: `https://app.commonroom.io/community/${communityId}/activity/${activityRef}`,
		// Not in the public sample (README "Choices" 29): the activity's own id and, for a reply, its
		// parent, so a receiver can thread replies.
		activityId: activity.id,
		parentActivity: activity.parentActivity ? { id: activity.parentActivity.id, activityType: activity.parentActivity.activityType } : undefined,
	});
}

/** The sample contact test payloads carry (Settings > Webhooks sends one before any workflow exists). */
export function sampleContactPayload(communityId: string): Payload {
	return {
		type: 'member',
		primaryEmail: 'sample.contact@example.com',
		allEmails: ['sample.contact@example.com'],
		fullName: 'Sample Contact',
		title: 'Developer Advocate',
		organization: { name: 'Example Inc', domain: 'example.com', location: { city: 'Berlin', region: 'Berlin', country: 'Germany' } },
		linkedIn: 'in/sample-contact',
		linkedInUrl: 'https://www.linkedin.com/in/sample-contact',
		twitter: 'samplecontact',
		twitterUrl: 'https://twitter.com/samplecontact',
		github: 'sample-contact',
		githubUrl: 'https://github.com/sample-contact',
		commonRoomContactLink: contactLink(communityId, 0),
		version: PAYLOAD_VERSION,
	};
}

/** An on-demand event's payload when the caller gives none. */
export function samplePayload(event: WebhookEvent, communityId: string): Payload {
	const member = sampleContactPayload(communityId);
	if (PAYLOAD_TYPES[event] === 'member') return member;
	if (PAYLOAD_TYPES[event] === 'organization') return { type: 'organization', ...(member.organization as Payload) };
	return {
		type: 'activity',
		member,
		content: 'Sample activity',
		version: PAYLOAD_VERSION,
		timestamp: new Date().toISOString(),
		serviceName: 'API',
		activityType: 'replied',
	};
}
