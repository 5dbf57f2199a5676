/**
 * The ready-to-map fields of a delivery (`{{ $json.email }}`), read from a payload whose fields
 * may be added or missing at any time: an absent or odd-typed field is null, never an error.
 * Field names follow the reference sample (commonroom-webhooks.md).
 */
import type { IDataObject } from 'n8n-workflow';

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A scalar as it is; null for anything else (objects, lists, absent). */
function scalar(value: unknown): string | number | boolean | null {
	return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
		? value
		: null;
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

const HANDLES = ['linkedIn', 'twitter', 'github', 'discord', 'youtube'] as const;

/** The contact's email: its primaryEmail, else the first usable entry of allEmails. */
function emailOf(member: IDataObject): string | null {
	const primary = text(member.primaryEmail);
	if (primary) return primary;
	const all = Array.isArray(member.allEmails) ? member.allEmails : [];
	for (const entry of all) {
		const email = text(entry);
		if (email) return email;
	}
	return null;
}

export function flattenContact(member: unknown): IDataObject {
	const contact = isObject(member) ? member : {};
	const organization = isObject(contact.organization) ? contact.organization : {};
	const flat: IDataObject = {
		email: emailOf(contact),
		fullName: scalar(contact.fullName),
		title: scalar(contact.title),
		organizationName: scalar(organization.name),
		organizationDomain: scalar(organization.domain),
	};
	for (const handle of HANDLES) {
		flat[handle] = scalar(contact[handle]);
		flat[`${handle}Url`] = scalar(contact[`${handle}Url`]);
	}
	flat.commonRoomContactLink = scalar(contact.commonRoomContactLink);
	return flat;
}

/** An activity's content as text: a string as it is, `{ value }` (as Common Room's API writes it) by its value. */
function contentOf(content: unknown): string | null {
	if (typeof content === 'string') return content;
	if (isObject(content) && typeof content.value === 'string') return content.value;
	return null;
}

export function flattenActivity(payload: IDataObject): IDataObject {
	return {
		...flattenContact(payload.member),
		activityType: scalar(payload.activityType),
		content: contentOf(payload.content),
		serviceName: scalar(payload.serviceName),
		timestamp: scalar(payload.timestamp),
		externalActivityUrl: scalar(payload.externalActivityUrl),
		commonRoomActivityUrl: scalar(payload.commonRoomActivityUrl),
	};
}

export function flattenOrganization(payload: IDataObject): IDataObject {
	const location = isObject(payload.location) ? payload.location : {};
	return {
		organizationName: scalar(payload.name),
		organizationDomain: scalar(payload.domain),
		city: scalar(location.city),
		region: scalar(location.region),
		country: scalar(location.country),
	};
}

/** The flat fields for a payload of any type: by what the payload says it is. */
export function flattenPayload(payload: IDataObject): IDataObject {
	const type = typeof payload.type === 'string' ? payload.type.toLowerCase() : '';
	if (type === 'activity') return flattenActivity(payload);
	if (type === 'organization') return flattenOrganization(payload);
	// A contact payload, or one whose type is new: its contact fields where it has them.
	return flattenContact(payload);
}
