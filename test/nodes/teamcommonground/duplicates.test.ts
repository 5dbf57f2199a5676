/**
 * Skip Duplicates across executions, in n8n's real engine against the emulator over HTTP, with
 * n8n's store of processed items as n8n 2.41.1 keeps it (test/deduplicator.ts: hashed values,
 * one row per workflow and node, no lock). A re-run is a second execution of the same workflow
 * (same workflow and node ids); what counts is what the emulator stored.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Emulator } from '../../../emulator';
import { processedItems, runWorkflow, type RunResult } from '../../engine';
import { NODE_NAME, created, startTestEmulator, tcgNode } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => {
	emulator.reset();
	processedItems.latencyMs = 0;
});

const ORDERS = Array.from({ length: 20 }, (_, i) => ({ json: { orderId: `ORD-${1001 + i}`, total: 10 + i } }));

let workflows = 0;
/** One workflow, run as often as a test likes: the same ids, so the same memory. */
function orderWorkflow(parameters: INodeParameters = {}, settings: { continueOnFail?: boolean } = {}) {
	const workflowId = `orders-${++workflows}`;
	const node = tcgNode(
		{
			resource: 'activity',
			operation: 'create',
			activityType: 'custom',
			customType: 'c_order',
			clientEmail: 'customer@example.com',
			message: '={{ "Order " + $json.orderId + " for $" + $json.total }}',
			duplicateKey: '={{ $json.orderId }}',
			...parameters,
		},
		NODE_NAME,
		settings.continueOnFail ? { continueOnFail: true } : {},
	);
	return async (input: INodeExecutionData[] = ORDERS): Promise<RunResult> =>
		await runWorkflow({
			workflowId,
			nodes: [node],
			input,
			credentials: { teamCommonGroundApi: { apiKey: emulator.tokens.teamCommonGround, baseUrl: emulator.teamCommonGroundBaseUrl } },
		});
}

/** Stored orders, by order number in their message. */
function storedOrders(): string[] {
	return created(emulator)
		.map((activity) => /Order (ORD-\d+)/.exec(String((activity.payload as { message?: unknown } | undefined)?.message))?.[1] ?? "?")
		.sort();
}
const duplicates = () => storedOrders().length - new Set(storedOrders()).size;

describe('Team Common Ground: a re-run after a failure creates nothing twice', () => {
	it('20 orders, one refused with a 400: the run stops saying how far it got; the re-run stores the refused one, 0 duplicates', async () => {
		const runOrders = orderWorkflow();
		emulator.injectFaults('teamCommonGround', { kind: 'status', status: 400 });
		const first = await runOrders();
		expect(first.error()?.message).toMatch(/rejected the activity/);
		expect(first.error()?.description).toMatch(/this run created 19 of its 20 items/);
		expect(first.error()?.description).toMatch(/keep Skip Duplicates on/);
		expect(storedOrders()).toHaveLength(19);

		const second = await runOrders();
		expect(second.error()).toBeUndefined();
		const output = second.output(NODE_NAME).map((item) => item.json);
		expect(output.filter((json) => json.status === 'created')).toHaveLength(1);
		const skipped = output.filter((json) => json.status === 'skipped');
		expect(skipped).toHaveLength(19);
		expect(skipped[0]).toMatchObject({ skipped: true, reason: 'createdBefore', createdOn: new Date().toISOString().slice(0, 10) });
		expect(storedOrders()).toHaveLength(20);
		expect(duplicates()).toBe(0);
	});

	it('the same with a 503: the order in doubt is reported as such on the re-run and not sent again, 0 duplicates', async () => {
		const runOrders = orderWorkflow();
		emulator.injectFaults('teamCommonGround', { kind: 'status', status: 503, afterProcessing: true });
		const first = await runOrders();
		expect(first.error()?.message).toMatch(/may or may not have been created/);
		expect(storedOrders()).toHaveLength(20); // the server did store it

		const second = await runOrders();
		const output = second.output(NODE_NAME).map((item) => item.json);
		expect(output.filter((json) => json.reason === 'createdBefore')).toHaveLength(19);
		const doubt = output.filter((json) => json.reason === 'unconfirmed');
		expect(doubt).toHaveLength(1);
		expect(doubt[0].message).toMatch(/got no answer saying it was created/);
		expect(emulator.log().filter((entry) => entry.service === 'teamCommonGround')).toHaveLength(20);
		expect(duplicates()).toBe(0);
	});

	it('with Retry Creates After Server Errors on, an order in doubt is sent again (the user accepts duplicates): counted once in memory', async () => {
		const runOrders = orderWorkflow({ options: { retryCreatesOnServerError: true } });
		emulator.injectFaults('teamCommonGround', { kind: 'status', status: 503, afterProcessing: true });
		const first = await runOrders();
		expect(first.error()).toBeUndefined();
		// The server stored the first attempt and the retry: the duplicate the option warns of.
		expect(storedOrders()).toHaveLength(21);
		await runOrders();
		expect(storedOrders()).toHaveLength(21);
	}, 60_000);

	it('under Continue On Fail the refused order is an error item; the re-run sends only it', async () => {
		const runOrders = orderWorkflow({}, { continueOnFail: true });
		emulator.injectFaults('teamCommonGround', { kind: 'status', status: 400 });
		const first = await runOrders();
		expect(first.output(NODE_NAME).filter((item) => item.json.error)).toHaveLength(1);
		await runOrders();
		expect(storedOrders()).toHaveLength(20);
		expect(duplicates()).toBe(0);
		expect(emulator.log().filter((entry) => entry.service === 'teamCommonGround')).toHaveLength(21);
	});
});

