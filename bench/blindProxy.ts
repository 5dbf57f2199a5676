/**
 * A loopback proxy in front of the emulator that removes every hint of the limit from Common
 * Room's 429 answers: the `rateLimit` object of the body (`intervalLimit`, `waitMs`, ...) and any
 * X-RateLimit-* / Retry-After header. Used by the `settle-blind` scenario: the node then has
 * nothing but the 429s themselves to find the limit with.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BlindProxy {
	/** The proxy's URL for the emulator URL it was given (same path). */
	url(target: string): string;
	close(): Promise<void>;
}

export async function startBlindProxy(targetOrigin: string): Promise<BlindProxy> {
	const target = new URL(targetOrigin);
	const server: Server = createServer((req, res) => {
		const upstream = request(
			{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
			(answer) => {
				const chunks: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => chunks.push(chunk));
				answer.on('end', () => {
					let body = Buffer.concat(chunks);
					const headers = { ...answer.headers };
					for (const name of Object.keys(headers)) {
						if (/^x-ratelimit-|^retry-after$/i.test(name)) delete headers[name];
					}
					if (answer.statusCode === 429) {
						try {
							const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
							delete parsed.rateLimit;
							body = Buffer.from(JSON.stringify(parsed));
						} catch {
							// not JSON: passed through
						}
					}
					headers['content-length'] = String(body.length);
					delete headers['transfer-encoding'];
					res.writeHead(answer.statusCode ?? 502, headers);
					res.end(body);
				});
			},
		);
		upstream.on('error', () => {
			res.destroy();
		});
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: (emulatorUrl) => {
			const url = new URL(emulatorUrl);
			url.host = `127.0.0.1:${port}`;
			return url.toString().replace(/\/$/, '');
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
