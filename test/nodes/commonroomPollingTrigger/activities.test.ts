/**
 * The Common Room Polling Trigger, New Activity, in n8n-core's real PollContext against the
 * emulator over HTTP (harness.ts): the mark across polls with activities arriving between them,
 * the first activation, the test event, paging, Max Events per Poll, a failing poll, a backlog
 * past the poll's time, the type and organization filters, Add Contact Fields.
 */
import { systemClock } from '../../../packages/shared/transport/clock';
import { STATE_KEY } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomPollingTrigger/helpers/state';
import { addActivity, bulk, ids, pollingTrigger, upsertContact, useEmulator, v2RequestsFromNow } from './harness';

const emulator = useEmulator();

const ACTIVITY = { event: 'newActivity', options: { addContactFields: false } };

async function activities(from: number, count: number, email = 'ada@example.com', type = 'signed_up'): Promise<void> {
	for (let n = from; n < from + count; n++) await addActivity(emulator(), email, `act-${n}`, type);
}

describe('New Activity: what is new, across polls', () => {
	it('the first poll notes the mark and emits nothing; then each poll emits only what arrived since, oldest first', async () => {
		await activities(1, 2);
		const trigger = pollingTrigger(emulator(), ACTIVITY);
		const first = await trigger.poll();
		expect(first).toEqual({ items: null });
		expect(trigger.staticData()[STATE_KEY]).toMatchObject({ mark: '2' });

		await activities(3, 3);
		expect(ids(await trigger.poll())).toEqual(['a_3', 'a_4', 'a_5']);
		await activities(6, 1);
		expect(ids(await trigger.poll())).toEqual(['a_6']);
		expect(await trigger.poll()).toEqual({ items: null });
		await activities(7, 2);
		expect(ids(await trigger.poll())).toEqual(['a_7', 'a_8']);
		// Nothing new: one request, newest first, that stops at the mark.
		const requests = v2RequestsFromNow(emulator(), '/activities');
		expect(await trigger.poll()).toEqual({ items: null });
		expect(requests()).toHaveLength(1);
	});

	it('an empty Common Room at activation: everything after is new', async () => {
		const trigger = pollingTrigger(emulator(), ACTIVITY);
		expect(await trigger.poll()).toEqual({ items: null });
		expect(trigger.staticData()[STATE_KEY]).toMatchObject({ mark: '0' });
		await activities(1, 2);
		expect(ids(await trigger.poll())).toEqual(['a_1', 'a_2']);
	});

	it('items are flat and ready to map, with the record as sent under payload', async () => {
		await activities(1, 1);
		const trigger = pollingTrigger(emulator(), ACTIVITY);
		await trigger.poll();
		await addActivity(emulator(), 'grace@example.com', 'grace-1', 'purchased', '2026-03-01T10:00:00.000Z');
		const { items } = await trigger.poll();
		expect(items?.[0].json).toMatchObject({
			id: 'a_2',
			type: 'newActivity',
			activityId: 'a_2',
			activityType: 'purchased',
			content: 'activity grace-1',
			serviceName: 'n8n API signal',
			timestamp: '2026-03-01T10:00:00.000Z',
			payload: { id: 'a_2', type: 'purchased', activityTime: '2026-03-01T10:00:00.000Z', providerId: 'sig_12345' },
		});
		expect(typeof items?.[0].json.contactId).toBe('string');
	});

	it('Simplify off: only id, type and the record', async () => {
		const trigger = pollingTrigger(emulator(), { ...ACTIVITY, options: { simplify: false, addContactFields: false } });
		await trigger.poll();
		await activities(1, 1);
		const { items } = await trigger.poll();
		expect(Object.keys(items?.[0].json ?? {})).toEqual(['id', 'type', 'payload']);
	});

	it('Add Contact Fields (on by default): the contact of each activity, read once per contact', async () => {
		const trigger = pollingTrigger(emulator(), { event: 'newActivity' });
		await trigger.poll();
		await activities(1, 3);
		await addActivity(emulator(), 'grace@example.com', 'g-1');
		const contactReads = v2RequestsFromNow(emulator(), '/contacts/c_');
		const { items } = await trigger.poll();
		expect(items?.map((item) => item.json.email)).toEqual(['ada@example.com', 'ada@example.com', 'ada@example.com', 'grace@example.com']);
		expect(items?.[0].json).toMatchObject({ fullName: 'Ada Lovelace', twitter: expect.any(String), contact: { primaryEmail: 'ada@example.com' } });
		expect(contactReads()).toHaveLength(2);
	});
});

