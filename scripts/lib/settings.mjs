// @ts-check
// What the driver scripts (`npm start`, `npm run demo`, `npm run test:e2e`, setup) agree on: where
// the clone, the runtime cache and the work folder are, the n8n and Node versions, the ports, the
// owner login, and the ids of the credentials and node types. Plain Node ESM on purpose: it runs
// on the machine's Node (20) before anything is built or installed, needs no compile step, and
// only drives other processes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** @type {{ name: string, version: string }} */
export const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** n8n and Node versions the runtime installs; n8n 2.x needs Node >= 24. */
export const N8N_VERSION = process.env.CRTCG_N8N_VERSION || '2.41.1';
export const NODE_SPEC = process.env.CRTCG_NODE_VERSION || '24';
/** Outside the clone, so several clones and CI on the same machine share one install. */
export const CACHE_DIR = path.resolve(
	process.env.CRTCG_CACHE_DIR || path.join(os.homedir(), '.cache', PKG.name),
);
/** Ignored runtime folder of the clone (N8N_USER_FOLDERs, the packed tarball, logs). */
export const WORK_DIR = path.join(ROOT, '.n8n-e2e');

export const N8N_PORT = Number(process.env.N8N_PORT || 5678);
export const EMULATOR_PORT = Number(process.env.EMULATOR_PORT || 5680);

export const OWNER = {
	email: process.env.CRTCG_OWNER_EMAIL || 'demo@example.com',
	password: process.env.CRTCG_OWNER_PASSWORD || 'Demo-n8n-2026',
	firstName: 'Demo',
	lastName: 'Owner',
};

/** Ids and names of the credentials `npm start` imports; the example workflows reference them. */
export const CREDENTIALS = {
	commonRoom: { id: 'crEmulatorCred01', name: 'Common Room (local emulator)', type: 'commonRoomApi' },
	teamCommonGround: {
		id: 'tcgEmulatorCred1',
		name: 'Team Common Ground (local emulator)',
		type: 'teamCommonGroundApi',
	},
	commonRoomWebhook: {
		id: 'crWebhookCred001',
		name: 'Common Room webhook secret (local emulator)',
		type: 'commonRoomWebhookApi',
	},
};

/** The secret the emulator's webhook sends and the trigger's credential expects (a demo value). */
export const WEBHOOK_SECRET = 'emulator-webhook-secret-7d1f';

/** Example 07: the active workflow whose Common Room Trigger the emulator's webhooks post to. */
export const TRIGGER_WORKFLOW = { id: 'crtcgExample0007', webhookId: 'crtcg-07-common-room-events' };

export const NODE_TYPES = {
	commonRoom: `${PKG.name}.commonRoom`,
	commonRoomTrigger: `${PKG.name}.commonRoomTrigger`,
	teamCommonGround: `${PKG.name}.teamCommonGround`,
};
