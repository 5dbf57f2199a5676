// A real HTTP receiver for the emulator's webhook deliveries: node:http on 127.0.0.1, port 0.
// Each test says how it answers (status, delay) per request, and reads what arrived.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	headers: IncomingHttpHeaders;
	text: string;
	/** Parsed JSON, or undefined when the body is not JSON. */
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

export interface Answer {
	status?: number;
	delayMs?: number;
}

export interface Receiver {
	url: string;
	received: Received[];
	/** How to answer the nth request (0-based); default 200 at once. */
	answer(plan: (index: number) => Answer): void;
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const received: Received[] = [];
	const timers = new Set<NodeJS.Timeout>();
	let plan: (index: number) => Answer = () => ({});
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body: unknown;
			try {
				body = JSON.parse(text);
			} catch {
				body = undefined;
			}
			const { status = 200, delayMs = 0 } = plan(received.length);
			received.push({ headers: req.headers, text, body });
			const timer = setTimeout(() => {
				timers.delete(timer);
				if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
			}, delayMs);
			timers.add(timer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		answer: (next) => {
			plan = next;
		},
		close: async () => {
			for (const timer of timers) clearTimeout(timer);
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			await closed;
		},
	};
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
