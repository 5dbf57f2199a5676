// @ts-check
// `npm publish --dry-run` in the package folder it runs in (scripts/check.sh runs it in each):
// prints what would be uploaded, and fails if a file the package.json's "n8n" section registers
// is missing, or if anything but dist/ and the files npm always adds would ship.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const run = spawnSync('npm', ['publish', '--dry-run', '--json'], { encoding: 'utf8' });
if (run.status !== 0) {
	console.error(run.stdout, run.stderr);
	process.exit(1);
}
const output = JSON.parse(run.stdout);
// npm 10 prints the tarball's summary; npm 11 keys it by package name.
const tarball = output.files ? output : output[pkg.name];
const kB = (/** @type {number} */ bytes) => `${(bytes / 1000).toFixed(1)} kB`;
for (const file of tarball.files) console.log(`${kB(file.size).padStart(9)}  ${file.path}`);
console.log(`${tarball.filename}: ${tarball.entryCount} files, ${kB(tarball.size)} packed, ${kB(tarball.unpackedSize)} unpacked`);
/** @type {Set<string>} */
const shipped = new Set(tarball.files.map((/** @type {{ path: string }} */ file) => file.path));
const registered = [...(pkg.n8n.nodes ?? []), ...(pkg.n8n.credentials ?? [])];
const missing = registered.filter((file) => !shipped.has(file));
const always = /^(package\.json|README(\.md)?|LICEN[CS]E(\.md)?|CHANGELOG\.md)$/i;
const stray = [...shipped].filter((file) => !file.startsWith('dist/') && !always.test(file));
for (const file of missing) console.error(`missing from the tarball: ${file} (registered in package.json "n8n")`);
for (const file of stray) console.error(`outside dist/ in the tarball: ${file}`);
if (missing.length || stray.length) process.exit(1);
console.log(`${pkg.name}: only dist/ and package.json, README, LICENSE, CHANGELOG; all ${registered.length} files its "n8n" section registers are in it`);
