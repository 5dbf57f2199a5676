#!/usr/bin/env node
// `npm start`: both packages running in a real n8n against the local emulator, with demo data,
// credentials and the example workflows, in one command and without any account or internet
// beyond the npm registry. Ctrl-C stops everything it started.
//
//   npm start                  install (once, cached), build, pack, install, emulator, n8n
//   npm start -- --demo        instead run every example headless and print a table (= npm run demo)
//   npm start -- --rebuild     build and pack even if no source changed
//   npm start -- --fresh       forget the previous n8n data (.n8n-e2e/start) first
//
// Environment: N8N_PORT (5678), EMULATOR_PORT (5680), CRTCG_CACHE_DIR (~/.cache/crtcg-n8n),
// CRTCG_OWNER_EMAIL / CRTCG_OWNER_PASSWORD (the login it prints).
// @ts-check
import fs from 'node:fs';
import path from 'node:path';
import { SetupError, c, elapsedSinceStart, say } from './lib/console.mjs';
import { startEmulator } from './lib/emulator.mjs';
import { N8nSession } from './lib/n8n-rest.mjs';
import { n8nEnv, ownerPasswordHash, startN8n } from './lib/n8n.mjs';
import { buildAndPack, installPackages } from './lib/pack.mjs';
import { ProcessGroup } from './lib/processes.mjs';
import { ensureRuntime } from './lib/runtime-install.mjs';
import { CREDENTIALS, N8N_VERSION, NODE_TYPES, OWNER, PROJECT, ROOT, TRIGGER_WORKFLOW, WORK_DIR } from './lib/settings.mjs';
import { connectTrigger } from './lib/webhooks.mjs';
import { ensureThreadsTable, linkThreadsTable, THREADS_TABLE } from './lib/data-tables.mjs';
import { exampleFiles, importCredentialsAndWorkflows, readWorkflow } from './lib/workflows.mjs';

const args = new Set(process.argv.slice(2));
if (args.has('--help') || args.has('-h')) {
	say(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 12).join('\n').replace(/^\/\/ ?/gm, ''));
	process.exit(0);
}
if (args.has('--demo')) {
	await import('./demo.mjs');
} else {
	await main();
}

async function main() {
	const userFolder = path.join(WORK_DIR, 'start');
	const logs = path.join(userFolder, 'logs');
	if (args.has('--fresh')) fs.rmSync(path.join(userFolder, '.n8n'), { recursive: true, force: true });
	fs.mkdirSync(logs, { recursive: true });

	const group = new ProcessGroup();
	let stopping = false;
	group.handleSignals(() => {
		stopping = true;
		say(`\n${c.yellow('Stopping')} n8n and the emulator…`);
	});

	say(c.bold(`${PROJECT} — npm start`));
	try {
		const paths = await ensureRuntime();
		const packs = await buildAndPack({ force: args.has('--rebuild') });
		await installPackages(userFolder, packs);
		const emulator = await startEmulator(group, { logFile: path.join(logs, 'emulator.log'), echo: true, quiet: false });
		await importCredentialsAndWorkflows(paths, userFolder, emulator);
		const env = n8nEnv(userFolder, { ownerHash: ownerPasswordHash(paths) });
		const n8n = await startN8n(group, paths, userFolder, { logFile: path.join(logs, 'n8n.log'), echo: true, env });
		const session = new N8nSession(n8n.apiUrl);
		await session.login();
		// Example 07 remembers threads in an n8n Data Table: created once n8n runs, then 07 is active.
		await linkThreadsTable(session, TRIGGER_WORKFLOW.id, await ensureThreadsTable(session));
		// Common Room's side of example 07: the webhook and the workflows that post to the trigger.
		const webhook = await connectTrigger(emulator.url, n8n.url);

		// Prove what we print: the login works and n8n loaded both nodes.
		const types = (await session.get('/types/nodes.json')).body;
		if (!Array.isArray(types)) throw new SetupError('n8n did not list its node types (GET /types/nodes.json)');
		const loaded = Object.values(NODE_TYPES).filter((name) => types.some((t) => t.name === name));
		const tools = types.filter((t) => packs.some((pack) => t.name.startsWith(`${pack.name}.`)) && t.name.endsWith('Tool')).length;
		const workflows = exampleFiles().map(readWorkflow);

		say('');
		say(c.green(c.bold(`Ready in ${elapsedSinceStart()}.`)) + ' What this did:');
		say(`  • Node 24 and n8n ${N8N_VERSION} from the npm registry, cached in ${paths.n8nDir.replace(/\/n8n$/, '')}`);
		say(`  • built and packed both packages, installed the two tarballs in ${path.relative(ROOT, userFolder)}/.n8n/nodes (as a manual install does)`);
		say(`  • n8n loaded ${loaded.length}/${Object.keys(NODE_TYPES).length} nodes (${loaded.map((n) => n.split('.')[1]).join(', ')}) and ${tools} AI-tool variants`);
		say(`  • emulator of both APIs with demo data on ${emulator.url} (state: ${emulator.url}/__emulator/state)`);
		say(`  • credentials "${CREDENTIALS.commonRoom.name}" and "${CREDENTIALS.teamCommonGround.name}" point at it`);
		say(`  • ${workflows.length} example workflows imported (examples/), open them from the Overview page:`);
		say(`  • example 07 is active: the emulator's Common Room webhooks (New Contact, New Activity) post to ${webhook.url};`);
		say(`    it keeps which thread each activity started in the Data Table "${THREADS_TABLE.name}" (Overview > Data tables)`);
		for (const workflow of workflows) say(`      ${c.dim(`${n8n.url}/workflow/${workflow.id}`)}  ${workflow.name}`);
		say('');
		say(`  Open ${c.bold(n8n.url)} and sign in as ${c.bold(OWNER.email)} / ${c.bold(OWNER.password)}`);
		say(`  Logs: ${path.relative(ROOT, logs)}/. Press ${c.bold('Ctrl-C')} to stop n8n and the emulator.`);
		say('');

		/** @type {Promise<void>} */
		const exited = new Promise((resolve) => {
			n8n.child.on('exit', (code) => {
				if (stopping) return;
				say(c.red(`n8n exited (${code}); see ${path.relative(ROOT, logs)}/n8n.log`));
				resolve();
			});
			emulator.child.on('exit', (code) => {
				if (stopping) return;
				say(c.red(`the emulator exited (${code}); see ${path.relative(ROOT, logs)}/emulator.log`));
				resolve();
			});
		});
		await exited;
		await group.stopAll();
		process.exit(1);
	} catch (error) {
		say(`\n${c.red('npm start failed:')} ${error instanceof SetupError ? error.message : error.stack}`);
		await group.stopAll();
		process.exit(1);
	}
}
