import { DateTime } from 'luxon';

import type { INode } from 'n8n-workflow';

import {
	booleanParameter,
	dateTimeParameter,
	ID_LIST,
	isApiEmail,
	isHttpUrl,
	kindOf,
	LINK_LIST,
	normalizeEmail,
	numberParameter,
	numericIdParameter,
	quote,
	readBoolean,
	readCalendarDay,
	readDate,
	readText,
	textList,
	textParameter,
	toJsonObject,
	toStringList,
} from '../../../packages/shared/parameters';
import { jsonByteLength } from '../../../packages/n8n-nodes-teamcommonground/nodes/TeamCommonGround/helpers/activityBody';

const ctx = { getNode: (): INode => ({ id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }) };

/** As JSON.parse makes it from a webhook body: own toString / valueOf keys holding data. */
const conversionKeyed = JSON.parse('{"toString": "john@example.com", "valueOf": 1}') as unknown;

describe('normalizeEmail', () => {
	it('trims and lower-cases a valid address', () => {
		expect(normalizeEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
	});
	it.each([['ada.example.com'], [''], ['a@b'], ['a b@c.de'], [42], [null], [{ email: 'a@b.co' }]])(
		'rejects %p',
		(value) => expect(normalizeEmail(value)).toBeUndefined(),
	);
});

/** The ISO text readDate gives, or its problem. */
function iso(value: unknown, timezone = 'UTC'): string {
	const reading = readDate(value, timezone);
	return reading.ok ? reading.date.toISOString() : `refused: ${reading.problem}`;
}

describe('readDate: one rule for Due At, Occurred At and custom date fields', () => {
	it('accepts the date shapes n8n hands a node', () => {
		expect(iso('2024-02-15T10:00:00Z')).toBe('2024-02-15T10:00:00.000Z');
		expect(iso('2024-02-15')).toBe('2024-02-15T00:00:00.000Z');
		expect(iso(new Date(Date.UTC(2024, 1, 15)))).toBe('2024-02-15T00:00:00.000Z');
		expect(iso(DateTime.fromISO('2024-02-15T12:00:00+02:00'))).toBe('2024-02-15T10:00:00.000Z');
	});

	it("reads a date and time without a zone in the workflow's timezone", () => {
		expect(iso('2024-02-15T10:00:00', 'Europe/Berlin')).toBe('2024-02-15T09:00:00.000Z');
		expect(iso('2024-07-15 10:00', 'America/New_York')).toBe('2024-07-15T14:00:00.000Z');
		expect(iso('2024-02-15T10:00:00Z', 'Europe/Berlin')).toBe('2024-02-15T10:00:00.000Z');
		// A bare date stays its calendar day, whatever the timezone.
		expect(iso('2024-02-15', 'Asia/Tokyo')).toBe('2024-02-15T00:00:00.000Z');
	});

	// Before: "1707991200" (epoch seconds) became 1970-01-20, "0" 1970-01-01, "-1" 2001-01-01.
	it.each([['1707991200'], ['1707991200000'], ['0'], ['-1'], ['+5'], ['20240215'], [' 42 '], ['1.5e9'], [1707991200], [Date.UTC(2024, 1, 15)], [0]])(
		'refuses the bare number %p as ambiguous (seconds or milliseconds?)',
		(value) => {
			const reading = readDate(value, 'UTC');
			expect(reading.ok).toBe(false);
			if (reading.ok) return;
			expect(reading.reason).toBe('bareNumber');
			expect(reading.problem).toMatch(/bare number, which could be epoch seconds or milliseconds/);
			expect(reading.fix).toMatch(/DateTime\.fromSeconds/);
		},
	);

	it.each([['2024-02-31'], ['2023-13-01'], ['2024-02-31T10:00:00'], ['not a date'], ['tomorrow'], [{}], [true], [new Date(Number.NaN)]])(
		'refuses the impossible or unparseable %p',
		(value) => expect(iso(value)).toMatch(/^refused: /),
	);

	it('dateTimeParameter names the item and field, and leaves an empty value out', () => {
		const withZone = { ...ctx, getTimezone: () => 'UTC' };
		expect(dateTimeParameter(withZone, 0, '', 'Due At')).toBeUndefined();
		expect(dateTimeParameter(withZone, 0, null, 'Due At')).toBeUndefined();
		expect(() => dateTimeParameter(withZone, 3, '1707991200', 'Due At')).toThrow(
			'Due At: "1707991200" is a bare number, which could be epoch seconds or milliseconds [item 3]',
		);
	});

	it('readCalendarDay keeps the day a text starts with, and refuses bare numbers too', () => {
		expect(readCalendarDay('2024-05-01T23:30:00-08:00')).toEqual({ ok: true, day: '2024-05-01' });
		expect(readCalendarDay(DateTime.fromISO('2024-05-01T23:30:00', { zone: 'Pacific/Auckland' }))).toEqual({ ok: true, day: '2024-05-01' });
		expect(readCalendarDay('1714521600')).toMatchObject({ ok: false, reason: 'bareNumber' });
	});
});

describe('lists', () => {
	it('splits ID and link lists', () => {
		expect(toStringList(['a, b', 'c\nd', ''], ID_LIST).values).toEqual(['a', 'b', 'c', 'd']);
		expect(toStringList('x,y', ID_LIST).values).toEqual(['x', 'y']);
		expect(toStringList('https://a.test/x,y https://b.test,https://c.test', LINK_LIST).values).toEqual([
			'https://a.test/x,y',
			'https://b.test',
			'https://c.test',
		]);
	});
	it('keeps a comma inside a list entry where the field does not split entries', () => {
		expect(toStringList(['Beta, early', 'VIP']).values).toEqual(['Beta, early', 'VIP']);
	});
});

describe('isApiEmail: the format the APIs check', () => {
	it.each([['ada@example.com'], ["o'brien@example.ie"], ['a.b+tag@mail.example.co.uk'], ['x_y-z@xn--bcher-kva.de'], ['1@2.io']])(
		'accepts %p',
		(email) => expect(isApiEmail(email)).toBe(true),
	);
	// Before: each of these passed the node's check and came back as a 400 "invalid-request-body".
	it.each([['josé@example.com'], ['\u212Aate@example.com'], ['ada@exämple.com'], ['"john doe"@example.com'], ['"ada"@example.com'], ['.ada@example.com'], ['ada.@example.com'], ['a..b@example.com'], ['ada@example.c'], ['ada@-example.com'], ['ada@example.123'], ["ada'@example.com"]])(
		'refuses %p',
		(email) => {
			expect(isApiEmail(email)).toBe(false);
			expect(normalizeEmail(email)).toBeUndefined();
		},
	);
});

describe('numericIdParameter: ids kept exact', () => {
	it('keeps a long id as text when it is only used as text (a path segment)', () => {
		expect(numericIdParameter(ctx, 0, '9007199254740993', 'Destination Source ID', { noun: 'a source ID' })).toBe('9007199254740993');
	});
	// Before: "9007199254740993" was sent as 9007199254740992.
	it('refuses an id past 2^53 - 1 that would be sent as a rounded JSON number, naming the field', () => {
		expect(() => numericIdParameter(ctx, 2, '9007199254740993', 'Status', { noun: 'an ID', sentAsNumber: true })).toThrow(
			/^Status: "9007199254740993" is past 9007199254740991 \(2\^53 - 1\).*would be rounded \[item 2\]$/,
		);
		expect(numericIdParameter(ctx, 0, '9007199254740991', 'Status', { noun: 'an ID', sentAsNumber: true })).toBe('9007199254740991');
	});
	it('refuses a number that was already rounded before it reached the node', () => {
		expect(() => numericIdParameter(ctx, 0, 2 ** 53 + 2, 'Segment', { noun: 'an ID' })).toThrow(/past 9007199254740991/);
	});
});

describe('small parsers', () => {
	it('accepts only http(s) URLs with a host', () => {
		expect(isHttpUrl('https://example.com/order/456')).toBe(true);
		expect(isHttpUrl('ftp://example.com')).toBe(false);
		expect(isHttpUrl('https://')).toBe(false);
		expect(isHttpUrl('example.com')).toBe(false);
	});
	it('reads JSON objects from text or objects, nothing else', () => {
		expect(toJsonObject('{"orderId":"12345"}')).toEqual({ orderId: '12345' });
		expect(toJsonObject({ total: 99.99 })).toEqual({ total: 99.99 });
		expect(toJsonObject('[1,2]')).toBeUndefined();
		expect(toJsonObject('{oops')).toBeUndefined();
	});
	it('measures bodies in UTF-8 bytes, not characters', () => {
		expect(jsonByteLength({ m: 'é' })).toBe('{"m":"é"}'.length + 1);
	});
	it('keeps quoted values short', () => {
		expect(quote('x'.repeat(200))).toHaveLength(62);
	});
});

describe('readText', () => {
	it.each<[unknown, string]>([
		['Ada', 'Ada'],
		['  padded  ', '  padded  '],
		['', ''],
		[42, '42'],
		[-0.5, '-0.5'],
		[true, 'true'],
		[false, 'false'],
	])('%p is text: %p', (value, expected) => expect(readText(value)).toBe(expected));

	it.each<[string, unknown]>([
		['an object', { first: 'Ada' }],
		['an empty object', {}],
		['a list', ['Love', { lace: true }]],
		['an empty list', []],
		['null', null],
		['undefined', undefined],
		['NaN', NaN],
		['Infinity', Infinity],
		['a function', () => 'x'],
		['a symbol', Symbol('x')],
		['a Date', new Date(0)],
	])('%s is not text', (_label, value) => expect(readText(value)).toBeUndefined());

	it('never calls an object\'s own toString / valueOf (which String() would, and throw on)', () => {
		expect(() => String(conversionKeyed)).toThrow(/Cannot convert object to primitive value/);
		expect(readText(conversionKeyed)).toBeUndefined();
		const spy = { toString: jest.fn(() => 'x'), valueOf: jest.fn(() => 1) };
		expect(readText(spy)).toBeUndefined();
		expect(spy.toString).not.toHaveBeenCalled();
		expect(spy.valueOf).not.toHaveBeenCalled();
	});

	it('names what a value is for messages', () => {
		expect(kindOf({})).toBe('an object');
		expect(kindOf(conversionKeyed)).toBe('an object');
		expect(kindOf([])).toBe('a list');
		expect(kindOf(null)).toBe('null');
		expect(kindOf(NaN)).toBe('NaN');
	});
});

describe('textParameter', () => {
	it('trims text, reads numbers and booleans, treats null/undefined as empty', () => {
		expect(textParameter(ctx, 0, '  ada@example.com ', 'Client Email')).toBe('ada@example.com');
		expect(textParameter(ctx, 0, 5551234567, 'Client Phone')).toBe('5551234567');
		expect(textParameter(ctx, 0, null, 'Client Phone')).toBe('');
		expect(textParameter(ctx, 0, undefined, 'Client Phone')).toBe('');
	});

	it.each<[unknown, string]>([
		[conversionKeyed, 'an object'],
		[{ first: 'Ada' }, 'an object'],
		[[5551234567, { ext: 12 }], 'a list'],
		[['Love'], 'a list'],
	])('fails the item naming the field: %p', (value, got) => {
		expect(() => textParameter(ctx, 3, value, 'Client First Name')).toThrow(`Client First Name: must be text, got ${got} [item 3]`);
	});
});

describe('toStringList / textList', () => {
	it('splits comma-separated text; takes list entries as they are', () => {
		expect(toStringList('a, b,,c ')).toEqual({ values: ['a', 'b', 'c'] });
		expect(toStringList(['x', ' y ', '', null])).toEqual({ values: ['x', 'y'] });
		expect(toStringList(['Smith, John'])).toEqual({ values: ['Smith, John'] });
		expect(toStringList([7, true])).toEqual({ values: ['7', 'true'] });
		expect(toStringList(42)).toEqual({ values: ['42'] });
		expect(toStringList(undefined)).toEqual({ values: [] });
		expect(toStringList(null)).toEqual({ values: [] });
	});

	it('rejects objects and lists in the list instead of stringifying them', () => {
		expect(toStringList([{ name: 'VIP' }])).toEqual({ values: [], invalid: { name: 'VIP' } });
		expect(toStringList(['VIP', ['nested']])).toEqual({ values: [], invalid: ['nested'] });
		expect(toStringList({ name: 'VIP' })).toEqual({ values: [], invalid: { name: 'VIP' } });
		expect(toStringList([conversionKeyed]).invalid).toBe(conversionKeyed);
	});

	it('textList fails the item naming the field', () => {
		expect(textList(ctx, 0, 'VIP, Beta', 'Tag Names')).toEqual(['VIP', 'Beta']);
		expect(() => textList(ctx, 2, [{ name: 'VIP' }], 'Tag Names')).toThrow('Tag Names: must be text or a list of text, got an object in the list [item 2]');
		expect(() => textList(ctx, 0, conversionKeyed, 'Tag Names')).toThrow('Tag Names: must be text or a list of text, got an object [item 0]');
		expect(() => textList(ctx, 0, [conversionKeyed], 'Tag Names')).not.toThrow(/Cannot convert/);
	});
});

describe('readBoolean / booleanParameter', () => {
	it.each<[unknown, boolean]>([
		[true, true],
		[false, false],
		['true', true],
		['false', false],
		[' FALSE ', false],
		['True', true],
	])('%p is %p', (value, expected) => expect(readBoolean(value)).toBe(expected));

	it.each<[unknown]>([['yes'], ['no'], ['1'], [1], [0], [{}], [[]], [['true']], [null], [conversionKeyed]])('%p is neither', (value) => {
		expect(readBoolean(value)).toBeUndefined();
	});

	it('falls back when empty; fails the item naming the field otherwise', () => {
		expect(booleanParameter(ctx, 0, undefined, 'Has Time', true)).toBe(true);
		expect(booleanParameter(ctx, 0, '', 'Has Time', true)).toBe(true);
		expect(booleanParameter(ctx, 0, null, 'All Clients', false)).toBe(false);
		expect(booleanParameter(ctx, 0, 'false', 'Has Time', true)).toBe(false);
		expect(() => booleanParameter(ctx, 1, 'yes', 'Has Time', true)).toThrow('Has Time: must be true or false, got "yes" [item 1]');
		expect(() => booleanParameter(ctx, 1, {}, 'Has Time', true)).toThrow('Has Time: must be true or false, got an object [item 1]');
		expect(() => booleanParameter(ctx, 1, [], 'Has Time', true)).toThrow('Has Time: must be true or false, got a list [item 1]');
	});
});

describe('numberParameter (Timeout, Max Concurrency, Limit)', () => {
	const concurrency = { fallback: 10, min: 1, max: 50, integer: true };

	it('takes numbers and numeric text from expressions; the fallback when empty', () => {
		expect(numberParameter(ctx, 0, 20, 'Max Concurrency', concurrency)).toBe(20);
		expect(numberParameter(ctx, 0, ' 7 ', 'Max Concurrency', concurrency)).toBe(7);
		expect(numberParameter(ctx, 0, '1e1', 'Max Concurrency', concurrency)).toBe(10);
		expect(numberParameter(ctx, 0, '+3', 'Max Concurrency', concurrency)).toBe(3);
		expect(numberParameter(ctx, 0, '.5', 'Timeout (Seconds)', { fallback: 60, min: 0.1 })).toBe(0.5);
		expect(numberParameter(ctx, 0, 2.5, 'Timeout (Seconds)', { fallback: 60, min: 1 })).toBe(2.5);
		for (const empty of [undefined, null, '']) expect(numberParameter(ctx, 0, empty, 'Max Concurrency', concurrency)).toBe(10);
	});

	it.each([
		[conversionKeyed, 'must be a whole number from 1 to 50, got an object'],
		[[5], 'must be a whole number from 1 to 50, got a list'],
		['ten', 'must be a whole number from 1 to 50, got "ten"'],
		['   ', 'must be a whole number from 1 to 50, got "   "'],
		[true, 'must be a whole number from 1 to 50, got a boolean'],
		[Number.NaN, 'must be a whole number from 1 to 50, got NaN'],
		[0, 'must be a whole number from 1 to 50, got 0'],
		[51, 'must be a whole number from 1 to 50, got 51'],
		[2.5, 'must be a whole number from 1 to 50, got 2.5'],
		['0x10', 'must be a whole number from 1 to 50, got "0x10"'],
		['1e1e1', 'must be a whole number from 1 to 50, got "1e1e1"'],
	])('fails the item naming the field for %p, without calling its toString/valueOf', (value, problem) => {
		expect(() => numberParameter(ctx, 3, value, 'Max Concurrency', concurrency)).toThrow(`Max Concurrency: ${problem} [item 3]`);
	});
});
