// @ts-check
// What the benchmark imports into n8n: the contacts, the credentials and one workflow per sender.
// Every workflow is the same three nodes — Webhook (POST, answers with every item of the last
// node) → Split Out (the request body's `contacts` into one item each) → the sender — so the
// runs differ only in the sender, and the empty run (a No Operation node as the sender) measures
// everything else: receiving and splitting the 500 contacts, saving the execution, answering.
import { createHash } from 'node:crypto';

import { NODE_TYPES } from '../../scripts/lib/settings.mjs';

/** The Common Room source the upserts go to (in the emulator's demo seed, as in example 01). */
export const SOURCE_ID = '12345';
/** Every sender and its Split Out node carry Continue On Fail: a failed item is an output item. */
const CONTINUE = { onError: 'continueRegularOutput' };

/**
 * @typedef {'empty' | 'node' | 'http' | 'httpBatched'} SenderKind
 * @typedef {{ email: string, name: string, company: string, title: string }} Contact
 * @typedef {{ id: string, name: string, type: string, data: Record<string, string> }} CredentialImport
 * @typedef {{ id: string, name: string, nodes: Record<string, any>[], connections: Record<string, any>, settings: Record<string, unknown>, active: boolean }} WorkflowImport
 * @typedef {{ key: string, kind: SenderKind, label: string, workflow: WorkflowImport, webhookPath: string }} Sender
 */

/** @type {Record<SenderKind, string>} */
export const SENDER_LABELS = {
	empty: 'empty workflow (baseline)',
	node: '(a) Common Room node',
	http: '(b) HTTP Request as it comes',
	httpBatched: '(c) HTTP Request, batching 1 / 50 ms',
};

/**
 * The same contacts for every run: lower-case emails (the node lower-cases them, and uses the
 * email as the contact's id), a name, a company and a title.
 * @param {number} count
 * @returns {Contact[]}
 */
export function makeContacts(count) {
	return Array.from({ length: count }, (_, i) => {
		const n = String(i + 1).padStart(5, '0');
		return {
			email: `bench-contact-${n}@example.com`,
			name: `Bench Contact ${n}`,
			company: `Company ${(i % 37) + 1}`,
			title: i % 2 ? 'Engineer' : 'Developer Advocate',
		};
	});
}

/**
 * One Common Room credential per node run (its own token: the node keeps one rate limiter per
 * base URL and token for the whole n8n process, so a later run must not inherit what an earlier
 * one learned), and one Header Auth credential for the HTTP Request node.
 * @param {{ commonRoomBaseUrl: string }} emulator
 * @param {Array<{ key: string, token: string }>} nodeTokens
 * @param {string} httpToken
 * @returns {CredentialImport[]}
 */
