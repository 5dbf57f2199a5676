/**
 * The memory scenario's process (forked by bench/scenarios/memory.ts): the same nodes in the same
 * n8n engine, against the emulator the parent started (BENCH_MEMORY_BASE_URL / _TOKEN). It warms
 * up on 20 items, then measures each size the parent sends ({ run: n }) and answers
 * { measured }.
 */
import './env';

import { contactInput, upsertContacts } from './drive';
import { measureRun } from './scenarios/memory';

const baseUrl = process.env.BENCH_MEMORY_BASE_URL ?? '';
const token = process.env.BENCH_MEMORY_TOKEN ?? '';

const warmUp = upsertContacts({ baseUrl, token, input: contactInput('bench-memory-warmup-', 20) });

process.on('message', (message: { run?: number }) => {
	if (message.run === undefined) return;
	const n = message.run;
	warmUp
		.then(() => {
			process.send?.({ started: n });
			return measureRun(baseUrl, token, n);
		})
		.then(
			(measured) => process.send?.({ measured }),
			(error: unknown) => process.send?.({ error: error instanceof Error ? error.stack ?? error.message : String(error) }),
		);
});

process.on('disconnect', () => process.exit(0));
