import fc from 'fast-check';

import { canonicalJson, fingerprint } from '../../../packages/shared/memory';
import { duplicateKeyOf, storedValue } from '../../../packages/n8n-nodes-teamcommonground/nodes/TeamCommonGround/helpers/duplicateKey';
import type { ActivityBody } from '../../../packages/n8n-nodes-teamcommonground/nodes/TeamCommonGround/helpers/activityBody';

const body = (extra: Record<string, unknown> = {}) => ({ type: 'c_order', client: { email: 'a@example.com' }, message: 'Order 1', ...extra }) as ActivityBody;
const DAY1 = new Date('2026-12-07T23:59:59.999Z');
const DAY2 = new Date('2026-12-08T00:00:00.000Z');

describe('Duplicate Key: which items count as the same', () => {
	it('a mapped key is compared as text: spaces at the ends and Unicode composition ignored, case kept', () => {
		const key = (text: string) => duplicateKeyOf(text, body(), DAY1).key;
		expect(key(' ORD-1\t')).toBe('ORD-1');
		expect(key('ORD-1')).not.toBe(key('ord-1'));
		expect(key('ORD 1')).not.toBe(key('ORD  1'));
		expect(key('Caf\u00e9')).toBe(key('Cafe\u0301')); // é composed and decomposed: one key
		expect(duplicateKeyOf('x', body(), DAY1)).toEqual({ key: 'x', mapped: true });
	});

	it('with no key, the fingerprint of what is sent and the UTC day: a new day is a new key', () => {
		const first = duplicateKeyOf('', body(), DAY1);
		expect(first.mapped).toBe(false);
		expect(first.key).toMatch(/^fp:[\w-]{22}@2026-12-07$/);
		expect(duplicateKeyOf('   ', body(), new Date('2026-12-07T00:00:00Z')).key).toBe(first.key);
		expect(duplicateKeyOf('', body(), DAY2).key).not.toBe(first.key);
		expect(duplicateKeyOf('', body({ message: 'Order 2' }), DAY1).key).not.toBe(first.key);
		expect(duplicateKeyOf('', body({ message: 'Order 1 ' }), DAY1).key).not.toBe(first.key); // what is sent differs
	});

	it('the fingerprint does not depend on the order fields were built in, and every content change changes it', () => {
		fc.assert(
			fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 8 }), fc.string(), fc.jsonValue(), (record, key, value) => {
				const reversed = Object.fromEntries(Object.entries(record).reverse());
				expect(fingerprint(reversed)).toBe(fingerprint(record));
				const changed = { ...record, [key]: value };
				if (canonicalJson(changed) !== canonicalJson(record)) expect(fingerprint(changed)).not.toBe(fingerprint(record));
			}),
			{ numRuns: 2000 },
		);
	});

	it('hostile keys are keys: __proto__, constructor, 100 KB, control characters, and no two kinds of stored value meet', () => {
		for (const text of ['__proto__', 'constructor', 'x'.repeat(100_000), 'a\u0000b', '💥', '0', '-0']) {
			expect(duplicateKeyOf(text, body(), DAY1).key).toBe(text.trim().normalize('NFC'));
		}
		const parsed = JSON.parse('{"__proto__": {"polluted": true}, "message": "m"}') as Record<string, unknown>;
		expect(canonicalJson(parsed)).toBe('{"__proto__":{"polluted":true},"message":"m"}');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(storedValue.sent('a\u0000tcg-created')).not.toBe(storedValue.created('a', 'tcg-created'));
	});
});
