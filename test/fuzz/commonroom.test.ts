/**
 * Fuzz: Common Room Contact > Create or Update with generated hostile items, in both ways users
 * feed it: "Map Input Fields by Name" (the item's own keys, `__proto__` included) and "Define
 * Below" with every field an expression (`={{ $json.… }}`, so objects and numbers arrive where
 * strings belong); and Activity > Create with every field an expression. 14 runs × 100 items,
 * Continue On Fail. See support/harness.ts for what each item must satisfy.
 *
 * The values issue 13 found sent silently wrong are generated on purpose, as defects: bare
 * numbers (digits, signed, decimal, JS numbers) for custom date fields and Occurred At; whole
 * numbers past 2^53 - 1 for custom int fields (and number fields as text); emails with non-ASCII
 * letters or a quoted name. Check Member Exists takes true / false and the texts "true" / "false"
 * in any case; valid items check what was stored (the boolean the text means, the instant
 * Occurred At means, integers at 2^53 - 1 exactly).
 */
import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../../emulator';
import { STANDARD_FIELD_LABELS } from '../../packages/n8n-nodes-commonroom/nodes/CommonRoom/actions/contact/fields';
import type { StandardField } from '../../packages/n8n-nodes-commonroom/nodes/CommonRoom/helpers/contactMapping';
import {
	anyText,
	apiRefusedEmail,
	badEmail,
	bareNumberDate,
	batchOf,
	chaosValue,
	dateTimeAndInstant,
	fieldBreakage,
	fuzzSeed,
	hugeText,
	impossibleDate,
	invalidUrl,
	jsonValue,
	mix,
	mutated,
	nonBlankText,
	notAString,
	notYesNo,
	objectNotText,
	pastSafeIntegerNumber,
	pastSafeIntegerText,
	plainEmail,
	protoKeyedFragment,
	safeIntegerEdge,
	yesNo,
	type FieldBreakage,
	type FuzzCase,
} from './support/hostile';
import { describeFuzz, emptyCounts, formatCounts, type BatchSpec } from './support/harness';

const SEED = fuzzSeed(20261123);
const RUNS_PER_MODE = 5;
const ACTIVITY_RUNS = 4;
const BATCH = 100;
const SOURCE_ID = '12345';

type Mode = 'autoMap' | 'defineBelow';
type Variant = Mode | 'activity';

// ----- valid values ------------------------------------------------------------------------------

const isoDay = fc
	.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
	.map((date) => date.toISOString().slice(0, 10));

/** Custom fields of the demo seed (source 12345 may write all but "Warehouse score"), with valid values. */
const validCustom: fc.Arbitrary<[string, unknown]> = fc.oneof(
	fc.tuple(fc.constantFrom('Plan', 'plan', '101'), fc.constantFrom('Free', 'Pro', 'Enterprise', 'pro')),
	fc.tuple(fc.constantFrom('Seats', '102'), fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 999 }).map(String))),
	fc.tuple(fc.constant('MRR'), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 })),
	fc.tuple(fc.constantFrom('Signup date', 'signup_date'), isoDay),
	fc.tuple(fc.constant('Website'), fc.constantFrom('https://example.com', 'http://acme.io/path?q=1', 'https://名前.example/ü')),
	fc.tuple(fc.constantFrom('Is customer', 'isCustomer'), fc.constantFrom(true, false, 'yes', 'no', 'TRUE', 0, 1)),
	fc.tuple(fc.constant('Nickname'), nonBlankText(30)),
	fc.tuple(fc.constant('Languages'), fc.subarray(['Python', 'TypeScript', 'Go', 'Rust'], { minLength: 1 })),
	fc.tuple(fc.constant('Milestones'), fc.array(isoDay, { minLength: 1, maxLength: 3 })),
	fc.tuple(fc.constant('Ticket IDs'), fc.array(fc.integer({ min: 1, max: 1e6 }), { minLength: 1, maxLength: 4 })),
);

