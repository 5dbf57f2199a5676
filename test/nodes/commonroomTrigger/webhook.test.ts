/**
 * The Common Room Trigger's webhook in n8n-core's real WebhookContext behind a real HTTP server
 * (test/webhookHarness.ts): what Common Room gets back, and which deliveries start an execution.
 */
import { capturedLogs } from '../../engine';
import { startTriggerServer, type TriggerServer, type TriggerServerOptions } from '../../webhookHarness';

const SECRET = 'whsec_3f9c2a7e51d04b8a';

const member = {
	type: 'member',
	primaryEmail: 'ada@example.com',
	allEmails: ['ada@example.com', 'ada@work.example'],
	fullName: 'Ada Lovelace',
	title: 'Analyst',
	organization: { name: 'Analytical Engines', domain: 'engines.example', location: { city: 'London', region: null, country: 'UK' } },
	linkedIn: 'in/ada',
	linkedInUrl: 'https://www.linkedin.com/in/ada',
	github: 'ada',
	githubUrl: 'https://github.com/ada',
	commonRoomContactLink: 'https://app.commonroom.io/community/1/contact/42',
	version: '202304',
};

const activityDelivery = {
	id: 'acme-11410-discord-a1b2c3',
	source: { type: 'workflow', id: 11410, name: 'New activity to n8n' },
	payload: {
		type: 'activity',
		member,
		content: 'How do I export my data?',
		version: '202304',
		timestamp: '2026-11-30T10:00:00.000Z',
		serviceName: 'Discord',
		activityType: 'DiscordPost',
		externalActivityUrl: 'https://discord.com/channels/1/2/3',
		commonRoomActivityUrl: 'https://app.commonroom.io/community/1/activity/9',
		brandNewField: { kept: true },
	},
};

const contactDelivery = (id: string, extra: object = {}) => ({
	id,
	source: { type: 'workflow', id: 11411, name: 'New contact to n8n' },
	payload: { ...member, ...extra },
});

let server: TriggerServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function start(options: TriggerServerOptions = {}): Promise<TriggerServer> {
	server = await startTriggerServer({ secret: SECRET, ...options });
	return server;
}

