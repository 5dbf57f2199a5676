// The webhooks driven from another process: /__emulator/webhooks endpoints, the seed's webhooks
// and workflows, and which URLs are accepted.
import { readFileSync } from 'node:fs';
import { DEFAULT_SEED_PATH, type Emulator, type SeedData } from '../../emulator';
import { DEMO, call, commonRoom, startTestEmulator } from './helpers';
import { startReceiver, type Receiver } from './webhookReceiver';

const demoSeed = (): SeedData => JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8'));

let receiver: Receiver;
beforeAll(async () => {
	receiver = await startReceiver();
});
afterAll(() => receiver.close());

describe('control endpoints', () => {
	let emulator: Emulator;
	const control = (path: string, init: Parameters<typeof call>[1] = {}) => call(`${emulator.url}/__emulator${path}`, init);
	beforeAll(async () => {
		emulator = await startTestEmulator({ webhooks: { retryDelaysMs: [10], timeoutMs: 200 } });
	});
	afterAll(() => emulator.stop());

	it('register, add a workflow, fire, wait, read the log, test, faults, remove', async () => {
		const registered = await control('/webhooks', { body: { url: receiver.url, secret: 'ctl', name: 'n8n prod' } });
		expect(registered.status).toBe(200);
		const webhookId = registered.body.id;
		const workflow = await control('/webhooks/workflows', { body: { name: 'New contacts', event: 'newContact', webhookId } });
		expect(workflow.body.id).toBeGreaterThanOrEqual(11410);
		expect((await control('/webhooks')).body).toMatchObject({
			webhooks: [{ id: webhookId, name: 'n8n prod', url: receiver.url, hasSecret: true }],
			workflows: [{ id: workflow.body.id, name: 'New contacts', event: 'newContact', webhookId }],
			inFlight: 0,
		});

		await commonRoom(emulator).post(`/source/${DEMO.commonRoom.sourceId}/user`, { id: 'ctl@example.com', email: 'ctl@example.com' });
		expect((await control('/webhooks/idle?timeoutMs=2000')).body).toEqual({ idle: true, inFlight: 0 });
		const fired = await control('/webhooks/fire', { body: { event: 'newContact', contactEmail: 'ctl@example.com', faults: ['repeat'] } });
		expect(fired.body.deliveries).toEqual([expect.objectContaining({ event: 'newContact', workflowId: workflow.body.id, webhookId })]);
		await control('/webhooks/idle');
		const log = await control(`/webhooks/deliveries?envelopeId=${fired.body.deliveries[0].envelopeId}`);
		expect(log.body.count).toBe(2);
		expect(log.body.entries.map((e: { copy: number }) => e.copy)).toEqual([1, 2]);
		expect((await control('/webhooks/deliveries?event=newContact')).body.count).toBe(3);

		expect((await control('/webhooks/faults', { body: { faults: ['wrongSecret'], count: 2 } })).body.pending).toEqual([
			{ faults: ['wrongSecret'], remaining: 2 },
		]);
		const test = await control(`/webhooks/${webhookId}/test`, { body: {} });
		expect(test.body).toMatchObject({ event: 'newContact', workflowId: null, webhookId });
		await control('/webhooks/idle');
		expect(receiver.received.at(-1)?.headers['x-commonroom-webhook-secret']).toBe('emulator-wrong-secret');
		expect((await control('/webhooks/faults')).body.pending).toEqual([{ faults: ['wrongSecret'], remaining: 1 }]);
		await control('/webhooks/faults', { method: 'DELETE' });
		expect((await control('/webhooks/faults')).body.pending).toEqual([]);

		await control('/webhooks/deliveries', { method: 'DELETE' });
		expect((await control('/webhooks/deliveries')).body.count).toBe(0);
		expect((await control(`/webhooks/workflows/${workflow.body.id}`, { method: 'DELETE' })).status).toBe(200);
		expect((await control(`/webhooks/${webhookId}`, { method: 'DELETE' })).status).toBe(200);
		expect((await control('/webhooks')).body).toMatchObject({ webhooks: [], workflows: [] });
	});

	it('answers 400 for bad bodies and unknown ids, 404 for unknown endpoints', async () => {
		expect((await control('/webhooks', { body: { url: 'ftp://127.0.0.1/x' } })).status).toBe(400);
		expect((await control('/webhooks', { body: { url: 'https://hooks.example.com/x' } })).body.error).toMatch(/not loopback/);
		expect((await control('/webhooks', { body: { url: receiver.url, id: 'faults' } })).body.error).toMatch(/reserved/);
		expect((await control('/webhooks/workflows', { body: { name: 'x', event: 'newThing', webhookId: 'nope' } })).status).toBe(400);
		expect((await control('/webhooks/workflows', { body: { name: 'x', event: 'newContact', webhookId: 'nope' } })).body.error).toMatch(
			/unknown webhook nope/,
		);
		expect((await control('/webhooks/fire', { body: { event: 'newContact', faults: ['wrongSecret', 'noSecret'] } })).status).toBe(400);
		expect((await control('/webhooks/nope/test', { body: {} })).body.error).toMatch(/unknown webhook/);
		expect((await control('/webhooks/a/b/c')).status).toBe(404);
		expect((await control('/config', { body: { webhooks: { timeoutMs: 0 } } })).status).toBe(400);
		const configured = await control('/config', { body: { webhooks: { retryDelaysMs: [5, 5] } } });
		expect(configured.body.webhooks).toEqual({ retryDelaysMs: [5, 5], timeoutMs: 200, allowRemoteHosts: false });
	});
});

