import type { INodeCredentialTestResult } from 'n8n-workflow';

/**
 * The credential's "Test": Common Room has nothing to call for a webhook secret (it only sends
 * the secret verbatim in a header), so the test checks what would make every delivery fail: a
 * secret with spaces around it (pasted with a trailing blank, it would never match) or none.
 */
export function checkSecret(secret: unknown): INodeCredentialTestResult {
	if (typeof secret !== 'string' || secret === '') {
		return {
			status: 'Error',
			message: 'The secret is empty: anyone who knows the webhook URL could post events. Set the same secret here and in Common Room (Settings > Webhooks).',
		};
	}
	if (secret.trim() !== secret) {
		return {
			status: 'Error',
			message: 'The secret starts or ends with a space: Common Room sends the secret exactly as set there, so check both copies match.',
		};
	}
	return { status: 'OK', message: 'The secret is set. Common Room sends it in the x-commonroom-webhook-secret header of every delivery.' };
}
