// @ts-check
// Common Room API v2 reads in the real n8n, against the emulator:
//
//  - headless (`n8n execute`, before n8n's server starts): Contact > Get Many over 452 contacts
//    with Return All and with Limit 250 (fixtures/reads-contacts-*.json), counted against the
//    emulator's own records, the cursor pages read from its request log; the same with a 429 on a
//    page in the middle; example 08's AI Agent with the Common Room node as two tools and the
//    emulator's LLM test double as its OpenAI model, on data with recent activity;
//  - example 08 in the examples loop (run.mjs) from the demo seed (EXAMPLE_CHECKS);
//  - in n8n's server: the OpenAI credential's test against the test double. (The Common Room
//    Polling Trigger's checks, which need an n8n restart, are in persistence.mjs.)
import assert from 'node:assert/strict';

import { c, say } from '../../scripts/lib/console.mjs';
import { emulatorClearLog, emulatorLog, emulatorReset, emulatorState } from '../../scripts/lib/emulator.mjs';
import { CREDENTIALS, LLM_API_KEY, LLM_BASE_PATH } from '../../scripts/lib/settings.mjs';

/** @typedef {import('../../scripts/lib/emulator.mjs').RequestLogEntry} RequestLogEntry */
/** @typedef {import('../../scripts/lib/emulator.mjs').EmulatorState} EmulatorState */
/** @typedef {import('../../scripts/lib/workflows.mjs').ExecuteResult} ExecuteResult */
/** @typedef {import('../../scripts/lib/n8n-rest.mjs').N8nSession} N8nSession */
/** @typedef {import('./examples.mjs').ExampleCheck} ExampleCheck */
/** @typedef {(name: string, fn: () => unknown) => Promise<void>} Check */
/** @typedef {{ url: string, commonRoomBaseUrl: string, tokens: { commonRoom: string } }} Emulator */
/** @typedef {{ at: string, tools: string[], toolResults: number, stream: boolean, turn: { kind: 'toolCalls', calls: Array<{ name: string, arguments: Record<string, unknown> }> } | { kind: 'answer', text: string } }} LlmTurn */

export const READ_WORKFLOWS = {
	returnAll: { id: 'crtcgE2eReads001', file: 'reads-contacts-return-all.json' },
	limit: { id: 'crtcgE2eReads002', file: 'reads-contacts-limit.json' },
};
/** The fixture files run.mjs imports with the examples. */
export const READ_FIXTURES = Object.values(READ_WORKFLOWS).map((w) => w.file);
export const AGENT_WORKFLOW_ID = 'crtcgExample0008';
/** Example 09: an agent adds a person through Contact Fields filled by $fromAI(). */
const ADD_CONTACT_WORKFLOW_ID = 'crtcgExample0009';
const NEW_PERSON = { email: 'katherine.johnson@example.com', fullName: 'Katherine Johnson', titleAtCompany: 'Research Mathematician', companyName: 'Analytical Engines' };
const CONTACTS_NODE = 'Get many contacts';
const AGENT_NODE = 'AI Agent';
const TOOLS = { organization: 'Find_organization', activity: 'Recent_activity_at_organization' };
const SOURCE = 12345;
const BULK_CONTACTS = 450;
const PAGE = 200;

// ---------------------------------------------------------------------------------------------
// The emulator

/**
 * A control call (/__emulator/…); throws on a non-2xx answer.
 * @param {string} emulatorUrl
 * @param {string} path after /__emulator
 * @param {unknown} [body] POSTed as JSON when given
 * @returns {Promise<any>}
 */
