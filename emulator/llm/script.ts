// The script the LLM test double follows (README "LLM test double"): no model, no randomness.
// Given the conversation and the tools an agent offers, it decides the next turn:
//
//   1. Tools not called yet whose every argument it can fill are called, one per turn, in the
//      order the request lists them. Arguments come from the question (an organization's name:
//      "Who at Acme was active recently?"; a person to add: "Add Grace Hopper
//      <grace@example.com>, CTO at Acme") or from earlier tool results (an `o_…` / `c_…` id).
//   2. When no tool is left to call (or a tool answered with an error), it answers: the contacts
//      a tool wrote, or the people named in the tool results, those with activities first, so the
//      answer demonstrably comes from the data the tools returned and never from the double itself.
//
// Pure functions over plain JSON: service.ts puts them on the wire.

/** One tool as the request's `tools` array gives it (OpenAI function tools). */
export interface ScriptTool {
	name: string;
	/** JSON Schema properties of the function's parameters. */
	properties: Record<string, { type?: unknown; description?: unknown }>;
}

/** One message of the conversation, as far as the script reads it. */
export interface ScriptMessage {
	role: string;
	content?: unknown;
	tool_calls?: Array<{ id?: unknown; function?: { name?: unknown; arguments?: unknown } }>;
	tool_call_id?: unknown;
}

export interface ToolCall {
	name: string;
	arguments: Record<string, string | number>;
}

export type Turn = { kind: 'toolCalls'; calls: ToolCall[] } | { kind: 'answer'; text: string };

/** What the double says about itself at the end of every answer. */
export const SIGNATURE = "(Scripted answer from the emulator's LLM test double, not a language model: built from the tool results above.)";

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A message's text: a string, or the text parts of a content array. */
export function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content
			.map((part) => (typeof part === 'string' ? part : isObject(part) && typeof part.text === 'string' ? part.text : ''))
			.join('');
	}
	return '';
}

/** The organization a question names: "Who at Analytical Engines was active recently?" → "Analytical Engines". */
export function organizationIn(question: string): string | undefined {
	const match = /\b(?:at|from|of|in)\s+(?:the\s+)?([A-Z0-9][\w&'.-]*(?:\s+[A-Z0-9][\w&'.-]*)*)/.exec(question);
	return match ? match[1].replace(/[.'-]+$/, '') : undefined;
}

/** The person a request names before their email: "Add Grace Hopper <grace@example.com>, …". */
export function personIn(question: string): { name?: string; email?: string; title?: string } {
	const email = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(question)?.[0];
	if (!email) return {};
	const at = question.indexOf(email);
	const name = /([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)+)\s*[<(]?\s*$/.exec(question.slice(0, at))?.[1];
	const title = /^[>)]?\s*,\s*([^,]+?)\s+(?:at|of)\s+[A-Z]/.exec(question.slice(at + email.length))?.[1];
	return { name, email, title };
}

/** A tool result's content as JSON, with JSON held in strings parsed too (n8n wraps node output). */
function deepParse(value: unknown, depth = 0): unknown {
	if (depth > 6) return value;
	if (typeof value === 'string') {
		const text = value.trim();
		if ((text.startsWith('{') && text.endsWith('}')) || (text.startsWith('[') && text.endsWith(']'))) {
			try {
				return deepParse(JSON.parse(text), depth + 1);
			} catch {
				return value;
			}
		}
		return value;
	}
	if (Array.isArray(value)) return value.map((entry) => deepParse(entry, depth + 1));
	if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, deepParse(entry, depth + 1)]));
	return value;
}

/** Every object inside a value, depth first. */
function* objectsIn(value: unknown): Generator<Record<string, unknown>> {
	if (Array.isArray(value)) {
		for (const entry of value) yield* objectsIn(entry);
	} else if (isObject(value)) {
		yield value;
		for (const entry of Object.values(value)) yield* objectsIn(entry);
	}
}

interface Person {
	id?: string;
	name: string;
	email?: string;
}

interface Facts {
	organizations: Array<{ id: string; name?: string }>;
	/** Contacts a tool wrote (a Common Room contact write's output: status upserted or created). */
	written: Array<{ status: string; email: string; name?: string; title?: string; company?: string }>;
	people: Person[];
	/** contact id → activity count and latest time */
	activity: Map<string, { count: number; latest: string }>;
	errors: string[];
}