export function benchCredentials(emulator, nodeTokens, httpToken) {
	return [
		...nodeTokens.map(({ key, token }) => ({
			id: credentialId(key),
			name: `Common Room (bench ${key})`,
			type: 'commonRoomApi',
			data: { apiToken: token, baseUrl: emulator.commonRoomBaseUrl },
		})),
		{
			id: credentialId('http'),
			name: 'Common Room token as a header (bench)',
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${httpToken}` },
		},
	];
}

/** n8n's ids are 16 characters: a prefix and 8 hex digits of the key's hash. @param {string} key */
const credentialId = (key) => `bnchCred${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
/** @param {string} key */
const workflowId = (key) => `bnchFlow${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;

/**
 * Contact > Create or Update with the node's default options, the fields a sheet-to-CRM sync
 * maps (as in example 01 and bench/README.md).
 * @param {string} credentialKey
 */
function commonRoomNode(credentialKey) {
	return {
		parameters: {
			resource: 'contact',
			operation: 'upsert',
			destinationSourceId: SOURCE_ID,
			fieldsToSend: 'defineBelow',
			email: '={{ $json.email }}',
			additionalFields: {
				fullName: '={{ $json.name }}',
				companyName: '={{ $json.company }}',
				titleAtCompany: '={{ $json.title }}',
			},
			options: {},
		},
		type: NODE_TYPES.commonRoom,
		typeVersion: 1,
		credentials: { commonRoomApi: { id: credentialId(credentialKey), name: `Common Room (bench ${credentialKey})` } },
	};
}

/**
 * The request the node sends (packages/n8n-nodes-commonroom/nodes/CommonRoom/actions/contact/write.ts: POST
 * /source/{id}/user with the body buildUser makes: id = email, email, fullName, companyName,
 * titleAtCompany), built with HTTP Request 4.5 (the newest in n8n 2.41.1) as a user would:
 * Header Auth credential, JSON body from fields. `batching` adds Options > Batching.
 * @param {string} commonRoomBaseUrl
 * @param {{ batchSize: number, batchInterval: number } | null} batching
 */
function httpRequestNode(commonRoomBaseUrl, batching) {
	const field = (/** @type {string} */ name, /** @type {string} */ from) => ({ name, value: `={{ $json.${from} }}` });
	return {
		parameters: {
			method: 'POST',
			url: `${commonRoomBaseUrl}/source/${SOURCE_ID}/user`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			contentType: 'json',
			specifyBody: 'keypair',
			bodyParameters: {
				parameters: [field('id', 'email'), field('email', 'email'), field('fullName', 'name'), field('companyName', 'company'), field('titleAtCompany', 'title')],
			},
			options: batching ? { batching: { batch: batching } } : {},
		},
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.5,
		credentials: { httpHeaderAuth: { id: credentialId('http'), name: 'Common Room token as a header (bench)' } },
	};
}

/**
 * @param {string} key
 * @param {SenderKind} kind
 * @param {Record<string, any>} sender the sending node without name, id and position
 * @returns {Sender}
 */
function senderWorkflow(key, kind, sender) {
	const webhookPath = `bench-n8n-${key}`;
	const id = workflowId(key);
	const nodeId = (/** @type {number} */ n) => `${id}-node-${n}`;
	const nodes = [
		{
			parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			id: nodeId(1),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: `${webhookPath}-hook`,
		},
		{
			parameters: { fieldToSplitOut: 'body.contacts', options: {} },
			id: nodeId(2),
			name: 'Contacts',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			...CONTINUE,
		},
		{ ...sender, id: nodeId(3), name: 'Send', position: [440, 0], ...CONTINUE },
	];
	const link = (/** @type {string} */ to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		key,
		kind,
		label: SENDER_LABELS[kind],
		webhookPath,
		workflow: {
			id,
			name: `bench:n8n ${SENDER_LABELS[kind]} [${key}]`,
			nodes,
			connections: { Webhook: link('Contacts'), Contacts: link('Send') },
			settings: { executionOrder: 'v1' },
			active: false,
		},
	};
}

/**
 * Every workflow of a benchmark: the empty one, the two HTTP Request ones, and one Common Room
 * node workflow per credential key (the warm-up's and one per latency).
 * @param {{ commonRoomBaseUrl: string }} emulator
 * @param {string[]} nodeKeys
 */
export function benchWorkflows(emulator, nodeKeys) {
	/** @type {Sender[]} */
	const senders = [
		senderWorkflow('empty', 'empty', { parameters: {}, type: 'n8n-nodes-base.noOp', typeVersion: 1 }),
		senderWorkflow('http', 'http', httpRequestNode(emulator.commonRoomBaseUrl, null)),
		// 1 item, then 50 ms, then the next: 20 requests/s, the limit.
		senderWorkflow('httpBatched', 'httpBatched', httpRequestNode(emulator.commonRoomBaseUrl, { batchSize: 1, batchInterval: 50 })),
		...nodeKeys.map((key) => senderWorkflow(`node-${key}`, 'node', commonRoomNode(key))),
	];
	return senders;
}