/** Values at the edges of the rules, and what the contact's stored custom field must then hold. */
type ExactCustom = { entry: [string, unknown]; name: string; stored: unknown };
const exactCustom: fc.Arbitrary<ExactCustom> = fc.oneof(
	// Up to 2^53 - 1 a whole number is sent exactly, from text or a number.
	fc.tuple(fc.constantFrom('Seats', 'MRR'), safeIntegerEdge).map(([key, value]): ExactCustom => ({ entry: [key, value], name: key, stored: Number(String(value).trim()) })),
	// A date given as text keeps its own day, whatever its zone.
	fc
		.constantFrom(['2024-02-15T23:30:00-05:00', '2024-02-15'], ['2024-02-29', '2024-02-29'], [' 2000-01-01 ', '2000-01-01'], ['2024-07-04T00:30:00+14:00', '2024-07-04'])
		.map(([value, day]): ExactCustom => ({ entry: ['Signup date', value], name: 'Signup date', stored: day })),
);

/** Custom fields with values of the wrong type, and the field name the error must show. */
const invalidCustom: fc.Arbitrary<{ key: string; name: string; value: unknown }> = fc.oneof(
	fc.record({ key: fc.constant('Seats'), name: fc.constant('Seats'), value: fc.constantFrom('abc', 1.5, '12 seats', '1e400', {}, true) }),
	fc.record({ key: fc.constant('MRR'), name: fc.constant('MRR'), value: fc.constantFrom('NaN', '1,000', 'lots', '$5', { amount: 5 }) }),
	fc.record({ key: fc.constant('Signup date'), name: fc.constant('Signup date'), value: impossibleDate }),
	fc.record({ key: fc.constant('Website'), name: fc.constant('Website'), value: invalidUrl }),
	fc.record({ key: fc.constant('Is customer'), name: fc.constant('Is customer'), value: fc.constantFrom('maybe', 2, 'sí', -1) }),
	fc.record({ key: fc.constant('Plan'), name: fc.constant('Plan'), value: fc.constantFrom('Platinum', 'Free,Pro', ['Free', 'Pro']) }),
	fc.record({ key: fc.constant('Languages'), name: fc.constant('Languages'), value: fc.constantFrom(['Cobol'], 'Python, Klingon', [{ name: 'Go' }]) }),
	fc.record({ key: fc.constant('Milestones'), name: fc.constant('Milestones'), value: impossibleDate.map((day) => ['2024-01-01', day]) }),
	fc.record({ key: fc.constant('Ticket IDs'), name: fc.constant('Ticket IDs'), value: fc.constantFrom('1, x', [1, 2.5], ['7', 'seven']) }),
	fc.record({ key: fc.constant('Nickname'), name: fc.constant('Nickname'), value: notAString.filter((value) => !Array.isArray(value)) }),
);

interface ContactSpec {
	email: unknown;
	/** What the stored contact must hold (valid items only), by the names `facts` gives. */
	stored?: Record<string, unknown>;
	fields: Partial<Record<StandardField | 'externalProfiles' | 'tags', unknown>>;
	custom?: [string, unknown];
	/** Extra input keys (Map by Name only): unmapped keys, `__proto__`. */
	extras?: Array<[string, unknown]>;
	/** A JSON fragment merged in with JSON.parse semantics (own `__proto__` keys). */
	protoJson?: string;
	/** Timeout (Seconds), mapped by an expression (Define Below only). */
	timeout?: unknown;
}

const validFields = fc.record(
	{
		fullName: fc.oneof(nonBlankText(40), fc.constant("Zoë O'Brien-Łukasz 👩🏽‍💻")),
		companyName: anyText(40),
		titleAtCompany: anyText(30),
		bio: fc.oneof({ weight: 1, arbitrary: hugeText }, { weight: 6, arbitrary: anyText(200) }),
		city: anyText(20),
		twitterUsername: fc.oneof(fc.stringMatching(/^@?[A-Za-z0-9_]{1,15}$/), fc.constant('https://x.com/jack?s=20')),
		githubUsername: fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,20}$/), fc.constant('https://github.com/octocat')),
		linkedinUrl: fc.oneof(fc.stringMatching(/^in\/[a-z0-9-]{1,20}$/), fc.constant('https://www.linkedin.com/in/ada-lovelace/')),
		companyDomain: fc.constantFrom('acme.com', 'https://www.acme.co.uk/about', 'SUB.EXAMPLE.ORG'),
		avatarUrl: fc.constantFrom('https://example.com/a.png', 'http://cdn.example.org/u/1?size=64'),
		discordUsername: fc.constantFrom('ada', '@ada_l', 'legacy#1234'),
		externalProfiles: fc.constantFrom('https://jane.dev', 'https://jane.dev, https://mastodon.social/@jane'),
		tags: fc.constantFrom('VIP', 'Beta tester', 'Fuzzed tag ✨'),
	},
	{ requiredKeys: ['fullName'] },
);

