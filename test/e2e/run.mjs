#!/usr/bin/env node
// @ts-check
// `npm run test:e2e`: both packages in the real n8n (2.41.1 on Node 24), as a user installs them,
// against the local emulator of both APIs, and in a real browser. `--n8n 1.123.81` (or
// $CRTCG_N8N_VERSION) runs the same checks in n8n 1.123.81, the last 1.x, on the machine's Node
// (20), headless: steps 0 to 2 below, no browser.
//
//  0. each package alone (test/e2e/alone.mjs): its tarball in an n8n of its own, which loads only
//     its nodes and credentials and runs its examples; what lasts between executions, in an n8n
//     restarted half-way (persistence.mjs: the trigger's repeats, the polling trigger's mark);
//     exactly once across executions (exactlyOnce.mjs: re-runs, a retry, a kill, runs at once);
//     then both packages in one n8n:
//  1. headless: every example workflow with a Manual Trigger runs through `n8n execute`, each
//     from the demo seed, and what the EMULATOR STORED is checked (test/e2e/examples.mjs); then the
//     Common Room API v2 reads: paging with Return All and Limit, a 429 mid-way, and example 08's
//     AI Agent on recent activity, with the emulator's LLM test double as its model (reads.mjs);
//  2. n8n's server: its log shows both packages loaded without errors or warnings about them; the
//     owner login works; both nodes and their AI-tool variants are known; both credential tests
//     pass against the emulator and fail with a clear message for a wrong token/key; the AI
//     Agent example imports with every node type known;
//  3. Chromium (Debian's, installed if missing) signs in, opens each node of the examples and
//     saves its parameter panel to docs/screenshots/, and finds both tools in the Agent's tool
//     picker.
//
// A plain Node runner (no jest: one n8n for all checks, long-lived processes), closing with
// "e2e: N passed, N failed". Ports are picked free, so it runs beside `npm start`.
//   node test/e2e/run.mjs [--n8n <version>] [--only=<substring>] [--no-browser] [--main-only] [--rebuild]
// (--main-only: without step 0, while working on the rest)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { c, say, step, stripAnsi } from '../../scripts/lib/console.mjs';
import { emulatorClearLog, emulatorLog, emulatorState, startEmulator } from '../../scripts/lib/emulator.mjs';
import { N8nSession } from '../../scripts/lib/n8n-rest.mjs';
import { n8nEnv, ownerPasswordHash, startN8n } from '../../scripts/lib/n8n.mjs';
import { buildAndPack, ensureProjectDependencies, installPackages } from '../../scripts/lib/pack.mjs';
import { freePort } from '../../scripts/lib/ports.mjs';
import { ProcessGroup } from '../../scripts/lib/processes.mjs';
import { ensureRuntime } from '../../scripts/lib/runtime-install.mjs';
import { CREDENTIALS, N8N_MAJOR, N8N_VERSION, NODE_TYPES, OWNER, PACKAGES, PROJECT, ROOT, TESTED_N8N_VERSIONS, TRIGGER_WORKFLOW, VERSION_SUFFIX, WORK_DIR } from '../../scripts/lib/settings.mjs';
import { activateWorkflow, executeWorkflow, exampleFiles, importCredentialsAndWorkflows, isManualWorkflow, readWorkflow } from '../../scripts/lib/workflows.mjs';
import { ensureThreadsTable, linkThreadsTable, THREADS_TABLE } from '../../scripts/lib/data-tables.mjs';
import { alonePhases, assertPackagesLoaded } from './alone.mjs';
import { exactlyOncePhase } from './exactlyOnce.mjs';
import { persistencePhase } from './persistence.mjs';
import { editorChecks } from './editor.mjs';
import { EXAMPLES } from './examples.mjs';
import { exampleChecks, headlessReadChecks, READ_FIXTURES, serverReadChecks } from './reads.mjs';
import { check, finish, packageWarnings, results, runExamplesHeadless } from './runner.mjs';
import { triggerChecks, WRITES_WORKFLOW } from './trigger.mjs';

/** @typedef {import('../../scripts/lib/emulator.mjs').EmulatorState} EmulatorState */
/** @typedef {import('../../scripts/lib/emulator.mjs').RequestLogEntry} RequestLogEntry */
/** @typedef {import('../../scripts/lib/workflows.mjs').ExecuteResult} ExecuteResult */
/** @typedef {import('../../scripts/lib/workflows.mjs').Workflow} Workflow */
/** @typedef {typeof CREDENTIALS.commonRoom} Credential */
/** @typedef {{ name: string, outputs?: unknown, iconUrl?: any }} NodeType a node type as GET /types/nodes.json lists it */

