// @ts-check
// Common Room's outgoing webhooks in the emulator, pointed at the Common Room Trigger of example 07
// in a running n8n: the webhook (its production URL and the demo secret), the Common Room
// workflows that post to it, and waiting for the deliveries to be answered.
import { SetupError } from './console.mjs';
import { TRIGGER_WORKFLOW, WEBHOOK_SECRET } from './settings.mjs';

/**
 * @typedef {object} Delivery one attempt in the emulator's delivery log (emulator/types.ts)
 * @property {string} envelopeId
 * @property {string} event
 * @property {number} attempt
 * @property {number | null} status
 * @property {string | null} error
 * @property {boolean} willRetry
 */

/**
 * A control call to the emulator's webhooks (/__emulator/webhooks/…).
 * @param {string} emulatorUrl
 * @param {'GET' | 'POST' | 'DELETE'} method
 * @param {string} path after /__emulator/webhooks
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
export async function webhookControl(emulatorUrl, method, path, body) {
	const response = await fetch(`${emulatorUrl}/__emulator/webhooks${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const answer = await response.json().catch(() => null);
	if (!response.ok) throw new SetupError(`emulator ${method} /__emulator/webhooks${path}: HTTP ${response.status} ${JSON.stringify(answer)}`);
	return answer;
}

/** The production URL of example 07's trigger. @param {string} n8nUrl */
export function triggerUrl(n8nUrl) {
	return `${n8nUrl}/webhook/${TRIGGER_WORKFLOW.webhookId}/webhook`;
}

/**
 * Registers the webhook (n8n's production URL, the demo secret) and a Common Room workflow for
 * New Contact and one for New Activity that post to it, as a user sets them up in Common Room.
 * @param {string} emulatorUrl
 * @param {string} n8nUrl
 * @returns {Promise<{ webhookId: string, url: string }>}
 */
export async function connectTrigger(emulatorUrl, n8nUrl) {
	const url = triggerUrl(n8nUrl);
	const { id } = await webhookControl(emulatorUrl, 'POST', '', { url, secret: WEBHOOK_SECRET, name: 'n8n (example 07)' });
	await webhookControl(emulatorUrl, 'POST', '/workflows', { name: 'New contact to n8n', event: 'newContact', webhookId: id });
	await webhookControl(emulatorUrl, 'POST', '/workflows', { name: 'New activity to n8n', event: 'newActivity', webhookId: id });
	return { webhookId: id, url };
}

/**
 * Waits until no delivery is in flight or waiting for a retry.
 * @param {string} emulatorUrl
 * @param {number} [timeoutMs]
 */
export async function deliveriesSettled(emulatorUrl, timeoutMs = 30_000) {
	const { idle } = await webhookControl(emulatorUrl, 'GET', `/idle?timeoutMs=${Math.min(timeoutMs, 60_000)}`);
	if (!idle) throw new SetupError(`the emulator's webhook deliveries did not settle within ${timeoutMs} ms`);
}

/** @param {string} emulatorUrl @returns {Promise<Delivery[]>} */
export async function deliveryLog(emulatorUrl) {
	const answer = await webhookControl(emulatorUrl, 'GET', '/deliveries');
	return answer.entries;
}
