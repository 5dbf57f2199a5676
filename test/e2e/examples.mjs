// @ts-check
// What each example workflow must leave in the emulator (its /__emulator/state after a run that
// started from the demo seed) and in n8n's output. Checked by test/e2e/run.mjs after
// `n8n execute --id=<id>`: the success n8n reports is not enough, the stored records are what count.
import assert from 'node:assert/strict';

/** @typedef {import('../../scripts/lib/emulator.mjs').EmulatorState} EmulatorState */
/** @typedef {import('../../scripts/lib/emulator.mjs').RequestLogEntry} RequestLogEntry */
/** @typedef {import('../../scripts/lib/workflows.mjs').ExecuteResult} ExecuteResult */
/**
 * @typedef {object} ExampleCheck
 * @property {string} name
 * @property {(result: ExecuteResult, before: EmulatorState, after: EmulatorState, requests: RequestLogEntry[]) => void} check
 *   throws (an assertion) when the run did not store what it should
 */

const SOURCE = 12345;

/** @param {EmulatorState} state @param {string} email */
const contact = (state, email) => state.commonRoom.contacts.find((c) => c.sourceId === SOURCE && c.email === email);
/**
 * The record, or an assertion error naming what is missing.
 * @template T
 * @param {T | undefined} record
 * @param {string} what
 * @returns {T}
 */
const found = (record, what) => {
	assert.ok(record, `no ${what} stored`);
	return record;
};
/** @param {EmulatorState} state @param {string} id */
const crActivity = (state, id) => state.commonRoom.activities.find((a) => a.sourceId === SOURCE && a.id === id);
/** @param {EmulatorState} before @param {EmulatorState} after */
const newTcgActivities = (before, after) => {
	const seen = new Set(before.teamCommonGround.activities.map((a) => a.id));
	return after.teamCommonGround.activities.filter((a) => !seen.has(a.id));
};
/** The JSON items of a node's first output. @param {ExecuteResult} result @param {string} node */
const output = (result, node) => {
	assert.ok(result.nodes[node], `node "${node}" did not run (ran: ${Object.keys(result.nodes).join(', ')})`);
	return result.nodes[node].outputs[0] ?? [];
};

