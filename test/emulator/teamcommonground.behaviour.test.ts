// Team Common Ground behaviour beyond the examples: validation, event settings, auto-create,
// threading errors, IP allow-lists (IPv4 and IPv6), routing, payload size.
import type { Emulator } from '../../emulator';
import { compileAllowList } from '../../emulator/teamcommonground/ipAllowList';
import { normalisePhone } from '../../emulator/teamcommonground/matching';
import { TCG_MAX_PAYLOAD_BYTES } from '../../emulator/teamcommonground/responses';
import { DEMO, call, postActivity, startTestEmulator } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const tcg = () => emulator.state.teamCommonGround;

async function expectInvalid(body: unknown, details: Array<string | RegExp>) {
	const res = await postActivity(emulator, body);
	expect(res.status).toBe(400);
	expect(res.body.error).toBe('Invalid payload');
	expect(res.body.code).toBe('INVALID_PAYLOAD');
	expect(res.body.details).toHaveLength(details.length);
	details.forEach((detail, i) => expect(res.body.details[i]).toMatch(detail));
	expect(tcg().activities()).toHaveLength(3); // the seeded thread only
}

describe('payload validation → 400 with one detail per problem', () => {
	it.each([
		['source with capitals', { type: 'note', source: 'My-App' }, [/^source must be lowercase alphanumeric/]],
		['source with a space', { type: 'note', source: 'my app' }, [/^source must be lowercase/]],
		['source of 51 characters', { type: 'note', source: 'a'.repeat(51) }, ['source must be at most 50 characters']],
		['type not system nor c_', { type: 'order' }, [/^type must be a system type/]],
		['type c_ with capitals', { type: 'c_Order' }, [/^type must be a system type/]],
		['type not a string', { type: 5 }, ['type must be a string (got number)']],
		['client.id without source', { type: 'note', client: { id: 'cust_1' } }, ['source is required when client.id is given']],
		['client with none of id/email/phone', { type: 'note', client: { firstName: 'Ann' } }, ['client must include at least one of id, email or phone']],
		['client.email not an email', { type: 'note', client: { email: 'nope' } }, ['client.email must be a valid email address']],
		['visibility with an unknown prefix', { type: 'note', visibility: ['role:admin', 'group:sales'] }, [/^visibility\[1\] must be role:admin/]],
		['visibility with an unknown role', { type: 'note', visibility: ['role:manager'] }, [/^visibility\[0\]/]],
		['tags not an array', { type: 'note', tags: 'tag_1' }, ['tags must be an array (got string)']],
		['a link that is not a URL', { type: 'note', links: ['https://ok.example', 'not a url'] }, ['links[1] must be an absolute http(s) URL']],
		['dueAt not a date-time', { type: 'task_created', dueAt: 'tomorrow' }, ['dueAt must be an ISO 8601 date-time']],
		['hasTime not boolean', { type: 'task_created', hasTime: 'yes' }, ['hasTime must be a boolean (got string)']],
		['data not an object', { type: 'c_x', data: [1] }, ['data must be an object (got array)']],
		['parentActivityId without threadId', { type: 'message', parentActivityId: 'root_activity_id' }, ['threadId is required when parentActivityId is given']],
		['several problems at once', { source: 'Bad', client: {} }, ['type is required', /^source must be lowercase/, 'client must include at least one of id, email or phone']],
		['a body that is not an object', [1, 2], ['body must be an object (got array)']],
	])('%s', async (_name, body, details) => {
		await expectInvalid(body, details as Array<string | RegExp>);
	});

	it('source of exactly 50 characters, every system type, c_ types and unknown extra fields are accepted', async () => {
		expect((await postActivity(emulator, { type: 'note', source: `a-_${'b'.repeat(47)}` })).status).toBe(201);
		for (const type of ['note', 'business_note', 'business_update', 'email', 'message', 'task_created', 'follow_up_created', 'report_issue_created', 'client_added', 'feedback_created', 'c_site_visit']) {
			expect([type, (await postActivity(emulator, { type, somethingElse: true })).status]).toEqual([type, 201]);
		}
	});

	it('invalid JSON → 400', async () => {
		const res = await call(`${emulator.teamCommonGroundBaseUrl}/activities`, { token: emulator.tokens.teamCommonGround, rawBody: '{"type":' });
		expect(res.status).toBe(400);
		expect(res.body.details[0]).toMatch(/not valid JSON/);
	});
});

