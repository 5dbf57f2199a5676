// Throughput check (not a test): N Common Room user upserts and N Team Common Ground activities at a
// fixed concurrency, limits and latency off. By default the emulator runs in a child process (as in
// the demo); --in-process measures it sharing one event loop with the client (the worst case).
//   npx ts-node --transpile-only emulator/bench-throughput.ts [--requests 2000] [--concurrency 16] [--in-process]
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from './index';

interface Target {
	url: string;
	crToken: string;
	tcgKey: string;
	stop(): Promise<void>;
}

async function inProcess(): Promise<Target> {
	const emulator = await startEmulator({ port: 0, commonRoom: { ratePerSecond: null }, teamCommonGround: { perMinute: null } });
	return { url: emulator.url, crToken: emulator.tokens.commonRoom, tcgKey: emulator.tokens.teamCommonGround, stop: () => emulator.stop() };
}

function inChild(): Promise<Target> {
	const child: ChildProcess = spawn(
		process.execPath,
		['-r', 'ts-node/register/transpile-only', join(__dirname, 'cli.ts'), '--port', '0', '--quiet', '--cr-rate', 'off', '--tcg-per-minute', 'off'],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	return new Promise((resolve, reject) => {
		let output = '';
		child.once('exit', (code) => reject(new Error(`emulator exited early (${code})`)));
		child.stdout?.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
			const crToken = /\(token (\S+)\)/.exec(output)?.[1];
			const tcgKey = /\(key (\S+)\)/.exec(output)?.[1];
			if (!url || !crToken || !tcgKey) return;
			child.removeAllListeners('exit');
			resolve({
				url,
				crToken,
				tcgKey,
				stop: () => new Promise<void>((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
			});
		});
	});
}

function post(agent: Agent, url: string, token: string, body: unknown): Promise<number> {
	const payload = JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = request(
			url,
			{ method: 'POST', agent, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } },
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			},
		);
		req.on('error', reject);
		req.end(payload);
	});
}

async function run(label: string, total: number, concurrency: number, send: (i: number) => Promise<number>, expected: number) {
	let next = 0;
	let bad = 0;
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < total) {
				const i = next++;
				if ((await send(i)) !== expected) bad++;
			}
		}),
	);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const perSecond = Math.round(total / seconds);
	console.log(`${label}: ${total} requests at concurrency ${concurrency} in ${seconds.toFixed(2)} s → ${perSecond} req/s (${bad} unexpected statuses)`);
	if (bad > 0) process.exitCode = 1;
	return perSecond;
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: { requests: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '16' }, 'in-process': { type: 'boolean' } },
	});
	const total = Number(values.requests);
	const concurrency = Number(values.concurrency);
	const target = values['in-process'] ? await inProcess() : await inChild();
	const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
	try {
		const user = (i: number) => ({
			id: `bench-${i}@example.com`,
			email: `bench-${i}@example.com`,
			fullName: `Bench User ${i}`,
			companyName: 'Bench Co',
			tags: [{ type: 'name', name: 'Bench' }],
			customFields: [{ id: 102, value: { type: 'int', value: i } }],
		});
		await run('warm-up', 200, concurrency, (i) => post(agent, `${target.url}/community/v1/source/12345/user`, target.crToken, user(i)), 202);
		const cr = await run('Common Room POST /source/{id}/user', total, concurrency, (i) => post(agent, `${target.url}/community/v1/source/12345/user`, target.crToken, user(i)), 202);
		const tcg = await run('Team Common Ground POST /v1/activities', total, concurrency, (i) =>
			post(agent, `${target.url}/v1/activities`, target.tcgKey, { type: 'c_order', source: 'bench', client: { email: 'john@example.com' }, message: `Order ${i}` }), 201);
		console.log(`mode: ${values['in-process'] ? 'in-process' : 'child process'}; minimum ${Math.min(cr, tcg)} req/s (target ≥ 500)`);
	} finally {
		agent.destroy();
		await target.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
