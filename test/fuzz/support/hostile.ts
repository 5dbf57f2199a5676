/**
 * Building blocks for hostile input: strings and values a spreadsheet, a webhook or a careless
 * expression can hand a node. Each generated item is one of:
 *
 * - `valid`: hostile-looking but valid (unicode, emoji, lone surrogates, 200 KB text where the
 *   API takes it, `__proto__` keys where keys are free): must be accepted;
 * - `defect`: a valid item with exactly one broken field: must be rejected before anything is
 *   sent, with an error naming the item and that field;
 * - `chaos`: random JSON in every field: may be accepted or rejected, but never crash, never
 *   reach the server and be refused there.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

export type CaseKind = 'valid' | 'defect' | 'chaos';

export interface FuzzCase {
	kind: CaseKind;
	json: IDataObject;
	/** For a defect: the field label the error must start with. */
	field?: string;
	/** For a defect: what was broken (for the failure report). */
	defect?: string;
	/**
	 * For a valid item: what the server must have stored (or the output must show), by the names
	 * the batch spec's `facts` gives them, e.g. `{ allClients: false }` for the text "false".
	 */
	expect?: Record<string, unknown>;
}

export const jsonValue = (maxDepth: number) => fc.jsonValue({ maxDepth });

/**
 * Objects whose own `toString` / `valueOf` keys hold data, as JSON.parse makes them from a webhook
 * body: `String(value)` throws "Cannot convert object to primitive value" on them, and `${value}`
 * or `Number(value)` likewise (test/fuzz/findings.test.ts has the fixed cases).
 */
export const conversionKeyedObject: fc.Arbitrary<IDataObject> = fc
	.tuple(
		fc.subarray(['toString', 'valueOf'], { minLength: 1 }),
		fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null), fc.constant({})), { minLength: 2, maxLength: 2 }),
		fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), jsonValue(1), { maxKeys: 2 }),
	)
	.map(([keys, values, rest]) => {
		const own = keys.map((key, index) => `${JSON.stringify(key)}: ${JSON.stringify(values[index])}`);
		const text = `{${[JSON.stringify(rest).slice(1, -1), ...own].filter(Boolean).join(',')}}`;
		return JSON.parse(text) as IDataObject;
	});

/** Any text: unicode of every plane, lone surrogates, control characters, emoji, RTL marks. */
export const anyText = (maxLength = 40) =>
	fc.oneof(
		fc.string({ maxLength }),
		fc.string({ unit: 'binary', maxLength }),
		fc.string({ unit: 'grapheme', maxLength }),
		fc.constantFrom('Zoë Ŧęšť', 'ナマエ', '‮reversed‬', '👩🏽‍💻🚀', '\u0000nul\u0007bell', 'line\nbreak\ttab', "O'Brien \"Bob\" <b>&amp;"),
	);

/** Text with at least one visible character (a blank value means "not sent" to the nodes). */
export const nonBlankText = (maxLength = 40) =>
	fc.tuple(fc.constantFrom('a', 'Z', 'é', '名', '9'), anyText(maxLength)).map(([first, rest]) => `${first}${rest}`);

/** ~200 KB of mixed text. */
export const hugeText = fc
	.tuple(fc.integer({ min: 195_000, max: 205_000 }), fc.constantFrom('a', 'é', '名', '🚀', 'x y '))
	.map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

/** Objects, and lists holding an object: never text, nor a list of texts. */
export const objectNotText = fc.oneof(
	fc.constant({}),
	fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), jsonValue(1), { minKeys: 1, maxKeys: 3 }),
	conversionKeyedObject,
	// "[object Object]" once joined into text, e.g. [5551234567, {"ext": 12}].
	fc
		.tuple(
			fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 5 }), fc.integer()), { maxLength: 2 }),
			fc.oneof(fc.constant({}), fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), jsonValue(1), { minKeys: 1, maxKeys: 2 }), conversionKeyedObject, fc.constant(['nested'])),
			fc.nat(2),
		)
		.map(([list, object, at]) => [...list.slice(0, at), object, ...list.slice(at)]),
);

/** Values where a string belongs but is not one. */
export const notAString = fc.oneof(
	fc.constant([]),
	fc.array(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 3 }),
	objectNotText,
);

