/**
 * The node under Common Room's real-world trouble, end to end through the shared transport:
 * a tight rate limit (429s with Retry-After) and a lost answer. Upserts are keyed by id, so
 * they are retried safely: nothing lost, nothing duplicated.
 */
import { contactOf, requests, runCommonRoom, SOURCE_ID, useEmulator } from './helpers';

const emulator = useEmulator({ commonRoom: { ratePerSecond: 10, burst: 5 } });

describe('Common Room node under rate limits and faults', () => {
	it('a sync faster than the limit loses nothing: 429s are waited out and retried', async () => {
		const input = Array.from({ length: 40 }, (_, i) => ({ email: `limited${i}@example.com` }));
		const run = await runCommonRoom(
			emulator(),
			{
				resource: 'contact',
				operation: 'upsert',
				destinationSourceId: SOURCE_ID,
				email: '={{ $json.email }}',
				options: { maxConcurrency: 20 },
			},
			{ input },
		);
		expect(run.items().map((item) => item.json.status)).toEqual(input.map(() => 'upserted'));
		for (const { email } of input) expect(contactOf(emulator(), email)?.upsertCount).toBe(1);
	});

	it('an upsert whose answer was lost is re-sent and stored once', async () => {
		emulator().injectFaults('commonRoom', { kind: 'resetAfterProcessing', count: 1, method: 'POST', pathIncludes: '/user' });
		const run = await runCommonRoom(emulator(), {
			resource: 'contact',
			operation: 'upsert',
			destinationSourceId: SOURCE_ID,
			email: 'lost@example.com',
		});
		expect(run.items()[0].json.status).toBe('upserted');
		expect(requests(emulator(), 'POST', '/user').length).toBe(2);
		expect(emulator().state.commonRoom.contacts().filter((contact) => contact.email === 'lost@example.com')).toHaveLength(1);
	});

	it('a wrong Destination Source ID fails with what to do, per item under Continue On Fail', async () => {
		const run = await runCommonRoom(
			emulator(),
			{ resource: 'contact', operation: 'upsert', destinationSourceId: '999', email: 'x@example.com' },
			{ continueOnFail: true },
		);
		const json = run.items()[0].json;
		expect(json.error).toBeDefined();
		expect(JSON.stringify(json)).toMatch(/404|not found/i);
	});
});
