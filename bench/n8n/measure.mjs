// @ts-check
// One run: the emulator reset (fresh store, fresh rate-limit buckets, empty request log), n8n's
// CPU read, the contacts POSTed to the workflow's webhook, which answers once the workflow has
// run with every item of its last node; then n8n's CPU again once it is quiet, and what the
// emulator saw.
import { setTimeout as sleep } from 'node:timers/promises';

import { emulatorLog, emulatorReset, emulatorState } from '../../scripts/lib/emulator.mjs';
import { cpuBetween, snapshotTree } from './cpu.mjs';

/** @typedef {import('./workflows.mjs').Sender} Sender */
/** @typedef {import('./workflows.mjs').Contact} Contact */
/** @typedef {import('../../scripts/lib/emulator.mjs').RequestLogEntry} RequestLogEntry */
/** @typedef {{ emulatorUrl: string, n8nApiUrl: string, n8nPid: number, limitPerSecond: number }} Target */

/**
 * Waits until n8n (all its processes) used at most `maxCpuMs` in a `windowMs` window, so a run
 * starts and ends on an idle n8n: what a run leaves behind (saving the execution after the
 * webhook has answered, garbage collection) is counted in that run, not in the next.
 * @param {number} pid
 */
export async function waitUntilQuiet(pid, { windowMs = 500, maxCpuMs = 20, timeoutMs = 10000 } = {}) {
	const started = Date.now();
	for (;;) {
		const before = snapshotTree(pid);
		await sleep(windowMs);
		const used = cpuBetween(before, snapshotTree(pid)).totalMs;
		if (used <= maxCpuMs || Date.now() - started > timeoutMs) return;
	}
}

/** An upsert of a contact: POST /source/{id}/user. @param {RequestLogEntry} entry */
const isUpsert = (entry) => entry.service === 'commonRoom' && entry.method === 'POST' && /\/source\/[^/]+\/user$/.test(entry.path.split('?')[0]);
/** @param {RequestLogEntry} entry */
const accepted = (entry) => typeof entry.status === 'number' && entry.status >= 200 && entry.status < 300;

/**
 * The emulator's view of a run. `ratioToLimit` = (accepted upserts − 1) ÷ (last − first accepted
 * arrival) ÷ the limit: the pace while sending, as bench/README.md's `sendingRatioToLimit`
 * (n accepted arrivals span n − 1 intervals).
 * @param {RequestLogEntry[]} entries
 * @param {number} limitPerSecond
 */
export function summariseLog(entries, limitPerSecond) {
	const upserts = entries.filter(isUpsert);
	const ok = upserts.filter(accepted);
	const arrivals = ok.map((e) => Date.parse(e.startedAt)).sort((a, b) => a - b);
	const spanMs = arrivals.length >= 2 ? arrivals[arrivals.length - 1] - arrivals[0] : 0;
	const starts = upserts.map((e) => Date.parse(e.startedAt));
	const ends = upserts.map((e) => Date.parse(e.startedAt) + e.durationMs);
	/** @type {Record<string, number>} */
	const otherStatuses = {};
	for (const e of upserts) {
		if (accepted(e) || e.status === 429) continue;
		otherStatuses[String(e.status)] = (otherStatuses[String(e.status)] ?? 0) + 1;
	}
	return {
		requests: upserts.length,
		accepted: ok.length,
		received429: upserts.filter((e) => e.status === 429).length,
		otherStatuses,
		otherRequests: entries.length - upserts.length,
		sendingSpanSeconds: spanMs / 1000,
		ratioToLimit: spanMs > 0 ? (ok.length - 1) / (spanMs / 1000) / limitPerSecond : null,
		firstArrivalMs: starts.length ? Math.min(...starts) : null,
		lastAnswerMs: ends.length ? Math.max(...ends) : null,
	};
}

/**
 * Items of the sender's output that are Continue On Fail error items (both nodes put the error
 * under `error`), and how many of them are rate-limit errors.
 * @param {any[]} items
 */
