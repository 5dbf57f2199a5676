// @ts-check
// Exactly once across executions, in a real n8n with both packages (an n8n of its own; the
// emulator counts what arrived; executions through n8n's REST API):
//  - Team Common Ground, Skip Duplicates keyed by order id (fixtures/orders-to-tcg.json): a re-run
//    after a refused order (400) and after one in doubt (503), a retry of the failed execution
//    through n8n's REST API, two executions at once with the same 200 orders, and n8n killed in
//    the middle of a run, restarted, and the orders posted again;
//  - Common Room, Only Send Changes (fixtures/contacts-only-changes.json): a contact A → B → A;
//  - example 07 with Drop Repeated Deliveries off: the same delivery twice creates one activity
//    (its create is keyed by the delivery's envelope id).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { step } from '../../scripts/lib/console.mjs';
import { ensureThreadsTable, linkThreadsTable } from '../../scripts/lib/data-tables.mjs';
import { emulatorLog, emulatorReset, emulatorState, startEmulator } from '../../scripts/lib/emulator.mjs';
import { waitForWebhooks } from '../../scripts/lib/n8n.mjs';
import { installPackages } from '../../scripts/lib/pack.mjs';
import { freePort } from '../../scripts/lib/ports.mjs';
import { N8N_VERSION, ROOT, VERSION_SUFFIX, WEBHOOK_SECRET, WORK_DIR } from '../../scripts/lib/settings.mjs';
import { activateWorkflow, importCredentialsAndWorkflows, readWorkflow } from '../../scripts/lib/workflows.mjs';
import { emittedItems, executionsOf, sleep } from './executions.mjs';
import { control } from './reads.mjs';
import { check, phaseN8n } from './runner.mjs';

/** @typedef {import('../../scripts/lib/pack.mjs').Pack} Pack */
/** @typedef {import('../../scripts/lib/processes.mjs').ProcessGroup} ProcessGroup */
/** @typedef {import('../../scripts/lib/runtime-install.mjs').RuntimePaths} RuntimePaths */

const ORDERS = { id: 'crtcgE2eOrders01', path: 'e2e-orders', node: 'Order activity' };
const CONTACTS = { id: 'crtcgE2eContacts', path: 'e2e-contacts' };
/** Example 07 with Drop Repeated Deliveries off, so a repeat reaches the Team Common Ground create. */
const GUARDED_07 = { id: 'crtcgE2eGuard007', webhookId: 'crtcg-e2e-07-no-drop' };

/** @param {string} prefix @param {number} count */
const orders = (prefix, count) => Array.from({ length: count }, (_, i) => ({ orderId: `${prefix}-${1001 + i}`, total: 10 + i }));

/** Example 07, its trigger passing repeats, its ids its own; written for the import. @param {string} dir */
function guarded07(dir) {
	const workflow = readWorkflow(path.join(ROOT, 'examples', '07-common-room-events-to-team-common-ground.json'));
	workflow.id = GUARDED_07.id;
	workflow.name = 'e2e: example 07 with Drop Repeated Deliveries off';
	for (const node of /** @type {any[]} */ (workflow.nodes)) {
		if (node.type.endsWith('.commonRoomTrigger')) {
			node.webhookId = GUARDED_07.webhookId;
			node.parameters.options = { dropRepeats: false };
		}
	}
	const file = path.join(dir, 'guarded-07.json');
	fs.writeFileSync(file, JSON.stringify(workflow, null, 2));
	return file;
}

/**
 * @param {{ paths: RuntimePaths, packs: Pack[], group: ProcessGroup }} context
 */
