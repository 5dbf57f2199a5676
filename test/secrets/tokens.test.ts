/**
 * Secrets: with a recognisable canary in each credential (the emulator seeded with it), every
 * failure path of both nodes — 401, 403, 429, 500, timeout, connection reset, network error (a
 * closed port), an unknown source — with and without Continue On Fail, and the canary must
 * appear nowhere a user, a log collector or another workflow could read it:
 *
 * - the output items, the error's message and description;
 * - JSON.stringify and util.inspect (hidden properties, causes) of the error and the whole run data;
 * - every line n8n's logger received (the engine's LoggerProxy and the nodes' `this.logger`);
 * - the emulator's request log and stored state;
 * - the credential's connection test ("Test" in the credential dialog) on the same failures.
 *
 * Each canary carries the same random part, so a partial leak (a prefix cut off, the key inside
 * a longer string, either half of the random part) is found too; the Base64 form is searched as well (Basic auth).
 *
 * The failure paths run at the same time, each against its own emulator: Common Room's
 * idempotent requests are retried 6 times with backoff before they fail (~15–30 s).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { inspect } from 'node:util';

import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { startEmulator, type Emulator, type FaultSpec, type SeedData } from '../../emulator';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RATE_LIMIT_RETRIES } from '../../packages/shared/transport';
import { testCredential } from '../credentialTester';
import { capturedLogs, node, runWorkflow, type RunResult } from '../engine';


const RANDOM = randomBytes(12).toString('hex');
const CANARY = {
	crSeeded: `cr_SECRET_canary_${RANDOM}_seeded`,
	crUnknown: `cr_SECRET_canary_${RANDOM}_revoked`,
	/** A pasted token with a stray space: the header is malformed, Common Room answers 401. */
	crMalformed: `cr_SECRET_canary_${RANDOM}_pasted twice`,
	tcgSeeded: `tcg_SECRET_canary_${RANDOM}_seeded`,
	tcgUnknown: `tcg_SECRET_canary_${RANDOM}_revoked`,
	tcgIpLimited: `tcg_SECRET_canary_${RANDOM}_office_only`,
};
const NEEDLES = [
	RANDOM,
	RANDOM.slice(0, 12),
	RANDOM.slice(12),
	...Object.values(CANARY).flatMap((secret) => [secret, Buffer.from(secret).toString('base64'), Buffer.from(`:${secret}`).toString('base64')]),
];

/** demo.json with the canaries as the first CR token and TCG keys. */
function canarySeed(): SeedData {
	const seed = JSON.parse(readFileSync(join(__dirname, '../../emulator/seed/demo.json'), 'utf8')) as SeedData & {
		commonRoom: { tokens: Array<{ token: string; jti: string }> };
		teamCommonGround: { keys: Array<{ key: string; businessId?: string; allowedIps?: string[] }> };
	};
	seed.commonRoom.tokens = [{ token: CANARY.crSeeded, jti: 'canary01' }];
	seed.teamCommonGround.keys = [
		{ key: CANARY.tcgSeeded, businessId: 'biz_demo' },
		{ key: CANARY.tcgIpLimited, businessId: 'biz_demo', allowedIps: ['203.0.113.50'] },
		...seed.teamCommonGround.keys.filter((key) => key.businessId === 'biz_other'),
	];
	return seed;
}

type NodeKind = 'commonRoom' | 'teamCommonGround';

interface FailurePath {
	name: string;
	kind: NodeKind;
	secret: string;
	faults?: FaultSpec[];
	closedPort?: boolean;
	parameters?: INodeParameters;
	/** What the user sees, so the path is known to be the one exercised. */
	message: RegExp;
	/** The status the emulator logged for the request (undefined: nothing reached it). */
	status?: number | 'reset' | 'hang';
}

const crUpsert: INodeParameters = {
	resource: 'contact',
	operation: 'upsert',
	destinationSourceId: '12345',
	fieldsToSend: 'defineBelow',
	email: 'canary@example.com',
	additionalFields: { fullName: 'Canary Contact' },
	options: { timeout: 1 },
};
const tcgCreate: INodeParameters = {
	resource: 'activity',
	operation: 'create',
	activityType: 'note',
	source: 'my-crm',
	clientEmail: 'john@example.com',
	message: 'canary activity',
	options: { timeout: 1 },
};

