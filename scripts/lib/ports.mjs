// @ts-check
// Local TCP ports: whether one is taken, and one that is free.
import net from 'node:net';

/**
 * Resolves once something accepts TCP connections on host:port.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function portInUse(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
		socket.setTimeout(1000, () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/**
 * A TCP port nothing listens on right now (for the demo's and the tests' own n8n and emulator).
 * @returns {Promise<number>}
 */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}
