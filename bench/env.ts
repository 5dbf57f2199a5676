// Imported first by bench/run.ts, before n8n-core loads: n8n-core writes an encryption key under
// ~/.n8n unless N8N_USER_FOLDER points elsewhere (same as test/setup/env.ts does for jest).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-nodes-crtcg-bench-'));
}

// n8n's logger at info prints every retry and progress line ("Common Room: 250/2000 items sent");
// the bench's own table is what matters. Warnings and errors still show.
process.env.N8N_LOG_LEVEL ??= 'warn';
