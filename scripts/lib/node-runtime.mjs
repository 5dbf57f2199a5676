// @ts-check
// Which Node runs n8n: Node 24 from the cache for n8n 2.x, the machine's own for n8n 1.x (checked
// against the range n8n's engines field allows), and how the scripts name it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { SetupError } from './console.mjs';
import { N8N_VERSION, NODE_SPEC } from './settings.mjs';

/** @param {string} bin */
export function nodeVersionOf(bin) {
	const result = spawnSync(bin, ['-v'], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : null;
}

/**
 * The lowest Node version n8n's engines field allows (">=20.19 <= 24.x" → [20, 19]), or null.
 * @param {string | undefined} range
 * @returns {[number, number] | null}
 */
function lowestNode(range) {
	const match = /(?:^|\s)>=\s*v?(\d+)(?:\.(\d+))?/.exec(range ?? '');
	return match ? [Number(match[1]), Number(match[2] ?? 0)] : null;
}

/**
 * n8n 1.x runs on the machine's Node: it must be one n8n's engines field allows.
 * @param {string} n8nDir the runtime folder n8n is installed in
 */
export function checkMachineNode(n8nDir) {
	let range;
	try {
		range = JSON.parse(fs.readFileSync(path.join(n8nDir, 'node_modules', 'n8n', 'package.json'), 'utf8')).engines?.node;
	} catch {
		return;
	}
	const lowest = lowestNode(range);
	const [major, minor] = process.versions.node.split('.').map(Number);
	if (lowest && (major < lowest[0] || (major === lowest[0] && minor < lowest[1]))) {
		throw new SetupError(`n8n ${N8N_VERSION} needs Node ${range}; this is Node ${process.version} (${process.execPath}).`);
	}
}

/** "Node 24" (the cache's) or "the machine's Node v20.20.2". */
export function nodeLabel() {
	return NODE_SPEC ? `Node ${NODE_SPEC}` : `the machine's Node ${process.version}`;
}
