/**
 * The Common Room Polling Trigger's pure parts: ids, the stored state, which records a poll
 * emits (including a model of many polls over a list that grows between them), flat fields.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { buildQuery, matcherOf } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomPollingTrigger/helpers/events';
import { flattenActivity, flattenContact, flattenOrganization } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomPollingTrigger/helpers/flatten';
import { compareDigits, idDigits, readUserId } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomPollingTrigger/helpers/ids';
import { NewestFirst, OldestFirst, SegmentJoins } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomPollingTrigger/helpers/select';
import { readState, STATE_KEY, writeState } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomPollingTrigger/helpers/state';

const all = () => true;
const activity = (n: number, type = 'signed_up'): IDataObject => ({ id: `a_${n}`, type });

describe('ids', () => {
	it('reads the number of an id of its kind, as digits', () => {
		expect(idDigits('c_100001', 'contact')).toBe('100001');
		expect(idDigits('a_0042', 'activity')).toBe('42');
		expect(idDigits('a_0', 'activity')).toBe('0');
		for (const wrong of ['o_1', 'c_', 'c_1x', 'C_1', ' c_1', 42, null, `c_${'9'.repeat(31)}`]) expect(idDigits(wrong, 'contact')).toBeUndefined();
	});

	it('compares digits as numbers, past 2^53 too', () => {
		expect(compareDigits('9', '10')).toBeLessThan(0);
		expect(compareDigits('100', '100')).toBe(0);
		expect(compareDigits('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
	});

	it('takes a user id with the prefix (any case) or the digits alone', () => {
		expect(readUserId('s_501', 'segment')).toBe('s_501');
		expect(readUserId(' S_501 ', 'segment')).toBe('s_501');
		expect(readUserId('501', 'segment')).toBe('s_501');
		expect(readUserId(501, 'segment')).toBe('s_501');
		expect(readUserId('o_3001', 'organization')).toBe('o_3001');
		for (const wrong of ['c_501', 's_', 's-501', '5.1', -1, 1.5, {}, '']) expect(readUserId(wrong, 'segment')).toBeUndefined();
	});
});

describe('stored state', () => {
	it('round-trips, and is replaced as a whole', () => {
		const data: IDataObject = { other: 1 };
		writeState(data, { query: 'q', mark: '12', drain: { cursor: null } });
		expect(readState(data, 'q')).toEqual({ query: 'q', mark: '12', drain: { cursor: null } });
		writeState(data, { query: 'q', mark: '13', members: ['10', '9'] });
		expect(readState(data, 'q')).toEqual({ query: 'q', mark: '13', members: ['9', '10'] });
		expect(data.other).toBe(1);
	});

	it('is none for other parameters, or when damaged', () => {
		const data: IDataObject = {};
		writeState(data, { query: 'q', mark: '12' });
		expect(readState(data, 'other')).toBeUndefined();
		for (const damaged of [
			null,
			'x',
			{ version: 2, query: 'q', mark: '1' },
			{ version: 1, query: 'q', mark: 'a_1' },
			{ version: 1, query: 'q', mark: '01' },
			{ version: 1, query: 'q', mark: '1', drain: { cursor: 5 } },
			{ version: 1, query: 'q', mark: '1', drain: { cursor: '' } },
			{ version: 1, query: 'q', mark: '1', members: ['1', 'x'] },
			{ version: 1, query: 'q', mark: '1', members: 'all' },
		]) {
			expect(readState({ [STATE_KEY]: damaged as IDataObject }, 'q')).toBeUndefined();
		}
	});
});

describe('NewestFirst (newest first, down to the mark)', () => {
	it('stops at the mark and emits oldest first', () => {
		const scan = new NewestFirst('activity', '3', 10, all);
		expect([6, 5, 4].map((n) => scan.take(activity(n)))).toEqual([true, true, true]);
		expect(scan.take(activity(3))).toBe(false);
		expect(scan.result()).toEqual({ emitted: [activity(4), activity(5), activity(6)], mark: '6' });
	});

	it('with more than max: the oldest max, the mark at the newest of them', () => {
		const scan = new NewestFirst('activity', '0', 2, all);
		for (let n = 9; n >= 1; n--) scan.take(activity(n));
		expect(scan.result()).toEqual({ emitted: [activity(1), activity(2)], mark: '2' });
	});

	it('passes over other types but moves the mark over them when all matching fit', () => {
		const scan = new NewestFirst('activity', '0', 5, (record) => record.type === 'purchased');
		[activity(3), activity(2, 'purchased'), activity(1)].forEach((record) => scan.take(record));
		expect(scan.result()).toEqual({ emitted: [activity(2, 'purchased')], mark: '3' });
	});

	it('nothing new: the mark stays; records without a readable id are left out', () => {
		const scan = new NewestFirst('activity', '7', 5, all);
		expect(scan.take({ id: 'weird' })).toBe(true);
		expect(scan.take(activity(7))).toBe(false);
		expect(scan.result()).toEqual({ emitted: [], mark: '7' });
	});
});

describe('OldestFirst (oldest first from a cursor)', () => {
	it('skips what is at or below the mark, stops before one too many', () => {
		const drain = new OldestFirst('activity', '2', 2, all);
		expect([1, 2, 3, 4, 5].map((n) => drain.take(activity(n)))).toEqual([true, true, true, true, false]);
		expect(drain.result()).toEqual({ emitted: [activity(3), activity(4)], mark: '4' });
	});

	it('moves the mark over records of other types', () => {
		const drain = new OldestFirst('activity', '0', 1, (record) => record.type === 'purchased');
		expect([activity(1), activity(2, 'purchased'), activity(3), activity(4, 'purchased')].map((r) => drain.take(r))).toEqual([
			true,
			true,
			true,
			false,
		]);
		expect(drain.result()).toEqual({ emitted: [activity(2, 'purchased')], mark: '3' });
	});
});

describe('SegmentJoins', () => {
	const contact = (n: number): IDataObject => ({ id: `c_${n}` });

	it('emits who was not there, the lowest ids first, up to max; keeps who is there now and known or emitted', () => {
		const joins = new SegmentJoins(new Set(['1', '2', '9']), 2);
		[1, 3, 4, 5, 9].forEach((n) => joins.take(contact(n)));
		expect(joins.result()).toEqual({ emitted: [contact(3), contact(4)], members: ['1', '3', '4', '9'] });
		expect(joins.joined).toBe(3);
		expect(joins.all()).toEqual(['1', '3', '4', '5', '9']);
	});
});

/**
 * A model of an active workflow: a list whose ids grow, new records arriving between polls, polls
 * reading newest first (pages of `pageSize`) down to the mark with Max Events per Poll. Every
 * record above the first mark is emitted exactly once, in id order across polls.
 */
