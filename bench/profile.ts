/**
 * `--profile`: where the node's CPU time goes. Runs N contacts at 20/s (like the throughput
 * scenario) under V8's sampling profiler (node:inspector, in this process) and attributes every
 * sample to the innermost frame of a known kind, walking from the leaf towards the root:
 *
 *   n8n HTTP helper      axios, follow-redirects, @n8n/backend-network, proxy-from-env, n8n-core's
 *                        request helpers, and Node's net/http/tls/stream/dns internals
 *   n8n expressions      n8n-workflow (expression engine, parameter resolution, data proxy), luxon,
 *                        @n8n/tournament, jmespath, lodash
 *   n8n engine           the rest of n8n-core (WorkflowExecute, execution contexts)
 *   our node + runner    packages/n8n-nodes-commonroom/nodes/CommonRoom, packages/shared/execution, packages/shared/parameters
 *   our transport        packages/shared/transport (limiter, retry loop, signals, errors)
 *   GC / VM              (garbage collector), (program)
 *   other                everything else (Node timers, microtask queue, ...)
 * (the profiler's own frames and idle time are left out).
 *
 * The profiler itself costs CPU, so this is a breakdown in shares, not the benchmark's CPU
 * figure (that one is measured without the profiler).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

import { contactInput, upsertContacts } from './drive';
import type { EmulatorHost } from './emulators';
import { cpuMs, round } from './measure';
import { commonRoomEmulator } from './scenarios/common';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const CATEGORIES: Array<[string, RegExp]> = [
	['profiler', /node:inspector|\/bench\/profile\.ts/],
	['our transport', /\/nodes\/shared\/transport\//],
	['our node + runner', /\/nodes\/(CommonRoom|TeamCommonGround|shared\/execution|shared\/validation)/],
	['n8n HTTP helper', /node_modules\/(axios|follow-redirects|@n8n\/backend-network|proxy-from-env|form-data)\/|request-helpers|node:(net|http|https|_http_\w+|tls|dns|internal\/(streams|stream_base_commons|net|http|dns|url)|url|stream|zlib|buffer|internal\/url)\b/],
	['n8n expressions', /node_modules\/(n8n-workflow|luxon|@n8n\/tournament|@n8n\/expression-runtime|jmespath|lodash|esprima-next|recast|ast-types)\//],
	['n8n engine', /node_modules\/(n8n-core|@n8n\/[\w-]+)\//],
];

function categorise(profile: Profile): Record<string, number> {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const memo = new Map<number, string>();
	const categoryOf = (id: number): string => {
		const known = memo.get(id);
		if (known) return known;
		const node = byId.get(id) as ProfileNode;
		const { url, functionName } = node.callFrame;
		let category: string | undefined;
		if (functionName === '(idle)') category = 'idle';
		else if (functionName === '(garbage collector)' || functionName === '(program)') category = 'GC / VM';
		else category = CATEGORIES.find(([, pattern]) => pattern.test(url))?.[0];
		if (!category) {
			const up = parent.get(id);
			category = up === undefined ? 'other' : categoryOf(up);
		}
		memo.set(id, category);
		return category;
	};
	const totals: Record<string, number> = {};
	profile.samples.forEach((id, i) => {
		const category = categoryOf(id);
		totals[category] = (totals[category] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
	});
	return totals;
}

export interface CpuBreakdown {
	items: number;
	/** CPU ms per item under the profiler (higher than the benchmark's figure). */
	cpuMsPerItemProfiled: number;
	/** Profiler-sampled busy ms per item, by category, and the shares. */
	msPerItem: Record<string, number>;
	share: Record<string, number>;
}

export async function profileThroughput(host: EmulatorHost, n: number): Promise<CpuBreakdown> {
	const emulator = await commonRoomEmulator(host);
	const session = new Session();
	session.connect();
	const post = <T>(method: string, params?: object) =>
		new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
	try {
		await post('Profiler.enable');
		await post('Profiler.setSamplingInterval', { interval: 200 });
		const input = contactInput('bench-profile-', n);
		await post('Profiler.start');
		const cpuStart = process.cpuUsage();
		await upsertContacts({ baseUrl: emulator.commonRoomBaseUrl, token: emulator.tokens.commonRoom, input });
		const cpu = cpuMs(cpuStart);
		const { profile } = await post<{ profile: Profile }>('Profiler.stop');
		if (process.env.BENCH_PROFILE_FILE) writeFileSync(process.env.BENCH_PROFILE_FILE, JSON.stringify(profile));
		const totals = categorise(profile);
		delete totals.idle;
		delete totals.profiler;
		const busy = Object.values(totals).reduce((a, b) => a + b, 0);
		const msPerItem: Record<string, number> = {};
		const share: Record<string, number> = {};
		for (const [category, ms] of Object.entries(totals).sort((a, b) => b[1] - a[1])) {
			msPerItem[category] = round(ms / n);
			share[category] = round(ms / busy, 3);
		}
		return { items: n, cpuMsPerItemProfiled: round(cpu / n), msPerItem, share };
	} finally {
		session.disconnect();
		await emulator.stop();
	}
}