let uniqueId = 0;
const uniqueEmail = plainEmail('fuzz.').map((email) => email.replace('@', `.${uniqueId++}@`));

const validSpec: fc.Arbitrary<ContactSpec> = fc
	.record(
		{
			email: fc.oneof(uniqueEmail, uniqueEmail.map((email) => `  ${email.toUpperCase()}  `)),
			fields: validFields,
			custom: fc.oneof({ weight: 4, arbitrary: validCustom.map((entry) => ({ entry })) }, { weight: 1, arbitrary: exactCustom }),
			extras: fc.array(fc.tuple(fc.stringMatching(/^x_[a-z0-9]{1,8}$/), jsonValue(1)), { maxLength: 2 }),
			protoJson: protoKeyedFragment,
			timeout: fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 600 }).map((seconds) => ` ${seconds} `)),
		},
		{ requiredKeys: ['email', 'fields', 'custom'] },
	)
	.map(({ custom, ...rest }): ContactSpec => ({
		...rest,
		custom: custom.entry,
		...('stored' in custom ? { stored: { [`custom ${custom.name}`]: custom.stored } } : {}),
	}));

/** One broken field on top of a valid contact: [what, the field key, the bad value]. */
type Breakage = { defect: string; key: StandardField | 'email' | 'externalProfiles' | 'tags' | 'custom' | 'customPicker' | 'timeout'; value: unknown; customName?: string };

/** A custom field broken the way issue 13 found sent silently wrong: [key, name shown, value]. */
const silentlyWrongCustom: fc.Arbitrary<Breakage> = fc.oneof(
	// Seconds or milliseconds? Refused as ambiguous, never read as a day in 1970.
	bareNumberDate.map((value): Breakage => ({ defect: 'custom date a bare number', key: 'custom', value, customName: 'Signup date\u0000Signup date' })),
	bareNumberDate.map((value): Breakage => ({ defect: 'custom dates with a bare number', key: 'custom', value: ['2024-01-01', value], customName: 'Milestones\u0000Milestones' })),
	// Past 2^53 - 1 the number sent would differ from the one given.
	fc.oneof(pastSafeIntegerText, pastSafeIntegerNumber).map((value): Breakage => ({ defect: 'custom int past 2^53', key: 'custom', value, customName: 'Seats\u0000Seats' })),
	fc.oneof(pastSafeIntegerText, pastSafeIntegerNumber).map((value): Breakage => ({ defect: 'custom ints with one past 2^53', key: 'custom', value: [7, value], customName: 'Ticket IDs\u0000Ticket IDs' })),
	pastSafeIntegerText.map((value): Breakage => ({ defect: 'custom number as whole-number text past 2^53', key: 'custom', value, customName: 'MRR\u0000MRR' })),
);

