import { DateTime } from 'luxon';

import {
	isHttpUrl,
	jsonByteLength,
	normalizeEmail,
	quote,
	toIsoDateTime,
	toJsonObject,
	toStringList,
} from '../../../nodes/shared/validation';

describe('normalizeEmail', () => {
	it('trims and lower-cases a valid address', () => {
		expect(normalizeEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
	});
	it.each([['ada.example.com'], [''], ['a@b'], ['a b@c.de'], [42], [null], [{ email: 'a@b.co' }]])(
		'rejects %p',
		(value) => expect(normalizeEmail(value)).toBeUndefined(),
	);
});

describe('toIsoDateTime', () => {
	it('accepts the date shapes n8n hands a node', () => {
		expect(toIsoDateTime('2024-02-15T10:00:00Z')).toBe('2024-02-15T10:00:00.000Z');
		expect(toIsoDateTime('2024-02-15')).toBe('2024-02-15T00:00:00.000Z');
		expect(toIsoDateTime(Date.UTC(2024, 1, 15, 10))).toBe('2024-02-15T10:00:00.000Z');
		expect(toIsoDateTime(new Date(Date.UTC(2024, 1, 15)))).toBe('2024-02-15T00:00:00.000Z');
		expect(toIsoDateTime(DateTime.fromISO('2024-02-15T12:00:00+02:00'))).toBe(
			'2024-02-15T10:00:00.000Z',
		);
	});
	it.each([['2024-02-31'], ['2023-13-01'], ['not a date'], [''], [{}], [true]])(
		'rejects the impossible or unparseable %p',
		(value) => expect(toIsoDateTime(value)).toBeUndefined(),
	);
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
	it('splits lists from arrays or comma-separated text', () => {
		expect(toStringList('a, b,,c ')).toEqual(['a', 'b', 'c']);
		expect(toStringList(['x', ' y '])).toEqual(['x', 'y']);
	});
	it('measures bodies in UTF-8 bytes, not characters', () => {
		expect(jsonByteLength({ m: 'é' })).toBe('{"m":"é"}'.length + 1);
	});
	it('keeps quoted values short', () => {
		expect(quote('x'.repeat(200))).toHaveLength(62);
	});
});
