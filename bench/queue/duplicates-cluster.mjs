// @ts-check
// The pieces of `npm run bench:queue:duplicates` that bench:queue does not have: the workflows
// (Webhook → Split Out → Team Common Ground, Activity > Create, Skip Duplicates on, Duplicate Key
// the order id), n8n-nodes-teamcommonground installed and the workflows imported and published,
// the orders POSTed, and what each scenario left: executions (status, worker, the node's item
// outcomes), activities the emulator stored per order, and the node's row in processed_data.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { SetupError, step } from '../../scripts/lib/console.mjs';
import { emulatorState } from '../../scripts/lib/emulator.mjs';
import { n8nCli } from '../../scripts/lib/n8n.mjs';
import { buildAndPack, installPackages } from '../../scripts/lib/pack.mjs';
import { N8N_DIR } from '../../scripts/lib/runtime-install.mjs';
import { CREDENTIALS, NODE_TYPES, PACKAGES } from '../../scripts/lib/settings.mjs';
import { credentialsFile } from '../../scripts/lib/workflows.mjs';
import { LOGS, USER_FOLDER, clusterEnv, executionsByWorker, uniqueFreePort } from './cluster.mjs';
import { pollUntil, psql } from './services.mjs';

/** @typedef {import('../../scripts/lib/runtime-install.mjs').RuntimePaths} RuntimePaths */
/** @typedef {import('../../scripts/lib/emulator.mjs').EmulatorInfo} EmulatorInfo */
/** @typedef {import('./cluster.mjs').Cluster} Cluster */
/** @typedef {import('./cluster.mjs').Worker} Worker */
/** @typedef {import('./services.mjs').Postgres} Postgres */
/** @typedef {{ orderId: string, total: number }} Order */
/** @typedef {{ key: string, id: string, path: string }} DuplicatesWorkflow */

/**
 * One workflow per scenario, so each starts with an empty memory of created keys (the node's row
 * in processed_data is per workflow and node). Ids of exactly 16 characters, as n8n wants them.
 * @type {Record<'a' | 'b' | 'c', DuplicatesWorkflow>}
 */
export const WORKFLOWS = {
	a: { key: 'a', id: 'benchTcgDupSeq01', path: 'bench-queue-tcg-a' },
	b: { key: 'b', id: 'benchTcgDupTwo01', path: 'bench-queue-tcg-b' },
	c: { key: 'c', id: 'benchTcgDupFour1', path: 'bench-queue-tcg-c' },
};
for (const w of Object.values(WORKFLOWS)) if (w.id.length !== 16) throw new Error(`workflow id ${w.id} is not 16 characters long`);
export const TCG_NODE = 'Create order activity';
const TCG_NODE_ID = 'bench-tcg-dup-node-3';

/** n8n's copy of `flatted`, in which it stores execution data (as measure.mjs reads it). */
const flatted = createRequire(path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json'))('flatted');
const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** `count` orders, ORD-0001 …, the same for every execution of a scenario. @param {number} count @returns {Order[]} */
export const ordersOf = (count) => Array.from({ length: count }, (_, i) => ({ orderId: `ORD-${String(i + 1).padStart(4, '0')}`, total: 10 + ((i * 7) % 90) }));

/** The workflow as `n8n import:workflow` reads it. @param {DuplicatesWorkflow} workflow */
export function duplicatesWorkflow({ key, id, path: webhookPath }) {
	const link = (/** @type {string} */ to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		id,
		name: `bench:queue:duplicates (${key}) — webhook → split out → Team Common Ground activity, Skip Duplicates`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
				id: 'bench-tcg-dup-node-1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: `${webhookPath}-hook`,
			},
			{
				parameters: { fieldToSplitOut: 'body.orders', options: {} },
				id: 'bench-tcg-dup-node-2',
				name: 'Orders',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
			},
			{
				parameters: {
					resource: 'activity',
					operation: 'create',
					activityType: 'custom',
					customType: 'c_order',
					clientEmail: 'customer@example.com',
					message: '={{ "Order " + $json.orderId + " for $" + $json.total }}',
					skipDuplicates: true,
					duplicateKey: '={{ $json.orderId }}',
				},
				id: TCG_NODE_ID,
				name: TCG_NODE,
				type: NODE_TYPES.teamCommonGround,
				typeVersion: 1,
				position: [440, 0],
				credentials: { teamCommonGroundApi: { id: CREDENTIALS.teamCommonGround.id, name: CREDENTIALS.teamCommonGround.name } },
			},
		],
		connections: { Webhook: link('Orders'), Orders: link(TCG_NODE) },
	};
}

/**
 * n8n-nodes-teamcommonground packed and installed (alone), the credentials and the three
 * workflows imported into PostgreSQL and published, before main starts (as cluster.mjs prepareN8n).
 * @param {RuntimePaths} paths
 * @param {Cluster} cluster
 * @param {EmulatorInfo} emulator
 */
export async function prepareDuplicates(paths, cluster, emulator) {
	const pack = (await buildAndPack()).filter((p) => p.name === PACKAGES.teamCommonGround.name);
	await installPackages(USER_FOLDER, pack);
	const s = step('Credentials and 3 workflows into PostgreSQL: n8n import:credentials, import:workflow, publish:workflow');
	const logFile = path.join(LOGS, 'import.log');
	const env = clusterEnv(cluster, { brokerPort: await uniqueFreePort() });
	const workflowFile = path.join(USER_FOLDER, 'workflow-duplicates.import.json');
	const workflows = Object.values(WORKFLOWS);
	fs.writeFileSync(workflowFile, JSON.stringify(workflows.map(duplicatesWorkflow), null, 2));
	const commands = [['import:credentials', `--input=${credentialsFile(USER_FOLDER, emulator)}`], ['import:workflow', `--input=${workflowFile}`], ...workflows.map((w) => ['publish:workflow', `--id=${w.id}`])];
	for (const args of commands) {
		const result = await n8nCli(paths, USER_FOLDER, args, { logFile, env });
		if (result.code !== 0) throw new SetupError(`n8n ${args[0]} failed (see ${logFile}):\n${result.stdout}${result.stderr}`);
	}
	s.done(`published ${workflows.map((w) => w.id).join(', ')}`);
	return { tarball: path.basename(pack[0].tarball), sha256: pack[0].sha };
}

