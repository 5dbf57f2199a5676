// @ts-check
// What must last between executions, in a real n8n that is restarted in the middle (an n8n of its
// own, with n8n-nodes-commonroom installed; executions counted through n8n's REST API):
//  - the Common Room Trigger drops repeats (fixtures/trigger-only.json): 50 distinct deliveries,
//    each posted twice, start 50 executions, and after the restart the 50 again start none; the
//    same new delivery posted 5 times at once starts one; a numeric id and "__proto__" are ids
//    like any other;
//  - it does so also where a Code node writes workflow static data in every execution
//    (fixtures/trigger-code-static.json), repeats one after another and at once;
//  - the Common Room Polling Trigger's mark (fixtures/polling-trigger.json): three polls, each
//    emitting exactly the activities added since the one before, then the restart, then a poll
//    that emits exactly what was added while n8n was down.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { c, say, step } from '../../scripts/lib/console.mjs';
import { emulatorLog, emulatorReset, startEmulator } from '../../scripts/lib/emulator.mjs';
import { installPackages } from '../../scripts/lib/pack.mjs';
import { freePort } from '../../scripts/lib/ports.mjs';
import { N8N_VERSION, PACKAGES, ROOT, VERSION_SUFFIX, WEBHOOK_SECRET, WORK_DIR } from '../../scripts/lib/settings.mjs';
import { activateWorkflow, importCredentialsAndWorkflows } from '../../scripts/lib/workflows.mjs';
import { emittedItems, executionsOf, sleep } from './executions.mjs';
import { control, v2Requests } from './reads.mjs';
import { check, phaseN8n } from './runner.mjs';

/** @typedef {import('../../scripts/lib/pack.mjs').Pack} Pack */
/** @typedef {import('../../scripts/lib/processes.mjs').ProcessGroup} ProcessGroup */
/** @typedef {import('../../scripts/lib/runtime-install.mjs').RuntimePaths} RuntimePaths */
/** @typedef {import('../../scripts/lib/n8n-rest.mjs').N8nSession} N8nSession */

const TRIGGER_ONLY = { id: 'crtcgE2eTrigger1', webhookId: 'crtcg-e2e-trigger-only' };
const TRIGGER_STATIC = { id: 'crtcgE2eTrigStat', webhookId: 'crtcg-e2e-trigger-static' };
const POLLING = { id: 'crtcgE2ePoll0001', node: 'Common Room Polling Trigger' };
const FIXTURES = ['trigger-only.json', 'trigger-code-static.json', 'polling-trigger.json'];

/**
 * Posts one delivery to an active trigger's production URL, with the secret.
 * @param {string} n8nUrl
 * @param {string} webhookId
 * @param {unknown} id the envelope id
 */
async function deliver(n8nUrl, webhookId, id) {
	const response = await fetch(`${n8nUrl}/webhook/${webhookId}/webhook`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-commonroom-webhook-secret': WEBHOOK_SECRET },
		body: JSON.stringify({ id, type: 'newContact', payload: { type: 'member', primaryEmail: 'ada@example.com', fullName: 'Ada Lovelace' } }),
	});
	const body = /** @type {{ message?: string, started?: boolean }} */ (await response.json().catch(() => ({})));
	assert.equal(response.status, 200, `delivery ${JSON.stringify(id)}: HTTP ${response.status} ${JSON.stringify(body)}`);
	return body;
}

/**
 * The envelope ids a trigger workflow's executions started with, oldest first, once `expected`
 * have started and no more has for a second.
 * @param {N8nSession} session
 * @param {string} workflowId
 * @param {number} expected
 */
async function startedIds(session, workflowId, expected) {
	const executions = await executionsOf(session, workflowId, { atLeast: expected, quietMs: 1000 });
	assert.ok(executions.every((e) => e.status === 'success'), `statuses: ${executions.map((e) => e.status).join(', ')}`);
	const ids = [];
	for (const execution of [...executions].reverse()) ids.push((await emittedItems(session, execution.id, 'Common Room Trigger'))[0]?.id);
	return ids;
}

const DISTINCT = Array.from({ length: 50 }, (_, i) => `persist-${i + 1}`);
const HOSTILE = [4242, '__proto__'];
const STATIC = Array.from({ length: 8 }, (_, i) => `static-${i + 1}`);

/**
 * @param {{ paths: RuntimePaths, packs: Pack[], group: ProcessGroup }} context
 */
