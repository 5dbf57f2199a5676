/**
 * Fuzz: Team Common Ground Activity > Create and Task > Create Task with generated hostile items.
 * Every field is an expression (`={{ $json.… }}`), so objects, numbers, unicode, 200 KB strings
 * and `__proto__` keys reach the node as they would from a webhook. 11 runs × 100 items,
 * Continue On Fail. See support/harness.ts for what each item must satisfy.
 *
 * The values issue 13 found sent silently wrong are generated on purpose: Due At as a bare number
 * (digits, signed, decimal, a JS number) and Client Email with non-ASCII letters or a quoted name
 * are defects; the yes/no fields (All Clients, Has Time, Retry Creates After Server Errors) take
 * true / false and the texts "true" / "false" in any case, and valid items check that the stored
 * activity holds the boolean the text means for All Clients and Has Time, and the instant Due At
 * means (Retry Creates only changes what follows a server error, which these runs never cause).
 */
import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../../emulator';
import {
	anyText,
	apiRefusedEmail,
	badEmail,
	bareNumberDate,
	batchOf,
	chaosValue,
	conversionKeyedObject,
	dateTimeAndInstant,
	fieldBreakage,
	fuzzSeed,
	hugeText,
	idToken,
	impossibleDate,
	invalidUrl,
	jsonValue,
	mix,
	mutated,
	notAString,
	notYesNo,
	objectNotText,
	plainEmail,
	protoKeyedObject,
	validSlug,
	yesNo,
	type FieldBreakage,
	type FuzzCase,
} from './support/hostile';
import { describeFuzz, emptyCounts, formatCounts, type BatchSpec } from './support/harness';

const SEED = fuzzSeed(20261124);
const ACTIVITY_RUNS = 8;
const TASK_RUNS = 3;
const BATCH = 100;
const RETRY_CREATES = 'Retry Creates After Server Errors (May Create Duplicates)';

type Operation = 'activity' | 'task';

// ----- valid items -------------------------------------------------------------------------------

const activityType = fc.oneof(
	fc.constantFrom('note', 'business_note', 'business_update', 'email', 'message', 'follow_up_created', 'report_issue_created', 'client_added'),
	fc.stringMatching(/^c_[a-z0-9_]{1,20}$/),
);

/** Near the 100 KB limit (the node must measure what it sends, as the server does). */
const nearLimitMessage = fc
	.tuple(fc.integer({ min: 101_000, max: 102_300 }), fc.constantFrom('a', 'é', '"', '\\', '\n'))
	.map(([bytes, unit]) => unit.repeat(Math.floor(bytes / Buffer.byteLength(JSON.stringify(unit).slice(1, -1)))));

const validClient = fc.oneof(
	fc.record({ clientEmail: fc.oneof(plainEmail('fuzz.'), fc.constantFrom('john@example.com', '  Customer@Example.com ')) }),
	fc.record({ clientPhone: fc.constantFrom('+1 (555) 123-4567', '555-987-6543', '+44 20 7946 0000', '1') }),
	fc.record({ clientId: idToken, clientFirstName: anyText(20), clientLastName: anyText(20) }),
	fc.record({ clientId: fc.constant('ABCDE12345'), clientEmail: fc.constant('john@example.com') }),
);

const validData = fc.oneof(
	fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), jsonValue(2), { maxKeys: 5 }),
	conversionKeyedObject,
	protoKeyedObject,
	fc.constant({ orderId: '12345', total: 99.99, nested: { ok: [1, 'two', null] } }),
);

