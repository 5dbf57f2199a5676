/** The activity body builder and its checks, against the document's payload examples. */
import {
	buildActivityBody,
	checkActivityType,
	type ActivityInput,
} from '../../../packages/n8n-nodes-teamcommonground/nodes/TeamCommonGround/helpers/activityBody';
import { MAX_BODY_BYTES, SYSTEM_ACTIVITY_TYPES } from '../../../packages/n8n-nodes-teamcommonground/nodes/TeamCommonGround/helpers/constants';
import { checkSource, suggestSourceSlug } from '../../../packages/n8n-nodes-teamcommonground/nodes/TeamCommonGround/helpers/source';

function build(input: Partial<ActivityInput>) {
	return buildActivityBody({ type: 'note', client: null, ...input });
}

describe('buildActivityBody: document examples', () => {
	it('the full payload example', () => {
		const result = build({
			type: 'c_order',
			source: 'my-app',
			client: { id: 'cust_123', email: 'customer@example.com', phone: '+1234567890' },
			message: 'Order #order_456 for $99.00',
			tags: ['tag_abc123', 'tag_xyz789'],
			links: ['https://example.com/order/456'],
			visibility: ['role:admin', 'role:staff', 'role:client'],
			createdBy: 'user_abc123',
		});
		expect(result).toEqual({
			ok: true,
			bytes: expect.any(Number),
			body: {
				type: 'c_order',
				source: 'my-app',
				client: { id: 'cust_123', email: 'customer@example.com', phone: '+1234567890' },
				message: 'Order #order_456 for $99.00',
				tags: ['tag_abc123', 'tag_xyz789'],
				links: ['https://example.com/order/456'],
				visibility: ['role:admin', 'role:staff', 'role:client'],
				createdBy: 'user_abc123',
			},
		});
	});

	it('the task example with dueAt and hasTime', () => {
		const result = build({ type: 'task_created', message: 'Review proposal draft', dueAt: '2024-02-15T10:00:00.000Z', hasTime: true });
		expect(result.ok && result.body).toEqual({
			type: 'task_created',
			message: 'Review proposal draft',
			dueAt: '2024-02-15T10:00:00.000Z',
			hasTime: true,
		});
	});

	it('the nested reply example', () => {
		const result = build({
			type: 'message',
			source: 'my-app',
			threadId: 'root_activity_id',
			parentActivityId: 'previous_reply_id',
			client: { email: 'customer@example.com' },
			message: 'Replying to a previous reply in the thread',
		});
		expect(result.ok && result.body).toEqual({
			type: 'message',
			source: 'my-app',
			threadId: 'root_activity_id',
			parentActivityId: 'previous_reply_id',
			client: { email: 'customer@example.com' },
			message: 'Replying to a previous reply in the thread',
		});
	});

	it('the custom type example with data', () => {
		const result = build({
			type: 'c_order',
			source: 'shopify',
			client: { email: 'customer@example.com' },
			message: 'Order #12345 placed',
			data: { orderId: '12345', total: 99.99 },
		});
		expect(result.ok && result.body.data).toEqual({ orderId: '12345', total: 99.99 });
	});
});