describe('Team Common Ground: concurrent executions', () => {
	it('two executions at once with the same 200 keys create each once (one n8n process)', async () => {
		processedItems.latencyMs = 3; // each call to the store is a database round trip
		const runOrders = orderWorkflow();
		const many = Array.from({ length: 200 }, (_, i) => ({ json: { orderId: `ORD-${5000 + i}`, total: i } }));
		const [a, b] = await Promise.all([runOrders(many), runOrders(many)]);
		expect(a.error()).toBeUndefined();
		expect(b.error()).toBeUndefined();
		expect(storedOrders()).toHaveLength(200);
		expect(duplicates()).toBe(0);
		const outputs = [...a.output(NODE_NAME), ...b.output(NODE_NAME)].map((item) => item.json.status);
		expect(outputs.filter((status) => status === 'created')).toHaveLength(200);
		expect(outputs.filter((status) => status === 'skipped')).toHaveLength(200);
	}, 120_000);
});

describe('Team Common Ground: the keys', () => {
	it('two items of one run with the same key: one activity, the second says which item created it', async () => {
		const runOrders = orderWorkflow();
		const result = await runOrders([ORDERS[0], ORDERS[0]]);
		const [first, second] = result.output(NODE_NAME).map((item) => item.json);
		expect(first.status).toBe('created');
		expect(second).toMatchObject({ status: 'skipped', reason: 'duplicateInRun', duplicateOf: 0, activityId: first.activityId });
		expect(storedOrders()).toEqual(['ORD-1001']);
	});

	it('with no key mapped, the same activity is created once (that day); a changed detail is another activity', async () => {
		const runOrders = orderWorkflow({ duplicateKey: '' });
		await runOrders(ORDERS.slice(0, 3));
		const again = await runOrders(ORDERS.slice(0, 3));
		expect(again.output(NODE_NAME).map((item) => item.json.duplicateKey)).toEqual(expect.arrayContaining([expect.stringMatching(/^fp:[\w-]{22}@\d{4}-\d\d-\d\d$/)]));
		expect(storedOrders()).toHaveLength(3);
		await runOrders([{ json: { orderId: 'ORD-1001', total: 999 } }]);
		expect(storedOrders()).toHaveLength(4);
	});

	it('a mapped key that is empty for an item fails it, naming item and field, before anything is sent', async () => {
		const runOrders = orderWorkflow();
		const result = await runOrders([ORDERS[0], { json: { total: 5 } }]);
		expect(result.error()?.message).toBe('Duplicate Key: is empty for this item [item 1]');
		expect(emulator.log().filter((entry) => entry.service === 'teamCommonGround')).toHaveLength(0);
	});

	it('Skip Duplicates off sends every item, every time', async () => {
		const runOrders = orderWorkflow({ skipDuplicates: false });
		await runOrders(ORDERS.slice(0, 2));
		await runOrders(ORDERS.slice(0, 2));
		expect(storedOrders()).toHaveLength(4);
	});
});

describe('Team Common Ground: Created Keys (forget)', () => {
	it('Forget Keys and Forget All, run in the same node, make those orders go out again', async () => {
		const runOrders = orderWorkflow();
		await runOrders(ORDERS.slice(0, 4));
		const workflowId = `orders-${workflows}`;
		const forget = async (parameters: INodeParameters, input: INodeExecutionData[]) =>
			await runWorkflow({ workflowId, nodes: [tcgNode({ resource: 'createdKeys', ...parameters })], input });
		const forgot = await forget({ operation: 'forget', duplicateKey: '={{ $json.orderId }}' }, [ORDERS[0]]);
		expect(forgot.output(NODE_NAME)[0].json).toEqual({ duplicateKey: 'ORD-1001', forgotten: true });
		await runOrders(ORDERS.slice(0, 4));
		expect(storedOrders()).toEqual(['ORD-1001', 'ORD-1001', 'ORD-1002', 'ORD-1003', 'ORD-1004']);
		const all = await forget({ operation: 'forgetAll' }, [{ json: {} }]);
		expect(all.output(NODE_NAME)[0].json).toMatchObject({ forgotAll: true });
		await runOrders(ORDERS.slice(0, 4));
		expect(storedOrders()).toHaveLength(9);
	});
});