describe('many polls over a growing list (model)', () => {
	it('emits every new record once, oldest first, whatever arrives and whatever max', () => {
		fc.assert(
			fc.property(
				fc.nat({ max: 30 }),
				fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 12 }),
				fc.integer({ min: 1, max: 25 }),
				fc.array(fc.boolean(), { maxLength: 80 }),
				(before, arrivals, max, typeFlags) => {
					let next = 1;
					const list: IDataObject[] = [];
					const add = (count: number) => {
						for (let i = 0; i < count; i++, next++) list.push(activity(next, typeFlags[next % Math.max(1, typeFlags.length)] ? 'purchased' : 'other'));
					};
					const matches = (record: IDataObject) => record.type === 'purchased';
					add(before);
					let mark = String(list.length === 0 ? 0 : list.length);
					const emitted: string[] = [];
					const poll = () => {
						const scan = new NewestFirst('activity', mark, max, matches);
						for (const record of [...list].reverse()) if (!scan.take(record)) break;
						const result = scan.result();
						emitted.push(...result.emitted.map((record) => String(record.id)));
						mark = result.mark;
					};
					for (const count of arrivals) {
						add(count);
						poll();
					}
					for (let i = 0; i < 1000 && compareDigits(mark, String(list.length)) < 0; i++) poll();
					const expected = list.slice(before).filter(matches).map((record) => String(record.id));
					expect(emitted).toEqual(expected);
				},
			),
			{ seed: 20261217, numRuns: 300 },
		);
	});
});

/**
 * The same for the oldest-first drain: pages of `pageSize` from a stored position (a keyset
 * cursor = the index of a page's first record), a page budget per poll, records arriving between
 * polls, newest-first reads once drained. Every record above the mark comes once, in order.
 */
