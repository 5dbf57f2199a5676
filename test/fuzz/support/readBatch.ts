/**
 * The batch check of the API v2 read fuzz (test/fuzz/commonroomV2.test.ts). Reads give any number
 * of items per input (Get Many), so batches are checked here rather than by harness.ts (writes, one
 * output per input); the properties are the same, see the suite's header.
 */
import type fc from 'fast-check';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Emulator } from '../../../emulator';
import { bulk } from '../../emulator/commonroomV2.helpers';
import { node, runWorkflow } from '../../engine';
import type { Counts } from './harness';
import type { FuzzCase } from './hostile';

/** What a validation error looks like: field first, item last. */
const VALIDATION = /^([\s\S]+?): ([\s\S]+) \[item (\d+)\]$/;
/** A JavaScript failure leaking out as a message. */
const JS_FAILURE = /Cannot convert object to primitive|TypeError|ReferenceError|RangeError|SyntaxError|Cannot read propert|Cannot set propert|is not a function|is not iterable|Maximum call stack|Converting circular structure|undefined \(reading/;

export interface Variant {
	name: string;
	runs: number;
	parameters: INodeParameters;
	cases: fc.Arbitrary<FuzzCase>;
	/** Is this logged request the read of one accepted item? */
	isRead(path: string): boolean;
	/** The id prefix of the records an accepted item outputs. */
	recordPrefix: string;
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

const pairedIndex = (item: INodeExecutionData): number | undefined => {
	const paired = item.pairedItem;
	if (typeof paired === 'number') return paired;
	if (Array.isArray(paired)) return paired.length === 1 ? paired[0].item : undefined;
	return paired?.item;
};

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

export async function runReadBatch(emulator: Emulator, variant: Variant, cases: FuzzCase[], counts: Counts): Promise<string[]> {
	emulator.reset();
	// 32 contacts at 3 companies, 60 activities: every list fits in one page of 200.
	await bulk(emulator, { contacts: 30, companies: 3, activitiesPerContact: 2, segmentId: 501, startAt: '2020-01-01T00:00:00.000Z' });
	const protoBefore = prototypeKeys();
	const violations: string[] = [];
	const result = await runWorkflow({
		nodes: [node('commonRoom', variant.parameters, { onError: 'continueRegularOutput' })],
		input: cases.map((fuzzCase) => ({ json: fuzzCase.json })),
		credentials: { commonRoomApi: { apiToken: emulator.tokens.commonRoom, baseUrl: emulator.commonRoomBaseUrl } },
	});
	counts.generated += cases.length;
	for (const fuzzCase of cases) counts.byKind[fuzzCase.kind]++;
	const runError = result.error();
	if (runError) {
		counts.crashes++;
		return [`the run stopped under Continue On Fail: ${runError.message} ${runError.description ?? ''}`];
	}

	const byInput = new Map<number, INodeExecutionData[]>();
	let last = -1;
	for (const item of result.output('Common Room')) {
		const index = pairedIndex(item);
		if (index === undefined || index < 0 || index >= cases.length) {
			violations.push(`an output item is not paired to an input: ${short(item.pairedItem)}`);
			continue;
		}
		if (index < last) violations.push(`output out of input order: item ${index} after item ${last}`);
		last = Math.max(last, index);
		byInput.set(index, [...(byInput.get(index) ?? []), item]);
	}

	let accepted = 0;
	cases.forEach((fuzzCase, index) => {
		const items = byInput.get(index) ?? [];
		const where = `item ${index} (${fuzzCase.kind}${fuzzCase.defect ? `: ${fuzzCase.defect}` : ''}) ${short(fuzzCase.json)}`;
		const errors = items.filter((item) => typeof item.json.error === 'string');
		if (errors.length > 0) {
			if (items.length !== 1) violations.push(`${where}: an error and ${items.length - 1} other items`);
			const error = errors[0].json.error as string;
			const description = String(errors[0].json.description ?? '');
			if (JS_FAILURE.test(error) || JS_FAILURE.test(description)) {
				counts.crashes++;
				violations.push(`${where}: crashed: ${error}`);
				return;
			}
			const match = VALIDATION.exec(error);
			if (!match) {
				violations.push(`${where}: not refused before sending (the server refused it, or the error names no field): ${error} | ${description}`);
				return;
			}
			counts.rejectedBeforeSending++;
			if (Number(match[3]) !== index) violations.push(`${where}: error names item ${match[3]}: ${error}`);
			if (fuzzCase.kind === 'valid') violations.push(`${where}: a valid item was rejected: ${error}`);
			if (fuzzCase.kind === 'defect' && match[1] !== fuzzCase.field) violations.push(`${where}: error should name "${fuzzCase.field}": ${error}`);
			return;
		}
		accepted++;
		if (fuzzCase.kind === 'defect') violations.push(`${where}: a defect was accepted and sent`);
		for (const item of items) {
			if (typeof item.json.id !== 'string' || !item.json.id.startsWith(variant.recordPrefix)) {
				violations.push(`${where}: output is not a ${variant.recordPrefix}… record: ${short(item.json)}`);
			}
		}
		const expected = fuzzCase.expect ?? {};
		counts.factsChecked++;
		if (typeof expected.maxItems === 'number' && items.length > expected.maxItems) {
			violations.push(`${where}: ${items.length} records for a Limit of ${expected.maxItems}`);
		}
		if (typeof expected.id === 'string' && (items.length !== 1 || items[0].json.id !== expected.id)) {
			violations.push(`${where}: asked for ${expected.id}, got ${short(items.map((item) => item.json.id))}`);
		}
	});
	counts.accepted += accepted;

	const log = emulator.log();
	const reads = log.filter((entry) => entry.method === 'GET' && variant.isRead(entry.path)).length;
	counts.sent += reads;
	if (reads !== accepted) violations.push(`${reads} reads reached the server for ${accepted} accepted items`);
	const definitions = log.filter((entry) => entry.path.startsWith('/community/v2/custom-fields')).length;
	counts.definitionReads += definitions;
	if (definitions > 1) violations.push(`the custom field definitions were read ${definitions} times in one run`);
	const refused = log.filter((entry) => typeof entry.status === 'number' && entry.status >= 400);
	if (refused.length > 0) {
		violations.push(`the server refused ${refused.length} requests: ${refused.slice(0, 5).map((entry) => `${entry.method} ${entry.path} → ${entry.status}`).join('; ')}`);
	}
	if (prototypeKeys() !== protoBefore || ({} as IDataObject).polluted !== undefined) violations.push('Object.prototype was modified (prototype pollution)');
	return violations;
}

