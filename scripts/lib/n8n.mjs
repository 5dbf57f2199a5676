// @ts-check
// n8n itself, as processes: its environment, one CLI command run to completion, and `n8n start`
// until the editor is ready. The REST API is in n8n-rest.mjs, the workflows in workflows.mjs.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { SetupError, c, seconds, step } from './console.mjs';
import { portInUse } from './ports.mjs';
import { baseEnv, pipeOutput } from './processes.mjs';
import { N8N_DIR } from './runtime-install.mjs';
import { N8N_MAJOR, N8N_PORT, N8N_VERSION, OWNER } from './settings.mjs';

/** @typedef {import('./runtime-install.mjs').RuntimePaths} RuntimePaths */
/** @typedef {import('./processes.mjs').ProcessGroup} ProcessGroup */

/**
 * What n8n 1.x needs instead of 2.x's defaults: the legacy expression engine (1.x's default, "vm",
 * needs isolated-vm, whose native build the install skips), the JS task runner switched on (2.x
 * always uses it; 1.x off by default), and no N8N_DISABLED_MODULES (1.x has no "mcp-registry"
 * module and refuses a name it does not know).
 * @type {Record<string, string>}
 */
const N8N_1X_ENV = { N8N_EXPRESSION_ENGINE: 'legacy', N8N_RUNNERS_ENABLED: 'true' };

/**
 * n8n's environment: no telemetry or calls home, the owner from env, Code nodes via the JS runner.
 * @param {string} userFolder
 * @param {{ ownerHash?: string, port?: number, logLevel?: string, extra?: Record<string, string> }} [options]
 */
