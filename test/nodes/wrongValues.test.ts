/**
 * Values that used to be sent silently wrong (issue 13), each run through n8n's engine against
 * the emulator: the item now fails naming the item and field before any request, or the value is
 * sent right. Each case was sent wrong, or answered with a 400 the user could not read, before.
 */
import type { INodeParameters } from 'n8n-workflow';
import { readFileSync } from 'node:fs';

import { DEFAULT_SEED_PATH, startEmulator, type Emulator, type SeedData } from '../../emulator';
import { testCredential } from '../credentialTester';
import { requests, runCommonRoom, SOURCE_ID } from './commonroom/helpers';
import { activityRequests, created, createParams, NODE_NAME, run, tcgNode } from './teamcommonground/helpers';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, quiet: true, commonRoom: { ratePerSecond: 10_000 } });
});
beforeEach(() => emulator.reset());
afterAll(async () => await emulator.stop());

const continueOnFail = { onError: 'continueRegularOutput' as const };

function task(fields: INodeParameters): INodeParameters {
	return { resource: 'task', operation: 'createTask', message: 'Call back', clientEmail: 'customer@example.com', ...fields };
}

function upsert(fields: INodeParameters): INodeParameters {
	return { resource: 'contact', operation: 'upsert', destinationSourceId: SOURCE_ID, email: 'ada@example.com', ...fields };
}

function customFields(values: Record<string, unknown>): INodeParameters {
	return { customFieldValues: Object.entries(values).map(([field, value]) => ({ field, value })) } as INodeParameters;
}

describe('digit-only dates are refused as ambiguous, not read as 1970', () => {
	it.each([['1707991200'], ['0'], ['-1']])('Team Common Ground Due At %p', async (dueAt) => {
		const result = await run(emulator, [tcgNode(task({ dueAt: `={{ ${JSON.stringify(dueAt)} }}` }), NODE_NAME, continueOnFail)]);
		const [item] = result.output(NODE_NAME);
		expect(item.json.error).toBe(`Due At: ${JSON.stringify(dueAt)} is a bare number, which could be epoch seconds or milliseconds [item 0]`);
		expect(item.json.description).toMatch(/DateTime\.fromSeconds/);
		expect(activityRequests(emulator)).toHaveLength(0);
	});

	it('Due At from an ISO date-time is still sent, in UTC', async () => {
		await run(emulator, [tcgNode(task({ dueAt: '2024-02-15T10:00:00Z' }))]);
		expect(created(emulator)[0].payload).toMatchObject({ dueAt: '2024-02-15T10:00:00.000Z' });
	});

	it('Common Room Occurred At given epoch seconds fails the item, nothing sent', async () => {
		const run = await runCommonRoom(
			emulator,
			{
				resource: 'activity',
				operation: 'create',
				destinationSourceId: SOURCE_ID,
				activityType: 'signed_up',
				email: 'ada@example.com',
				additionalFields: { occurredAt: '={{ $json.created }}' },
			},
			{ input: [{ created: 1707991200 }], continueOnFail: true },
		);
		expect(run.items()[0].json.error).toMatch(/^Occurred At: "1707991200" is a bare number/);
		expect(requests(emulator)).toHaveLength(0);
	});

	it('a custom date field given digits fails naming the field, before any contact is written', async () => {
		const run = await runCommonRoom(emulator, upsert({ customFieldsUi: customFields({ 'Signup date': '1707991200' }) }), {
			continueOnFail: true,
		});
		expect(run.items()[0].json.error).toMatch(/^Custom Fields › Signup date: .*not a bare number such as "1707991200"/);
		expect(requests(emulator, 'POST')).toHaveLength(0);
	});
});

describe('whole numbers past 2^53 - 1 are refused, not rounded', () => {
	it('a custom int field', async () => {
		const run = await runCommonRoom(emulator, upsert({ customFieldsUi: customFields({ Seats: '9007199254740993' }) }), {
			continueOnFail: true,
		});
		expect(run.items()[0].json.error).toMatch(/^Custom Fields › Seats: .*"9007199254740993" is past 9007199254740991/);
		expect(requests(emulator, 'POST')).toHaveLength(0);
	});

	it.each([
		['segmentId', 'Segment'],
		['statusId', 'Status'],
	])('Add to Segment %s', async (name, field) => {
		const parameters: INodeParameters = { resource: 'contact', operation: 'addToSegment', segmentId: '501', email: 'ada@example.com', statusId: '1' };
		parameters[name] = '9007199254740993';
		const run = await runCommonRoom(emulator, parameters, { continueOnFail: true });
		expect(run.items()[0].json.error).toMatch(new RegExp(`^${field}: "9007199254740993" is past 9007199254740991 .*would be rounded \\[item 0\\]$`));
		expect(requests(emulator)).toHaveLength(0);
	});
});