describe('New Activity: the test event (manual mode)', () => {
	it('returns the newest activity and leaves the stored mark alone', async () => {
		await activities(1, 3);
		const trigger = pollingTrigger(emulator(), ACTIVITY);
		await trigger.poll();
		await activities(4, 2);
		const before = JSON.stringify(trigger.staticData());
		expect(ids(await trigger.poll({ mode: 'manual' }))).toEqual(['a_5']);
		expect(JSON.stringify(trigger.staticData())).toBe(before);
		// The active workflow still gets both.
		expect(ids(await trigger.poll())).toEqual(['a_4', 'a_5']);
	});

	it('with Activity Types: the newest of those types', async () => {
		await activities(1, 2, 'ada@example.com', 'purchased');
		await activities(3, 2, 'ada@example.com', 'signed_up');
		const trigger = pollingTrigger(emulator(), { ...ACTIVITY, activityTypes: ['purchased'] });
		expect(ids(await trigger.poll({ mode: 'manual' }))).toEqual(['a_2']);
	});

	it('nothing to show: an error that says what to do, and no state', async () => {
		const trigger = pollingTrigger(emulator(), ACTIVITY);
		const { error } = await trigger.poll({ mode: 'manual' });
		expect(error?.message).toBe('No activity in Common Room to use as a test event');
		expect(trigger.staticData()).toEqual({});
	});
});

describe('New Activity: Include Existing, paging and Max Events per Poll', () => {
	it('Include Existing on First Poll: what exists, oldest first, Max Events at a time, then what is new', async () => {
		await activities(1, 5);
		const trigger = pollingTrigger(emulator(), { ...ACTIVITY, options: { includeExisting: true, maxEvents: 2, addContactFields: false } });
		expect(ids(await trigger.poll())).toEqual(['a_1', 'a_2']);
		await activities(6, 1);
		expect(ids(await trigger.poll())).toEqual(['a_3', 'a_4']);
		expect(ids(await trigger.poll())).toEqual(['a_5', 'a_6']);
		expect(await trigger.poll()).toEqual({ items: null });
		expect(trigger.staticData()[STATE_KEY]).not.toHaveProperty('drain');
		await activities(7, 1);
		expect(ids(await trigger.poll())).toEqual(['a_7']);
	});

	it('reads every new activity across pages (200 a page), once each, oldest first', async () => {
		await bulk(emulator(), { contacts: 10, activitiesPerContact: 5 });
		const trigger = pollingTrigger(emulator(), ACTIVITY);
		await trigger.poll();
		await bulk(emulator(), { contacts: 45, from: 11, activitiesPerContact: 10 });
		const requests = v2RequestsFromNow(emulator(), '/activities');
		const got = ids(await trigger.poll());
		expect(got).toEqual(Array.from({ length: 450 }, (_, i) => `a_${51 + i}`));
		expect(requests()).toHaveLength(3);
		expect(await trigger.poll()).toEqual({ items: null });
	});

	it('Max Events per Poll leaves the mark at the last one emitted: the rest come next polls, none twice', async () => {
		const trigger = pollingTrigger(emulator(), { ...ACTIVITY, options: { maxEvents: 200, addContactFields: false } });
		await trigger.poll();
		await bulk(emulator(), { contacts: 45, activitiesPerContact: 10 });
		const polls = [ids(await trigger.poll()), ids(await trigger.poll()), ids(await trigger.poll())];
		expect(polls.map((poll) => poll.length)).toEqual([200, 200, 50]);
		expect(polls.flat()).toEqual(Array.from({ length: 450 }, (_, i) => `a_${i + 1}`));
		expect(await trigger.poll()).toEqual({ items: null });
	});
});

