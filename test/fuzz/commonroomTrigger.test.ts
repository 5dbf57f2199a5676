/**
 * Fuzz: the Common Room Trigger's webhook with generated hostile deliveries over real HTTP
 * (test/webhookHarness.ts): wrong, missing, empty and 10 KB secrets; 5 MB bodies; non-JSON;
 * arrays; a missing payload; unknown types; `__proto__` keys; unicode; deliveries repeated later,
 * and bursts of up to six sent at once, repeats among them. For every delivery the expected
 * answer is worked out from what was sent, and must be what the trigger answered: no crash (no
 * 500), no execution for a refused delivery or a repeat, exactly one per accepted id (also when
 * its repeats arrive at the same moment), and the secret in no answer, output or log line.
 */
import fc from 'fast-check';

import { capturedLogs } from '../engine';
import { startTriggerServer, type TriggerServer } from '../webhookHarness';
import { anyText, fuzzSeed, jsonValue, protoKeyedObject } from './support/hostile';

const SEED = fuzzSeed(20261201);
const SECRET = 'whsec_fuzz_7c1e9b2d';
const DELIVERIES = 520;
const HEADER = 'x-commonroom-webhook-secret';

type SecretCase = 'right' | 'wrong' | 'missing' | 'empty' | 'huge';
type BodyCase = 'envelope' | 'notJson' | 'array' | 'noPayload' | 'payloadNotObject' | 'huge' | 'invalidJson';

interface Delivery {
	secret: SecretCase;
	body: BodyCase;
	contentType: string;
	text: string;
	/** The envelope id, for repeats. */
	id: string;
}

const payload = fc.oneof(
	fc.record({ type: fc.constantFrom('member', 'contact', 'activity', 'organization', 'Member'), primaryEmail: anyText(30), fullName: anyText(30) }),
	fc.record({ type: fc.oneof(anyText(10), fc.constant('__proto__')), extra: jsonValue(2) }),
	protoKeyedObject,
	fc.dictionary(anyText(8), jsonValue(2), { maxKeys: 4 }),
	fc.record({ type: fc.constant('activity'), member: fc.oneof(jsonValue(2), protoKeyedObject), content: fc.oneof(anyText(50), jsonValue(1)) }),
);

const delivery: fc.Arbitrary<Delivery> = fc
	.record({
		secret: fc.constantFrom<SecretCase>('right', 'right', 'right', 'right', 'wrong', 'missing', 'empty', 'huge'),
		body: fc.constantFrom<BodyCase>('envelope', 'envelope', 'envelope', 'envelope', 'notJson', 'array', 'noPayload', 'payloadNotObject', 'invalidJson'),
		envelopeType: fc.option(fc.oneof(anyText(12), fc.constantFrom('newContact', 'websiteVisit', 'contactsMeetingCriteria'))),
		id: fc.oneof({ weight: 8, arbitrary: fc.nat().map((n) => `evt-${n}`) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'dup-1', 'ünï-💥') }),
		payload,
		noise: anyText(40),
	})
	.map(({ secret, body, envelopeType, id, payload: content, noise }) => {
		const envelope = { id, ...(envelopeType === null ? {} : { type: envelopeType }), source: { type: 'workflow', id: 1, name: noise }, payload: content };
		switch (body) {
			case 'notJson':
				return { secret, body, id, contentType: 'text/plain', text: `not json ${noise}` };
			case 'array':
				return { secret, body, id, contentType: 'application/json', text: JSON.stringify([envelope]) };
			case 'noPayload':
				return { secret, body, id, contentType: 'application/json', text: JSON.stringify({ id, source: envelope.source }) };
			case 'payloadNotObject':
				return { secret, body, id, contentType: 'application/json', text: JSON.stringify({ id, payload: noise }) };
			case 'invalidJson':
				return { secret, body, id, contentType: 'application/json', text: `{"id": ${JSON.stringify(noise)}, "payload": {` };
			default:
				return { secret, body, id, contentType: 'application/json', text: JSON.stringify(envelope) };
		}
	});

function secretHeader(secret: SecretCase): Record<string, string> {
	switch (secret) {
		case 'right':
			return { [HEADER]: SECRET };
		case 'wrong':
			return { [HEADER]: `${SECRET.slice(0, -1)}X` };
		case 'empty':
			return { [HEADER]: '' };
		case 'huge':
			return { [HEADER]: SECRET.repeat(1 + Math.ceil(10_240 / SECRET.length)) };
		default:
			return {};
	}
}

