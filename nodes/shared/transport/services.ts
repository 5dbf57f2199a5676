/**
 * The two services, described once. Everything service-specific the transport needs (which
 * credential, which field holds the secret, how the rate limit is expressed, what to tell a user
 * when something goes wrong) lives here, so request.ts and errors.ts stay
 * generic.
 */

export type ServiceName = 'commonRoom' | 'teamCommonGround';

export interface RateModel {
	/**
	 * The length of the interval `X-RateLimit-Limit` counts over. Neither service says so in the
	 * header: Common Room's 429 body gives `rateLimit.intervalResetSeconds` (1 s in practice, and
	 * its docs recommend "up to 20 requests per second"); Team Common Ground's documentation says
	 * "Requests allowed per minute".
	 */
	intervalMs: number;
	/**
	 * What the limiter assumes before any response has taught it the real limit, in requests per
	 * interval. Common Room documents 20/s, so we start there. Team Common Ground documents no
	 * number, so we start conservatively and adopt `X-RateLimit-Limit` from the first answer.
	 */
	initialLimitPerInterval: number;
	/** True when `initialLimitPerInterval` is documented (safe to run at), false when it is a guess. */
	initialLimitIsDocumented: boolean;
}

export interface ServiceHints {
	/** Where the user fixes a rejected token/key. */
	checkCredential: string;
	/** 401 from the API. */
	unauthorized: string;
	/** 403 from the API (Common Room: token without rights; TCG: see IP_NOT_ALLOWED). */
	forbidden: string;
	/**
	 * The node's option that re-sends a create which may have reached the server, where the
	 * node has one (only Team Common Ground's creates are not idempotent).
	 */
	retryCreatesOption?: string;
}

export interface ServiceDescription {
	name: ServiceName;
	displayName: string;
	credentialType: 'commonRoomApi' | 'teamCommonGroundApi';
	/** The credential field that holds the secret (hashed into the limiter key, never logged). */
	tokenField: 'apiToken' | 'apiKey';
	defaultBaseUrl: string;
	/**
	 * Another API version's base URL derived from the credential's (Common Room's v2: its v1 base
	 * with `/v1` replaced by `/v2`, the same token); undefined when the base URL has no such form.
	 */
	versionBaseUrl?: (baseUrl: string, version: 2) => string | undefined;
	rate: RateModel;
	hints: ServiceHints;
}

// The Team Common Ground node's option of this name is the only way to re-send a create that
// may have reached the server; errors name it so the user can find it.
export const RETRY_CREATES_OPTION = 'Retry Creates After Server Errors (May Create Duplicates)';

export const SERVICES: Record<ServiceName, ServiceDescription> = {
	commonRoom: {
		name: 'commonRoom',
		displayName: 'Common Room',
		credentialType: 'commonRoomApi',
		tokenField: 'apiToken',
		defaultBaseUrl: 'https://api.commonroom.io/community/v1',
		versionBaseUrl: (baseUrl) => (/\/v1$/.test(baseUrl) ? baseUrl.replace(/\/v1$/, '/v2') : undefined),
		rate: { intervalMs: 1000, initialLimitPerInterval: 20, initialLimitIsDocumented: true },
		hints: {
			checkCredential:
				'Check the API token in the credential (in Common Room: Settings > API tokens). It may be mistyped, expired or revoked.',
			unauthorized:
				'Common Room did not accept the API token. Check the API token in the credential (in Common Room: Settings > API tokens).',
			forbidden:
				'Common Room refused the API token. Check the API token in the credential (in Common Room: Settings > API tokens): it may have been revoked or belong to another workspace.',
		},
	},
	teamCommonGround: {
		name: 'teamCommonGround',
		displayName: 'Team Common Ground',
		credentialType: 'teamCommonGroundApi',
		tokenField: 'apiKey',
		defaultBaseUrl: 'https://api.teamcommonground.com/v1',
		// One request per second until the first answer's X-RateLimit-Limit says otherwise.
		rate: { intervalMs: 60_000, initialLimitPerInterval: 60, initialLimitIsDocumented: false },
		hints: {
			checkCredential:
				"Check the API key in the credential (keys are generated, rotated and revoked in Team Common Ground's integration settings).",
			unauthorized:
				"The key is invalid or revoked: check the API key in the credential (keys are generated, rotated and revoked in Team Common Ground's integration settings).",
			forbidden:
				"Team Common Ground refused the request. If the key has an IP allow-list, add this n8n server's IP to the key's allow-list in Team Common Ground's integration settings.",
			retryCreatesOption: RETRY_CREATES_OPTION,
		},
	},
};

/**
 * The base URL from the credential, trimmed and without trailing slashes; the service default
 * when empty. The credential's connection test reads it the same way (baseUrlExpression).
 */
export function normaliseBaseUrl(service: ServiceDescription, raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim() : '';
	return (text === '' ? service.defaultBaseUrl : text).replace(/\/+$/, '');
}

/**
 * normaliseBaseUrl as an n8n expression over `$credentials.baseUrl`, for the credential's
 * declarative connection test, so "Test" calls the URL the node will call.
 */
export function baseUrlExpression(service: ServiceDescription): string {
	return `={{ (typeof $credentials.baseUrl === 'string' ? $credentials.baseUrl.trim() : '').replace(/\\/+$/, '') || '${service.defaultBaseUrl}' }}`;
}