const SIX = DEFAULT_MAX_ATTEMPTS; // the transport's attempts: each fault is served to every attempt
// 429s have their own, larger retry budget: serve one to every attempt it allows.
const ALL_429S = DEFAULT_MAX_RATE_LIMIT_RETRIES + 1;
const PATHS: FailurePath[] = [
	{ name: '401 (malformed token)', kind: 'commonRoom', secret: CANARY.crMalformed, message: /^Common Room rejected the API token \(HTTP 401\)$/, status: 401 },
	{ name: '403 (unknown token)', kind: 'commonRoom', secret: CANARY.crUnknown, message: /^Common Room rejected the API token \(HTTP 403\)$/, status: 403 },
	{ name: '429', kind: 'commonRoom', secret: CANARY.crSeeded, faults: [{ kind: 'status', status: 429, count: ALL_429S, retryAfterMs: 50 }], message: /too many requests/, status: 429 },
	{ name: '500', kind: 'commonRoom', secret: CANARY.crSeeded, faults: [{ kind: 'status', status: 500, count: SIX }], message: /server error \(HTTP 500\)/, status: 500 },
	{ name: 'timeout', kind: 'commonRoom', secret: CANARY.crSeeded, faults: [{ kind: 'hang', count: SIX }], message: /did not answer within 1 s/, status: 'hang' },
	{ name: 'connection reset', kind: 'commonRoom', secret: CANARY.crSeeded, faults: [{ kind: 'resetBeforeProcessing', count: SIX }], message: /dropped before its answer/, status: 'reset' },
	{ name: 'network error (closed port)', kind: 'commonRoom', secret: CANARY.crSeeded, closedPort: true, message: /^Could not connect to Common Room/ },
	{
		name: '404 (unknown source)',
		kind: 'commonRoom',
		secret: CANARY.crSeeded,
		parameters: { ...crUpsert, destinationSourceId: '99999' },
		message: /does not know Destination Source ID 99999/,
		status: 404,
	},
	{ name: '401 (unknown key)', kind: 'teamCommonGround', secret: CANARY.tcgUnknown, message: /did not accept the API key/, status: 401 },
	{ name: '403 (IP allow-list)', kind: 'teamCommonGround', secret: CANARY.tcgIpLimited, message: /refused requests from this n8n server's IP address/, status: 403 },
	{ name: '429', kind: 'teamCommonGround', secret: CANARY.tcgSeeded, faults: [{ kind: 'status', status: 429, count: ALL_429S, retryAfterMs: 50 }], message: /too many requests/, status: 429 },
	{ name: '500', kind: 'teamCommonGround', secret: CANARY.tcgSeeded, faults: [{ kind: 'status', status: 500 }], message: /server error \(HTTP 500\): this item may or may not have been created/, status: 500 },
	{ name: 'timeout', kind: 'teamCommonGround', secret: CANARY.tcgSeeded, faults: [{ kind: 'hang' }], message: /did not answer within 1 s: this item may or may not have been created/, status: 'hang' },
	{ name: 'connection reset', kind: 'teamCommonGround', secret: CANARY.tcgSeeded, faults: [{ kind: 'resetAfterProcessing' }], message: /dropped before its answer arrived: this item may or may not have been created/, status: 'reset' },
	{ name: 'network error (closed port)', kind: 'teamCommonGround', secret: CANARY.tcgSeeded, closedPort: true, message: /^Could not connect to Team Common Ground/ },
];

const NODE_NAME: Record<NodeKind, string> = { commonRoom: 'Common Room', teamCommonGround: 'Team Common Ground' };

async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** Where a canary (or a piece of one) shows up in `value`, by label. */
function leaks(label: string, value: unknown): string[] {
	const texts = [typeof value === 'string' ? value : safeJson(value), inspect(value, { depth: 15, showHidden: true, maxArrayLength: null, maxStringLength: null, breakLength: Infinity })];
	const found: string[] = [];
	for (const needle of NEEDLES) {
		const text = texts.find((candidate) => candidate.includes(needle));
		if (text !== undefined) {
			const at = text.indexOf(needle);
			found.push(`${label}: ...${text.slice(Math.max(0, at - 120), at + needle.length + 20)}...`);
		}
	}
	return found;
}

function safeJson(value: unknown): string {
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return inspect(value, { depth: 15 });
	}
}

