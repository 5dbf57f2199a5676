/**
 * Bugs the fuzz suites found, one deterministic reproduction each (fixed; the generic generators
 * in support/hostile.ts now produce these inputs too, so random seeds keep covering them).
 *
 * 1. JSON objects whose own `toString` / `valueOf` keys hold data (any webhook body can carry
 *    `{"toString": "x"}`) made `String(value)` throw "Cannot convert object to primitive value";
 *    plain objects in list fields became the text "[object Object]". Text parameters are now read
 *    with shared/validation.ts `readText`, which never converts an object.
 * 2. Task > Create Task sent any value of Has Time (an expression giving "yes", {} or [])
 *    unchecked: Team Common Ground answered 400 "hasTime must be a boolean". Decided with the fix:
 *    booleans and the texts "true" / "false" (any case, as a sheet cell gives them) are read as
 *    booleans; anything else fails the item. All Clients had the same gap, worse: the text
 *    "false" is truthy and shared the activity with every client.
 * 3. Objects and lists in Client First Name / Last Name / Phone were sent as text
 *    ("[object Object]", "1,[object Object]"): the client lookup stored them.
 *
 * Expected for each invalid value: the item fails on its own, before any request, with an error
 * naming the field and the item, as for every other invalid value.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../../emulator';
import { node, runWorkflow } from '../engine';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, quiet: true, commonRoom: { ratePerSecond: null }, teamCommonGround: { perMinute: 600_000 } });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

/** Input as JSON text, so the keys are own data properties, exactly as a webhook delivers them. */
const fromJson = (text: string) => JSON.parse(text) as IDataObject;

async function runOne(kind: 'commonRoom' | 'teamCommonGround', parameters: INodeParameters, json: IDataObject) {
	const result = await runWorkflow({
		nodes: [node(kind, parameters, { onError: 'continueRegularOutput' })],
		input: [{ json }],
		credentials:
			kind === 'commonRoom'
				? { commonRoomApi: { apiToken: emulator.tokens.commonRoom, baseUrl: emulator.commonRoomBaseUrl } }
				: { teamCommonGroundApi: { apiKey: emulator.tokens.teamCommonGround, baseUrl: emulator.teamCommonGroundBaseUrl } },
	});
	expect(result.error()).toBeUndefined();
	const [item] = result.output(kind === 'commonRoom' ? 'Common Room' : 'Team Common Ground');
	return item.json;
}

function writes(kind: 'commonRoom' | 'teamCommonGround') {
	return emulator.log().filter((entry) => entry.service === kind && entry.method === 'POST');
}

const tcgCreate: INodeParameters = {
	resource: 'activity',
	operation: 'create',
	activityType: 'custom',
	customType: '={{ $json.type }}',
	source: '={{ $json.source }}',
	clientMode: 'identify',
	clientId: '={{ $json.clientId }}',
	clientEmail: '={{ $json.clientEmail }}',
	message: 'hello',
};

describe('Team Common Ground: objects with toString / valueOf keys in text fields', () => {
	it.each([
		['Client Email', { type: 'note', source: 'my-crm', clientEmail: '__OBJ__' }],
		['Client ID', { type: 'note', source: 'my-crm', clientId: '__OBJ__' }],
		['Source', { type: 'note', source: '__OBJ__', clientEmail: 'john@example.com' }],
		['Custom Type', { type: '__OBJ__', source: 'my-crm', clientEmail: 'john@example.com' }],
	])('%s: rejected naming the field and the item, nothing sent', async (field, shape) => {
		const json = fromJson(JSON.stringify(shape).replace('"__OBJ__"', '{"toString": "john@example.com", "valueOf": 1}'));
		const output = await runOne('teamCommonGround', tcgCreate, json);
		expect(output.error).toMatch(new RegExp(`^${field}: .+ \\[item 0\\]$`));
		expect(writes('teamCommonGround')).toHaveLength(0);
	});
});

const crDefineBelow: INodeParameters = {
	resource: 'contact',
	operation: 'upsert',
	destinationSourceId: '12345',
	fieldsToSend: 'defineBelow',
	email: 'ada@example.com',
	additionalFields: { tagNames: '={{ $json.tags }}' },
	customFieldsUi: { customFieldValues: [{ field: '={{ $json.field }}', value: '5' }] },
};

