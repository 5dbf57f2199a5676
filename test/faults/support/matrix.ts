/**
 * The fault matrix harness: one bulk run (N items, Continue On Fail, through n8n-core's real
 * WorkflowExecute) against the emulator while a fault is injected mid-run, then the run is
 * checked against what the emulator stored and logged.
 *
 * Items are recognisable in the emulator's store: a Common Room contact's id is its email
 * (`fault-<i>@matrix.test`), a Team Common Ground activity's message is `matrix item <i>`.
 */
import type { ICredentialDataDecryptedObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Emulator, FaultSpec, RequestLogEntry } from '../../../emulator';
import { resetLimiters } from '../../../packages/shared/transport/limiterRegistry';
import { node, runWorkflow } from '../../engine';

export type NodeKind = 'commonRoom' | 'teamCommonGround';

export const NODE_NAMES: Record<NodeKind, string> = {
	commonRoom: 'Common Room',
	teamCommonGround: 'Team Common Ground',
};

export const CR_SOURCE_ID = '12345';
/** What a user sets under Options > Max Concurrency for a bulk sync. */
export const MAX_CONCURRENCY = 10;

export interface FaultPlan {
	/** Row label in the table. */
	name: string;
	/** Injected (target = the node's service, POST to the write path only) once `injectAt` writes were logged. */
	faults?: FaultSpec[];
	/** Default 100: the fault hits a run in full flow, with requests in flight. */
	injectAt?: number;
	/** Restart the emulator (down for `downMs`) once `at` writes were logged. */
	restart?: { at: number; downMs: number };
	/** The node's Timeout option, in seconds (unset = the node's default). */
	timeoutSeconds?: number;
}

/** What a failed item's message says, as a user would read it. */
export type FailureKind =
	| 'may-have-been-created'
	| 'rate-limited'
	| 'server-error'
	| 'timeout'
	| 'connection-dropped'
	| 'refused'
	| 'unclear';

const FAILURE_PATTERNS: Array<[FailureKind, RegExp]> = [
	['may-have-been-created', /may or may not have been created/],
	['rate-limited', /kept answering "too many requests" \(HTTP 429\)/],
	['server-error', /had a server error \(HTTP \d{3}\)/],
	['timeout', /did not answer within \d/],
	['connection-dropped', /connection to .+ dropped before its answer arrived/],
	['refused', /^Could not connect to /],
];

export function failureKind(message: string): FailureKind {
	return FAILURE_PATTERNS.find(([, pattern]) => pattern.test(message))?.[0] ?? 'unclear';
}

export interface ItemReport {
	index: number;
	ok: boolean;
	/** TCG: the activity id the output reports. */
	activityId?: string;
	error?: string;
	description?: string;
	kind?: FailureKind;
	/** How many times the emulator stored this item (0, 1, or more = duplicate). */
	storedTimes: number;
	/** The stored activity's id (TCG), to compare with the output. */
	storedIds: string[];
}

export interface Outcome {
	node: NodeKind;
	fault: string;
	items: number;
	/** Write requests the server saw (every attempt that reached it, faulted ones included). */
	sent: number;
	/** Of those, answered 429 (refused by the rate limit: nothing processed). */
	rateLimited: number;
	/** Writes the server saw that were not 429s: each one may have been applied. */
	mayHaveApplied: number;
	/** Writes the server ended with a 5xx, a connection reset or no answer (faulted). */
	ambiguous: number;
	stored: number;
	duplicates: number;
	failures: number;
	failureKinds: Partial<Record<FailureKind, number>>;
	wallMs: number;
	reports: ItemReport[];
	runError?: string;
	outputLength: number;
	pairingBroken: number[];
	/** Extra upserts of the same contact (CR re-sends after an answer was lost; harmless). */
	extraWrites: number;
}

function writesOf(emulator: Emulator, kind: NodeKind): RequestLogEntry[] {
	return emulator
		.log()
		.filter((entry) =>
			kind === 'commonRoom'
				? entry.service === 'commonRoom' && entry.method === 'POST' && entry.path.includes('/source/')
				: entry.service === 'teamCommonGround' && entry.method === 'POST' && entry.path.startsWith('/v1/activities'),
		);
}

export function writePath(kind: NodeKind): string {
	return kind === 'commonRoom' ? `/source/${CR_SOURCE_ID}/user` : '/v1/activities';
}