interface PathRun {
	path: FailurePath;
	continueOnFail: boolean;
	result: RunResult;
	emulator: Emulator;
	error: { message?: string; description?: string | null };
	leaks: string[];
	logged: Array<number | string>;
}

async function runPath(path: FailurePath, continueOnFail: boolean): Promise<PathRun> {
	const emulator = await startEmulator({
		port: 0,
		quiet: true,
		seed: canarySeed(),
		commonRoom: { ratePerSecond: 1000 },
		teamCommonGround: { perMinute: 600_000 },
	});
	try {
		if (path.faults) emulator.injectFaults(path.kind, ...path.faults);
		const baseUrl = path.closedPort
			? `http://127.0.0.1:${await closedPort()}${path.kind === 'commonRoom' ? '/community/v1' : '/v1'}`
			: path.kind === 'commonRoom'
				? emulator.commonRoomBaseUrl
				: emulator.teamCommonGroundBaseUrl;
		const credentials: Record<string, ICredentialDataDecryptedObject> =
			path.kind === 'commonRoom'
				? { commonRoomApi: { apiToken: path.secret, baseUrl } }
				: { teamCommonGroundApi: { apiKey: path.secret, baseUrl } };
		const parameters = path.parameters ?? (path.kind === 'commonRoom' ? crUpsert : tcgCreate);
		const result = await runWorkflow({
			nodes: [node(path.kind, parameters, continueOnFail ? { onError: 'continueRegularOutput' } : {})],
			input: [{ json: { note: 'one item' } }],
			credentials,
		});

		const found: string[] = [];
		let error: PathRun['error'];
		if (continueOnFail) {
			const items = result.output(NODE_NAME[path.kind]);
			found.push(...leaks('output items', items));
			error = { message: (items[0]?.json.error as string) ?? undefined, description: (items[0]?.json.description as string) ?? undefined };
		} else {
			const runError = result.error();
			found.push(...leaks('the run error', runError));
			error = { message: runError?.message, description: runError?.description };
		}
		found.push(...leaks('error message', error.message ?? ''), ...leaks('error description', error.description ?? ''));
		found.push(...leaks('run data', result.run));
		found.push(...leaks('emulator log', emulator.log()));
		found.push(
			...leaks('emulator state', {
				cr: [emulator.state.commonRoom.contacts(), emulator.state.commonRoom.activities(), emulator.state.commonRoom.tags()],
				tcg: [emulator.state.teamCommonGround.activities(), emulator.state.teamCommonGround.skipped(), emulator.state.teamCommonGround.clients()],
			}),
		);
		return {
			path,
			continueOnFail,
			result,
			emulator,
			error,
			leaks: found,
			logged: emulator.log().filter((entry) => entry.service === path.kind).map((entry) => entry.status),
		};
	} finally {
		await emulator.stop();
	}
}

interface CredentialCheck {
	name: string;
	type: 'commonRoomApi' | 'teamCommonGroundApi';
	secret: string;
	closedPort?: boolean;
}

const CREDENTIAL_CHECKS: CredentialCheck[] = [
	{ name: 'Common Room, malformed token (401)', type: 'commonRoomApi', secret: CANARY.crMalformed },
	{ name: 'Common Room, unknown token (403)', type: 'commonRoomApi', secret: CANARY.crUnknown },
	{ name: 'Common Room, closed port', type: 'commonRoomApi', secret: CANARY.crSeeded, closedPort: true },
	{ name: 'Team Common Ground, unknown key (401)', type: 'teamCommonGroundApi', secret: CANARY.tcgUnknown },
	{ name: 'Team Common Ground, IP allow-list (403)', type: 'teamCommonGroundApi', secret: CANARY.tcgIpLimited },
	{ name: 'Team Common Ground, closed port', type: 'teamCommonGroundApi', secret: CANARY.tcgSeeded, closedPort: true },
];