describe('draining a backlog oldest first (model)', () => {
	it('emits every record above the mark once, in order, whatever the page size, max and budget', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 60 }),
				fc.integer({ min: 0, max: 200 }),
				fc.array(fc.nat({ max: 30 }), { maxLength: 8 }),
				fc.integer({ min: 1, max: 50 }),
				fc.integer({ min: 1, max: 30 }),
				fc.integer({ min: 1, max: 4 }),
				(markAt, initial, arrivals, max, pageSize, pagesPerPoll) => {
					const list: IDataObject[] = Array.from({ length: initial }, (_, i) => activity(i + 1));
					let mark = String(Math.min(markAt, initial));
					let cursor: number | undefined = 0;
					const emitted: string[] = [];
					const poll = () => {
						if (cursor === undefined) {
							// Drained: back to newest-first reads down to the mark, as the node does.
							const scan = new NewestFirst('activity', mark, max, all);
							for (const record of [...list].reverse()) if (!scan.take(record)) break;
							const result = scan.result();
							emitted.push(...result.emitted.map((record) => String(record.id)));
							mark = result.mark;
							return;
						}
						const drain = new OldestFirst('activity', mark, max, all);
						let start: number = cursor;
						let next: number | undefined = start;
						for (let page = 0; ; page++) {
							const records = list.slice(start, start + pageSize);
							if (!records.every((record) => drain.take(record))) {
								next = start;
								break;
							}
							if (start + pageSize >= list.length) {
								next = undefined;
								break;
							}
							start += pageSize;
							next = start;
							if (page + 1 >= pagesPerPoll) break;
						}
						const result = drain.result();
						emitted.push(...result.emitted.map((record) => String(record.id)));
						mark = result.mark;
						cursor = next;
					};
					for (const count of arrivals) {
						for (let i = 0; i < count; i++) list.push(activity(list.length + 1));
						poll();
					}
					for (let i = 0; i < 2000 && (cursor !== undefined || compareDigits(mark, String(list.length)) < 0); i++) poll();
					expect(cursor).toBeUndefined();
					expect(emitted).toEqual(list.slice(Math.min(markAt, initial)).map((record) => String(record.id)));
				},
			),
			{ seed: 20261218, numRuns: 300 },
		);
	});
});

describe('queries', () => {
	it('the fingerprint follows what the mark is over, not the activity types', () => {
		const a = buildQuery('newActivity', { activityTypes: ['x'] });
		const b = buildQuery('newActivity', { activityTypes: ['y'] });
		const c = buildQuery('newActivity', { organizationId: 'o_1' });
		expect(a.fingerprint).toBe(b.fingerprint);
		expect(a.fingerprint).not.toBe(c.fingerprint);
		expect(buildQuery('newContact', { segmentId: 's_1', contactRule: 'joined' }).fingerprint).not.toBe(
			buildQuery('newContact', { segmentId: 's_1', contactRule: 'newest' }).fingerprint,
		);
		expect(c.filters).toEqual({ organizationId: 'o_1' });
	});

	it('matches activity types exactly; none = every record', () => {
		expect(matcherOf(buildQuery('newActivity', {}))({ type: 'anything' })).toBe(true);
		const only = matcherOf(buildQuery('newActivity', { activityTypes: ['purchased'] }));
		expect(only({ type: 'purchased' })).toBe(true);
		expect(only({ type: 'Purchased' })).toBe(false);
		expect(only({})).toBe(false);
	});
});

describe('flat fields', () => {
	it('a contact: the webhook trigger names; handles from profiles, their URLs only when they are links', () => {
		expect(
			flattenContact({
				id: 'c_1',
				name: 'Ada',
				primaryEmail: ' ada@example.com ',
				title: 'Countess',
				companyName: 'AE',
				companyWebsite: 'ae.example',
				location: { city: 'London', country: 'UK' },
				profiles: [
					{ type: 'twitter', value: '@ada' },
					{ type: 'LinkedIn', value: 'https://www.linkedin.com/in/ada' },
				],
				url: 'https://app.commonroom.io/x',
			}),
		).toEqual({
			contactId: 'c_1',
			email: 'ada@example.com',
			fullName: 'Ada',
			title: 'Countess',
			organizationName: 'AE',
			organizationDomain: 'ae.example',
			city: 'London',
			region: null,
			country: 'UK',
			linkedIn: 'https://www.linkedin.com/in/ada',
			linkedInUrl: 'https://www.linkedin.com/in/ada',
			twitter: '@ada',
			twitterUrl: null,
			github: null,
			githubUrl: null,
			discord: null,
			discordUrl: null,
			youtube: null,
			youtubeUrl: null,
			commonRoomContactLink: 'https://app.commonroom.io/x',
		});
	});

	it('odd or missing fields are null, never an error', () => {
		for (const odd of [null, 'x', [], { profiles: 'x', location: [1], fullName: { a: 1 } }, { profiles: [null, 1, { type: 7 }] }]) {
			const flat = flattenContact(odd);
			expect(flat.email).toBeNull();
			expect(flat.fullName).toBeNull();
			expect(flat.twitter).toBeNull();
		}
		expect(flattenActivity({ id: 'a_1', content: { value: 'x' } })).toMatchObject({ activityId: 'a_1', content: null, timestamp: null });
		expect(flattenOrganization({ location: 'x' })).toMatchObject({ organizationName: null, city: null });
	});

	it('an activity with its contact: the contact fields first, the activity after', () => {
		const flat = flattenActivity({ id: 'a_1', contactId: 'c_1', type: 'replied', activityTime: 't' }, { id: 'c_1', primaryEmail: 'a@b.co' });
		expect(flat).toMatchObject({ email: 'a@b.co', contactId: 'c_1', activityType: 'replied', timestamp: 't' });
		expect(flattenActivity({ id: 'a_1', contactId: 'c_2' }, null)).toMatchObject({ email: null, contactId: 'c_2' });
	});
});
