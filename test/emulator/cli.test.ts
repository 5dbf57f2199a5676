// `npm run emulator` as the demo runs it: a separate process that prints its URLs and credentials
// and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { call } from './helpers';

it('starts on the requested port with flags, serves, and exits 0 on SIGTERM', async () => {
	const child = spawn(
		process.execPath,
		['-r', 'ts-node/register/transpile-only', join(__dirname, '../../emulator/cli.ts'), '--port', '0', '--cr-rate', '5', '--latency', '0:0'],
		{ stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EMULATOR_TCG_PER_MINUTE: 'off' } },
	);
	let output = '';
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const url = await new Promise<string>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`exited early (${code}): ${output}`)));
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (match && output.includes('(key ')) resolve(match[1]);
		});
	});
	child.removeAllListeners('exit');
	expect(output).toContain('cr_demo_token_4f6c2a9e1b7d');
	expect(output).toContain('tcg_demo_key_7d3e9f1a2b4c');
	const info = await call(`${url}/__emulator/info`);
	expect(info.body).toMatchObject({ commonRoom: { ratePerSecond: 5 }, teamCommonGround: { perMinute: null } });
	const tags = await call(`${url}/community/v1/tags`, { token: 'cr_demo_token_4f6c2a9e1b7d' });
	expect(tags.status).toBe(200);
	await new Promise((resolve) => setTimeout(resolve, 50));
	expect(output).toMatch(/commonRoom GET \/community\/v1\/tags → 200/);
	const exitCode = await new Promise<number | null>((resolve) => {
		child.once('exit', (code) => resolve(code));
		child.kill('SIGTERM');
	});
	expect(exitCode).toBe(0);
});
