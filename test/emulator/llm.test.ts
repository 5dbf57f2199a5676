// The LLM test double (emulator/llm): OpenAI's chat-completions wire shape, JSON and streamed, and
// the script — call the tool whose arguments it can fill, then answer from the tool results.
import type { Emulator } from '../../emulator';
import { LLM_API_KEY } from '../../emulator/llm/service';
import { nextTurn, organizationIn, personIn } from '../../emulator/llm/script';
import { call, startTestEmulator } from './helpers';

const QUESTION = 'Who at Analytical Engines was active recently?';
const tools = [
	{ type: 'function', function: { name: 'Team_Common_Ground', description: 'Log a note', parameters: { type: 'object', properties: { clientEmail: { type: 'string' } }, required: ['clientEmail'] } } },
	{ type: 'function', function: { name: 'Recent_activity', description: 'Activities', parameters: { type: 'object', properties: { organizationId: { type: 'string' } }, required: ['organizationId'] } } },
	{ type: 'function', function: { name: 'Find_organization', description: 'Organizations', parameters: { type: 'object', properties: { organizationName: { type: 'string' } }, required: ['organizationName'] } } },
];
const organizationResult = JSON.stringify([
	{ id: 'o_3001', name: 'Analytical Engines', topContacts: [{ id: 'c_100001', name: 'Ada Lovelace', fullName: 'Ada Lovelace', primaryEmail: 'ada@example.com' }, { id: 'c_100003', fullName: 'Charles Babbage' }] },
]);
// n8n wraps a node tool's output items in JSON again.
const activityResult = JSON.stringify([{ response: JSON.stringify([{ id: 'a_2', type: 'replied', activityTime: '2026-11-30T10:00:00.000Z', contactId: 'c_100001' }, { id: 'a_1', type: 'signed_up', activityTime: '2026-11-01T10:00:00.000Z', contactId: 'c_100001' }]) }]);

