import type { IDataObject } from 'n8n-workflow';

import { eventOf, isWanted } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomTrigger/helpers/events';
import { readEnvelope } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomTrigger/helpers/envelope';
import { DeliveryMemory, SEEN_MAX_AGE_MS, SEEN_MAX_ENTRIES } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomTrigger/helpers/repeats';
import { checkSecret } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomTrigger/helpers/secretCheck';
import { secretMatches } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomTrigger/helpers/secret';

describe('DeliveryMemory: repeated deliveries, in this process and in static data', () => {
	const check = (memory: DeliveryMemory, data: IDataObject, id: string, now: number, trigger = 'wf node') =>
		memory.checkAndRecord(trigger, data, id, now);

	it('says whether an id was seen, and forgets ids older than 24 hours', () => {
		const memory = new DeliveryMemory();
		const data: IDataObject = {};
		expect(check(memory, data, 'a', 0)).toBe(false);
		expect(check(memory, data, 'a', 1000)).toBe(true);
		expect(check(memory, data, 'a', SEEN_MAX_AGE_MS + 1)).toBe(false);
	});

	it(`keeps at most ${SEEN_MAX_ENTRIES} ids per trigger, dropping the oldest, in memory and in static data`, () => {
		const memory = new DeliveryMemory();
		const data: IDataObject = {};
		for (let i = 0; i <= SEEN_MAX_ENTRIES; i++) check(memory, data, `id-${i}`, i);
		const seen = data.seenDeliveries as Record<string, number>;
		expect(Object.keys(seen)).toHaveLength(SEEN_MAX_ENTRIES);
		expect(Object.hasOwn(seen, 'id-0')).toBe(false);
		expect(memory.size()).toEqual({ triggers: 1, ids: SEEN_MAX_ENTRIES });
		expect(check(memory, data, `id-${SEEN_MAX_ENTRIES}`, SEEN_MAX_ENTRIES + 1)).toBe(true);
		expect(check(memory, {}, 'id-0', SEEN_MAX_ENTRIES + 2)).toBe(false);
	});

	it('remembers a delivery that another save of static data took out (the stale copy loses nothing)', () => {
		const memory = new DeliveryMemory();
		const data: IDataObject = {};
		check(memory, data, 'x1', 1);
		check(memory, data, 'x2', 2);
		const overwritten: IDataObject = { seenDeliveries: { x1: 1 } as IDataObject };
		expect(check(memory, overwritten, 'x2', 3)).toBe(true);
		expect(Object.keys(overwritten.seenDeliveries as object).sort()).toEqual(['x1', 'x2']);
		// An id first seen in another process (only in static data) counts too.
		expect(check(memory, { seenDeliveries: { x9: 2 } as IDataObject }, 'x9', 4)).toBe(true);
	});

	it('after a restart (memory empty) the record in static data is what counts', () => {
		const memory = new DeliveryMemory();
		const data: IDataObject = {};
		for (let i = 0; i < 50; i++) check(memory, data, `d-${i}`, i);
		memory.clear();
		expect(memory.size()).toEqual({ triggers: 0, ids: 0 });
		for (let i = 0; i < 50; i++) expect(check(memory, data, `d-${i}`, 100 + i)).toBe(true);
	});

	it('keeps each trigger apart, and at most the given number of triggers, the least recently used going first', () => {
		const memory = new DeliveryMemory(3);
		for (const trigger of ['a', 'b', 'c']) check(memory, {}, 'same-id', 1, trigger);
		expect(memory.size()).toEqual({ triggers: 3, ids: 3 });
		expect(check(memory, {}, 'same-id', 2, 'a')).toBe(true); // a is now the most recent
		check(memory, {}, 'other', 3, 'd'); // b, the least recently used, goes
		expect(memory.size().triggers).toBe(3);
		expect(check(memory, {}, 'same-id', 4, 'b')).toBe(false);
		expect(check(memory, {}, 'same-id', 5, 'a')).toBe(true);
	});

	it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', '💥', 'x'.repeat(10_000)])(
		'takes %j as an id like any other, also after a JSON round trip of static data',
		(id) => {
			const memory = new DeliveryMemory();
			const data: IDataObject = { seenDeliveries: { old: 'not a time', arr: [1] } as unknown as IDataObject };
			expect(check(memory, data, id, 5)).toBe(false);
			expect(Object.keys(data.seenDeliveries as object)).toEqual([id]);
			const reloaded = JSON.parse(JSON.stringify(data)) as IDataObject;
			memory.clear();
			expect(check(memory, reloaded, id, 6)).toBe(true);
			expect(check(memory, reloaded, 'another', 7)).toBe(false);
			expect(Object.getPrototypeOf({})).toBe(Object.prototype);
		},
	);
});

describe('secretMatches', () => {
	it('matches the exact secret only', () => {
		expect(secretMatches('s3cret', 's3cret')).toBe(true);
		for (const given of ['s3cre', 's3cret ', 'S3CRET', '', 'x'.repeat(10_000)]) expect(secretMatches(given, 's3cret')).toBe(false);
		expect(secretMatches(['s3cret', 's3cret'], 's3cret')).toBe(false);
		expect(secretMatches(undefined, 's3cret')).toBe(false);
	});
});

describe('eventOf / isWanted', () => {
	it('reads the envelope type first, then the payload type', () => {
		expect(eventOf('websiteVisit', 'organization')).toBe('websiteVisit');
		expect(eventOf(undefined, 'activity')).toBe('newActivity');
		expect(eventOf(undefined, 'Member')).toBe('newContact');
		expect(eventOf(undefined, 'contact')).toBe('newContact');
		expect(eventOf('somethingNew', 'organization')).toBe('newOrganization');
		expect(eventOf(undefined, '__proto__')).toBe('unknown');
		expect(eventOf({}, 42)).toBe('unknown');
	});
	it('Any takes everything; a list takes its own events', () => {
		expect(isWanted('unknown', ['any'])).toBe(true);
		expect(isWanted('unknown', ['newContact'])).toBe(false);
		expect(isWanted('newContact', ['newContact', 'newActivity'])).toBe(true);
	});
});

describe('readEnvelope', () => {
	it('reads JSON given as text or raw bytes', () => {
		expect(readEnvelope('{"id":"a","payload":{}}')).toMatchObject({ ok: true, envelope: { id: 'a' } });
		expect(readEnvelope({}, Buffer.from('{"id":7,"payload":{}}'))).toMatchObject({ ok: true, envelope: { id: '7' } });
		expect(readEnvelope({ payload: {}, id: '' })).toMatchObject({ ok: true, envelope: { id: null } });
	});
	it.each([[null], [[]], ['nope'], [{}], [{ payload: [] }], [42]])('refuses %p', (body) => {
		expect(readEnvelope(body).ok).toBe(false);
	});
});

describe('checkSecret (the credential test)', () => {
	it('passes a set secret and names what would make every delivery fail', () => {
		expect(checkSecret('whsec_1').status).toBe('OK');
		expect(checkSecret('').message).toMatch(/empty/);
		expect(checkSecret(' whsec_1').message).toMatch(/space/);
		expect(checkSecret(undefined).status).toBe('Error');
	});
});