function failuresOf(items) {
	const failed = items.filter((item) => item && typeof item === 'object' && 'error' in item);
	const rateLimited = failed.filter((item) => /429|too many requests|spacing your requests/i.test(JSON.stringify(item)));
	const first = failed[0]?.error;
	return {
		failed: failed.length,
		failedRateLimited: rateLimited.length,
		firstError: first === undefined ? null : String(typeof first === 'object' ? first.message ?? JSON.stringify(first) : first).slice(0, 200),
	};
}

/**
 * Contacts of this run in the emulator's store, and upserts applied beyond one per contact.
 * @param {string} emulatorUrl
 * @param {Contact[]} contacts
 */
async function storedContacts(emulatorUrl, contacts) {
	const wanted = new Set(contacts.map((c) => c.email));
	const stored = (await emulatorState(emulatorUrl)).commonRoom.contacts.filter((c) => wanted.has(String(c.email ?? c.id)));
	return {
		stored: new Set(stored.map((c) => String(c.email ?? c.id))).size,
		duplicates: stored.reduce((sum, c) => sum + Math.max(0, (c.upsertCount ?? 1) - 1), 0),
	};
}

/**
 * @param {Target} target
 * @param {Sender} sender
 * @param {Contact[]} contacts
 * @param {number} latencyMs for the record
 */
export async function measureRun(target, sender, contacts, latencyMs) {
	await emulatorReset(target.emulatorUrl);
	await waitUntilQuiet(target.n8nPid);
	const before = snapshotTree(target.n8nPid);
	const started = Date.now();
	const response = await fetch(`${target.n8nApiUrl}/webhook/${sender.webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ contacts }),
	});
	const text = await response.text();
	const answeredAt = Date.now();
	await waitUntilQuiet(target.n8nPid);
	const cpu = cpuBetween(before, snapshotTree(target.n8nPid));

	/** @type {any[]} */
	let items = [];
	let webhookError = null;
	try {
		const parsed = JSON.parse(text);
		items = Array.isArray(parsed) ? parsed : [parsed];
	} catch {
		webhookError = `HTTP ${response.status}: ${text.slice(0, 200)}`;
	}
	if (!response.ok) webhookError = `HTTP ${response.status}: ${text.slice(0, 200)}`;
	const log = summariseLog(await emulatorLog(target.emulatorUrl), target.limitPerSecond);
	const failures = failuresOf(items);
	return {
		key: sender.key,
		kind: sender.kind,
		label: sender.label,
		latencyMs,
		contacts: contacts.length,
		outputItems: items.length,
		...failures,
		webhookError,
		...log,
		firstRequestAfterSeconds: log.firstArrivalMs === null ? null : (log.firstArrivalMs - started) / 1000,
		wallSeconds: (answeredAt - started) / 1000,
		cpuMs: cpu.totalMs,
		/** From the CPU reading before the run to the one after it (the quiet waits included). */
		cpuWindowSeconds: cpu.wallMs / 1000,
		cpuByProcess: cpu.byProcess.filter((p) => p.cpuMs > 0),
		cpuVanishedPids: cpu.vanished,
		...(sender.kind === 'empty' ? { stored: 0, duplicates: 0 } : await storedContacts(target.emulatorUrl, contacts)),
	};
}

/** @typedef {Awaited<ReturnType<typeof measureRun>>} RunResult */

/**
 * n8n's own CPU while nothing runs, per second (timers, its database, the task runner's
 * heartbeat): over a 25 s run it adds idle × 25 s to that run's CPU beside the baseline's.
 * @param {number} pid
 */
export async function idleCpuPerSecond(pid, seconds = 5) {
	const before = snapshotTree(pid);
	await sleep(seconds * 1000);
	const used = cpuBetween(before, snapshotTree(pid));
	return used.totalMs / (used.wallMs / 1000);
}