describe('New Activity: failures store nothing', () => {
	const realSleep = systemClock.sleep;
	// The transport retries a 5xx six times with backoff (1 s, 2 s, …); its timing is tested in
	// test/unit/transport. Here the waits are cut to 5 ms so the poll fails in a moment.
	beforeAll(() => {
		systemClock.sleep = async (ms, signal) => await realSleep(Math.min(ms, 5), signal);
	});
	afterAll(() => {
		systemClock.sleep = realSleep;
	});

	it('a poll whose second page fails (500 past every retry) stores nothing; the next poll returns everything', async () => {
		const trigger = pollingTrigger(emulator(), ACTIVITY);
		await trigger.poll();
		await bulk(emulator(), { contacts: 45, activitiesPerContact: 10 });
		const before = JSON.stringify(trigger.staticData());
		emulator().injectFaults('commonRoom', { kind: 'status', status: 500, count: 6, pathIncludes: 'cursor=' });
		const failed = await trigger.poll();
		expect(failed.error?.message).toMatch(/Common Room/);
		expect(failed.items).toBeNull();
		expect(JSON.stringify(trigger.staticData())).toBe(before);
		expect(emulator().log().filter((entry) => entry.status === 500)).toHaveLength(6);

		const got = ids(await trigger.poll());
		expect(got).toHaveLength(450);
		expect(new Set(got).size).toBe(450);
		expect(got[0]).toBe('a_1');
	});

	it('a failing contact read (Add Contact Fields) stores nothing either', async () => {
		const trigger = pollingTrigger(emulator(), { event: 'newActivity' });
		await trigger.poll();
		await activities(1, 2);
		emulator().injectFaults('commonRoom', { kind: 'status', status: 503, count: 6, pathIncludes: '/v2/contacts/c_' });
		const failed = await trigger.poll();
		expect(failed.error).toBeDefined();
		expect(trigger.staticData()[STATE_KEY]).toMatchObject({ mark: '0' });
		expect(ids(await trigger.poll())).toEqual(['a_1', 'a_2']);
	});
});

describe('New Activity: a backlog past the poll time', () => {
	it('reads oldest first with a stored cursor, a page per poll, skipping nothing and repeating nothing', async () => {
		await bulk(emulator(), { contacts: 10, activitiesPerContact: 10 });
		const trigger = pollingTrigger(emulator(), ACTIVITY);
		await trigger.poll();
		await bulk(emulator(), { contacts: 45, from: 11, activitiesPerContact: 10 });
		// A 1 ms budget: the newest-first read is past it after its first page.
		const overBudget = await trigger.poll({ budgetMs: 1 });
		expect(overBudget).toEqual({ items: null });
		expect(trigger.staticData()[STATE_KEY]).toMatchObject({ mark: '100', drain: { cursor: null } });
		const polls: string[][] = [];
		for (let i = 0; i < 5; i++) polls.push(ids(await trigger.poll({ budgetMs: 1 })));
		// Pages of 200 from the first: 100 old skipped + 100 new, then 200, then the last 150.
		expect(polls.map((poll) => poll.length)).toEqual([100, 200, 150, 0, 0]);
		expect(polls.flat()).toEqual(Array.from({ length: 450 }, (_, i) => `a_${101 + i}`));
		expect(trigger.staticData()[STATE_KEY]).not.toHaveProperty('drain');
	});
});

