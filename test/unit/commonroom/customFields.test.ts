import { coerceCustomFieldValue, toDate } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoom/helpers/customFieldValues';
import { findCustomField, resolveCustomFields, type CustomFieldDefinition } from '../../../packages/n8n-nodes-commonroom/nodes/CommonRoom/helpers/customFields';

const field = (id: number, name: string, type: string, multivalue = false, values?: string[]): CustomFieldDefinition => ({
	id,
	name,
	type,
	multivalue,
	...(values ? { values } : {}),
});

const plan = field(101, 'Plan', 'enum', false, ['Free', 'Pro', 'Enterprise']);
const seats = field(102, 'Seats', 'int');
const mrr = field(103, 'MRR', 'number');
const signup = field(104, 'Signup date', 'date');
const website = field(105, 'Website', 'url');
const customer = field(106, 'Is customer', 'boolean');
const nickname = field(107, 'Nickname', 'string');
const languages = field(108, 'Languages', 'enum', true, ['Python', 'TypeScript', 'Go']);
const scores = field(110, 'Scores', 'number', true);
const slack = field(130, 'Slack User ID', 'string');
const all = [plan, seats, mrr, signup, website, customer, nickname, languages, scores];

const value = (definition: CustomFieldDefinition, raw: unknown) => coerceCustomFieldValue(definition, raw);

describe('custom field coercion per type', () => {
	it('empty input is "empty" (never sent, so never clears)', () => {
		for (const raw of [undefined, null, '', '   ', [], ['', null]]) {
			expect(value(nickname, raw)).toEqual({ kind: 'empty' });
			expect(value(languages, raw)).toEqual({ kind: 'empty' });
		}
	});

	it('string', () => {
		expect(value(nickname, '  Jay ')).toEqual({ kind: 'value', value: 'Jay' });
		expect(value(nickname, 42)).toEqual({ kind: 'value', value: '42' });
		expect(value(nickname, { a: 1 }).kind).toBe('invalid');
	});

	it('int', () => {
		expect(value(seats, '42')).toEqual({ kind: 'value', value: 42 });
		expect(value(seats, 7)).toEqual({ kind: 'value', value: 7 });
		expect(value(seats, '4.5')).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('whole number') });
		expect(value(seats, 'many').kind).toBe('invalid');
	});

	// Before: "9007199254740993" was sent as 9007199254740992 without a word.
	it('int and number refuse whole numbers past 2^53 - 1 instead of rounding them', () => {
		expect(value(seats, '9007199254740991')).toEqual({ kind: 'value', value: 9007199254740991 });
		for (const raw of ['9007199254740993', '-9007199254740993', 2 ** 53 + 2]) {
			expect(value(seats, raw)).toMatchObject({ kind: 'invalid', problem: expect.stringMatching(/past 9007199254740991 .*would be rounded/) });
		}
		expect(value(mrr, '9007199254740993')).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('would be rounded') });
		expect(value(mrr, '12.5')).toEqual({ kind: 'value', value: 12.5 });
	});

	it('number', () => {
		expect(value(mrr, '99.5')).toEqual({ kind: 'value', value: 99.5 });
		expect(value(mrr, -3)).toEqual({ kind: 'value', value: -3 });
		expect(value(mrr, '1e3')).toEqual({ kind: 'value', value: 1000 });
		expect(value(mrr, '12 USD').kind).toBe('invalid');
		expect(value(mrr, Number.NaN).kind).toBe('invalid');
	});

	it('boolean', () => {
		for (const raw of [true, 'true', 'Yes', '1', 1, 'on']) expect(value(customer, raw)).toEqual({ kind: 'value', value: true });
		for (const raw of [false, 'FALSE', 'no', '0', 0, 'off']) expect(value(customer, raw)).toEqual({ kind: 'value', value: false });
		expect(value(customer, 'maybe').kind).toBe('invalid');
	});

	it('date as YYYY-MM-DD from any date n8n hands in', () => {
		expect(value(signup, '2026-03-04')).toEqual({ kind: 'value', value: '2026-03-04' });
		expect(value(signup, '2026-03-04T23:30:00-05:00')).toEqual({ kind: 'value', value: '2026-03-04' });
		expect(value(signup, new Date(Date.UTC(2026, 2, 4, 12)))).toEqual({ kind: 'value', value: '2026-03-04' });
		// Before: a number or digit text was read as epoch milliseconds ("1707991200" seconds became 1970-01-20).
		for (const raw of [Date.UTC(2026, 2, 4), '1707991200', '0', '-1']) {
			expect(value(signup, raw)).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('not a bare number') });
		}
		expect(value(signup, { toISODate: () => '2026-03-04' })).toEqual({ kind: 'value', value: '2026-03-04' });
		expect(value(signup, 'March 4, 2026 12:00 UTC')).toEqual({ kind: 'value', value: '2026-03-04' });
		expect(value(signup, '2026-02-31').kind).toBe('invalid');
		expect(value(signup, 'soon').kind).toBe('invalid');
		expect(toDate('')).toBeUndefined();
	});

	it('url', () => {
		expect(value(website, ' https://acme.com/x ')).toEqual({ kind: 'value', value: 'https://acme.com/x' });
		expect(value(website, 'acme.com').kind).toBe('invalid');
	});

	it('enum must be one of the values (case-insensitive match, canonical spelling sent)', () => {
		expect(value(plan, 'pro')).toEqual({ kind: 'value', value: 'Pro' });
		const gold = value(plan, 'Gold');
		expect(gold.kind).toBe('invalid');
		expect(gold).toMatchObject({ problem: expect.stringContaining('"Free", "Pro", "Enterprise"') });
	});

	it('multi-value: arrays, comma text and JSON text; each element coerced', () => {
		expect(value(languages, ['python', 'Go'])).toEqual({ kind: 'value', value: ['Python', 'Go'] });
		expect(value(languages, 'Python, TypeScript')).toEqual({ kind: 'value', value: ['Python', 'TypeScript'] });
		expect(value(languages, '["Go"]')).toEqual({ kind: 'value', value: ['Go'] });
		expect(value(scores, '1, 2.5,')).toEqual({ kind: 'value', value: [1, 2.5] });
		expect(value(languages, 'Python, Cobol').kind).toBe('invalid');
		expect(value(languages, 'Go')).toEqual({ kind: 'value', value: ['Go'] });
	});

	it('single-value fields take a one-element list but not a longer one', () => {
		expect(value(seats, ['3'])).toEqual({ kind: 'value', value: 3 });
		expect(value(seats, [1, 2]).kind).toBe('invalid');
	});
});

