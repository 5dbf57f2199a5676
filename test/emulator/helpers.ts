// Shared helpers for the emulator contract tests: start on a random port, call over real HTTP.
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';

export interface CallResult {
	status: number;
	headers: Headers;
	text: string;
	/** Parsed JSON body, or undefined for an empty body. */
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

/** Starts an emulator for tests: random port, quiet, no rate limits unless asked for. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	return startEmulator({
		port: 0,
		quiet: true,
		...options,
		commonRoom: { ratePerSecond: null, ...options.commonRoom },
		teamCommonGround: { perMinute: null, ...options.teamCommonGround },
	});
}

export async function call(
	url: string,
	init: { method?: string; token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<CallResult> {
	const headers: Record<string, string> = { ...(init.headers ?? {}) };
	if (init.token) headers.Authorization = `Bearer ${init.token}`;
	let body: string | undefined = init.rawBody;
	if (init.body !== undefined) {
		body = JSON.stringify(init.body);
		headers['Content-Type'] = 'application/json';
	}
	const response = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, signal: init.signal });
	const text = await response.text();
	return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
}

/** Common Room client bound to the emulator's demo token. */
export function commonRoom(emulator: Emulator, token: string | null = emulator.tokens.commonRoom) {
	const url = (path: string) => `${emulator.commonRoomBaseUrl}${path}`;
	return {
		get: (path: string) => call(url(path), { token }),
		post: (path: string, body: unknown) => call(url(path), { token, body }),
		delete: (path: string) => call(url(path), { token, method: 'DELETE' }),
	};
}

/** POST /v1/activities with the demo key (or another). */
export function postActivity(emulator: Emulator, body: unknown, key: string | null = emulator.tokens.teamCommonGround): Promise<CallResult> {
	return call(`${emulator.teamCommonGroundBaseUrl}/activities`, { token: key, body });
}

export const DEMO = {
	commonRoom: { sourceId: 12345, warehouseSourceId: 23456, secondToken: 'cr_second_token_9a8b7c6d5e4f' },
	teamCommonGround: {
		localhostKey: 'tcg_localhost_only_key_3c4d5e6f',
		officeKey: 'tcg_office_only_key_5e6f7a8b',
		otherBusinessKey: 'tcg_other_business_key_8a9b0c1d',
	},
};

/** How a fetch failed: the socket error code in `cause` (e.g. ECONNRESET), or TimeoutError/AbortError. */
export async function fetchErrorCode(promise: Promise<unknown>): Promise<string | undefined> {
	try {
		await promise;
	} catch (error) {
		const name = (error as Error).name;
		if (name === 'TimeoutError' || name === 'AbortError') return name; // DOMException: its `code` is a number
		const cause = (error as { cause?: { code?: string } }).cause;
		return cause?.code ?? (error as { code?: string }).code ?? name;
	}
	return undefined;
}