describe('LLM test double', () => {
	let emulator: Emulator;
	const url = () => `${emulator.url}/llm/v1/chat/completions`;
	beforeAll(async () => {
		emulator = await startTestEmulator();
	});
	afterAll(async () => {
		await emulator.stop();
	});

	it('reads the organization from the question', () => {
		expect(organizationIn(QUESTION)).toBe('Analytical Engines');
		expect(organizationIn('Who from Navy posted?')).toBe('Navy');
		expect(organizationIn('who was active?')).toBeUndefined();
	});

	it('reads a person to add from the request: name before the email, title before "at"', () => {
		const request = 'Please add Grace Hopper <grace.hopper@example.com>, Rear Admiral at Analytical Engines, to Common Room.';
		expect(personIn(request)).toEqual({ name: 'Grace Hopper', email: 'grace.hopper@example.com', title: 'Rear Admiral' });
		expect(personIn('Add grace@example.com')).toEqual({ name: undefined, email: 'grace@example.com', title: undefined });
		expect(personIn(QUESTION)).toEqual({});
	});

	it('fills a contact write\'s arguments from the request, then answers with what the tool saved', () => {
		const request = 'Please add Grace Hopper <grace.hopper@example.com>, Rear Admiral at Analytical Engines, to Common Room.';
		const addContact = { name: 'Add_contact', properties: { email: { type: 'string' }, fullName: { type: 'string' }, title: { type: 'string' }, company: { type: 'string' } } };
		const first = nextTurn([{ role: 'user', content: request }], [addContact]);
		expect(first).toEqual({
			kind: 'toolCalls',
			calls: [{ name: 'Add_contact', arguments: { email: 'grace.hopper@example.com', fullName: 'Grace Hopper', title: 'Rear Admiral', company: 'Analytical Engines' } }],
		});
		// What n8n hands back: the node's output item, wrapped in JSON again.
		const saved = JSON.stringify([{ response: JSON.stringify([{ status: 'upserted', email: 'grace.hopper@example.com', fullName: 'Grace Hopper', titleAtCompany: 'Rear Admiral', companyName: 'Analytical Engines' }]) }]);
		const second = nextTurn(
			[
				{ role: 'user', content: request },
				{ role: 'assistant', tool_calls: [{ id: 'c1', function: { name: 'Add_contact', arguments: '{}' } }] },
				{ role: 'tool', tool_call_id: 'c1', content: saved },
			],
			[addContact],
		);
		expect(second).toEqual({ kind: 'answer', text: expect.stringMatching(/^Saved in Common Room: Grace Hopper <grace\.hopper@example\.com>, Rear Admiral at Analytical Engines \(upserted\)\./) });
	});

	it('refuses a wrong key and unknown paths the way OpenAI does', async () => {
		const wrong = await call(url(), { token: 'sk-wrong', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] } });
		expect(wrong.status).toBe(401);
		expect(wrong.body.error.code).toBe('invalid_api_key');
		const unknown = await call(`${emulator.url}/llm/v1/embeddings`, { token: LLM_API_KEY, body: {} });
		expect(unknown.status).toBe(404);
		const bad = await call(url(), { token: LLM_API_KEY, body: { model: 'x' } });
		expect(bad.status).toBe(400);
		const models = await call(`${emulator.url}/llm/v1/models`, { token: LLM_API_KEY });
		expect(models.body.data.map((m: { id: string }) => m.id)).toContain('gpt-4o-mini');
	});

	it('calls the tools it can fill, one per turn, then answers with the names in their results', async () => {
		await call(`${emulator.url}/__emulator/llm/log`, { method: 'DELETE' });
		const messages: unknown[] = [
			{ role: 'system', content: 'You help.' },
			{ role: 'user', content: QUESTION },
		];
		const first = await call(url(), { token: LLM_API_KEY, body: { model: 'gpt-4o-mini', messages, tools } });
		expect(first.status).toBe(200);
		expect(first.body.object).toBe('chat.completion');
		const [choice] = first.body.choices;
		expect(choice.finish_reason).toBe('tool_calls');
		expect(choice.message.tool_calls).toHaveLength(1);
		expect(choice.message.tool_calls[0].function).toEqual({ name: 'Find_organization', arguments: JSON.stringify({ organizationName: 'Analytical Engines' }) });

		messages.push(choice.message, { role: 'tool', tool_call_id: choice.message.tool_calls[0].id, content: organizationResult });
		const second = await call(url(), { token: LLM_API_KEY, body: { model: 'gpt-4o-mini', messages, tools } });
		const call2 = second.body.choices[0].message.tool_calls[0];
		expect(call2.function).toEqual({ name: 'Recent_activity', arguments: JSON.stringify({ organizationId: 'o_3001' }) });

		messages.push(second.body.choices[0].message, { role: 'tool', tool_call_id: call2.id, content: activityResult });
		const third = await call(url(), { token: LLM_API_KEY, body: { model: 'gpt-4o-mini', messages, tools } });
		expect(third.body.choices[0].finish_reason).toBe('stop');
		const answer: string = third.body.choices[0].message.content;
		expect(answer).toMatch(/^Recently active at Analytical Engines: Ada Lovelace <ada@example\.com> \(2 activities, latest 2026-11-30\)\. Also at Analytical Engines, with no recent activity: Charles Babbage\./);
		expect(answer).toMatch(/test double, not a language model/);

		const log = await call(`${emulator.url}/__emulator/llm/log`);
		expect(log.body.entries.map((e: { turn: { kind: string } }) => e.turn.kind)).toEqual(['toolCalls', 'toolCalls', 'answer']);
		expect(JSON.stringify(log.body)).not.toContain(LLM_API_KEY);
	});

	it('answers with the error a tool returned instead of calling on', async () => {
		const messages = [
			{ role: 'user', content: QUESTION },
			{ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'Find_organization', arguments: '{}' } }] },
			{ role: 'tool', tool_call_id: 'c1', content: JSON.stringify({ error: 'Organization not found' }) },
		];
		const answer = await call(url(), { token: LLM_API_KEY, body: { model: 'gpt-4o-mini', messages, tools } });
		expect(answer.body.choices[0].message.content).toMatch(/^The Common Room tool answered with an error: Organization not found/);
	});

	it('streams server-sent events when asked (stream: true)', async () => {
		const response = await fetch(url(), {
			method: 'POST',
			headers: { Authorization: `Bearer ${LLM_API_KEY}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: [{ type: 'text', text: QUESTION }] }], tools }),
		});
		expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
		const events = (await response.text()).split('\n\n').filter(Boolean);
		expect(events[events.length - 1]).toBe('data: [DONE]');
		const chunks = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, '')));
		const args = chunks.flatMap((c) => c.choices.flatMap((ch: { delta: { tool_calls?: Array<{ function: { arguments?: string } }> } }) => ch.delta.tool_calls ?? [])).map((t) => t.function.arguments ?? '').join('');
		expect(JSON.parse(args)).toEqual({ organizationName: 'Analytical Engines' });
		expect(chunks.some((c) => c.choices[0]?.finish_reason === 'tool_calls')).toBe(true);
		expect(chunks[chunks.length - 1].usage.total_tokens).toBeGreaterThan(0);
	});
});