describe('Common Room: objects in the custom field picker and in tag lists', () => {
	it('a custom field given as an object with toString/valueOf keys: rejected naming the custom field entry', async () => {
		const output = await runOne('commonRoom', crDefineBelow, fromJson('{"field": {"toString": "Seats", "valueOf": 1}, "tags": "VIP"}'));
		expect(output.error).toMatch(/^Custom Fields.*: .+ \[item 0\]$/);
		expect(writes('commonRoom')).toHaveLength(0);
	});

	it('tag names given as objects with toString keys: rejected naming Tag Names', async () => {
		const output = await runOne('commonRoom', crDefineBelow, fromJson('{"field": "Seats", "tags": [{"toString": "VIP"}]}'));
		expect(output.error).toMatch(/^Tag Names: .+ \[item 0\]$/);
		expect(writes('commonRoom')).toHaveLength(0);
	});

	it('tag names given as plain objects: no tag called "[object Object]" is created', async () => {
		const output = await runOne('commonRoom', crDefineBelow, fromJson('{"field": "Seats", "tags": [{"name": "VIP"}]}'));
		expect(JSON.stringify(emulator.state.commonRoom.tags())).not.toContain('[object Object]');
		expect(JSON.stringify(emulator.state.commonRoom.contacts())).not.toContain('[object Object]');
		expect(String(output.error ?? '')).not.toContain('[object Object]');
	});
});

describe('Team Common Ground: Has Time from an expression', () => {
	const createTask: INodeParameters = { resource: 'task', operation: 'createTask', message: 'Call back', source: 'my-crm', clientEmail: 'john@example.com', dueAt: '2030-01-01T10:00:00Z', hasTime: '={{ $json.hasTime }}' };

	it.each([['"yes"'], ['{}'], ['[]'], ['1'], ['{"toString": "false", "valueOf": 1}']])('hasTime %s: rejected naming Has Time, nothing sent', async (value) => {
		const output = await runOne('teamCommonGround', createTask, fromJson(`{"hasTime": ${value}}`));
		expect(output.error).toMatch(/^Has Time: .+ \[item 0\]$/);
		expect(writes('teamCommonGround')).toHaveLength(0);
	});

	// Decided with the fix: the texts "true" / "false" (what a sheet cell or an expression often
	// gives) are read as the booleans, and sent as booleans, never as text the server refuses.
	it.each([
		['"false"', false],
		['" FALSE "', false],
		['"true"', true],
	])('hasTime %s: sent as the boolean %s', async (value, expected) => {
		const output = await runOne('teamCommonGround', createTask, fromJson(`{"hasTime": ${value}}`));
		expect(output.error).toBeUndefined();
		expect(writes('teamCommonGround')).toHaveLength(1);
		const stored = emulator.state.teamCommonGround.activities().filter((activity) => activity.id === output.activityId);
		expect(stored).toHaveLength(1);
		expect(stored[0].hasTime).toBe(expected);
	});
});

describe('Team Common Ground: All Clients from an expression', () => {
	const shared: INodeParameters = { ...tcgCreate, source: 'my-crm', clientEmail: 'john@example.com', visibilityMode: 'custom', visibilityAllClients: '={{ $json.allClients }}' };

	// Found with the Has Time fix: the text "false" is truthy, so it shared the activity with every client.
	it('allClients "false": not shared with clients', async () => {
		const output = await runOne('teamCommonGround', shared, fromJson('{"type": "note", "allClients": "false"}'));
		expect(output.error).toBeUndefined();
		const [stored] = emulator.state.teamCommonGround.activities().filter((activity) => activity.id === output.activityId);
		expect(stored.visibility).not.toContain('role:client');
	});

	it.each([['"yes"'], ['{}'], ['[1]']])('allClients %s: rejected naming All Clients, nothing sent', async (value) => {
		const output = await runOne('teamCommonGround', shared, fromJson(`{"type": "note", "allClients": ${value}}`));
		expect(output.error).toMatch(/^All Clients: .+ \[item 0\]$/);
		expect(writes('teamCommonGround')).toHaveLength(0);
	});
});

describe('Team Common Ground: objects and lists in client text fields', () => {
	it.each([
		['Client First Name', 'clientFirstName', '{"first": "Ada"}'],
		['Client Last Name', 'clientLastName', '["Love", {"lace": true}]'],
		['Client Phone', 'clientPhone', '[5551234567, {"ext": 12}]'],
	])('%s: rejected naming the field, nothing stored as "[object Object]"', async (field, key, value) => {
		const output = await runOne(
			'teamCommonGround',
			{ ...tcgCreate, source: 'my-crm', clientFirstName: '={{ $json.clientFirstName }}', clientLastName: '={{ $json.clientLastName }}', clientPhone: '={{ $json.clientPhone }}' },
			fromJson(`{"type": "note", "clientEmail": "john@example.com", "${key}": ${value}}`),
		);
		expect(JSON.stringify(emulator.state.teamCommonGround.activities())).not.toContain('[object Object]');
		expect(output.error).toMatch(new RegExp(`^${field}: .+ \\[item 0\\]$`));
		expect(writes('teamCommonGround')).toHaveLength(0);
	});
});