const breakage: fc.Arbitrary<Breakage> = fc.oneof(
	badEmail.map((value): Breakage => ({ defect: 'email not an address', key: 'email', value })),
	apiRefusedEmail.map((value): Breakage => ({ defect: 'email the API refuses (non-ASCII, quoted)', key: 'email', value })),
	notAString.map((value): Breakage => ({ defect: 'email is an object', key: 'email', value })),
	invalidUrl.map((value): Breakage => ({ defect: 'avatar URL invalid', key: 'avatarUrl', value })),
	fc.constantFrom('no domain', 'localhost', 'http://', '.com', 'acme..com').map((value): Breakage => ({ defect: 'company domain invalid', key: 'companyDomain', value })),
	fc.constantFrom('has space', 'bad!chars', 'x'.repeat(51), 'https://facebook.com/jack').map((value): Breakage => ({ defect: 'twitter invalid', key: 'twitterUsername', value })),
	fc.constantFrom('-leading', 'x'.repeat(40), 'https://gitlab.com/user', 'two words').map((value): Breakage => ({ defect: 'github invalid', key: 'githubUsername', value })),
	fc.constantFrom('https://example.com/in/ada', 'in/', 'in/two words').map((value): Breakage => ({ defect: 'linkedin invalid', key: 'linkedinUrl', value })),
	fc.constantFrom('x'.repeat(33), 'a@b', 'https://discord.com/channels/1').map((value): Breakage => ({ defect: 'discord invalid', key: 'discordUsername', value })),
	fc.constantFrom('not a url', 'https://ok.example, ftp://bad.example', '[broken json').map((value): Breakage => ({ defect: 'external profile invalid', key: 'externalProfiles', value })),
	fc.tuple(fc.constantFrom<StandardField>('fullName', 'companyName', 'bio', 'city', 'titleAtCompany'), notAString).map(
		([key, value]): Breakage => ({ defect: `object in ${key}`, key, value }),
	),
	invalidCustom.map(({ key, name, value }): Breakage => ({ defect: `custom field ${name} wrong type`, key: 'custom', value, customName: `${key}\u0000${name}` })),
	{ weight: 3, arbitrary: silentlyWrongCustom },
	objectNotText.map((value): Breakage => ({ defect: 'objects in the tag list', key: 'tags', value })),
);

const autoMapLabel = (key: string) => key;
const defineLabel = (key: string) =>
	key === 'email' ? 'Email' : key === 'externalProfiles' ? 'External Profile URLs' : key === 'tags' ? 'Tag Names' : STANDARD_FIELD_LABELS[key as StandardField];

function render(mode: Mode, spec: ContactSpec): IDataObject {
	if (mode === 'autoMap') {
		const json: IDataObject = { email: spec.email as IDataObject[string] };
		for (const [key, value] of Object.entries(spec.fields)) if (value !== undefined) json[key] = value as IDataObject[string];
		if (spec.custom) json[spec.custom[0]] = spec.custom[1] as IDataObject[string];
		for (const [key, value] of spec.extras ?? []) json[key] = value as IDataObject[string];
		// Own "__proto__"/"constructor" keys, as JSON.parse makes them from a webhook body.
		return spec.protoJson ? (JSON.parse(`{${spec.protoJson},${JSON.stringify(json).slice(1)}`) as IDataObject) : json;
	}
	const json: IDataObject = { email: spec.email as IDataObject[string], ...(spec.fields as IDataObject) };
	if (spec.custom) {
		json.cfField = spec.custom[0];
		json.cfValue = spec.custom[1] as IDataObject[string];
	}
	if (spec.timeout !== undefined) json.timeout = spec.timeout as IDataObject[string];
	return json;
}

function validCase(mode: Mode): fc.Arbitrary<FuzzCase> {
	return validSpec.map((spec) => ({
		kind: 'valid',
		json: render(mode, mode === 'autoMap' ? spec : { ...spec, extras: [] }),
		...(spec.stored ? { expect: spec.stored } : {}),
	}));
}

