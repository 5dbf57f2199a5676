/**
 * Threading and visibility: a root, a reply and a nested reply in three chained nodes, each
 * taking its thread from the previous node's output by expression; visibility inherited or
 * chosen; external client IDs in visibility converted through the mapping.
 */
import type { Emulator } from '../../../emulator';
import { createParams, run, startTestEmulator, storedById, tcgNode } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const reply = (fields: Record<string, unknown> = {}) => ({
	resource: 'activity',
	operation: 'createReply',
	threadId: '={{ $json.threadId }}',
	source: 'my-app',
	clientEmail: 'customer@example.com',
	...fields,
});

describe('threads', () => {
	it('root → reply → nested reply: the emulator records threadId and parentActivityId', async () => {
		const result = await run(emulator, [
			tcgNode(createParams({ activityType: 'message', source: 'my-app', clientEmail: 'customer@example.com', message: 'Root' }), 'Root'),
			tcgNode(reply({ message: 'Reply to the root' }), 'Reply'),
			tcgNode(reply({ parentActivityId: '={{ $json.activityId }}', message: 'Nested reply' }), 'Nested Reply'),
		]);
		const root = result.output('Root')[0].json;
		const first = result.output('Reply')[0].json;
		const nested = result.output('Nested Reply')[0].json;

		expect(root.threadId).toBe(root.activityId);
		expect(first).toMatchObject({ threadId: root.activityId, parentActivityId: root.activityId, type: 'message' });
		expect(nested).toMatchObject({ threadId: root.activityId, parentActivityId: first.activityId });

		expect(storedById(emulator, root.activityId)).toMatchObject({ threadId: root.activityId, parentActivityId: null });
		expect(storedById(emulator, first.activityId)).toMatchObject({
			threadId: root.activityId,
			parentActivityId: root.activityId,
			message: 'Reply to the root',
		});
		expect(storedById(emulator, nested.activityId)).toMatchObject({
			threadId: root.activityId,
			parentActivityId: first.activityId,
			message: 'Nested reply',
		});
	});

	it('replies to the document\'s seeded thread (nested reply example)', async () => {
		const result = await run(
			emulator,
			[tcgNode(reply({ threadId: 'root_activity_id', parentActivityId: 'previous_reply_id', message: 'Replying to a previous reply in the thread' }))],
		);
		const stored = storedById(emulator, result.output('Team Common Ground')[0].json.activityId);
		expect(stored).toMatchObject({ threadId: 'root_activity_id', parentActivityId: 'previous_reply_id' });
		// Inherited from the parent (previous_reply_id), not from the root.
		expect(stored.visibility).toEqual(['role:owner', 'role:admin', 'role:staff', 'user:user_casey01']);
	});

	it('a reply inherits its parent\'s visibility unless one is chosen', async () => {
		const result = await run(emulator, [
			tcgNode(
				createParams({
					activityType: 'message',
					source: 'my-app',
					clientEmail: 'customer@example.com',
					message: 'Shared with clients',
					visibilityMode: 'custom',
					visibilityAllClients: true,
				}),
				'Root',
			),
			tcgNode(reply({ message: 'Inherits' }), 'Inheriting Reply'),
			tcgNode(
				reply({
					threadId: "={{ $('Root').item.json.threadId }}",
					message: 'Team only',
					visibilityMode: 'custom',
					visibilityTeamRoles: ['admin', 'staff'],
				}),
				'Team Reply',
			),
		]);
		const root = storedById(emulator, result.output('Root')[0].json.activityId);
		expect(root.visibility).toEqual(['role:owner', 'role:admin', 'role:staff', 'role:client']);
		const inheriting = storedById(emulator, result.output('Inheriting Reply')[0].json.activityId);
		expect(inheriting.requestedVisibility).toBeUndefined();
		expect(inheriting.visibility).toEqual(root.visibility);
		const team = storedById(emulator, result.output('Team Reply')[0].json.activityId);
		expect(team.threadId).toBe(root.id);
		expect(team.visibility).toEqual(['role:owner', 'role:admin', 'role:staff']);
	});

	it('rejects a reply whose thread expression is empty, before sending anything', async () => {
		// An input item that did not come from a Team Common Ground create: no threadId.
		const result = await run(emulator, [tcgNode(reply())], [{ json: { id: 42 } }]);
		expect(result.error()?.message).toMatch(/^Thread ID: is empty \[item 0\]/);
		expect(emulator.log()).toHaveLength(0);
	});
});

describe('visibility', () => {
	it('converts user:<externalId> through the client ID mapping of the source', async () => {
		const result = await run(emulator, [
			tcgNode(
				createParams({
					source: 'my-crm',
					clientId: 'ABCDE12345',
					message: 'Shared with John',
					visibilityMode: 'custom',
					visibilityExternalClientIds: ['cust_12345'],
				}),
			),
		]);
		const stored = storedById(emulator, result.output('Team Common Ground')[0].json.activityId);
		expect(stored.requestedVisibility).toEqual(['role:admin', 'role:staff', 'user:cust_12345']);
		expect(stored.visibility).toEqual(['role:owner', 'role:admin', 'role:staff', 'user:abc123xyz']);
	});

	it('sends the builder\'s list: team + all clients + a user, with team roles kept', async () => {
		const result = await run(emulator, [
			tcgNode(
				createParams({
					clientEmail: 'customer@example.com',
					visibilityMode: 'custom',
					visibilityTeamRoles: [],
					visibilityAllClients: true,
					visibilityUserIds: ['user_casey01', 'user_casey01'],
				}),
			),
		]);
		const stored = storedById(emulator, result.output('Team Common Ground')[0].json.activityId);
		expect(stored.requestedVisibility).toEqual(['role:admin', 'role:staff', 'role:client', 'user:user_casey01']);
	});

	it('leaves visibility out by default (the API\'s team-only default applies)', async () => {
		const result = await run(emulator, [tcgNode(createParams({ clientEmail: 'customer@example.com' }))]);
		const stored = storedById(emulator, result.output('Team Common Ground')[0].json.activityId);
		expect(stored.requestedVisibility).toBeUndefined();
		expect(stored.visibility).toEqual(['role:owner', 'role:admin', 'role:staff']);
	});
});
