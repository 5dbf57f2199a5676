/**
 * The node's email check and the APIs' `format: email` (the emulator checks bodies with zod's
 * email rule for both services) accept exactly the same addresses, so an email that passes the
 * node is never refused with a 400 for its format, and none the API would take is refused.
 */
import fc from 'fast-check';
import { z } from 'zod';

import { isApiEmail } from '../../../packages/shared/parameters';

const apiEmail = z.string().email();
const accepted = (text: string) => apiEmail.safeParse(text).success;

const pieces = ['a', 'Z', '0', '9', '.', '..', '-', '_', '+', "'", '"', ' ', '@', 'é', 'ß', 'ü', '中', 'xn--', 'com', 'io', '!', '#', '%', '[', ']', '(', ')'];
const part = fc.array(fc.constantFrom(...pieces), { minLength: 0, maxLength: 8 }).map((chunks) => chunks.join(''));

describe('isApiEmail agrees with the APIs\' email format', () => {
	it('on generated local parts and domains', () => {
		fc.assert(
			fc.property(part, part, fc.constantFrom('com', 'io', 'c', 'co.uk', '123', 'xn--p1ai', 'de-'), (local, domain, tld) => {
				const email = `${local}@${domain}.${tld}`;
				expect(isApiEmail(email)).toBe(accepted(email));
			}),
			{ numRuns: 5000 },
		);
	});

	it('on the shapes users send', () => {
		const samples = [
			'ada@example.com',
			'Ada.Lovelace+n8n@Example.co.uk',
			"o'brien@example.ie",
			'josé@example.com',
			'ada@exämple.com',
			'"john doe"@example.com',
			'"ada"@example.com',
			'ada@localhost',
			'ada@192.168.0.1',
			'ada@[127.0.0.1]',
			'.ada@example.com',
			'ada.@example.com',
			'a..b@example.com',
			'ada@example..com',
			'ada@-example.com',
			'ada@xn--bcher-kva.de',
			'a@b.c',
		];
		for (const email of samples) expect([email, isApiEmail(email)]).toEqual([email, accepted(email)]);
	});
});
