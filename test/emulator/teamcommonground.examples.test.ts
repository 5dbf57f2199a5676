// Every JSON example of the Team Common Ground Activity API document, sent as written (fragments
// merged into a minimal valid payload), gets the documented answer.
import type { Emulator } from '../../emulator';
import { DEMO, call, postActivity, startTestEmulator } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const stored = (activityId: string) => emulator.state.teamCommonGround.activities().find((a) => a.id === activityId);

describe('201 Created (TCG doc: "Response Codes")', () => {
	it('"Code Examples" curl payload → 201 with the documented body shape', async () => {
		const res = await postActivity(emulator, {
			type: 'c_order',
			source: 'my-app',
			client: { email: 'customer@example.com' },
			message: 'Order #order_123 for $99.00',
		});
		expect(res.status).toBe(201);
		expect(res.body).toEqual({
			status: 'success',
			activityId: expect.any(String),
			requestId: expect.any(String),
			client: { status: 'matched', clientId: 'client_casey', matchedBy: 'email' },
		});
		expect(stored(res.body.activityId)).toMatchObject({ type: 'c_order', message: 'Order #order_123 for $99.00', sourceDisplayName: 'My-app' });
	});

	it('"Payload Structure" example: every field stored', async () => {
		const payload = {
			type: 'c_order',
			source: 'my-app',
			client: { id: 'cust_123', email: 'customer@example.com', phone: '+1234567890' },
			message: 'Order #order_456 for $99.00',
			tags: ['tag_abc123', 'tag_xyz789'],
			links: ['https://example.com/order/456'],
			visibility: ['role:admin', 'role:staff', 'role:client'],
			createdBy: 'user_abc123',
		};
		const res = await postActivity(emulator, payload);
		expect(res.status).toBe(201);
		expect(res.body.client).toEqual({ status: 'matched', clientId: 'client_casey', matchedBy: 'email' });
		expect(stored(res.body.activityId)).toMatchObject({
			clientLookup: payload.client,
			tags: payload.tags,
			links: payload.links,
			visibility: ['role:owner', 'role:admin', 'role:staff', 'role:client'],
			requestedVisibility: payload.visibility,
			createdBy: 'user_abc123',
			payload,
		});
	});

	it('"Links" example', async () => {
		const res = await postActivity(emulator, {
			type: 'note',
			source: 'my-app',
			client: { email: 'customer@example.com' },
			message: 'Check out this article',
			links: ['https://example.com/article', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
		});
		expect(res.status).toBe(201);
		expect(stored(res.body.activityId)?.links).toHaveLength(2);
	});

	it('"Custom Activity Types" example with data', async () => {
		const res = await postActivity(emulator, {
			type: 'c_order',
			source: 'shopify',
			client: { email: 'customer@example.com' },
			message: 'Order #12345 placed',
			data: { orderId: '12345', total: 99.99 },
		});
		expect(res.status).toBe(201);
		expect(stored(res.body.activityId)).toMatchObject({ data: { orderId: '12345', total: 99.99 }, sourceDisplayName: 'Shopify' });
	});

	it('"Tasks & Scheduling" example: dueAt and hasTime stored (no client → client status "none")', async () => {
		const res = await postActivity(emulator, { type: 'task_created', message: 'Review proposal draft', dueAt: '2024-02-15T10:00:00Z', hasTime: true });
		expect(res.status).toBe(201);
		expect(res.body.client).toEqual({ status: 'none', clientId: null, matchedBy: null });
		expect(stored(res.body.activityId)).toMatchObject({ dueAt: '2024-02-15T10:00:00Z', hasTime: true, source: null, createdBy: 'system' });
	});

	it('"Display Name": customName when set, else the source capitalised', async () => {
		const crm = await postActivity(emulator, { type: 'note', source: 'my-crm' });
		expect(stored(crm.body.activityId)?.sourceDisplayName).toBe('Acme CRM');
		const goku = await postActivity(emulator, { type: 'note', source: 'goku' });
		expect(stored(goku.body.activityId)?.sourceDisplayName).toBe('Goku');
	});
});

describe('Threading examples (TCG doc: "Threading")', () => {
	it('a root activity gets threadId = its own id', async () => {
		const res = await postActivity(emulator, { type: 'message', source: 'my-app', message: 'root' });
		expect(stored(res.body.activityId)).toMatchObject({ threadId: res.body.activityId, parentActivityId: null });
	});

	it('"Creating a Reply" example', async () => {
		const res = await postActivity(emulator, {
			type: 'message',
			source: 'my-app',
			threadId: 'activity_abc123',
			parentActivityId: 'activity_abc123',
			client: { email: 'customer@example.com' },
			message: "Thanks for your message! We'll look into this.",
		});
		expect(res.status).toBe(201);
		expect(stored(res.body.activityId)).toMatchObject({ threadId: 'activity_abc123', parentActivityId: 'activity_abc123' });
	});

	it('"Reply to Root Activity": inherits the root\'s visibility', async () => {
		const res = await postActivity(emulator, {
			type: 'message',
			source: 'my-app',
			threadId: 'root_activity_id',
			parentActivityId: 'root_activity_id',
			client: { email: 'customer@example.com' },
			message: 'Replying directly to the root',
		});
		expect(res.status).toBe(201);
		expect(stored(res.body.activityId)?.visibility).toEqual(['role:owner', 'role:admin', 'role:staff', 'role:client']);
	});

	it('"Nested Reply": inherits the direct parent\'s visibility', async () => {
		const res = await postActivity(emulator, {
			type: 'message',
			source: 'my-app',
			threadId: 'root_activity_id',
			parentActivityId: 'previous_reply_id',
			client: { email: 'customer@example.com' },
			message: 'Replying to a previous reply in the thread',
		});
		expect(res.status).toBe(201);
		expect(stored(res.body.activityId)).toMatchObject({
			threadId: 'root_activity_id',
			parentActivityId: 'previous_reply_id',
			visibility: ['role:owner', 'role:admin', 'role:staff', 'user:user_casey01'],
		});
	});

	it('a reply with its own visibility keeps it; a reply to a created root works end to end', async () => {
		const root = await postActivity(emulator, { type: 'message', source: 'my-app', visibility: ['role:admin'] });
		const reply = await postActivity(emulator, { type: 'message', source: 'my-app', threadId: root.body.activityId });
		expect(stored(reply.body.activityId)?.visibility).toEqual(['role:owner', 'role:admin']);
		const own = await postActivity(emulator, { type: 'message', threadId: root.body.activityId, parentActivityId: reply.body.activityId, visibility: ['role:staff'] });
		expect(stored(own.body.activityId)?.visibility).toEqual(['role:owner', 'role:staff']);
	});
});

describe('Client mapping examples (TCG doc: "Client Mapping")', () => {
	const base = { type: 'note', source: 'my-app' };

	it('"Email Matching": case-insensitive', async () => {
		for (const email of ['john@example.com', 'John@Example.com']) {
			const res = await postActivity(emulator, { ...base, client: { email } });
			expect(res.body.client).toEqual({ status: 'matched', clientId: 'client_john', matchedBy: 'email' });
		}
	});

	it.each(['+1 (555) 123-4567', '+15551234567', '(555) 123-4567', '555-123-4567', '5551234567'])('"Phone Matching": %s matches the same client', async (phone) => {
		const res = await postActivity(emulator, { ...base, client: { phone } });
		expect(res.body.client).toEqual({ status: 'matched', clientId: 'client_john', matchedBy: 'phone' });
	});

	it('"Using Mapped IDs in API Requests" example', async () => {
		const res = await postActivity(emulator, { type: 'note', source: 'my-crm', client: { id: 'ABCDE12345' } });
		expect(res.body.client).toEqual({ status: 'matched', clientId: 'client_john', matchedBy: 'id' });
	});

	it('the same external id maps to different clients per source', async () => {
		const res = await postActivity(emulator, { type: 'note', source: 'shopify', client: { id: 'ABCDE12345' } });
		expect(res.body.client.clientId).toBe('client_casey');
	});

	it('"Example: Complete Request": the mapping wins over email and phone', async () => {
		const res = await postActivity(emulator, {
			type: 'c_order',
			source: 'my-crm',
			client: { id: 'ABCDE12345', email: 'john@example.com', phone: '+15551234567' },
			message: 'Order #order_456 for $99.00',
		});
		expect(res.status).toBe(201);
		expect(res.body.client.matchedBy).toBe('id');
	});

	it('"Matching behavior": no mapping → email → phone → created without a client', async () => {
		const byEmail = await postActivity(emulator, { type: 'note', source: 'my-crm', client: { id: 'unknown_1', email: 'customer@example.com', phone: '+15551234567' } });
		expect(byEmail.body.client).toEqual({ status: 'matched', clientId: 'client_casey', matchedBy: 'email' });
		const byPhone = await postActivity(emulator, { type: 'note', source: 'my-crm', client: { id: 'unknown_2', email: 'nobody@example.com', phone: '555 987 6543' } });
		expect(byPhone.body.client).toEqual({ status: 'matched', clientId: 'client_casey', matchedBy: 'phone' });
		const none = await postActivity(emulator, { type: 'note', source: 'my-crm', client: { id: 'unknown_3', email: 'nobody@example.com', phone: '+44 20 7946 0000' } });
		expect(none.status).toBe(201);
		expect(none.body.client).toEqual({ status: 'unmatched', clientId: null, matchedBy: null });
		expect(stored(none.body.activityId)?.clientId).toBeNull();
	});
});

describe('Visibility examples (TCG doc: "Visibility")', () => {
	const cases: Array<[string, string[] | undefined, string[]]> = [
		['default (omitted)', undefined, ['role:owner', 'role:admin', 'role:staff']],
		['Team only', ['role:admin', 'role:staff'], ['role:owner', 'role:admin', 'role:staff']],
		['Team + all clients', ['role:admin', 'role:staff', 'role:client'], ['role:owner', 'role:admin', 'role:staff', 'role:client']],
		['Team + specific client', ['role:admin', 'role:staff', 'user:abc123xyz'], ['role:owner', 'role:admin', 'role:staff', 'user:abc123xyz']],
		['External ID Mapping: user:cust_12345 → user:abc123xyz', ['role:admin', 'role:staff', 'user:cust_12345'], ['role:owner', 'role:admin', 'role:staff', 'user:abc123xyz']],
		['role:owner given explicitly is not duplicated', ['role:staff', 'role:owner'], ['role:owner', 'role:staff']],
	];

	it.each(cases)('%s', async (_name, visibility, expected) => {
		const res = await postActivity(emulator, { type: 'note', source: 'my-crm', client: { email: 'john@example.com' }, ...(visibility ? { visibility } : {}) });
		expect(res.status).toBe(201);
		expect(stored(res.body.activityId)?.visibility).toEqual(expected);
	});

	it('the conversion uses the request\'s source mapping only', async () => {
		const res = await postActivity(emulator, { type: 'note', source: 'shopify', visibility: ['user:cust_12345'] });
		expect(stored(res.body.activityId)?.visibility).toEqual(['role:owner', 'user:cust_12345']);
	});
});

describe('Error examples (TCG doc: "Error Responses", "IP Allowlisting")', () => {
	it('400 Invalid payload — "type is required"', async () => {
		const res = await postActivity(emulator, { source: 'my-app', message: 'no type' });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ error: 'Invalid payload', code: 'INVALID_PAYLOAD', details: ['type is required'] });
	});

	it('401 Invalid API key — missing or wrong', async () => {
		for (const key of [null, 'tcg_wrong_key_000']) {
			const res = await postActivity(emulator, { type: 'note' }, key);
			expect(res.status).toBe(401);
			expect(res.body).toEqual({ error: 'Invalid API key', code: 'INVALID_API_KEY' });
		}
	});

	it('403 IP not allowed — with the caller\'s address', async () => {
		const res = await postActivity(emulator, { type: 'note' }, DEMO.teamCommonGround.officeKey);
		expect(res.status).toBe(403);
		expect(res.body).toEqual({ error: 'IP not allowed', code: 'IP_NOT_ALLOWED', clientIp: '127.0.0.1' });
		expect((await postActivity(emulator, { type: 'note' }, DEMO.teamCommonGround.localhostKey)).status).toBe(201);
	});

	it('429 Rate limit exceeded', async () => {
		emulator.configure({ teamCommonGround: { perMinute: 1 } });
		await postActivity(emulator, { type: 'note' });
		const res = await call(`${emulator.teamCommonGroundBaseUrl}/activities`, { token: emulator.tokens.teamCommonGround, body: { type: 'note' } });
		emulator.configure({ teamCommonGround: { perMinute: null } });
		expect(res.status).toBe(429);
		expect(res.body).toEqual({ error: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED', retryAfter: 60 });
	});
});
