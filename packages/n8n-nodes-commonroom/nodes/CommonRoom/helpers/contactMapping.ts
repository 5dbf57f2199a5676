/**
 * From the flat fields people have (a sheet row, a form, a CRM record) to Common Room's ApiUser
 * (v1 spec: components/schemas/ApiUser). Pure functions: problems come back as data naming the
 * field, so the operation can fail the item before anything is sent.
 *
 * Rules:
 * - `id` is the normalised email (see ids.ts); `email` is sent too, for Common Room's matching.
 * - A field whose value is empty (undefined, null, blank text) is left out of the request, so it
 *   keeps whatever Common Room already holds (the API merges what it is sent).
 * - Social fields accept "@handle", a bare handle or a profile URL (see social.ts).
 * - slackUserId has no place in ApiUser: the caller writes it to a custom field of that name
 *   when the workspace has one, and otherwise reports it on the output item.
 */
import type { IDataObject } from 'n8n-workflow';

import { contactUserId } from './ids';
import { normalizeFieldKey } from './customFields';
import {
	parseDiscord,
	parseGithub,
	parseLinkedin,
	parseTwitter,
	type ExternalProfile,
	type Parsed,
} from './social';
import { isHttpUrl, type Problem } from '../../shared/parameters';

/** Plain-text ApiUser fields, sent under the same name. */
export const TEXT_FIELDS = [
	'fullName',
	'firstName',
	'lastName',
	'username',
	'bio',
	'companyName',
	'titleAtCompany',
	'roleAtCompany',
	'country',
	'region',
	'city',
	'rawLocation',
] as const;

/** Flat social fields (the names reverse-ETL tools use) and where each goes. */
export const SOCIAL_FIELDS = [
	'twitterUsername',
	'linkedinUrl',
	'githubUsername',
	'discordUsername',
	'slackUserId',
] as const;

export type TextField = (typeof TEXT_FIELDS)[number];
export type SocialField = (typeof SOCIAL_FIELDS)[number];
export type StandardField = TextField | SocialField | 'avatarUrl' | 'companyDomain';

export const STANDARD_FIELDS: readonly StandardField[] = [
	...TEXT_FIELDS,
	'avatarUrl',
	'companyDomain',
	...SOCIAL_FIELDS,
];

/**
 * Other names an input key may have in "Map Input Fields by Name" (compared after lower-casing
 * and dropping everything but letters and digits, so "Full Name" = "full_name" = "fullName").
 */
const ALIASES = new Map<string, StandardField | 'email' | 'tags' | 'externalProfiles'>(
	Object.entries({
	email: 'email',
	emailaddress: 'email',
	name: 'fullName',
	company: 'companyName',
	organization: 'companyName',
	title: 'titleAtCompany',
	jobtitle: 'titleAtCompany',
	role: 'roleAtCompany',
	location: 'rawLocation',
	avatar: 'avatarUrl',
	twitter: 'twitterUsername',
	twitterhandle: 'twitterUsername',
	linkedin: 'linkedinUrl',
	linkedinusername: 'linkedinUrl',
	github: 'githubUsername',
	githubhandle: 'githubUsername',
	discord: 'discordUsername',
	slackid: 'slackUserId',
	tags: 'tags',
	tagnames: 'tags',
		externalprofiles: 'externalProfiles',
	} as const),
);
for (const field of STANDARD_FIELDS) ALIASES.set(normalizeFieldKey(field), field);

export type InputKeyKind =
	| { kind: 'email' }
	| { kind: 'tags' }
	| { kind: 'externalProfiles' }
	| { kind: 'standard'; field: StandardField }
	| { kind: 'other' };

/** What an input item's key means in "Map Input Fields by Name". */
export function classifyInputKey(key: string): InputKeyKind {
	const target = ALIASES.get(normalizeFieldKey(key));
	if (!target) return { kind: 'other' };
	if (target === 'email' || target === 'tags' || target === 'externalProfiles') return { kind: target };
	return { kind: 'standard', field: target };
}

export interface TagInput {
	names: string[];
	ids: string[];
}

export type TagAssignment = { type: 'name'; name: string } | { type: 'id'; id: string };

export interface ContactInput {
	/** Already normalised (normalizeEmail). */
	email: string;
	fields: Partial<Record<StandardField, unknown>>;
	tags?: TagInput;
	externalProfiles?: unknown;
}


export interface BuiltUser {
	/** ApiUser without customFields. */
	user: IDataObject;
	/** Non-empty slackUserId, for the caller to place (custom field or `unmapped`). */
	slackUserId?: string;
	problems: Problem[];
}

export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Text from a scalar; a problem for objects and lists. */
function asText(value: unknown): Parsed<string> {
	if (typeof value === 'string') return { ok: true, value: value.trim() };
	if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
	return { ok: false, problem: 'expects text, got ' + (Array.isArray(value) ? 'a list' : 'an object') };
}

