/**
 * Number options given by an expression (Max Concurrency, Timeout, Limit): the editor enforces
 * their ranges for typed-in values only, so an expression can hand the node an object from a
 * webhook, a word or 0. Each fails naming the field and the item, before any request.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../emulator';
import { requests, runCommonRoom, SOURCE_ID, useEmulator } from './commonroom/helpers';
import { NODE_NAME, activityRequests, created, createParams, run, startTestEmulator, tcgNode } from './teamcommonground/helpers';

/** As JSON.parse makes it from a webhook body: own toString / valueOf keys holding data. */
const webhookObject = JSON.parse('{"toString": "10", "valueOf": 10}') as IDataObject;

describe('Common Room number options', () => {
	const emulator = useEmulator();
	const upsert = { resource: 'contact', operation: 'upsert', destinationSourceId: SOURCE_ID, email: '={{ $json.email }}' };

	it('Max Concurrency from an expression that gives an object stops the run naming the field, nothing sent', async () => {
		const run = await runCommonRoom(
			emulator(),
			{ ...upsert, options: { maxConcurrency: '={{ $json.settings }}' } },
			{ input: [{ email: 'a@example.com', settings: webhookObject }] },
		);
		expect(run.error()?.message).toBe('Max Concurrency: must be a whole number from 1 to 100, got an object [item 0]');
		expect(requests(emulator())).toHaveLength(0);
	});

	it('a Timeout that is not a number fails its own item under Continue On Fail; the others are sent', async () => {
		const run = await runCommonRoom(
			emulator(),
			{ ...upsert, options: { timeout: '={{ $json.timeout }}' } },
			{ input: [{ email: 'a@example.com', timeout: 30 }, { email: 'b@example.com', timeout: 'ten' }, { email: 'c@example.com', timeout: '' }], continueOnFail: true },
		);
		const items = run.items();
		expect(items.map((item) => item.json.status ?? item.json.error)).toEqual([
			'upserted',
			'Timeout (Seconds): must be a number from 1 to 600, got "ten" [item 1]',
			'upserted',
		]);
		expect(requests(emulator(), 'POST', '/user')).toHaveLength(2);
	});

	it('a Limit of 0 from an expression is refused before the list is read', async () => {
		const run = await runCommonRoom(emulator(), { resource: 'tag', operation: 'getAll', limit: '={{ 0 }}' });
		expect(run.error()?.message).toBe('Limit: must be a whole number at least 1, got 0 [item 0]');
		expect(requests(emulator())).toHaveLength(0);
	});
});

describe('Team Common Ground number options', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startTestEmulator();
	});
	afterAll(() => emulator.stop());
	beforeEach(() => emulator.reset());

	it('Max Concurrency of 0 stops the run naming the field, nothing sent', async () => {
		const result = await run(emulator, [tcgNode(createParams({ clientEmail: 'customer@example.com', options: { maxConcurrency: '={{ 0 }}' } }))]);
		expect(result.error()?.message).toBe('Max Concurrency: must be a whole number from 1 to 100, got 0 [item 0]');
		expect(activityRequests(emulator)).toHaveLength(0);
	});

	it('a Timeout given as an object fails naming the field, nothing sent', async () => {
		const result = await run(
			emulator,
			[tcgNode(createParams({ clientEmail: 'customer@example.com', options: { timeout: '={{ $json.timeout }}' } }))],
			[{ json: { timeout: webhookObject } }],
		);
		expect(result.error()?.message).toBe('Timeout (Seconds): must be a number from 1 to 600, got an object [item 0]');
		expect(activityRequests(emulator)).toHaveLength(0);
		expect(created(emulator)).toHaveLength(0);
	});

	it('numeric text from an expression is accepted as a number', async () => {
		const result = await run(emulator, [tcgNode(createParams({ clientEmail: 'customer@example.com', options: { timeout: '={{ "30" }}', maxConcurrency: '={{ "2" }}' } }))]);
		expect(result.output(NODE_NAME)[0].json.activityId).toEqual(expect.any(String));
	});
});