export function n8nEnv(userFolder, { ownerHash, port = N8N_PORT, logLevel = 'info', extra = {} } = {}) {
	const env = baseEnv({
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: logLevel,
		// No telemetry, no calls home (the machine may have no internet at all).
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		...(N8N_MAJOR >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		// Community packages on, unverified ones allowed (this one is installed by hand).
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// Code nodes run in n8n's JS task runner, started by n8n itself (internal mode).
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(2 * 1024 * 1024 * 1024),
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '3',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		GENERIC_TIMEZONE: process.env.GENERIC_TIMEZONE || 'UTC',
		...(N8N_MAJOR < 2 ? N8N_1X_ENV : {}),
		...extra,
	});
	if (ownerHash) {
		// n8n 2.x reads the owner from these; 1.x ignores them and startN8n sets the owner up.
		Object.assign(env, {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerHash,
		});
	}
	return env;
}

/**
 * bcrypt hash of the owner's password, made with n8n's own bcryptjs.
 * @param {RuntimePaths} paths
 */
export function ownerPasswordHash(paths) {
	const result = spawnSync(
		paths.nodeBin,
		['-e', "process.stdout.write(require('bcryptjs').hashSync(process.argv[1], 10))", OWNER.password],
		{ cwd: N8N_DIR, encoding: 'utf8' },
	);
	if (result.status !== 0) throw new SetupError(`could not hash the owner password: ${result.stderr}`);
	return result.stdout.trim();
}

/** @typedef {{ code: number | null, stdout: string, stderr: string }} CliResult */

/**
 * Runs one n8n CLI command (import:*, execute, ...) to completion.
 * @param {RuntimePaths} paths
 * @param {string} userFolder
 * @param {string[]} args
 * @param {{ logFile?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<CliResult>}
 */
export function n8nCli(paths, userFolder, args, { logFile, env } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(paths.nodeBin, [paths.n8nMain, ...args], {
			cwd: userFolder,
			env: env ?? n8nEnv(userFolder),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('exit', (code) => {
			if (logFile) {
				fs.mkdirSync(path.dirname(logFile), { recursive: true });
				fs.appendFileSync(logFile, `\n$ n8n ${args.join(' ')}  (exit ${code})\n${stdout}${stderr}`);
			}
			resolve({ code, stdout, stderr });
		});
	});
}

/**
 * Starts `n8n start`; resolves once the editor answers and n8n says it is ready.
 * @param {ProcessGroup} group
 * @param {RuntimePaths} paths
 * @param {string} userFolder
 * @param {{ port?: number, logFile: string, echo?: boolean, env?: NodeJS.ProcessEnv }} options
 */
export async function startN8n(group, paths, userFolder, { port = N8N_PORT, logFile, echo = false, env }) {
	const s = step(`n8n ${N8N_VERSION} on http://localhost:${port}`);
	if (await portInUse(port)) {
		throw new SetupError(`Port ${port} is already in use (another n8n?). Stop it, or set N8N_PORT to a free port.`);
	}
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	fs.writeFileSync(logFile, '');
	const child = spawn(paths.nodeBin, [paths.n8nMain, 'start'], {
		cwd: userFolder,
		env: env ?? n8nEnv(userFolder, { port }),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	group.add('n8n', child, 30000);
	let migrations = 0;
	const output = pipeOutput(child, logFile, echo ? c.dim('[n8n] ') : false, (line) => {
		if (/^(Starting|Finished) migration/.test(line) || /^\[\w+\d{10,}\]/.test(line)) {
			if (line.startsWith('Finished')) migrations += 1;
			return false;
		}
		return line.trim() !== '';
	});
	const started = Date.now();
	/** @type {Promise<void>} */
	const ready = new Promise((resolve, reject) => {
		let done = false;
		/** @param {Error} [error] */
		const finish = (error) => {
			if (done) return;
			done = true;
			clearInterval(poll);
			clearTimeout(timer);
			if (error) reject(error);
			else resolve();
		};
		let editorLine = false;
		output.onLine((line) => {
			if (line.includes('Editor is now accessible')) editorLine = true;
		});
		const poll = setInterval(async () => {
			if (!editorLine) return;
			try {
				const response = await fetch(`http://127.0.0.1:${port}/healthz/readiness`);
				if (response.status === 200) finish();
			} catch {
				/* not yet */
			}
		}, 250);
		const timer = setTimeout(
			() => finish(new SetupError(`n8n did not become ready in 180 s; see ${logFile}`)),
			180000,
		);
		child.on('exit', (code) =>
			finish(new SetupError(`n8n exited (${code}) while starting. Last lines of ${logFile}:\n${output.lines.slice(-20).join('\n')}`)),
		);
	});
	await ready;
	const usedEnv = env ?? {};
	if (N8N_MAJOR < 2 && usedEnv.N8N_INSTANCE_OWNER_MANAGED_BY_ENV === 'true') await setUpOwner(`http://127.0.0.1:${port}`);
	s.done(`ready${migrations ? ` (${migrations} database migrations on first start)` : ''} in ${seconds(Date.now() - started)}`);
	return { url: `http://localhost:${port}`, apiUrl: `http://127.0.0.1:${port}`, child, output };
}

/**
 * n8n 1.x does not read the owner from the environment (2.x's N8N_INSTANCE_OWNER_*): it is set up
 * once, as the editor's first screen does, through POST /rest/owner/setup. An instance whose owner
 * is already set up answers 400, which is fine (its login is checked by whoever logs in).
 * @param {string} apiUrl
 */
async function setUpOwner(apiUrl) {
	const response = await fetch(`${apiUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': 'crtcg-setup' },
		body: JSON.stringify({ email: OWNER.email, firstName: OWNER.firstName, lastName: OWNER.lastName, password: OWNER.password }),
	});
	const text = await response.text();
	if (response.ok || (response.status === 400 && /already setup/i.test(text))) return;
	throw new SetupError(`n8n ${N8N_VERSION}: setting up the owner ${OWNER.email} failed: HTTP ${response.status} ${text}`);
}

/**
 * Waits until n8n answers for each production webhook path (`<webhookId>/webhook`, `orders`…).
 * "Editor is now accessible" does not mean the active workflows are: n8n 2.x registers their
 * webhooks in the background (its publication outbox), and until then a POST answers 404. A CORS
 * preflight (OPTIONS with an Origin) looks the path up as a POST would and runs nothing: 204 once
 * it is registered.
 * @param {string} n8nUrl
 * @param {string[]} paths
 * @param {number} [timeoutMs]
 */
export async function waitForWebhooks(n8nUrl, paths, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (const webhookPath of paths) {
		for (;;) {
			const response = await fetch(`${n8nUrl}/webhook/${webhookPath}`, {
				method: 'OPTIONS',
				headers: { origin: 'http://localhost', 'access-control-request-method': 'POST' },
			});
			if (response.status === 204) break;
			if (Date.now() > deadline) throw new SetupError(`n8n did not register POST /webhook/${webhookPath} within ${timeoutMs / 1000} s (preflight: HTTP ${response.status})`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
}
