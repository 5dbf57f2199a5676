// Common Room's outgoing webhooks in the emulator, against real HTTP receivers: API writes that
// fire, on-demand events, the envelope, the secret header, retries, faults and reset.
import type { Emulator } from '../../emulator';
import { DEMO, commonRoom, startTestEmulator } from './helpers';
import { sleep, startReceiver, type Receiver } from './webhookReceiver';

const SOURCE = DEMO.commonRoom.sourceId;
const COMMUNITY = '8p980hdo0'; // the demo seed's communityId

let emulator: Emulator;
let receiver: Receiver;
beforeAll(async () => {
	emulator = await startTestEmulator({ webhooks: { retryDelaysMs: [20, 40, 60], timeoutMs: 150 } });
});
afterAll(() => emulator.stop());
beforeEach(async () => {
	emulator.reset();
	receiver = await startReceiver();
});
afterEach(() => receiver.close());

/** A webhook for the receiver with one workflow per event given. */
function hook(events: Parameters<Emulator['webhooks']['addWorkflow']>[0]['event'][], secret: string | undefined = 's3cret') {
	const { id: webhookId } = emulator.webhooks.register({ url: receiver.url, secret, name: 'n8n' });
	const workflows = events.map((event) => emulator.webhooks.addWorkflow({ name: `When ${event}`, event, webhookId }).id);
	return { webhookId, workflows };
}

