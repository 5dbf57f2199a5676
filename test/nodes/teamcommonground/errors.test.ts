/**
 * What is checked before any request (0 requests in the emulator's log), and how the service's
 * answers reach the user: 429 waited out, a create that may have reached the server never sent
 * twice, 401 / 403 / 400 as clear errors naming the item. (The credential test is in
 * test/credentials.)
 */

import type { Emulator } from '../../../emulator';
import {
	NODE_NAME,
	OFFICE_ONLY_KEY,
	activityRequests,
	createParams,
	created,
	run,
	startTestEmulator,
	tcgNode,
} from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('checked before any request', () => {
	it('rejects a body over 100 KB with its size and the limit, sending nothing', async () => {
		const result = await run(emulator, [
			tcgNode(createParams({ clientEmail: 'customer@example.com', message: 'é'.repeat(52_000) })),
		]);
		expect(result.error()?.message).toMatch(
			/^Body: the activity would be 104,0\d\d bytes \(101\.\d KB\); Team Common Ground accepts at most 102,400 bytes \(100 KB\) \[item 0\]$/,
		);
		expect(activityRequests(emulator)).toHaveLength(0);
	});

	it('rejects a bad source and suggests the fix, sending nothing', async () => {
		const result = await run(emulator, [tcgNode(createParams({ source: 'My CRM', clientEmail: 'customer@example.com' }))]);
		const error = result.error();
		expect(error?.message).toBe('Source: "My CRM" may contain only lowercase letters, digits, hyphens and underscores [item 0]');
		expect(error?.description).toMatch(/Use "my-crm" instead/);
		expect(activityRequests(emulator)).toHaveLength(0);
	});

	it.each([
		[{ clientId: 'cust_1', source: '' }, /^Source: is required when a Client ID is given \[item 0\]/],
		[{ clientEmail: '', clientPhone: '' }, /^Client: needs a Client ID, Email or Phone to be matched \[item 0\]/],
		[{ clientEmail: 'not-an-email' }, /^Client Email: "not-an-email" is not an email address/],
		[{ activityType: 'custom', customType: 'Site Visit', clientMode: 'none' }, /^Custom Type: "Site Visit" is not a custom activity type/],
		[{ clientMode: 'none', additionalFields: { links: ['example.com/x'] } }, /^Links: "example.com\/x" is not an http\(s\) URL/],
		[{ clientMode: 'none', additionalFields: { data: '[1, 2]' } }, /^Data: is not a JSON object/],
		[
			{ clientMode: 'none', source: '', visibilityMode: 'custom', visibilityExternalClientIds: ['cust_12345'] },
			/^Source: is required with Specific Clients/,
		],
	])('rejects %p', async (fields, message) => {
		const result = await run(emulator, [tcgNode(createParams(fields))]);
		expect(result.error()?.message).toMatch(message);
		expect(activityRequests(emulator)).toHaveLength(0);
	});

	it('checks every item before sending any: one bad item stops the run with nothing sent', async () => {
		const input = [{ json: { source: 'n8n' } }, { json: { source: 'Bad Source' } }, { json: { source: 'n8n' } }];
		const result = await run(emulator, [tcgNode(createParams({ source: '={{ $json.source }}', clientEmail: 'customer@example.com' }))], input);
		expect(result.error()?.message).toMatch(/^Source: "Bad Source" .* \[item 1\]$/);
		expect(activityRequests(emulator)).toHaveLength(0);
	});

	it('under Continue On Fail, the bad item reports its error in place and the others are sent', async () => {
		const input = [{ json: { source: 'n8n' } }, { json: { source: 'Bad Source' } }, { json: { source: 'n8n' } }];
		// Items 0 and 2 are the same activity: with Skip Duplicates off, both are created.
		const result = await run(
			emulator,
			[tcgNode(createParams({ source: '={{ $json.source }}', clientEmail: 'customer@example.com', skipDuplicates: false }), NODE_NAME, continueOnFail)],
			input,
		);
		const output = result.output(NODE_NAME);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.activityId).toEqual(expect.any(String));
		expect(output[1].json.error).toMatch(/^Source: "Bad Source"/);
		expect(output[1].json.description).toMatch(/"bad-source"/);
		expect(output[2].json.activityId).toEqual(expect.any(String));
		expect(created(emulator)).toHaveLength(2);
	});
});