export async function control(emulatorUrl, path, body) {
	const response = await fetch(`${emulatorUrl}/__emulator${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const answer = await response.json().catch(() => null);
	assert.ok(response.ok, `emulator /__emulator${path}: HTTP ${response.status} ${JSON.stringify(answer)}`);
	return answer;
}

/**
 * A Common Room v1 write with the demo token, as a sync would make it.
 * @param {Emulator} emulator
 * @param {string} path below /community/v1
 * @param {unknown} body
 */
async function v1Post(emulator, path, body) {
	const response = await fetch(`${emulator.commonRoomBaseUrl}${path}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${emulator.tokens.commonRoom}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	assert.ok(response.ok, `POST /community/v1${path}: HTTP ${response.status} ${await response.text()}`);
}

/** The LLM test double's transcript. @param {string} emulatorUrl @returns {Promise<LlmTurn[]>} */
async function llmLog(emulatorUrl) {
	return (await control(emulatorUrl, '/llm/log')).entries;
}

/** The v2 contact ids the emulator holds (one per member), by number. @param {EmulatorState} state */
function contactIds(state) {
	const members = [...new Set(state.commonRoom.contacts.map((contact) => Number(contact.memberId)))].sort((a, b) => a - b);
	return members.map((n) => `c_${n}`);
}

/** The API v2 requests to one list, in order, with their queries. @param {RequestLogEntry[]} log @param {string} list */
export function v2Requests(log, list) {
	return log
		.filter((entry) => entry.path.startsWith(`/community/v2/${list}`))
		.map((entry) => ({ ...entry, query: new URL(entry.path, 'http://emulator').searchParams }));
}

/** The JSON items of a node's first output. @param {ExecuteResult} result @param {string} node */
function output(result, node) {
	assert.ok(result.nodes[node], `node "${node}" did not run (ran: ${Object.keys(result.nodes).join(', ')}); ${result.error ?? ''}`);
	assert.equal(result.nodes[node].error, null, `${node}: ${result.nodes[node].error}`);
	return result.nodes[node].outputs[0] ?? [];
}

/** @param {ExecuteResult} result */
function succeeded(result) {
	assert.equal(result.status, 'success', `status ${result.status}: ${result.error ?? ''}`);
}

/**
 * Every contact once, in id order: no duplicate, none missing.
 * @param {any[]} items
 * @param {string[]} expected
 */
function assertEveryContactOnce(items, expected) {
	const ids = items.map((item) => item.id);
	const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
	assert.deepEqual(duplicates, [], 'contacts output twice');
	const missing = expected.filter((id) => !ids.includes(id));
	assert.deepEqual(missing.slice(0, 10), [], `${missing.length} contacts missing`);
	assert.equal(ids.length, expected.length);
	assert.deepEqual(ids, expected, 'not in id order');
}

// ---------------------------------------------------------------------------------------------
// Example 08 (the AI Agent)

/**
 * Example 08's agent answer, and what the test double and the emulator saw for it.
 * @param {ExecuteResult} result
 * @param {RequestLogEntry[]} requests
 * @param {LlmTurn[]} turns
 */
function agentRun(result, requests, turns) {
	const [item] = output(result, AGENT_NODE);
	assert.ok(item && typeof item.output === 'string', `the agent's output: ${JSON.stringify(item)}`);
	// The test double's turns: the organization by name, its activities by the id that returned, the answer.
	const kinds = turns.map((t) => (t.turn.kind === 'toolCalls' ? t.turn.calls.map((call) => call.name).join('+') : 'answer'));
	assert.deepEqual(kinds, [TOOLS.organization, TOOLS.activity, 'answer'], 'the LLM test double\'s turns');
	assert.deepEqual(turns[0].tools.slice().sort(), Object.values(TOOLS).sort(), 'the tools the agent offered');
	const [first, second, last] = turns.map((t) => t.turn);
	assert.ok(first.kind === 'toolCalls' && second.kind === 'toolCalls' && last.kind === 'answer');
	assert.deepEqual(first.calls[0].arguments, { organizationName: 'Analytical Engines' });
	assert.deepEqual(second.calls[0].arguments, { organizationId: 'o_3001' }, 'the id from the first tool\'s result');
	assert.equal(item.output, last.text, 'the agent\'s output is the final answer');
	// The v2 requests the tools made.
	const organizations = v2Requests(requests, 'organizations');
	assert.equal(organizations.length, 1, `organization requests: ${organizations.map((r) => r.path).join(', ')}`);
	assert.equal(organizations[0].status, 200);
	assert.equal(organizations[0].query.get('name'), 'Analytical Engines');
	assert.match(organizations[0].query.get('cols') ?? '', /topContacts/);
	const activities = v2Requests(requests, 'activities');
	assert.equal(activities.length, 1, `activity requests: ${activities.map((r) => r.path).join(', ')}`);
	assert.equal(activities[0].status, 200);
	assert.equal(activities[0].query.get('organizationId'), 'o_3001');
	assert.equal(activities[0].query.get('direction'), 'desc');
	assert.equal(activities[0].query.get('limit'), '20');
	return { answer: item.output, paths: [organizations[0].path, activities[0].path] };
}

/**
 * Example 08 from the demo seed (the examples loop in run.mjs): Ada Lovelace is the one contact at
 * Analytical Engines and has no activity yet; Grace Hopper (Navy) must not appear.
 * @param {string} emulatorUrl
 * @returns {Record<string, ExampleCheck[]>}
 */
export function exampleChecks(emulatorUrl) {
	return {
		[AGENT_WORKFLOW_ID]: [
			{
				name: 'the agent called both Common Room tools (v2 organizations by name, then activities by the o_ id returned) and its answer names the organization\'s contact',
				async check(result, before, after, requests) {
					const { answer } = agentRun(result, requests, await llmLog(emulatorUrl));
					assert.match(answer, /^Nobody at Analytical Engines has recent activity in Common Room\. People there: Ada Lovelace\./);
					assert.doesNotMatch(answer, /Grace Hopper/);
					assert.equal(after.commonRoom.contacts.length, before.commonRoom.contacts.length, 'a read wrote something');
				},
			},
		],
		[ADD_CONTACT_WORKFLOW_ID]: [
			{
				name: 'the agent filled the Add contact tool\'s $fromAI() Contact Fields from the request: one v1 upsert stores the person, and the answer says what was saved',
				async check(result, before, after, requests) {
					const turns = await llmLog(emulatorUrl);
					assert.deepEqual(turns.map((/** @type {any} */ t) => (t.turn.kind === 'toolCalls' ? t.turn.calls.map((/** @type {any} */ call) => call.name).join('+') : 'answer')), ['Add_contact', 'answer']);
					const { email, fullName, titleAtCompany: title, companyName: company } = NEW_PERSON;
					const [call] = turns[0].turn.kind === 'toolCalls' ? turns[0].turn.calls : [];
					assert.deepEqual(call?.arguments, { email, fullName, title, company }, 'the arguments the $fromAI() keys asked for');
					const upserts = requests.filter((r) => r.method === 'POST' && r.path === `/community/v1/source/${SOURCE}/user`);
					assert.equal(upserts.length, 1, `contact upserts: ${upserts.length}`);
					assert.deepEqual(JSON.parse(String(upserts[0].body)), { id: email, ...NEW_PERSON }, 'the body sent');
					const stored = after.commonRoom.contacts.find((c) => c.id === email);
					assert.ok(stored, 'the contact was not stored');
					assert.deepEqual({ fullName: stored.fullName, titleAtCompany: stored.titleAtCompany, companyName: stored.companyName }, { fullName, titleAtCompany: title, companyName: company });
					assert.equal(after.commonRoom.contacts.length, before.commonRoom.contacts.length + 1);
					const [item] = output(result, AGENT_NODE);
					assert.match(item.output, /^Saved in Common Room: Katherine Johnson <katherine\.johnson@example\.com>, Research Mathematician at Analytical Engines \(upserted\)\./);
				},
			},
		],
	};
}

// ---------------------------------------------------------------------------------------------
// Headless checks (n8n execute)

/**
 * @param {{ check: Check, emulator: Emulator, execute: (workflowId: string) => Promise<ExecuteResult> }} context
 */
export async function headlessReadChecks({ check, emulator, execute }) {
	const emulatorUrl = emulator.url;
	/** @type {string[]} */
	let expected = [];
	const seed = async () => {
		await emulatorReset(emulatorUrl);
		const bulk = await control(emulatorUrl, '/commonRoom/bulk', { contacts: BULK_CONTACTS, idPrefix: 'paging' });
		assert.equal(bulk.contacts, BULK_CONTACTS);
		expected = contactIds(await emulatorState(emulatorUrl));
		assert.equal(expected.length, BULK_CONTACTS + 2, 'the demo seed\'s two contacts and the bulk ones');
		await emulatorClearLog(emulatorUrl);
	};

	await check(`v2 reads: Contact > Get Many, Return All over ${BULK_CONTACTS + 2} contacts outputs each once, in id order, from 3 cursor pages (${PAGE}, ${PAGE}, 52)`, async () => {
		await seed();
		const result = await execute(READ_WORKFLOWS.returnAll.id);
		succeeded(result);
		const items = output(result, CONTACTS_NODE);
		assertEveryContactOnce(items, expected);
		assert.equal(items.find((item) => item.id === expected[2])?.fullName, 'paging contact 1', 'the columns asked for');
		const pages = v2Requests(await emulatorLog(emulatorUrl), 'contacts');
		assert.deepEqual(pages.map((p) => p.status), [200, 200, 200], `requests: ${pages.map((p) => `${p.path} → ${p.status}`).join(', ')}`);
		assert.ok(pages.every((p) => p.query.get('limit') === String(PAGE)), 'a page size other than 200');
		assert.equal(pages[0].query.get('cursor'), null, 'the first page has no cursor');
		const cursors = pages.slice(1).map((p) => p.query.get('cursor'));
		assert.ok(cursors.every(Boolean) && new Set(cursors).size === 2, `cursors ${JSON.stringify(cursors)}`);
		say(c.dim(`      GET /community/v2/contacts ×${pages.length}: ${pages.map((p) => (p.query.get('cursor') ? `cursor=${String(p.query.get('cursor')).slice(0, 12)}…` : 'first page')).join(', ')}`));
	});

	await check('v2 reads: Contact > Get Many, Limit 250 outputs the first 250 by id from 2 cursor pages, and reads no further', async () => {
		if (expected.length === 0) await seed();
		await emulatorClearLog(emulatorUrl);
		const result = await execute(READ_WORKFLOWS.limit.id);
		succeeded(result);
		assertEveryContactOnce(output(result, CONTACTS_NODE), expected.slice(0, 250));
		const pages = v2Requests(await emulatorLog(emulatorUrl), 'contacts');
		assert.equal(pages.length, 2, `requests: ${pages.map((p) => p.path).join(', ')}`);
		assert.equal(pages[0].query.get('cursor'), null);
		assert.ok(pages[1].query.get('cursor'), 'the second page is asked for by cursor');
		assert.ok(pages.every((p) => p.status === 200));
	});

	await check('v2 reads: a 429 on the middle page is waited out and the same cursor asked again: every contact once, none skipped', async () => {
		if (expected.length === 0) await seed();
		await emulatorClearLog(emulatorUrl);
		await control(emulatorUrl, '/faults', { target: 'commonRoom', faults: [{ kind: 'status', status: 429, count: 1, method: 'GET', pathIncludes: 'cursor=', retryAfterMs: 1000 }] });
		const result = await execute(READ_WORKFLOWS.returnAll.id);
		succeeded(result);
		assertEveryContactOnce(output(result, CONTACTS_NODE), expected);
		const pages = v2Requests(await emulatorLog(emulatorUrl), 'contacts');
		assert.deepEqual(pages.map((p) => p.status), [200, 429, 200, 200], `requests: ${pages.map((p) => `${p.path} → ${p.status}`).join(', ')}`);
		assert.equal(pages[1].fault, 'status', 'the 429 is the injected one');
		assert.equal(pages[2].path, pages[1].path, 'the retry asks for the same page (same cursor)');
		assert.notEqual(pages[3].query.get('cursor'), pages[2].query.get('cursor'));
		const waited = Date.parse(pages[2].startedAt) - Date.parse(pages[1].startedAt);
		assert.ok(waited >= 900, `retried after ${waited} ms; the 429 asked for 1,000`);
		say(c.dim(`      the 429'd page was asked again ${waited} ms later`));
	});

	await check('08 AI Agent on data with recent activity: the answer names the contacts at Analytical Engines who were active (newest first), from the v2 requests the tools made', async () => {
		await emulatorReset(emulatorUrl);
		const now = Date.now();
		const iso = (/** @type {number} */ hoursAgo) => new Date(now - hoursAgo * 3_600_000).toISOString();
		const charles = { id: 'charles@example.com', email: 'charles@example.com', fullName: 'Charles Babbage', companyName: 'Analytical Engines', titleAtCompany: 'Inventor' };
		await v1Post(emulator, `/source/${SOURCE}/user`, charles);
		/** @type {Array<[string, string, { id: string, email: string, fullName?: string }, number]>} */
		const activities = [
			['e2e-ada-1', 'support_ticket', { id: 'ada@example.com', email: 'ada@example.com' }, 50],
			['e2e-ada-2', 'attended_event', { id: 'ada@example.com', email: 'ada@example.com' }, 26],
			['e2e-charles-1', 'product_usage', charles, 3],
			['e2e-grace-1', 'support_ticket', { id: 'grace@example.com', email: 'grace@example.com' }, 1],
		];
		for (const [id, activityType, user, hoursAgo] of activities) {
			await v1Post(emulator, `/source/${SOURCE}/activity`, { id, activityType, user, timestamp: iso(hoursAgo), content: { type: 'text', value: `${activityType} (${id})` } });
		}
		await emulatorClearLog(emulatorUrl);
		const result = await execute(AGENT_WORKFLOW_ID);
		succeeded(result);
		const { answer, paths } = agentRun(result, await emulatorLog(emulatorUrl), await llmLog(emulatorUrl));
		const day = (/** @type {number} */ hoursAgo) => iso(hoursAgo).slice(0, 10);
		assert.equal(
			answer.split(' (Scripted answer')[0],
			`Recently active at Analytical Engines: Charles Babbage <charles@example.com> (1 activity, latest ${day(3)}) and Ada Lovelace <ada@example.com> (2 activities, latest ${day(26)}).`,
		);
		assert.doesNotMatch(answer, /Grace Hopper/, 'an activity of another organization');
		say(c.dim(`      ${paths.join('  ')}`));
		say(c.dim(`      the agent: "${answer}"`));
		say(c.dim(`      chat completions streamed: ${(await llmLog(emulatorUrl)).map((t) => t.stream).join(', ')}`));
	});
}

// ---------------------------------------------------------------------------------------------
// In n8n's server

/**
 * @param {{ check: Check, session: N8nSession, emulator: Emulator }} context
 */
export async function serverReadChecks({ check, session, emulator }) {
	const emulatorUrl = emulator.url;
	await check('OpenAI credential (example 08\'s model): n8n\'s credential test passes against the emulator\'s LLM test double', async () => {
		const stored = await session.get(`/rest/credentials/${CREDENTIALS.openAi.id}?includeData=true`);
		assert.equal(stored.status, 200, `GET /rest/credentials/${CREDENTIALS.openAi.id}: HTTP ${stored.status}`);
		assert.equal(stored.body.data.data.url, `${emulatorUrl}${LLM_BASE_PATH}`);
		const ok = await session.post('/rest/credentials/test', { credentials: { id: CREDENTIALS.openAi.id, name: CREDENTIALS.openAi.name, type: CREDENTIALS.openAi.type, data: stored.body.data.data } });
		assert.equal(ok.body.data?.status, 'OK', JSON.stringify(ok.body));
		const wrong = await session.post('/rest/credentials/test', { credentials: { id: CREDENTIALS.openAi.id, name: CREDENTIALS.openAi.name, type: CREDENTIALS.openAi.type, data: { ...stored.body.data.data, apiKey: `${LLM_API_KEY}-wrong` } } });
		assert.equal(wrong.body.data?.status, 'Error', JSON.stringify(wrong.body));
	});
}
