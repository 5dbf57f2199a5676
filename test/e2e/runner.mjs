// @ts-check
// What the e2e phases share: a minimal check runner (no jest: one n8n for many checks,
// long-lived processes) and the headless run of the example workflows, each checked against
// what the emulator stored.
import assert from 'node:assert/strict';
import path from 'node:path';

import { c, say, seconds, stripAnsi } from '../../scripts/lib/console.mjs';
import { emulatorLog, emulatorReset, emulatorState } from '../../scripts/lib/emulator.mjs';
import { N8nSession } from '../../scripts/lib/n8n-rest.mjs';
import { n8nEnv, ownerPasswordHash, startN8n, waitForWebhooks } from '../../scripts/lib/n8n.mjs';
import { freePort } from '../../scripts/lib/ports.mjs';
import { N8N_VERSION, ROOT } from '../../scripts/lib/settings.mjs';
import { executeWorkflow, isManualWorkflow } from '../../scripts/lib/workflows.mjs';

/** @typedef {import('../../scripts/lib/emulator.mjs').EmulatorState} EmulatorState */
/** @typedef {import('../../scripts/lib/emulator.mjs').RequestLogEntry} RequestLogEntry */
/** @typedef {import('../../scripts/lib/workflows.mjs').ExecuteResult} ExecuteResult */
/** @typedef {import('../../scripts/lib/workflows.mjs').Workflow} Workflow */
/** @typedef {import('../../scripts/lib/runtime-install.mjs').RuntimePaths} RuntimePaths */
/** @typedef {import('./examples.mjs').ExampleCheck} ExampleCheck */
/** @typedef {(name: string, fn: () => unknown) => Promise<void>} Check */
/** @typedef {import('../../scripts/lib/processes.mjs').ProcessGroup} ProcessGroup */

const argv = process.argv.slice(2);
/** `--only=<substring>`: run only the checks whose name holds it. */
export const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const started = Date.now();

/** @type {Array<{ name: string, ok: boolean, error?: unknown }>} */
export const results = [];

/**
 * Runs one check and records it (skipped when --only does not match its name).
 * @type {Check}
 */
export async function check(name, fn) {
	if (only && !name.toLowerCase().includes(only.toLowerCase())) return;
	const t = Date.now();
	try {
		await fn();
		results.push({ name, ok: true });
		say(`  ${c.green('✓')} ${name} ${c.dim(`(${seconds(Date.now() - t)})`)}`);
	} catch (error) {
		results.push({ name, ok: false, error });
		say(`  ${c.red('✗')} ${name}`);
		/** @type {string} */
		const message = error?.stack && !(error instanceof assert.AssertionError) ? error.stack : error?.message ?? String(error);
		say(c.red(message.split('\n').map((line) => `      ${line}`).join('\n')));
	}
}

/**
 * Prints the tally and exits.
 * @param {string} logs the folder the logs are in
 * @param {number} [code] the exit code (default: 1 when a check failed)
 */
export function finish(logs, code) {
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	say('');
	if (failed) {
		say(c.red('Failed:'));
		for (const r of results.filter((x) => !x.ok)) say(c.red(`  ✗ ${r.name}`));
	}
	say(`e2e (n8n ${N8N_VERSION}) took ${seconds(Date.now() - started)}; logs in ${path.relative(ROOT, logs)}/`);
	say(`e2e: ${passed} passed, ${failed} failed`);
	process.exit(code ?? (failed ? 1 : 0));
}

/**
 * Every workflow with a Manual Trigger, run with `n8n execute` from the demo seed, then what the
 * emulator stored checked against what the example must leave.
 * @param {{ paths: RuntimePaths, userFolder: string, emulatorUrl: string, workflows: Workflow[], env: NodeJS.ProcessEnv, logs: string, checksById: Record<string, ExampleCheck[]>, label?: string }} run
 * @returns {Promise<string[]>} what `n8n execute` printed, per run
 */
export async function runExamplesHeadless({ paths, userFolder, emulatorUrl, workflows, env, logs, checksById, label = '' }) {
	/** @type {string[]} */
	const outputs = [];
	for (const workflow of workflows.filter(isManualWorkflow)) {
		const checks = checksById[workflow.id] ?? [];
		if (only && !checks.some((x) => `${label}${workflow.name}: ${x.name}`.toLowerCase().includes(only.toLowerCase()))) continue;
		const short = `${label}${workflow.name.split(':')[0]}`;
		/** @type {ExecuteResult | undefined} */
		let result;
		/** @type {EmulatorState} */
		let before;
		/** @type {EmulatorState} */
		let after;
		/** @type {RequestLogEntry[]} */
		let requests;
		await check(`${short}: n8n execute --id=${workflow.id} succeeds (${workflow.name.split(': ').slice(1).join(': ')})`, async () => {
			await emulatorReset(emulatorUrl);
			before = await emulatorState(emulatorUrl);
			result = await executeWorkflow(paths, userFolder, workflow.id, { env, logFile: path.join(logs, 'execute.log') });
			outputs.push(result.output);
			after = await emulatorState(emulatorUrl);
			requests = await emulatorLog(emulatorUrl);
			assert.equal(result.status, 'success', `status ${result.status}: ${result.error ?? ''}`);
			assert.ok(!Object.values(result.nodes).some((n) => n.error), 'a node reported an error');
		});
		for (const x of checks) {
			await check(`${short}: ${x.name}`, () => {
				assert.ok(result?.raw, 'the workflow did not run');
				return x.check(result, before, after, requests);
			});
		}
	}
	return outputs;
}

/**
 * Lines of `n8n execute` output that report an error or warning about either package.
 * @param {string[]} outputs
 */
export function packageWarnings(outputs) {
	return outputs
		.flatMap((out) => stripAnsi(out).split('\n'))
		.filter((line) => /\b(error|warn(ing)?)\b/i.test(line) && /commonroom|teamcommonground/i.test(line));
}

/**
 * The n8n of one phase, on ports of its own: `start()` starts it, logs in as the owner and waits
 * until the production `webhooks` (paths) answer; after a stop or a kill it starts it again on the
 * same database and port.
 * @param {{ paths: RuntimePaths, group: ProcessGroup, userFolder: string, logs: string, webhooks: string[] }} context
 */
export async function phaseN8n({ paths, group, userFolder, logs, webhooks }) {
	const port = await freePort();
	const env = n8nEnv(userFolder, { port, ownerHash: ownerPasswordHash(paths), extra: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) } });
	return async () => {
		const n8n = await startN8n(group, paths, userFolder, { port, logFile: path.join(logs, 'n8n.log'), env });
		const session = new N8nSession(n8n.apiUrl);
		await session.login();
		await waitForWebhooks(n8n.url, webhooks);
		return { n8n, session };
	};
}
