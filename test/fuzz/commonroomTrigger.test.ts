/**
 * Fuzz: the Common Room Trigger's webhook with generated hostile deliveries over real HTTP
 * (test/webhookHarness.ts): wrong, missing, empty and 10 KB secrets; 5 MB bodies; non-JSON;
 * arrays; a missing payload; unknown types; `__proto__` keys; unicode. For every delivery the
 * expected answer is worked out from what was sent, and must be what the trigger answered:
 * no crash (no 500), no execution for a refused delivery, exactly one for an accepted one, and the
 * secret in no answer, output or log line.
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

describe('Common Room Trigger fuzz', () => {
	let server: TriggerServer;
	beforeAll(async () => {
		server = await startTriggerServer({ secret: SECRET });
	});
	afterAll(async () => await server.close());

	it(`${DELIVERIES} hostile deliveries and two 5 MB ones: the answer each must get, executions only for accepted ones, the secret nowhere`, async () => {
		const deliveries = fc.sample(delivery, { numRuns: DELIVERIES, seed: SEED });
		const big = `{"id":"big-${SEED}","payload":{"type":"member","primaryEmail":"big@example.com","bio":"${'é'.repeat(2_600_000)}"}}`;
		deliveries.push(
			{ secret: 'right', body: 'huge', id: `big-${SEED}`, contentType: 'application/json', text: big },
			{ secret: 'wrong', body: 'huge', id: `big2-${SEED}`, contentType: 'application/json', text: big.replace(`big-${SEED}`, `big2-${SEED}`) },
		);
		const seenIds = new Set<string>();
		const answers: string[] = [];
		let startedExpected = 0;
		const mismatches: string[] = [];
		for (const [index, d] of deliveries.entries()) {
			const before = server.executions.length;
			const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': d.contentType, ...secretHeader(d.secret) }, body: d.text });
			const text = await response.text();
			answers.push(text);
			const want = expected(d);
			// A well-formed, accepted delivery whose id was accepted before is a repeat: 200, no execution.
			const repeat = want.starts && seenIds.has(d.id);
			const starts = want.starts && !repeat;
			if (starts) {
				seenIds.add(d.id);
				startedExpected++;
			}
			const started = server.executions.length - before;
			if (response.status !== want.status || started !== (starts ? 1 : 0)) {
				mismatches.push(`#${index} ${d.secret}/${d.body} id=${JSON.stringify(d.id)}: got ${response.status} (${started} started), want ${want.status} (${starts ? 1 : 0}): ${text.slice(0, 200)}`);
			}
		}
		expect(mismatches).toEqual([]);
		expect(server.executions).toHaveLength(startedExpected);
		expect(startedExpected).toBeGreaterThan(80);
		const everything = JSON.stringify(answers) + JSON.stringify(server.executions) + JSON.stringify(capturedLogs);
		expect(everything).not.toContain(SECRET);
	}, 120_000);
});
