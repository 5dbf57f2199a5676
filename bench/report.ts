/**
 * The bench's printed report: the goal table (issue 8's goals, with the readings shown under
 * them) and one line per scenario. `run.ts` measures; this only formats.
 */
import type { LoadSampler, machine } from './measure';
import { round } from './measure';
import type { CpuBreakdown } from './profile';
import type { MemoryRun } from './scenarios/memory';
import type { SequentialResult } from './scenarios/sequential';
import type { SettleResult } from './scenarios/settle';
import type { SharedResult } from './scenarios/shared';
import { TCG_LIMIT_PER_MINUTE, type TcgResult } from './scenarios/teamCommonGround';
import type { ThroughputResult } from './scenarios/throughput';

export interface Goal {
	metric: string;
	value: number | null;
	goal: string;
	holds: boolean | null;
	/** A reading shown under a goal, not a goal itself. */
	info?: boolean;
}

export const fmt = (value: number | null | undefined, digits = 3): string => (value === null || value === undefined ? '—' : String(round(value, digits)));

export function printTable(
	results: { date: string; machine: ReturnType<typeof machine>; durationSeconds: number; loadAverage: ReturnType<LoadSampler['stop']>; cpuBreakdown: CpuBreakdown | null },
	goals: Goal[],
	r: { tp?: ThroughputResult; seq?: SequentialResult; st?: SettleResult; sh?: SharedResult; tcg?: TcgResult; memory: MemoryRun[]; blind?: SettleResult; growth?: Record<string, number> },
): void {
	const rows: string[][] = [['metric', 'value', 'goal', '']];
	for (const g of goals) rows.push([g.metric, fmt(g.value), g.goal, g.info ? '' : g.holds === null ? '?' : g.holds ? 'ok' : 'MISSED']);
	const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
	const line = (row: string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
	console.log(line(rows[0]));
	console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const row of rows.slice(1)) console.log(line(row));
	console.log('');
	const { tp, seq, st, sh, tcg, memory, blind } = r;
	if (tp) {
		console.log(
			`Common Room throughput: ${tp.items} contacts in ${tp.seconds} s = ${tp.achievedPerSecond}/s; first request after ${tp.firstRequestAfterSeconds} s (prepare phase), then ${tp.serverAcceptedPerSecond}/s accepted (${tp.sendingRatioToLimit} × limit); longest event-loop stall ${tp.maxEventLoopStallMs} ms; stored ${tp.stored}, 429s received ${tp.received429}, error items ${tp.errorItems}; CPU ${tp.cpuMsPerItemSending === null ? `of the whole run${tp.cpuIncludesOtherScenarios ? ', the side scenarios included (they outlasted most of it)' : ''}: ${tp.cpuMs} ms = ${tp.cpuMsPerItem} ms/item` : `${tp.cpuMsPerItem} ms/item = sending ${tp.cpuMsPerItemSending} (${tp.cpuMs} ms for the last ${tp.cpuItems} items, ${tp.cpuSeconds} s alone in the process) + preparing ${tp.cpuMsPerItemPreparing}`} (emulator process ${tp.emulatorCpuMsPerItem} ms/item, not counted)`,
		);
	}
	if (seq) console.log(`Sequential baseline (Max Concurrency 1, ${seq.items} items): ${seq.achievedPerSecond}/s, ${seq.msPerItem} ms/item`);
	for (const [label, x] of [['Unknown limit', st], ['Unknown limit, 429 body stripped too (blind)', blind]] as const) {
		if (!x) continue;
		console.log(
			`${label} (${x.limitPerSecond}/s, no headers, ${x.items} items, ${x.seconds} s): settled after ${fmt(x.settleSeconds)} s over 2 s spans, ${fmt(x.settleSeconds1s)} s over 1 s spans (band ${x.band.join('–')}/s, ${x.windowsAfterSettle} windows after, mean ${fmt(x.settledAcceptedPerSecond)}/s); 429s ${x.settle429s} before settling, ${x.total429s} in all; surfaced ${x.surfaced429}, lost ${x.lost}, duplicates ${x.duplicates}`,
		);
		console.log(`  accepted/s: ${x.series.accepted.join(' ')}`);
		console.log(`  429/s:      ${x.series.rejected429.join(' ')}`);
		console.log(`  limiter/s:  ${x.series.limiterRate.map((v) => Math.round(v * 10) / 10).join(' ')}`);
	}
	if (sh) {
		console.log(
			`Shared limiter: 2 × ${sh.itemsEach} items, sending for ${sh.sendingSeconds} s: ${sh.sentPerSecond}/s sent (accepted ${sh.acceptedPerSecond}/s) = ${sh.sumToLimit} × limit; client-side overlap ${sh.overlapSeconds} s at ${sh.overlapSentPerSecond}/s; executions ${sh.executionPerSecond.join(' + ')}/s; 429s ${sh.received429}; lost ${sh.executions[0].lost + sh.executions[1].lost}, duplicates ${sh.executions[0].duplicates + sh.executions[1].duplicates}`,
		);
	}
	const growth = r.growth;
	if (growth) {
		console.log(
			`Memory growth per extra item (small → large run): live heap ${growth.liveHeap} B, output ${growth.output} B, peak heap (with garbage) ${growth.peakHeap} B, peak RSS ${growth.peakRss} B`,
		);
	}
	for (const m of memory) {
		console.log(
			`Memory ${m.items} items: ${m.seconds} s (${m.achievedPerSecond}/s, limiter ended at ${m.finalLimiterRatePerSecond}/s, longest event-loop stall ${m.maxEventLoopStallMs} ms); heap ${m.baseHeapMb} → peak ${m.peakHeapMb} MB (Δ ${m.peakHeapDeltaMb} MB = ${m.peakHeapBytesPerItem} B/item), live peak Δ ${m.livePeakHeapDeltaMb} MB (${m.liveBytesPerItem} B/item), output retained ${m.retainedHeapMb} MB (${m.retainedBytesPerItem} B/item); RSS ${m.baseRssMb} → peak ${m.peakRssMb} MB (Δ ${m.peakRssDeltaMb}); CPU ${m.cpuMsPerItem} ms/item; lost ${m.lost}, duplicates ${m.duplicates}`,
		);
	}
	if (tcg) {
		console.log(
			`Team Common Ground: ${tcg.items} activities in ${tcg.seconds} s = ${tcg.achievedPerMinute}/min (limit ${TCG_LIMIT_PER_MINUTE}/min; ${tcg.sendingRatioToLimit} × limit while sending); stored ${tcg.stored}, lost ${tcg.lost}, duplicates ${tcg.duplicates}, 429s ${tcg.received429}, surfaced ${tcg.surfaced429}`,
		);
	}
	if (results.cpuBreakdown) {
		const b = results.cpuBreakdown;
		console.log(
			`CPU breakdown (${b.items} items under the profiler, ${b.cpuMsPerItemProfiled} ms/item): ${Object.entries(b.msPerItem)
				.map(([category, ms]) => `${category} ${ms} ms (${Math.round(b.share[category] * 100)} %)`)
				.join(', ')}`,
		);
	}
	const failures: Array<[string, { workflowError?: string; firstError?: string; errorItems?: number } | undefined]> = [
		['throughput', tp],
		['sequential', seq],
		['settle', st],
		['settle-blind', blind],
		['shared a', sh?.executions[0]],
		['shared b', sh?.executions[1]],
		...memory.map((m): [string, MemoryRun] => [`memory ${m.items}`, m]),
		['tcg', tcg ? { ...tcg, errorItems: tcg.errorItems } : undefined],
	];
	for (const [label, x] of failures) {
		if (x?.workflowError) console.log(`!! ${label}: the workflow stopped: ${x.workflowError}`);
		if (x?.firstError) console.log(`!! ${label}: ${x.errorItems} error items, the first: ${x.firstError}`);
	}
	const l = results.loadAverage;
	console.log(
		`\n${results.machine.cpuModel} × ${results.machine.cores}, Node ${results.machine.node}, ${results.date}, ${results.durationSeconds} s; load average ${l.start} at start, mean ${l.mean}, max ${l.max}`,
	);
}
