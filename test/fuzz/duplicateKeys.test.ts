/**
 * Fuzz: Skip Duplicates' keys and Only Send Changes' fingerprints with hostile values, in n8n's
 * real engine over HTTP (test/deduplicator.ts as the store). Which count as the same key: a mapped
 * key is text compared exactly after trimming spaces at both ends and Unicode NFC normalisation;
 * case, inner spaces and every other difference make another key. Run twice, the first run must
 * create exactly one activity per distinct key and the second none; every fingerprinted contact
 * must be sent once and then be "unchanged".
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../emulator';
import { node, runWorkflow } from '../engine';
import { created, startTestEmulator, tcgNode } from '../nodes/teamcommonground/helpers';
import { anyText, fuzzSeed, hugeText } from './support/hostile';

const SEED = fuzzSeed(20261207);
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startTestEmulator({ commonRoom: { ratePerSecond: 100_000 } });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

/** Keys with their look-alikes: case, spaces at the ends and inside, composed and decomposed accents. */
const key = fc.oneof(
	anyText(30),
	fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '-0', 'null', 'undefined', 'ORD-1', 'ord-1', ' ORD-1 ', 'ORD 1', 'ORD  1', 'Caf\u00e9', 'Cafe\u0301', '\u212b', '\u00c5'),
	hugeText.map((text) => text.slice(0, 100_000)),
	fc.integer({ min: -5, max: 5 }),
);

const normalised = (value: unknown) => String(value).trim().normalize('NFC');

describe('Skip Duplicates and Only Send Changes with hostile keys', () => {
	it('each distinct key (after trimming and NFC) is created once; a second run creates none', async () => {
		const keys = fc.sample(key, { numRuns: 120, seed: SEED }).filter((value) => normalised(value) !== '');
		const input = keys.map((value, i) => ({ json: { key: value, n: i } }));
		const order = tcgNode({
			resource: 'activity',
			operation: 'create',
			clientEmail: 'customer@example.com',
			message: '={{ "Item " + $json.n }}',
			duplicateKey: '={{ $json.key }}',
		});
		const run = async () =>
			await runWorkflow({
				workflowId: 'fuzz-keys',
				nodes: [order],
				input,
				credentials: { teamCommonGroundApi: { apiKey: emulator.tokens.teamCommonGround, baseUrl: emulator.teamCommonGroundBaseUrl } },
			});
		const first = await run();
		expect(first.error()).toBeUndefined();
		const distinct = new Set(keys.map(normalised));
		expect(created(emulator)).toHaveLength(distinct.size);
		const second = await run();
		expect(created(emulator)).toHaveLength(distinct.size);
		expect(second.output('Team Common Ground').every((item) => item.json.status === 'skipped')).toBe(true);
		expect(({} as IDataObject).polluted).toBeUndefined();
	}, 120_000);

	it('contacts with hostile field values are sent once, then unchanged; changing any value sends it again', async () => {
		const values = fc.sample(fc.oneof(anyText(40), hugeText.map((text) => text.slice(0, 5_000))), { numRuns: 40, seed: SEED + 1 });
		const input = values.map((title, i) => ({ json: { email: `fuzz${i}@example.com`, title } }));
		const contact = node('commonRoom', {
			resource: 'contact',
			operation: 'upsert',
			destinationSourceId: '12345',
			email: '={{ $json.email }}',
			additionalFields: { titleAtCompany: '={{ $json.title }}' },
			onlySendChanges: true,
		});
		const run = async (items: typeof input) =>
			await runWorkflow({
				workflowId: 'fuzz-changes',
				nodes: [contact],
				input: items,
				credentials: { commonRoomApi: { apiToken: emulator.tokens.commonRoom, baseUrl: emulator.commonRoomBaseUrl } },
			});
		const upserts = () => emulator.log().filter((entry) => entry.method === 'POST' && entry.path.endsWith('/user')).length;
		const first = await run(input);
		const sent = first.output('Common Room').filter((item) => item.json.status === 'upserted').length;
		expect(upserts()).toBe(sent);
		const second = await run(input);
		expect(second.output('Common Room').filter((item) => item.json.status === 'upserted')).toHaveLength(0);
		expect(upserts()).toBe(sent);
		await run(input.map((item) => ({ json: { ...item.json, title: `${String(item.json.title)}!` } })));
		expect(upserts()).toBe(2 * sent);
	}, 120_000);
});
