/**
 * The nodes log through `this.logger` (retry waits, progress lines). In n8n-core 2.41 that getter
 * is `Container.get(Logger)` from n8n-core's own copy of @n8n/backend-common, NOT the
 * `LoggerProxy` that test/engine.ts captures into `capturedLogs`. Without this helper those
 * lines go straight to stdout and no test can look at them.
 *
 * `captureNodeLogs()` puts a logger into n8n-core's DI container that appends every line to the
 * same `capturedLogs` array (so secrets/fault tests see what n8n's logger received from our
 * nodes) and prints nothing.
 */
import { dirname } from 'node:path';

import type { LogLine } from '../../engine';
import { capturedLogs } from '../../engine';

type Level = LogLine['level'];

interface DiModule {
	Container: { set(type: unknown, instance: unknown): void; get(type: unknown): unknown };
}
interface BackendCommonModule {
	Logger: unknown;
}

function fromN8nCore<T>(name: string): T {
	// n8n-core has nested copies of @n8n/di and @n8n/backend-common: take the ones it uses.
	const coreDir = dirname(require.resolve('n8n-core/package.json'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require.resolve(name, { paths: [coreDir] })) as T;
}

function makeLogger(): object {
	const line = (level: Level) => (message: string, meta?: object) => {
		capturedLogs.push({ level, message, meta });
	};
	const logger: Record<string, unknown> = {
		error: line('error'),
		warn: line('warn'),
		info: line('info'),
		debug: line('debug'),
	};
	logger.scoped = () => logger;
	return logger;
}

let installed = false;

/** Routes the nodes' `this.logger` lines into `capturedLogs` (idempotent). */
export function captureNodeLogs(): void {
	if (installed) return;
	const { Container } = fromN8nCore<DiModule>('@n8n/di');
	const { Logger } = fromN8nCore<BackendCommonModule>('@n8n/backend-common');
	Container.set(Logger, makeLogger());
	installed = true;
}

/** Lines captured since `from` (an index into capturedLogs). */
export function logsSince(from: number): LogLine[] {
	return capturedLogs.slice(from);
}

export { capturedLogs };