const argv = process.argv.slice(2);
/** The editor checks are written against n8n 2.x's editor: n8n 1.x runs headless. */
const browserSupported = N8N_MAJOR >= 2;
const withBrowser = !argv.includes('--no-browser') && browserSupported;


// ---------------------------------------------------------------------------------------------

const group = new ProcessGroup();
group.handleSignals(() => say(`\n${c.yellow('Interrupted')}: stopping n8n and the emulator…`));

/** One user folder per n8n version (the default's as before), so the versions can run side by side. */
const userFolder = path.join(WORK_DIR, `e2e${VERSION_SUFFIX}`);
const logs = path.join(userFolder, 'logs');

try {
	say(c.bold(`${PROJECT}: end-to-end tests in n8n ${N8N_VERSION}`));
	if (!TESTED_N8N_VERSIONS.includes(N8N_VERSION)) say(c.yellow(`  n8n ${N8N_VERSION} is not one this suite is known to pass in (${TESTED_N8N_VERSIONS.join(', ')})`));
	if (!browserSupported) say(c.dim(`  n8n ${N8N_VERSION}: headless only (no browser checks; they are written for n8n 2.x's editor)`));
	// A fresh n8n database each run (the installed package and the encryption key stay).
	for (const entry of fs.existsSync(path.join(userFolder, '.n8n')) ? fs.readdirSync(path.join(userFolder, '.n8n')) : []) {
		if (!['nodes', 'config'].includes(entry)) fs.rmSync(path.join(userFolder, '.n8n', entry), { recursive: true, force: true });
	}
	fs.rmSync(logs, { recursive: true, force: true });
	fs.mkdirSync(logs, { recursive: true });

	await ensureProjectDependencies(); // playwright-core, before the browser module loads it
	const browserModule = withBrowser ? await import('./browser.mjs') : null;
	const [paths] = await Promise.all([ensureRuntime(), browserModule?.ensureChromium((line) => say(line))]);
	const packs = await buildAndPack({ force: argv.includes('--rebuild') });
	if (!argv.includes('--main-only')) {
		// A user may install one package without the other: each alone first, in its own n8n.
		await alonePhases({ paths, packs, group });
		await persistencePhase({ paths, packs, group });
		await exactlyOncePhase({ paths, packs, group });
	}
	step(`Both packages in one n8n (${path.relative(ROOT, userFolder)})`);
	await installPackages(userFolder, packs);
	const emulator = await startEmulator(group, { port: await freePort(), logFile: path.join(logs, 'emulator.log') });
	await importCredentialsAndWorkflows(paths, userFolder, emulator, {
		workflows: [...exampleFiles(), ...['common-room-writes.json', ...READ_FIXTURES].map((file) => path.join(ROOT, 'test', 'e2e', 'fixtures', file))],
	});
	const brokerPort = String(await freePort());
	const cliEnv = n8nEnv(userFolder, { extra: { N8N_RUNNERS_BROKER_PORT: brokerPort } });
	const workflows = exampleFiles().map(readWorkflow);
	/** @type {typeof EXAMPLES} what each example must leave; example 08's checks are with the other reads' */
	const exampleChecksById = { ...EXAMPLES, ...exampleChecks(emulator.url) };

	// 1. Headless: n8n execute, then what the emulator stored.
	step('Example workflows, headless (n8n execute), checked against what the emulator stored');
	const cliOutputs = await runExamplesHeadless({ paths, userFolder, emulatorUrl: emulator.url, workflows, env: cliEnv, logs, checksById: exampleChecksById });
	step('Common Room API v2 reads, headless: paging, a 429 mid-way, example 08\'s agent on recent activity (test/e2e/reads.mjs)');
	await headlessReadChecks({
		check,
		emulator,
		execute: async (id) => {
			const result = await executeWorkflow(paths, userFolder, id, { env: cliEnv, logFile: path.join(logs, 'execute.log') });
			cliOutputs.push(result.output);
			return result;
		},
	});
	await check('every example with a Manual Trigger has emulator checks', () => {
		const missing = workflows.filter((w) => isManualWorkflow(w) && !exampleChecksById[w.id]).map((w) => w.id);
		assert.deepEqual(missing, []);
	});
	await check('n8n execute output has no error or warning about the package', () => {
		assert.deepEqual(packageWarnings(cliOutputs), []);
	});

	// 2. n8n's server, with example 07 and the workflow that drives it active.
	await activateWorkflow(paths, userFolder, WRITES_WORKFLOW.id);
	const port = await freePort();
	const env = n8nEnv(userFolder, { port, ownerHash: ownerPasswordHash(paths), logLevel: 'debug', extra: { N8N_RUNNERS_BROKER_PORT: brokerPort } });
	const n8n = await startN8n(group, paths, userFolder, { port, logFile: path.join(logs, 'n8n.log'), env });
	step(`n8n server checks (${n8n.url})`);
	const logLines = () => n8n.output.lines.map(stripAnsi);

	await check('n8n log: both packages loaded (3 nodes and 2 credentials, 1 and 1) with no error or warning about them', () => {
		assertPackagesLoaded(logLines(), Object.values(PACKAGES));
	});

	const session = new N8nSession(n8n.apiUrl);
	await session.login().catch(() => {}); // checked below; later checks need the session either way
	await check('example 07: its Data Table (common_room_threads) created through n8n\'s REST API, 07 linked to it and active', async () => {
		await linkThreadsTable(session, TRIGGER_WORKFLOW.id, await ensureThreadsTable(session));
		const stored = await session.get(`/rest/workflows/${TRIGGER_WORKFLOW.id}`);
		assert.equal(stored.body.data.active, true);
		assert.ok(!JSON.stringify(stored.body.data.nodes).includes(THREADS_TABLE.placeholder), 'a Data Table node still holds the placeholder');
	});
	await check(`owner login ${OWNER.email} works (POST /rest/login)`, async () => {
		const user = await session.login();
		assert.equal(user.email, OWNER.email);
		assert.equal(user.role, 'global:owner');
	});

	/** @type {NodeType[]} */
	let types = (await session.get('/types/nodes.json')).body;
	await check('n8n knows the four nodes and the AI tool variants of the two action nodes, with their icons', async () => {
		const response = await session.get('/types/nodes.json');
		assert.equal(response.status, 200);
		types = response.body;
		const expected = [NODE_TYPES.commonRoom, NODE_TYPES.commonRoomTrigger, NODE_TYPES.commonRoomPollingTrigger, NODE_TYPES.teamCommonGround, `${NODE_TYPES.commonRoom}Tool`, `${NODE_TYPES.teamCommonGround}Tool`];
		for (const name of expected) {
			const type = types.find((t) => t.name === name);
			assert.ok(type, `${name} is not a known node type`);
			if (name.endsWith('Tool')) assert.deepEqual(type.outputs, ['ai_tool'], `${name} outputs`);
			const icon = type.iconUrl?.light ?? type.iconUrl;
			assert.ok(typeof icon === 'string' && icon.endsWith('.svg'), `${name} has no SVG icon (${JSON.stringify(type.iconUrl)})`);
			const svg = await fetch(`${n8n.apiUrl}/${icon.replace(/^\//, '')}`);
			assert.equal(svg.status, 200, `${icon}: HTTP ${svg.status}`);
			assert.match(await svg.text(), /<svg/);
		}
	});

	await check('both credentials imported, encrypted, pointing at the emulator', async () => {
		for (const [cred, baseUrl] of /** @type {Array<[Credential, string]>} */ ([
			[CREDENTIALS.commonRoom, emulator.commonRoomBaseUrl],
			[CREDENTIALS.teamCommonGround, emulator.teamCommonGroundBaseUrl],
		])) {
			const response = await session.get(`/rest/credentials/${cred.id}?includeData=true`);
			assert.equal(response.status, 200, `${cred.id}: HTTP ${response.status}`);
			assert.equal(response.body.data.type, cred.type);
			assert.equal(response.body.data.name, cred.name);
			assert.equal(response.body.data.data.baseUrl, baseUrl);
		}
		const db = fs.readFileSync(path.join(userFolder, '.n8n', 'database.sqlite'));
		assert.ok(!db.includes(Buffer.from(emulator.tokens.commonRoom)), 'the token is stored in clear text');
	});

	/**
	 * POST /rest/credentials/test as the editor sends it; returns n8n's answer and what reached the emulator.
	 * @param {Credential} cred
	 * @param {Record<string, string>} [data] what replaces the stored credential's data
	 */
	const credentialTest = async (cred, data = {}) => {
		const stored = await session.get(`/rest/credentials/${cred.id}?includeData=true`);
		await emulatorClearLog(emulator.url);
		const response = await session.post('/rest/credentials/test', {
			credentials: { id: cred.id, name: cred.name, type: cred.type, data: { ...stored.body.data.data, ...data } },
		});
		assert.equal(response.status, 200, `POST /rest/credentials/test: HTTP ${response.status} ${JSON.stringify(response.body)}`);
		return { ...response.body.data, requests: await emulatorLog(emulator.url) };
	};
	/** @param {RequestLogEntry[]} requests @param {string} service */
	const onlyRequest = (requests, service) => {
		assert.equal(requests.length, 1, `the emulator got ${requests.length} requests: ${JSON.stringify(requests)}`);
		assert.equal(requests[0].service, service);
		return requests[0];
	};
	await check('credential test: Common Room token accepted by the emulator', async () => {
		const result = await credentialTest(CREDENTIALS.commonRoom);
		assert.equal(result.status, 'OK', result.message);
		const request = onlyRequest(result.requests, 'commonRoom');
		assert.equal(`${request.method} ${request.path}`, 'GET /community/v1/api-token-status');
		assert.equal(request.status, 200);
	});
	await check('credential test: Team Common Ground key accepted by the emulator, nothing created', async () => {
		const before = (await emulatorState(emulator.url)).teamCommonGround.activities.length;
		const result = await credentialTest(CREDENTIALS.teamCommonGround);
		assert.equal(result.status, 'OK', result.message);
		const request = onlyRequest(result.requests, 'teamCommonGround');
		assert.equal(`${request.method} ${request.path}`, 'POST /v1/activities');
		assert.ok(typeof request.status === 'number' && request.status >= 400 && request.status < 500 && request.status !== 401 && request.status !== 403, `status ${request.status}: the key must pass and the empty body fail validation`);
		assert.equal((await emulatorState(emulator.url)).teamCommonGround.activities.length, before, 'the test created an activity');
	});
	// n8n 1.x drops the HTTP answer from the error of a declarative test's request, so the
	// credential checks the answer's body instead of a failed request's code: both versions show
	// the credential's own message.
	await check('credential test: a wrong Common Room token fails with the credential\'s own message (both n8n versions)', async () => {
		const result = await credentialTest(CREDENTIALS.commonRoom, { apiToken: 'cr_wrong_token' });
		assert.equal(result.status, 'Error');
		assert.match(result.message, /^Common Room rejected the API token \(forbidden\)/);
		assert.equal(onlyRequest(result.requests, 'commonRoom').status, 403);
		say(c.dim(`      n8n shows: "${result.message}"`));
	});
	await check('credential test: a wrong Team Common Ground key fails with a clear message', async () => {
		const result = await credentialTest(CREDENTIALS.teamCommonGround, { apiKey: 'tcg_wrong_key' });
		assert.equal(result.status, 'Error');
		assert.match(result.message, /key/i);
		assert.match(result.message, /invalid|revoked|reject/i);
		assert.equal(onlyRequest(result.requests, 'teamCommonGround').status, 401);
		say(c.dim(`      n8n shows: "${result.message}"`));
	});
	await check('credential test: a base URL where nothing answers fails (n8n reports the connection error)', async () => {
		const result = await credentialTest(CREDENTIALS.commonRoom, { baseUrl: `http://127.0.0.1:${await freePort()}/community/v1` });
		assert.equal(result.status, 'Error');
		assert.match(result.message ?? '', /ECONNREFUSED|connect/i);
		say(c.dim(`      n8n shows: "${result.message}"`));
	});

	const agent = workflows.find((w) => w.nodes.some((n) => n.type === '@n8n/n8n-nodes-langchain.agent'));
	step('Common Room Trigger: example 07 active, the emulator\'s webhooks posting to it');
	await triggerChecks({ check, session, n8nUrl: n8n.url, emulatorUrl: emulator.url });
	step('The OpenAI credential (example 08\'s model, test/e2e/reads.mjs)');
	await serverReadChecks({ check, session, emulator });

	await check('06 AI Agent example: imported, every node type known, both tools wired to the agent', async () => {
		assert.ok(agent, 'no example with an AI Agent');
		const response = await session.get(`/rest/workflows/${agent.id}`);
		assert.equal(response.status, 200);
		/** @type {Workflow} */
		const stored = response.body.data;
		const known = new Set(types.map((t) => t.name));
		for (const node of stored.nodes) assert.ok(known.has(node.type), `unknown node type ${node.type}`);
		for (const tool of [`${NODE_TYPES.commonRoom}Tool`, `${NODE_TYPES.teamCommonGround}Tool`]) {
			const node = stored.nodes.find((n) => n.type === tool);
			assert.ok(node, `no ${tool} node`);
			const target = stored.connections[node.name]?.ai_tool?.[0]?.[0]?.node;
			assert.equal(stored.nodes.find((n) => n.name === target)?.type, '@n8n/n8n-nodes-langchain.agent', `${node.name} is not connected to the agent`);
		}
	});

	// 3. The browser.
	if (browserModule) await editorChecks(browserModule, { n8n, workflows, emulator, logs });

	await group.stopAll();
	finish(logs);
} catch (error) {
	say(`\n${c.red('e2e setup failed:')} ${error.message ?? error}`);
	results.push({ name: 'setup', ok: false, error });
	await group.stopAll();
	finish(logs, 1);
}