describe('buildActivityBody: the other payload examples, sent unchanged', () => {
	const examples: Array<[string, ActivityInput, Record<string, unknown>]> = [
		[
			'Code Examples (curl)',
			{ type: 'c_order', source: 'my-app', client: { email: 'customer@example.com' }, message: 'Order #order_123 for $99.00' },
			{ type: 'c_order', source: 'my-app', client: { email: 'customer@example.com' }, message: 'Order #order_123 for $99.00' },
		],
		[
			'Links',
			{
				type: 'note',
				source: 'my-app',
				client: { email: 'customer@example.com' },
				message: 'Check out this article',
				links: ['https://example.com/article', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
			},
			{
				type: 'note',
				source: 'my-app',
				client: { email: 'customer@example.com' },
				message: 'Check out this article',
				links: ['https://example.com/article', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
			},
		],
		[
			'Creating a Reply',
			{
				type: 'message',
				source: 'my-app',
				threadId: 'activity_abc123',
				parentActivityId: 'activity_abc123',
				client: { email: 'customer@example.com' },
				message: "Thanks for your message! We'll look into this.",
			},
			{
				type: 'message',
				source: 'my-app',
				threadId: 'activity_abc123',
				parentActivityId: 'activity_abc123',
				client: { email: 'customer@example.com' },
				message: "Thanks for your message! We'll look into this.",
			},
		],
		[
			'Example: Complete Request (client mapping)',
			{
				type: 'c_order',
				source: 'my-crm',
				client: { id: 'ABCDE12345', email: 'john@example.com', phone: '+15551234567' },
				message: 'Order #order_456 for $99.00',
			},
			{
				type: 'c_order',
				source: 'my-crm',
				client: { id: 'ABCDE12345', email: 'john@example.com', phone: '+15551234567' },
				message: 'Order #order_456 for $99.00',
			},
		],
		[
			'Phone Matching',
			{ type: 'note', client: { phone: '+1 (555) 123-4567' } },
			{ type: 'note', client: { phone: '+1 (555) 123-4567' } },
		],
		[
			'Email Matching',
			{ type: 'note', client: { email: 'John@Example.com' } },
			{ type: 'note', client: { email: 'John@Example.com' } },
		],
	];
	it.each(examples)('%s', (_name, input, expected) => {
		const result = buildActivityBody(input);
		expect(result.ok && result.body).toEqual(expected);
	});
});

describe('buildActivityBody: checks', () => {
	it('accepts every system type and c_ types', () => {
		for (const { value } of SYSTEM_ACTIVITY_TYPES) expect(checkActivityType(value)).toBeUndefined();
		expect(checkActivityType('c_site_visit')).toBeUndefined();
		expect(checkActivityType('c_Site Visit')?.fix).toMatch(/"c_site_visit"/);
		expect(checkActivityType('site_visit')?.fix).toMatch(/"c_site_visit"/);
	});

	it('suggests a source slug', () => {
		expect(suggestSourceSlug('My CRM')).toBe('my-crm');
		expect(suggestSourceSlug('  Acmé Shop!! ')).toBe('acme-shop');
		expect(suggestSourceSlug('!!!')).toBeUndefined();
		expect(checkSource('My CRM')?.fix).toMatch(/Use "my-crm"/);
		expect(checkSource('a'.repeat(51))?.problem).toMatch(/51 characters/);
		expect(checkSource('my_crm-2')).toBeUndefined();
	});

	it('needs id, email or phone unless no client; an id needs a source', () => {
		expect(build({ client: { firstName: 'Ada' } })).toMatchObject({ ok: false, problems: [{ field: 'Client' }] });
		expect(build({ client: { id: 'c1' } })).toMatchObject({ ok: false, problems: [{ field: 'Source' }] });
		expect(build({ client: { id: 'c1' }, source: 'crm' }).ok).toBe(true);
		expect(build({ client: { email: 'not-an-email' } })).toMatchObject({ ok: false, problems: [{ field: 'Client Email' }] });
		expect(build({ client: { phone: ' (555) 123-4567 ' } })).toMatchObject({ ok: true, body: { client: { phone: '(555) 123-4567' } } });
	});

	it('checks links and threading', () => {
		expect(build({ links: ['https://ok.test', 'ftp://x'] })).toMatchObject({ ok: false, problems: [{ field: 'Links' }] });
		expect(build({ parentActivityId: 'p1' })).toMatchObject({ ok: false, problems: [{ field: 'Thread ID' }] });
	});

	it('rejects a body over 100 KB measured in UTF-8 bytes, with its size', () => {
		// 40,000 "é" are 40,000 characters but 80,000 bytes; 52,000 of them exceed 102,400 bytes.
		expect(build({ message: 'é'.repeat(40_000) }).ok).toBe(true);
		const result = build({ message: 'é'.repeat(52_000) });
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems[0].field).toBe('Body');
		expect(result.problems[0].problem).toMatch(/104,0\d\d bytes .* at most 102,400 bytes \(100 KB\)/);
		// The limit is inclusive: exactly MAX_BODY_BYTES passes.
		const overhead = JSON.stringify({ type: 'note', message: '' }).length;
		expect(build({ message: 'x'.repeat(MAX_BODY_BYTES - overhead) }).ok).toBe(true);
		expect(build({ message: 'x'.repeat(MAX_BODY_BYTES - overhead + 1) }).ok).toBe(false);
	});
});
