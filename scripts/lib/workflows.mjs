// @ts-check
// The example workflows and their credentials in n8n: the files in examples/, `n8n import:*`,
// and a headless run (`n8n execute --id=ID --rawOutput`) summarised per node.
import fs from 'node:fs';
import path from 'node:path';

import { SetupError, step } from './console.mjs';
import { n8nCli } from './n8n.mjs';
import { CREDENTIALS, LLM_API_KEY, LLM_BASE_PATH, N8N_MAJOR, ROOT, WEBHOOK_SECRET } from './settings.mjs';

/** @typedef {import('./runtime-install.mjs').RuntimePaths} RuntimePaths */
/** @typedef {{ url: string, tokens: { commonRoom: string, teamCommonGround: string }, commonRoomBaseUrl: string, teamCommonGroundBaseUrl: string }} EmulatorEndpoints */
/** @typedef {{ id: string, name: string, nodes: Array<{ name: string, type: string }>, connections: Record<string, any> }} Workflow */
/** @typedef {{ items: number, outputs: any[][], error: string | null }} NodeRun the JSON of each output item */
/** @typedef {{ status: string, nodes: Record<string, NodeRun>, lastNode: string | null, items: number, error: string | null }} RunSummary */

/**
 * Writes the credentials (plain data; n8n encrypts it on import) for `n8n import:credentials`:
 * both services', the webhook secret, and an OpenAI credential whose Base URL is the emulator's
 * LLM test double (example 08 runs offline with it).
 * @param {string} userFolder
 * @param {EmulatorEndpoints} emulator
 */
export function credentialsFile(userFolder, emulator) {
	const file = path.join(userFolder, 'credentials.import.json');
	const data = [
		{
			...CREDENTIALS.commonRoom,
			data: { apiToken: emulator.tokens.commonRoom, baseUrl: emulator.commonRoomBaseUrl },
		},
		{
			...CREDENTIALS.teamCommonGround,
			data: { apiKey: emulator.tokens.teamCommonGround, baseUrl: emulator.teamCommonGroundBaseUrl },
		},
		{ ...CREDENTIALS.commonRoomWebhook, data: { secret: WEBHOOK_SECRET } },
		{ ...CREDENTIALS.openAi, data: { apiKey: LLM_API_KEY, url: `${emulator.url}${LLM_BASE_PATH}` } },
	];
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

/** The example workflow files (examples/*.json), sorted. */
export function exampleFiles() {
	const dir = path.join(ROOT, 'examples');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(dir, f));
}

/**
 * @param {string} file
 * @returns {Workflow}
 */