function parameters(kind: NodeKind, plan: FaultPlan): INodeParameters {
	const options: INodeParameters = { maxConcurrency: MAX_CONCURRENCY };
	if (plan.timeoutSeconds !== undefined) options.timeout = plan.timeoutSeconds;
	if (kind === 'commonRoom') {
		return {
			resource: 'contact',
			operation: 'upsert',
			destinationSourceId: CR_SOURCE_ID,
			fieldsToSend: 'defineBelow',
			email: '={{ $json.email }}',
			additionalFields: { fullName: '={{ $json.name }}', companyName: 'Matrix Inc' },
			options,
		};
	}
	return {
		resource: 'activity',
		operation: 'create',
		activityType: 'note',
		source: 'my-crm',
		clientMode: 'identify',
		clientEmail: '={{ $json.clientEmail }}',
		message: '={{ $json.message }}',
		options,
	};
}

function input(kind: NodeKind, count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) =>
		kind === 'commonRoom'
			? { json: { email: `fault-${i}@matrix.test`, name: `Matrix Item ${i}` } }
			: { json: { clientEmail: 'john@example.com', message: `matrix item ${i}` } },
	);
}

function credentials(kind: NodeKind, emulator: Emulator): Record<string, ICredentialDataDecryptedObject> {
	return kind === 'commonRoom'
		? { commonRoomApi: { apiToken: emulator.tokens.commonRoom, baseUrl: emulator.commonRoomBaseUrl } }
		: { teamCommonGroundApi: { apiKey: emulator.tokens.teamCommonGround, baseUrl: emulator.teamCommonGroundBaseUrl } };
}

/** index → stored ids, from the emulator's store. */
function storedByItem(emulator: Emulator, kind: NodeKind): Map<number, string[]> {
	const byItem = new Map<number, string[]>();
	const add = (index: number, id: string) => byItem.set(index, [...(byItem.get(index) ?? []), id]);
	if (kind === 'commonRoom') {
		for (const contact of emulator.state.commonRoom.contacts()) {
			const match = /^fault-(\d+)@matrix\.test$/.exec(contact.id);
			if (match && String(contact.sourceId) === CR_SOURCE_ID) add(Number(match[1]), contact.id);
		}
	} else {
		for (const activity of emulator.state.teamCommonGround.activities()) {
			const match = /^matrix item (\d+)$/.exec(activity.message ?? '');
			if (match) add(Number(match[1]), activity.id);
		}
	}
	return byItem;
}

function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = item.pairedItem;
	if (typeof paired === 'number') return paired;
	if (Array.isArray(paired)) return paired.length === 1 ? paired[0].item : undefined;
	return paired?.item;
}

/**
 * A fresh start for the next scenario: the transport's limiters are process-wide (one per
 * credential, as in a real n8n process), so a scenario would otherwise inherit the rate the
 * previous one learned or was cut to. Call before starting runs, never during one.
 */
export function freshProcessLimiters(): void {
	resetLimiters();
}

/** Runs `items` items through the node while the plan's fault happens; measures, does not assert. */
export async function runPlan(emulator: Emulator, kind: NodeKind, plan: FaultPlan, items: number): Promise<Outcome> {
	emulator.reset();
	const service = kind;
	let injected = false;
	let restarted: Promise<void> | undefined;
	const poll = setInterval(() => {
		const writes = writesOf(emulator, kind).length;
		if (!injected && plan.faults && writes >= (plan.injectAt ?? 100)) {
			injected = true;
			emulator.injectFaults(
				service,
				...plan.faults.map((fault) => ({ method: 'POST', pathIncludes: writePath(kind), ...fault })),
			);
		}
		if (!restarted && plan.restart && writes >= plan.restart.at) {
			restarted = emulator.restart(plan.restart.downMs);
		}
	}, 5);

	const startedAt = Date.now();
	let result: Awaited<ReturnType<typeof runWorkflow>>;
	try {
		result = await runWorkflow({
			nodes: [node(kind, parameters(kind, plan), { onError: 'continueRegularOutput' })],
			input: input(kind, items),
			credentials: credentials(kind, emulator),
		});
	} finally {
		clearInterval(poll);
	}
	const wallMs = Date.now() - startedAt;
	await restarted;

	const runError = result.error();
	let output: INodeExecutionData[] = [];
	try {
		output = result.output(NODE_NAMES[kind]);
	} catch {
		output = [];
	}
	const stored = storedByItem(emulator, kind);
	const reports: ItemReport[] = [];
	const pairingBroken: number[] = [];
	for (let index = 0; index < items; index++) {
		const item = output[index];
		if (!item || pairedIndex(item) !== index) pairingBroken.push(index);
		const json = (item?.json ?? {}) as Record<string, unknown>;
		const storedIds = stored.get(index) ?? [];
		const error = typeof json.error === 'string' ? json.error : undefined;
		const ok =
			error === undefined &&
			(kind === 'commonRoom'
				? json.status === 'upserted' && json.id === `fault-${index}@matrix.test`
				: typeof json.activityId === 'string' && json.activityId !== '');
		reports.push({
			index,
			ok,
			activityId: typeof json.activityId === 'string' ? json.activityId : undefined,
			error,
			description: typeof json.description === 'string' ? json.description : undefined,
			kind: ok ? undefined : failureKind(error ?? ''),
			storedTimes: storedIds.length,
			storedIds,
		});
	}

	const writes = writesOf(emulator, kind);
	const failureKinds: Partial<Record<FailureKind, number>> = {};
	for (const report of reports) {
		if (report.kind) failureKinds[report.kind] = (failureKinds[report.kind] ?? 0) + 1;
	}
	const upserts =
		kind === 'commonRoom'
			? emulator.state.commonRoom
					.contacts()
					.filter((contact) => /@matrix\.test$/.test(contact.id))
					.reduce((sum, contact) => sum + contact.upsertCount, 0)
			: 0;
	const storedCount = reports.filter((report) => report.storedTimes > 0).length;
	return {
		node: kind,
		fault: plan.name,
		items,
		sent: writes.length,
		rateLimited: writes.filter((entry) => entry.status === 429).length,
		mayHaveApplied: writes.filter((entry) => entry.status !== 429).length,
		ambiguous: writes.filter(
			(entry) => entry.status === 'reset' || entry.status === 'hang' || (typeof entry.status === 'number' && entry.status >= 500),
		).length,
		stored: storedCount,
		duplicates: reports.filter((report) => report.storedTimes > 1).length,
		failures: reports.filter((report) => !report.ok).length,
		failureKinds,
		wallMs,
		reports,
		runError: runError ? `${runError.message} ${runError.description ?? ''}` : undefined,
		outputLength: output.length,
		pairingBroken,
		extraWrites: kind === 'commonRoom' ? upserts - storedCount : 0,
	};
}