function defectCase(mode: Mode): fc.Arbitrary<FuzzCase> {
	const label = mode === 'autoMap' ? autoMapLabel : defineLabel;
	const unknownField: fc.Arbitrary<Breakage> = fc
		.constantFrom('Nonexistent field', 'Warehouse score', '999', '__proto__')
		.map((name) => ({ defect: `unknown custom field ${name}`, key: 'custom', value: 'x', customName: `${name}\u0000${name}` }));
	// The custom field picker given an object or a list by an expression (Define Below only).
	const pickerNotText: fc.Arbitrary<Breakage> = objectNotText.map((value) => ({ defect: 'custom field picked as an object', key: 'customPicker', value }));
	// Timeout (Seconds) by an expression: the editor's range check does not apply (Define Below only).
	const badTimeout: fc.Arbitrary<Breakage> = fc
		.oneof(objectNotText, fc.constantFrom('ten', 'NaN', '', ' ', 0, -5, 601, 1e309, true))
		.filter((value) => value !== '')
		.map((value) => ({ defect: 'timeout not a number from 1 to 600', key: 'timeout', value }));
	// An unknown input key in Map by Name is reported as unmapped, not an error: only Define Below picks fields.
	const broken =
		mode === 'defineBelow'
			? fc.oneof({ weight: 10, arbitrary: breakage }, { weight: 1, arbitrary: unknownField }, { weight: 1, arbitrary: pickerNotText }, { weight: 1, arbitrary: badTimeout })
			: breakage;
	return fc.tuple(validSpec, broken).map(([spec, brk]): FuzzCase => {
		const next: ContactSpec = { ...spec, fields: { ...spec.fields }, extras: mode === 'autoMap' ? spec.extras : [], stored: undefined };
		let field: string;
		if (brk.key === 'email') {
			next.email = brk.value;
			field = label('email');
		} else if (brk.key === 'customPicker') {
			next.custom = [brk.value as string, 'x'];
			field = 'Custom Fields › entry 1';
		} else if (brk.key === 'timeout') {
			next.timeout = brk.value;
			field = 'Timeout (Seconds)';
		} else if (brk.key === 'custom') {
			const [key, name] = (brk.customName as string).split('\u0000');
			next.custom = [key, brk.value];
			field = `Custom Fields › ${name}`;
		} else {
			next.fields[brk.key] = brk.value;
			field = label(brk.key);
		}
		return { kind: 'defect', json: render(mode, next), field, defect: brk.defect };
	});
}