export function readWorkflow(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Whether a workflow can run headless: it starts with a Manual Trigger.
 * @param {Workflow} workflow
 */
export function isManualWorkflow(workflow) {
	return workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger');
}

/**
 * Imports both credentials (plain data; n8n encrypts it) and the example workflows.
 * @param {RuntimePaths} paths
 * @param {string} userFolder
 * @param {EmulatorEndpoints} emulator
 * @param {{ workflows?: string[] }} [options] the workflow files (default: every example)
 */
export async function importCredentialsAndWorkflows(paths, userFolder, emulator, { workflows = exampleFiles() } = {}) {
	const logFile = path.join(userFolder, 'logs', 'import.log');
	const s = step('Credentials and example workflows: n8n import:credentials, n8n import:workflow');
	const credFile = credentialsFile(userFolder, emulator);
	const cred = await n8nCli(paths, userFolder, ['import:credentials', `--input=${credFile}`], { logFile });
	if (cred.code !== 0) throw new SetupError(`n8n import:credentials failed:\n${cred.stdout}${cred.stderr}`);
	s.info(`"${CREDENTIALS.commonRoom.name}" → ${emulator.commonRoomBaseUrl}, token ${emulator.tokens.commonRoom}`);
	s.info(`"${CREDENTIALS.teamCommonGround.name}" → ${emulator.teamCommonGroundBaseUrl}, key ${emulator.tokens.teamCommonGround}`);
	s.info(`"${CREDENTIALS.openAi.name}" → ${emulator.url}${LLM_BASE_PATH} (not a model: emulator/README.md "LLM test double")`);
	let imported = 0;
	if (workflows.length) {
		const dir = path.join(userFolder, 'workflows.import');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		for (const file of workflows) fs.copyFileSync(file, path.join(dir, path.basename(file)));
		const wf = await n8nCli(paths, userFolder, ['import:workflow', '--separate', `--input=${dir}`], { logFile });
		if (wf.code !== 0) throw new SetupError(`n8n import:workflow failed:\n${wf.stdout}${wf.stderr}`);
		imported = workflows.length;
	}
	s.done(`${Object.keys(CREDENTIALS).length} credentials, ${imported} workflows imported`);
}

/**
 * Activates a workflow before n8n starts, so its trigger listens on its production URL as soon as
 * the server is up: n8n 2.x publishes it (`n8n publish:workflow`), n8n 1.x, which has no
 * published versions, sets it active (`n8n update:workflow --active=true`).
 * @param {RuntimePaths} paths
 * @param {string} userFolder
 * @param {string} id
 */
export async function activateWorkflow(paths, userFolder, id) {
	const args = N8N_MAJOR >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
	const result = await n8nCli(paths, userFolder, args, { logFile: path.join(userFolder, 'logs', 'import.log') });
	// 1.x's update:workflow logs a failure and still exits 0.
	if (result.code !== 0 || /GOT ERROR|Error updating/.test(result.stdout + result.stderr)) {
		throw new SetupError(`n8n ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
	}
}

/**
 * n8n prints log lines before the JSON of `execute --rawOutput`, and now and then one after it (the
 * task runner registering late on a busy machine): take the JSON between the first line that opens
 * it and the last line that closes it at the start of a line (the JSON is indented).
 * @param {string} text
 * @returns {any} the parsed JSON, or null
 */
export function parseTrailingJson(text) {
	const lines = text.split('\n');
	const ends = lines.flatMap((line, index) => (/^[}\]]\s*$/.test(line) ? [index] : [])).reverse();
	for (let i = 0; i < lines.length; i++) {
		if (lines[i].startsWith('{') || lines[i].startsWith('[')) {
			for (const end of [lines.length - 1, ...ends.filter((e) => e >= i)]) {
				try {
					return JSON.parse(lines.slice(i, end + 1).join('\n').trim());
				} catch {
					/* a log line starting with { or after the JSON — keep looking */
				}
			}
		}
	}
	return null;
}

/**
 * Executes one imported workflow headless and summarises n8n's answer: status, the node that
 * ran last, items per node, the error if any.
 * @param {RuntimePaths} paths
 * @param {string} userFolder
 * @param {string} workflowId
 * @param {{ logFile?: string, env?: NodeJS.ProcessEnv }} [options]
 */
export async function executeWorkflow(paths, userFolder, workflowId, { logFile, env } = {}) {
	const started = Date.now();
	const result = await n8nCli(paths, userFolder, ['execute', `--id=${workflowId}`, '--rawOutput'], { logFile, env });
	const run = parseTrailingJson(result.stdout);
	const summary = summariseRun(run);
	if (!run) {
		summary.status = 'error';
		summary.error = (result.stdout + result.stderr).trim().split('\n').slice(-5).join(' | ') || `exit ${result.code}`;
	}
	return { ...summary, exitCode: result.code, ms: Date.now() - started, raw: run, output: result.stdout + result.stderr };
}

/** @typedef {Awaited<ReturnType<typeof executeWorkflow>>} ExecuteResult */

/**
 * @param {any} run the run as `n8n execute --rawOutput` prints it, or null
 * @returns {RunSummary}
 */
export function summariseRun(run) {
	if (!run || !run.data) return { status: 'error', nodes: {}, lastNode: null, items: 0, error: null };
	const resultData = run.data.resultData ?? {};
	/** @type {Record<string, NodeRun>} */
	const nodes = {};
	for (const [name, runs] of Object.entries(resultData.runData ?? {})) {
		const last = runs[runs.length - 1];
		/** @type {any[][]} */
		const outputs = last?.data?.main ?? [];
		nodes[name] = {
			items: outputs.reduce((sum, out) => sum + (out?.length ?? 0), 0),
			outputs: outputs.map((out) => (out ?? []).map((item) => item.json)),
			error: last?.error ? last.error.message ?? String(last.error) : null,
		};
	}
	const lastNode = resultData.lastNodeExecuted ?? null;
	const error = resultData.error ? resultData.error.message ?? JSON.stringify(resultData.error) : null;
	return {
		status: run.status ?? (error ? 'error' : 'success'),
		nodes,
		lastNode,
		items: lastNode && nodes[lastNode] ? nodes[lastNode].items : 0,
		error,
	};
}
