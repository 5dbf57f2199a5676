// @ts-check
// The pieces of `npm run bench:queue:repeats` that bench:queue does not have: the trigger
// workflow (Common Room Trigger → a Code node that writes workflow static data) imported and
// published, main with or without production webhooks, `n8n webhook` processes, one delivery's
// POST, and the executions of a sub-scenario counted per envelope id from PostgreSQL.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { SetupError, step } from '../../scripts/lib/console.mjs';
import { n8nCli, startN8n } from '../../scripts/lib/n8n.mjs';
import { buildAndPack, installPackages } from '../../scripts/lib/pack.mjs';
import { pipeOutput } from '../../scripts/lib/processes.mjs';
import { N8N_DIR } from '../../scripts/lib/runtime-install.mjs';
import { CREDENTIALS, NODE_TYPES, PACKAGES, WEBHOOK_SECRET } from '../../scripts/lib/settings.mjs';
import { credentialsFile } from '../../scripts/lib/workflows.mjs';
import { LOGS, USER_FOLDER, clusterEnv, uniqueFreePort } from './cluster.mjs';
import { pollUntil, psql, waitForLine } from './services.mjs';

/** @typedef {import('../../scripts/lib/processes.mjs').ProcessGroup} ProcessGroup */
/** @typedef {import('../../scripts/lib/runtime-install.mjs').RuntimePaths} RuntimePaths */
/** @typedef {import('./cluster.mjs').Cluster} Cluster */
/** @typedef {import('./services.mjs').Postgres} Postgres */
/** @typedef {{ id: string, status: number, started: boolean, answer: string }} Answer one POST and what it was answered */

/**
 * The measured workflow, and a control: the trigger alone, whose executions change no static data
 * (so a worker saves none). Ids of 16 characters: n8n saves static data only for workflow ids of
 * exactly that length (isWorkflowIdValid).
 */
export const WORKFLOWS = {
	withCode: { id: 'benchQueueRepeat', webhookId: 'bench-queue-repeats', code: true },
	triggerOnly: { id: 'benchRepeatsOnly', webhookId: 'bench-queue-repeats-only', code: false },
};
/** @typedef {typeof WORKFLOWS.withCode} RepeatsWorkflow */
const TRIGGER_NODE = 'Common Room Trigger';
const CODE_NODE = 'Count runs in static data';

