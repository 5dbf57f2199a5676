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

/**
 * @typedef {{ name: string, version: string, dir: string, n8n: { nodes: string[], credentials: string[] } }} PackageInfo
 * one published package: its package.json and its folder
 */
/** @param {string} folder @returns {PackageInfo} */
function readPackage(folder) {
	const dir = path.join(ROOT, 'packages', folder);
	return { ...JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')), dir };
}
/** The two packages this repository publishes, each with its own nodes and credentials. */
export const PACKAGES = {
	commonRoom: readPackage('n8n-nodes-commonroom'),
	teamCommonGround: readPackage('n8n-nodes-teamcommonground'),
};
/** This repository, as the scripts name it in what they print. */
export const PROJECT = 'n8n-nodes-commonroom + n8n-nodes-teamcommonground';

/** The n8n the scripts run by default, and every version the e2e suite is run against. */
export const DEFAULT_N8N_VERSION = '2.41.1';
export const TESTED_N8N_VERSIONS = ['2.41.1', '1.123.81'];

/**
 * `--n8n <version>` (or `--n8n=<version>`) among the arguments, else $CRTCG_N8N_VERSION.
 * @param {string[]} argv
 * @returns {string | undefined}
 */
function n8nVersionArgument(argv) {
	for (let i = 0; i < argv.length; i++) {
		if (argv[i].startsWith('--n8n=')) return argv[i].slice('--n8n='.length);
		if (argv[i] === '--n8n') {
			if (!argv[i + 1] || argv[i + 1].startsWith('-')) throw new Error('--n8n needs a version, for example --n8n 1.123.81');
			return argv[i + 1];
		}
	}
	return undefined;
}

/** The n8n version this run installs and drives: a runtime choice (--n8n, $CRTCG_N8N_VERSION). */
export const N8N_VERSION = n8nVersionArgument(process.argv.slice(2)) || process.env.CRTCG_N8N_VERSION || DEFAULT_N8N_VERSION;
if (!/^\d+\.\d+\.\d+$/.test(N8N_VERSION)) throw new Error(`n8n version "${N8N_VERSION}" is not of the form 1.123.81`);
export const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);
/**
 * What the folders of a version other than the default end in ("-1.123.81"): its runtime in the
 * cache (n8n-1.123.81/) and its n8n user folders (.n8n-e2e/e2e-1.123.81/); n8n 1.x cannot open a
 * database that 2.x has migrated. The default version keeps the folders it always had.
 */
export const VERSION_SUFFIX = N8N_VERSION === DEFAULT_N8N_VERSION ? '' : `-${N8N_VERSION}`;
/**
 * The Node n8n runs on. n8n 2.x needs Node >= 24: the npm package `node` of that major, installed
 * into the cache. n8n 1.x runs on the machine's Node (20 here): null.
 * @type {string | null}
 */
export const NODE_SPEC = N8N_MAJOR >= 2 ? process.env.CRTCG_NODE_VERSION || '24' : null;
/** Outside the clone, so several clones and CI on the same machine share one install. */
export const CACHE_DIR = path.resolve(process.env.CRTCG_CACHE_DIR || path.join(os.homedir(), '.cache', 'crtcg-n8n'));
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
	/** n8n's own OpenAI credential, its Base URL on the emulator's LLM test double (example 08). */
	openAi: { id: 'oaiEmulatorCred1', name: 'OpenAI (local emulator: scripted test double)', type: 'openAiApi' },
};

/**
 * The emulator's LLM test double (emulator/llm/service.ts: LLM_BASE_PATH, LLM_API_KEY): where it
 * answers below the emulator's URL and the demo key it takes. Not a model: see emulator/README.md.
 */
export const LLM_BASE_PATH = '/llm/v1';
export const LLM_API_KEY = 'sk-emulator-scripted-llm-demo';

/** The secret the emulator's webhook sends and the trigger's credential expects (a demo value). */
export const WEBHOOK_SECRET = 'emulator-webhook-secret-7d1f';

/** Example 07: the active workflow whose Common Room Trigger the emulator's webhooks post to. */
export const TRIGGER_WORKFLOW = { id: 'crtcgExample0007', webhookId: 'crtcg-07-common-room-events' };

/** The node types n8n gives the packages' nodes: `<package name>.<node name>`. */
export const NODE_TYPES = {
	commonRoom: `${PACKAGES.commonRoom.name}.commonRoom`,
	commonRoomTrigger: `${PACKAGES.commonRoom.name}.commonRoomTrigger`,
	commonRoomPollingTrigger: `${PACKAGES.commonRoom.name}.commonRoomPollingTrigger`,
	teamCommonGround: `${PACKAGES.teamCommonGround.name}.teamCommonGround`,
};
