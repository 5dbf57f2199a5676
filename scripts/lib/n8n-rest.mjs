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
}