function chaosCase(mode: Mode): fc.Arbitrary<FuzzCase> {
	const keys = ['email', 'fullName', 'companyName', 'avatarUrl', 'companyDomain', 'twitterUsername', 'linkedinUrl', 'githubUsername', 'discordUsername', 'externalProfiles', 'tags', 'Seats', 'Signup date', 'Plan', 'Website', '__proto__', 'constructor', 'cfField', 'cfValue', 'tagNames'];
	const random = fc
		.array(fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })), chaosValue), { maxLength: 8 })
		.map((pairs): FuzzCase => {
			// Built as text and parsed, so "__proto__" becomes an own key as in real input.
			const text = `{${pairs.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value ?? null)}`).join(',')}}`;
			return { kind: 'chaos', json: JSON.parse(text) as IDataObject };
		});
	const base = validCase(mode).map((fuzzCase) => fuzzCase.json);
	const fieldKeys = [...keys.filter((key) => !['__proto__', 'constructor', 'tagNames'].includes(key)), 'bio', 'city', 'Languages', 'Milestones', 'Is customer'];
	return fc.oneof(random, mutated(base, fieldKeys));
}

function parameters(mode: Mode): INodeParameters {
	const base = { resource: 'contact', operation: 'upsert', destinationSourceId: SOURCE_ID, options: { maxConcurrency: 10 } };
	if (mode === 'autoMap') return { ...base, fieldsToSend: 'autoMapInputData' };
	const additionalFields: Record<string, string> = {};
	for (const key of Object.keys(STANDARD_FIELD_LABELS)) additionalFields[key] = `={{ $json.${key} }}`;
	additionalFields.externalProfiles = '={{ $json.externalProfiles }}';
	additionalFields.tagNames = '={{ $json.tags }}';
	return {
		...base,
		options: { ...base.options, timeout: '={{ $json.timeout }}' },
		fieldsToSend: 'defineBelow',
		email: '={{ $json.email }}',
		additionalFields,
		customFieldsUi: { customFieldValues: [{ field: '={{ $json.cfField }}', value: '={{ $json.cfValue }}' }] },
	};
}

// ----- Activity > Create --------------------------------------------------------------------------

const ACTIVITY_TYPES = ['signed_up', 'started_training', 'purchased', 'attended_event', 'support_ticket', 'product_usage', 'replied'];

/** A valid activity item, and what the stored activity (and the output) must show for it. */
const validActivity: fc.Arbitrary<{ json: IDataObject; expect: Record<string, unknown> }> = fc
	.record({
		email: fc.oneof(uniqueEmail, uniqueEmail.map((email) => ` ${email.toUpperCase()} `)),
		activityType: fc.constantFrom(...ACTIVITY_TYPES),
		content: fc.oneof({ weight: 1, arbitrary: hugeText }, { weight: 9, arbitrary: anyText(200) }),
		occurredAt: fc.option(dateTimeAndInstant, { nil: undefined }),
		title: anyText(40),
		url: fc.constantFrom('', 'https://example.com/t/1', 'http://forum.example.org/post?id=2&a=ü'),
		tagNames: fc.constantFrom('', 'Feature request', 'Beta tester, Fuzzed activity tag ✨'),
		fullName: anyText(30),
		companyName: anyText(30),
		twitterUsername: fc.oneof(fc.constant(''), fc.stringMatching(/^@?[A-Za-z0-9_]{1,15}$/)),
		checkMember: yesNo(false),
		timeout: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 600 }).map((seconds) => ` ${seconds} `)),
	})
	.map(({ occurredAt, checkMember: [checkMember, checked], ...rest }) => ({
		json: { ...rest, occurredAt: occurredAt?.[0], checkMember } as IDataObject,
		// Check Member Exists looks the member up and outputs memberExists; Occurred At is stored as the instant it means.
		expect: { checkMemberExists: checked, ...(occurredAt ? { timestamp: occurredAt[1] } : {}) },
	}));

const p = fieldBreakage;

const activityBreakage: fc.Arbitrary<FieldBreakage> = fc.oneof(
	p('member email not an address', 'Member Email', fc.oneof(badEmail, notAString), 'email'),
	p('member email the API refuses (non-ASCII, quoted)', 'Member Email', apiRefusedEmail, 'email'),
	// Seconds or milliseconds? Refused as ambiguous, never read as January 1970.
	{ weight: 2, arbitrary: p('occurred at a bare number', 'Occurred At', bareNumberDate, 'occurredAt') },
	p('occurred at not a date', 'Occurred At', fc.oneof(impossibleDate, fc.constantFrom({}, [2024, 2, 30], true)), 'occurredAt'),
	{ weight: 2, arbitrary: p('check member exists not true or false', 'Check Member Exists', notYesNo, 'checkMember') },
	p('activity type empty or not text', 'Activity Type', fc.oneof(fc.constantFrom('', '   '), notAString), 'activityType'),
	p('URL invalid', 'URL', invalidUrl, 'url'),
	p('title not text', 'Title', notAString, 'title'),
	p('objects in the tag list', 'Tag Names', objectNotText, 'tagNames'),
	p('member full name not text', 'Member Fields › Full Name', notAString, 'fullName'),
	p('member twitter invalid', 'Member Fields › Twitter Username', fc.constantFrom('has space', 'bad!chars', 'x'.repeat(51), 'https://facebook.com/jack'), 'twitterUsername'),
	p('timeout not a number from 1 to 600', 'Timeout (Seconds)', fc.oneof(objectNotText, fc.constantFrom<unknown>('ten', 'NaN', ' ', 0, -5, 601, 1e309, true)), 'timeout'),
);

const activityCases = {
	valid: validActivity.map(({ json, expect }): FuzzCase => ({ kind: 'valid', json, expect })),
	defect: fc
		.tuple(validActivity, activityBreakage)
		.map(([{ json }, brk]): FuzzCase => ({ kind: 'defect', json: { ...json, ...brk.patch }, field: brk.field, defect: brk.defect })),
	chaos: (() => {
		// Not the activity type: the node sends any text there, and the list of types is the workspace's.
		const keys = ['email', 'content', 'occurredAt', 'title', 'url', 'tagNames', 'fullName', 'companyName', 'twitterUsername', 'checkMember', 'timeout'];
		const random = fc.array(fc.tuple(fc.constantFrom(...keys), chaosValue), { maxLength: 8 }).map((pairs): FuzzCase => {
			const text = `{${pairs.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value ?? null)}`).join(',')}}`;
			return { kind: 'chaos', json: { activityType: 'replied', ...(JSON.parse(text) as IDataObject) } };
		});
		return fc.oneof(random, mutated(validActivity.map(({ json }) => json), keys));
	})(),
};