async function runCredentialCheck(check: CredentialCheck) {
	const emulator = await startEmulator({ port: 0, quiet: true, seed: canarySeed() });
	try {
		const suffix = check.type === 'commonRoomApi' ? '/community/v1' : '/v1';
		const baseUrl = check.closedPort
			? `http://127.0.0.1:${await closedPort()}${suffix}`
			: check.type === 'commonRoomApi'
				? emulator.commonRoomBaseUrl
				: emulator.teamCommonGroundBaseUrl;
		const field = check.type === 'commonRoomApi' ? 'apiToken' : 'apiKey';
		const outcome = await testCredential(check.type, { [field]: check.secret, baseUrl });
		return { check, outcome, leaks: [...leaks('credential test outcome', outcome), ...leaks('emulator log', emulator.log())] };
	} finally {
		await emulator.stop();
	}
}

const credentialRuns: Array<Awaited<ReturnType<typeof runCredentialCheck>>> = [];
const runs: PathRun[] = [];
const logsFrom = capturedLogs.length;

beforeAll(async () => {
	// Every path with and without Continue On Fail, all at once (each has its own emulator).
	const [all, checks] = await Promise.all([
		Promise.all(PATHS.flatMap((path) => [runPath(path, true), runPath(path, false)])),
		Promise.all(CREDENTIAL_CHECKS.map(runCredentialCheck)),
	]);
	runs.push(...all);
	credentialRuns.push(...checks);
}, 120_000);

afterAll(() => {
	const places = ['output items', 'error message', 'error description', 'run error / run data (JSON and util.inspect)', 'n8n log lines', 'emulator log', 'emulator state', 'credential test message'];
	const clean = runs.filter((run) => run.leaks.length === 0).length + credentialRuns.filter((run) => run.leaks.length === 0).length;
	console.log(
		[
			`Secrets: ${PATHS.length} failure paths × {Continue On Fail on, off} = ${runs.length} runs, plus ${credentialRuns.length} credential tests; ${clean} without any canary.`,
			`Searched: ${places.join(', ')}; ${NEEDLES.length} needles (each token, its Base64 forms, the random part and its halves).`,
			`Log lines searched: ${capturedLogs.length - logsFrom}.`,
		].join('\n'),
	);
});

it('the canary finder finds a canary where there is one', () => {
	expect(leaks('credentials', { apiToken: CANARY.crSeeded })).not.toEqual([]);
	expect(leaks('a Basic header', `Basic ${Buffer.from(`:${CANARY.tcgSeeded}`).toString('base64')}`)).not.toEqual([]);
	expect(leaks('a cut-off key', `key=${CANARY.tcgSeeded.slice(4, 40)}`)).not.toEqual([]);
});

describe.each(PATHS.map((path) => [`${NODE_NAME[path.kind]}: ${path.name}`, path] as const))('%s', (_label, path) => {
	it.each([true, false])('Continue On Fail %s: the failure is the expected one and the token is nowhere', (continueOnFail) => {
		const run = runs.find((candidate) => candidate.path === path && candidate.continueOnFail === continueOnFail);
		expect(run).toBeDefined();
		const { error, leaks: found, logged } = run as PathRun;
		expect(error.message).toMatch(path.message);
		expect(error.description).toEqual(expect.any(String));
		if (path.status === undefined) expect(logged).toEqual([]);
		else expect(logged).toContain(path.status);
		expect(found).toEqual([]);
	});
});

describe.each(CREDENTIAL_CHECKS.map((check) => [check.name, check] as const))('credential test: %s', (_label, check) => {
	it('fails, and its message holds no token', () => {
		const run = credentialRuns.find((candidate) => candidate.check === check);
		expect(run?.outcome.status).toBe('Error');
		expect(run?.outcome.message).toEqual(expect.any(String));
		expect(run?.leaks).toEqual([]);
	});
});

it('no log line n8n received during these runs holds a canary', () => {
	const lines = capturedLogs.slice(logsFrom);
	// The failure paths were logged (retry waits, give-ups), so there was something to leak into.
	expect(lines.some((line) => /waiting .* before attempt/.test(line.message))).toBe(true);
	expect(lines.flatMap((line, index) => leaks(`log line ${index} (${line.level})`, line))).toEqual([]);
});
