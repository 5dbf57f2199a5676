// @ts-check
// Runs n8n's own community-package scanner the way n8n's verification runs it
// (@n8n/scan-community-package 0.32, analyzePackageByName), on this clone rather than on a
// published version, for each package:
// - the source leg: the files git would commit (tracked, and untracked but not ignored: no
//   dist/, no node_modules/) copied to a temporary checkout, as the verification downloads the
//   commit a version's provenance names; there the folder whose package.json has the package's
//   name (the scanner's own findPackageRoot), linted with its SOURCE_FILE_PATTERNS (package.json,
//   nodes/ and credentials/);
// - the tarball leg: the tarball `npm pack` makes in that folder, unpacked (every .js, .ts and
//   .json file in it, a superset of the verification's .js files and package.json).
// The verification's provenance check needs a published version; publish.yml publishes with one.
// Exits non-zero on any violation. Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import { analyzePackage, findPackageRoot, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

import { PACKAGES, ROOT } from './lib/settings.mjs';

/** The checkout as it would be committed, in a temporary folder. */
function committedCopy() {
	const checkout = mkdtempSync(join(tmpdir(), 'n8n-scan-source-'));
	const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' })
		.split('\0')
		.filter((file) => file !== '' && existsSync(join(ROOT, file)) && statSync(join(ROOT, file)).isFile());
	for (const file of files) {
		mkdirSync(dirname(join(checkout, file)), { recursive: true });
		copyFileSync(join(ROOT, file), join(checkout, file));
	}
	return checkout;
}

const checkout = committedCopy();
for (const { name, dir } of Object.values(PACKAGES)) {
	const work = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
	try {
		const sourceDir = findPackageRoot(checkout, name);
		if (sourceDir === null || relative(checkout, sourceDir) !== relative(ROOT, dir)) {
			throw new Error(`the scanner's findPackageRoot found ${sourceDir ?? 'no folder'} for ${name}, not ${relative(ROOT, dir)}`);
		}
		const [{ filename }] = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: dir, encoding: 'utf8' }),
		);
		execFileSync('tar', ['-xzf', join(work, filename), '-C', work]);
		const legs = [
			{ leg: `source (${relative(checkout, sourceDir)}: ${SOURCE_FILE_PATTERNS.join(', ')})`, result: await analyzePackage(sourceDir, SOURCE_FILE_PATTERNS) },
			{ leg: `tarball (${filename})`, result: await analyzePackage(join(work, 'package')) },
		];
		for (const { leg, result } of legs) {
			if (result.passed) {
				console.log(`n8n community package scan, ${name}, ${leg}: passed (0 violations)`);
			} else {
				console.error(`n8n community package scan, ${name}, ${leg}: ${result.message}\n${result.details ?? ''}`);
				process.exitCode = 1;
			}
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}
rmSync(checkout, { recursive: true, force: true });