const validBase = fc.record({
	type: activityType,
	source: validSlug.filter((slug) => slug !== 'strict-app'),
	message: fc.oneof({ weight: 8, arbitrary: anyText(300) }, { weight: 1, arbitrary: fc.constant({ text: 'an object as message' }) }),
	teamRoles: fc.subarray(['admin', 'staff']),
	allClients: yesNo(false),
	userIds: fc.array(fc.oneof(idToken, idToken.map((id) => `user:${id}`)), { maxLength: 3 }),
	externalIds: fc.array(idToken, { maxLength: 2 }),
	tags: fc.array(idToken, { maxLength: 3 }),
	links: fc.array(fc.oneof(fc.webUrl(), fc.constantFrom('https://example.com/order/456', 'http://名前.example/ü?q=1')), { maxLength: 2 }),
	createdBy: fc.oneof(fc.constant(''), idToken),
	data: validData,
	timeout: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 600 }).map((seconds) => `${seconds}`)),
	retry: yesNo(false),
});

type Base = fc.Arbitrary<IDataObject>;
/** A valid item, and what the stored activity must show for it. */
const validItemAndFacts: fc.Arbitrary<{ json: IDataObject; expect: Record<string, unknown> }> = fc
	.tuple(validBase, validClient)
	.map(([{ allClients: [allClients, sharedWithClients], retry: [retry], ...base }, client]) => ({
		json: { ...base, allClients, retry, ...client } as IDataObject,
		expect: { allClients: sharedWithClients },
	}));
const validItem: Base = validItemAndFacts.map(({ json }) => json);

// ----- one broken field --------------------------------------------------------------------------

type Breakage = FieldBreakage;

const p = fieldBreakage;

const activityBreakage: fc.Arbitrary<Breakage> = fc.oneof(
	p('custom type not a slug', 'Custom Type', fc.constantFrom('Site Visit', 'c_', 'c_Upper', 'NOTE', 'c_ü', 'task', '', {}, 42), 'type'),
	p('source not a slug', 'Source', fc.oneof(fc.constantFrom('My CRM', 'x'.repeat(51), 'ünïcode', 'a/b', {}), fc.string({ minLength: 1, maxLength: 8 }).filter((s) => /[^a-z0-9_-]/.test(s) && s.trim() === s && s !== '')), 'source'),
	p('client email without @', 'Client Email', fc.oneof(badEmail.filter((e) => e.trim() !== ''), notAString.filter((v) => !Array.isArray(v) || v.length > 0)), 'clientEmail'),
	p('client email the API refuses (non-ASCII, quoted)', 'Client Email', apiRefusedEmail, 'clientEmail'),
	p('client phone without digits', 'Client Phone', fc.constantFrom('call me', '---', '+()', 'n/a'), 'clientPhone'),
	p('client id with spaces', 'Client ID', fc.constantFrom('cust 1', 'a b c', ' x\ty '), 'clientId'),
	p('client phone not text', 'Client Phone', notAString, 'clientPhone'),
	p('client first name not text', 'Client First Name', notAString, 'clientFirstName'),
	p('client last name not text', 'Client Last Name', notAString, 'clientLastName'),
	p('all clients not true or false', 'All Clients', notYesNo, 'allClients'),
	p('retry creates not true or false', RETRY_CREATES, notYesNo, 'retry'),
	p('links not http(s) URLs', 'Links', invalidUrl.map((url) => [url]), 'links'),
	p('tag id with spaces', 'Tag IDs', fc.constantFrom(['tag one'], ['ok', 'not ok']), 'tags'),
	p('created by with spaces', 'Created By', fc.constantFrom('two words', 'a\tb'), 'createdBy'),
	p('data not an object', 'Data', fc.constantFrom('[1, 2]', '"text"', '{broken', 42, [1], true, 'null'), 'data'),
	p('200 KB message', 'Body', hugeText, 'message'),
	p('timeout not a number from 1 to 600', 'Timeout (Seconds)', fc.oneof(objectNotText, fc.constantFrom<unknown>('ten', 'NaN', ' ', '0x10', 0, -5, 601, 1e309, true)), 'timeout'),
	p('visibility: unknown team role', 'Team Roles', fc.constantFrom(['owner'], ['superuser'], ['role:admin'], ['client'], ['admin', 'group:all']), 'teamRoles'),
	p('visibility: role where a user ID belongs', 'Specific Users (User IDs)', fc.constantFrom(['role:owner'], ['ROLE:admin'], ['a b'], ['x'.repeat(129)]), 'userIds'),
	p('visibility: bad external client id', 'Specific Clients (External Client IDs)', fc.constantFrom(['role:client'], ['two words'], ['x'.repeat(257)]), 'externalIds'),
);

