/**
 * The Common Room workflow templates that post to a webhook (reference: commonroom-webhooks.md),
 * and how a delivery is recognised as one of them.
 *
 * The one public sample of a delivery has no top-level `type`; its `payload.type` says what the
 * payload is (activity, member/contact, organization). New Contact, Contacts Meeting Criteria and
 * contact-identified Website Visits all carry a contact payload, so an envelope `type` naming the
 * template, when a delivery has one, decides; otherwise the payload's type does.
 */
export const EVENTS = [
	{ name: 'New Contact', value: 'newContact', description: 'A contact was added to Common Room (realtime)' },
	{ name: 'New Organization', value: 'newOrganization', description: 'An organization was added (realtime)' },
	{ name: 'New Activity', value: 'newActivity', description: 'A contact did something: a post, a reply, a sign-up (realtime)' },
	{
		name: 'Contacts Meeting Criteria',
		value: 'contactsMeetingCriteria',
		description: 'Contacts newly matching a workflow\'s criteria (Common Room runs it once a day)',
	},
	{ name: 'Website Visits', value: 'websiteVisit', description: 'A website visit by an organization or an identified contact' },
] as const;

export type EventKey = (typeof EVENTS)[number]['value'];

/** The Events choice's value that lets every delivery through, of a known type or not. */
export const ANY_EVENT = 'any';

const EVENT_KEYS: readonly string[] = EVENTS.map((event) => event.value);

const BY_PAYLOAD_TYPE: Record<string, EventKey> = {
	activity: 'newActivity',
	member: 'newContact',
	contact: 'newContact',
	organization: 'newOrganization',
};

/** The event a delivery is, or 'unknown' (it passes only under Any). */
export function eventOf(envelopeType: unknown, payloadType: unknown): EventKey | 'unknown' {
	if (typeof envelopeType === 'string' && EVENT_KEYS.includes(envelopeType)) return envelopeType as EventKey;
	if (typeof payloadType === 'string' && Object.hasOwn(BY_PAYLOAD_TYPE, payloadType.toLowerCase())) {
		return BY_PAYLOAD_TYPE[payloadType.toLowerCase()];
	}
	return 'unknown';
}

/** Whether the user's Events choice takes this event. */
export function isWanted(event: EventKey | 'unknown', chosen: readonly string[]): boolean {
	return chosen.includes(ANY_EVENT) || (event !== 'unknown' && chosen.includes(event));
}
