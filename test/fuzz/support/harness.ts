/**
 * Runs one batch of generated items through a node in n8n-core's WorkflowExecute (Continue On
 * Fail) against the emulator and checks, item by item:
 *
 * - no crash: the run ends with one output item per input item, paired to it; no error that is
 *   a JavaScript failure (TypeError, "Cannot read properties", ...) instead of a message;
 * - every item is either accepted by the server, or rejected BEFORE sending with an error that
 *   names the field and the item (`<Field>: <problem> [item <i>]`): an item the server refuses
 *   (400/413/...) is invalid input that was sent;
 * - write requests in the emulator log = accepted items (0 requests for invalid input), and every
 *   accepted item is in the emulator's store;
 * - defect cases are rejected naming their field, valid cases are accepted, and what a valid case
 *   `expect`s is what was stored (a yes/no given as the text "false" is stored as false);
 * - no prototype pollution from `__proto__` keys.
 *
 * Unhandled rejections fail the running jest test by themselves (jest installs its own handler).
 */
import fc from 'fast-check';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Emulator } from '../../../emulator';
import { node, runWorkflow } from '../../engine';
import type { FuzzCase } from './hostile';

export type FuzzNode = 'commonRoom' | 'teamCommonGround';

const NODE_NAME: Record<FuzzNode, string> = { commonRoom: 'Common Room', teamCommonGround: 'Team Common Ground' };