describe('payload size (TCG doc: "Payload Limits": 100KB)', () => {
	const padded = (bytes: number) => {
		const skeleton = JSON.stringify({ type: 'note', message: '' });
		return { type: 'note', message: 'x'.repeat(bytes - Buffer.byteLength(skeleton)) };
	};
	it('exactly 100 KB is accepted; one byte more → 413 PAYLOAD_TOO_LARGE', async () => {
		expect((await postActivity(emulator, padded(TCG_MAX_PAYLOAD_BYTES))).status).toBe(201);
		const res = await postActivity(emulator, padded(TCG_MAX_PAYLOAD_BYTES + 1));
		expect(res.status).toBe(413);
		expect(res.body).toEqual({ error: 'Payload too large', code: 'PAYLOAD_TOO_LARGE', maxBytes: 102400 });
	});
});

describe('event settings (TCG doc: "Event Settings")', () => {
	it('"Only activities matching existing clients": unmatched → 200 skipped, nothing stored', async () => {
		const res = await postActivity(emulator, { type: 'note', source: 'strict-app', client: { email: 'stranger@example.com' } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ status: 'skipped', activityId: null, requestId: expect.any(String), client: { status: 'unmatched', clientId: null, matchedBy: null } });
		expect(tcg().activities()).toHaveLength(3);
		expect(tcg().skipped()).toMatchObject([{ source: 'strict-app', type: 'note', clientLookup: { email: 'stranger@example.com' } }]);
		const matched = await postActivity(emulator, { type: 'note', source: 'strict-app', client: { email: 'nora@example.com' } });
		expect(matched.status).toBe(201);
		const noClient = await postActivity(emulator, { type: 'business_note', source: 'strict-app' });
		expect(noClient.status).toBe(201);
	});

	it('auto-create from client.id: name resolution, email/phone saved, mapping stored and used next time', async () => {
		const res = await postActivity(emulator, { type: 'c_order', source: 'shopify', client: { id: 'cust_new', email: 'new@example.com', phone: '+1 555 000 1111' } });
		expect(res.status).toBe(201);
		expect(res.body.client).toEqual({ status: 'created', clientId: expect.any(String), matchedBy: null });
		const client = tcg().clients().find((c) => c.id === res.body.client.clientId);
		expect(client).toMatchObject({ firstName: 'new@example.com', lastName: null, email: 'new@example.com', phone: '+1 555 000 1111', origin: 'autoCreated', userId: null });
		expect(tcg().mappings()).toContainEqual(expect.objectContaining({ source: 'shopify', externalId: 'cust_new', clientId: client?.id, origin: 'autoCreated' }));
		const again = await postActivity(emulator, { type: 'c_order', source: 'shopify', client: { id: 'cust_new' } });
		expect(again.body.client).toEqual({ status: 'matched', clientId: client?.id, matchedBy: 'id' });
	});

	it.each([
		[{ id: 'a1', firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' }, 'Ann', 'Lee'],
		[{ id: 'a2', phone: '+44 20 7946 0001' }, '+44 20 7946 0001', null],
		[{ id: 'a3' }, 'a3', null],
	])('auto-create name resolution %j', async (client, firstName, lastName) => {
		const res = await postActivity(emulator, { type: 'note', source: 'shopify', client });
		expect(tcg().clients().find((c) => c.id === res.body.client.clientId)).toMatchObject({ firstName, lastName });
	});

	it('no auto-create without client.id, or where the integration has it off', async () => {
		expect((await postActivity(emulator, { type: 'note', source: 'shopify', client: { email: 'x@example.com' } })).body.client.status).toBe('unmatched');
		expect((await postActivity(emulator, { type: 'note', source: 'my-crm', client: { id: 'zzz' } })).body.client.status).toBe('unmatched');
		expect(tcg().clients()).toHaveLength(4);
	});

	it('client.id + source matched by email: the mapping is learned for next time', async () => {
		await postActivity(emulator, { type: 'note', source: 'my-app', client: { id: 'cust_999', email: 'nora@example.com' } });
		const res = await postActivity(emulator, { type: 'note', source: 'my-app', client: { id: 'cust_999' } });
		expect(res.body.client).toEqual({ status: 'matched', clientId: 'client_nora', matchedBy: 'id' });
		expect(tcg().mappings()).toContainEqual(expect.objectContaining({ source: 'my-app', externalId: 'cust_999', origin: 'learned' }));
	});

	it('matching is scoped to the key\'s business', async () => {
		const res = await postActivity(emulator, { type: 'note', client: { email: 'john@example.com' } }, DEMO.teamCommonGround.otherBusinessKey);
		expect(res.body.client.clientId).toBe('client_olga');
		const thread = await postActivity(emulator, { type: 'message', threadId: 'root_activity_id' }, DEMO.teamCommonGround.otherBusinessKey);
		expect(thread.status).toBe(400);
	});

	it('a mapped client without a user account keeps user:<externalId> as sent', async () => {
		const res = await postActivity(emulator, { type: 'note', source: 'my-crm', visibility: ['user:nora_1'] });
		expect(tcg().activities().find((a) => a.id === res.body.activityId)?.visibility).toEqual(['role:owner', 'user:nora_1']);
	});
});

describe('threading errors (README "Choices", threading)', () => {
	it.each([
		['unknown threadId', { threadId: 'nope' }, 'threadId nope does not match an existing activity'],
		['threadId naming a reply', { threadId: 'previous_reply_id' }, "threadId must be the root activity's id (previous_reply_id is a reply in thread root_activity_id)"],
		['unknown parent', { threadId: 'root_activity_id', parentActivityId: 'nope' }, 'parentActivityId nope does not match an existing activity'],
		['parent in another thread', { threadId: 'root_activity_id', parentActivityId: 'activity_abc123' }, 'parentActivityId activity_abc123 belongs to thread activity_abc123, not root_activity_id'],
	])('%s → 400', async (_name, fields, detail) => {
		await expectInvalid({ type: 'message', ...fields }, [detail]);
	});
});

describe('routing and auth', () => {
	it('only POST /v1/activities exists: other methods 405, other paths 404 (JSON)', async () => {
		const get = await call(`${emulator.teamCommonGroundBaseUrl}/activities`, { token: emulator.tokens.teamCommonGround });
		expect(get.status).toBe(405);
		expect(get.body).toEqual({ error: 'Method not allowed', code: 'METHOD_NOT_ALLOWED' });
		expect(get.headers.get('allow')).toBe('POST');
		const other = await call(`${emulator.teamCommonGroundBaseUrl}/clients`, { token: emulator.tokens.teamCommonGround, body: {} });
		expect(other.status).toBe(404);
		expect(other.body.code).toBe('NOT_FOUND');
	});

	it('a "Bearer" prefix is required', async () => {
		const res = await call(`${emulator.teamCommonGroundBaseUrl}/activities`, { headers: { Authorization: emulator.tokens.teamCommonGround }, body: { type: 'note' } });
		expect(res.status).toBe(401);
	});
});

describe('IP allow-lists (TCG doc: "IP Allowlisting")', () => {
	it('supports single IPv4, IPv4 CIDR, single IPv6, IPv6 CIDR and IPv4-mapped callers', () => {
		const allowed = compileAllowList(['203.0.113.50', '10.0.0.0/8', '192.168.1.0/24', '2001:db8::1', '2001:db8::/32']);
		for (const ip of ['203.0.113.50', '10.1.2.3', '192.168.1.200', '::ffff:10.9.9.9', '2001:db8::1', '2001:0db8:0000::0001', '2001:db8:ffff::7']) {
			expect([ip, allowed(ip)]).toEqual([ip, true]);
		}
		for (const ip of ['203.0.113.51', '11.0.0.1', '192.168.2.1', '127.0.0.1', '::1', '2001:db9::1', 'garbage']) {
			expect([ip, allowed(ip)]).toEqual([ip, false]);
		}
		expect(() => compileAllowList(['10.0.0.0/33'])).toThrow(/invalid allowedIps/);
		expect(() => compileAllowList(['not-an-ip'])).toThrow(/invalid allowedIps/);
	});

	it('over IPv6 loopback: ::1 is allowed by the localhost key, refused (clientIp ::1) by the office key', async () => {
		const v6 = await startTestEmulator({ host: '::1' });
		try {
			expect(v6.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
			expect((await postActivity(v6, { type: 'note' }, DEMO.teamCommonGround.localhostKey)).status).toBe(201);
			const refused = await postActivity(v6, { type: 'note' }, DEMO.teamCommonGround.officeKey);
			expect(refused.status).toBe(403);
			expect(refused.body).toEqual({ error: 'IP not allowed', code: 'IP_NOT_ALLOWED', clientIp: '::1' });
		} finally {
			await v6.stop();
		}
	});
});

describe('phone normalisation (README "Choices")', () => {
	it.each([
		['+1 (555) 123-4567', '5551234567'],
		['1-555-123-4567', '5551234567'],
		['+44 20 7946 0000', '442079460000'],
		['+1234567890', '1234567890'],
	])('%s → %s', (input, expected) => {
		expect(normalisePhone(input)).toBe(expected);
	});
});