describe("emails the APIs' format refuses fail before sending, naming the field", () => {
	it.each([['josé@example.com'], ['ada@exämple.com'], ['"ada lovelace"@example.com']])('Common Room Email %p', async (email) => {
		const run = await runCommonRoom(emulator, upsert({ email }), { continueOnFail: true });
		expect(run.items()[0].json.error).toMatch(/^Email: ".*" is not an email address \(/);
		expect(requests(emulator)).toHaveLength(0);
	});

	it('Team Common Ground Client Email', async () => {
		const result = await run(emulator, [tcgNode(createParams({ clientEmail: 'josé@example.com' }), NODE_NAME, continueOnFail)]);
		expect(result.output(NODE_NAME)[0].json.error).toMatch(/^Client Email: "josé@example.com" is not an email address \(only ASCII/);
		expect(activityRequests(emulator)).toHaveLength(0);
	});
});

describe('yes/no parameters are read one way everywhere', () => {
	it('Return All given the text "false" applies the limit', async () => {
		const run = await runCommonRoom(emulator, { resource: 'activityType', operation: 'getAll', returnAll: '={{ "false" }}', limit: 2 });
		expect(run.items()).toHaveLength(2);
	});

	it('Return All given "no" fails naming the field', async () => {
		const run = await runCommonRoom(emulator, { resource: 'activityType', operation: 'getAll', returnAll: '={{ "no" }}' }, { continueOnFail: true });
		expect(run.items()[0].json.error).toBe('Return All: must be true or false, got "no" [item 0]');
		expect(requests(emulator)).toHaveLength(0);
	});

	it('Check Member Exists given the text "false" looks nothing up; "yes" fails the item', async () => {
		const activity = (checkMemberExists: string): INodeParameters => ({
			resource: 'activity',
			operation: 'create',
			destinationSourceId: SOURCE_ID,
			activityType: 'signed_up',
			email: 'ada@example.com',
			options: { checkMemberExists: `={{ ${JSON.stringify(checkMemberExists)} }}` },
		});
		const off = await runCommonRoom(emulator, activity('false'));
		expect(off.items()[0].json.memberExists).toBeUndefined();
		expect(requests(emulator, 'GET', '/user/')).toHaveLength(0);
		const bad = await runCommonRoom(emulator, activity('yes'), { continueOnFail: true });
		expect(bad.items()[0].json.error).toBe('Check Member Exists: must be true or false, got "yes" [item 0]');
	});

	it('Retry Creates After Server Errors given the text "true" re-sends after a 500', async () => {
		emulator.injectFaults('teamCommonGround', { kind: 'status', status: 500, afterProcessing: true });
		const result = await run(emulator, [
			tcgNode(createParams({ clientEmail: 'customer@example.com', options: { retryCreatesOnServerError: '={{ "true" }}' } })),
		]);
		expect(result.output(NODE_NAME)[0].json.activityId).toEqual(expect.any(String));
		expect(activityRequests(emulator)).toHaveLength(2);
	});
});

describe('the credential test reads the Base URL as the node does', () => {
	it.each([
		['commonRoomApi', 'apiToken', () => emulator.tokens.commonRoom, () => emulator.commonRoomBaseUrl],
		['teamCommonGroundApi', 'apiKey', () => emulator.tokens.teamCommonGround, () => emulator.teamCommonGroundBaseUrl],
	] as const)('%s: spaces and trailing slashes around the Base URL pass, as the node accepts them', async (type, field, secret, baseUrl) => {
		const outcome = await testCredential(type, { [field]: secret(), baseUrl: `  ${baseUrl()}//  ` });
		expect(outcome).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});

describe('tags without entity types: one rule', () => {
	it('Tag > Get Many filtered by "Applies To" keeps a tag the API lists without entity types, as the dropdowns do', async () => {
		const seed = JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8')) as SeedData & { commonRoom: { tags: unknown[] } };
		seed.commonRoom.tags.push({ id: '1006', name: 'Legacy', description: null });
		const legacy = await startEmulator({ port: 0, quiet: true, seed, commonRoom: { ratePerSecond: 10_000 } });
		try {
			const run = await runCommonRoom(legacy, { resource: 'tag', operation: 'getAll', returnAll: true, filters: { entityType: 'member' } });
			expect(run.items().map((item) => item.json.name).sort()).toEqual(['Beta tester', 'Legacy', 'VIP']);
		} finally {
			await legacy.stop();
		}
	});
});
