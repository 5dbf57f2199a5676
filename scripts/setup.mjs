#!/usr/bin/env node
// @ts-check
// Installs what `npm start`, `npm run demo` and `npm run test:e2e` need, and nothing else:
// Node 24 and n8n 2.41.1 (npm registry) with n8n's SQLite driver built for Node 24, in
// $CRTCG_CACHE_DIR (default ~/.cache/crtcg-n8n), one marker file per finished step so a
// second run takes well under a second; with --browser also Debian's chromium for the e2e tests.
// With --n8n 1.123.81 (or $CRTCG_N8N_VERSION) that n8n instead, in its own folder of the same
// cache (n8n-1.123.81/), with its SQLite driver built for the machine's Node, which 1.x runs on.
// The other commands call the same steps themselves: this one only lets CI (or a slow network)
// do them ahead of time.
//   node scripts/setup.mjs [--browser] [--n8n <version>]
import { SetupError, c, say } from './lib/console.mjs';
import { nodeLabel } from './lib/node-runtime.mjs';
import { ensureRuntime, runtimePaths } from './lib/runtime-install.mjs';
import { CACHE_DIR } from './lib/settings.mjs';

try {
	await ensureRuntime();
	if (process.argv.includes('--browser')) {
		const { ensureChromium, CHROMIUM } = await import('../test/e2e/browser.mjs');
		const { installed } = await ensureChromium((line) => say(line));
		say(`${c.green('✓')} chromium ${installed ? 'installed' : 'present'} at ${CHROMIUM}`);
	}
	const paths = runtimePaths();
	say(`Node:    ${paths.nodeBin} (${nodeLabel()})`);
	say(`n8n:     ${paths.n8nMain}`);
	say(`cache:   ${CACHE_DIR} (markers in ${CACHE_DIR}/markers, install logs in ${CACHE_DIR}/logs)`);
} catch (error) {
	say(`${c.red('setup failed:')} ${error instanceof SetupError ? error.message : error.stack}`);
	process.exit(1);
}