/** n8n's copy of `flatted`, in which it stores execution data (as measure.mjs reads it). */
const flatted = createRequire(path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json'))('flatted');
const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * A workflow as `n8n import:workflow` reads it (test/e2e/fixtures/trigger-code-static.json's nodes).
 * @param {RepeatsWorkflow} workflow
 */
export function repeatsWorkflow({ id, webhookId, code }) {
	const trigger = {
		parameters: { events: ['any'], options: {} },
		id: 'bench-repeats-node-1',
		name: TRIGGER_NODE,
		type: NODE_TYPES.commonRoomTrigger,
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		credentials: { commonRoomWebhookApi: { id: CREDENTIALS.commonRoomWebhook.id, name: CREDENTIALS.commonRoomWebhook.name } },
	};
	const counter = {
		parameters: { jsCode: "const d = $getWorkflowStaticData('global');\nd.runs = (d.runs ?? 0) + 1;\nreturn $input.all();" },
		id: 'bench-repeats-node-2',
		name: CODE_NODE,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [220, 0],
	};
	return {
		id,
		name: `bench:queue:repeats — Common Room Trigger${code ? ' → Code node writing static data' : ' alone'}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: code ? [trigger, counter] : [trigger],
		connections: code ? { [TRIGGER_NODE]: { main: [[{ node: CODE_NODE, type: 'main', index: 0 }]] } } : {},
	};
}

/**
 * n8n-nodes-commonroom packed and installed, the credentials and both workflows imported into
 * PostgreSQL and published, before main starts (as cluster.mjs prepareN8n does).
 * No emulator runs: of the credentials credentialsFile writes, only the webhook secret is used.
 * @param {RuntimePaths} paths
 * @param {Cluster} cluster
 */
export async function prepareRepeats(paths, cluster) {
	const pack = (await buildAndPack()).filter((p) => p.name === PACKAGES.commonRoom.name);
	await installPackages(USER_FOLDER, pack);
	const s = step('Credentials and the trigger workflows into PostgreSQL: n8n import:credentials, import:workflow, publish:workflow');
	const logFile = path.join(LOGS, 'import.log');
	const env = clusterEnv(cluster, { brokerPort: await uniqueFreePort() });
	const nowhere = 'http://127.0.0.1:9';
	const credentials = credentialsFile(USER_FOLDER, {
		url: nowhere,
		tokens: { commonRoom: 'unused', teamCommonGround: 'unused' },
		commonRoomBaseUrl: nowhere,
		teamCommonGroundBaseUrl: nowhere,
	});
	const workflowFile = path.join(USER_FOLDER, 'workflow-repeats.import.json');
	const workflows = Object.values(WORKFLOWS);
	fs.writeFileSync(workflowFile, JSON.stringify(workflows.map(repeatsWorkflow), null, 2));
	const publish = workflows.map((w) => ['publish:workflow', `--id=${w.id}`]);
	for (const args of [['import:credentials', `--input=${credentials}`], ['import:workflow', `--input=${workflowFile}`], ...publish]) {
		const result = await n8nCli(paths, USER_FOLDER, args, { logFile, env });
		if (result.code !== 0) throw new SetupError(`n8n ${args[0]} failed (see ${logFile}):\n${result.stdout}${result.stderr}`);
	}
	s.done(`published ${workflows.map((w) => w.id).join(' and ')}`);
	return { tarball: path.basename(pack[0].tarball), sha256: pack[0].sha };
}

/**
 * `n8n start`; with `productionWebhooks: false` it sets N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true,
 * so only `n8n webhook` processes serve /webhook/*.
 * @param {ProcessGroup} group
 * @param {RuntimePaths} paths
 * @param {Cluster} cluster
 * @param {{ productionWebhooks: boolean }} options
 */
export async function startMainProcess(group, paths, cluster, { productionWebhooks }) {
	const env = { ...clusterEnv(cluster, { brokerPort: await uniqueFreePort(), owner: true }), N8N_DISABLE_PRODUCTION_MAIN_PROCESS: String(!productionWebhooks) };
	const logFile = path.join(LOGS, productionWebhooks ? 'main.log' : 'main-no-production-webhooks.log');
	return startN8n(group, paths, USER_FOLDER, { port: cluster.mainPort, logFile, env });
}

/**
 * n `n8n webhook` processes (queue mode only), each on its own N8N_PORT, started at once; resolves
 * when each says "Webhook listener waiting for requests." (after its server is up and ready).
 * @param {ProcessGroup} group
 * @param {RuntimePaths} paths
 * @param {Cluster} cluster
 * @param {number} n
 */
export async function startWebhookProcesses(group, paths, cluster, n) {
	const s = step(`${n} webhook processes: n8n webhook`);
	const started = Array.from({ length: n }, async (_, i) => {
		const name = `webhook-${i + 1}`;
		const logFile = path.join(LOGS, `${name}.log`);
		const port = await uniqueFreePort();
		const env = { ...clusterEnv(cluster, { brokerPort: await uniqueFreePort() }), N8N_PORT: String(port) };
		const child = spawn(paths.nodeBin, [paths.n8nMain, 'webhook'], { cwd: USER_FOLDER, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		group.add(name, child, 20000);
		const output = pipeOutput(child, logFile, false);
		await waitForLine(child, output, /Webhook listener waiting for requests/, { label: name, logFile, timeoutMs: 180000 });
		return { name, url: `http://127.0.0.1:${port}`, logFile };
	});
	const processes = await Promise.all(started);
	s.done(processes.map((p) => `${p.name} ${p.url}`).join(', '));
	return processes;
}

/**
 * One delivery to a process's production URL, with the secret. `started`: the trigger answered
 * "Workflow was started" (a repeat it drops is answered `{ started: false, reason }`).
 * @param {string} baseUrl
 * @param {string} id the envelope id
 * @param {RepeatsWorkflow} [workflow]
 * @returns {Promise<Answer>}
 */
export async function deliver(baseUrl, id, workflow = WORKFLOWS.withCode) {
	const response = await fetch(`${baseUrl}/webhook/${workflow.webhookId}/webhook`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-commonroom-webhook-secret': WEBHOOK_SECRET },
		body: JSON.stringify({ id, payload: { type: 'member', primaryEmail: 'a@example.com' } }),
	});
	const answer = await response.text();
	/** @type {{ message?: string }} */
	let body = {};
	try {
		body = JSON.parse(answer);
	} catch {
		/* not JSON: counted by its status */
	}
	return { id, status: response.status, started: response.status === 200 && body.message === 'Workflow was started', answer: answer.slice(0, 160) };
}

