/**
 * The Common Room Polling Trigger, New Contact in Segment, in n8n-core's real PollContext
 * against the emulator (harness.ts): both ways of counting a contact as new, across polls with
 * contacts joining between them, the first activation, the test event, paging, Max Events per
 * Poll, a failing poll, the segment checks.
 */
import { systemClock } from '../../../packages/shared/transport/clock';
import { STATE_KEY } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomPollingTrigger/helpers/state';
import { addToSegment, bulk, ids, pollingTrigger, upsertContact, useEmulator } from './harness';

const emulator = useEmulator();

const ADA = 'c_100001';
const GRACE = 'c_100002';
const SEGMENT = { __rl: true, mode: 'list', value: 's_501', cachedResultName: 'Champions' };

function joined(extra: object = {}) {
	return { event: 'newContact', segment: SEGMENT, ...extra };
}

describe('New Contact in Segment, Contacts Joining the Segment (the default)', () => {
	it('the first poll notes who is in the segment; then each poll emits who joined since, however old the contact', async () => {
		await addToSegment(emulator(), 501, ['ada@example.com']);
		const trigger = pollingTrigger(emulator(), joined());
		expect(await trigger.poll()).toEqual({ items: null });
		expect(trigger.staticData()[STATE_KEY]).toMatchObject({ members: ['100001'] });

		await addToSegment(emulator(), 501, ['grace@example.com']);
		expect(ids(await trigger.poll())).toEqual([GRACE]);

		await upsertContact(emulator(), { email: 'kay@example.com', fullName: 'Kay Nine' });
		await upsertContact(emulator(), { email: 'lu@example.com', fullName: 'Lu Ten' });
		await addToSegment(emulator(), 501, ['lu@example.com', 'kay@example.com']);
		expect(ids(await trigger.poll())).toEqual(['c_100003', 'c_100004']);
		expect(await trigger.poll()).toEqual({ items: null });
		// Another segment's members are not this trigger's business.
		await addToSegment(emulator(), 502, ['ada@example.com']);
		expect(await trigger.poll()).toEqual({ items: null });
	});

	it('items are flat and ready to map, with the segment and the record as sent', async () => {
		const trigger = pollingTrigger(emulator(), joined());
		await trigger.poll();
		await addToSegment(emulator(), 501, ['ada@example.com']);
		const { items } = await trigger.poll();
		expect(items?.[0].json).toMatchObject({
			id: ADA,
			type: 'newContact',
			segmentId: 's_501',
			contactId: ADA,
			email: 'ada@example.com',
			fullName: 'Ada Lovelace',
			organizationName: 'Analytical Engines',
			commonRoomContactLink: expect.stringContaining('100001'),
			payload: { id: ADA, primaryEmail: 'ada@example.com' },
		});
		expect(items?.[0].json.github).toBeTruthy();
	});

	it('Include Existing on First Poll: the members already there, Max Events at a time', async () => {
		await addToSegment(emulator(), 501, ['ada@example.com', 'grace@example.com']);
		const trigger = pollingTrigger(emulator(), joined({ options: { includeExisting: true, maxEvents: 1 } }));
		expect(ids(await trigger.poll())).toEqual([ADA]);
		expect(ids(await trigger.poll())).toEqual([GRACE]);
		expect(await trigger.poll()).toEqual({ items: null });
	});

	it('reads the whole segment across pages; Max Events per Poll leaves the rest for the next polls, none twice', async () => {
		const trigger = pollingTrigger(emulator(), joined({ options: { maxEvents: 200 } }));
		await trigger.poll();
		await bulk(emulator(), { contacts: 450, segmentId: 501 });
		const polls = [ids(await trigger.poll()), ids(await trigger.poll()), ids(await trigger.poll())];
		expect(polls.map((poll) => poll.length)).toEqual([200, 200, 50]);
		expect(polls.flat()).toEqual(Array.from({ length: 450 }, (_, i) => `c_${100003 + i}`));
		expect(await trigger.poll()).toEqual({ items: null });
		expect((trigger.staticData()[STATE_KEY] as { members: string[] }).members).toHaveLength(450);
	});

	it('the test event is the newest contact of the segment, and the state is left alone', async () => {
		await addToSegment(emulator(), 501, ['ada@example.com', 'grace@example.com']);
		const trigger = pollingTrigger(emulator(), joined());
		await trigger.poll();
		const before = JSON.stringify(trigger.staticData());
		expect(ids(await trigger.poll({ mode: 'manual' }))).toEqual([GRACE]);
		expect(JSON.stringify(trigger.staticData())).toBe(before);
	});

	it('an empty segment has no test event: an error that says what to do', async () => {
		const { error } = await pollingTrigger(emulator(), joined()).poll({ mode: 'manual' });
		expect(error?.message).toBe('No contact in segment s_501 to use as a test event');
	});
});

