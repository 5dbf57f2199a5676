// Small HTTP helpers shared by both services: the request/response shapes handlers work with,
// body reading with a size cap, and writing a response.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a service handler sees: the request already read, so handling is synchronous. */
export interface ApiRequest {
	method: string;
	/** Path below the service's base (e.g. '/source/1/user' for Common Room). */
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	body: Buffer;
	/** The body was longer than READ_CAP_BYTES; `body` holds only the first READ_CAP_BYTES. */
	bodyTruncated: boolean;
	/** Socket remote address with IPv4-mapped IPv6 (::ffff:a.b.c.d) normalised to a.b.c.d. */
	remoteAddress: string;
}

export interface ApiResponse {
	status: number;
	headers?: Record<string, string>;
	/** JSON-serialised when defined; undefined = empty body. */
	body?: unknown;
}

/** Hard cap on what we keep in memory; services apply their own, smaller limits. */
export const READ_CAP_BYTES = 5 * 1024 * 1024;

/** Reads the whole body, keeping at most READ_CAP_BYTES (the rest is drained, not buffered). */
export function readBody(req: IncomingMessage): Promise<{ body: Buffer; truncated: boolean; totalBytes: number }> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let kept = 0;
		let total = 0;
		req.on('data', (chunk: Buffer) => {
			total += chunk.length;
			if (kept >= READ_CAP_BYTES) return;
			const room = READ_CAP_BYTES - kept;
			const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
			chunks.push(part);
			kept += part.length;
		});
		req.on('end', () => resolve({ body: Buffer.concat(chunks), truncated: total > kept, totalBytes: total }));
		req.on('error', reject);
	});
}

export function normaliseRemoteAddress(address: string | undefined): string {
	if (!address) return '';
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	return mapped ? mapped[1] : address;
}

export function writeResponse(res: ServerResponse, response: ApiResponse): void {
	if (res.destroyed || res.writableEnded) return;
	const headers: Record<string, string> = { ...(response.headers ?? {}) };
	let payload: Buffer | undefined;
	if (response.body !== undefined) {
		payload = Buffer.from(JSON.stringify(response.body));
		headers['Content-Type'] = 'application/json; charset=utf-8';
	}
	headers['Content-Length'] = String(payload?.length ?? 0);
	res.writeHead(response.status, headers);
	res.end(payload);
}

/** Parses a JSON body; `ok: false` when it is empty or not JSON. */
export function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false; error: string } {
	if (body.length === 0) return { ok: false, error: 'body is empty; a JSON body is required' };
	try {
		return { ok: true, value: JSON.parse(body.toString('utf8')) };
	} catch (error) {
		return { ok: false, error: `body is not valid JSON (${(error as Error).message})` };
	}
}

/** `Authorization: Bearer <token>` → token, else undefined. */
export function bearerToken(headers: IncomingMessage['headers']): string | undefined {
	const value = headers.authorization;
	if (!value) return undefined;
	const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
	return match ? match[1] : undefined;
}

/** Thrown by handlers to answer with a ready response (e.g. a 400 or 404) from deep inside. */
export class HttpError extends Error {
	constructor(readonly response: ApiResponse) {
		super(`HTTP ${response.status}`);
	}
}