/**
 * One POST of the orders to main's production webhook (answered as soon as it is enqueued).
 * @param {string} mainUrl
 * @param {DuplicatesWorkflow} workflow
 * @param {Order[]} orders
 */
export async function postOrders(mainUrl, workflow, orders) {
	const response = await fetch(`${mainUrl}/webhook/${workflow.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orders }) });
	return { status: response.status, answer: (await response.text()).slice(0, 160) };
}

/**
 * Waits until at least `count` executions of the workflow above `afterId` exist and all are over.
 * @param {Postgres} pg
 * @param {DuplicatesWorkflow} workflow
 * @param {number} afterId
 * @param {number} count
 * @param {number} [timeoutMs]
 */
export async function waitUntilOver(pg, workflow, afterId, count, timeoutMs = 300000) {
	const query = `SELECT status FROM execution_entity WHERE id > ${Number(afterId)} AND "workflowId" = '${workflow.id}'`;
	return pollUntil(
		() => {
			const rows = psql(pg, query);
			return rows.length >= count && rows.every(([status]) => FINISHED.has(status));
		},
		{ everyMs: 250, timeoutMs },
	);
}

/**
 * The executions of the workflow above `afterId`: status, worker (from the workers' logs), start
 * and stop, and what the Team Common Ground node output per item (`created`, or `skipped:` and
 * the reason), or its error when the execution failed.
 * @param {Postgres} pg
 * @param {DuplicatesWorkflow} workflow
 * @param {number} afterId
 * @param {Worker[]} workers
 */
export function readExecutions(pg, workflow, afterId, workers) {
	const byWorker = executionsByWorker(workers);
	const rows = psql(
		pg,
		`SELECT e.id, e.status, to_char(e."startedAt", 'HH24:MI:SS.MS'), EXTRACT(EPOCH FROM e."stoppedAt" - e."startedAt"), d.data
		 FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
		 WHERE e.id > ${Number(afterId)} AND e."workflowId" = '${workflow.id}' ORDER BY e.id`,
	);
	return rows.map(([id, status, startedAt, seconds, data]) => {
		const resultData = data ? flatted.parse(data)?.resultData ?? {} : {};
		const nodeRun = resultData.runData?.[TCG_NODE]?.at(-1);
		/** @type {any[]} */
		const items = nodeRun?.data?.main?.flat().filter(Boolean) ?? [];
		/** @type {Record<string, number>} */
		const outcomes = {};
		for (const item of items) {
			const json = item?.json ?? {};
			const outcome = json.status === 'skipped' ? `skipped:${json.reason}` : 'error' in json ? 'error' : String(json.status);
			outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
		}
		const error = nodeRun?.error?.message ?? resultData.error?.message ?? null;
		return {
			id,
			status,
			worker: byWorker.get(id)?.worker ?? null,
			startedAt,
			seconds: seconds ? Math.round(Number(seconds) * 100) / 100 : null,
			outcomes,
			error: error === null ? null : String(error).slice(0, 240),
		};
	});
}

/** @typedef {ReturnType<typeof readExecutions>[number]} ExecutionFacts */

/**
 * The activities the emulator stored, counted per order id (from `Order ORD-… for $…`):
 * `duplicates` are activities beyond one per order.
 * @param {string} emulatorUrl
 */
export async function storedActivities(emulatorUrl) {
	/** @type {Map<string, number>} */
	const perOrder = new Map();
	let activities = 0;
	for (const activity of (await emulatorState(emulatorUrl)).teamCommonGround.activities ?? []) {
		const match = /\bOrder (ORD-\d+)\b/.exec(String(activity.payload?.message ?? ''));
		if (!match) continue;
		activities += 1;
		perOrder.set(match[1], (perOrder.get(match[1]) ?? 0) + 1);
	}
	const duplicated = [...perOrder].filter(([, n]) => n > 1);
	return {
		activities,
		distinctOrders: perOrder.size,
		duplicates: activities - perOrder.size,
		duplicatedOrders: duplicated.length,
		maxPerOrder: Math.max(0, ...perOrder.values()),
		duplicatedExamples: duplicated.slice(0, 6).map(([id, n]) => `${id} ×${n}`),
	};
}

/**
 * The node's row in n8n's store of processed items (processed_data): how many hashed values it
 * holds. Each key created leaves two (sent, and created on the day), so 200 orders created leave
 * 400; fewer means a write of one process replaced another's (a lost update).
 * @param {Postgres} pg
 * @param {DuplicatesWorkflow} workflow
 */
export function storeEntries(pg, workflow) {
	const rows = psql(pg, `SELECT json_array_length((value::json)->'data') FROM processed_data WHERE "workflowId" = '${workflow.id}' AND context = 'n:${TCG_NODE_ID}'`);
	return rows.length ? Number(rows[0][0]) : 0;
}

/** Forgets every key the node of this workflow recorded: its row in processed_data goes. @param {Postgres} pg @param {DuplicatesWorkflow} workflow */
export function clearStore(pg, workflow) {
	psql(pg, `DELETE FROM processed_data WHERE "workflowId" = '${workflow.id}'`);
}
