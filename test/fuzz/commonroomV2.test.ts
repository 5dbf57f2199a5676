/**
 * Fuzz: the Common Room node's API v2 reads with generated hostile items, every field an
 * expression (`={{ $json.… }}`, so objects, numbers and wrong ids arrive where the editor would
 * have checked them): Contact > Get by ID, Contact > Get Many (filters, sort field and its
 * `ls_` / `cf_` id, direction, Return All / Limit, columns) and Activity > Get Many (contact,
 * organization, Occurred From / To, order, limit). 11 runs × 100 items, Continue On Fail.
 *
 * Reads give any number of items per input (Get Many), so the batches are checked by
 * support/readBatch.ts (support/harness.ts checks writes, one output per input); what must hold is
 * the same:
 * - no crash: the run ends under Continue On Fail; every output item is paired to an input, in
 *   input order; an input that failed has exactly one item, its error;
 * - every error is a refusal before sending that names item and field (`<Field>: … [item i]`);
 *   a defect is refused naming its field; a valid item is accepted;
 * - reads the emulator received = accepted items (each reads one page: the data set is under
 *   200 records), none refused by the server, the custom field definitions read at most once;
 * - an accepted item's records are of the right kind (`c_…` / `a_…`), no more than its Limit,
 *   Get by ID gives the contact asked for;
 * - no prototype pollution from `__proto__` keys.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../../emulator';
import { ACTIVITY_COLUMNS, CONTACT_COLUMNS } from '../../packages/n8n-nodes-commonroom/nodes/CommonRoom/helpers/v2Columns';
import {
	bareNumberDate,
	batchOf,
	dateTimeAndInstant,
	fieldBreakage,
	fuzzSeed,
	impossibleDate,
	mix,
	mutated,
	notAString,
	notYesNo,
	objectNotText,
	yesNo,
	type FieldBreakage,
	type FuzzCase,
} from './support/hostile';
import { assertNoViolations, checkBatches, emptyCounts } from './support/harness';
import { runReadBatch, type Variant } from './support/readBatch';

const SEED = fuzzSeed(20261217);
const BATCH = 100;


const ADA = 'c_100001';
const GRACE = 'c_100002';
const locator = (value: string) => ({ __rl: true, mode: 'id', value });

// ----- shared values -----------------------------------------------------------------------------

const padded = (ids: string[]) => fc.oneof(fc.constantFrom(...ids), fc.constantFrom(...ids).map((id) => ` ${id}\t`));
const empty = fc.constantFrom<unknown>('', null, undefined);
const limitAndMax: fc.Arbitrary<[unknown, number]> = fc.oneof(
	fc.integer({ min: 1, max: 250 }).map((limit): [unknown, number] => [limit, limit]),
	fc.integer({ min: 1, max: 250 }).map((limit): [unknown, number] => [` ${limit} `, limit]),
);
const badLimit = fc.constantFrom<unknown>(0, -1, 1.5, '1.5', 'ten', 'NaN', '0x10', {}, [], true, 1e309);
const badTimeout = fc.oneof(objectNotText, fc.constantFrom<unknown>('ten', 'NaN', ' ', 0, -5, 601, 1e309, true));
const timeout = fc.oneof(empty, fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 600 }).map((seconds) => ` ${seconds} `));

/** Ids of other kinds, digits alone, broken prefixes: never an id of `prefix`'s kind. */
const wrongId = (prefix: string): fc.Arbitrary<unknown> =>
	fc.oneof(
		fc.constantFrom('c_100001', 'o_3001', 's_501', 'ls_1', 'cf_101', 'a_1', 'l_1001', 'sig_12345').filter((id) => !id.startsWith(prefix)),
		fc.constantFrom(`${prefix}`, `${prefix}x`, `${prefix.toUpperCase()}12`, `${prefix}12x`, `${prefix}-1`, `${prefix}1.5`, `${prefix}1 2`, `x${prefix}1`, '100001', 'ada@example.com'),
		fc.integer({ min: 0, max: 1e9 }),
		notAString,
	);

const columnsOf = (options: typeof CONTACT_COLUMNS) => {
	const values = options.map((option) => String(option.value));
	return fc.oneof(
		fc.subarray(values, { maxLength: 5 }),
		fc.subarray(values, { minLength: 1, maxLength: 3 }).map((list) => list.join(', ')),
	);
};
const badColumns = fc.oneof(
	fc.constantFrom<unknown>('shoeSize', 'fullname', ['title', 'nope'], 'cf_', 'recordCount'),
	fc.constant([{ column: 'title' }]),
	fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.string(), { minKeys: 1, maxKeys: 2 }),
);