const noClient: fc.Arbitrary<Breakage> = fc.constant({ defect: 'no client id, email or phone', field: 'Client', patch: { clientEmail: '', clientPhone: '', clientId: '' } });
const clientIdWithoutSource: fc.Arbitrary<Breakage> = fc.constant({
	defect: 'client id without source',
	field: 'Source',
	patch: { clientId: 'cust_1', source: '', externalIds: [] },
});

function defectCase(operation: Operation): fc.Arbitrary<FuzzCase> {
	const breakage =
		operation === 'task'
			? fc.oneof(
					p('impossible due date', 'Due At', fc.oneof(impossibleDate, fc.constantFrom({}, [2024, 2, 30], true)), 'dueAt'),
					// Seconds or milliseconds? Refused as ambiguous, never read as January 1970.
					p('due date a bare number', 'Due At', bareNumberDate, 'dueAt'),
					// Has Time is only read with a due date.
					notYesNo.map((hasTime): Breakage => ({ defect: 'has time not true or false', field: 'Has Time', patch: { dueAt: '2030-01-01T10:00:00Z', hasTime } as IDataObject })),
					// Task > Create Task has a fixed type: every other breakage applies.
					activityBreakage.filter((brk) => brk.field !== 'Custom Type'),
				)
			: fc.oneof({ weight: 12, arbitrary: activityBreakage }, { weight: 1, arbitrary: noClient }, { weight: 1, arbitrary: clientIdWithoutSource });
	return fc.tuple(validItem, breakage).map(([item, brk]) => {
		const json = { ...item, ...brk.patch };
		// The broken field must be the only problem: an item identified by phone alone stays valid otherwise.
		if (brk.field === 'Client Phone' || brk.field === 'Client ID') json.clientEmail = 'john@example.com';
		if (brk.field === 'Client ID') json.source = 'my-crm';
		if (operation === 'task') delete json.type;
		return { kind: 'defect', json, field: brk.field, defect: brk.defect };
	});
}

function validCase(operation: Operation): fc.Arbitrary<FuzzCase> {
	if (operation === 'activity') return validItemAndFacts.map(({ json, expect }) => ({ kind: 'valid', json, expect }));
	// Has Time is read (true when empty) only with a due date; the emulator stores both as sent.
	return fc.tuple(validItemAndFacts, fc.option(dateTimeAndInstant, { nil: undefined }), yesNo(true)).map(([{ json, expect }, due, [hasTime, withTime]]) => {
		const rest: IDataObject = { ...json };
		delete rest.type; // Create Task has a fixed type
		const dueFacts = due ? { dueAt: due[1], hasTime: withTime } : { dueAt: null, hasTime: null };
		return { kind: 'valid', json: { ...rest, dueAt: due?.[0], hasTime: hasTime as IDataObject[string] }, expect: { ...expect, ...dueFacts } };
	});
}

