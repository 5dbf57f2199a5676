/**
 * The ready-to-map fields of a v2 record, named as the webhook Common Room Trigger names them
 * (`{{ $json.email }}`, `fullName`, `organizationName`, …), so a workflow reads the same fields
 * whichever trigger starts it. A field the record lacks, or has in another type, is null, never
 * an error. Field names of the records: v2 spec, components/schemas Contact, ApiActivity,
 * Organization.
 */
import type { IDataObject } from 'n8n-workflow';

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function scalar(value: unknown): string | number | boolean | null {
	return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
		? value
		: null;
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Profile `type` (v2 `profiles[].type`, compared in lower case) → the webhook trigger's field. */
const HANDLES = { linkedin: 'linkedIn', twitter: 'twitter', github: 'github', discord: 'discord', youtube: 'youtube' } as const;

function locationOf(value: unknown): IDataObject {
	const location = isObject(value) ? value : {};
	return { city: scalar(location.city), region: scalar(location.region), country: scalar(location.country) };
}

/** A v2 Contact. Profiles give the handle; its `…Url` field is set only when the value is a link. */
export function flattenContact(record: unknown): IDataObject {
	const contact = isObject(record) ? record : {};
	const flat: IDataObject = {
		contactId: scalar(contact.id),
		email: text(contact.primaryEmail),
		fullName: scalar(contact.fullName) ?? scalar(contact.name),
		title: scalar(contact.title),
		organizationName: scalar(contact.companyName),
		organizationDomain: scalar(contact.companyWebsite),
		...locationOf(contact.location),
	};
	const profiles = Array.isArray(contact.profiles) ? contact.profiles.filter(isObject) : [];
	for (const [type, field] of Object.entries(HANDLES)) {
		const profile = profiles.find((entry) => typeof entry.type === 'string' && entry.type.toLowerCase() === type);
		const value = text(profile?.value);
		flat[field] = value;
		flat[`${field}Url`] = value !== null && /^https?:\/\//i.test(value) ? value : null;
	}
	flat.commonRoomContactLink = scalar(contact.url);
	return flat;
}

/** A v2 ApiActivity; `contact` (a v2 Contact, when fetched) adds the contact's fields first. */
export function flattenActivity(record: IDataObject, contact?: IDataObject | null): IDataObject {
	return {
		...(contact === undefined ? {} : flattenContact(contact ?? {})),
		activityId: scalar(record.id),
		contactId: scalar(record.contactId),
		activityType: scalar(record.type),
		content: scalar(record.content),
		serviceName: scalar(record.providerName),
		timestamp: scalar(record.activityTime),
		externalActivityUrl: scalar(record.url),
	};
}

/** A v2 Organization. */
export function flattenOrganization(record: IDataObject): IDataObject {
	return {
		organizationId: scalar(record.id),
		organizationName: scalar(record.name),
		organizationDomain: scalar(record.primaryDomain),
		...locationOf(record.location),
		employees: scalar(record.employees),
		linkedInUrl: scalar(record.linkedInUrl),
		commonRoomOrganizationLink: scalar(record.url),
	};
}
