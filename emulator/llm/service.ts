// The LLM test double on the wire: a tiny OpenAI-compatible chat-completions endpoint, so an
// n8n AI Agent with the OpenAI Chat Model runs offline against the emulator (README "LLM test
// double"). It follows script.ts, answers JSON or, for `stream: true`, server-sent events, and
// keeps a transcript of what it decided (GET /__emulator/llm/log). It is not a model.
//
//   POST /llm/v1/chat/completions   { model, messages, tools?, stream?, stream_options? }
//   GET  /llm/v1/models             what n8n's model list and the credential test read
//   GET  /__emulator/llm/log        { count, entries }; DELETE clears it (so does /__emulator/reset)
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { bearerToken, parseJson, writeResponse, type ApiResponse } from '../http';
import { nextTurn, type ScriptMessage, type ScriptTool, type Turn } from './script';

export const LLM_BASE_PATH = '/llm/v1';
/** The one key the double accepts (a demo value, like the emulator's other tokens). */
export const LLM_API_KEY = 'sk-emulator-scripted-llm-demo';
const CONTROL_PATH = '/__emulator/llm';
export const LLM_MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini'];
const MAX_LOG = 1_000;

export interface LlmRequest {
	method: string;
	pathname: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

/** One answered chat completion. Never holds the key. */
export interface LlmLogEntry {
	at: string;
	model: string;
	stream: boolean;
	messages: number;
	/** The tool names the request offered. */
	tools: string[];
	/** How many tool results the conversation held. */
	toolResults: number;
	turn: Turn;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** OpenAI's error body. */
function openAiError(status: number, message: string, type: string, code: string | null = null): ApiResponse {
	return { status, body: { error: { message, type, param: null, code } } };
}

/** The function tools of a request, as the script reads them. */
function toolsOf(raw: unknown): ScriptTool[] {
	if (!Array.isArray(raw)) return [];
	const tools: ScriptTool[] = [];
	for (const entry of raw) {
		const fn = isObject(entry) && isObject(entry.function) ? entry.function : undefined;
		if (!fn || typeof fn.name !== 'string') continue;
		const parameters = isObject(fn.parameters) ? fn.parameters : {};
		const properties = isObject(parameters.properties) ? (parameters.properties as ScriptTool['properties']) : {};
		tools.push({ name: fn.name, properties });
	}
	return tools;
}

/** A rough token count (4 characters a token): usage has to be there, not be exact. */
const tokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

export class ScriptedLlm {
	private entries: LlmLogEntry[] = [];
	private sequence = 0;

	owns(pathname: string): boolean {
		return pathname === '/llm' || pathname.startsWith('/llm/') || pathname === CONTROL_PATH || pathname.startsWith(`${CONTROL_PATH}/`);
	}

	reset(): void {
		this.entries = [];
	}

	log(): LlmLogEntry[] {
		return structuredClone(this.entries);
	}

	async serve(request: LlmRequest, res: ServerResponse): Promise<void> {
		if (request.pathname === CONTROL_PATH || request.pathname === `${CONTROL_PATH}/log`) {
			if (request.method === 'DELETE') {
				this.reset();
				writeResponse(res, { status: 200, body: { ok: true } });
			} else {
				writeResponse(res, { status: 200, body: { count: this.entries.length, entries: this.log() } });
			}
			return;
		}
		const path = request.pathname.slice(LLM_BASE_PATH.length);
		if (!request.pathname.startsWith(`${LLM_BASE_PATH}/`) || !['/chat/completions', '/models'].includes(path)) {
			writeResponse(res, openAiError(404, `Unknown path ${request.pathname}: the LLM test double serves ${LLM_BASE_PATH}/chat/completions and ${LLM_BASE_PATH}/models`, 'invalid_request_error', 'unknown_url'));
			return;
		}
		if (bearerToken(request.headers) !== LLM_API_KEY) {
			writeResponse(res, openAiError(401, 'Incorrect API key provided. The emulator\'s LLM test double takes its demo key (emulator/README.md "LLM test double").', 'invalid_request_error', 'invalid_api_key'));
			return;
		}
		if (path === '/models') {
			if (request.method !== 'GET') return writeResponse(res, openAiError(405, `${request.method} ${request.pathname}: use GET`, 'invalid_request_error'));
			writeResponse(res, { status: 200, body: { object: 'list', data: LLM_MODELS.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'emulator' })) } });
			return;
		}
		if (request.method !== 'POST') return writeResponse(res, openAiError(405, `${request.method} ${request.pathname}: use POST`, 'invalid_request_error'));
		const parsed = parseJson(request.body);
		if (!parsed.ok || !isObject(parsed.value)) {
			writeResponse(res, openAiError(400, parsed.ok ? 'The body must be a JSON object' : parsed.error, 'invalid_request_error'));
			return;
		}
		const body = parsed.value;
		if (!Array.isArray(body.messages) || body.messages.length === 0 || !body.messages.every((m) => isObject(m) && typeof m.role === 'string')) {
			writeResponse(res, openAiError(400, "'messages' must be a non-empty array of messages, each with a role", 'invalid_request_error'));
			return;
		}
		const messages = body.messages as unknown as ScriptMessage[];
		const tools = toolsOf(body.tools);
		const turn = nextTurn(messages, tools);
		const model = typeof body.model === 'string' ? body.model : LLM_MODELS[0];
		const stream = body.stream === true;
		this.entries.push({
			at: new Date().toISOString(),
			model,
			stream,
			messages: messages.length,
			tools: tools.map((t) => t.name),
			toolResults: messages.filter((m) => m.role === 'tool').length,
			turn,
		});
		if (this.entries.length > MAX_LOG) this.entries.shift();

		this.sequence += 1;
		const id = `chatcmpl-emulator-${this.sequence}`;
		const created = Math.floor(Date.now() / 1000);
		const toolCalls =
			turn.kind === 'toolCalls'
				? turn.calls.map((call, index) => ({ id: `call_emulator_${this.sequence}_${index}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } }))
				: undefined;
		const content = turn.kind === 'answer' ? turn.text : null;
		const finishReason = turn.kind === 'answer' ? 'stop' : 'tool_calls';
		const promptTokens = tokens(JSON.stringify(messages));
		const completionTokens = tokens(content ?? JSON.stringify(toolCalls));
		const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };

		if (!stream) {
			const message = { role: 'assistant', content, ...(toolCalls ? { tool_calls: toolCalls } : {}), refusal: null };
			writeResponse(res, {
				status: 200,
				body: { id, object: 'chat.completion', created, model, choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }], usage },
			});
			return;
		}
		// Server-sent events as OpenAI streams them: a role chunk, content or tool-call deltas, the
		// finish reason, usage when asked for (stream_options.include_usage), then [DONE].
		const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
			id,
			object: 'chat.completion.chunk',
			created,
			model,
			choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
		});
		const events: unknown[] = [chunk({ role: 'assistant', content: '' })];
		if (content !== null) {
			for (const piece of content.match(/\S+\s*/g) ?? [content]) events.push(chunk({ content: piece }));
		}
		toolCalls?.forEach((call, index) => {
			events.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] }));
			events.push(chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments } }] }));
		});
		events.push(chunk({}, finishReason));
		const streamOptions = isObject(body.stream_options) ? body.stream_options : {};
		if (streamOptions.include_usage === true) events.push({ id, object: 'chat.completion.chunk', created, model, choices: [], usage });
		res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
		for (const event of events) res.write(`data: ${JSON.stringify(event)}\n\n`);
		res.end('data: [DONE]\n\n');
	}
}
