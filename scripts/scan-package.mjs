// @ts-check
// Runs n8n's own community-package scanner the way n8n's verification runs it
// (@n8n/scan-community-package 0.32, analyzePackageByName), on this clone rather than on a published
// version: once on the source (the files it lints in the checkout a version's npm provenance points
// at: package.json, nodes/ and credentials/) and once on the tarball `npm pack` makes, unpacked
// (every .js, .ts and .json file in it, a superset of the verification's .js files and package.json).
// The verification's provenance check needs a published version; publish.yml publishes with one.
// Exits non-zero on any violation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The scanner's SOURCE_FILE_PATTERNS (0.32): what it lints in the attested source checkout. */
const SOURCE_FILE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];

const work = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
try {
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
	);
	execFileSync('tar', ['-xzf', join(work, filename), '-C', work]);
	const legs = [
		{ name: 'source (package.json, nodes/, credentials/)', result: await analyzePackage(root, SOURCE_FILE_PATTERNS) },
		{ name: `tarball (${filename})`, result: await analyzePackage(join(work, 'package')) },
	];
	for (const { name, result } of legs) {
		if (result.passed) {
			console.log(`n8n community package scan, ${name}: passed (0 violations)`);
		} else {
			console.error(`n8n community package scan, ${name}: ${result.message}\n${result.details ?? ''}`);
			process.exitCode = 1;
		}
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