async function post(target: TriggerServer, body: unknown, headers: Record<string, string> = { 'x-commonroom-webhook-secret': SECRET }, contentType = 'application/json') {
	const response = await fetch(target.url, {
		method: 'POST',
		headers: { 'content-type': contentType, ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('Common Room Trigger: deliveries', () => {
	it('starts one execution per delivery: envelope, flat fields and the payload as sent', async () => {
		const target = await start();
		const answer = await post(target, activityDelivery);
		expect(answer.status).toBe(200);
		expect(target.executions).toHaveLength(1);
		const [item] = target.executions[0];
		expect(item.json).toMatchObject({
			id: 'acme-11410-discord-a1b2c3',
			type: 'newActivity',
			source: { type: 'workflow', id: 11410, name: 'New activity to n8n' },
			email: 'ada@example.com',
			fullName: 'Ada Lovelace',
			title: 'Analyst',
			organizationName: 'Analytical Engines',
			organizationDomain: 'engines.example',
			linkedIn: 'in/ada',
			linkedInUrl: 'https://www.linkedin.com/in/ada',
			githubUrl: 'https://github.com/ada',
			twitter: null,
			commonRoomContactLink: 'https://app.commonroom.io/community/1/contact/42',
			activityType: 'DiscordPost',
			content: 'How do I export my data?',
			serviceName: 'Discord',
			timestamp: '2026-11-30T10:00:00.000Z',
			externalActivityUrl: 'https://discord.com/channels/1/2/3',
			commonRoomActivityUrl: 'https://app.commonroom.io/community/1/activity/9',
		});
		expect(item.json.payload).toEqual(activityDelivery.payload);
		expect(Date.parse(item.json.receivedAt as string)).not.toBeNaN();
	});

	it('email falls back to the first of allEmails; missing fields are null, never an error', async () => {
		const target = await start();
		await post(target, { id: 'd-1', payload: { type: 'member', allEmails: ['', 'grace@example.com'] } });
		const [item] = target.executions[0];
		expect(item.json).toMatchObject({ email: 'grace@example.com', fullName: null, organizationName: null, source: null });
	});

	it('Simplify off: the envelope and the payload only', async () => {
		const target = await start({ parameters: { options: { simplify: false } } });
		await post(target, activityDelivery);
		const [item] = target.executions[0];
		expect(Object.keys(item.json).sort()).toEqual(['id', 'payload', 'receivedAt', 'source', 'type']);
	});

	it('keys such as __proto__ in a payload pass through without harm', async () => {
		const target = await start();
		const body = `{"id":"p-1","payload":{"type":"member","primaryEmail":"x@example.com","__proto__":{"polluted":true},"constructor":{"prototype":{"bad":1}}}}`;
		expect((await post(target, body)).status).toBe(200);
		const [item] = target.executions[0];
		expect(item.json.email).toBe('x@example.com');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});

describe('Common Room Trigger: the secret', () => {
	it.each([
		['a wrong secret', { 'x-commonroom-webhook-secret': 'whsec_wrong' }],
		['no secret header', {}],
		['an empty secret', { 'x-commonroom-webhook-secret': '' }],
		['the secret in other letter case', { 'x-commonroom-webhook-secret': SECRET.toUpperCase() }],
		['the secret with one character more', { 'x-commonroom-webhook-secret': `${SECRET}x` }],
		['a 10 KB secret', { 'x-commonroom-webhook-secret': 'x'.repeat(10_240) }],
	])('%s: 401, no execution, and the secret appears nowhere', async (_name, headers) => {
		const target = await start();
		const answer = await post(target, activityDelivery, headers);
		expect(answer.status).toBe(401);
		expect(answer.body.error).toMatch(/x-commonroom-webhook-secret header does not match/);
		expect(target.executions).toHaveLength(0);
		expect(JSON.stringify(answer.body) + JSON.stringify(capturedLogs)).not.toContain(SECRET);
	});

	it('without a credential every well-formed delivery is taken (the notice warns about it)', async () => {
		const target = await start({ secret: undefined });
		expect((await post(target, activityDelivery, {})).status).toBe(200);
		expect(target.executions).toHaveLength(1);
	});
});

describe('Common Room Trigger: events and repeats', () => {
	it('a delivery of a type not chosen is answered 200 and starts nothing', async () => {
		const target = await start({ parameters: { events: ['newActivity'] } });
		const answer = await post(target, contactDelivery('c-1'));
		expect(answer).toEqual({ status: 200, body: { received: true, started: false, reason: '"newContact" is not one of this trigger\'s Events' } });
		expect((await post(target, activityDelivery)).status).toBe(200);
		expect(target.executions.map((items) => items[0].json.type)).toEqual(['newActivity']);
	});

	it("the envelope's type decides where the payload alone cannot (contacts meeting criteria)", async () => {
		const target = await start({ parameters: { events: ['contactsMeetingCriteria'] } });
		await post(target, contactDelivery('c-2'));
		await post(target, { ...contactDelivery('c-3'), type: 'contactsMeetingCriteria' });
		expect(target.executions.map((items) => items[0].json.id)).toEqual(['c-3']);
	});

	it('an unknown type passes under Any only', async () => {
		const unknown = { id: 'u-1', payload: { type: 'segmentChange', segment: 's_1' } };
		const any = await start();
		await post(any, unknown);
		expect(any.executions[0][0].json).toMatchObject({ type: 'segmentChange', payload: unknown.payload });
		await any.close();
		const some = await start({ parameters: { events: ['newContact', 'newActivity'] } });
		expect((await post(some, unknown)).body.started).toBe(false);
		expect(some.executions).toHaveLength(0);
	});

	it('a repeated delivery (same envelope id) runs once, and is answered 200 so Common Room stops retrying', async () => {
		const target = await start();
		await post(target, activityDelivery);
		const again = await post(target, activityDelivery);
		expect(again).toEqual({ status: 200, body: { received: true, started: false, reason: `Delivery ${activityDelivery.id} was already received` } });
		await post(target, { ...activityDelivery, id: 'acme-11410-discord-other' });
		expect(target.executions).toHaveLength(2);
		expect(Object.keys(target.staticData()['node:Common Room Trigger'] as object)).toEqual(['seenDeliveries']);
	});

	it('with Drop Repeated Deliveries off, or in "Listen for test event", a repeat runs again', async () => {
		const off = await start({ parameters: { options: { dropRepeats: false } } });
		await post(off, activityDelivery);
		await post(off, activityDelivery);
		expect(off.executions).toHaveLength(2);
		await off.close();
		const manual = await start({ mode: 'manual' });
		await post(manual, activityDelivery);
		await post(manual, activityDelivery);
		expect(manual.executions).toHaveLength(2);
	});
});

describe('Common Room Trigger: malformed bodies get 400 and start nothing', () => {
	it.each([
		['not JSON (text/plain)', 'hello', 'text/plain', /not JSON/],
		['not JSON (no content type n8n parses)', 'hello', 'application/octet-stream', /not JSON/],
		['a JSON array', '[{"payload":{}}]', 'application/json', /JSON array/],
		['no payload', '{"id":"x","source":{}}', 'application/json', /no "payload" object/],
		['a payload that is not an object', '{"id":"x","payload":"text"}', 'application/json', /no "payload" object/],
		['an empty body', '', 'application/json', /no "payload" object/],
	])('%s', async (_name, body, contentType, reason) => {
		const target = await start();
		const answer = await post(target, body, { 'x-commonroom-webhook-secret': SECRET }, contentType);
		expect(answer.status).toBe(400);
		expect(answer.body.error).toMatch(reason);
		expect(target.executions).toHaveLength(0);
	});

	it('invalid JSON sent as application/json is refused by n8n itself (422) before the node runs', async () => {
		const target = await start();
		expect((await post(target, '{"id":', { 'x-commonroom-webhook-secret': SECRET })).status).toBe(422);
		expect(target.executions).toHaveLength(0);
	});
});