export async function exactlyOncePhase({ paths, packs, group }) {
	step(`Exactly once across executions, in n8n ${N8N_VERSION}: re-runs, a retry, a kill, executions at once`);
	const userFolder = path.join(WORK_DIR, `e2e-exactly-once${VERSION_SUFFIX}`);
	const logs = path.join(userFolder, 'logs');
	fs.rmSync(path.join(userFolder, '.n8n', 'database.sqlite'), { force: true });
	fs.mkdirSync(logs, { recursive: true });
	await installPackages(userFolder, packs);
	// Team Common Ground at 4 requests/s: a run of 60 orders lasts long enough to be killed in.
	const emulator = await startEmulator(group, { port: await freePort(), logFile: path.join(logs, 'emulator.log'), options: { teamCommonGround: { perMinute: 240 } } });
	const fixtures = ['orders-to-tcg.json', 'contacts-only-changes.json'].map((file) => path.join(ROOT, 'test', 'e2e', 'fixtures', file));
	await importCredentialsAndWorkflows(paths, userFolder, emulator, { workflows: [...fixtures, guarded07(userFolder)] });
	for (const id of [ORDERS.id, CONTACTS.id]) await activateWorkflow(paths, userFolder, id);
	const start = await phaseN8n({ paths, group, userFolder, logs, webhooks: [ORDERS.path, CONTACTS.path] });
	let { n8n, session } = await start();
	let runs = 0;
	/** Posts to a webhook workflow and waits for its execution. @param {string} webhookPath @param {unknown} body */
	const post = async (webhookPath, body) => {
		const response = await fetch(`${n8n.url}/webhook/${webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		assert.equal(response.status, 200, `POST /webhook/${webhookPath}: HTTP ${response.status}`);
	};
	const ordersRun = async (/** @type {unknown[]} */ list, howMany = 1) => {
		await Promise.all(Array.from({ length: howMany }, () => post(ORDERS.path, { orders: list })));
		runs += howMany;
		return (await executionsOf(session, ORDERS.id, { atLeast: runs, quietMs: 1000 })).slice(0, howMany);
	};
	/** How often each order of a prefix is stored in Team Common Ground. @param {string} prefix */
	const storedOrders = async (prefix) => {
		const counts = new Map();
		for (const activity of (await emulatorState(emulator.url)).teamCommonGround.activities) {
			const order = /Order (\S+) for/.exec(String(activity.payload?.message ?? ''))?.[1];
			if (order?.startsWith(`${prefix}-`)) counts.set(order, (counts.get(order) ?? 0) + 1);
		}
		return counts;
	};
	const duplicatesOf = (/** @type {Map<string, number>} */ counts) => [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
	const fault = (/** @type {object} */ spec) => control(emulator.url, '/faults', { target: 'teamCommonGround', faults: [spec] });

	try {
		await emulatorReset(emulator.url);
		await check('Team Common Ground: 20 orders, one refused with a 400 → the execution fails; its re-run stores 20, 0 duplicates', async () => {
			await fault({ kind: 'status', status: 400 });
			const [failed] = await ordersRun(orders('R400', 20));
			assert.equal(failed.status, 'error');
			assert.equal((await storedOrders('R400')).size, 19);
			const [again] = await ordersRun(orders('R400', 20));
			assert.equal(again.status, 'success');
			const stored = await storedOrders('R400');
			assert.equal(stored.size, 20);
			assert.equal(duplicatesOf(stored), 0);
		});
		await check('Team Common Ground: the same with a 503 → the re-run reports the order in doubt and creates nothing twice', async () => {
			await fault({ kind: 'status', status: 503, afterProcessing: true });
			const [failed] = await ordersRun(orders('R503', 20));
			assert.equal(failed.status, 'error');
			const [again] = await ordersRun(orders('R503', 20));
			const reasons = (await emittedItems(session, again.id, ORDERS.node)).map((json) => json.reason);
			assert.equal(reasons.filter((reason) => reason === 'unconfirmed').length, 1, `reasons: ${reasons.join(', ')}`);
			assert.equal(reasons.filter((reason) => reason === 'createdBefore').length, 19);
			const stored = await storedOrders('R503');
			assert.equal(stored.size, 20);
			assert.equal(duplicatesOf(stored), 0);
		});
		await check("Team Common Ground: a failed execution retried through n8n's REST API (POST /rest/executions/:id/retry) creates only what was missing", async () => {
			await fault({ kind: 'status', status: 400 });
			const [failed] = await ordersRun(orders('RETRY', 20));
			assert.equal(failed.status, 'error');
			const retry = await session.post(`/rest/executions/${failed.id}/retry`, { loadWorkflow: false });
			assert.equal(retry.status, 200, `retry: HTTP ${retry.status} ${JSON.stringify(retry.body)}`);
			runs += 1;
			await executionsOf(session, ORDERS.id, { atLeast: runs, quietMs: 1000 });
			const stored = await storedOrders('RETRY');
			assert.equal(stored.size, 20);
			assert.equal(duplicatesOf(stored), 0);
		});
		await check('Team Common Ground: n8n killed in the middle of 60 orders, restarted, orders posted again → none lost but those reported in doubt, no duplicate', async () => {
			const list = orders('KILL', 60);
			await post(ORDERS.path, { orders: list });
			for (let i = 0; i < 100 && (await storedOrders('KILL')).size < 12; i++) await sleep(200);
			process.kill(-(/** @type {number} */ (n8n.child.pid)), 'SIGKILL');
			await group.stop('n8n');
			const atKill = (await storedOrders('KILL')).size;
			({ n8n, session } = await start());
			assert.ok(atKill > 0 && atKill < 60, `${atKill} stored when n8n was killed`);
			const executions = (await executionsOf(session, ORDERS.id)).length;
			await post(ORDERS.path, { orders: list });
			const [again] = await executionsOf(session, ORDERS.id, { atLeast: executions + 1, quietMs: 2000 });
			assert.equal(again.status, 'success');
			const output = await emittedItems(session, again.id, ORDERS.node);
			const inDoubt = new Set(output.filter((json) => json.reason === 'unconfirmed').map((json) => String(json.duplicateKey)));
			const stored = await storedOrders('KILL');
			assert.equal(duplicatesOf(stored), 0);
			const missing = list.map((order) => order.orderId).filter((id) => !stored.has(id));
			assert.deepEqual(missing.filter((id) => !inDoubt.has(id)), [], 'orders lost without being reported in doubt');
			assert.ok(inDoubt.size <= 8, `${inDoubt.size} orders in doubt`);
		});
		await check('Team Common Ground: two executions at once with the same 200 orders create each once', async () => {
			await control(emulator.url, '/config', { teamCommonGround: { perMinute: 600000 } });
			const both = await ordersRun(orders('TWICE', 200), 2);
			assert.ok(both.every((execution) => execution.status === 'success'), both.map((e) => e.status).join(', '));
			const stored = await storedOrders('TWICE');
			assert.equal(stored.size, 200);
			assert.equal(duplicatesOf(stored), 0);
			await control(emulator.url, '/config', { teamCommonGround: { perMinute: 240 } });
		});
		await check('Common Room: a contact that goes A → B → A is sent three times (a fourth A is not) and Common Room holds A', async () => {
			const contact = { email: 'aba@example.com', name: 'Ada', title: 'A' };
			const before = (await emulatorLog(emulator.url)).filter((entry) => entry.method === 'POST' && entry.path.endsWith('/user')).length;
			const titles = ['A', 'B', 'A', 'A'];
			for (const [i, title] of titles.entries()) {
				await post(CONTACTS.path, { contacts: [{ ...contact, title }] });
				await executionsOf(session, CONTACTS.id, { atLeast: i + 1, quietMs: 500 });
			}
			const upserts = (await emulatorLog(emulator.url)).filter((entry) => entry.method === 'POST' && entry.path.endsWith('/user')).length - before;
			assert.equal(upserts, 3);
			const stored = (await emulatorState(emulator.url)).commonRoom.contacts.find((c) => c.id === 'aba@example.com');
			assert.equal(stored?.titleAtCompany, 'A');
		});
		await check('example 07, Drop Repeated Deliveries off: the same delivery twice runs twice and creates one Team Common Ground activity (keyed by the envelope id)', async () => {
			await linkThreadsTable(session, GUARDED_07.id, await ensureThreadsTable(session));
			const stored07 = (await session.get(`/rest/workflows/${GUARDED_07.id}`)).body.data;
			const trigger = stored07.nodes.find((/** @type {any} */ n) => n.type.endsWith('.commonRoomTrigger'));
			assert.equal(stored07.active, true, 'not active');
			await waitForWebhooks(n8n.url, [`${trigger.webhookId}/webhook`]);
			const url = `${n8n.url}/webhook/${trigger.webhookId}/webhook`;
			const before = (await emulatorState(emulator.url)).teamCommonGround.activities.length;
			const delivery = { id: 'evt-guard-1', type: 'newContact', payload: { type: 'member', primaryEmail: 'guard@example.com', fullName: 'Grace Guard' } };
			for (let i = 0; i < 2; i++) {
				const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-commonroom-webhook-secret': WEBHOOK_SECRET }, body: JSON.stringify(delivery) });
				assert.equal(response.status, 200, `POST ${url}: HTTP ${response.status} ${await response.text()}`);
				await executionsOf(session, GUARDED_07.id, { atLeast: i + 1, quietMs: 500 });
			}
			assert.equal((await emulatorState(emulator.url)).teamCommonGround.activities.length - before, 1);
		});
	} finally {
		await group.stop('n8n');
		await group.stop('emulator');
	}
}
