// @ts-check
// One run: the emulator reset (fresh store, fresh rate-limit buckets, empty request log), n8n's
// CPU read, the contacts POSTed to the workflow's webhook, which answers once the workflow has
// run with every item of its last node; then n8n's CPU again once it is quiet, and what the
// emulator saw.
import { setTimeout as sleep } from 'node:timers/promises';

import { emulatorLog, emulatorReset, emulatorState } from '../../scripts/lib/emulator.mjs';
import { cpuBetween, machineBusyShare, machineCpu, snapshotTree } from './cpu.mjs';

/** @typedef {import('./workflows.mjs').Sender} Sender */
/** @typedef {import('./workflows.mjs').Contact} Contact */
/** @typedef {import('../../scripts/lib/emulator.mjs').RequestLogEntry} RequestLogEntry */
/** @typedef {{ emulatorUrl: string, n8nApiUrl: string, n8nPid: number, limitPerSecond: number }} Target */

/**
 * Waits until n8n (all its processes) used at most `maxCpuMs` in each of `windows` windows of
 * `windowMs` in a row, so a run starts and ends on an idle n8n: what a run leaves behind (saving
 * the execution after the webhook has answered) is counted in that run, not in the next.
 * @param {number} pid
 * @returns {Promise<{ quiet: boolean, cpuMsPerSecond: number }>} quiet false when `timeoutMs`
 *   passed first; cpuMsPerSecond: n8n's CPU over the last quiet windows (its idle rate)
 */
export async function waitUntilQuiet(pid, { windowMs = 500, maxCpuMs = 20, windows = 1, timeoutMs = 10000 } = {}) {
	const started = Date.now();
	/** @type {number[]} */
	let quietWindows = [];
	let before = snapshotTree(pid);
	while (quietWindows.length < windows) {
		if (Date.now() - started > timeoutMs) break;
		await sleep(windowMs);
		const now = snapshotTree(pid);
		const used = cpuBetween(before, now);
		quietWindows = used.totalMs <= maxCpuMs ? [...quietWindows, used.totalMs / (used.wallMs / 1000)] : [];
		before = now;
	}
	const mean = quietWindows.length ? quietWindows.reduce((a, b) => a + b, 0) / quietWindows.length : NaN;
	return { quiet: quietWindows.length >= windows, cpuMsPerSecond: mean };
}

/**
 * n8n 2.41 does some work of its own in the first half minute after it is ready (seen here as
 * bursts of 0.3 – 0.8 s of CPU about 13 and 22 s after start, with nothing in its debug log):
 * wait until `afterReadyMs` have passed and then 5 quiet seconds in a row, before any run. Those
 * 5 s give n8n's idle CPU rate (timers, the task runner's heartbeat): a 25 s run holds ≈ 24 s
 * more of it than the 1 s baseline.
 * @param {number} pid
 * @param {number} readyAt
 */
export async function waitForStartupWork(pid, readyAt, afterReadyMs = 30000) {
	await sleep(Math.max(0, readyAt + afterReadyMs - Date.now()));
	return waitUntilQuiet(pid, { windowMs: 1000, maxCpuMs: 50, windows: 5, timeoutMs: 90000 });
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
	const machineBefore = machineCpu();
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
	const machineBusy = machineBusyShare(machineBefore, machineCpu());

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
		/** The share of all cores busy during the run, n8n and everything else on the machine. */
		machineBusy,
		cpuVanishedPids: cpu.vanished,
		...(sender.kind === 'empty' ? { stored: 0, duplicates: 0 } : await storedContacts(target.emulatorUrl, contacts)),
	};
}

/** @typedef {Awaited<ReturnType<typeof measureRun>>} RunResult */