/**
 * The invariants every scenario must keep, as a list of violations (empty = kept):
 * - the run ends with one output item per input item, each paired to its own input;
 * - 0 lost: every item reported as a success is stored exactly once (TCG: with the reported id);
 * - 0 duplicates: nothing is stored twice;
 * - nothing stored behind the user's back: every stored item was reported as a success, or as
 *   "may or may not have been created";
 * - every failed item carries a clear reason and a description on its own output item.
 */
export function invariantViolations(outcome: Outcome): string[] {
	const problems: string[] = [];
	if (outcome.runError) problems.push(`the run stopped: ${outcome.runError}`);
	if (outcome.outputLength !== outcome.items) {
		problems.push(`${outcome.outputLength} output items for ${outcome.items} input items`);
	}
	if (outcome.pairingBroken.length) {
		problems.push(`items not paired to their own input: ${outcome.pairingBroken.slice(0, 10).join(', ')}`);
	}
	for (const report of outcome.reports) {
		const label = `item ${report.index}`;
		if (report.ok && report.storedTimes !== 1) {
			problems.push(`${label}: reported success but stored ${report.storedTimes} times (lost)`);
		}
		if (report.ok && outcome.node === 'teamCommonGround' && report.storedIds[0] !== report.activityId) {
			problems.push(`${label}: reported activity ${report.activityId} but stored ${report.storedIds.join(', ') || 'nothing'}`);
		}
		if (report.storedTimes > 1) problems.push(`${label}: stored ${report.storedTimes} times (duplicate)`);
		if (!report.ok && report.storedTimes > 0 && report.kind !== 'may-have-been-created') {
			problems.push(`${label}: stored, but reported as failed without "may have been created": ${report.error}`);
		}
		if (!report.ok && (report.kind === 'unclear' || !report.description)) {
			problems.push(`${label}: failure without a clear reason: ${JSON.stringify({ error: report.error, description: report.description })}`);
		}
	}
	return problems;
}

// ----- the table -------------------------------------------------------------------------------

function kinds(outcome: Outcome): string {
	const entries = Object.entries(outcome.failureKinds);
	return entries.length ? ` (${entries.map(([kind, count]) => `${count} ${kind}`).join(', ')})` : '';
}

export function tableRows(outcomes: Outcome[]): string[] {
	const rows = [
		'| fault | node | items | sent (429s) | stored | duplicates | reported failures | wall time |',
		'|---|---|---:|---:|---:|---:|---|---:|',
	];
	for (const outcome of outcomes) {
		rows.push(
			`| ${outcome.fault} | ${NODE_NAMES[outcome.node]} | ${outcome.items} | ${outcome.sent} (${outcome.rateLimited}) | ${outcome.stored} | ${outcome.duplicates} | ${outcome.failures}${kinds(outcome)} | ${(outcome.wallMs / 1000).toFixed(1)} s |`,
		);
	}
	return rows;
}
