// n8n-core writes an encryption key under ~/.n8n unless N8N_USER_FOLDER points elsewhere;
// keep every test run inside a throwaway folder so tests never touch the user's n8n.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.N8N_USER_FOLDER?.includes('n8n-nodes-crtcg-test-')) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-nodes-crtcg-test-'));
}
