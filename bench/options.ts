/**
 * The bench's command line (see run.ts and bench/README.md for the flags): the scenarios to run,
 * their sizes (default, --quick, or one flag each), where to write, and whether to profile.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const SCENARIOS = ['throughput', 'sequential', 'settle', 'shared', 'memory', 'tcg', 'resync', 'latency'] as const;
/** Extra scenarios, only with --only. */
export const EXTRA_SCENARIOS = ['settle-blind'] as const;
export type Extra = (typeof EXTRA_SCENARIOS)[number];
export type Scenario = (typeof SCENARIOS)[number];

export interface Sizes {
	n: number;
	seqN: number;
	settleSeconds: number;
	sharedN: number;
	tcgN: number;
	memorySmall: number;
	memoryLarge: number;
	/** Contacts per latency of the latency sweep. */
	sweepN: number;
	/** Activities per latency of Team Common Ground's latency sweep. */
	tcgSweepN: number;
	/** Contacts of the re-sync (sent twice, 20 changed the second time). */
	resyncN: number;
}

const DEFAULT_SIZES: Sizes = { n: 2000, seqN: 100, settleSeconds: 25, sharedN: 200, tcgN: 50, memorySmall: 1000, memoryLarge: 10000, sweepN: 150, tcgSweepN: 40, resyncN: 2000 };
/**
 * Upserts profiled after the throughput run (10 s at 20/s): the shares of the CPU time that give
 * `cpuMsPerItemOwnCode`.
 */
const DEFAULT_PROFILE_ITEMS = 200;
const QUICK_SIZES: Sizes = { n: 600, seqN: 40, settleSeconds: 20, sharedN: 100, tcgN: 30, memorySmall: 500, memoryLarge: 2000, sweepN: 100, tcgSweepN: 20, resyncN: 400 };

export interface Options {
	sizes: Sizes;
	only: Set<Scenario | Extra>;
	/** Where results are written; undefined with --no-write. */
	out: string | undefined;
	/** Every size, scenario and the profile at their defaults: the run that writes bench/results.json. */
	isDefault: boolean;
	/** Upserts to profile, or undefined for no profile. */
	profile: number | undefined;
}

export function readOptions(): Options {
	const { values } = parseArgs({
		options: {
			n: { type: 'string' },
			quick: { type: 'boolean' },
			'seq-n': { type: 'string' },
			'settle-seconds': { type: 'string' },
			'shared-n': { type: 'string' },
			'tcg-n': { type: 'string' },
			'memory-small': { type: 'string' },
			'memory-large': { type: 'string' },
			'sweep-n': { type: 'string' },
			'tcg-sweep-n': { type: 'string' },
			'resync-n': { type: 'string' },
			only: { type: 'string' },
			out: { type: 'string' },
			'no-write': { type: 'boolean' },
			profile: { type: 'string' },
			help: { type: 'boolean' },
		},
	});
	if (values.help) {
		console.log('usage: npm run bench -- [--n 2000] [--quick] [--seq-n 100] [--settle-seconds 40] [--shared-n 300] [--tcg-n 100] [--memory-small 1000] [--memory-large 10000] [--sweep-n 150] [--tcg-sweep-n 40] [--resync-n 2000] [--only throughput,sequential,settle,shared,memory,tcg,resync,latency] [--out file] [--no-write]');
		process.exit(0);
	}
	const base = values.quick ? QUICK_SIZES : DEFAULT_SIZES;
	const number = (value: string | undefined, fallback: number, name: string): number => {
		if (value === undefined || value === '') return fallback;
		const parsed = Number(value);
		if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a positive whole number (got ${value})`);
		return parsed;
	};
	const sizes: Sizes = {
		n: number(values.n ?? process.env.BENCH_N, base.n, 'n'),
		seqN: number(values['seq-n'], base.seqN, 'seq-n'),
		settleSeconds: number(values['settle-seconds'], base.settleSeconds, 'settle-seconds'),
		sharedN: number(values['shared-n'], base.sharedN, 'shared-n'),
		tcgN: number(values['tcg-n'], base.tcgN, 'tcg-n'),
		memorySmall: number(values['memory-small'], base.memorySmall, 'memory-small'),
		memoryLarge: number(values['memory-large'], base.memoryLarge, 'memory-large'),
		sweepN: number(values['sweep-n'], base.sweepN, 'sweep-n'),
		tcgSweepN: number(values['tcg-sweep-n'], base.tcgSweepN, 'tcg-sweep-n'),
		resyncN: number(values['resync-n'], base.resyncN, 'resync-n'),
	};
	const only = values.only ? (values.only.split(',').map((s) => s.trim()) as Array<Scenario | Extra>) : [...SCENARIOS];
	for (const name of only) {
		if (!(SCENARIOS as readonly string[]).includes(name) && !(EXTRA_SCENARIOS as readonly string[]).includes(name)) {
			throw new Error(`--only: unknown scenario ${name}`);
		}
	}
	const isDefault = JSON.stringify(sizes) === JSON.stringify(DEFAULT_SIZES) && only.length === SCENARIOS.length;
	const out = values['no-write'] ? undefined : values.out ?? join(__dirname, isDefault ? 'results.json' : 'results.local.json');
	const profileItems = values.profile === '0' ? 0 : number(values.profile, DEFAULT_PROFILE_ITEMS, 'profile');
	const profile = profileItems > 0 && (only.includes('throughput') || values.profile !== undefined) ? profileItems : undefined;
	return { sizes, only: new Set(only), out, isDefault: isDefault && profileItems === DEFAULT_PROFILE_ITEMS, profile };
}
