/**
 * Activity → Create and Task → Create Task / Create Follow-Up, run in n8n's real engine against
 * the emulator over HTTP; each test asserts what the emulator stored.
 */
import { getGlobalState, setGlobalState } from 'n8n-workflow';

import type { Emulator } from '../../../emulator';
import { SYSTEM_ACTIVITY_TYPES } from '../../../packages/n8n-nodes-teamcommonground/nodes/TeamCommonGround/helpers/constants';
import { NODE_NAME, createParams, created, run, startTestEmulator, storedById, tcgNode } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

describe('activity types', () => {
	it('creates every system type and a custom type, in input order, paired', async () => {
		const types = SYSTEM_ACTIVITY_TYPES.map((type) => type.value);
		const input = [
			...types.map((type) => ({ json: { type, custom: '' } })),
			{ json: { type: 'custom', custom: 'c_site_visit' } },
		];
		const result = await run(
			emulator,
			[
				tcgNode(
					createParams({
						activityType: '={{ $json.type }}',
						customType: '={{ $json.custom }}',
						clientEmail: 'customer@example.com',
						message: '={{ "A " + $json.type }}',
						options: { maxConcurrency: 4 },
					}),
				),
			],
			input,
		);
		const output = result.output(NODE_NAME);
		expect(output).toHaveLength(types.length + 1);
		expect(output.map((item) => item.json.type)).toEqual([...types, 'c_site_visit']);
		expect(output.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		for (const item of output) {
			const stored = storedById(emulator, item.json.activityId);
			expect(stored.type).toBe(item.json.type);
			expect(stored.source).toBe('n8n');
			expect(stored.clientId).toBe('client_casey');
			expect(item.json.threadId).toBe(item.json.activityId);
			expect(item.json.requestId).toBe(stored.requestId);
		}
		expect(created(emulator)).toHaveLength(types.length + 1);
	});

	it('sends a business-wide note with no client', async () => {
		const result = await run(emulator, [
			tcgNode(createParams({ activityType: 'business_note', clientMode: 'none', message: 'Office closed Friday' })),
		]);
		const [item] = result.output(NODE_NAME);
		expect(item.json).toMatchObject({ clientMatched: false, clientLinked: false, client: { status: 'none', clientId: null } });
		const stored = storedById(emulator, item.json.activityId);
		expect(stored.clientLookup).toBeNull();
		expect(stored.payload).toEqual({ type: 'business_note', source: 'n8n', message: 'Office closed Friday' });
	});

	it('sends tags, links, createdBy and data', async () => {
		const result = await run(emulator, [
			tcgNode(
				createParams({
					activityType: 'custom',
					customType: 'c_order',
					source: 'shopify',
					clientEmail: 'customer@example.com',
					message: 'Order #12345 placed',
					additionalFields: {
						tags: ['tag_abc123', 'tag_xyz789'],
						links: ['https://example.com/order/456'],
						createdBy: 'user_abc123',
						data: '{"orderId": "12345", "total": 99.99}',
					},
				}),
			),
		]);
		const stored = storedById(emulator, result.output(NODE_NAME)[0].json.activityId);
		expect(stored).toMatchObject({
			type: 'c_order',
			tags: ['tag_abc123', 'tag_xyz789'],
			links: ['https://example.com/order/456'],
			createdBy: 'user_abc123',
			data: { orderId: '12345', total: 99.99 },
		});
	});
});

describe('concurrency', () => {
	it('sends up to Max Concurrency at once and still outputs in input order', async () => {
		emulator.configure({ latency: { fixedMs: 5, jitterMs: 25 } });
		try {
			const input = Array.from({ length: 12 }, (_, n) => ({ json: { n } }));
			const result = await run(
				emulator,
				[tcgNode(createParams({ clientMode: 'none', message: '={{ "item " + $json.n }}', options: { maxConcurrency: 5 } }))],
				input,
			);
			const output = result.output(NODE_NAME);
			const messages = output.map((item) => storedById(emulator, item.json.activityId).message);
			expect(messages).toEqual(input.map((item) => `item ${item.json.n}`));
			expect(output.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
			// At most 5 requests were open at any moment, and more than one at some moment.
			const spans = emulator.log().map((entry) => [Date.parse(entry.startedAt), Date.parse(entry.startedAt) + entry.durationMs]);
			const overlap = spans.map(([start]) => spans.filter(([s, e]) => s <= start && start < e).length);
			expect(Math.max(...overlap)).toBeGreaterThan(1);
			expect(Math.max(...overlap)).toBeLessThanOrEqual(5);
		} finally {
			emulator.configure({ latency: { fixedMs: 0, jitterMs: 0 } });
		}
	});
});

describe('client matching', () => {
	it('matches by id + source, by email case-insensitively, by normalised phone, and reports no match', async () => {
		const input = [
			{ json: { source: 'my-crm', id: 'ABCDE12345', email: '', phone: '' } },
			{ json: { source: 'n8n', id: '', email: 'JOHN@Example.COM', phone: '' } },
			{ json: { source: 'n8n', id: '', email: '', phone: '(555) 987-6543' } },
			{ json: { source: 'n8n', id: '', email: 'nobody@example.com', phone: '' } },
		];
		const result = await run(
			emulator,
			[
				tcgNode(
					createParams({
						source: '={{ $json.source }}',
						clientId: '={{ $json.id }}',
						clientEmail: '={{ $json.email }}',
						clientPhone: '={{ $json.phone }}',
						message: 'Matching test',
					}),
				),
			],
			input,
		);
		const output = result.output(NODE_NAME).map((item) => item.json);
		expect(output.map((json) => json.client)).toEqual([
			{ status: 'matched', clientId: 'client_john', matchedBy: 'id' },
			{ status: 'matched', clientId: 'client_john', matchedBy: 'email' },
			{ status: 'matched', clientId: 'client_casey', matchedBy: 'phone' },
			{ status: 'unmatched', clientId: null, matchedBy: null },
		]);
		expect(output.map((json) => json.clientMatched)).toEqual([true, true, true, false]);
		const stored = output.map((json) => storedById(emulator, json.activityId));
		expect(stored.map((activity) => activity.clientId)).toEqual(['client_john', 'client_john', 'client_casey', null]);
		// The phone and the email travel exactly as given; Team Common Ground normalises them.
		expect(stored[1].clientLookup).toEqual({ email: 'JOHN@Example.COM' });
		expect(stored[2].clientLookup).toEqual({ phone: '(555) 987-6543' });
	});

	it('reports an activity skipped by the "only existing clients" setting, so a workflow can branch', async () => {
		const result = await run(emulator, [
			tcgNode(createParams({ source: 'strict-app', clientEmail: 'stranger@example.com', message: 'Who?' })),
		]);
		expect(result.output(NODE_NAME)[0].json).toMatchObject({
			activityId: null,
			skipped: true,
			clientMatched: false,
			client: { status: 'unmatched', clientId: null },
		});
		expect(created(emulator)).toHaveLength(0);
		expect(emulator.state.teamCommonGround.skipped()).toHaveLength(1);
	});

	it('auto-creates clients (event setting on for "shopify") with the document\'s name resolution', async () => {
		const input = [
			{ json: { id: 'new_1', email: 'jane@example.com', phone: '', first: '', last: '' } },
			{ json: { id: 'new_2', email: '', phone: '+44 20 7946 0000', first: '', last: '' } },
			{ json: { id: 'new_3', email: '', phone: '', first: '', last: '' } },
			{ json: { id: 'new_4', email: 'max@example.com', phone: '', first: 'Max', last: 'Muster' } },
		];
		const result = await run(
			emulator,
			[
				tcgNode(
					createParams({
						source: 'shopify',
						clientId: '={{ $json.id }}',
						clientEmail: '={{ $json.email }}',
						clientPhone: '={{ $json.phone }}',
						clientFirstName: '={{ $json.first }}',
						clientLastName: '={{ $json.last }}',
						message: 'First order',
					}),
				),
			],
			input,
		);
		const output = result.output(NODE_NAME).map((item) => item.json);
		expect(output.map((json) => (json.client as { status: string }).status)).toEqual(['created', 'created', 'created', 'created']);
		expect(output.map((json) => json.clientLinked)).toEqual([true, true, true, true]);
		const clients = emulator.state.teamCommonGround.clients();
		const names = output.map((json) => {
			const client = clients.find((c) => c.id === (json.client as { clientId: string }).clientId);
			return [client?.firstName, client?.lastName];
		});
		expect(names).toEqual([
			['jane@example.com', null],
			['+44 20 7946 0000', null],
			['new_3', null],
			['Max', 'Muster'],
		]);
		const mappings = emulator.state.teamCommonGround.mappings().filter((m) => m.origin === 'autoCreated');
		expect(mappings.map((m) => `${m.source}:${m.externalId}`).sort()).toEqual(['shopify:new_1', 'shopify:new_2', 'shopify:new_3', 'shopify:new_4']);
	});
});

describe('tasks', () => {
	it('creates a task with dueAt (ISO 8601) and hasTime, and a whole-day follow-up', async () => {
		const result = await run(emulator, [
			tcgNode(
				{
					resource: 'task',
					operation: 'createTask',
					message: 'Review proposal draft',
					dueAt: '2024-02-15T10:00:00Z',
					hasTime: true,
					clientMode: 'none',
				},
				'Task',
			),
			tcgNode(
				{
					resource: 'task',
					operation: 'createFollowUp',
					message: 'Call back',
					dueAt: "={{ DateTime.fromISO('2024-03-01T00:00:00', { zone: 'Europe/Berlin' }) }}",
					hasTime: false,
					clientEmail: 'customer@example.com',
				},
				'Follow-Up',
			),
		]);
		const task = storedById(emulator, result.output('Task')[0].json.activityId);
		expect(task).toMatchObject({ type: 'task_created', dueAt: '2024-02-15T10:00:00.000Z', hasTime: true, message: 'Review proposal draft' });
		const followUp = storedById(emulator, result.output('Follow-Up')[0].json.activityId);
		expect(followUp).toMatchObject({
			type: 'follow_up_created',
			dueAt: '2024-02-29T23:00:00.000Z',
			hasTime: false,
			clientId: 'client_casey',
		});
	});

	it('reads a date picker value (no zone) in the workflow timezone', async () => {
		const result = await runWithTimezone('Asia/Tokyo', {
			resource: 'task',
			operation: 'createTask',
			message: 'Zone check',
			dueAt: '2024-07-15T10:00:00',
			clientMode: 'none',
		});
		expect(storedById(emulator, result.output(NODE_NAME)[0].json.activityId).dueAt).toBe('2024-07-15T01:00:00.000Z');
	});
});

async function runWithTimezone(timezone: string, parameters: Parameters<typeof tcgNode>[0]) {
	const previous = getGlobalState();
	setGlobalState({ ...previous, defaultTimezone: timezone });
	try {
		return await run(emulator, [tcgNode(parameters)]);
	} finally {
		setGlobalState(previous);
	}
}
