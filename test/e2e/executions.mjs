// @ts-check
// A workflow's executions as n8n's REST API lists them (what the editor's Executions tab shows):
// counted once none is still running, and what a node of one execution emitted.
import assert from 'node:assert/strict';

/** @typedef {import('../../scripts/lib/n8n-rest.mjs').N8nSession} N8nSession */
/** @typedef {{ id: string, status: string, mode: string, startedAt: string }} ExecutionSummary */

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every execution of the workflow, newest first, read 100 at a time (n8n's most per page).
 * @param {N8nSession} session
 * @param {string} workflowId
 * @returns {Promise<ExecutionSummary[]>}
 */
async function allExecutions(session, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	/** @type {ExecutionSummary[]} */
	const all = [];
	for (;;) {
		const before = all.length > 0 ? `&lastId=${all[all.length - 1].id}` : '';
		const response = await session.get(`/rest/executions?filter=${filter}&limit=100${before}`);
		assert.equal(response.status, 200, `GET /rest/executions: HTTP ${response.status} ${JSON.stringify(response.body)}`);
		/** @type {ExecutionSummary[]} */
		const page = response.body.data.results;
		all.push(...page);
		if (page.length < 100) return all;
	}
}

/**
 * The workflow's executions, newest first, once there are at least `atLeast` and none is new,
 * running or waiting (up to 30 s). A trigger answers its caller before n8n has created the
 * execution, so a count right after a delivery is answered can be one short: callers say how
 * many they expect at least, and with `quietMs` the count must also hold that long (to show that
 * nothing more starts).
 * @param {N8nSession} session
 * @param {string} workflowId
 * @param {{ atLeast?: number, quietMs?: number }} [expect]
 * @returns {Promise<ExecutionSummary[]>}
 */
export async function executionsOf(session, workflowId, { atLeast = 0, quietMs = 0 } = {}) {
	/** @type {ExecutionSummary[] | null} */
	let settled = null;
	let since = 0;
	for (let attempt = 0; attempt < 120; attempt++) {
		const results = await allExecutions(session, workflowId);
		const done = results.length >= atLeast && results.every((execution) => !['new', 'running', 'waiting'].includes(execution.status));
		if (done && settled?.length === results.length) {
			if (Date.now() - since >= quietMs) return results;
		} else if (done) {
			settled = results;
			since = Date.now();
			if (quietMs === 0) return results;
		} else {
			settled = null;
		}
		await sleep(250);
	}
	throw new Error(`executions of ${workflowId}: not ${atLeast} finished within 30 s`);
}

/**
 * n8n stores execution data "flatted" (a list whose entries point at each other by index).
 * @param {string} text
 */
export function unflatten(text) {
	/** @type {unknown[]} */
	const list = JSON.parse(text);
	const revived = new Map();
	/** @param {number} index @returns {unknown} */
	const at = (index) => {
		const entry = list[index];
		if (entry === null || typeof entry !== 'object') return entry;
		if (revived.has(index)) return revived.get(index);
		/** @type {any} */
		const copy = Array.isArray(entry) ? [] : {};
		revived.set(index, copy);
		for (const [key, value] of Object.entries(entry)) copy[key] = typeof value === 'string' ? at(Number(value)) : value;
		return copy;
	};
	return at(0);
}

/**
 * The JSON of the items a node emitted (its first output) in one execution.
 * @param {N8nSession} session
 * @param {string} executionId
 * @param {string} nodeName
 * @returns {Promise<any[]>}
 */
export async function emittedItems(session, executionId, nodeName) {
	const response = await session.get(`/rest/executions/${executionId}`);
	assert.equal(response.status, 200, `GET /rest/executions/${executionId}: HTTP ${response.status}`);
	const data = typeof response.body.data.data === 'string' ? unflatten(response.body.data.data) : response.body.data.data;
	const runs = data?.resultData?.runData?.[nodeName];
	assert.ok(runs, `execution ${executionId} has no run of "${nodeName}" (ran: ${Object.keys(data?.resultData?.runData ?? {}).join(', ')})`);
	return (runs[0]?.data?.main?.[0] ?? []).map((/** @type {any} */ item) => item.json);
}
