// @ts-check
// The one workflow the queue benchmark runs, and the contacts it is sent. Webhook (POST, answers
// at once: in queue mode main only enqueues the execution, a worker runs it) → Split Out (the
// body's `contacts`, one item each) → this package's Common Room node, Contact > Create or Update
// with the node's default options and Continue On Fail, so a failed contact is an error item we
// can count in the execution's data instead of a stopped execution.
import { CREDENTIALS, NODE_TYPES } from '../../scripts/lib/settings.mjs';

/** The Common Room source the upserts go to (in the emulator's demo seed, as in example 01). */
export const SOURCE_ID = '12345';
export const WORKFLOW_ID = 'benchQueueFlow01';
export const WEBHOOK_PATH = 'bench-queue-contacts';
/** The node whose output items are counted (failed = items with `error`). */
export const SENDER_NODE = 'Upsert contact';
export const WEBHOOK_NODE = 'Webhook';

/** @typedef {{ email: string, fullName: string, companyName: string }} Contact */
/** @typedef {{ run: number, contacts: Contact[] }} RunBody the body of one POST: one execution */

/**
 * The bodies of one round: `executions` POSTs of `contacts` contacts each. Emails are unique
 * across the whole benchmark (k, run and index in them), so a contact stored twice, or one
 * missing, is attributable to exactly one execution. Lower case: the node lower-cases emails.
 * @param {number} workers k, part of the emails
 * @param {number} executions
 * @param {number} contacts
 * @returns {RunBody[]}
 */
export function roundBodies(workers, executions, contacts) {
	return Array.from({ length: executions }, (_, r) => ({
		run: r + 1,
		contacts: Array.from({ length: contacts }, (_, i) => {
			const n = String(i + 1).padStart(4, '0');
			return {
				email: `queue-k${workers}-run${r + 1}-${n}@example.com`,
				fullName: `Queue K${workers} Run ${r + 1} Contact ${n}`,
				companyName: `Company ${(i % 37) + 1}`,
			};
		}),
	}));
}

/** The workflow as `n8n import:workflow` reads it (inactive; `n8n publish:workflow` activates it). */
export function queueWorkflow() {
	const link = (/** @type {string} */ to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		id: WORKFLOW_ID,
		name: 'bench:queue — webhook → split out → Common Room upsert',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
				id: 'bench-queue-node-1',
				name: WEBHOOK_NODE,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: `${WEBHOOK_PATH}-hook`,
			},
			{
				parameters: { fieldToSplitOut: 'body.contacts', options: {} },
				id: 'bench-queue-node-2',
				name: 'Contacts',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
			},
			{
				parameters: {
					resource: 'contact',
					operation: 'upsert',
					destinationSourceId: SOURCE_ID,
					fieldsToSend: 'defineBelow',
					email: '={{ $json.email }}',
					additionalFields: { fullName: '={{ $json.fullName }}', companyName: '={{ $json.companyName }}' },
					options: {},
				},
				id: 'bench-queue-node-3',
				name: SENDER_NODE,
				type: NODE_TYPES.commonRoom,
				typeVersion: 1,
				position: [440, 0],
				onError: 'continueRegularOutput',
				credentials: { commonRoomApi: { id: CREDENTIALS.commonRoom.id, name: CREDENTIALS.commonRoom.name } },
			},
		],
		connections: { [WEBHOOK_NODE]: link('Contacts'), Contacts: link(SENDER_NODE) },
	};
}
