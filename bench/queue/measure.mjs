// @ts-check
// One round of the benchmark and what it left behind: the executions POSTed to main's production
// webhook at once, then, once PostgreSQL says every execution has finished, the figures from three
// places — the emulator's request log (accepted and 429 per second), its store (lost and
// duplicated contacts) and n8n's own execution data in PostgreSQL (failed items, status).
import { createRequire } from 'node:module';
import path from 'node:path';

import { emulatorLog, emulatorState } from '../../scripts/lib/emulator.mjs';
import { N8N_DIR } from '../../scripts/lib/runtime-install.mjs';
import { pollUntil, psql } from './services.mjs';
import { SENDER_NODE, WEBHOOK_NODE, WEBHOOK_PATH, WORKFLOW_ID } from './workflow.mjs';

/** @typedef {import('./services.mjs').Postgres} Postgres */
/** @typedef {import('./workflow.mjs').RunBody} RunBody */
/** @typedef {import('../../scripts/lib/emulator.mjs').RequestLogEntry} RequestLogEntry */

/**
 * n8n stores an execution's data with `flatted` (JSON with shared references); n8n's own copy
 * reads it back.
 * @type {{ parse: (text: string) => any }}
 */
const flatted = createRequire(path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json'))('flatted');

/** Statuses of an execution that is over (n8n's ExecutionStatus). */
const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** The highest execution id so far, so a round's executions are the ones above it. @param {Postgres} pg */
export function lastExecutionId(pg) {
	return Number(psql(pg, 'SELECT COALESCE(MAX(id), 0) FROM execution_entity')[0][0]);
}

/**
 * The round's POSTs, all at once. With "respond immediately" main answers as soon as it has
 * enqueued the execution; what the workers then do is read from the database and the emulator.
 * @param {string} mainUrl
 * @param {RunBody[]} bodies
 */
export async function sendRound(mainUrl, bodies) {
	return Promise.all(
		bodies.map(async (body) => {
			const response = await fetch(`${mainUrl}/webhook/${WEBHOOK_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			return { run: body.run, status: response.status, answer: (await response.text()).slice(0, 200) };
		}),
	);
}

/**
 * Waits until `count` executions above `afterId` exist and are over.
 * @param {Postgres} pg
 * @param {number} afterId
 * @param {number} count
 * @param {number} timeoutMs
 */
export async function waitForExecutions(pg, afterId, count, timeoutMs) {
	const query = `SELECT id, status FROM execution_entity WHERE id > ${afterId} AND "workflowId" = '${WORKFLOW_ID}'`;
	let rows = /** @type {string[][]} */ ([]);
	const done = await pollUntil(
		() => {
			rows = psql(pg, query);
			return rows.length >= count && rows.every(([, status]) => FINISHED.has(status));
		},
		{ everyMs: 1000, timeoutMs },
	);
	return { done, ids: rows.map(([id]) => id).sort((a, b) => Number(a) - Number(b)) };
}

/**
 * One execution as PostgreSQL has it: status, times, the run number from the webhook's body,
 * and the Common Room node's output items, of which the failed ones carry `error`.
 * @param {Postgres} pg
 * @param {string} id
 */
export function readExecution(pg, id) {
	const [row] = psql(
		pg,
		`SELECT e.status, EXTRACT(EPOCH FROM e."startedAt") * 1000, EXTRACT(EPOCH FROM e."stoppedAt") * 1000, d.data
		 FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id WHERE e.id = ${Number(id)}`,
	);
	if (!row) return { id, status: 'missing', run: null, startedAt: null, seconds: null, items: 0, failed: 0, firstError: 'no execution data' };
	const [status, startedMs, stoppedMs, data] = row;
	const runData = flatted.parse(data)?.resultData ?? {};
	/** @param {string} node @returns {any[]} */
	const itemsOf = (node) => runData.runData?.[node]?.at(-1)?.data?.main?.flat().filter(Boolean) ?? [];
	const items = itemsOf(SENDER_NODE);
	const failed = items.filter((item) => item?.json && 'error' in item.json);
	const error = failed[0]?.json?.error ?? runData.error?.message ?? null;
	return {
		id,
		status,
		run: itemsOf(WEBHOOK_NODE)[0]?.json?.body?.run ?? null,
		startedAt: startedMs ? new Date(Number(startedMs)).toISOString() : null,
		seconds: startedMs && stoppedMs ? Math.round(Number(stoppedMs) - Number(startedMs)) / 1000 : null,
		items: items.length,
		failed: failed.length,
		firstError: error === null ? null : String(typeof error === 'object' ? error.message ?? JSON.stringify(error) : error).slice(0, 200),
	};
}

/** @typedef {ReturnType<typeof readExecution>} ExecutionFigures */

/** An upsert of a contact: POST /source/{id}/user. @param {RequestLogEntry} entry */
const isUpsert = (entry) => entry.service === 'commonRoom' && entry.method === 'POST' && /\/source\/[^/]+\/user$/.test(entry.path.split('?')[0]);
/** @param {RequestLogEntry} entry */
const isAccepted = (entry) => typeof entry.status === 'number' && entry.status >= 200 && entry.status < 300;

/**
 * The emulator's request log of one round. The busy span runs from the first to the last
 * accepted request's arrival; n accepted arrivals span n − 1 intervals, so the accepted rate is
 * (n − 1) ÷ span (as bench:n8n's ratio). The series (perSecond.accepted[i], …) count arrivals
 * in whole second i after the round's first request.
 * @param {RequestLogEntry[]} entries
 * @param {number} limitPerSecond
 */
export function summariseRequests(entries, limitPerSecond) {
	const upserts = entries.filter(isUpsert).map((e) => ({ ...e, at: Date.parse(e.startedAt) }));
	const accepted = upserts.filter(isAccepted).map((e) => e.at).sort((a, b) => a - b);
	const rejected429 = upserts.filter((e) => e.status === 429).length;
	/** @type {Record<string, number>} */
	const otherStatuses = {};
	for (const e of upserts) if (!isAccepted(e) && e.status !== 429) otherStatuses[String(e.status)] = (otherStatuses[String(e.status)] ?? 0) + 1;
	const spanMs = accepted.length >= 2 ? accepted[accepted.length - 1] - accepted[0] : 0;
	const first = upserts.length ? Math.min(...upserts.map((e) => e.at)) : 0;
	const last = upserts.length ? Math.max(...upserts.map((e) => e.at)) : 0;
	const seconds = upserts.length ? Math.floor((last - first) / 1000) + 1 : 0;
	const perSecond = { accepted: Array(seconds).fill(0), rejected429: Array(seconds).fill(0), other: Array(seconds).fill(0) };
	for (const e of upserts) {
		const slot = Math.floor((e.at - first) / 1000);
		if (isAccepted(e)) perSecond.accepted[slot] += 1;
		else if (e.status === 429) perSecond.rejected429[slot] += 1;
		else perSecond.other[slot] += 1;
	}
	const acceptedPerSecond = spanMs > 0 ? (accepted.length - 1) / (spanMs / 1000) : null;
	return {
		requests: upserts.length,
		accepted: accepted.length,
		rejected429,
		share429: upserts.length ? rejected429 / upserts.length : 0,
		otherStatuses,
		otherRequests: entries.length - upserts.length,
		firstRequestAt: upserts.length ? new Date(first).toISOString() : null,
		busySpanSeconds: spanMs / 1000,
		acceptedPerSecond,
		ratioToLimit: acceptedPerSecond === null ? null : acceptedPerSecond / limitPerSecond,
		perSecond,
	};
}

/**
 * Lost and duplicated contacts from the emulator's store: a contact sent but not stored is lost;
 * the store counts the accepted upserts of each contact (upsertCount; a 429 is refused before it
 * writes), so every count above 1 is a contact written twice. The request log cannot tell (it
 * holds no bodies).
 * @param {string} emulatorUrl
 * @param {RunBody[]} bodies
 */
export async function storedOutcome(emulatorUrl, bodies) {
	const sent = new Set(bodies.flatMap((b) => b.contacts.map((c) => c.email)));
	const counts = new Map();
	for (const contact of (await emulatorState(emulatorUrl)).commonRoom.contacts ?? []) {
		const email = String(contact.email ?? contact.id).toLowerCase();
		if (sent.has(email)) counts.set(email, (counts.get(email) ?? 0) + Number(contact.upsertCount ?? 1));
	}
	const duplicated = [...counts].filter(([, n]) => n > 1);
	return {
		sent: sent.size,
		stored: counts.size,
		lost: sent.size - counts.size,
		duplicates: duplicated.reduce((sum, [, n]) => sum + n - 1, 0),
		duplicatedExamples: duplicated.slice(0, 5).map(([email, n]) => `${email} ×${n}`),
	};
}

/** @param {string} emulatorUrl @param {number} limitPerSecond */
export async function roundRequests(emulatorUrl, limitPerSecond) {
	return summariseRequests(await emulatorLog(emulatorUrl), limitPerSecond);
}