describe('finding and resolving custom fields', () => {
	it('by id, exact name or loose name', () => {
		expect(findCustomField(all, 101)).toBe(plan);
		expect(findCustomField(all, '104')).toBe(signup);
		expect(findCustomField(all, 'Signup date')).toBe(signup);
		expect(findCustomField(all, 'signup_date')).toBe(signup);
		expect(findCustomField([slack], 'slackUserId')).toBe(slack);
		expect(findCustomField(all, 'nope')).toBeUndefined();
	});

	it('builds assignments, skips empties, names the field on failure', () => {
		const resolved = resolveCustomFields(all, [
			{ key: '101', value: 'enterprise', origin: 'explicit' },
			{ key: 'Seats', value: '', origin: 'explicit' },
			{ key: 'MRR', value: 'lots', origin: 'explicit' },
		]);
		expect(resolved.assignments).toEqual([{ id: 101, value: { type: 'enum', value: 'Enterprise' } }]);
		expect(resolved.problems).toEqual([
			{ field: 'Custom Fields › MRR', problem: expect.stringContaining('expects a number, got "lots"') },
		]);
	});

	it('an unknown explicit field fails; an unknown input key is reported, not dropped', () => {
		const resolved = resolveCustomFields(
			all,
			[
				{ key: 'Colour', value: 'red', origin: 'explicit' },
				{ key: 'row_number', value: 7, origin: 'inputKey' },
			],
			[],
			'12345',
		);
		expect(resolved.problems[0].problem).toContain('no custom field "Colour" writable by source 12345');
		expect(resolved.unmapped).toEqual({ row_number: 7 });
		expect(resolved.notes[0]).toContain('row_number');
	});

	it('slackUserId goes to a custom field of that name, or is reported with a note', () => {
		expect(resolveCustomFields([slack], [{ key: 'slackUserId', value: 'U123', origin: 'slackUserId' }]).assignments).toEqual([
			{ id: 130, value: { type: 'string', value: 'U123' } },
		]);
		const without = resolveCustomFields(all, [{ key: 'slackUserId', value: 'U123', origin: 'slackUserId' }]);
		expect(without.assignments).toEqual([]);
		expect(without.unmapped).toEqual({ slackUserId: 'U123' });
		expect(without.notes.join(' ')).toContain('no custom field named "slackUserId"');
	});

	it('clearing is explicit only and cannot be combined with a value', () => {
		expect(resolveCustomFields(all, [], ['Nickname']).assignments).toEqual([{ id: 107 }]);
		const both = resolveCustomFields(all, [{ key: 'Nickname', value: 'x', origin: 'explicit' }], ['Nickname']);
		expect(both.problems[0]).toMatchObject({ field: 'Custom Fields to Clear' });
		expect(resolveCustomFields(all, [], ['Nope']).problems).toHaveLength(1);
	});
});