const p = fieldBreakage;


// ----- Contact > Get by ID ---------------------------------------------------------------------------

const getByIdValid = fc
	.record({ id: padded([ADA, GRACE]), columns: columnsOf(CONTACT_COLUMNS), timeout })
	.map(({ id, ...rest }) => ({ json: { id, ...rest } as IDataObject, expect: { id: id.trim(), maxItems: 1 } }));

const getByIdBreakage: fc.Arbitrary<FieldBreakage> = fc.oneof(
	{ weight: 4, arbitrary: p('contact id of the wrong shape', 'Contact', wrongId('c_'), 'id') },
	p('contact id empty', 'Contact', fc.constantFrom<unknown>('', '   ', null), 'id'),
	p('unknown column', 'Columns', badColumns, 'columns'),
	p('timeout not a number from 1 to 600', 'Timeout (Seconds)', badTimeout, 'timeout'),
);

const wellFormed = (prefix: string) => (key: string, value: unknown) =>
	typeof value === 'string' && new RegExp(`^\\s*${prefix}\\d+\\s*$`).test(value) && ['id', 'contact', 'org', 'segment', 'sortId'].includes(key);

const getById: Variant = {
	name: 'Contact > Get by ID',
	runs: 3,
	parameters: {
		resource: 'contact',
		operation: 'getById',
		contactId: locator('={{ $json.id }}'),
		columns: '={{ $json.columns }}',
		options: { maxConcurrency: 10, timeout: '={{ $json.timeout }}' },
	},
	cases: mix(
		getByIdValid.map(({ json, expect }): FuzzCase => ({ kind: 'valid', json, expect })),
		fc.tuple(getByIdValid, getByIdBreakage).map(([{ json }, brk]): FuzzCase => ({ kind: 'defect', json: { ...json, ...brk.patch }, field: brk.field, defect: brk.defect })),
		// A well-formed id the workspace does not have is a 404 from the server, not bad input: not generated.
		mutated(getByIdValid.map(({ json }) => json), ['id', 'columns', 'timeout'], wellFormed('[a-z]+_')),
	),
	isRead: (path) => path.startsWith('/community/v2/contacts/'),
	recordPrefix: 'c_',
};

// ----- Contact > Get Many ------------------------------------------------------------------------------

/** Sort By and the id it needs: lead scores 1, 2, 4 are the seed's contact scores, fields 101–114 its contact fields. */
const validSort = fc.oneof(
	fc.constantFrom<[unknown, unknown]>(['id', undefined], ['latestActivity', ''], ['name', 'cf_1'], ['', undefined], [null, undefined]),
	padded(['ls_1', 'ls_2', 'ls_4']).map((id): [unknown, unknown] => ['leadScore', id]),
	fc.integer({ min: 101, max: 114 }).map((n): [unknown, unknown] => ['customField', `cf_${n}`]),
);

const contactsValid = fc
	.record({
		returnAll: yesNo(false),
		limit: limitAndMax,
		org: fc.oneof(empty, padded(['o_3001', 'o_3002', 'o_77'])),
		segment: fc.oneof(empty, padded(['s_501', 's_502', 's_9'])),
		sort: validSort,
		direction: fc.constantFrom<unknown>('asc', 'desc', '', null, ' desc '),
		columns: columnsOf(CONTACT_COLUMNS),
		timeout,
	})
	.map(({ returnAll: [returnAll, all], limit: [limit, max], sort: [sortBy, sortId], ...rest }) => ({
		json: { returnAll, limit, sortBy, sortId, ...rest } as IDataObject,
		expect: { maxItems: all ? Number.POSITIVE_INFINITY : max },
	}));

