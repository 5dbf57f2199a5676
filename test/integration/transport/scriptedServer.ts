/**
 * A tiny loopback HTTP server whose answers each test scripts, recording every request that
 * reached it (method, path, headers, parsed body, arrival time).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: unknown;
	at: number;
}

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Answer this late (ms). */
	delayMs?: number;
	/** Never answer (the client's timeout fires). */
	hang?: boolean;
	/** Drop the connection without answering ("socket hang up"). */
	destroy?: boolean;
}

export type Script = (request: SeenRequest, index: number) => Reply;

export interface ScriptedServer {
	url: string;
	port: number;
	seen: SeenRequest[];
	setScript(script: Script): void;
	close(): Promise<void>;
}

export async function startScriptedServer(script: Script, port = 0): Promise<ScriptedServer> {
	let current = script;
	const seen: SeenRequest[] = [];
	const hanging: ServerResponse[] = [];
	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body: unknown = text;
			try {
				body = text ? JSON.parse(text) : undefined;
			} catch {
				// keep the raw text
			}
			const request: SeenRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, at: Date.now() };
			seen.push(request);
			const reply = current(request, seen.length - 1);
			if (reply.hang) {
				hanging.push(res);
				return;
			}
			if (reply.destroy) {
				req.socket.destroy();
				return;
			}
			const send = () => {
				res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
				res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
			};
			if (reply.delayMs) setTimeout(send, reply.delayMs);
			else send();
		});
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const actualPort = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${actualPort}`,
		port: actualPort,
		seen,
		setScript: (next) => (current = next),
		close: async () => {
			for (const res of hanging) res.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** A port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}
