import type { IDataObject } from 'n8n-workflow';

import { eventOf, isWanted } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomTrigger/helpers/events';
import { readEnvelope } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomTrigger/helpers/envelope';
import { markSeen, SEEN_MAX_AGE_MS, SEEN_MAX_ENTRIES } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomTrigger/helpers/repeats';
import { checkSecret } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomTrigger/helpers/secretCheck';
import { secretMatches } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoomTrigger/helpers/secret';

describe('markSeen: repeated deliveries, bounded in size and age', () => {
	it('says whether an id was seen, and forgets ids older than 24 hours', () => {
		const data: IDataObject = {};
		expect(markSeen(data, 'a', 0)).toBe(false);
		expect(markSeen(data, 'a', 1000)).toBe(true);
		expect(markSeen(data, 'a', SEEN_MAX_AGE_MS + 1)).toBe(false);
	});

	it(`keeps at most ${SEEN_MAX_ENTRIES} ids, dropping the oldest`, () => {
		const data: IDataObject = {};
		for (let i = 0; i <= SEEN_MAX_ENTRIES; i++) markSeen(data, `id-${i}`, i);
		const seen = data.seenDeliveries as Record<string, number>;
		expect(Object.keys(seen)).toHaveLength(SEEN_MAX_ENTRIES);
		expect(Object.hasOwn(seen, 'id-0')).toBe(false);
		expect(markSeen(data, `id-${SEEN_MAX_ENTRIES}`, SEEN_MAX_ENTRIES + 1)).toBe(true);
	});

	it('takes "__proto__" as an id like any other, and ignores junk in stored data', () => {
		const data: IDataObject = { seenDeliveries: { old: 'not a time', arr: [1] } as unknown as IDataObject };
		expect(markSeen(data, '__proto__', 5)).toBe(false);
		expect(markSeen(data, '__proto__', 6)).toBe(true);
		expect(Object.keys(data.seenDeliveries as object)).toEqual(['__proto__']);
	});
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
