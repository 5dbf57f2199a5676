// @ts-check
// Runs the API emulator (emulator/index.ts, through ts-node) as a child of a driver script
// (scripts/lib/emulator.mjs). It tells the parent its URLs and tokens over the IPC channel and stops
// as soon as that channel closes, so it can never outlive the script that started it, however
// that script ends (Ctrl-C, an error, kill -9).
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
const { startEmulator } = require(path.join(root, 'emulator', 'index.ts'));

async function main() {
	const options = JSON.parse(process.env.CRTCG_EMULATOR_OPTIONS || '{}');
	const emulator = await startEmulator(options);
	let stopping = false;
	/** @param {number} code */
	const stop = (code) => {
		if (stopping) return;
		stopping = true;
		emulator.stop().then(
			() => process.exit(code),
			() => process.exit(1),
		);
		setTimeout(() => process.exit(code), 3000).unref();
	};
	process.on('disconnect', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	process.on('SIGINT', () => stop(0));
	if (process.send) {
		process.send({
			type: 'ready',
			url: emulator.url,
			port: emulator.port,
			commonRoomBaseUrl: emulator.commonRoomBaseUrl,
			teamCommonGroundBaseUrl: emulator.teamCommonGroundBaseUrl,
			tokens: emulator.tokens,
		});
	}
	console.log(`emulator listening on ${emulator.url}`);
}

main().catch((error) => {
	console.error(`emulator: ${error && error.stack ? error.stack : error}`);
	if (process.send) process.send({ type: 'error', message: String(error && error.message ? error.message : error) });
	process.exit(1);
});
