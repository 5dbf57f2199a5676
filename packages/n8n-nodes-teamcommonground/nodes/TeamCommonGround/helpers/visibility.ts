import { quote, type Problem } from '../../shared/parameters';

/**
 * The one visibility builder: the Visibility → Build List operation and the Visibility field
 * of every create operation both call `buildVisibility`, so the list a user previews is the
 * list that is sent.
 */

export const TEAM_ROLES = ['admin', 'staff'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export interface VisibilityChoices {
	/** Team roles that can see the activity (`role:admin`, `role:staff`). */
	teamRoles: readonly string[];
	/** `role:client`: every client of the business. */
	allClients: boolean;
	/** Specific users by their user ID (Firebase Auth UID, the client's `userId`): `user:<id>`. */
	userIds: readonly string[];
	/**
	 * Specific clients by the external client ID used in `client.id` mappings: also sent as
	 * `user:<id>`; the service converts it through the mapping ("External ID Mapping").
	 */
	externalClientIds: readonly string[];
}

export interface VisibilityList {
	/** Exactly what the API's `visibility` field receives. */
	visibility: string[];
	/** Plain words, e.g. "team + all clients". */
	summary: string;
	/** What the builder changed from the choices, and why (empty when nothing). */
	notes: string[];
}

export type VisibilityResult = ({ ok: true } & VisibilityList) | { ok: false; problems: Problem[] };

/** Firebase Auth UIDs are at most 128 characters; external IDs get some more room. */
const MAX_USER_ID_LENGTH = 128;
const MAX_EXTERNAL_ID_LENGTH = 256;

/**
 * The document's rules, applied:
 * - `role:owner` is implied ("always included automatically"), so it is never listed, except
 *   when nothing else is chosen: then the list is `["role:owner"]` (owner only), because an
 *   empty list would not say that.
 * - Sharing with clients (all clients, or specific clients by external ID) keeps both team
 *   roles ("When sharing with clients, always include team roles too"); a role the user left
 *   out is added back and the note says so. Specific user IDs may be team members, so they do
 *   not trigger the rule.
 * - Entries are ordered role:admin, role:staff, role:client, then users in the order given;
 *   duplicates are removed (also across the two ID lists).
 * - Each ID is checked: no spaces or commas, no `role:` prefix, a sane length. A `user:` prefix
 *   typed by the user is accepted and not doubled.
 */
export function buildVisibility(choices: VisibilityChoices): VisibilityResult {
	const problems: Problem[] = [];
	const notes: string[] = [];

	const roles = new Set<string>();
	for (const role of choices.teamRoles) {
		if (!(TEAM_ROLES as readonly string[]).includes(role)) {
			problems.push({
				field: 'Team Roles',
				problem: `${quote(role)} is not a team role`,
				fix: 'Choose Admin and/or Staff. The owner always sees every activity.',
			});
			continue;
		}
		roles.add(role);
	}

	const userIds = checkIds(choices.userIds, 'Specific Users (User IDs)', MAX_USER_ID_LENGTH, problems);
	const externalIds = checkIds(
		choices.externalClientIds,
		'Specific Clients (External Client IDs)',
		MAX_EXTERNAL_ID_LENGTH,
		problems,
	);
	if (problems.length > 0) return { ok: false, problems };

	const sharesWithClients = choices.allClients || externalIds.length > 0;
	if (sharesWithClients) {
		const missing = TEAM_ROLES.filter((role) => !roles.has(role));
		if (missing.length > 0) {
			for (const role of missing) roles.add(role);
			notes.push(
				`Added ${missing.map((role) => `role:${role}`).join(' and ')}: when an activity is shared with clients, Team Common Ground asks to include the team roles too.`,
			);
		}
	}

	const visibility: string[] = [];
	for (const role of TEAM_ROLES) if (roles.has(role)) visibility.push(`role:${role}`);
	if (choices.allClients) visibility.push('role:client');

	const seen = new Set<string>();
	const users: string[] = [];
	for (const id of [...userIds, ...externalIds]) {
		if (seen.has(id)) {
			notes.push(`Removed the duplicate user:${id}.`);
			continue;
		}
		seen.add(id);
		users.push(`user:${id}`);
	}
	visibility.push(...users);

	if (visibility.length === 0) {
		visibility.push('role:owner');
		notes.push('Nothing else was chosen, so only the business owner will see the activity.');
	}

	return { ok: true, visibility, summary: summarize(roles, choices.allClients, userIds, externalIds), notes };
}

function checkIds(
	ids: readonly string[],
	field: string,
	maxLength: number,
	problems: Problem[],
): string[] {
	const checked: string[] = [];
	for (const raw of ids) {
		const id = raw.trim().replace(/^user:/i, '');
		if (id === '') continue;
		let problem: string | undefined;
		if (/^role:/i.test(id)) problem = `${quote(raw)} is a role, not an ID`;
		else if (/[\s,]/.test(id)) problem = `${quote(raw)} contains spaces or commas`;
		else if (id.length > maxLength) problem = `${quote(raw)} is longer than ${maxLength} characters`;
		if (problem) {
			problems.push({
				field,
				problem,
				fix: /^role:/i.test(id)
					? 'Choose roles under Team Roles and All Clients; list only IDs here.'
					: 'List one ID per entry (or comma-separated in an expression), without spaces.',
			});
			continue;
		}
		checked.push(id);
	}
	return checked;
}

function summarize(
	roles: Set<string>,
	allClients: boolean,
	userIds: string[],
	externalIds: string[],
): string {
	const parts: string[] = [];
	if (roles.has('admin') && roles.has('staff')) parts.push('team');
	else if (roles.has('admin')) parts.push('admins');
	else if (roles.has('staff')) parts.push('staff');
	if (allClients) parts.push('all clients');
	const users = new Set(userIds).size;
	const clients = new Set(externalIds.filter((id) => !userIds.includes(id))).size;
	if (users > 0) parts.push(users === 1 ? '1 specific user' : `${users} specific users`);
	if (clients > 0) parts.push(clients === 1 ? '1 specific client' : `${clients} specific clients`);
	if (parts.length === 0) return 'owner only';
	const teamOnly = parts.length === 1 && !allClients && users === 0 && clients === 0;
	return teamOnly ? `${parts[0]} only` : parts.join(' + ');
}
