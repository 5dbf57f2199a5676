// @ts-check
// The local emulator of both APIs: started in a child process (emulator-child.cjs) with the demo
// seed, and its control endpoints (/__emulator/state, /reset, /log), plus a short summary of what
// a run stored.
import { spawn } from 'node:child_process';
import path from 'node:path';

import { SetupError, c, step } from './console.mjs';
import { portInUse } from './ports.mjs';
import { baseEnv, pipeOutput } from './processes.mjs';
import { EMULATOR_PORT, ROOT } from './settings.mjs';

/** @typedef {import('./processes.mjs').ProcessGroup} ProcessGroup */
/**
 * @typedef {object} EmulatorInfo what the emulator child reports once it listens
 * @property {string} url
 * @property {number} port
 * @property {string} commonRoomBaseUrl
 * @property {string} teamCommonGroundBaseUrl
 * @property {{ commonRoom: string, teamCommonGround: string }} tokens
 */
/** @typedef {Record<string, any>} StoredRecord a record as /__emulator/state shows it (JSON) */
/** @typedef {Record<'commonRoom' | 'teamCommonGround', Record<string, StoredRecord[]>>} EmulatorState */
/**
 * @typedef {object} RequestLogEntry one API request in /__emulator/log (emulator/types.ts)
 * @property {'commonRoom' | 'teamCommonGround' | 'unknown'} service
 * @property {string} method
 * @property {string} path with the query string
 * @property {number | 'reset' | 'hang'} status
 * @property {string} startedAt
 * @property {number} durationMs
 * @property {string} [fault]
 * @property {unknown} [body] the request's JSON body
 */

/**
 * Starts the emulator (demo seed) in a child process; resolves with its URLs and tokens.
 * `options` (emulator/types.ts EmulatorOptions: rate limits, latency, seed) are passed through to it,
 * so a benchmark can start one at 20/s with 800 ms latency.
 * @param {ProcessGroup} group
 * @param {{ port?: number, logFile: string, echo?: boolean, quiet?: boolean, options?: Record<string, unknown> }} settings
 */
export async function startEmulator(group, { port = EMULATOR_PORT, logFile, echo = false, quiet = true, options = {} }) {
	const s = step(`Emulator of both APIs on http://127.0.0.1:${port}`);
	if (await portInUse(port)) {
		throw new SetupError(
			`Port ${port} is already in use (another emulator or npm start?). Stop it, or set EMULATOR_PORT to a free port.`,
		);
	}
	const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'lib', 'emulator-child.cjs')], {
		cwd: ROOT,
		env: baseEnv({ CRTCG_EMULATOR_OPTIONS: JSON.stringify({ ...options, port, quiet }) }),
		stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
		detached: true,
	});
	group.add('emulator', child, 5000);
	const output = pipeOutput(child, logFile, echo ? c.dim('[emulator] ') : false);
	/** @type {EmulatorInfo} */
	const info = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new SetupError(`the emulator did not start in 60 s; see ${logFile}`)), 60000);
		child.on('message', (/** @type {any} */ message) => {
			if (message.type === 'ready') {
				clearTimeout(timer);
				resolve(message);
			} else if (message.type === 'error') {
				clearTimeout(timer);
				reject(new SetupError(`the emulator failed to start: ${message.message}`));
			}
		});
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new SetupError(`the emulator exited (${code}) while starting:\n${output.lines.slice(-15).join('\n')}`));
		});
	});
	s.done(`Common Room ${info.commonRoomBaseUrl}, Team Common Ground ${info.teamCommonGroundBaseUrl}`);
	return { ...info, child };
}

/**
 * @param {string} emulatorUrl
 * @returns {Promise<EmulatorState>}
 */
export async function emulatorState(emulatorUrl) {
	const response = await fetch(`${emulatorUrl}/__emulator/state`);
	if (!response.ok) throw new Error(`GET /__emulator/state: HTTP ${response.status}`);
	return /** @type {EmulatorState} */ (await response.json());
}

/** @param {string} emulatorUrl */
export async function emulatorReset(emulatorUrl) {
	const response = await fetch(`${emulatorUrl}/__emulator/reset`, { method: 'POST' });
	if (!response.ok) throw new Error(`POST /__emulator/reset: HTTP ${response.status}`);
}

/**
 * @param {string} emulatorUrl
 * @returns {Promise<RequestLogEntry[]>}
 */
export async function emulatorLog(emulatorUrl) {
	const response = await fetch(`${emulatorUrl}/__emulator/log`);
	return /** @type {{ entries: RequestLogEntry[] }} */ (await response.json()).entries;
}

/** @param {string} emulatorUrl */
export async function emulatorClearLog(emulatorUrl) {
	const response = await fetch(`${emulatorUrl}/__emulator/log`, { method: 'DELETE' });
	if (!response.ok) throw new Error(`DELETE /__emulator/log: HTTP ${response.status}`);
}

/**
 * A workspace admin adds a Common Room custom field (emulator/README.md "Control endpoints").
 * @param {string} emulatorUrl
 * @param {{ name: string, type: string, multivalue?: boolean, values?: string[] }} field
 * @returns {Promise<{ id: number, name: string }>}
 */
export async function emulatorAddCustomField(emulatorUrl, field) {
	const response = await fetch(`${emulatorUrl}/__emulator/commonRoom/customFields`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(field),
	});
	const body = /** @type {{ error?: string, field: { id: number, name: string } }} */ (await response.json());
	if (!response.ok) throw new Error(`POST /__emulator/commonRoom/customFields: HTTP ${response.status} ${body.error ?? ''}`);
	return body.field;
}

/**
 * Short "what the emulator stored" from two /__emulator/state snapshots: records created and
 * records changed (an upsert of an existing contact counts as updated).
 * @param {EmulatorState} before
 * @param {EmulatorState} after
 */
export function stateDelta(before, after) {
	/** @type {string[]} */
	const parts = [];
	/**
	 * @param {string} label
	 * @param {keyof EmulatorState} service
	 * @param {string} key
	 * @param {(record: StoredRecord) => unknown} keyOf
	 * @param {(previous: StoredRecord, record: StoredRecord) => boolean} changed
	 */
	const compare = (label, service, key, keyOf, changed) => {
		const old = new Map((before?.[service]?.[key] ?? []).map((r) => [keyOf(r), r]));
		let created = 0;
		let updated = 0;
		for (const record of after?.[service]?.[key] ?? []) {
			const previous = old.get(keyOf(record));
			if (!previous) created += 1;
			else if (changed(previous, record)) updated += 1;
		}
		const bits = [];
		if (created) bits.push(`${created} new`);
		if (updated) bits.push(`${updated} updated`);
		if (bits.length) parts.push(`${bits.join(', ')} ${label}`);
	};
	/** @param {StoredRecord} a @param {StoredRecord} b */
	const upserted = (a, b) => a.updatedAt !== b.updatedAt || a.upsertCount !== b.upsertCount;
	compare('CR contacts', 'commonRoom', 'contacts', (r) => `${r.sourceId}/${r.id}`, upserted);
	compare('CR activities', 'commonRoom', 'activities', (r) => `${r.sourceId}/${r.id}/${r.activityType}`, upserted);
	compare('CR tags', 'commonRoom', 'tags', (r) => r.id, (a, b) => JSON.stringify(a) !== JSON.stringify(b));
	compare('TCG activities', 'teamCommonGround', 'activities', (r) => r.id, () => false);
	compare('TCG clients', 'teamCommonGround', 'clients', (r) => r.id, (a, b) => JSON.stringify(a) !== JSON.stringify(b));
	return parts.join('; ') || 'nothing (no request: computed locally)';
}