function chaosCase(operation: Operation): fc.Arbitrary<FuzzCase> {
	const keys = ['type', 'source', 'clientId', 'clientEmail', 'clientPhone', 'message', 'teamRoles', 'allClients', 'userIds', 'externalIds', 'tags', 'links', 'createdBy', 'data', 'dueAt', 'retry', '__proto__'];
	const base = validCase(operation).map((fuzzCase) => fuzzCase.json);
	// Chaos cases are not checked against `expect`: their json is the only thing carried over.
	return fc.oneof(
		// Random JSON in random fields.
		fc.array(fc.tuple(fc.constantFrom(...keys), chaosValue), { maxLength: 10 }).map((pairs) => {
			const text = `{${pairs.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value ?? null)}`).join(',')}}`;
			return { kind: 'chaos' as const, json: JSON.parse(text) as IDataObject };
		}),
		// A valid item with a few fields replaced by random JSON.
		mutated(base, [...keys.filter((key) => key !== '__proto__'), 'clientFirstName', 'clientLastName', 'hasTime']),
		// A valid item whose message lands around the 100 KB limit: accepted, or rejected naming Body.
		fc.tuple(base, nearLimitMessage).map(([item, message]) => ({ kind: 'chaos' as const, json: { ...item, message }, defect: 'near the 100 KB limit' })),
	);
}

function parameters(operation: Operation): INodeParameters {
	const common: INodeParameters = {
		source: '={{ $json.source }}',
		clientMode: 'identify',
		clientId: '={{ $json.clientId }}',
		clientEmail: '={{ $json.clientEmail }}',
		clientPhone: '={{ $json.clientPhone }}',
		clientFirstName: '={{ $json.clientFirstName }}',
		clientLastName: '={{ $json.clientLastName }}',
		message: '={{ $json.message }}',
		visibilityMode: 'custom',
		visibilityTeamRoles: '={{ $json.teamRoles }}',
		visibilityAllClients: '={{ $json.allClients }}',
		visibilityUserIds: '={{ $json.userIds }}',
		visibilityExternalClientIds: '={{ $json.externalIds }}',
		additionalFields: {
			tags: '={{ $json.tags }}',
			links: '={{ $json.links }}',
			createdBy: '={{ $json.createdBy }}',
			data: '={{ $json.data }}',
		},
		options: { maxConcurrency: 10, timeout: '={{ $json.timeout }}', retryCreatesOnServerError: '={{ $json.retry }}' },
	};
	if (operation === 'task') {
		return { resource: 'task', operation: 'createTask', ...common, dueAt: '={{ $json.dueAt }}', hasTime: '={{ $json.hasTime }}' };
	}
	return { resource: 'activity', operation: 'create', activityType: 'custom', customType: '={{ $json.type }}', ...common };
}

let emulator: Emulator;
const counts = emptyCounts();

beforeAll(async () => {
	// A high per-minute limit with headers on: the client learns it from the first answer.
	emulator = await startEmulator({ port: 0, quiet: true, teamCommonGround: { perMinute: 600_000 } });
});

afterAll(async () => {
	await emulator.stop();
	console.log(formatCounts('Fuzz: Team Common Ground Activity > Create and Task > Create Task', counts, SEED));
});

function spec(operation: Operation): BatchSpec {
	return {
		kind: 'teamCommonGround',
		emulator,
		parameters: parameters(operation),
		accepted: (json) => ({ ok: typeof json.activityId === 'string' && json.activityId !== '', storedId: json.activityId as string }),
		storedIds: (em) => new Set(em.state.teamCommonGround.activities().map((activity) => activity.id)),
		storedState: (em) => ({ activities: em.state.teamCommonGround.activities(), clients: em.state.teamCommonGround.clients(), mappings: em.state.teamCommonGround.mappings() }),
		isWrite: (entry) => entry.method === 'POST' && entry.path.startsWith('/v1/activities'),
		facts: (em) => {
			const stored = new Map(em.state.teamCommonGround.activities().map((activity) => [activity.id, activity]));
			return (_output, id) => {
				const activity = id === undefined ? undefined : stored.get(id);
				if (!activity) return undefined;
				// All Clients adds role:client to the visibility sent (helpers/visibility.ts); nothing else does.
				return { allClients: (activity.requestedVisibility ?? []).includes('role:client'), dueAt: activity.dueAt, hasTime: activity.hasTime };
			};
		},
	};
}

describeFuzz(
	'Team Common Ground fuzz',
	counts,
	([
		['activity', ACTIVITY_RUNS],
		['task', TASK_RUNS],
	] as Array<[Operation, number]>).map(([operation, runs], offset) => ({
		name: operation,
		runs,
		seed: SEED + offset,
		cases: batchOf(mix(validCase(operation), defectCase(operation), chaosCase(operation)), BATCH),
		spec: () => spec(operation),
	})),
);
