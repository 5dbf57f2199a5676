/**
 * Social handles as people paste them ("@jane", "jane", "https://x.com/jane") turned into the
 * shapes of Common Room's ApiUser (v1 spec: components/schemas/ApiUser). Pure functions: each
 * returns the wire value or a problem sentence for the caller to attach to the field.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface HandleValue {
	type: 'handle';
	value: string;
}

export interface DiscordValue {
	type: 'username';
	username: string;
	discriminator: string;
}

export interface ExternalProfile {
	url: string;
	name?: string;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(problem: string): Parsed<T> => ({ ok: false, problem });

/** Path segments of `text` when it is a URL (with or without scheme) on one of `hosts`. */
function profilePath(text: string, hosts: string[]): string[] | undefined {
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		return undefined;
	}
	const host = url.hostname.toLowerCase();
	if (!hosts.some((wanted) => host === wanted || host.endsWith(`.${wanted}`))) return undefined;
	return url.pathname
		.split('/')
		.map((segment) => safeDecode(segment))
		.filter(Boolean);
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function looksLikeUrl(text: string): boolean {
	return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(text);
}

const TWITTER_HANDLE = /^[A-Za-z0-9_]{1,50}$/;
const GITHUB_HANDLE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/** "@jane", "jane", "twitter.com/jane", "https://x.com/jane?s=20" → { type: 'handle', value: 'jane' }. */
export function parseTwitter(input: string): Parsed<HandleValue> {
	const text = input.trim();
	let handle = text.replace(/^@/, '');
	if (looksLikeUrl(text)) {
		const path = profilePath(text, ['twitter.com', 'x.com']);
		if (!path?.length) return bad(`${JSON.stringify(text)} is not a Twitter/X profile URL`);
		handle = path[0].replace(/^@/, '');
	}
	if (!TWITTER_HANDLE.test(handle)) {
		return bad(
			`${JSON.stringify(text)} is not a Twitter/X handle (letters, digits and _ only); use "@handle", "handle" or https://x.com/handle`,
		);
	}
	return ok({ type: 'handle', value: handle });
}

/** "@octocat", "octocat", "https://github.com/octocat" → { type: 'handle', value: 'octocat' }. */
export function parseGithub(input: string): Parsed<HandleValue> {
	const text = input.trim();
	let handle = text.replace(/^@/, '');
	if (looksLikeUrl(text)) {
		const path = profilePath(text, ['github.com']);
		if (!path?.length) return bad(`${JSON.stringify(text)} is not a GitHub profile URL`);
		handle = path[0];
	}
	if (!GITHUB_HANDLE.test(handle)) {
		return bad(
			`${JSON.stringify(text)} is not a GitHub username (letters, digits and -); use "@user", "user" or https://github.com/user`,
		);
	}
	return ok({ type: 'handle', value: handle });
}

/**
 * "https://www.linkedin.com/in/jane-doe/", "linkedin.com/in/jane-doe", "in/jane-doe", "@jane-doe",
 * "jane-doe" → { type: 'handle', value: 'in/jane-doe' } (the API's example shape "in/person").
 * Other LinkedIn paths (company/..., pub/...) are kept as they are.
 */
export function parseLinkedin(input: string): Parsed<HandleValue> {
	const text = input.trim();
	let path: string[];
	if (looksLikeUrl(text)) {
		const found = profilePath(text, ['linkedin.com']);
		if (!found?.length) return bad(`${JSON.stringify(text)} is not a LinkedIn profile URL`);
		path = found;
	} else {
		path = text.replace(/^@/, '').split('/').filter(Boolean);
	}
	if (path.length === 1 && path[0].toLowerCase() !== 'in') path = ['in', path[0]];
	else if (path[0]?.toLowerCase() === 'in') path = ['in', path[1]];
	if (path.length < 2 || path.some((segment) => !segment || /\s/.test(segment))) {
		return bad(
			`${JSON.stringify(text)} is not a LinkedIn profile; use https://www.linkedin.com/in/name, "in/name" or "name"`,
		);
	}
	return ok({ type: 'handle', value: path.join('/') });
}

/**
 * "name#1234" → { username: 'name', discriminator: '1234' }; "@name" or "name" (Discord's unique
 * usernames, which have no discriminator) → discriminator "0", as Discord itself reports them.
 * A profile URL (discord.com/users/<numeric id>) carries no username: it becomes an external
 * profile instead.
 */
export function parseDiscord(
	input: string,
): Parsed<{ discord: DiscordValue } | { externalProfile: ExternalProfile }> {
	const text = input.trim();
	if (looksLikeUrl(text)) {
		const path = profilePath(text, ['discord.com', 'discordapp.com']);
		if (path && path[0] === 'users' && /^\d+$/.test(path[1] ?? '')) {
			return ok({ externalProfile: { url: `https://discord.com/users/${path[1]}`, name: 'Discord' } });
		}
		return bad(`${JSON.stringify(text)} is not a Discord profile URL (https://discord.com/users/<id>)`);
	}
	const legacy = /^(.+)#(\d{1,4})$/.exec(text.replace(/^@/, ''));
	const username = (legacy ? legacy[1] : text.replace(/^@/, '')).trim();
	if (!username || username.length > 32 || /[@#:]|```/.test(username) || (!legacy && /\s/.test(username))) {
		return bad(`${JSON.stringify(text)} is not a Discord username; use "name", "@name" or "name#1234"`);
	}
	return ok({ discord: { type: 'username', username, discriminator: legacy ? legacy[2] : '0' } });
}