export async function persistencePhase({ paths, packs, group }) {
	step(`What lasts between executions and across a restart, in n8n ${N8N_VERSION}`);
	const userFolder = path.join(WORK_DIR, `e2e-persistence${VERSION_SUFFIX}`);
	const logs = path.join(userFolder, 'logs');
	fs.rmSync(path.join(userFolder, '.n8n', 'database.sqlite'), { force: true });
	fs.mkdirSync(logs, { recursive: true });
	await installPackages(userFolder, packs.filter((pack) => pack.name === PACKAGES.commonRoom.name));
	const emulator = await startEmulator(group, { port: await freePort(), logFile: path.join(logs, 'emulator.log') });
	await importCredentialsAndWorkflows(paths, userFolder, emulator, { workflows: FIXTURES.map((file) => path.join(ROOT, 'test', 'e2e', 'fixtures', file)) });
	await activateWorkflow(paths, userFolder, TRIGGER_ONLY.id);
	await activateWorkflow(paths, userFolder, TRIGGER_STATIC.id);
	const start = await phaseN8n({ paths, group, userFolder, logs, webhooks: [TRIGGER_ONLY, TRIGGER_STATIC].map((w) => `${w.webhookId}/webhook`) });
	let { n8n, session } = await start();
	const polling = pollingChecks(session, emulator);
	try {
		await polling.activate();
		await check('trigger: 50 distinct deliveries, each posted twice in a row, start 50 executions, one per delivery', async () => {
			for (const id of DISTINCT) {
				assert.equal((await deliver(n8n.url, TRIGGER_ONLY.webhookId, id)).message, 'Workflow was started');
				assert.equal((await deliver(n8n.url, TRIGGER_ONLY.webhookId, id)).started, false, `the repeat of ${id} started`);
			}
			assert.deepEqual(await startedIds(session, TRIGGER_ONLY.id, DISTINCT.length), DISTINCT);
		});
		await check('trigger: the same new delivery posted 5 times at once starts one execution', async () => {
			const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(n8n.url, TRIGGER_ONLY.webhookId, 'burst-1')));
			assert.equal(answers.filter((a) => a.message === 'Workflow was started').length, 1, JSON.stringify(answers));
			assert.equal((await startedIds(session, TRIGGER_ONLY.id, DISTINCT.length + 1)).filter((id) => id === 'burst-1').length, 1);
		});
		await check('trigger: a numeric id (4242) and "__proto__", each posted twice, start one execution each', async () => {
			for (const id of HOSTILE) for (let i = 0; i < 2; i++) await deliver(n8n.url, TRIGGER_ONLY.webhookId, id);
			const ids = await startedIds(session, TRIGGER_ONLY.id, DISTINCT.length + 1 + HOSTILE.length);
			assert.deepEqual(ids.slice(-2), ['4242', '__proto__']);
			assert.equal(ids.length, DISTINCT.length + 1 + HOSTILE.length);
		});
		await check('trigger + a Code node writing static data: repeats one after another and 3 at once start one execution per delivery', async () => {
			for (const id of STATIC.slice(0, 4)) {
				await deliver(n8n.url, TRIGGER_STATIC.webhookId, id);
				await deliver(n8n.url, TRIGGER_STATIC.webhookId, id);
				await sleep(300); // its execution's save of static data lands in between
				await deliver(n8n.url, TRIGGER_STATIC.webhookId, id);
			}
			for (const id of STATIC.slice(4)) await Promise.all([1, 2, 3].map(() => deliver(n8n.url, TRIGGER_STATIC.webhookId, id)));
			await executionsOf(session, TRIGGER_STATIC.id, { atLeast: STATIC.length, quietMs: 1000 });
			for (const id of STATIC) await deliver(n8n.url, TRIGGER_STATIC.webhookId, id);
			assert.deepEqual(await startedIds(session, TRIGGER_STATIC.id, STATIC.length), STATIC);
		});
		await polling.threePolls();

		step('n8n restarts (the same database)');
		await group.stop('n8n');
		({ n8n, session } = await start());
		polling.useSession(session);
		await check('after the restart: the 53 deliveries posted again start nothing, in both workflows', async () => {
			for (const id of [...DISTINCT, 'burst-1', ...HOSTILE]) assert.equal((await deliver(n8n.url, TRIGGER_ONLY.webhookId, id)).started, false, `${id} started again`);
			for (const id of STATIC) assert.equal((await deliver(n8n.url, TRIGGER_STATIC.webhookId, id)).started, false, `${id} started again`);
			assert.equal((await startedIds(session, TRIGGER_ONLY.id, 0)).length, DISTINCT.length + 1 + HOSTILE.length);
			assert.equal((await startedIds(session, TRIGGER_STATIC.id, 0)).length, STATIC.length);
		});
		await polling.afterRestart();
	} finally {
		await polling.deactivate();
		await group.stop('n8n');
		await group.stop('emulator');
	}
}