/** "https://www.acme.com/about" → "acme.com"; "ACME.com" → "acme.com". */
export function normalizeDomain(value: string): string | undefined {
	let text = value.trim().toLowerCase();
	text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^www\./, '');
	text = text.split(/[/?#]/)[0].replace(/:\d+$/, '').replace(/\.$/, '');
	return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(text) ? text : undefined;
}

export function tagAssignments(tags: TagInput | undefined): TagAssignment[] {
	if (!tags) return [];
	const out: TagAssignment[] = [];
	const seen = new Set<string>();
	for (const id of tags.ids) {
		if (!seen.has(`id:${id}`)) out.push({ type: 'id', id });
		seen.add(`id:${id}`);
	}
	for (const name of tags.names) {
		const key = `name:${name.toLowerCase()}`;
		if (!seen.has(key)) out.push({ type: 'name', name });
		seen.add(key);
	}
	return out;
}

/** externalProfiles input: a URL, a list of URLs, or a list of { url, name }. */
export function parseExternalProfiles(value: unknown): Parsed<ExternalProfile[]> {
	if (isBlank(value)) return { ok: true, value: [] };
	let list: unknown[] = Array.isArray(value) ? value : [value];
	if (typeof value === 'string' && value.trim().startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(value);
			if (Array.isArray(parsed)) list = parsed;
		} catch {
			return { ok: false, problem: 'is not valid JSON' };
		}
	} else if (typeof value === 'string') {
		list = value.split(',');
	}
	const profiles: ExternalProfile[] = [];
	for (const entry of list) {
		if (isBlank(entry)) continue;
		const profile =
			typeof entry === 'string'
				? { url: entry.trim() }
				: entry && typeof entry === 'object'
					? (entry as { url?: unknown; name?: unknown })
					: undefined;
		const url = typeof profile?.url === 'string' ? profile.url.trim() : '';
		if (!isHttpUrl(url)) {
			return { ok: false, problem: `needs http(s) URLs, got ${JSON.stringify(entry)}` };
		}
		const name = typeof profile?.name === 'string' && profile.name.trim() ? profile.name.trim() : undefined;
		profiles.push(name ? { url, name } : { url });
	}
	return { ok: true, value: profiles };
}

/** ApiUser (without customFields) for one contact, or the problems that stop it. */
export function buildUser(input: ContactInput): BuiltUser {
	const problems: Problem[] = [];
	const user: IDataObject = { id: contactUserId(input.email), email: input.email };
	const externalProfiles: ExternalProfile[] = [];
	let slackUserId: string | undefined;

	for (const field of STANDARD_FIELDS) {
		const raw = input.fields[field];
		if (isBlank(raw)) continue;
		const text = asText(raw);
		if (!text.ok) {
			problems.push({ field, problem: text.problem });
			continue;
		}
		const value = text.value;
		switch (field) {
			case 'avatarUrl':
				if (isHttpUrl(value)) user.avatarUrl = value;
				else problems.push({ field, problem: `expects an http(s) URL, got ${JSON.stringify(value)}` });
				break;
			case 'companyDomain': {
				const domain = normalizeDomain(value);
				if (domain) user.companyDomain = domain;
				else problems.push({ field, problem: `expects a web domain such as acme.com, got ${JSON.stringify(value)}` });
				break;
			}
			case 'twitterUsername':
				place(parseTwitter(value), field, (handle) => (user.twitter = { ...handle }));
				break;
			case 'githubUsername':
				place(parseGithub(value), field, (handle) => (user.github = { ...handle }));
				break;
			case 'linkedinUrl':
				place(parseLinkedin(value), field, (handle) => (user.linkedin = { ...handle }));
				break;
			case 'discordUsername':
				place(parseDiscord(value), field, (parsed) => {
					if ('discord' in parsed) user.discord = { ...parsed.discord };
					else externalProfiles.push(parsed.externalProfile);
				});
				break;
			case 'slackUserId':
				slackUserId = value;
				break;
			default:
				user[field] = value;
		}
	}

	const listed = parseExternalProfiles(input.externalProfiles);
	if (listed.ok) externalProfiles.push(...listed.value);
	else problems.push({ field: 'externalProfiles', problem: listed.problem });
	if (externalProfiles.length > 0) user.externalProfiles = externalProfiles.map((profile) => ({ ...profile }));

	const tags = tagAssignments(input.tags);
	if (tags.length > 0) user.tags = tags.map((tag) => ({ ...tag }));

	return { user, slackUserId, problems };

	function place<T>(parsed: Parsed<T>, field: string, apply: (value: T) => void) {
		if (parsed.ok) apply(parsed.value);
		else problems.push({ field, problem: parsed.problem });
	}
}