describe('API writes', () => {
	it('the first upsert of a contact fires newContact once, in the sample envelope; an update fires nothing', async () => {
		const { workflows } = hook(['newContact']);
		const user = {
			id: 'lin@example.com',
			email: 'lin@example.com',
			fullName: 'Lin Example',
			titleAtCompany: 'CTO',
			companyName: 'Lin Ltd',
			companyDomain: 'lin.example',
			city: 'Lyon',
			country: 'France',
			twitter: { type: 'handle', value: '@lin' },
			github: { type: 'handle', value: 'lin-gh' },
			linkedin: { type: 'handle', value: 'https://www.linkedin.com/in/lin-example/' },
			avatarUrl: 'https://example.com/lin.png',
		};
		expect((await commonRoom(emulator).post(`/source/${SOURCE}/user`, user)).status).toBe(202);
		expect(await emulator.webhooks.idle()).toBe(true);
		expect(receiver.received).toHaveLength(1);
		const [delivery] = receiver.received;
		expect(delivery.headers['content-type']).toBe('application/json');
		expect(delivery.headers['x-commonroom-webhook-secret']).toBe('s3cret');
		expect(Object.keys(delivery.body)).toEqual(['id', 'type', 'source', 'payload']);
		expect(delivery.body.id).toMatch(new RegExp(`^${COMMUNITY}-${workflows[0]}-api-[A-Za-z0-9]+$`));
		expect(delivery.body.type).toBe('newContact');
		expect(delivery.body.source).toEqual({ type: 'workflow', id: workflows[0], name: 'When newContact' });
		const memberId = emulator.state.commonRoom.contacts().find((c) => c.id === 'lin@example.com')?.memberId;
		expect(delivery.body.payload).toEqual({
			type: 'member',
			primaryEmail: 'lin@example.com',
			allEmails: ['lin@example.com'],
			fullName: 'Lin Example',
			title: 'CTO',
			organization: { name: 'Lin Ltd', domain: 'lin.example', location: { city: 'Lyon', country: 'France' } },
			linkedIn: 'in/lin-example',
			linkedInUrl: 'https://www.linkedin.com/in/lin-example',
			twitter: 'lin',
			twitterUrl: 'https://twitter.com/lin',
			github: 'lin-gh',
			githubUrl: 'https://github.com/lin-gh',
			avatarUrl: 'https://example.com/lin.png',
			commonRoomContactLink: `https://app.commonroom.io/community/${COMMUNITY}/member/${memberId}`,
			version: '202304',
		});

		await commonRoom(emulator).post(`/source/${SOURCE}/user`, { id: 'lin@example.com', fullName: 'Lin Changed' });
		await emulator.webhooks.idle();
		await sleep(30);
		expect(receiver.received).toHaveLength(1);
		expect(emulator.webhooks.deliveries()).toHaveLength(1);
	});

	it('a new activity fires newActivity with the member; its user fires no newContact; a repeat fires nothing', async () => {
		hook(['newActivity', 'newContact']);
		const activity = {
			id: 'msg-1',
			activityType: 'replied',
			user: { id: 'kim@example.com', email: 'kim@example.com', fullName: 'Kim Reply', github: { type: 'handle', value: 'kimr' } },
			content: { type: 'markdown', value: 'Thanks **a lot**' },
			timestamp: '2026-11-20T10:00:00.000Z',
			url: 'https://forum.example.com/t/1#2',
		};
		expect((await commonRoom(emulator).post(`/source/${SOURCE}/activity`, activity)).status).toBe(202);
		await emulator.webhooks.idle();
		expect(receiver.received.map((r) => r.body.type)).toEqual(['newActivity']);
		const { payload } = receiver.received[0].body;
		expect(payload).toMatchObject({
			type: 'activity',
			content: 'Thanks **a lot**',
			version: '202304',
			timestamp: '2026-11-20T10:00:00.000Z',
			serviceName: 'API',
			activityType: 'replied',
			externalActivityUrl: 'https://forum.example.com/t/1#2',
			member: { type: 'member', primaryEmail: 'kim@example.com', fullName: 'Kim Reply', github: 'kimr', githubUrl: 'https://github.com/kimr' },
		});
		expect(payload.commonRoomActivityUrl).toMatch(/^https:\/\/app\.commonroom\.io\/community\/8p980hdo0\/activity\//);

		await commonRoom(emulator).post(`/source/${SOURCE}/activity`, { ...activity, content: { type: 'text', value: 'edited' } });
		await emulator.webhooks.idle();
		expect(receiver.received).toHaveLength(1);
	});

	it('fires nothing without a workflow for the event, and never delays the API answer', async () => {
		hook(['newOrganization']);
		await commonRoom(emulator).post(`/source/${SOURCE}/user`, { id: 'nobody@example.com', email: 'nobody@example.com' });
		await emulator.webhooks.idle();
		expect(receiver.received).toHaveLength(0);

		hook(['newContact']);
		receiver.answer(() => ({ delayMs: 120 }));
		const started = Date.now();
		await commonRoom(emulator).post(`/source/${SOURCE}/user`, { id: 'fast@example.com', email: 'fast@example.com' });
		expect(Date.now() - started).toBeLessThan(100);
		expect(emulator.webhooks.inFlight()).toBe(1);
		await emulator.webhooks.idle();
		expect(receiver.received).toHaveLength(1);
	});
});

describe('on demand', () => {
	it('newOrganization, contactsMeetingCriteria (from a stored contact) and websiteVisit', async () => {
		const { workflows } = hook(['newOrganization', 'contactsMeetingCriteria', 'websiteVisit']);
		const location = { city: 'Austin', region: 'TX', country: 'United States' };
		const [org] = emulator.webhooks.fire('newOrganization', { payload: { name: 'Acme', domain: 'acme.example', location } });
		expect(org).toMatchObject({ event: 'newOrganization', workflowId: workflows[0] });
		emulator.webhooks.fire('contactsMeetingCriteria', { contactEmail: 'ADA@example.com' });
		emulator.webhooks.fire('websiteVisit');
		await emulator.webhooks.idle();
		const byType = Object.fromEntries(receiver.received.map((r) => [r.body.type, r.body]));
		expect(byType.newOrganization.id).toBe(org.envelopeId);
		expect(byType.newOrganization.id).toMatch(new RegExp(`^${COMMUNITY}-${workflows[0]}-manual-`));
		expect(byType.newOrganization.payload).toEqual({ type: 'organization', name: 'Acme', domain: 'acme.example', location });
		expect(byType.contactsMeetingCriteria.payload).toMatchObject({
			type: 'member',
			primaryEmail: 'ada@example.com',
			fullName: 'Ada Lovelace',
			title: 'Founder',
			organization: { name: 'Analytical Engines' },
			linkedIn: 'in/ada-lovelace',
			twitter: 'ada',
			github: 'ada-l',
		});
		expect(byType.websiteVisit.payload.type).toBe('organization');
		expect(byType.websiteVisit.source).toEqual({ type: 'workflow', id: workflows[2], name: 'When websiteVisit' });
		expect(emulator.webhooks.fire('newActivity')).toEqual([]);
		expect(() => emulator.webhooks.fire('contactsMeetingCriteria', { contactEmail: 'ghost@example.com' })).toThrow(/no stored contact/);
	});

	it('a test payload: a sample contact marked "Test payload", typed newContact unless told otherwise', async () => {
		const { webhookId, workflows } = hook(['newActivity']);
		emulator.webhooks.sendTest(webhookId);
		emulator.webhooks.sendTest(webhookId, { workflowId: workflows[0] });
		await emulator.webhooks.idle();
		const [plain, forWorkflow] = receiver.received.map((r) => r.body);
		expect(plain).toMatchObject({ type: 'newContact', source: { type: 'workflow', id: 0, name: 'Test payload' } });
		expect(plain.payload).toMatchObject({ type: 'member', primaryEmail: 'sample.contact@example.com', version: '202304' });
		expect(forWorkflow).toMatchObject({ type: 'newActivity', source: { id: workflows[0], name: 'Test payload' } });
		expect(emulator.webhooks.deliveries().every((d) => d.test)).toBe(true);
	});
});

describe('the secret header', () => {
	it('is sent as set, left out without a secret, wrong or missing on demand', async () => {
		const withSecret = hook(['newOrganization']).webhookId;
		const without = emulator.webhooks.register({ url: receiver.url }).id;
		emulator.webhooks.sendTest(withSecret);
		await emulator.webhooks.idle();
		emulator.webhooks.sendTest(without);
		await emulator.webhooks.idle();
		emulator.webhooks.sendTest(withSecret, { faults: ['wrongSecret'] });
		await emulator.webhooks.idle();
		emulator.webhooks.setFaults(['noSecret']);
		emulator.webhooks.fire('newOrganization');
		await emulator.webhooks.idle();
		const secrets = receiver.received.map((r) => r.headers['x-commonroom-webhook-secret']);
		expect(secrets).toEqual(['s3cret', undefined, 'emulator-wrong-secret', undefined]);
		expect(JSON.stringify(emulator.webhooks.deliveries())).not.toContain('s3cret');
		expect(JSON.stringify(emulator.webhooks.list())).not.toContain('s3cret');
	});
});

describe('retries', () => {
	it('retries a 500 with the same envelope id until a 2xx', async () => {
		hook(['newOrganization']);
		receiver.answer((index) => ({ status: index < 2 ? 500 : 204 }));
		const [fired] = emulator.webhooks.fire('newOrganization');
		await emulator.webhooks.idle();
		expect(receiver.received.map((r) => r.body.id)).toEqual([fired.envelopeId, fired.envelopeId, fired.envelopeId]);
		expect(new Set(receiver.received.map((r) => r.text)).size).toBe(1);
		const log = emulator.webhooks.deliveries();
		expect(log.map((d) => [d.attempt, d.status, d.willRetry])).toEqual([[1, 500, true], [2, 500, true], [3, 204, false]]);
		expect(log[0]).toMatchObject({ envelopeId: fired.envelopeId, event: 'newOrganization', webhookId: fired.webhookId, url: receiver.url, error: null });
	});

	it('gives up after 3 retries; a receiver slower than the timeout is retried', async () => {
		hook(['newOrganization']);
		receiver.answer(() => ({ status: 503 }));
		emulator.webhooks.fire('newOrganization');
		await emulator.webhooks.idle();
		expect(receiver.received).toHaveLength(4);

		emulator.webhooks.clearDeliveries();
		receiver.answer((index) => (index === 4 ? { delayMs: 400 } : {}));
		const [fired] = emulator.webhooks.fire('newOrganization');
		await emulator.webhooks.idle();
		const log = emulator.webhooks.deliveries();
		expect(log.map((d) => [d.attempt, d.status, d.error])).toEqual([[1, null, 'timeout after 150 ms'], [2, 200, null]]);
		expect(receiver.received.slice(4).map((r) => r.body.id)).toEqual([fired.envelopeId, fired.envelopeId]);
	});
});

describe('faults', () => {
	it('repeat sends the same delivery twice with the same id', async () => {
		hook(['newContact']);
		emulator.webhooks.setFaults(['repeat'], 1);
		expect(emulator.webhooks.pendingFaults()).toEqual([{ faults: ['repeat'], remaining: 1 }]);
		await commonRoom(emulator).post(`/source/${SOURCE}/user`, { id: 'twice@example.com', email: 'twice@example.com' });
		await emulator.webhooks.idle();
		expect(emulator.webhooks.pendingFaults()).toEqual([]);
		expect(receiver.received).toHaveLength(2);
		expect(receiver.received[0].text).toBe(receiver.received[1].text);
		expect(emulator.webhooks.deliveries().map((d) => d.copy)).toEqual([1, 2]);
	});

	it('malformed bodies: not JSON, a JSON array, an envelope without payload', async () => {
		const { webhookId } = hook([]);
		for (const fault of ['notJson', 'array', 'noPayload'] as const) emulator.webhooks.sendTest(webhookId, { faults: [fault] });
		await emulator.webhooks.idle();
		const bodies = Object.fromEntries(emulator.webhooks.deliveries().map((d) => [d.faults[0], receiver.received.find((r) => r.text.includes(d.envelopeId))]));
		expect(bodies.notJson?.body).toBeUndefined();
		expect(bodies.notJson?.headers['content-type']).toBe('application/json');
		expect(Array.isArray(bodies.array?.body)).toBe(true);
		expect(bodies.array?.body[0]).toHaveProperty('payload');
		expect(Object.keys(bodies.noPayload?.body)).toEqual(['id', 'type', 'source']);
		expect(() => emulator.webhooks.setFaults(['notJson', 'array'])).toThrow(/one of/);
		expect(() => emulator.webhooks.setFaults(['bogus' as never])).toThrow(/unknown webhook fault/);
	});
});

describe('reset and stop', () => {
	it('reset cancels pending retries and goes back to the seed (no webhooks)', async () => {
		emulator.configure({ webhooks: { retryDelaysMs: [5000] } });
		try {
			hook(['newOrganization']);
			receiver.answer(() => ({ status: 500 }));
			emulator.webhooks.fire('newOrganization');
			while (emulator.webhooks.deliveries().length === 0) await sleep(5);
			expect(emulator.webhooks.inFlight()).toBe(1);
			emulator.reset();
			expect(emulator.webhooks.inFlight()).toBe(0);
			expect(await emulator.webhooks.idle(10)).toBe(true);
			expect(emulator.webhooks.list()).toEqual({ webhooks: [], workflows: [] });
			expect(emulator.webhooks.deliveries()).toEqual([]);
			await sleep(50);
			expect(receiver.received).toHaveLength(1);
		} finally {
			emulator.configure({ webhooks: { retryDelaysMs: [20, 40, 60] } });
		}
	});

	it('stop ends pending retries at once', async () => {
		const other = await startTestEmulator({ webhooks: { retryDelaysMs: [60_000] } });
		const { id } = other.webhooks.register({ url: receiver.url });
		receiver.answer(() => ({ status: 500 }));
		other.webhooks.sendTest(id);
		while (receiver.received.length === 0) await sleep(5);
		const started = Date.now();
		await other.stop();
		expect(await other.webhooks.idle(10)).toBe(true);
		expect(Date.now() - started).toBeLessThan(500);
	});
});