/** What the tool results hold, by the shapes of Common Room's API v2 records (`o_`, `c_`, `a_` ids). */
export function factsOf(results: unknown[]): Facts {
	const facts: Facts = { organizations: [], written: [], people: [], activity: new Map(), errors: [] };
	const seenPeople = new Set<string>();
	for (const result of results) {
		const parsed = deepParse(result);
		if (isObject(parsed) && typeof parsed.error === 'string') facts.errors.push(parsed.error);
		if (typeof parsed === 'string' && /error/i.test(parsed)) facts.errors.push(parsed);
		for (const object of objectsIn(parsed)) {
			const id = typeof object.id === 'string' ? object.id : undefined;
			const text = (key: string) => (typeof object[key] === 'string' ? (object[key] as string) : undefined);
			if ((object.status === 'upserted' || object.status === 'created') && typeof object.email === 'string') {
				facts.written.push({ status: object.status, email: object.email, name: text('fullName'), title: text('titleAtCompany'), company: text('companyName') });
			}
			if (id && /^o_\d+$/.test(id) && !facts.organizations.some((o) => o.id === id)) {
				facts.organizations.push({ id, name: typeof object.name === 'string' ? object.name : undefined });
			}
			const name = typeof object.fullName === 'string' && object.fullName ? object.fullName : id && /^c_\d+$/.test(id) && typeof object.name === 'string' ? object.name : undefined;
			if (name) {
				const key = id ?? name;
				if (!seenPeople.has(key)) {
					seenPeople.add(key);
					facts.people.push({ id, name, email: typeof object.primaryEmail === 'string' ? object.primaryEmail : undefined });
				}
			}
			if (id && /^a_\d+$/.test(id) && typeof object.contactId === 'string') {
				const time = typeof object.activityTime === 'string' ? object.activityTime : '';
				const entry = facts.activity.get(object.contactId) ?? { count: 0, latest: '' };
				entry.count += 1;
				if (time > entry.latest) entry.latest = time;
				facts.activity.set(object.contactId, entry);
			}
		}
	}
	return facts;
}

/** A value for one argument, or undefined when the script cannot know it. */
function argumentFor(key: string, type: unknown, question: string, facts: Facts): string | number | undefined {
	const k = key.toLowerCase();
	if (/(org|organi[sz]ation|company).*id$|^orgid$/.test(k)) return facts.organizations[0]?.id;
	if (/contact.*id$|member.*id$/.test(k)) return facts.people.find((p) => p.id)?.id;
	if (/e-?mail/.test(k)) return personIn(question).email;
	if (/full.?name|person|contact.?name/.test(k)) return personIn(question).name;
	if (/title|role|position/.test(k)) return personIn(question).title;
	if (/org|organi[sz]ation|company|name/.test(k)) return organizationIn(question);
	if (/question|query|text|input|prompt/.test(k)) return question;
	if (/limit|count|max/.test(k) && (type === 'number' || type === 'integer')) return 20;
	return undefined;
}

const list = (names: string[]): string => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/** The final answer: who was active (most recent first), then who else the results name. */
export function answerFrom(question: string, facts: Facts): string {
	const where = facts.organizations[0]?.name ?? organizationIn(question) ?? 'the organization';
	if (facts.errors.length > 0) return `The Common Room tool answered with an error: ${facts.errors[0]} ${SIGNATURE}`;
	if (facts.written.length > 0) {
		const described = facts.written.map(({ status, email, name, title, company }) => {
			const role = [title, company && `at ${company}`].filter(Boolean).join(' ');
			return `${name ? `${name} <${email}>` : email}${role ? `, ${role}` : ''} (${status})`;
		});
		return `Saved in Common Room: ${list(described)}. ${SIGNATURE}`;
	}
	const byId = new Map(facts.people.filter((p) => p.id).map((p) => [p.id as string, p]));
	const active = [...facts.activity.entries()].sort((a, b) => (a[1].latest < b[1].latest ? 1 : a[1].latest > b[1].latest ? -1 : 0));
	const described = active.map(([contactId, { count, latest }]) => {
		const person = byId.get(contactId);
		const who = person ? `${person.name}${person.email ? ` <${person.email}>` : ''}` : contactId;
		return `${who} (${count} ${count === 1 ? 'activity' : 'activities'}, latest ${latest.slice(0, 10) || 'unknown'})`;
	});
	const others = facts.people.filter((p) => !p.id || !facts.activity.has(p.id)).map((p) => p.name);
	if (described.length > 0) {
		const rest = others.length > 0 ? ` Also at ${where}, with no recent activity: ${list(others)}.` : '';
		return `Recently active at ${where}: ${list(described)}.${rest} ${SIGNATURE}`;
	}
	if (others.length > 0) return `Nobody at ${where} has recent activity in Common Room. People there: ${list(others)}. ${SIGNATURE}`;
	if (facts.organizations.length === 0) return `Common Room has no organization named ${where}. ${SIGNATURE}`;
	return `Common Room lists nobody at ${where}. ${SIGNATURE}`;
}

/** The next turn for a conversation and the tools offered. */
export function nextTurn(messages: ScriptMessage[], tools: ScriptTool[]): Turn {
	const question = textOf([...messages].reverse().find((m) => m.role === 'user')?.content).trim();
	const called = new Set<string>();
	for (const message of messages) {
		for (const call of message.tool_calls ?? []) if (typeof call.function?.name === 'string') called.add(call.function.name);
	}
	const facts = factsOf(messages.filter((m) => m.role === 'tool').map((m) => (typeof m.content === 'string' ? m.content : textOf(m.content))));
	if (facts.errors.length === 0) {
		for (const tool of tools) {
			if (called.has(tool.name)) continue;
			const args: Record<string, string | number> = {};
			const keys = Object.keys(tool.properties);
			for (const key of keys) {
				const value = argumentFor(key, tool.properties[key].type, question, facts);
				if (value === undefined) break;
				args[key] = value;
			}
			if (Object.keys(args).length === keys.length) return { kind: 'toolCalls', calls: [{ name: tool.name, arguments: args }] };
		}
	}
	if (called.size === 0 && tools.length === 0) {
		return { kind: 'answer', text: `No tools were offered, so there is nothing to look up for "${question}". ${SIGNATURE}` };
	}
	return { kind: 'answer', text: answerFrom(question, facts) };
}