/** `"__proto__": <json>, "polluted": true` (or constructor / prototype): a JSON fragment for an own key. */
export const protoKeyedFragment = fc
	.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), jsonValue(2))
	.map(([key, value]) => `"${key}": ${JSON.stringify(value ?? null)}, "polluted": true`);

/** An object with own `__proto__` / `constructor` / `prototype` keys (built with JSON.parse, as data arrives). */
export const protoKeyedObject = protoKeyedFragment.map((fragment) => JSON.parse(`{${fragment}}`) as IDataObject);

/** Random JSON for chaos items (the engine hands nodes JSON-compatible data). */
export const chaosValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 3, arbitrary: anyText(30) },
	{ weight: 2, arbitrary: jsonValue(2) },
	{ weight: 1, arbitrary: notAString },
	{ weight: 1, arbitrary: protoKeyedObject },
	{ weight: 1, arbitrary: conversionKeyedObject },
	{ weight: 1, arbitrary: fc.constantFrom('true', 'false', 'TRUE', 'yes', 'no', '1', 1, 0) },
	{ weight: 1, arbitrary: fc.constantFrom(null, '', '   ', 0, -1, true, false, 1e308, -0) },
);

/** A lower-case ASCII email that every reasonable validator accepts, unique per index. */
export const plainEmail = (prefix: string) =>
	fc.tuple(fc.nat(1e9), fc.constantFrom('example.com', 'mail.example.org', 'x.io', 'sub.domain.co.uk')).map(
		([n, domain]) => `${prefix}${n}@${domain}`,
	);

export const emailWithoutAt = fc.oneof(
	fc.constantFrom('john.example.com', 'john(at)example.com', 'ｊｏｈｎ＠example.com', 'mailto:john'),
	fc.string({ minLength: 1, maxLength: 30 }).filter((text) => !text.includes('@') && text.trim() !== ''),
);

export const badEmail = fc.oneof(
	emailWithoutAt,
	fc.constantFrom('@example.com', 'john@', 'john@localhost', 'john doe@example.com', 'a@b@c.de', 'john@exa mple.com', '   '),
	fc.constant(`${'x'.repeat(320)}@example.com`),
);

export const invalidUrl = fc.oneof(
	fc.constantFrom(
		'javascript:alert(1)',
		'ftp://files.example.com/a.png',
		'http://',
		'https://',
		'not a url',
		'//cdn.example.com/a.png',
		'example.com/avatar.png',
		'data:image/png;base64,AAAA',
		'file:///etc/passwd',
		'http//missing-colon.com',
	),
	fc.string({ minLength: 1, maxLength: 20 }).filter((text) => !/^https?:\/\//i.test(text.trim()) && text.trim() !== ''),
);

export const impossibleDate = fc.constantFrom(
	'2024-02-30',
	'2023-02-29',
	'2024-13-01',
	'2024-00-10',
	'2024-04-31',
	'2024-02-30T10:00:00Z',
	'2024-06-31T23:59:59+02:00',
	'not a date',
	'yesterday-ish',
	'32/01/2024',
);

/**
 * Bare numbers where a date belongs: epoch seconds, epoch milliseconds or neither. The nodes
 * refuse them as ambiguous (nodes/shared/parameters/date.ts): as digits, signed, decimal or with
 * an exponent, padded with spaces, and as JS numbers.
 */
export const bareNumberDate: fc.Arbitrary<unknown> = fc.oneof(
	fc.constantFrom<unknown>('1707991200', '1735000000000', '0', '-1', '+5', '-0', '00', '1707991200.5', '1.7e9', '1E12', '.5', '20240215', 1_735_000_000_000, 1_707_991_200, 0, -1),
	fc.tuple(fc.stringMatching(/^[+-]?\d{1,16}$/), fc.constantFrom('', ' ', '\t')).map(([digits, pad]) => `${pad}${digits}${pad}`),
	fc.stringMatching(/^[+-]?\d{1,10}\.\d{0,3}([eE][+-]?\d{1,2})?$/),
	fc.integer({ min: -1e13, max: 1e13 }),
	fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }),
);

/**
 * A valid date-time and the instant it must be sent as (ISO 8601 UTC). Date-times without a zone
 * are read in the workflow's timezone: the engine runs with n8n's default, America/New_York.
 */