describe('answers from the service', () => {
	it('waits out a 429 and creates exactly one activity', async () => {
		emulator.injectFaults('teamCommonGround', { kind: 'status', status: 429, retryAfterMs: 1000 });
		const result = await run(emulator, [tcgNode(createParams({ clientEmail: 'customer@example.com', message: 'After 429' }))]);
		const [item] = result.output(NODE_NAME);
		expect(item.json.activityId).toEqual(expect.any(String));
		expect(created(emulator)).toHaveLength(1);
		expect(activityRequests(emulator).map((entry) => entry.status)).toEqual([429, 201]);
	});

	it('does not resend a create after a 500 that came after processing: one stored, the item says it may exist', async () => {
		emulator.injectFaults('teamCommonGround', { kind: 'status', status: 500, afterProcessing: true });
		const result = await run(
			emulator,
			[tcgNode(createParams({ clientEmail: 'customer@example.com', message: 'Exactly once' }), NODE_NAME, continueOnFail)],
		);
		const [item] = result.output(NODE_NAME);
		expect(item.json.error).toMatch(/may or may not have been created/);
		// The description names this node's option exactly, so the user can find it.
		expect(item.json.description).toContain('"Retry Creates After Server Errors (May Create Duplicates)"');
		expect(created(emulator)).toHaveLength(1);
		expect(activityRequests(emulator)).toHaveLength(1);
	});

	it('resends after a 500 only when "Retry Creates After Server Errors (May Create Duplicates)" is on', async () => {
		emulator.injectFaults('teamCommonGround', { kind: 'status', status: 500, afterProcessing: true });
		const result = await run(emulator, [
			tcgNode(createParams({ clientEmail: 'customer@example.com', options: { retryCreatesOnServerError: true } })),
		]);
		expect(result.output(NODE_NAME)[0].json.activityId).toEqual(expect.any(String));
		// The duplicate the option's name warns about.
		expect(created(emulator)).toHaveLength(2);
	});

	it('401: a wrong key is a clear error with the item index and never shows the key', async () => {
		const result = await run(emulator, [tcgNode(createParams({ clientEmail: 'customer@example.com' }))], undefined, 'tcg_wrong_key_000000');
		const error = result.error();
		expect(error?.message).toMatch(/API key/i);
		expect(JSON.stringify(error)).not.toContain('tcg_wrong_key_000000');
		expect((error as { context?: { itemIndex?: number } })?.context?.itemIndex).toBe(0);
	});

	it('403: an IP not on the key\'s allow-list names the IP', async () => {
		const result = await run(
			emulator,
			[tcgNode(createParams({ clientEmail: 'customer@example.com' }), NODE_NAME, continueOnFail)],
			undefined,
			OFFICE_ONLY_KEY,
		);
		const [item] = result.output(NODE_NAME);
		expect(`${item.json.error} ${item.json.description ?? ''}`).toMatch(/127\.0\.0\.1/);
		expect(created(emulator)).toHaveLength(0);
	});

	it('400: the service\'s details reach the user, per item', async () => {
		const result = await run(
			emulator,
			[
				tcgNode(
					{ resource: 'activity', operation: 'createReply', threadId: 'no_such_root', source: 'my-app', clientEmail: 'customer@example.com' },
					NODE_NAME,
					continueOnFail,
				),
			],
		);
		const [item] = result.output(NODE_NAME);
		expect(`${item.json.error} ${item.json.description ?? ''}`).toMatch(/threadId no_such_root does not match an existing activity/);
	});
});
