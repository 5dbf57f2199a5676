// @ts-check
// n8n's REST API with a logged-in session: what the editor does (login cookie, browser-id).
import { OWNER } from './settings.mjs';

/** @typedef {{ status: number, body: any }} RestResponse the body parsed as JSON, or the text when it is not JSON */

export class N8nSession {
	/** @param {string} apiUrl */
	constructor(apiUrl) {
		this.apiUrl = apiUrl;
		this.cookie = '';
		/** @type {any} the logged-in user as n8n answers it */
		this.user = undefined;
	}

	/** @returns {Promise<any>} the user, as n8n answers it */
	async login(email = OWNER.email, password = OWNER.password) {
		const response = await fetch(`${this.apiUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		});
		const body = /** @type {any} */ (await response.json().catch(() => ({})));
		if (!response.ok) throw new Error(`login as ${email} failed: HTTP ${response.status} ${JSON.stringify(body)}`);
		const cookies = response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie')];
		this.cookie = cookies
			.filter(Boolean)
			.map((c) => String(c).split(';')[0])
			.join('; ');
		this.user = body.data;
		return body.data;
	}

	/**
	 * @param {string} method
	 * @param {string} pathname
	 * @param {unknown} [body] sent as JSON when given
	 * @returns {Promise<RestResponse>}
	 */
	async request(method, pathname, body) {
		const response = await fetch(`${this.apiUrl}${pathname}`, {
			method,
			headers: {
				cookie: this.cookie,
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				'browser-id': 'crtcg-e2e',
			},
			body: body !== undefined ? JSON.stringify(body) : undefined,
		});
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = text;
		}
		return { status: response.status, body: json };
	}

	/** @param {string} pathname */
	get(pathname) {
		return this.request('GET', pathname);
	}

	/** @param {string} pathname @param {unknown} body */
	post(pathname, body) {
		return this.request('POST', pathname, body);
	}

	/**
	 * Publishes (activates) a workflow version and waits until its triggers are live. n8n 2.x
	 * publishes through an outbox drained in the background: POST …/activate answers before the
	 * webhooks are registered, and a production URL can answer 404 for a moment after (seen under
	 * CI load). GET …/publication-status says when the version is live; n8n 1.x has no outbox (404
	 * there) and activates before answering.
	 * @param {string} workflowId
	 * @param {string} versionId
	 * @param {number} [timeoutMs]
	 */
	async publish(workflowId, versionId, timeoutMs = 60000) {
		const activated = await this.post(`/rest/workflows/${workflowId}/activate`, { versionId });
		if (activated.status !== 200) throw new Error(`POST /rest/workflows/${workflowId}/activate: HTTP ${activated.status} ${JSON.stringify(activated.body)}`);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const answer = await this.get(`/rest/workflows/${workflowId}/publication-status`);
			if (answer.status === 404) return;
			const status = answer.body?.data ?? answer.body;
			if (status?.status === 'published' && status.liveVersionId === versionId) return;
			if (status?.status === 'failed' || status?.status === 'partial') {
				throw new Error(`n8n could not publish workflow ${workflowId}: ${JSON.stringify(status.triggers)}`);
			}
			if (Date.now() > deadline) throw new Error(`workflow ${workflowId} not live ${timeoutMs / 1000} s after publishing: ${JSON.stringify(status)}`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
}