export const dateTimeAndInstant: fc.Arbitrary<[string, string]> = fc.oneof(
	fc
		.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
		.map((date): [string, string] => [date.toISOString(), date.toISOString()]),
	fc.constantFrom<[string, string]>(
		['2024-02-15', '2024-02-15T00:00:00.000Z'],
		['2024-02-15T10:00:00', '2024-02-15T15:00:00.000Z'],
		['2024-07-04 09:30', '2024-07-04T13:30:00.000Z'],
		[' 2024-02-29T23:59:59+05:30 ', '2024-02-29T18:29:59.000Z'],
		['2024-02-15T10:00:00.250-08:00', '2024-02-15T18:00:00.250Z'],
	),
);

/** The largest whole number a JSON number carries exactly, as a BigInt. */
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Whole-number text past 2^53 - 1 (a number would round it), optionally signed or padded. */
export const pastSafeIntegerText: fc.Arbitrary<string> = fc.oneof(
	fc.constantFrom('9007199254740992', '9007199254740993', '-9007199254740993', '+9007199254740993', '18446744073709551615', '99999999999999999999'),
	fc
		.tuple(fc.bigInt({ min: SAFE + BigInt(1), max: BigInt(2) ** BigInt(80) }), fc.constantFrom('', '-', '+'), fc.constantFrom('', ' '))
		.map(([number, sign, pad]) => `${pad}${sign}${number}${pad}`),
);

/** JS numbers that are whole and past 2^53 - 1 in size: already rounded when they reach a node. */
export const pastSafeIntegerNumber: fc.Arbitrary<number> = fc.oneof(
	fc.constantFrom(2 ** 53, 9007199254740993, -(2 ** 53), 1e16, 1e21, Number.MAX_VALUE),
	fc.tuple(fc.double({ min: 2 ** 53, max: 1e300, noNaN: true }), fc.boolean()).map(([number, negative]) => (negative ? -number : number)),
);

/** Whole numbers up to 2^53 - 1 in size, as text or numbers: sent exactly. */
export const safeIntegerEdge = fc.constantFrom<unknown>('9007199254740991', '-9007199254740991', ' +9007199254740991 ', Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER);

/**
 * Non-ASCII characters. The Kelvin sign "\u212A" is among them on purpose: it lower-cases to an
 * ASCII "k", and the nodes once checked an email only after lower-casing it (so "\u212Aate@…"
 * passed, and Team Common Ground's server refused it).
 */
const nonAsciiChar = fc.oneof(
	fc.constantFrom('é', 'ü', 'ß', 'ø', 'ñ', 'Ä', 'İ', 'ı', 'ﬁ', '名', '😀', '\u00a0', '\u200b', 'ａ', '\u0301', '\u212A'),
	fc
		.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })
		.filter((char) => [...char].some((unit) => (unit.codePointAt(0) ?? 0) > 0x7f) && !char.includes('@') && char.trim() === char),
);

/**
 * Emails that pass a loose check but not the APIs' `format: email` (zod's `z.string().email()`):
 * non-ASCII local parts or domains, and quoted local parts. The nodes refuse them naming the field.
 */
export const apiRefusedEmail: fc.Arbitrary<string> = fc.oneof(
	fc.constantFrom(
		'josé@example.com',
		'ada@exämple.com',
		'"john doe"@example.com',
		'"john"@example.com',
		'"a@b"@example.com',
		'Zoë.Ŧęšť@example.org',
		'名前@example.jp',
		'user@名前.jp',
		'müller@münchen.de',
		'ﬁnance@example.com',
	),
	// One non-ASCII character inside an otherwise plain address, in the local part or the domain.
	fc
		.tuple(fc.stringMatching(/^[a-z0-9]{2,10}$/), nonAsciiChar, fc.nat(10), fc.boolean(), fc.constantFrom('example.com', 'mail.example.org'))
		.map(([local, char, at, inDomain, domain]) => {
			const insert = (text: string, index: number) => `${text.slice(0, index)}${char}${text.slice(index)}`;
			return inDomain ? `${local}@${insert(domain, 1 + (at % (domain.indexOf('.') - 1)))}` : `${insert(local, at % (local.length + 1))}@${domain}`;
		}),
	// A quoted local part.
	fc.tuple(fc.stringMatching(/^[a-z0-9 .,@]{1,12}$/), fc.constantFrom('example.com', 'x.io')).map(([inside, domain]) => `"${inside}"@${domain}`),
);

