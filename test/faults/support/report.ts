/** Writes the measured matrix to test/faults/last-run.md (replacing the file). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LAST_RUN_PATH = join(__dirname, '..', 'last-run.md');

export function writeLastRun(title: string, lines: string[]): void {
	const text = [`# ${title}`, '', `Measured ${new Date().toISOString()} (Node ${process.version}).`, '', ...lines, ''].join('\n');
	writeFileSync(LAST_RUN_PATH, text);
}
