#!/usr/bin/env bash
# Every check, in the order a failure is cheapest to find: install (if needed), build, typecheck, lint,
# every jest suite (unit, emulator contract, engine, faults, fuzz), n8n's package scanner,
# and the end-to-end run in a real n8n. This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	step "npm ci"
	npm ci --no-audit --no-fund
fi

step "build"
npm run build

step "typecheck (tests, emulator, bench and scripts too)"
npm run typecheck

step "lint (n8n community rules, 0 findings allowed)"
npm run lint

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

if [ "${SKIP_E2E:-}" != "1" ]; then
	step "end-to-end in a real n8n"
	npm run test:e2e
fi

echo
echo "jest: $passed passed, $failed failed"