/**
 * The Common Room Polling Trigger, active in the running n8n: n8n polls "Every Minute" at a second
 * of its own choosing (and refuses polls more often), so activities are added right after an
 * execution shows a poll has just run: the next poll is about a minute away and sees all of them.
 * @param {N8nSession} firstSession
 * @param {{ url: string, tokens: { commonRoom: string } }} emulator
 */
function pollingChecks(firstSession, emulator) {
	let session = firstSession;
	let active = false;
	/** @type {string[]} */
	let known = [];
	let executions = 0;
	/** Adds `count` activities (bulk: one per new contact); their v2 ids. @param {string} prefix @param {number} count */
	const addActivities = async (prefix, count) => {
		await control(emulator.url, '/commonRoom/bulk', { contacts: count, idPrefix: prefix, activitiesPerContact: 1, startAt: new Date().toISOString() });
		const response = await fetch(`${emulator.url}/community/v2/activities?sort=id&limit=200`, { headers: { authorization: `Bearer ${emulator.tokens.commonRoom}` } });
		assert.equal(response.status, 200, `GET /community/v2/activities: HTTP ${response.status}`);
		const all = /** @type {{ data: Array<{ id: string }> }} */ (await response.json()).data.map((a) => a.id);
		const added = all.filter((a) => !known.includes(a));
		known = all;
		assert.equal(added.length, count);
		return added;
	};
	/** @param {string[]} expected @param {string} what */
	const nextPollEmits = async (expected, what) => {
		const started = Date.now();
		/** @type {Awaited<ReturnType<typeof executionsOf>> | null} */
		let list = null;
		while (Date.now() - started < 130_000 && !list) {
			const current = await executionsOf(session, POLLING.id);
			if (current.length > executions) list = current;
			else await sleep(1000);
		}
		assert.ok(list, `no execution within 130 s after ${what}`);
		assert.equal(list.length, executions + 1, `${list.length - executions} executions at once`);
		executions = list.length;
		const [latest] = list;
		assert.equal(latest.status, 'success', `execution ${latest.id}: ${latest.status}`);
		const emitted = (await emittedItems(session, latest.id, POLLING.node)).map((item) => item.id);
		assert.deepEqual(emitted, expected, `what execution ${latest.id} emitted`);
		say(c.dim(`      execution ${latest.id} (${latest.mode}) at ${latest.startedAt}: ${expected.join(', ')} (${Math.round((Date.now() - started) / 1000)} s after ${what})`));
	};
	return {
		/** @param {N8nSession} next */
		useSession(next) {
			session = next;
		},
		async activate() {
			await emulatorReset(emulator.url);
			const first = await addActivities('poll-a', 3);
			const workflow = await session.get(`/rest/workflows/${POLLING.id}`);
			assert.equal(workflow.status, 200, `GET /rest/workflows/${POLLING.id}: HTTP ${workflow.status}`);
			await session.publish(POLLING.id, workflow.body.data.versionId);
			active = true;
			return first;
		},
		async threePolls() {
			await check('polling trigger: its first poll emits the 3 activities that exist (Include Existing on First Poll)', async () => {
				assert.ok(active, 'not active');
				await nextPollEmits(known.slice(0, 3), 'activation');
			});
			await check('polling trigger: the next poll emits exactly the 4 activities added since, none of the earlier ones', async () => {
				await nextPollEmits(await addActivities('poll-b', 4), 'adding 4');
			});
			await check('polling trigger: the poll after that emits exactly the 5 added since; every poll request was answered 200', async () => {
				await nextPollEmits(await addActivities('poll-c', 5), 'adding 5');
				const polls = v2Requests(await emulatorLog(emulator.url), 'activities').filter((r) => r.query.get('sort') === 'id');
				assert.ok(polls.length >= 3 && polls.every((r) => r.status === 200), `poll requests: ${polls.map((r) => `${r.path} → ${r.status}`).join(', ')}`);
			});
		},
		async afterRestart() {
			await check('polling trigger after the restart: its mark survived, the first poll emits exactly the 2 activities added since, none of the 12 before', async () => {
				await nextPollEmits(await addActivities('poll-d', 2), 'the restart and adding 2');
			});
		},
		async deactivate() {
			if (active) await session.post(`/rest/workflows/${POLLING.id}/deactivate`, {}).catch(() => {});
		},
	};
}