/** What a validation error looks like: field first, item last. */
const VALIDATION = /^([\s\S]+?): ([\s\S]+) \[item (\d+)\]$/;
/** A JavaScript failure leaking out as a message. */
const JS_FAILURE = /Cannot convert object to primitive|TypeError|ReferenceError|RangeError|SyntaxError|Cannot read propert|Cannot set propert|is not a function|is not iterable|Maximum call stack|Converting circular structure|undefined \(reading/;

export interface Counts {
	generated: number;
	rejectedBeforeSending: number;
	/** Write requests the server received. */
	sent: number;
	accepted: number;
	crashes: number;
	/** GET /members/customFields (Common Room reads the definitions once per run when custom fields are used). */
	definitionReads: number;
	/** Stored values compared with what valid items `expect`. */
	factsChecked: number;
	byKind: Record<FuzzCase['kind'], number>;
}

export function emptyCounts(): Counts {
	return {
		generated: 0,
		rejectedBeforeSending: 0,
		sent: 0,
		accepted: 0,
		crashes: 0,
		definitionReads: 0,
		factsChecked: 0,
		byKind: { valid: 0, defect: 0, chaos: 0 },
	};
}

export interface BatchSpec {
	kind: FuzzNode;
	parameters: INodeParameters;
	emulator: Emulator;
	/** Is this output item a success, and which stored object proves it? */
	accepted(json: IDataObject): { ok: boolean; storedId?: string };
	/** The ids of everything the emulator stored for this node. */
	storedIds(emulator: Emulator): Set<string>;
	/** Everything the emulator stored for this node (scanned for stringified objects). */
	storedState(emulator: Emulator): unknown;
	/** Is this log entry a write of the operation under test? */
	isWrite(entry: { service: string; method: string; path: string }): boolean;
	/**
	 * What was stored for an accepted item (and what its output shows), by the names cases
	 * `expect`; built once per batch. Needed when cases `expect` anything.
	 */
	facts?(emulator: Emulator): (output: IDataObject, storedId: string | undefined) => Record<string, unknown> | undefined;
	/** An answer of 400 or more that belongs to the operation (a lookup's 404), not a refusal. */
	expectedRefusal?(entry: { method: string; path: string; status: number | 'reset' | 'hang' }): boolean;
}

function short(value: unknown): string {
	let text: string;
	try {
		text = JSON.stringify(value);
	} catch {
		text = String(value);
	}
	return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

function pairedIndex(item: INodeExecutionData | undefined): number | undefined {
	const paired = item?.pairedItem;
	if (typeof paired === 'number') return paired;
	if (Array.isArray(paired)) return paired.length === 1 ? paired[0].item : undefined;
	return paired?.item;
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

/** Runs the batch, adds to `counts`, returns the violations (empty = the property held). */
export async function runBatch(spec: BatchSpec, cases: FuzzCase[], counts: Counts): Promise<string[]> {
	const { emulator } = spec;
	emulator.reset();
	const protoBefore = prototypeKeys();
	const violations: string[] = [];
	const input: INodeExecutionData[] = cases.map((fuzzCase) => ({ json: fuzzCase.json }));

	const result = await runWorkflow({
		nodes: [node(spec.kind, spec.parameters, { onError: 'continueRegularOutput' })],
		input,
		credentials:
			spec.kind === 'commonRoom'
				? { commonRoomApi: { apiToken: emulator.tokens.commonRoom, baseUrl: emulator.commonRoomBaseUrl } }
				: { teamCommonGroundApi: { apiKey: emulator.tokens.teamCommonGround, baseUrl: emulator.teamCommonGroundBaseUrl } },
	});

	counts.generated += cases.length;
	for (const fuzzCase of cases) counts.byKind[fuzzCase.kind]++;

	const runError = result.error();
	if (runError) {
		counts.crashes++;
		violations.push(`the run stopped under Continue On Fail: ${runError.message} ${runError.description ?? ''}`);
		return violations;
	}
	const output = result.output(NODE_NAME[spec.kind]);
	if (output.length !== cases.length) {
		counts.crashes++;
		violations.push(`${output.length} output items for ${cases.length} input items`);
	}

	const stored = spec.storedIds(emulator);
	const factsOf = spec.facts?.(emulator);
	let accepted = 0;
	cases.forEach((fuzzCase, index) => {
		const item = output[index];
		const where = `item ${index} (${fuzzCase.kind}${fuzzCase.defect ? `: ${fuzzCase.defect}` : ''}) ${short(fuzzCase.json)}`;
		if (pairedIndex(item) !== index) violations.push(`${where}: output not paired to its input`);
		const json = (item?.json ?? {}) as IDataObject;
		const error = typeof json.error === 'string' ? json.error : undefined;
		if (error !== undefined) {
			if (JS_FAILURE.test(error) || JS_FAILURE.test(String(json.description ?? ''))) {
				counts.crashes++;
				violations.push(`${where}: crashed: ${error}`);
				return;
			}
			const match = VALIDATION.exec(error);
			if (!match) {
				const fromServer = typeof json.httpCode === 'string' || /HTTP \d{3}|The API said/.test(`${error} ${String(json.description ?? '')}`);
				violations.push(
					fromServer
						? `${where}: sent and refused by the server (invalid input reached it): ${error} | ${String(json.description ?? '')}`
						: `${where}: the error does not name the field and the item: ${error} | ${String(json.description ?? '')}`,
				);
				return;
			}
			counts.rejectedBeforeSending++;
			if (Number(match[3]) !== index) violations.push(`${where}: error names item ${match[3]}: ${error}`);
			if (fuzzCase.kind === 'valid') violations.push(`${where}: a valid item was rejected: ${error}`);
			if (fuzzCase.kind === 'defect' && match[1] !== fuzzCase.field) {
				violations.push(`${where}: error should name the field "${fuzzCase.field}": ${error}`);
			}
			return;
		}
		const verdict = spec.accepted(json);
		if (!verdict.ok) {
			counts.crashes++;
			violations.push(`${where}: neither an error nor a success: ${short(json)}`);
			return;
		}
		accepted++;
		if (fuzzCase.kind === 'defect') violations.push(`${where}: a defect was accepted and sent`);
		if (verdict.storedId !== undefined && !stored.has(verdict.storedId)) {
			violations.push(`${where}: reported success but ${verdict.storedId} is not stored`);
		}
		if (fuzzCase.expect) violations.push(...compareFacts(where, fuzzCase.expect, factsOf?.(json, verdict.storedId), counts));
	});
	counts.accepted += accepted;

	const log = emulator.log();
	const writes = log.filter((entry) => spec.isWrite(entry)).length;
	counts.sent += writes;
	counts.definitionReads += log.filter((entry) => entry.method === 'GET' && entry.path.startsWith('/community/v1/members/customFields')).length;
	if (writes !== accepted) violations.push(`${writes} write requests reached the server for ${accepted} accepted items`);
	const refused = log.filter(
		(entry) => typeof entry.status === 'number' && entry.status >= 400 && !spec.expectedRefusal?.(entry),
	);
	if (refused.length) {
		violations.push(`the server refused ${refused.length} requests: ${refused.slice(0, 5).map((entry) => `${entry.method} ${entry.path} → ${entry.status}`).join('; ')}`);
	}

	// An object turned into text where a string belonged ("[object Object]" as a tag, a name...).
	const storedText = JSON.stringify(spec.storedState(emulator));
	if (storedText.includes('[object Object]')) {
		const at = storedText.indexOf('[object Object]');
		violations.push(`the server stored "[object Object]": ...${storedText.slice(Math.max(0, at - 150), at + 40)}...`);
	}

	if (prototypeKeys() !== protoBefore || ({} as IDataObject).polluted !== undefined) {
		violations.push('Object.prototype was modified (prototype pollution)');
	}
	return violations;
}

/** What an accepted item `expect`s against what was stored: one violation per differing name. */
function compareFacts(
	where: string,
	expected: Record<string, unknown>,
	actual: Record<string, unknown> | undefined,
	counts: Counts,
): string[] {
	if (!actual) return [`${where}: accepted, but its stored object was not found to check ${short(expected)}`];
	const violations: string[] = [];
	for (const [name, value] of Object.entries(expected)) {
		counts.factsChecked++;
		if (JSON.stringify(actual[name]) !== JSON.stringify(value)) {
			violations.push(`${where}: stored ${name} ${short(actual[name])}, expected ${short(value)}`);
		}
	}
	return violations;
}

/** Throws with the first violations so fast-check reports the failing batch. */
export function assertNoViolations(violations: string[]): void {
	if (violations.length === 0) return;
	const shown = violations.slice(0, 15).join('\n  - ');
	throw new Error(`${violations.length} violation(s):\n  - ${shown}`);
}

export function formatCounts(title: string, counts: Counts, seed: number): string {
	return [
		`${title} (seed ${seed})`,
		`  generated: ${counts.generated} (valid ${counts.byKind.valid}, one broken field ${counts.byKind.defect}, random JSON ${counts.byKind.chaos})`,
		`  rejected before sending: ${counts.rejectedBeforeSending}`,
		`  sent (write requests): ${counts.sent}; accepted: ${counts.accepted}`,
		...(counts.definitionReads ? [`  custom-field definition reads: ${counts.definitionReads}`] : []),
		...(counts.factsChecked ? [`  stored values checked against what valid items expect: ${counts.factsChecked}`] : []),
		`  crashes: ${counts.crashes}`,
	].join('\n');
}

/**
 * fc.assert, minus the counterexample dump: a batch holds 200 KB strings, and each violation
 * already names its item. Batches are not shrunk (a run is a whole workflow execution); the
 * seed and path replay the failing batch.
 */
export async function checkBatches(
	arbitrary: fc.Arbitrary<FuzzCase[]>,
	run: (cases: FuzzCase[]) => Promise<void>,
	options: { seed: number; numRuns: number },
): Promise<void> {
	const details = await fc.check(fc.asyncProperty(arbitrary, run), { ...options, endOnFailure: true });
	if (!details.failed) return;
	const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
	throw new Error(`Fuzz batch failed (replay: FUZZ_SEED=${options.seed} path ${details.counterexamplePath}):\n${cause}`);
}

export interface FuzzVariant {
	name: string;
	runs: number;
	seed: number;
	/** The generated cases for this variant: one batch per run. */
	cases: fc.Arbitrary<FuzzCase[]>;
	/** Called when the test runs (the emulator is started in beforeAll). */
	spec: () => BatchSpec;
}

/**
 * The suite both nodes' fuzz files declare: per variant, `runs` batches sent through the node
 * (no crash, nothing invalid sent, every error naming item and field), then the totals over all
 * variants (at least 1,000 items, broken ones rejected before sending, only accepted ones sent).
 */
export function describeFuzz(title: string, counts: Counts, variants: FuzzVariant[]): void {
	describe.each(variants.map((variant) => [variant.name, variant] as const))(`${title}, %s`, (_name, variant) => {
		it(`${variant.runs} runs of hostile items: no crash, nothing invalid sent, errors name item and field`, async () => {
			const before = counts.generated;
			let perRun = 0;
			await checkBatches(
				variant.cases,
				async (cases) => {
					perRun = cases.length;
					assertNoViolations(await runBatch(variant.spec(), cases, counts));
				},
				{ seed: variant.seed, numRuns: variant.runs },
			);
			expect(counts.generated - before).toBe(variant.runs * perRun);
			expect(counts.crashes).toBe(0);
		}, 180_000);
	});

	it('generated at least 1,000 items, rejected the broken ones before sending, sent only what was accepted', () => {
		expect(counts.generated).toBeGreaterThanOrEqual(1000);
		expect(counts.byKind.defect).toBeGreaterThan(0);
		expect(counts.rejectedBeforeSending).toBeGreaterThanOrEqual(counts.byKind.defect);
		expect(counts.sent).toBe(counts.accepted);
		expect(counts.crashes).toBe(0);
	});
}
