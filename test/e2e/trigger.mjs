// @ts-check
// The Common Room Trigger in the real n8n: example 07 is active, the emulator's Common Room
// webhooks post to its production URL, and a second active workflow (fixtures/common-room-
// writes.json: a Webhook → the Common Room node) makes the Common Room writes that fire them.
// Checked: each contact and activity becomes one Team Common Ground activity (a reply lands in its
// parent's thread, found in example 07's Data Table), and a wrong secret, a repeat of a delivery
// that is not the workflow's first and an event type the trigger does not take start no execution
// (n8n's executions list). The trigger's repeats across restarts: persistence.mjs.
import assert from 'node:assert/strict';

import { emulatorReset, emulatorState } from '../../scripts/lib/emulator.mjs';
import { TRIGGER_WORKFLOW } from '../../scripts/lib/settings.mjs';
import { connectTrigger, deliveriesSettled, deliveryLog, webhookControl } from '../../scripts/lib/webhooks.mjs';
import { executionsOf } from './executions.mjs';

/** @typedef {import('../../scripts/lib/n8n-rest.mjs').N8nSession} N8nSession */
/** @typedef {(name: string, fn: () => unknown) => Promise<void>} Check */

export const WRITES_WORKFLOW = { id: 'crtcgE2eWrites01', path: 'e2e-common-room-writes' };

/**
 * Example 07's executions, once every delivery has been answered, at least `atLeast` exist, none
 * is still running and the count has held for a second (so none is still to come).
 * @param {N8nSession} session
 * @param {string} emulatorUrl
 * @param {number} [atLeast]
 */
async function settledExecutions(session, emulatorUrl, atLeast = 0) {
	await deliveriesSettled(emulatorUrl);
	return await executionsOf(session, TRIGGER_WORKFLOW.id, { atLeast, quietMs: 1000 });
}

/**
 * Sends one Common Room write through the Common Room node (the writes workflow's webhook).
 * @param {string} n8nUrl
 * @param {Record<string, string>} body
 */
