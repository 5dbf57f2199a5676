/**
 * Drop Repeated Deliveries in n8n-core's real WebhookContext behind a real HTTP server, with
 * static data going the way n8n 2.41.1's live webhooks take it (test/webhookHarness.ts): read
 * fresh for every request, saved only when n8n-workflow's change flag is still set when n8n
 * checks it, and overwritten whole by executions that write static data themselves.
 * What lasts across a real n8n's restarts is in the e2e run (test/e2e/repeats.mjs).
 */
import { deliveryMemory } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomTrigger/helpers/repeats';
import { startTriggerServer, type TriggerServer, type TriggerServerOptions } from '../../webhookHarness';

const SECRET = 'whsec_3f9c2a7e51d04b8a';
const delivery = (id: unknown) => ({ id, payload: { type: 'member', primaryEmail: `${String(id).length}@example.com` } });

let server: TriggerServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function start(options: TriggerServerOptions = {}): Promise<TriggerServer> {
	server = await startTriggerServer({ secret: SECRET, ...options });
	return server;
}

async function post(target: TriggerServer, body: unknown) {
	const response = await fetch(target.url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-commonroom-webhook-secret': SECRET },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const started = (target: TriggerServer) => target.executions.map((items) => items[0].json.id);
const remembered = (target: TriggerServer) =>
	Object.keys(((target.staticData()['node:Common Room Trigger'] ?? {}) as { seenDeliveries?: object }).seenDeliveries ?? {});

describe('Common Room Trigger: every delivery remembered', () => {
	it('X1, X1, X2, X2, X3, X3 start three executions, and static data holds all three ids', async () => {
		const target = await start();
		const answers = [];
		for (const id of ['x1', 'x1', 'x2', 'x2', 'x3', 'x3']) answers.push(await post(target, delivery(id)));
		expect(started(target)).toEqual(['x1', 'x2', 'x3']);
		expect(remembered(target).sort()).toEqual(['x1', 'x2', 'x3']);
		// A started delivery is answered as n8n answers it; a repeat says why nothing started.
		expect(answers[0]).toEqual({ status: 200, body: { message: 'Workflow was started' } });
		expect(answers[1]).toEqual({ status: 200, body: { received: true, started: false, reason: 'Delivery x1 was already received' } });
	});

	it('the repeat of the 1,000th delivery is dropped like the first, also after a restart (this process\'s record gone)', async () => {
		const target = await start({ readToRunMs: 0 });
		for (let i = 1; i <= 1000; i++) await post(target, delivery(`d-${i}`));
		expect(target.executions).toHaveLength(1000);
		expect((await post(target, delivery('d-1000'))).body.started).toBe(false);
		deliveryMemory.clear();
		expect((await post(target, delivery('d-1000'))).body.started).toBe(false);
		expect((await post(target, delivery('d-1'))).body.started).toBe(false);
		expect(target.executions).toHaveLength(1000);
	});
});

describe('Common Room Trigger: concurrent repeats start one execution', () => {
	it.each([2, 5, 20])('the same new delivery posted %i times at once starts exactly one', async (times) => {
		const target = await start();
		const answers = await Promise.all(Array.from({ length: times }, () => post(target, delivery(`burst-${times}`))));
		expect(target.executions).toHaveLength(1);
		expect(answers.filter((answer) => answer.body.message === 'Workflow was started')).toHaveLength(1);
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
	});

	it('bursts of several deliveries, each repeated, at once: one execution per distinct delivery', async () => {
		const target = await start();
		const ids = Array.from({ length: 10 }, (_, i) => `b-${i}`);
		await Promise.all([...ids, ...ids, ...ids].map((id) => post(target, delivery(id))));
		expect([...started(target)].sort()).toEqual([...ids].sort());
	});
});

describe('Common Room Trigger: other nodes writing static data cannot undo it', () => {
	it('executions that save their own copy of static data, one after another', async () => {
		const target = await start({ executionWritesStaticData: { delayMs: 0 } });
		for (const id of ['x1', 'x1', 'x2', 'x2', 'x3', 'x3']) {
			await post(target, delivery(id));
			await target.executionsSaved();
		}
		expect(started(target)).toEqual(['x1', 'x2', 'x3']);
		expect(target.staticData().global).toEqual({ runs: 3 });
	});

	it('executions that overlap later deliveries and save a stale copy over them', async () => {
		const target = await start({ executionWritesStaticData: { delayMs: 150 } });
		for (const id of ['y1', 'y2', 'y1', 'y3', 'y2', 'y1', 'y3']) await post(target, delivery(id));
		await target.executionsSaved();
		// The last save was an older execution's copy, without the ids saved after it was read...
		expect(started(target)).toEqual(['y1', 'y2', 'y3']);
		// ...and the next delivery writes them back.
		await post(target, delivery('y4'));
		await target.executionsSaved();
		expect(remembered(target).sort()).toEqual(['y1', 'y2', 'y3', 'y4']);
	});
});

describe('Common Room Trigger: ids are ids', () => {
	it.each([
		['a number', 42],
		['zero', 0],
		['"__proto__"', '__proto__'],
		['"constructor"', 'constructor'],
		['"toString"', 'toString'],
		['unicode', 'ünï-💥'],
	])('%s is remembered like any other id', async (_label, id) => {
		const target = await start();
		await post(target, delivery(id));
		await post(target, delivery(id));
		deliveryMemory.clear();
		await post(target, delivery(id));
		expect(target.executions).toHaveLength(1);
		expect(remembered(target)).toEqual([String(id)]);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('the number 7 and the text "7" are the same delivery id', async () => {
		const target = await start();
		await post(target, delivery(7));
		expect((await post(target, delivery('7'))).body.started).toBe(false);
	});
});