describe('New Contact in Segment, Newest Contacts Only', () => {
	it('contacts above the highest ID seen in the segment; an older contact joining later is not one', async () => {
		await addToSegment(emulator(), 501, ['grace@example.com']);
		const trigger = pollingTrigger(emulator(), joined({ contactRule: 'newest' }));
		expect(await trigger.poll()).toEqual({ items: null });
		expect(trigger.staticData()[STATE_KEY]).toMatchObject({ mark: '100002' });
		await addToSegment(emulator(), 501, ['ada@example.com']);
		expect(await trigger.poll()).toEqual({ items: null });
		await upsertContact(emulator(), { email: 'kay@example.com' });
		await addToSegment(emulator(), 501, ['kay@example.com']);
		expect(ids(await trigger.poll())).toEqual(['c_100003']);
		expect(await trigger.poll()).toEqual({ items: null });
	});

	it('switching from Contacts Joining to Newest Contacts Only starts over', async () => {
		const trigger = pollingTrigger(emulator(), joined());
		await trigger.poll();
		await addToSegment(emulator(), 501, ['ada@example.com']);
		trigger.setParameters(joined({ contactRule: 'newest' }));
		expect(await trigger.poll()).toEqual({ items: null });
		expect(trigger.staticData()[STATE_KEY]).toMatchObject({ mark: '100001' });
		expect(trigger.staticData()[STATE_KEY]).not.toHaveProperty('members');
	});
});

describe('New Contact in Segment: failures and wrong segments', () => {
	const realSleep = systemClock.sleep;
	// Retry waits cut to 5 ms (the transport's backoff is tested in test/unit/transport).
	beforeAll(() => {
		systemClock.sleep = async (ms, signal) => await realSleep(Math.min(ms, 5), signal);
	});
	afterAll(() => {
		systemClock.sleep = realSleep;
	});

	it('a poll whose second page fails stores nothing; the next poll emits every joiner once', async () => {
		const trigger = pollingTrigger(emulator(), joined());
		await trigger.poll();
		await bulk(emulator(), { contacts: 300, segmentId: 501 });
		const before = JSON.stringify(trigger.staticData());
		emulator().injectFaults('commonRoom', { kind: 'status', status: 502, count: 6, pathIncludes: 'cursor=' });
		const failed = await trigger.poll();
		expect(failed.error).toBeDefined();
		expect(JSON.stringify(trigger.staticData())).toBe(before);
		const got = ids(await trigger.poll());
		expect(got).toHaveLength(300);
		expect(new Set(got).size).toBe(300);
	});

	it.each([
		['c_100001', 'Segment: "c_100001" is not a segment ID (s_ and digits)'],
		['s_abc', 'Segment: "s_abc" is not a segment ID (s_ and digits)'],
		['', 'Segment: is empty'],
	])('segment %j: fails before any request, naming the field', async (value, message) => {
		const trigger = pollingTrigger(emulator(), joined({ segment: { __rl: true, mode: 'id', value } }));
		const start = emulator().log().length;
		const { error } = await trigger.poll();
		expect(error?.message).toBe(message);
		expect(emulator().log().length).toBe(start);
		expect(trigger.staticData()).toEqual({});
	});

	it('the digits alone are a segment ID (as the v1 segment list shows them)', async () => {
		await addToSegment(emulator(), 501, ['ada@example.com']);
		const trigger = pollingTrigger(emulator(), joined({ segment: { __rl: true, mode: 'id', value: ' 501 ' } }));
		expect(ids(await trigger.poll({ mode: 'manual' }))).toEqual([ADA]);
	});

	it('a segment that does not exist fails the first poll (n8n shows it on activation) and stores nothing', async () => {
		const trigger = pollingTrigger(emulator(), joined({ segment: { __rl: true, mode: 'id', value: 's_999' } }));
		const { error } = await trigger.poll();
		expect(error?.message).toBe('Segment s_999 was not found in Common Room');
		expect(trigger.staticData()).toEqual({});
	});

	it('an organization segment is refused: it holds no contacts', async () => {
		const created = await fetch(`${emulator().commonRoomV2BaseUrl}/segments`, {
			method: 'POST',
			headers: { authorization: `Bearer ${emulator().tokens.commonRoom}`, 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Target accounts', entityType: 'organization' }),
		});
		const { data } = (await created.json()) as { data: { id: string } };
		const { error } = await pollingTrigger(emulator(), joined({ segment: { __rl: true, mode: 'id', value: data.id } })).poll();
		expect(error?.message).toBe(`Segment ${data.id} holds organizations, not contacts`);
	});

	it('a segment past 10,000 contacts fails with the way out (Newest Contacts Only), and stores nothing', async () => {
		const trigger = pollingTrigger(emulator(), joined());
		await trigger.poll();
		await bulk(emulator(), { contacts: 10_000, segmentId: 501 });
		await addToSegment(emulator(), 501, ['ada@example.com']);
		const before = JSON.stringify(trigger.staticData());
		const { error } = await trigger.poll();
		expect(error?.message).toBe('Segment s_501 holds more than 10,000 contacts');
		expect((error as Error & { description?: string }).description).toMatch(/Newest Contacts Only/);
		expect(JSON.stringify(trigger.staticData())).toBe(before);
		trigger.setParameters(joined({ contactRule: 'newest' }));
		expect(await trigger.poll()).toEqual({ items: null });
	}, 120_000);
});
