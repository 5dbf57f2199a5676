// Generated from packages/shared/transport/errors.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
/**
 * Turns what went wrong into errors a no-code user can act on: `NodeApiError` for what the API
 * said (or did not say), `NodeOperationError` for setup problems, both with `itemIndex` and a
 * description that says what to do.
 *
 * Two traps in n8n-workflow's NodeApiError constructor, handled here:
 * - It derives message and httpCode from the object it is given, and it replaces any message
 *   containing a Node error code (ECONNREFUSED, ETIMEDOUT, ...) with its own generic sentence.
 *   We pass our own message/description/httpCode, keep codes out of messages, and set the
 *   message again after construction so ours always wins.
 * - It keeps the original error (`cause`, `errorResponse`); an axios error carries the request
 *   config with the Authorization header. We never hand it an axios error: only a small plain
 *   object we built, with every known secret redacted.
 */
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ServiceDescription } from './services';

export interface ErrorContext {
	node: INode;
	service: ServiceDescription;
	method: string;
	path: string;
	itemIndex?: number;
	/** Values that must never appear in anything we throw (the credential's token/key). */
	secrets: string[];
}

const REDACTED = '[redacted]';

export function redact(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret.length >= 4) result = result.split(secret).join(REDACTED);
	}
	// Belt and braces: a bearer value we did not know about (echoed by a proxy, say).
	return result.replace(/(Bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`);
}

function redactDeep(value: unknown, secrets: string[], depth = 0): unknown {
	if (typeof value === 'string') return redact(value, secrets);
	if (value === null || typeof value !== 'object' || depth > 8) return value;
	if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, secrets, depth + 1));
	const copy: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		copy[key] = /^authorization$/i.test(key) ? REDACTED : (redactDeep(entry, secrets, depth + 1) as IDataObject);
	}
	return copy;
}

interface ApiErrorParts {
	message: string;
	description: string;
	httpCode?: number;
	/** The API's answer body, shown under the error's details (redacted). */
	apiBody?: unknown;
}

export function apiError(ctx: ErrorContext, parts: ApiErrorParts): NodeApiError {
	const message = redact(parts.message, ctx.secrets);
	const description = redact(parts.description, ctx.secrets);
	const errorResponse: JsonObject = {
		service: ctx.service.displayName,
		request: `${ctx.method} ${ctx.path}`,
	};
	if (parts.httpCode !== undefined) errorResponse.httpStatus = parts.httpCode;
	const error = new NodeApiError(ctx.node, errorResponse, {
		message,
		description,
		httpCode: parts.httpCode === undefined ? undefined : String(parts.httpCode),
		itemIndex: ctx.itemIndex,
	});
	// The constructor may swap a message mentioning a Node error code for a generic one.
	error.message = message;
	error.description = description;
	error.messages = [];
	if (parts.apiBody !== undefined && parts.apiBody !== '') {
		error.context.data = redactDeep(parts.apiBody, ctx.secrets) as IDataObject;
	}
	return error;
}

export function operationError(ctx: ErrorContext, message: string, description: string): NodeOperationError {
	const safeMessage = redact(message, ctx.secrets);
	const error = new NodeOperationError(ctx.node, safeMessage, {
		description: redact(description, ctx.secrets),
		itemIndex: ctx.itemIndex,
	});
	error.message = safeMessage;
	return error;
}

// ----- reading the API's own words ---------------------------------------------------------

function asObject(body: unknown): IDataObject | undefined {
	if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	if (typeof body === 'string' && body.trim().startsWith('{')) {
		try {
			return asObject(JSON.parse(body));
		} catch {
			return undefined;
		}
	}
	return undefined;
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

function list(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	return value
		.map((entry) => text(entry) ?? (entry && typeof entry === 'object' ? JSON.stringify(entry) : undefined))
		.filter((entry): entry is string => entry !== undefined);
}

export interface ApiWords {
	/** Team Common Ground `code` (INVALID_PAYLOAD, ...) or Common Room `reason` (invalid-request-body, ...). */
	code?: string;
	/** Team Common Ground `error`, Common Room `status`. */
	summary?: string;
	details: string[];
	clientIp?: string;
	docs?: string;
}

export function readApiWords(body: unknown): ApiWords {
	const object = asObject(body);
	if (!object) {
		const raw = typeof body === 'string' ? body.trim().slice(0, 300) : '';
		return { details: raw ? [raw] : [] };
	}
	const nested = asObject(object.error);
	return {
		code: text(object.code) ?? text(object.reason) ?? text(nested?.code),
		summary: text(object.error) ?? text(nested?.message) ?? text(object.message) ?? text(object.status),
		details: [...list(object.details), ...list(object.errors)],
		clientIp: text(object.clientIp),
		docs: text(object.docs),
	};
}

export function apiSaid(words: ApiWords, status: number): string {
	const parts: string[] = [];
	if (words.summary && words.summary !== words.code) parts.push(words.summary);
	if (words.details.length) parts.push(words.details.join('; '));
	const codes = [words.code ? `code ${words.code}` : undefined, `HTTP ${status}`].filter(Boolean).join(', ');
	return parts.length ? `The API said: ${parts.join(': ')} (${codes}).` : `(${codes})`;
}

/** "1.2 s", "60 s", "2 min 5 s": waits in log lines and messages. */
export function seconds(ms: number): string {
	if (ms < 120_000) {
		const value = ms / 1000;
		return `${value >= 10 || Number.isInteger(value) ? Math.round(value) : value.toFixed(1)} s`;
	}
	const minutes = Math.floor(ms / 60_000);
	const rest = Math.round((ms % 60_000) / 1000);
	return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}