async function commonRoomWrite(n8nUrl, body) {
	const response = await fetch(`${n8nUrl}/webhook/${WRITES_WORKFLOW.path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const answer = await response.json().catch(() => null);
	assert.equal(response.status, 200, `the writes workflow answered HTTP ${response.status}: ${JSON.stringify(answer)}`);
	return answer;
}

/** @param {any} state */
const tcgActivities = (state) => state.teamCommonGround.activities.filter((/** @type {any} */ a) => a.payload !== undefined);

/**
 * @param {{ check: Check, session: N8nSession, n8nUrl: string, emulatorUrl: string }} context
 */
export async function triggerChecks({ check, session, n8nUrl, emulatorUrl }) {
	await emulatorReset(emulatorUrl);
	const { webhookId } = await connectTrigger(emulatorUrl, n8nUrl);
	let executions = await settledExecutions(session, emulatorUrl);

	await check('07: a contact and an activity written by the Common Room node each become one Team Common Ground activity', async () => {
		const before = executions.length;
		const written = await commonRoomWrite(n8nUrl, { email: 'mary@example.com', name: 'Mary Somerville', company: 'Royal Society', content: 'Can n8n sync our events?' });
		executions = await settledExecutions(session, emulatorUrl, before + 2);
		const deliveries = (await deliveryLog(emulatorUrl)).filter((d) => d.attempt === 1);
		assert.deepEqual(deliveries.map((d) => [d.event, d.status]).sort(), [['newActivity', 200], ['newContact', 200]]);
		assert.equal(executions.length - before, 2, 'executions of example 07');
		assert.ok(executions.every((e) => e.status === 'success'), `statuses ${executions.map((e) => e.status)}`);
		const stored = tcgActivities(await emulatorState(emulatorUrl));
		assert.equal(stored.length, 2, `Team Common Ground stored ${stored.length} activities`);
		const messages = stored.map((/** @type {any} */ a) => a.payload.message).sort();
		assert.match(messages[0], /^Common Room activity \(support_ticket\): Can n8n sync our events\?$/);
		assert.match(messages[1], /^New in Common Room: Mary Somerville \(Royal Society\)$/);
		for (const activity of stored) {
			assert.equal(activity.payload.client.email, 'mary@example.com');
			assert.deepEqual(activity.payload.visibility.slice().sort(), ['role:admin', 'role:staff']);
		}
		assert.ok(written, 'the writes workflow answered');
	});

	await check('07: a Common Room reply lands in the Team Common Ground thread of its parent, once', async () => {
		const state = await emulatorState(emulatorUrl);
		const parent = state.commonRoom.activities.find((/** @type {any} */ a) => a.activityType === 'support_ticket');
		assert.ok(parent, 'no support_ticket activity stored');
		const root = tcgActivities(state).find((/** @type {any} */ a) => /support_ticket/.test(a.payload.message));
		const before = executions.length;
		await commonRoomWrite(n8nUrl, { email: 'mary@example.com', name: 'Mary Somerville', content: 'Yes: with the Common Room Trigger.', parentActivityId: parent.id, parentActivityType: parent.activityType });
		executions = await settledExecutions(session, emulatorUrl, before + 1);
		const all = tcgActivities(await emulatorState(emulatorUrl));
		const replies = all.filter((/** @type {any} */ a) => a.payload.threadId);
		assert.equal(replies.length, 1, `Team Common Ground activities: ${JSON.stringify(all.map((/** @type {any} */ a) => [a.id, a.payload.message, a.payload.threadId]))}`);
		assert.equal(replies[0].payload.threadId, root.id);
		assert.equal(replies[0].payload.message, 'Yes: with the Common Room Trigger.');
	});

	await check('07: a delivery with a wrong secret gets 401 and starts no execution', async () => {
		const before = executions.length;
		await webhookControl(emulatorUrl, 'POST', '/fire', { event: 'newContact', contactEmail: 'ada@example.com', faults: ['wrongSecret'] });
		executions = await settledExecutions(session, emulatorUrl);
		const refused = (await deliveryLog(emulatorUrl)).filter((d) => d.status === 401);
		assert.ok(refused.length >= 1, 'no delivery was answered 401');
		assert.equal(executions.length, before);
	});

	await check('07: a repeated delivery, not the workflow\'s first, runs once and creates one Team Common Ground activity', async () => {
		const before = executions.length;
		const stored = tcgActivities(await emulatorState(emulatorUrl)).length;
		const { deliveries: [fired] } = await webhookControl(emulatorUrl, 'POST', '/fire', { event: 'newContact', contactEmail: 'ada@example.com', faults: ['repeat'] });
		executions = await settledExecutions(session, emulatorUrl, before + 1);
		const copies = (await deliveryLog(emulatorUrl)).filter((d) => d.envelopeId === fired.envelopeId);
		assert.equal(copies.length, 2, `deliveries of ${fired.envelopeId}: ${JSON.stringify(copies)}`);
		assert.ok(copies.every((d) => d.status === 200));
		assert.ok(before >= 3, `example 07 had ${before} executions before: the repeat must not be of its first delivery`);
		assert.equal(executions.length - before, 1, 'executions of example 07');
		assert.equal(tcgActivities(await emulatorState(emulatorUrl)).length - stored, 1, 'Team Common Ground activities');
	});

	await check('07: an event type the trigger does not take (New Organization) is answered 200 and runs nothing', async () => {
		const before = executions.length;
		await webhookControl(emulatorUrl, 'POST', '/workflows', { name: 'New organization to n8n', event: 'newOrganization', webhookId });
		await webhookControl(emulatorUrl, 'POST', '/fire', { event: 'newOrganization', payload: { name: 'Acme', domain: 'acme.example' } });
		executions = await settledExecutions(session, emulatorUrl);
		const organization = (await deliveryLog(emulatorUrl)).filter((d) => d.event === 'newOrganization');
		assert.deepEqual(organization.map((d) => d.status), [200]);
		assert.equal(executions.length, before);
	});
}
