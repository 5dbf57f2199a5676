#!/usr/bin/env node
// @ts-check
// `npm run demo` (or `npm start -- --demo`): every example workflow in examples/ executed once,
// headless, in the real n8n (`n8n execute`), against a fresh emulator with the demo data; then a
// table of what happened and what the emulator stored. Needs no browser and no free 5678/5680
// (it uses ports of its own), so it also runs beside `npm start`. `--n8n 1.123.81` runs them in that
// n8n (see scripts/lib/settings.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { SetupError, c, elapsedSinceStart, printTable, say, step } from './lib/console.mjs';
import { emulatorState, startEmulator, stateDelta } from './lib/emulator.mjs';
import { n8nEnv } from './lib/n8n.mjs';
import { buildAndPack, installPackages } from './lib/pack.mjs';
import { freePort } from './lib/ports.mjs';
import { ProcessGroup } from './lib/processes.mjs';
import { ensureRuntime } from './lib/runtime-install.mjs';
import { N8N_VERSION, VERSION_SUFFIX, WORK_DIR } from './lib/settings.mjs';
import { executeWorkflow, exampleFiles, importCredentialsAndWorkflows, isManualWorkflow, readWorkflow } from './lib/workflows.mjs';

/** One user folder per n8n version (`--n8n 1.123.81` → .n8n-e2e/demo-1.123.81). */
const userFolder = path.join(WORK_DIR, `demo${VERSION_SUFFIX}`);
const logs = path.join(userFolder, 'logs');
fs.mkdirSync(logs, { recursive: true });
const group = new ProcessGroup();
group.handleSignals(() => say(`\n${c.yellow('Stopping')}…`));

try {
	say(c.bold(`npm run demo: every example workflow once, headless, in n8n ${N8N_VERSION}, against the emulator`));
	const paths = await ensureRuntime();
	await installPackages(userFolder, await buildAndPack({ force: process.argv.includes('--rebuild') }));
	const emulator = await startEmulator(group, { port: await freePort(), logFile: path.join(logs, 'emulator.log') });
	await importCredentialsAndWorkflows(paths, userFolder, emulator);
	const env = n8nEnv(userFolder, { extra: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) } });

	const rows = [];
	let failed = 0;
	for (const file of exampleFiles()) {
		const workflow = readWorkflow(file);
		const label = workflow.name.length > 60 ? `${workflow.name.slice(0, 57)}…` : workflow.name;
		if (!isManualWorkflow(workflow)) {
			const why = workflow.nodes.some((node) => node.type === '@n8n/n8n-nodes-langchain.agent')
				? 'needs an LLM credential: open it in the editor (npm start)'
				: 'starts from a trigger: active under npm start, driven by npm run test:e2e';
			rows.push([label, 'not run', '-', why]);
			continue;
		}
		const s = step(`n8n execute --id=${workflow.id}  (${path.basename(file)})`);
		const before = await emulatorState(emulator.url);
		const result = await executeWorkflow(paths, userFolder, workflow.id, { env, logFile: path.join(logs, 'execute.log') });
		const after = await emulatorState(emulator.url);
		const ok = result.status === 'success';
		if (!ok) failed += 1;
		const perNode = Object.entries(result.nodes)
			.map(([name, node]) => `${name}: ${node.items}`)
			.join(', ');
		s.done(ok ? `success — items per node: ${perNode}` : c.red(`${result.status}: ${result.error}`));
		rows.push([label, ok ? c.green('success') : c.red(result.status), String(result.items), stateDelta(before, after)]);
	}
	say('');
	printTable(['workflow', 'status', 'items', 'emulator stored'], rows);
	const stateFile = path.join(userFolder, 'emulator-state.json');
	fs.writeFileSync(stateFile, JSON.stringify(await emulatorState(emulator.url), null, 2));
	say('');
	say(`Done in ${elapsedSinceStart()}. What the emulator holds now: ${path.relative(process.cwd(), stateFile)}; n8n's output: ${path.relative(process.cwd(), logs)}/execute.log`);
	await group.stopAll();
	process.exit(failed ? 1 : 0);
} catch (error) {
	say(`\n${c.red('demo failed:')} ${error instanceof SetupError ? error.message : error.stack}`);
	await group.stopAll();
	process.exit(1);
}