describe('seed', () => {
	const seeded = (): SeedData => {
		const seed = demoSeed();
		seed.commonRoom.webhooks = [
			{ id: 'n8n', name: 'n8n', url: receiver.url, secret: 'seeded' },
			{ id: 'spare', url: 'http://localhost:1/unused' },
		];
		seed.commonRoom.workflows = [{ id: 500, name: 'New activity → n8n', event: 'newActivity', webhookId: 'n8n' }];
		return seed;
	};

	it('starts with the seed webhooks and workflows, and reset returns to them', async () => {
		const emulator = await startTestEmulator({ seed: seeded() });
		try {
			expect(emulator.webhooks.list()).toEqual({
				webhooks: [
					{ id: 'n8n', name: 'n8n', url: receiver.url, hasSecret: true },
					{ id: 'spare', name: 'spare', url: 'http://localhost:1/unused', hasSecret: false },
				],
				workflows: [{ id: 500, name: 'New activity → n8n', event: 'newActivity', webhookId: 'n8n' }],
			});
			expect(emulator.webhooks.addWorkflow({ name: 'next', event: 'newContact', webhookId: 'n8n' }).id).toBe(11410);
			const before = receiver.received.length;
			const activity = { id: 'a1', activityType: 'signed_up', user: { id: 'seeded@example.com', email: 'seeded@example.com' } };
			await commonRoom(emulator).post(`/source/${DEMO.commonRoom.sourceId}/activity`, activity);
			await emulator.webhooks.idle();
			const [delivery] = receiver.received.slice(before);
			expect(delivery.body).toMatchObject({ type: 'newActivity', source: { type: 'workflow', id: 500, name: 'New activity → n8n' } });
			expect(delivery.headers['x-commonroom-webhook-secret']).toBe('seeded');
			emulator.webhooks.remove('n8n');
			emulator.reset();
			expect(emulator.webhooks.list().workflows.map((w) => w.id)).toEqual([500]);
		} finally {
			await emulator.stop();
		}
	});

	it('refuses a workflow naming an unknown webhook, duplicate ids and remote URLs (unless allowed)', async () => {
		const broken = seeded();
		broken.commonRoom.workflows?.push({ id: 500, name: 'dup', event: 'newContact', webhookId: 'ghost' });
		await expect(startTestEmulator({ seed: broken })).rejects.toThrow(/workflow 500: unknown webhook ghost[\s\S]*workflows id 500 is duplicated|workflows id 500 is duplicated[\s\S]*unknown webhook ghost/);
		const remote = seeded();
		remote.commonRoom.webhooks?.push({ id: 'remote', url: 'https://hooks.example.com/cr' });
		await expect(startTestEmulator({ seed: remote })).rejects.toThrow(/not loopback/);
		const emulator = await startTestEmulator({ seed: remote, webhooks: { allowRemoteHosts: true } });
		try {
			// A refused seed changes nothing: the running webhooks stay.
			emulator.configure({ webhooks: { allowRemoteHosts: false } });
			expect(() => emulator.reset(remote)).toThrow(/not loopback/);
			expect(emulator.webhooks.list().webhooks.map((w) => w.id)).toEqual(['n8n', 'spare', 'remote']);
		} finally {
			await emulator.stop();
		}
	});
});
