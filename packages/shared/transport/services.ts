/**
 * What the transport needs to know of a service. Each package describes its own service once
 * (nodes/<Service>/transport/service.ts: which credential, which field holds the secret, how the
 * rate limit is expressed, what its error answers mean), so the request helper, the limiter and
 * the errors stay generic and a package ships nothing of another service.
 */
import type { ResponseRule } from './responseErrors';

/** The limiter key's first part and the log's service field (`commonRoom`, `teamCommonGround`). */
export type ServiceName = string;

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
	credentialType: string;
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
	/**
	 * What this service's error answers mean, tried in order before the rules every service
	 * shares (responseErrors.ts).
	 */
	responseRules: ResponseRule[];
}

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
