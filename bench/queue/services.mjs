// @ts-check
// The two services n8n's queue mode needs besides n8n itself, started from Debian's packages
// (no Docker): Redis (Bull's job queue) and PostgreSQL (the database main and workers share).
// Both listen on 127.0.0.1 only, on ports the caller picks, with their data in a temporary folder
// the caller removes afterwards; both are children of the caller's ProcessGroup, so they stop
// however the benchmark ends.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { SetupError, step } from '../../scripts/lib/console.mjs';
import { baseEnv, pipeOutput } from '../../scripts/lib/processes.mjs';

/** @typedef {import('../../scripts/lib/processes.mjs').ProcessGroup} ProcessGroup */
/** @typedef {ReturnType<typeof pipeOutput>} Output */
/** @typedef {{ host: string, port: number, user: string, password: string, database: string }} Postgres */

const isRoot = process.getuid?.() === 0;

/** @param {string} command */
const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/**
 * Resolves once the child prints a line matching `pattern`; rejects if it exits first or the time
 * runs out (with the last lines of its log, which say why).
 * @param {import('node:child_process').ChildProcess} child
 * @param {Output} output
 * @param {RegExp} pattern
 * @param {{ label: string, logFile: string, timeoutMs: number }} options
 * @returns {Promise<void>}
 */
export function waitForLine(child, output, pattern, { label, logFile, timeoutMs }) {
	if (output.lines.some((line) => pattern.test(line))) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const tail = () => output.lines.slice(-20).join('\n');
		const timer = setTimeout(() => reject(new SetupError(`${label} not ready in ${timeoutMs / 1000} s; see ${logFile}:\n${tail()}`)), timeoutMs);
		output.onLine((line) => {
			if (!pattern.test(line)) return;
			clearTimeout(timer);
			resolve();
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new SetupError(`${label} exited (${code}) while starting; last lines of ${logFile}:\n${tail()}`));
		});
	});
}

/**
 * redis-server from Debian, installed when missing: the machine runs as root and reaches Debian's
 * packages, and a fresh machine does not have it (PostgreSQL 15 comes with the image).
 */