const activityParameters: INodeParameters = {
	resource: 'activity',
	operation: 'create',
	destinationSourceId: SOURCE_ID,
	activityType: '={{ $json.activityType }}',
	email: '={{ $json.email }}',
	content: '={{ $json.content }}',
	additionalFields: {
		occurredAt: '={{ $json.occurredAt }}',
		title: '={{ $json.title }}',
		url: '={{ $json.url }}',
		tagNames: '={{ $json.tagNames }}',
	},
	memberFields: {
		fullName: '={{ $json.fullName }}',
		companyName: '={{ $json.companyName }}',
		twitterUsername: '={{ $json.twitterUsername }}',
	},
	options: { maxConcurrency: 10, timeout: '={{ $json.timeout }}', checkMemberExists: '={{ $json.checkMember }}' },
};

let emulator: Emulator;
const counts = emptyCounts();

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, quiet: true, commonRoom: { ratePerSecond: 1000 } });
});

afterAll(async () => {
	await emulator.stop();
	console.log(formatCounts('Fuzz: Common Room Contact > Create or Update and Activity > Create', counts, SEED));
});

function spec(variant: Variant): BatchSpec {
	if (variant === 'activity') {
		return {
			kind: 'commonRoom',
			emulator,
			parameters: activityParameters,
			accepted: (json) => ({ ok: json.status === 'upserted' && typeof json.id === 'string', storedId: json.id as string }),
			storedIds: (em) => new Set(em.state.commonRoom.activities().filter((a) => String(a.sourceId) === SOURCE_ID).map((a) => a.id)),
			storedState: (em) => ({ activities: em.state.commonRoom.activities(), contacts: em.state.commonRoom.contacts(), tags: em.state.commonRoom.tags() }),
			isWrite: (entry) => entry.method === 'POST' && entry.path === `/community/v1/source/${SOURCE_ID}/activity`,
			facts: (em) => {
				const stored = new Map(em.state.commonRoom.activities().map((activity) => [activity.id, activity]));
				return (output, id) => {
					const activity = id === undefined ? undefined : stored.get(id);
					return activity && { checkMemberExists: typeof output.memberExists === 'boolean', timestamp: activity.timestamp };
				};
			},
			// Check Member Exists: 404 = no member with this email yet (every generated email is new).
			expectedRefusal: (entry) => entry.method === 'GET' && entry.status === 404 && entry.path.startsWith('/community/v1/user/'),
		};
	}
	return {
		kind: 'commonRoom',
		emulator,
		parameters: parameters(variant),
		accepted: (json) => ({ ok: json.status === 'upserted' && typeof json.id === 'string', storedId: json.id as string }),
		storedIds: (em) => new Set(em.state.commonRoom.contacts().filter((c) => String(c.sourceId) === SOURCE_ID).map((c) => c.id)),
		storedState: (em) => ({ contacts: em.state.commonRoom.contacts(), tags: em.state.commonRoom.tags() }),
		isWrite: (entry) => entry.method === 'POST' && entry.path.startsWith(`/community/v1/source/${SOURCE_ID}/user`),
		facts: (em) => {
			const stored = new Map(em.state.commonRoom.contacts().filter((c) => String(c.sourceId) === SOURCE_ID).map((c) => [c.id, c]));
			return (_output, id) => {
				const contact = id === undefined ? undefined : stored.get(id);
				return contact && Object.fromEntries(Object.values(contact.customFields).map((field) => [`custom ${field.name}`, field.value]));
			};
		},
	};
}

describeFuzz('Common Room fuzz', counts, [
	...(['autoMap', 'defineBelow'] as Mode[]).map((mode, offset) => ({
		name: mode,
		runs: RUNS_PER_MODE,
		seed: SEED + offset,
		cases: batchOf(mix(validCase(mode), defectCase(mode), chaosCase(mode)), BATCH),
		spec: () => spec(mode),
	})),
	{
		name: 'activity',
		runs: ACTIVITY_RUNS,
		seed: SEED + 2,
		cases: batchOf(mix(activityCases.valid, activityCases.defect, activityCases.chaos), BATCH),
		spec: () => spec('activity'),
	},
]);