const contactsBreakage: fc.Arbitrary<FieldBreakage> = fc.oneof(
	p('organization id of the wrong shape', 'Organization', wrongId('o_'), 'org'),
	p('segment id of the wrong shape', 'Segment', wrongId('s_'), 'segment'),
	p('sort by no option', 'Sort By', fc.oneof(fc.constantFrom<unknown>('score', 'Name', 'latest_activity', 'ls_1'), objectNotText), 'sortBy'),
	fieldBreakage('lead score id of the wrong shape', 'Lead Score ID', wrongId('ls_'), 'sortId').map((brk) => ({ ...brk, patch: { ...brk.patch, sortBy: 'leadScore' } })),
	fieldBreakage('lead score id empty', 'Lead Score ID', fc.constantFrom<unknown>('', ' ', null), 'sortId').map((brk) => ({ ...brk, patch: { ...brk.patch, sortBy: 'leadScore' } })),
	fieldBreakage('custom field id of the wrong shape', 'Custom Field ID', wrongId('cf_'), 'sortId').map((brk) => ({ ...brk, patch: { ...brk.patch, sortBy: 'customField' } })),
	p('direction no option', 'Sort Direction', fc.oneof(fc.constantFrom<unknown>('up', 'ASC', 'descending', 1), objectNotText), 'direction'),
	p('unknown column', 'Columns', badColumns, 'columns'),
	fieldBreakage('limit not a whole number of at least 1', 'Limit', badLimit, 'limit').map((brk) => ({ ...brk, patch: { ...brk.patch, returnAll: false } })),
	p('return all not true or false', 'Return All', notYesNo, 'returnAll'),
	p('timeout not a number from 1 to 600', 'Timeout (Seconds)', badTimeout, 'timeout'),
);

const contactsGetAll: Variant = {
	name: 'Contact > Get Many',
	runs: 4,
	parameters: {
		resource: 'contact',
		operation: 'getAll',
		returnAll: '={{ $json.returnAll }}',
		limit: '={{ $json.limit }}',
		filters: { organizationId: locator('={{ $json.org }}'), segmentId: locator('={{ $json.segment }}') },
		sortBy: '={{ $json.sortBy }}',
		sortLeadScoreId: '={{ $json.sortId }}',
		sortCustomFieldId: '={{ $json.sortId }}',
		sortDirection: '={{ $json.direction }}',
		columns: '={{ $json.columns }}',
		options: { maxConcurrency: 10, timeout: '={{ $json.timeout }}' },
	},
	cases: mix(
		contactsValid.map(({ json, expect }): FuzzCase => ({ kind: 'valid', json, expect })),
		fc.tuple(contactsValid, contactsBreakage).map(([{ json }, brk]): FuzzCase => ({ kind: 'defect', json: { ...json, ...brk.patch }, field: brk.field, defect: brk.defect })),
		mutated(contactsValid.map(({ json }) => json), ['returnAll', 'limit', 'org', 'segment', 'sortBy', 'sortId', 'direction', 'columns', 'timeout'], wellFormed('[a-z]+_')),
	),
	isRead: (path) => path.startsWith('/community/v2/contacts?'),
	recordPrefix: 'c_',
};

// ----- Activity > Get Many -------------------------------------------------------------------------

/** No bounds, one of them, or both in order (both inclusive, so equal instants are a range). */
const validRange = fc.oneof(
	fc.constant<[unknown, unknown]>([undefined, undefined]),
	dateTimeAndInstant.map(([text]): [unknown, unknown] => [text, '']),
	dateTimeAndInstant.map(([text]): [unknown, unknown] => [null, text]),
	fc.tuple(dateTimeAndInstant, dateTimeAndInstant).map(([a, b]): [unknown, unknown] => (Date.parse(a[1]) <= Date.parse(b[1]) ? [a[0], b[0]] : [b[0], a[0]])),
);

const activitiesValid = fc
	.record({
		limit: limitAndMax,
		contact: fc.oneof(empty, padded([ADA, GRACE, 'c_100010', 'c_5'])),
		org: fc.oneof(empty, padded(['o_3001', 'o_3002', 'o_77'])),
		range: validRange,
		order: fc.constantFrom<unknown>('asc', 'desc', '', null),
		columns: columnsOf(ACTIVITY_COLUMNS),
		timeout,
	})
	.map(({ limit: [limit, max], range: [from, to], ...rest }) => ({
		json: { limit, from, to, ...rest } as IDataObject,
		expect: { maxItems: max },
	}));

