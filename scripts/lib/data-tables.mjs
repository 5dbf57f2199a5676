// @ts-check
// Example 07 remembers which Team Common Ground thread each Common Room activity started in an
// n8n Data Table (not in workflow static data, which the Common Room Trigger uses and n8n saves
// whole). n8n creates a table's id itself and has no CLI for data tables, so once n8n runs, this
// creates the table in the owner's personal project (or finds it), points the example's Data Table
// nodes at its id, and publishes the example again (n8n 2.x) or re-activates it (1.x).
import { SetupError } from './console.mjs';

/** @typedef {import('./n8n-rest.mjs').N8nSession} N8nSession */

export const THREADS_TABLE = {
	name: 'common_room_threads',
	columns: [
		{ name: 'activityId', type: 'string' },
		{ name: 'threadId', type: 'string' },
	],
	/** What the example's Data Table nodes hold until linked. */
	placeholder: '__COMMON_ROOM_THREADS_TABLE_ID__',
};

/**
 * @param {import('./n8n-rest.mjs').RestResponse} response
 * @param {string} what
 */
function ok(response, what) {
	if (response.status < 200 || response.status >= 300) throw new SetupError(`${what}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
	return response.body.data ?? response.body;
}

/**
 * The threads table's id: found by name in the owner's personal project, else created there.
 * @param {N8nSession} session
 * @returns {Promise<string>}
 */
export async function ensureThreadsTable(session) {
	const project = ok(await session.get('/rest/projects/personal'), 'GET /rest/projects/personal');
	const base = `/rest/projects/${project.id}/data-tables`;
	const listed = ok(await session.get(`${base}?filter=${encodeURIComponent(JSON.stringify({ name: THREADS_TABLE.name }))}`), `GET ${base}`);
	const existing = (listed.data ?? listed).find((/** @type {{ name: string }} */ table) => table.name === THREADS_TABLE.name);
	if (existing) return existing.id;
	const created = ok(await session.post(base, { name: THREADS_TABLE.name, columns: THREADS_TABLE.columns }), `POST ${base}`);
	return created.id;
}

/**
 * Points the workflow's Data Table nodes that name the threads table at `tableId`, and publishes
 * (activates) that version.
 * @param {N8nSession} session
 * @param {string} workflowId
 * @param {string} tableId
 */
export async function linkThreadsTable(session, workflowId, tableId) {
	const workflow = ok(await session.get(`/rest/workflows/${workflowId}`), `GET /rest/workflows/${workflowId}`);
	let changed = false;
	for (const node of workflow.nodes) {
		const locator = node.type === 'n8n-nodes-base.dataTable' ? node.parameters?.dataTableId : undefined;
		if (locator && (locator.value === THREADS_TABLE.placeholder || locator.cachedResultName === THREADS_TABLE.name) && locator.value !== tableId) {
			node.parameters.dataTableId = { ...locator, mode: 'id', value: tableId };
			changed = true;
		}
	}
	let versionId = workflow.versionId;
	if (changed) {
		const updated = ok(
			await session.request('PATCH', `/rest/workflows/${workflowId}`, { nodes: workflow.nodes, connections: workflow.connections, versionId }),
			`PATCH /rest/workflows/${workflowId}`,
		);
		versionId = updated.versionId;
	}
	try {
		await session.publish(workflowId, versionId);
	} catch (error) {
		throw new SetupError(error.message);
	}
}