/** What the trigger must answer, and whether it starts an execution (before repeats). */
function expected(d: Delivery): { status: number; starts: boolean } {
	if (d.body === 'invalidJson') return { status: 422, starts: false }; // n8n's body parser
	if (d.secret !== 'right') return { status: 401, starts: false };
	if (d.body !== 'envelope' && d.body !== 'huge') return { status: 400, starts: false };
	return { status: 200, starts: true };
}

/** Rounds of deliveries sent at once: mostly one, up to six, repeats of earlier ones among them. */
function rounds(deliveries: Delivery[]): Delivery[][] {
	const pick = fc.sample(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.nat(), fc.nat({ max: 3 })), {
		numRuns: deliveries.length,
		seed: SEED + 1,
	});
	const result: Delivery[][] = [];
	const sent: Delivery[] = [];
	let next = 0;
	for (const [size, burst, earlier, copies] of pick) {
		if (next >= deliveries.length) break;
		const round = deliveries.slice(next, next + (burst ? size : 1));
		next += round.length;
		// A repeat of an earlier delivery now and then, and within a burst the same one several times.
		if (sent.length > 0 && earlier % 4 === 0) round.push(sent[earlier % sent.length]);
		if (burst) for (let i = 0; i < copies; i++) round.push(round[0]);
		sent.push(...round);
		result.push(round);
	}
	return result;
}

describe('Common Room Trigger fuzz', () => {
	let server: TriggerServer;
	beforeAll(async () => {
		server = await startTriggerServer({ secret: SECRET, readToRunMs: 5 });
	});
	afterAll(async () => await server.close());

	it(`${DELIVERIES} hostile deliveries, their repeats and bursts at once, and two 5 MB ones: the answer each must get, one execution per accepted id, the secret nowhere`, async () => {
		const deliveries = fc.sample(delivery, { numRuns: DELIVERIES, seed: SEED });
		const big = `{"id":"big-${SEED}","payload":{"type":"member","primaryEmail":"big@example.com","bio":"${'é'.repeat(2_600_000)}"}}`;
		deliveries.push(
			{ secret: 'right', body: 'huge', id: `big-${SEED}`, contentType: 'application/json', text: big },
			{ secret: 'wrong', body: 'huge', id: `big2-${SEED}`, contentType: 'application/json', text: big.replace(`big-${SEED}`, `big2-${SEED}`) },
		);
		const seenIds = new Set<string>();
		const answers: string[] = [];
		let startedExpected = 0;
		let sent = 0;
		let bursts = 0;
		const mismatches: string[] = [];
		for (const [index, round] of rounds(deliveries).entries()) {
			const before = server.executions.length;
			const responses = await Promise.all(
				round.map(async (d) => {
					const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': d.contentType, ...secretHeader(d.secret) }, body: d.text });
					return { status: response.status, text: await response.text() };
				}),
			);
			sent += round.length;
			if (round.length > 1) bursts++;
			// Each accepted id not accepted before starts exactly one execution, however many copies.
			const newIds = new Set(round.filter((d) => expected(d).starts && !seenIds.has(d.id)).map((d) => d.id));
			for (const id of newIds) seenIds.add(id);
			startedExpected += newIds.size;
			const started = server.executions.slice(before).map((items) => String(items[0].json.id));
			if (started.length !== newIds.size || !started.every((id) => newIds.has(id))) {
				mismatches.push(`round ${index}: started ${JSON.stringify(started)}, want one each of ${JSON.stringify([...newIds])}`);
			}
			for (const [i, d] of round.entries()) {
				answers.push(responses[i].text);
				if (responses[i].status !== expected(d).status) {
					mismatches.push(`round ${index} ${d.secret}/${d.body} id=${JSON.stringify(d.id)}: got ${responses[i].status}, want ${expected(d).status}: ${responses[i].text.slice(0, 200)}`);
				}
			}
		}
		expect(mismatches).toEqual([]);
		expect(server.executions).toHaveLength(startedExpected);
		expect(startedExpected).toBeGreaterThan(80);
		expect(sent - DELIVERIES).toBeGreaterThan(100); // repeats
		expect(bursts).toBeGreaterThan(50);
		const everything = JSON.stringify(answers) + JSON.stringify(server.executions) + JSON.stringify(capturedLogs);
		expect(everything).not.toContain(SECRET);
	}, 180_000);
});
