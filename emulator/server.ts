// The HTTP side: one node http server for both APIs and the control endpoints. Per API request:
// read the body → take a fault (if any) → process → wait latency (+ slow delay) → answer → log.
// Processing happens before the wait, so a client that times out during latency still finds its
// write stored, as with a slow real service (README "Choices", latency).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultBook } from './faults';
import { normaliseRemoteAddress, readBody, writeResponse, type ApiRequest, type ApiResponse } from './http';
import { RequestLog } from './requestLog';
import type { EmulatedService } from './service';
import type { LatencyOptions, RequestLogEntry } from './types';

export const CONTROL_PREFIX = '/__emulator';

/** Async so an endpoint may wait (GET /__emulator/webhooks/idle). */
export type ControlHandler = (
	method: string,
	path: string,
	query: URLSearchParams,
	body: Buffer,
) => Promise<{ response: ApiResponse; afterResponse?: () => void }>;

/** A handler that writes its own answer (the LLM test double: JSON or server-sent events), asked first. */
export interface RawHandler {
	owns(pathname: string): boolean;
	serve(request: { method: string; pathname: string; headers: IncomingMessage['headers']; body: Buffer }, res: ServerResponse): Promise<void>;
}

interface PendingWait {
	timer: NodeJS.Timeout;
	resolve: () => void;
}

export class EmulatorServer {
	readonly faults = new FaultBook();
	readonly log = new RequestLog();
	/** Not logged, faulted or delayed (emulator/llm). */
	readonly raw: RawHandler[] = [];
	latency: LatencyOptions | undefined;
	quiet = true;
	private server: Server | undefined;
	private readonly waits = new Set<PendingWait>();
	private boundPort = 0;

	constructor(
		private readonly services: EmulatedService[],
		private readonly control: ControlHandler,
	) {}

	get port(): number {
		return this.boundPort;
	}

	get listening(): boolean {
		return this.server?.listening ?? false;
	}

	/** Listens (a fresh http.Server each time, so restart can listen again); resolves with the port. */
	listen(port: number, host: string): Promise<number> {
		const server = createServer((req, res) => void this.onRequest(req, res));
		server.keepAliveTimeout = 5_000;
		this.server = server;
		return new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, host, () => {
				server.off('error', reject);
				this.boundPort = (server.address() as AddressInfo).port;
				resolve(this.boundPort);
			});
		});
	}

	/** Stops listening and destroys every open socket (keep-alive, hanging, mid-latency). */
	async close(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		for (const wait of this.waits) {
			clearTimeout(wait.timer);
			wait.resolve();
		}
		this.waits.clear();
		if (!server) return;
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeAllConnections();
		await closed;
	}

	private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const startedMs = Date.now();
		const method = req.method ?? 'GET';
		const url = new URL(req.url ?? '/', 'http://emulator.local');
		let read: Awaited<ReturnType<typeof readBody>>;
		try {
			read = await readBody(req);
		} catch {
			return; // the client went away mid-body
		}
		const raw = this.raw.find((handler) => handler.owns(url.pathname));
		if (raw) return await raw.serve({ method, pathname: url.pathname, headers: req.headers, body: read.body }, res);
		if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
			const { response, afterResponse } = await this.control(method, url.pathname.slice(CONTROL_PREFIX.length), url.searchParams, read.body);
			if (afterResponse) res.once('finish', () => setImmediate(afterResponse));
			writeResponse(res, response);
			return;
		}

		const pathWithQuery = url.pathname + url.search;
		const service = this.services.find((s) => url.pathname === s.basePath || url.pathname.startsWith(`${s.basePath}/`));
		const entry: Omit<RequestLogEntry, 'status' | 'durationMs'> = {
			service: service?.name ?? 'unknown',
			method,
			path: pathWithQuery,
			startedAt: new Date(startedMs).toISOString(),
			// The body as it arrived (up to 100 KB), so a test can compare it byte for byte.
			...(read.body.length > 0 && !read.truncated && read.body.length <= 100_000 ? { body: read.body.toString('utf8') } : {}),
		};
		const finish = (status: RequestLogEntry['status']) => {
			const logged: RequestLogEntry = { ...entry, status, durationMs: Date.now() - startedMs };
			this.log.add(logged);
			if (!this.quiet) printEntry(logged);
		};
		if (!service) {
			writeResponse(res, { status: 404, body: { error: 'Not found', details: [`${pathWithQuery} is neither ${this.services.map((s) => `${s.basePath}/…`).join(' nor ')}`] } });
			finish(404);
			return;
		}

		const apiRequest: ApiRequest = {
			method,
			path: url.pathname.slice(service.basePath.length) || '/',
			query: url.searchParams,
			headers: req.headers,
			body: read.body,
			bodyTruncated: read.truncated,
			remoteAddress: normaliseRemoteAddress(req.socket.remoteAddress),
		};
		const process = (): ApiResponse => {
			try {
				return service.handle(apiRequest);
			} catch (error) {
				console.error('[emulator] handler crashed:', error);
				return { status: 500, body: { error: 'Emulator internal error', message: (error as Error).message } };
			}
		};

		const fault = this.faults.take(service.name, method, pathWithQuery)?.spec;
		if (fault) entry.fault = fault.kind;
		let response: ApiResponse;
		let extraDelayMs = 0;
		switch (fault?.kind) {
			case 'resetBeforeProcessing':
				req.socket.resetAndDestroy(); // a TCP RST: clients see ECONNRESET
				finish('reset');
				return;
			case 'resetAfterProcessing':
				process();
				req.socket.resetAndDestroy();
				finish('reset');
				return;
			case 'hang':
				if (fault.afterProcessing) process();
				finish('hang'); // never answered; stop()/restart() or the client's timeout ends it
				return;
			case 'status':
				if (fault.afterProcessing) process();
				response = service.faultResponse(fault);
				break;
			case 'slow':
				response = process();
				extraDelayMs = fault.delayMs;
				break;
			default:
				response = process();
		}
		await this.wait(this.latencyMs() + extraDelayMs);
		writeResponse(res, response);
		finish(response.status);
	}

	private latencyMs(): number {
		if (!this.latency) return 0;
		const jitter = (Math.random() * 2 - 1) * this.latency.jitterMs;
		return Math.max(0, Math.round(this.latency.fixedMs + jitter));
	}

	/** A timer that close() can cut short, so stop() never waits on latency. */
	private wait(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const pending: PendingWait = {
				timer: setTimeout(() => {
					this.waits.delete(pending);
					resolve();
				}, ms),
				resolve,
			};
			this.waits.add(pending);
		});
	}
}

function printEntry(entry: RequestLogEntry): void {
	const fault = entry.fault ? ` [fault: ${entry.fault}]` : '';
	console.log(`[emulator] ${entry.service} ${entry.method} ${entry.path} → ${entry.status} (${entry.durationMs} ms)${fault}`);
}