describe('New Activity: a stored cursor Common Room refuses', () => {
	it('falls back to reading newest first from the mark: nothing skipped, nothing twice', async () => {
		await activities(1, 2);
		const trigger = pollingTrigger(emulator(), { ...ACTIVITY, options: { includeExisting: true, maxEvents: 1, addContactFields: false } });
		expect(ids(await trigger.poll())).toEqual(['a_1']);
		await activities(3, 2);
		// As if the cursor had expired: the emulator answers 400 to one it did not issue.
		const state = trigger.staticData()[STATE_KEY] as { drain: { cursor: string | null } };
		state.drain = { cursor: 'eyJicm9rZW4iOnRydWV9' };
		const requests = v2RequestsFromNow(emulator(), '/activities');
		expect(ids(await trigger.poll())).toEqual(['a_2']);
		expect(requests()[0]).toContain('cursor=eyJicm9rZW4iOnRydWV9');
		expect(trigger.staticData()[STATE_KEY]).toEqual({ version: 1, query: expect.any(String), mark: '2' });
		expect(ids(await trigger.poll())).toEqual(['a_3']);
		expect(ids(await trigger.poll())).toEqual(['a_4']);
		expect(await trigger.poll()).toEqual({ items: null });
	});
});

describe('New Activity: filters', () => {
	it('Activity Types: others are passed over (and not read again)', async () => {
		const trigger = pollingTrigger(emulator(), { ...ACTIVITY, activityTypes: ['purchased', 'replied'] });
		await trigger.poll();
		await activities(1, 2, 'ada@example.com', 'signed_up');
		await activities(3, 1, 'ada@example.com', 'purchased');
		await activities(4, 1, 'ada@example.com', 'signed_up');
		await activities(5, 1, 'ada@example.com', 'replied');
		expect(ids(await trigger.poll())).toEqual(['a_3', 'a_5']);
		expect(trigger.staticData()[STATE_KEY]).toMatchObject({ mark: '5' });
		await activities(6, 1, 'ada@example.com', 'signed_up');
		expect(await trigger.poll()).toEqual({ items: null });
		expect(trigger.staticData()[STATE_KEY]).toMatchObject({ mark: '6' });
	});

	it('Activity Types with Max Events: the mark stops at the last one emitted', async () => {
		const trigger = pollingTrigger(emulator(), { ...ACTIVITY, activityTypes: ['purchased'], options: { maxEvents: 1, addContactFields: false } });
		await trigger.poll();
		await activities(1, 1, 'ada@example.com', 'purchased');
		await activities(2, 1, 'ada@example.com', 'signed_up');
		await activities(3, 1, 'ada@example.com', 'purchased');
		expect(ids(await trigger.poll())).toEqual(['a_1']);
		expect(ids(await trigger.poll())).toEqual(['a_3']);
		expect(await trigger.poll()).toEqual({ items: null });
	});

	it('Organization (by ID): only activities of its contacts', async () => {
		await upsertContact(emulator(), { email: 'lin@acme.example', fullName: 'Lin', companyName: 'Acme', companyDomain: 'acme.example' });
		const trigger = pollingTrigger(emulator(), { ...ACTIVITY, organization: { __rl: true, mode: 'id', value: 'o_3001' } });
		await trigger.poll();
		await addActivity(emulator(), 'lin@acme.example', 'lin-1');
		await addActivity(emulator(), 'ada@example.com', 'ada-1');
		await addActivity(emulator(), 'lin@acme.example', 'lin-2');
		const got = await trigger.poll();
		// Ada works at Analytical Engines (o_3001, by company name in the demo seed).
		expect(ids(got)).toEqual(['a_2']);
	});

	it('an organization that does not exist fails the first poll with what to do, and stores nothing', async () => {
		const trigger = pollingTrigger(emulator(), { ...ACTIVITY, organization: { __rl: true, mode: 'id', value: '999' } });
		const { error } = await trigger.poll();
		expect(error?.message).toBe('Organization o_999 was not found in Common Room');
		expect(trigger.staticData()).toEqual({});
	});

	it('changing the organization starts over: the next poll is a first poll again', async () => {
		const trigger = pollingTrigger(emulator(), ACTIVITY);
		await trigger.poll();
		await activities(1, 2);
		trigger.setParameters({ ...ACTIVITY, organization: { __rl: true, mode: 'id', value: 'o_3001' } });
		expect(await trigger.poll()).toEqual({ items: null });
		await activities(3, 1);
		expect(ids(await trigger.poll())).toEqual(['a_3']);
	});
});
