// @ts-check
// What the driver scripts print: colours (off when not a terminal or with NO_COLOR), one line per
// step with its time, an aligned table, and SetupError, whose message is all a user needs to see
// (the scripts print it without a stack).

const t0 = Date.now();
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
/** @param {number} code @returns {(text: unknown) => string} */
const paint = (code) => (text) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : String(text));
export const c = { bold: paint(1), dim: paint(2), red: paint(31), green: paint(32), yellow: paint(33), cyan: paint(36) };

/** @param {number} ms */
export const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

export function say(message = '') {
	console.log(message);
}

/**
 * Prints "▸ title" now and "  ✓ note (time)" when done.
 * @param {string} title
 */
export function step(title) {
	const started = Date.now();
	console.log(`${c.cyan('▸')} ${title}`);
	return {
		done(note = 'done') {
			console.log(`  ${c.green('✓')} ${note} ${c.dim(`(${seconds(Date.now() - started)})`)}`);
		},
		/** @param {string} note */
		info(note) {
			console.log(`  ${c.dim('·')} ${note}`);
		},
	};
}

export function elapsedSinceStart() {
	return seconds(Date.now() - t0);
}

export class SetupError extends Error {}

/**
 * The text without its colour codes.
 * @param {string} text
 */
// eslint-disable-next-line no-control-regex -- colour codes start with ESC (\u001b)
export const stripAnsi = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');

/**
 * Prints rows as an aligned text table.
 * @param {string[]} headers
 * @param {string[][]} rows
 */
export function printTable(headers, rows) {
	/** @param {unknown} text */
	const visible = (text) => stripAnsi(String(text)).length;
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => visible(r[i]))));
	/** @param {string[]} cells */
	const line = (cells) => cells.map((cell, i) => String(cell) + ' '.repeat(widths[i] - visible(cell))).join('  ').trimEnd();
	console.log(c.bold(line(headers)));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const row of rows) console.log(line(row));
}
