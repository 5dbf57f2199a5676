// `npm run emulator` — starts the emulator on EMULATOR_PORT (default 5680), prints the URLs and the
// demo credentials, logs each request (unless --quiet) and stops cleanly on SIGINT / SIGTERM.
// Flags win over environment variables; see emulator/README.md "Running".
import { parseArgs } from 'node:util';
import { startEmulator } from './index';
import type { EmulatorOptions } from './types';

const HELP = `Usage: npm run emulator -- [options]

  --port <n>              port (env EMULATOR_PORT, default 5680; 0 = random)
  --host <h>              host (env EMULATOR_HOST, default 127.0.0.1)
  --seed <file>           seed JSON (env EMULATOR_SEED, default emulator/seed/demo.json)
  --cr-rate <n|off>       Common Room requests/second per token (env EMULATOR_CR_RATE, default 20)
  --cr-burst <n>          Common Room bucket size (env EMULATOR_CR_BURST, default = rate)
  --tcg-per-minute <n|off> Team Common Ground requests/minute per key (env EMULATOR_TCG_PER_MINUTE, default 120)
  --no-rate-limit-headers send no rate-limit headers on either API (env EMULATOR_RATE_LIMIT_HEADERS=off)
  --latency <ms[:jitter]> fixed latency and ± jitter (env EMULATOR_LATENCY, e.g. 50:20)
  --quiet                 no per-request log lines (env EMULATOR_QUIET=1)
  --help`;

function limit(value: string | undefined, name: string): number | null | undefined {
	if (value === undefined || value === '') return undefined;
	if (['off', 'none', 'null', 'unlimited'].includes(value.toLowerCase())) return null;
	const number = Number(value);
	if (!(number > 0)) throw new Error(`${name} must be a positive number or "off" (got ${value})`);
	return number;
}

function latency(value: string | undefined): EmulatorOptions['latency'] {
	if (!value) return undefined;
	const [fixed, jitter = '0'] = value.split(':');
	const fixedMs = Number(fixed);
	const jitterMs = Number(jitter);
	if (!(fixedMs >= 0) || !(jitterMs >= 0)) throw new Error(`latency must look like 50 or 50:20 (got ${value})`);
	return { fixedMs, jitterMs };
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			host: { type: 'string' },
			seed: { type: 'string' },
			'cr-rate': { type: 'string' },
			'cr-burst': { type: 'string' },
			'tcg-per-minute': { type: 'string' },
			'no-rate-limit-headers': { type: 'boolean' },
			latency: { type: 'string' },
			quiet: { type: 'boolean' },
			help: { type: 'boolean' },
		},
	});
	if (values.help) {
		console.log(HELP);
		return;
	}
	const env = process.env;
	const headers = !(values['no-rate-limit-headers'] || ['off', '0', 'false'].includes(env.EMULATOR_RATE_LIMIT_HEADERS ?? ''));
	const burst = values['cr-burst'] ?? env.EMULATOR_CR_BURST;
	const options: EmulatorOptions = {
		port: Number(values.port ?? env.EMULATOR_PORT ?? 5680),
		host: values.host ?? env.EMULATOR_HOST ?? '127.0.0.1',
		seed: values.seed ?? env.EMULATOR_SEED ?? undefined,
		commonRoom: {
			ratePerSecond: limit(values['cr-rate'] ?? env.EMULATOR_CR_RATE, 'cr-rate'),
			burst: burst ? Number(burst) : undefined,
			sendRateLimitHeaders: headers,
		},
		teamCommonGround: { perMinute: limit(values['tcg-per-minute'] ?? env.EMULATOR_TCG_PER_MINUTE, 'tcg-per-minute'), sendRateLimitHeaders: headers },
		latency: latency(values.latency ?? env.EMULATOR_LATENCY),
		quiet: Boolean(values.quiet) || ['1', 'true'].includes(env.EMULATOR_QUIET ?? ''),
	};
	const emulator = await startEmulator(options);
	console.log(`Emulator listening on ${emulator.url}
  Common Room v1:          ${emulator.commonRoomBaseUrl}   (token ${emulator.tokens.commonRoom})
  Common Room v2:          ${emulator.commonRoomV2BaseUrl}   (same token)
  LLM test double:         ${emulator.url}/llm/v1   (OpenAI-compatible chat completions, scripted)
  Team Common Ground:      ${emulator.teamCommonGroundBaseUrl}/activities   (key ${emulator.tokens.teamCommonGround})
  Control:                 ${emulator.url}/__emulator/{info,state,log,reset,faults,config,restart}
Press Ctrl+C to stop.`);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping emulator`);
		emulator.stop().then(
			() => process.exit(0),
			(error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	console.error(`emulator: ${(error as Error).message}`);
	process.exit(1);
});