export function ensureRedis() {
	if (onPath('redis-server')) return;
	const s = step('redis-server is missing: apt-get install -y redis-server');
	if (!isRoot || !onPath('apt-get')) {
		throw new SetupError('redis-server is not installed. Install it (Debian: apt-get install -y redis-server) and run again.');
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const update = spawnSync('apt-get', ['update'], { stdio: 'ignore', env });
	const install = spawnSync('apt-get', ['install', '-y', 'redis-server'], { stdio: 'ignore', env });
	if (update.status !== 0 || install.status !== 0 || !onPath('redis-server')) {
		throw new SetupError('apt-get install -y redis-server failed; install it by hand and run again.');
	}
	s.done('installed (its own service is not started: this benchmark starts its own redis-server)');
}

/**
 * Redis on 127.0.0.1:port, nothing saved to disk (the queue only lives for the run).
 * @param {ProcessGroup} group
 * @param {{ port: number, dir: string, logFile: string }} settings
 */
export async function startRedis(group, { port, dir, logFile }) {
	const s = step(`Redis on 127.0.0.1:${port}`);
	fs.mkdirSync(dir, { recursive: true });
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
	const child = spawn('redis-server', args, { cwd: dir, env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	group.add('redis', child, 5000);
	const output = pipeOutput(child, logFile, false);
	await waitForLine(child, output, /Ready to accept connections/, { label: 'redis-server', logFile, timeoutMs: 20000 });
	s.done(spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout.trim().split(' ').slice(0, 3).join(' '));
}

/** The newest /usr/lib/postgresql/<version>/bin that has initdb (Debian keeps them off PATH). */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
	versions.sort((a, b) => Number(b) - Number(a));
	if (!versions.length) throw new SetupError('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). Debian: apt-get install -y postgresql');
	return path.join(root, versions[0], 'bin');
}

/**
 * PostgreSQL refuses to run as root (initdb and postgres both exit). As root, both run as Debian's
 * `postgres` user: spawn's uid/gid (no runuser or su, so the postmaster is our direct child and
 * ProcessGroup's signals reach it).
 * @returns {{ uid?: number, gid?: number }}
 */
function postgresIdentity() {
	if (!isRoot) return {};
	const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
	const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
	if (uid.status !== 0) throw new SetupError('running as root, but there is no `postgres` user to run PostgreSQL as');
	return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

/**
 * A new cluster in `dir` (initdb), the postmaster on 127.0.0.1:port, and an empty database `n8n`.
 * Durability is off (fsync, synchronous commit): the data is thrown away after the run, and on
 * two shared cores the benchmark should measure n8n, not the disk.
 * @param {ProcessGroup} group
 * @param {{ port: number, dir: string, logFile: string }} settings
 * @returns {Promise<Postgres>}
 */
export async function startPostgres(group, { port, dir, logFile }) {
	const bin = postgresBinDir();
	const s = step(`PostgreSQL (${bin.split('/').at(-2)}) on 127.0.0.1:${port}`);
	const identity = postgresIdentity();
	const data = path.join(dir, 'data');
	fs.mkdirSync(data, { recursive: true, mode: 0o700 });
	if (identity.uid !== undefined && identity.gid !== undefined) {
		for (const folder of [dir, data]) fs.chownSync(folder, identity.uid, identity.gid);
	}
	const user = 'n8n';
	const env = baseEnv({ LC_ALL: 'C', HOME: dir });
	const init = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--no-locale'], {
		cwd: dir,
		env,
		encoding: 'utf8',
		...identity,
	});
	fs.writeFileSync(logFile, `$ initdb (exit ${init.status})\n${init.stdout}${init.stderr}\n`);
	if (init.status !== 0) throw new SetupError(`initdb failed (exit ${init.status}):\n${init.stderr || init.error}`);
	const settings = [
		'listen_addresses=127.0.0.1',
		`unix_socket_directories=${dir}`,
		'fsync=off',
		'synchronous_commit=off',
		'full_page_writes=off',
	];
	const args = ['-D', data, '-p', String(port), ...settings.flatMap((setting) => ['-c', setting])];
	const child = spawn(path.join(bin, 'postgres'), args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...identity });
	group.add('postgres', child, 15000);
	const output = pipeOutput(child, logFile, false);
	await waitForLine(child, output, /database system is ready to accept connections/, { label: 'postgres', logFile, timeoutMs: 30000 });
	const pg = { host: '127.0.0.1', port, user, password: 'n8n-bench', database: 'postgres' };
	psql(pg, 'CREATE DATABASE n8n');
	s.done(`ready, database "n8n" as user "${user}"${identity.uid !== undefined ? ' (server runs as the postgres user: it refuses root)' : ''}`);
	return { ...pg, database: 'n8n' };
}

/**
 * Runs one SQL statement with Debian's psql client over TCP; returns its rows, tab-separated
 * fields, no header (-At).
 * @param {Postgres} pg
 * @param {string} sql
 */
export function psql(pg, sql) {
	const args = ['-h', pg.host, '-p', String(pg.port), '-U', pg.user, '-d', pg.database, '-v', 'ON_ERROR_STOP=1', '-At', '-F', '\t', '-c', sql];
	const result = spawnSync('psql', args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: baseEnv({ PGPASSWORD: pg.password }) });
	if (result.status !== 0) throw new SetupError(`psql failed (${sql.slice(0, 80)}): ${result.stderr || result.error}`);
	return result.stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
}

/** Polls until `check()` is true or the time is up; returns whether it came true. @param {() => boolean} check */
export async function pollUntil(check, { everyMs = 1000, timeoutMs = 60000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (check()) return true;
		if (Date.now() > deadline) return false;
		await sleep(everyMs);
	}
}
