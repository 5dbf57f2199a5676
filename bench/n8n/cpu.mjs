// @ts-check
// CPU time of n8n as processes, read from /proc (Linux): the `n8n start` process and everything it
// started (the JS task runner of internal mode, and whatever else), found by walking parent pids.
// Per process: utime + stime (its own CPU) + cutime + cstime (children it has already reaped), so
// a task runner that exits and is reaped during a run still counts, inside its parent's figure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** Clock ticks per second of /proc's times (100 on Linux almost always; asked once). */
const TICKS_PER_SECOND = (() => {
	const answer = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout);
	return Number.isFinite(answer) && answer > 0 ? answer : 100;
})();

/** @typedef {{ pid: number, ppid: number, cpuMs: number, role: string }} ProcessCpu */
/** @typedef {{ at: number, processes: Map<number, ProcessCpu> }} CpuSnapshot */

/**
 * /proc/<pid>/stat: the command name is in parentheses and may hold spaces, so the fields are
 * counted from the last ")". Fields 4 (ppid) and 14 – 17 (utime, stime, cutime, cstime).
 * @param {number} pid
 * @returns {{ ppid: number, ticks: number } | null}
 */
function readStat(pid) {
	let text;
	try {
		text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return null; // exited meanwhile
	}
	const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
	const at = (/** @type {number} */ field) => Number(fields[field - 3]);
	return { ppid: at(4), ticks: at(14) + at(15) + at(16) + at(17) };
}

/** What the process is, from its command line: n8n's main process or its task runner. @param {number} pid */
function roleOf(pid) {
	let cmdline = '';
	try {
		cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
	} catch {
		return 'gone';
	}
	if (/task-runner/.test(cmdline)) return 'task runner';
	if (/\bn8n\b.*\bstart\b/.test(cmdline)) return 'n8n main';
	return cmdline.split(' ').slice(0, 2).join(' ').slice(0, 60) || 'unknown';
}

/**
 * The process `rootPid` and all its descendants, with their CPU so far.
 * @param {number} rootPid
 * @returns {CpuSnapshot}
 */
export function snapshotTree(rootPid) {
	const at = Date.now();
	/** @type {Map<number, { ppid: number, ticks: number }>} */
	const all = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const stat = readStat(Number(entry));
		if (stat) all.set(Number(entry), stat);
	}
	/** @type {Map<number, ProcessCpu>} */
	const processes = new Map();
	const queue = [rootPid];
	while (queue.length) {
		const pid = /** @type {number} */ (queue.shift());
		const stat = all.get(pid);
		if (!stat || processes.has(pid)) continue;
		processes.set(pid, { pid, ppid: stat.ppid, cpuMs: (stat.ticks * 1000) / TICKS_PER_SECOND, role: roleOf(pid) });
		for (const [child, childStat] of all) if (childStat.ppid === pid) queue.push(child);
	}
	return { at, processes };
}

/**
 * CPU used between two snapshots, in total and per process. A process that appeared meanwhile
 * counts from zero; one that vanished has its time in its parent's cutime/cstime once reaped
 * (listed under `vanished` so a reader knows).
 * @param {CpuSnapshot} before
 * @param {CpuSnapshot} after
 */
export function cpuBetween(before, after) {
	/** @type {Array<{ pid: number, role: string, cpuMs: number }>} */
	const byProcess = [];
	for (const [pid, now] of after.processes) {
		const then = before.processes.get(pid);
		byProcess.push({ pid, role: now.role, cpuMs: now.cpuMs - (then?.cpuMs ?? 0) });
	}
	const vanished = [...before.processes.keys()].filter((pid) => !after.processes.has(pid));
	const totalMs = byProcess.reduce((sum, p) => sum + p.cpuMs, 0);
	return { totalMs, wallMs: after.at - before.at, byProcess, vanished };
}

/** @typedef {ReturnType<typeof cpuBetween>} CpuUsage */

/** Resolution of one reading (one clock tick), for the report. */
export const CPU_TICK_MS = 1000 / TICKS_PER_SECOND;

/**
 * The whole machine's CPU counters (/proc/stat's first line): every core's busy and total time,
 * so a run can say how busy the machine was meanwhile (other jobs share these cores).
 * @returns {{ busy: number, total: number }}
 */
export function machineCpu() {
	const [, ...values] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
	const ticks = values.map(Number);
	// user nice system idle iowait irq softirq steal (guest times are already inside user/nice).
	const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
	const idle = ticks[3] + ticks[4];
	return { busy: total - idle, total };
}

/**
 * The share of all cores that was busy between two readings (0 – 1), every process counted.
 * @param {{ busy: number, total: number }} before
 * @param {{ busy: number, total: number }} after
 */
export function machineBusyShare(before, after) {
	const total = after.total - before.total;
	return total > 0 ? (after.busy - before.busy) / total : 0;
}
