/**
 * The visibility builder against every visibility example of Team Common Ground's Activity API
 * document (docs/reference/teamcommonground-activity-api-doc.txt, "Visibility").
 */
import { buildVisibility, type VisibilityChoices } from '../../../packages/n8n-nodes-teamcommonground/nodes/TeamCommonGround/helpers/visibility';

const choices = (partial: Partial<VisibilityChoices>): VisibilityChoices => ({
	teamRoles: ['admin', 'staff'],
	allClients: false,
	userIds: [],
	externalClientIds: [],
	...partial,
});

function ok(partial: Partial<VisibilityChoices>) {
	const result = buildVisibility(choices(partial));
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result;
}

describe('buildVisibility: the document examples', () => {
	it('"Team only (default)": ["role:admin", "role:staff"]', () => {
		const result = ok({});
		expect(result.visibility).toEqual(['role:admin', 'role:staff']);
		expect(result.summary).toBe('team only');
		expect(result.notes).toEqual([]);
	});

	it('"Team + all clients": ["role:admin", "role:staff", "role:client"]', () => {
		const result = ok({ allClients: true });
		expect(result.visibility).toEqual(['role:admin', 'role:staff', 'role:client']);
		expect(result.summary).toBe('team + all clients');
	});

	it('"Team + specific client": ["role:admin", "role:staff", "user:abc123xyz"]', () => {
		const result = ok({ userIds: ['abc123xyz'] });
		expect(result.visibility).toEqual(['role:admin', 'role:staff', 'user:abc123xyz']);
		expect(result.summary).toBe('team + 1 specific user');
	});

	it('"External ID Mapping": ["role:admin", "role:staff", "user:cust_12345"]', () => {
		const result = ok({ externalClientIds: ['cust_12345'] });
		expect(result.visibility).toEqual(['role:admin', 'role:staff', 'user:cust_12345']);
		expect(result.summary).toBe('team + 1 specific client');
	});

	it('the payload example: ["role:admin", "role:staff", "role:client"]', () => {
		expect(ok({ allClients: true }).visibility).toEqual(['role:admin', 'role:staff', 'role:client']);
	});
});

describe('buildVisibility: the document rules', () => {
	it('never lists role:owner (always included automatically), except for owner only', () => {
		expect(ok({ allClients: true, userIds: ['u1'] }).visibility).not.toContain('role:owner');
		const ownerOnly = ok({ teamRoles: [] });
		expect(ownerOnly.visibility).toEqual(['role:owner']);
		expect(ownerOnly.summary).toBe('owner only');
	});

	it('keeps the team roles when sharing with all clients, and says so', () => {
		const result = ok({ teamRoles: [], allClients: true });
		expect(result.visibility).toEqual(['role:admin', 'role:staff', 'role:client']);
		expect(result.summary).toBe('team + all clients');
		expect(result.notes.join(' ')).toMatch(/Added role:admin and role:staff/);
		expect(ok({ teamRoles: ['admin'], externalClientIds: ['cust_1'] }).visibility).toEqual([
			'role:admin',
			'role:staff',
			'user:cust_1',
		]);
	});

	it('does not force team roles for specific user IDs (they may be team members)', () => {
		const result = ok({ teamRoles: ['staff'], userIds: ['uid_9'] });
		expect(result.visibility).toEqual(['role:staff', 'user:uid_9']);
		expect(result.summary).toBe('staff + 1 specific user');
	});

	it('removes duplicates, also across user IDs and external client IDs', () => {
		const result = ok({ userIds: ['a1', 'a1', 'b2'], externalClientIds: ['b2', 'c3'], teamRoles: ['staff', 'admin', 'admin'] });
		expect(result.visibility).toEqual(['role:admin', 'role:staff', 'user:a1', 'user:b2', 'user:c3']);
		expect(result.notes.filter((note) => note.startsWith('Removed'))).toHaveLength(2);
	});

	it('accepts a typed user: prefix without doubling it', () => {
		expect(ok({ userIds: ['user:abc123xyz', ' user:x2 '] }).visibility).toEqual([
			'role:admin',
			'role:staff',
			'user:abc123xyz',
			'user:x2',
		]);
	});

	it.each([
		[{ userIds: ['has space'] }, 'Specific Users (User IDs)', /spaces or commas/],
		[{ userIds: ['role:client'] }, 'Specific Users (User IDs)', /is a role/],
		[{ externalClientIds: ['a,b'] }, 'Specific Clients (External Client IDs)', /spaces or commas/],
		[{ userIds: ['x'.repeat(129)] }, 'Specific Users (User IDs)', /longer than 128/],
		[{ teamRoles: ['owner'] }, 'Team Roles', /not a team role/],
	])('checks each entry: %p', (partial, field, problem) => {
		const result = buildVisibility(choices(partial as Partial<VisibilityChoices>));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems[0].field).toBe(field);
		expect(result.problems[0].problem).toMatch(problem);
	});

	it('summarises several audiences in plain words', () => {
		expect(ok({ allClients: true, userIds: ['u1', 'u2'], externalClientIds: ['c1'] }).summary).toBe(
			'team + all clients + 2 specific users + 1 specific client',
		);
		expect(ok({ teamRoles: ['admin'] }).summary).toBe('admins only');
	});
});
