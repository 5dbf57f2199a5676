/**
 * Fuzz: the Common Room Polling Trigger's parameters, generated, each set polled once in
 * n8n-core's real PollContext against the emulator (test/nodes/commonroomPollingTrigger/harness.ts):
 *
 * - valid: every accepted spelling (s_501, S_501 with spaces, 501 as text or number, "200" for a
 *   number, "TRUE" for a switch, comma text for a list) must poll: a first poll returns null and
 *   stores the state, a manual poll returns one item or says there is no test event;
 * - defect: one broken field (an id of another kind, s_ with no digits, 0, 10001, 1.5 or "ten"
 *   for Max Events, "yes" for a switch, an unknown event): must fail naming that field, before any
 *   request, storing nothing;
 * - chaos: random JSON in every field: may pass or fail, but only with n8n's own error types,
 *   and a failed poll stores nothing.
 */
import fc from 'fast-check';
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { addToSegment, pollingTrigger, useEmulator } from '../nodes/commonroomPollingTrigger/harness';
import { fuzzSeed, jsonValue } from './support/hostile';

const SEED = fuzzSeed(20261217);
const CASES = 240;

const emulator = useEmulator();

type Kind = 'valid' | 'defect' | 'chaos';

interface Case {
	kind: Kind;
	mode: 'trigger' | 'manual';
	parameters: INodeParameters;
	/** For a defect: how the error message starts. */
	field?: string;
}

/** Text that n8n would not take for an expression (a leading "=" is one). */
const plainText = (maxLength: number) => fc.string({ maxLength, unit: 'grapheme' }).filter((text) => !text.startsWith('='));
const locator = (value: unknown, mode = 'id') => ({ __rl: true, mode, value }) as unknown as INodeParameters[string];

const validSegment = fc.constantFrom<unknown>('s_501', ' S_501 ', '501', 501, 's_0501', 's_502');
const validOrganization = fc.constantFrom<unknown>('', 'o_3001', '3002', ' O_3001');
const validMax = fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom<unknown>('200', ' 7 ', '10000', '1'));
const validSwitch = fc.constantFrom<unknown>(true, false, 'true', 'FALSE', ' True ');
const validTypes = fc.oneof(
	fc.constant<unknown>([]),
	fc.subarray(['signed_up', 'purchased', 'replied', 'no_such_type']),
	fc.constantFrom<unknown>('purchased, replied', 'signed_up'),
);

const validOptions = fc.record(
	{ maxEvents: validMax, includeExisting: validSwitch, simplify: validSwitch, addContactFields: validSwitch },
	{ requiredKeys: [] },
);

const validParameters: fc.Arbitrary<INodeParameters> = fc.oneof(
	fc.record({
		event: fc.constant('newContact'),
		segment: validSegment.map((value) => locator(value)),
		contactRule: fc.constantFrom('joined', 'newest'),
		options: validOptions,
	}),
	fc.record({
		event: fc.constant('newActivity'),
		organization: validOrganization.map((value) => locator(value)),
		activityTypes: validTypes,
		options: validOptions,
	}),
	fc.record({ event: fc.constant('newOrganization'), options: validOptions }),
) as fc.Arbitrary<INodeParameters>;

const wrongSegment = fc.oneof(
	fc.constantFrom<unknown>('c_501', 'o_501', 'a_1', 's_', 's_-1', 's_1.5', 's 501', 'segment', '0x1f5', 's_501x', `s_${'9'.repeat(31)}`, -3, 1.5),
	fc.stringMatching(/^[a-z]{1,3}_\d{1,6}$/).filter((text) => !/^s_/i.test(text)),
);
const wrongOrganization = fc.constantFrom<unknown>('c_1', 's_3001', 'o_', 'o_abc', 'org', -1, 2.5);
const wrongMax = fc.constantFrom<unknown>(0, -1, 10_001, 1.5, 'ten', '1e9', '0x10', Number.NaN, Number.POSITIVE_INFINITY, true);
// ('' is not among them: an empty field is "not given", and the default applies.)
const wrongSwitch = fc.constantFrom<unknown>('yes', 'no', 1, 0, 'on', {});

/** A valid parameter set with one field broken. */
const defect: fc.Arbitrary<Case> = fc
	.tuple(validParameters, fc.nat({ max: 99 }), wrongSegment, wrongOrganization, wrongMax, wrongSwitch, plainText(12))
	.map(([valid, pick, segment, organization, max, yesNo, text]) => {
		const parameters = { ...valid, options: { ...(valid.options as object) } } as INodeParameters & { options: Record<string, unknown> };
		const breakers: Array<() => string> = [
			() => ((parameters.options.maxEvents = max as never), 'Max Events per Poll: '),
			() => ((parameters.options.includeExisting = yesNo as never), 'Include Existing on First Poll: '),
			() => ((parameters.options.simplify = yesNo as never), 'Simplify: '),
			() => ((parameters.event = `x${text}`), 'Event: '),
		];
		if (valid.event === 'newContact') {
			breakers.push(() => ((parameters.segment = locator(segment)), 'Segment: '));
			breakers.push(() => ((parameters.contactRule = `x${text}`), 'Counts as New: '));
		}
		if (valid.event === 'newActivity') {
			breakers.push(() => ((parameters.organization = locator(organization)), 'Organization: '));
			breakers.push(() => ((parameters.activityTypes = [{ name: 'signed_up' }] as never), 'Activity Type Names or IDs: '));
			breakers.push(() => ((parameters.options.addContactFields = yesNo as never), 'Add Contact Fields: '));
		}
		const field = breakers[pick % breakers.length]();
		return { kind: 'defect' as const, mode: 'trigger' as const, parameters, field };
	});