/** @param {any} item */
const envelopeIdOf = (item) => (item?.json?.id === undefined || item?.json?.id === null ? null : String(item.json.id));

/**
 * The executions of a workflow above `afterId`, once at least `atLeast` exist, every one is
 * over, and their number has not changed for `quietMs` (a duplicate may start a little later),
 * each with the envelope id its trigger emitted.
 * @param {Postgres} pg
 * @param {string} workflowId
 * @param {number} afterId
 * @param {number} atLeast
 * @param {{ quietMs?: number, timeoutMs?: number }} [options]
 */
export async function settledExecutions(pg, workflowId, afterId, atLeast, { quietMs = 5000, timeoutMs = 300000 } = {}) {
	const where = `e.id > ${Number(afterId)} AND e."workflowId" = '${workflowId}'`;
	let count = -1;
	let quietSince = Date.now();
	const settled = await pollUntil(
		() => {
			const rows = psql(pg, `SELECT e.status FROM execution_entity e WHERE ${where}`);
			const over = rows.length >= atLeast && rows.every(([status]) => FINISHED.has(status));
			if (!over || rows.length !== count) {
				count = rows.length;
				quietSince = Date.now();
				return false;
			}
			return Date.now() - quietSince >= quietMs;
		},
		{ everyMs: 500, timeoutMs },
	);
	const rows = psql(pg, `SELECT e.id, e.status, d.data FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id WHERE ${where} ORDER BY e.id`);
	const executions = rows.map(([id, status, data]) => {
		const run = data ? flatted.parse(data) : null;
		const emitted = run?.resultData?.runData?.[TRIGGER_NODE]?.[0]?.data?.main?.[0]?.[0];
		const queued = run?.executionData?.nodeExecutionStack?.[0]?.data?.main?.[0]?.[0];
		return { id, status, envelopeId: envelopeIdOf(emitted) ?? envelopeIdOf(queued) };
	});
	return { settled, executions };
}

/**
 * A workflow's static data as PostgreSQL has it at the end: the Code node's run counter and how
 * many ids the trigger's record holds. In 2.41.1's queue mode a worker starts from no static data
 * (the workflow stored with the execution has none) and saves what it has whole: the counter stays
 * at 1, and each save erases the trigger's record until a webhook call writes it back.
 * @param {Postgres} pg
 * @param {string} workflowId
 */
export function storedStaticData(pg, workflowId) {
	const [[text] = ['']] = psql(pg, `SELECT "staticData" FROM workflow_entity WHERE id = '${workflowId}'`);
	const data = text ? JSON.parse(text) : {};
	const record = data[`node:${TRIGGER_NODE}`]?.seenDeliveries ?? {};
	return { runs: data.global?.runs ?? null, seenDeliveries: Object.keys(record).length };
}