const activitiesBreakage: fc.Arbitrary<FieldBreakage> = fc.oneof(
	{ weight: 2, arbitrary: p('occurred from a bare number', 'Occurred From', bareNumberDate, 'from') },
	{ weight: 2, arbitrary: p('occurred to a bare number', 'Occurred To', bareNumberDate, 'to') },
	p('occurred from not a date', 'Occurred From', fc.oneof(impossibleDate, fc.constantFrom<unknown>({}, [2026, 1, 1], true)), 'from'),
	p('occurred to not a date', 'Occurred To', fc.oneof(impossibleDate, fc.constantFrom<unknown>({}, ['2026-01-01'], false)), 'to'),
	fc
		.tuple(dateTimeAndInstant, fc.integer({ min: 1, max: 1e10 }))
		.map(([[text, instant], ms]): FieldBreakage => ({ defect: 'from after to', field: 'Occurred From', patch: { from: new Date(Date.parse(instant) + ms).toISOString(), to: text } })),
	p('contact id of the wrong shape', 'Contact', wrongId('c_'), 'contact'),
	p('organization id of the wrong shape', 'Organization', wrongId('o_'), 'org'),
	p('order no option', 'Order', fc.oneof(fc.constantFrom<unknown>('newest', 'DESC', 'activityTime'), objectNotText), 'order'),
	p('unknown column', 'Columns', fc.oneof(badColumns, fc.constant<unknown>('fullName')), 'columns'),
	p('limit not a whole number of at least 1', 'Limit', badLimit, 'limit'),
);

const activitiesGetAll: Variant = {
	name: 'Activity > Get Many',
	runs: 4,
	parameters: {
		resource: 'activity',
		operation: 'getAll',
		returnAll: false,
		limit: '={{ $json.limit }}',
		filters: {
			contactId: locator('={{ $json.contact }}'),
			organizationId: locator('={{ $json.org }}'),
			occurredFrom: '={{ $json.from }}',
			occurredTo: '={{ $json.to }}',
		},
		order: '={{ $json.order }}',
		columns: '={{ $json.columns }}',
		options: { maxConcurrency: 10, timeout: '={{ $json.timeout }}' },
	},
	cases: mix(
		activitiesValid.map(({ json, expect }): FuzzCase => ({ kind: 'valid', json, expect })),
		fc.tuple(activitiesValid, activitiesBreakage).map(([{ json }, brk]): FuzzCase => ({ kind: 'defect', json: { ...json, ...brk.patch }, field: brk.field, defect: brk.defect })),
		// Random text can be a date (`new Date("1 2")`) after To: only bounds that stay in order are mutated into.
		mutated(activitiesValid.map(({ json }) => json), ['limit', 'contact', 'org', 'order', 'columns', 'timeout'], wellFormed('[a-z]+_')),
	),
	isRead: (path) => path.startsWith('/community/v2/activities?'),
	recordPrefix: 'a_',
};

// ----- the suite -----------------------------------------------------------------------------------

let emulator: Emulator;
const counts = emptyCounts();

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, quiet: true, commonRoom: { ratePerSecond: 1000 } });
});

afterAll(async () => {
	await emulator.stop();
	console.log(
		[
			`Fuzz: Common Room API v2 reads (Contact Get by ID / Get Many, Activity Get Many) (seed ${SEED})`,
			`  generated: ${counts.generated} (valid ${counts.byKind.valid}, one broken field ${counts.byKind.defect}, random JSON ${counts.byKind.chaos})`,
			`  rejected before sending: ${counts.rejectedBeforeSending}`,
			`  reads sent: ${counts.sent}; accepted items: ${counts.accepted} (records checked against their Limit / ID: ${counts.factsChecked})`,
			`  custom field definition reads: ${counts.definitionReads}`,
			`  crashes: ${counts.crashes}`,
		].join('\n'),
	);
});

const variants = [getById, contactsGetAll, activitiesGetAll];

describe.each(variants.map((variant, offset) => [variant.name, variant, offset] as const))('Common Room v2 fuzz, %s', (_name, variant, offset) => {
	it(`${variant.runs} runs of hostile items: no crash, nothing invalid sent, errors name item and field`, async () => {
		const before = counts.generated;
		await checkBatches(
			batchOf(variant.cases, BATCH),
			async (cases) => assertNoViolations(await runReadBatch(emulator, variant, cases, counts)),
			{ seed: SEED + offset, numRuns: variant.runs },
		);
		expect(counts.generated - before).toBe(variant.runs * BATCH);
		expect(counts.crashes).toBe(0);
	}, 180_000);
});

it('generated at least 1,000 items, rejected the broken ones before sending, read only for the accepted ones', () => {
	expect(counts.generated).toBeGreaterThanOrEqual(1000);
	expect(counts.byKind.defect).toBeGreaterThan(0);
	expect(counts.byKind.valid).toBeGreaterThan(0);
	expect(counts.rejectedBeforeSending).toBeGreaterThanOrEqual(counts.byKind.defect);
	expect(counts.sent).toBe(counts.accepted);
	expect(counts.crashes).toBe(0);
});