/**
 * A yes/no value and what it means: true and false, the texts "true" / "false" in any case and
 * padded, and empty (null, '') for the field's default.
 */
export const yesNo = (fallback: boolean): fc.Arbitrary<[unknown, boolean]> =>
	fc.constantFrom<[unknown, boolean]>(
		[true, true],
		[false, false],
		['true', true],
		['false', false],
		['TRUE', true],
		[' false ', false],
		['False', false],
		[' True\n', true],
		['', fallback],
		[null, fallback],
	);

/** Values a yes/no field refuses: other words, numbers, objects and lists (never read as truthy). */
export const notYesNo: fc.Arbitrary<unknown> = fc.oneof(
	fc.constantFrom<unknown>('yes', 'no', 'on', 'off', 'y', 'n', '1', '0', 't', 'f', 'truthy', 'true.', '"true"', 'tru e', 'ｔｒｕｅ', ' ', 1, 0, -1, 2, {}, [], ['true'], [false]),
	fc.string({ minLength: 1, maxLength: 8 }).filter((text) => !['true', 'false'].includes(text.trim().toLowerCase())),
	conversionKeyedObject,
);

/** A slug the Team Common Ground doc accepts as `source`. */
export const validSlug = fc.stringMatching(/^[a-z0-9_-]{1,50}$/);

/** IDs for lists (tags, user IDs): one token, no spaces or commas. */
export const idToken = fc.stringMatching(/^[A-Za-z0-9_.-]{1,40}$/);

/** One broken field on top of a valid item: what was broken, the field the error must name, the input keys to set. */
export interface FieldBreakage {
	defect: string;
	field: string;
	patch: IDataObject;
}

/** A breakage per value: input key `key` set to it, refused naming `field` (the suites call it `p`). */
export const fieldBreakage = (defect: string, field: string, values: fc.Arbitrary<unknown>, key: string): fc.Arbitrary<FieldBreakage> =>
	values.map((value) => ({ defect, field, patch: { [key]: value } as IDataObject }));

/**
 * A valid item with 1–3 of its fields replaced by random JSON: reaches deeper than random items
 * (which mostly stop at the first missing field).
 */
export function mutated(valid: fc.Arbitrary<IDataObject>, keys: string[], skip: (key: string, value: unknown) => boolean = () => false) {
	return fc
		.tuple(valid, fc.array(fc.tuple(fc.constantFrom(...keys), chaosValue), { minLength: 1, maxLength: 3 }))
		.map(([json, overrides]): FuzzCase => {
			const next: IDataObject = { ...json };
			for (const [key, value] of overrides) if (!skip(key, value)) next[key] = value as IDataObject[string];
			return { kind: 'chaos', json: next, defect: `random ${overrides.map(([key]) => key).join(', ')}` };
		});
}

/** Shuffles cases into one batch (fast-check controls the randomness, so runs replay from the seed). */
export function batchOf(arbitrary: fc.Arbitrary<FuzzCase>, size: number): fc.Arbitrary<FuzzCase[]> {
	return fc.array(arbitrary, { minLength: size, maxLength: size });
}

/** Picks valid / defect / chaos in the given proportions (percent). */
export function mix(
	valid: fc.Arbitrary<FuzzCase>,
	defect: fc.Arbitrary<FuzzCase>,
	chaos: fc.Arbitrary<FuzzCase>,
	weights = { valid: 35, defect: 50, chaos: 15 },
): fc.Arbitrary<FuzzCase> {
	return fc.oneof(
		{ weight: weights.valid, arbitrary: valid },
		{ weight: weights.defect, arbitrary: defect },
		{ weight: weights.chaos, arbitrary: chaos },
	);
}

/** The seed: fixed so CI replays the same items; FUZZ_SEED=<n> or FUZZ_SEED=random to explore. */
export function fuzzSeed(fallback: number): number {
	const raw = process.env.FUZZ_SEED;
	if (raw === 'random') return Math.floor(Math.random() * 2 ** 31);
	return raw && /^-?\d+$/.test(raw) ? Number(raw) : fallback;
}