const chaos: fc.Arbitrary<Case> = fc
	.record({
		event: fc.oneof(fc.constantFrom('newContact', 'newActivity', 'newOrganization'), jsonValue(1)),
		segment: fc.tuple(fc.oneof(jsonValue(2), wrongSegment, validSegment), fc.boolean()).map(([value, asLocator]) => (asLocator ? locator(value) : value)),
		contactRule: fc.oneof(fc.constantFrom('joined', 'newest'), jsonValue(1)),
		organization: fc.oneof(jsonValue(2), wrongOrganization, validOrganization).map((value) => locator(value)),
		activityTypes: fc.oneof(jsonValue(2), validTypes),
		options: fc.oneof(fc.dictionary(fc.constantFrom('maxEvents', 'includeExisting', 'simplify', 'addContactFields'), jsonValue(1)), jsonValue(1)),
	})
	.map((parameters) => ({ kind: 'chaos' as const, mode: 'trigger' as const, parameters: JSON.parse(JSON.stringify(parameters)) as INodeParameters }))
	// n8n reads a text starting with "=" as an expression; that is n8n's business, not the node's.
	.filter((fuzz) => !JSON.stringify(fuzz.parameters).includes('"='));

const cases: fc.Arbitrary<Case> = fc.oneof(
	{ weight: 3, arbitrary: fc.tuple(validParameters, fc.constantFrom<'trigger' | 'manual'>('trigger', 'manual')).map(([parameters, mode]) => ({ kind: 'valid' as const, mode, parameters })) },
	{ weight: 4, arbitrary: defect },
	{ weight: 2, arbitrary: chaos },
);

describe(`Common Room Polling Trigger under generated parameters (seed ${SEED})`, () => {
	it(`${CASES} parameter sets: valid ones poll, a broken field fails naming it before any request, nothing crashes`, async () => {
		const generated = fc.sample(cases, { numRuns: CASES, seed: SEED });
		const violations: string[] = [];
		const counts: Record<Kind, number> = { valid: 0, defect: 0, chaos: 0 };
		for (const [index, fuzz] of generated.entries()) {
			emulator().reset();
			await addToSegment(emulator(), 501, ['ada@example.com']);
			counts[fuzz.kind] += 1;
			const trigger = pollingTrigger(emulator(), fuzz.parameters);
			const requestsBefore = emulator().log().length;
			const outcome = await trigger.poll({ mode: fuzz.mode });
			const requests = emulator().log().length - requestsBefore;
			const stored = Object.keys(trigger.staticData()).length > 0;
			const label = `#${index} ${fuzz.kind} ${fuzz.mode} ${JSON.stringify(fuzz.parameters).slice(0, 300)}`;
			const error = outcome.error;
			if (error && !(error instanceof NodeOperationError) && !(error instanceof NodeApiError)) {
				violations.push(`${label}: crashed with ${error.constructor.name}: ${error.message}`);
				continue;
			}
			if (error && stored) violations.push(`${label}: failed (${error.message}) but stored state`);
			if (error && /undefined|\[object Object\]/.test(error.message)) violations.push(`${label}: unreadable message ${error.message}`);
			if (fuzz.kind === 'valid') {
				const noTestEvent = fuzz.mode === 'manual' && /to use as a test event$/.test(error?.message ?? '');
				if (error && !noTestEvent) violations.push(`${label}: refused: ${error.message}`);
				if (fuzz.mode === 'trigger' && !stored) violations.push(`${label}: first poll stored nothing`);
				if (fuzz.mode === 'manual' && stored) violations.push(`${label}: manual poll stored state`);
				if (!error && fuzz.mode === 'manual' && outcome.items?.length !== 1) violations.push(`${label}: test event gave ${outcome.items?.length} items`);
			}
			if (fuzz.kind === 'defect') {
				if (!error) violations.push(`${label}: accepted, expected ${fuzz.field}`);
				else if (!error.message.startsWith(fuzz.field as string)) violations.push(`${label}: failed with "${error.message}", expected ${fuzz.field}`);
				if (requests > 0) violations.push(`${label}: sent ${requests} requests before failing`);
			}
		}
		expect(counts.valid).toBeGreaterThan(30);
		expect(counts.defect).toBeGreaterThan(50);
		expect(violations.slice(0, 15)).toEqual([]);
	}, 180_000);
});