/** @type {Record<string, ExampleCheck[]>} */
export const EXAMPLES = {
	crtcgExample0001: [
		{
			name: 'three contacts upserted with social handles, company and typed custom fields',
			check(result, before, after) {
				assert.equal(output(result, 'Upsert contact').length, 3);
				/** @type {Array<[string, string, string | undefined, string, string | undefined, string, number, string]>} */
				const expected = [
					['ada@example.com', 'Ada Lovelace', 'ada_l', 'ada-lovelace', 'in/ada-lovelace', 'Pro', 12, '2026-03-02'],
					['grace@example.com', 'Grace Hopper', 'gracehopper', 'ghopper', 'in/grace-hopper', 'Enterprise', 250, '2026-03-03'],
					['linus@example.com', 'Linus Example', undefined, 'linus-example', undefined, 'Free', 1, '2026-03-04'],
				];
				for (const [email, name, twitter, github, linkedin, plan, seats, date] of expected) {
					const c = contact(after, email);
					assert.ok(c, `no contact ${email} stored`);
					assert.equal(c.fullName, name, `${email} fullName`);
					assert.equal(c.twitter?.value, twitter, `${email} twitter handle`);
					assert.equal(c.github?.value, github, `${email} github handle`);
					assert.equal(c.linkedin?.value, linkedin, `${email} linkedin`);
					assert.equal(c.customFields['101']?.value, plan, `${email} custom field Plan`);
					assert.equal(c.customFields['102']?.value, seats, `${email} custom field Seats (int)`);
					assert.equal(c.customFields['104']?.value, date, `${email} custom field Signup date (date)`);
				}
				// Ada and Grace were in the seed: updated in place (same member), not duplicated.
				assert.equal(found(contact(after, 'ada@example.com'), 'contact ada').memberId, found(contact(before, 'ada@example.com'), 'seeded contact ada').memberId);
				assert.equal(after.commonRoom.contacts.length, before.commonRoom.contacts.length + 1, 'exactly one new contact (Linus)');
				assert.equal(found(contact(after, 'grace@example.com'), 'contact grace').companyName, 'Compilers Inc', 'seeded company overwritten');
			},
		},
		{
			name: 'one "signed_up" activity per row, for the right member, at the row\'s time',
			check(result, before, after) {
				const created = after.commonRoom.activities.filter(
					(a) => a.activityType === 'signed_up' && !before.commonRoom.activities.some((b) => b.id === a.id),
				);
				assert.equal(created.length, 3, `${created.length} signed_up activities stored`);
				const byUser = Object.fromEntries(created.map((a) => [a.userId, a]));
				assert.deepEqual(Object.keys(byUser).sort(), ['ada@example.com', 'grace@example.com', 'linus@example.com']);
				assert.equal(byUser['ada@example.com'].timestamp, '2026-03-02T09:30:00.000Z');
				assert.equal(byUser['ada@example.com'].content.value, 'Ada Lovelace signed up for the Pro plan (12 seats).');
				assert.equal(byUser['linus@example.com'].memberId, found(contact(after, 'linus@example.com'), 'contact linus').memberId, 'activity linked to the upserted member');
				assert.ok(created.every((a) => a.memberExistedBefore), 'contacts were upserted before their activities');
				assert.equal(output(result, 'Signed up activity').length, 3);
			},
		},
	],
	crtcgExample0002: [
		{
			name: 'the question and a reply threaded to it (parentActivity known to Common Room)',
			check(result, before, after) {
				const question = crActivity(after, 'n8n-example-question-1');
				const answer = crActivity(after, 'n8n-example-answer-1');
				assert.ok(question, 'question not stored');
				assert.ok(answer, 'reply not stored');
				assert.equal(question.activityType, 'support_ticket');
				assert.equal(question.userId, 'ada@example.com');
				assert.equal(question.url, 'https://support.example.com/tickets/1001');
				assert.equal(question.activityTitle?.value, 'Question: n8n integration');
				assert.equal(answer.activityType, 'replied');
				assert.deepEqual(answer.parentActivity, { id: 'n8n-example-question-1', activityType: 'support_ticket', known: true });
				assert.equal(answer.userId, 'support@example.com');
				assert.ok(contact(after, 'support@example.com'), 'the replying member was created');
				assert.equal(after.commonRoom.activities.length, before.commonRoom.activities.length + 2);
			},
		},
	],
	crtcgExample0003: [
		{
			name: 'c_order activity: client matched by email, requested visibility = the Build List output',
			check(result, before, after) {
				const built = output(result, 'Build Visibility List')[0];
				assert.deepEqual(built.visibility, ['role:admin', 'role:staff', 'user:ABCDE12345']);
				const created = newTcgActivities(before, after);
				assert.equal(created.length, 2, `${created.length} activities stored`);
				const order = created.find((a) => a.type === 'c_order');
				assert.ok(order, 'no c_order activity');
				assert.equal(order.clientId, 'client_john');
				assert.equal(order.matchedBy, 'email');
				assert.equal(order.source, 'my-crm');
				assert.deepEqual(order.requestedVisibility, built.visibility);
				// The service adds the owner and converts the external client ID to John's user.
				assert.deepEqual(order.visibility, ['role:owner', 'role:admin', 'role:staff', 'user:abc123xyz']);
				assert.deepEqual(order.data, { orderId: 'ORD-1001', total: 129.5, currency: 'USD' });
				assert.deepEqual(order.links, ['https://shop.example.com/orders/ORD-1001']);
				assert.equal(order.threadId, order.id, 'a root is its own thread');
				assert.equal(output(result, 'Create order activity')[0].activityId, order.id);
			},
		},
		{
			name: 'the reply is in the order\'s thread and inherits its visibility',
			check(result, before, after) {
				const created = newTcgActivities(before, after);
				const order = found(created.find((a) => a.type === 'c_order'), 'c_order activity');
				const reply = created.find((a) => a.type === 'message');
				assert.ok(reply, 'no reply stored');
				assert.equal(reply.threadId, order.id);
				assert.equal(reply.parentActivityId, order.id);
				assert.equal(reply.requestedVisibility, undefined, 'no visibility sent (inherit)');
				assert.deepEqual(reply.visibility, order.visibility);
				assert.equal(reply.message, 'Thanks John! Order ORD-1001 ships tomorrow.');
				assert.equal(after.teamCommonGround.clients.length, before.teamCommonGround.clients.length, 'no client created');
			},
		},
	],
	crtcgExample0004: [
		{
			name: 'task_created with its due date, for the client matched by phone',
			check(result, before, after) {
				const created = newTcgActivities(before, after);
				assert.equal(created.length, 1);
				const [task] = created;
				assert.equal(task.type, 'task_created');
				assert.equal(task.clientId, 'client_john');
				assert.equal(task.matchedBy, 'phone');
				assert.equal(task.dueAt, '2026-12-15T15:00:00.000Z');
				assert.equal(task.hasTime, true);
				assert.equal(task.message, 'Call John about renewing his service plan');
				assert.deepEqual(task.data, { reason: 'renewal', plan: 'Gold' });
				assert.deepEqual(task.visibility, ['role:owner', 'role:admin', 'role:staff'], 'team-only default');
				assert.equal(output(result, 'Create task')[0].client.matchedBy, 'phone');
			},
		},
	],
	crtcgExample0005: [
		{
			name: 'popup URL and domain verification values computed, nothing sent to the API',
			check(result, before, after, log) {
				const popup = output(result, 'Build Popup URL')[0];
				const url = new URL(popup.url);
				assert.equal(url.origin + url.pathname, 'https://www.teamcommonground.com/embed/activity');
				assert.equal(url.searchParams.get('bid'), 'biz_demo');
				assert.equal(url.searchParams.get('type'), 'report_issue_created');
				assert.equal(url.searchParams.get('invite'), 'true');
				assert.equal(url.searchParams.get('return'), 'https://shop.example.com/thanks');
				assert.match(popup.html, /Report an issue/);
				const domain = output(result, 'Domain Verification Values')[0];
				assert.equal(domain.domain, 'shop.example.com');
				assert.equal(domain.file.url, `https://shop.example.com${domain.file.path}`);
				assert.deepEqual(domain.file.content, { verification: { key: 'tcgv_3f9a1c7e5b2d' } });
				assert.equal(domain.dns.type, 'TXT');
				assert.match(JSON.stringify(domain.dns), /tcgv_3f9a1c7e5b2d/);
				assert.equal(log.length, 0, `the emulator got ${log.length} requests`);
				assert.equal(after.teamCommonGround.activities.length, before.teamCommonGround.activities.length);
			},
		},
	],
};
