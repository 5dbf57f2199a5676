// Generated from packages/shared/transport/request.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
/**
 * apiRequest: the one way every node talks HTTP. It reads the credential once per request (base
 * URL and, hashed, the secret for the limiter key), then runs the retry loop with n8n's own
 * `httpRequestWithAuthentication` as the sender, handing it that credential, so the
 * credential's `authenticate` puts the Authorization header on and n8n's outbound policy
 * (proxies, SSRF protection) applies.
 *
 * What n8n-core's helper does, read from n8n-core 2.41 (request-helpers/authentication.js and
 * @n8n/backend-network http/axios/request.js):
 * - With `ignoreHttpStatusErrors: true` and `returnFullResponse: true` every HTTP answer is
 *   returned as `{ statusCode, headers (axios, lower-case names), body }`, 4xx/5xx included.
 * - With no answer it throws `new NodeApiError(node, axiosError)`: the axios error is the
 *   `cause` (`code` ECONNREFUSED, ECONNRESET "socket hang up", ECONNABORTED "timeout of N ms
 *   exceeded", ENOTFOUND, ERR_CANCELED when the execution is cancelled, ...) and its `config`
 *   holds the request headers, Authorization included. So we read the code from the cause and
 *   never rethrow that error.
 */
import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { DEFAULT_TIMEOUT_SECONDS } from '../defaults';
import { systemClock } from './adaptiveRateLimiter';
import { type ErrorContext, operationError, redact } from './errors';
import { getLimiter } from './limiterRegistry';
import { normaliseHeaders } from './rateLimitSignals';
import { classifyNetworkError } from './retryPolicy';
import { type AttemptResult, sendWithRetries } from './retryLoop';
import { normaliseBaseUrl, type ServiceDescription } from './services';

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Relative to the credential's base URL, e.g. '/source/123/user' or '/activities'. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/**
	 * True when sending it twice is harmless, so it may be re-sent after it may have reached the
	 * server: GETs, DELETEs, Common Room upserts keyed by id. False for creates.
	 */
	idempotent: boolean;
	/** For error messages and log lines. */
	itemIndex?: number;
	/** Statuses returned to the caller instead of thrown (e.g. [404] for GET /user/{email}). */
	acceptStatuses?: number[];
	/**
	 * Another version of the API than the credential's base URL names (Common Room v2). Same
	 * token, and the same limiter: one token, one server bucket (emulator README "Choices").
	 */
	apiVersion?: 2;
}

export interface ApiRequestSettings {
	/** Per attempt. Default 60 000 (Common Room's documented 60 s). */
	timeoutMs?: number;
	/** Attempts not answered 429 (5xx, network failures), the first included. Default 6. */
	maxAttempts?: number;
	/** Retries after 429s, not counted in maxAttempts. Default 20 (see DEFAULT_MAX_RATE_LIMIT_RETRIES). */
	maxRateLimitRetries?: number;
	/** Cap on the time spent waiting between attempts (not in the rate-limit queue). Default 5 min. */
	maxTotalWaitMs?: number;
	/** The user's "Retry Creates After Server Errors (May Create Duplicates)" option. Default false. */
	retryCreatesOnServerError?: boolean;
	/** First backoff step when the server gives no wait; doubles per attempt. Default 1000. */
	retryBaseDelayMs?: number;
	/**
	 * Awaited right before the first attempt goes out, after the rate limiter's wait (a create's
	 * record that it is being sent); an error it throws stops the request, nothing is sent.
	 */
	beforeSend?: () => Promise<void>;
}

export interface ApiResponse<T = unknown> {
	statusCode: number;
	body: T;
	/** Lower-cased names. */
	headers: Record<string, string>;
}

export const DEFAULT_TIMEOUT_MS = DEFAULT_TIMEOUT_SECONDS * 1000;
export const DEFAULT_MAX_ATTEMPTS = 6;
/**
 * 429s get their own, larger cap. A 429 was refused unprocessed and comes with the server's wait,
 * so retrying it is safe and usually ends in success; what makes 429s pile up is load we do not
 * control (another workflow or tool on the same key, a burst). With the 6 attempts shared, one
 * item turned away five times in a 30 s storm failed while its wait budget was barely touched.
 * 20 keeps an item in line through a storm of ordinary one-second waits and still ends a
 * pathological loop; DEFAULT_MAX_TOTAL_WAIT_MS is the cap that normally applies first.
 */
export const DEFAULT_MAX_RATE_LIMIT_RETRIES = 20;
export const DEFAULT_MAX_TOTAL_WAIT_MS = 5 * 60_000;
const DEFAULT_RETRY_BASE_DELAY_MS = 1000;
const MAX_BACKOFF_STEP_MS = 30_000;

interface ThrownInfo {
	code?: string;
	name?: string;
	message?: string;
	/** An axios/Node transport error somewhere in the chain (as opposed to a setup error). */
	transport: boolean;
}

/** Digs the transport error out of what n8n threw (NodeApiError → cause: AxiosError → cause). */
export function describeThrown(error: unknown): ThrownInfo {
	const info: ThrownInfo = { transport: false };
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
		const level = current as { code?: unknown; name?: unknown; message?: unknown; isAxiosError?: unknown; cause?: unknown };
		if (level.isAxiosError === true) info.transport = true;
		if (typeof level.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(level.code)) {
			info.code = level.code;
			info.transport = true;
		}
		if (typeof level.name === 'string' && level.name !== 'NodeApiError') info.name = level.name;
		if (typeof level.message === 'string' && level.message !== '') info.message = level.message;
		current = level.cause;
	}
	return info;
}

export async function apiRequest<T = unknown>(
	this: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions,
	service: ServiceDescription,
	request: ApiRequest,
	settings: ApiRequestSettings = {},
): Promise<ApiResponse<T>> {
	const node = this.getNode();
	const credentials = await this.getCredentials(service.credentialType, request.itemIndex);
	const secret = typeof credentials[service.tokenField] === 'string' ? (credentials[service.tokenField] as string) : '';
	const credentialBaseUrl = normaliseBaseUrl(service, credentials.baseUrl);
	const baseUrl = request.apiVersion ? service.versionBaseUrl?.(credentialBaseUrl, request.apiVersion) : credentialBaseUrl;
	const path = request.path.startsWith('/') ? request.path : `/${request.path}`;
	const errors: ErrorContext = {
		node,
		service,
		method: request.method,
		path,
		itemIndex: request.itemIndex,
		secrets: secret ? [secret] : [],
	};

	const secretLabel = service.tokenField === 'apiToken' ? 'API token' : 'API key';
	if (secret.trim() === '') {
		throw operationError(errors, `The ${service.displayName} credential has no ${secretLabel}`, service.hints.checkCredential);
	}
	if (baseUrl === undefined) {
		throw operationError(
			errors,
			`This operation uses ${service.displayName}'s API v${request.apiVersion}, whose address is the credential's Base URL with /v1 replaced by /v${request.apiVersion}, but the Base URL does not end in /v1`,
			`Set the Base URL in the credential to ${service.defaultBaseUrl} (or your proxy's/emulator's address ending in /v1).`,
		);
	}
	let url: URL;
	try {
		url = new URL(`${baseUrl}${path}`);
	} catch {
		url = new URL('invalid:');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw operationError(
			errors,
			`The Base URL in the ${service.displayName} credential is not a valid http(s) URL`,
			`Set it to ${service.defaultBaseUrl} (or your proxy's/emulator's address).`,
		);
	}

	const nodeCredential = node.credentials?.[service.credentialType];
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: nodeCredential?.id ?? '',
		name: nodeCredential?.name ?? service.credentialType,
		type: service.credentialType,
		data: credentials,
	};

	const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const signal = 'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
	// Keyed by the credential's base URL, so v1 and v2 requests with one token share one limiter.
	const limiter = getLimiter(service, credentialBaseUrl, secret);

	const attempt = async (): Promise<AttemptResult> => {
		// A fresh options object per attempt: n8n's helper mutates it (auth header, abort signal).
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}${path}`,
			json: true,
			timeout: timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		if (request.body !== undefined) options.body = request.body;
		if (request.qs !== undefined) options.qs = request.qs;
		try {
			// The credential read above is handed on, so n8n does not read (and decrypt) it again for
			// every attempt: a database read per request in a real n8n.
			const raw = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				service.credentialType,
				options,
				{ credentialsDecrypted },
			)) as { statusCode?: unknown; headers?: unknown; body?: unknown };
			return {
				ok: true,
				response: {
					statusCode: typeof raw.statusCode === 'number' ? raw.statusCode : 0,
					headers: normaliseHeaders(raw.headers),
					body: raw.body,
				},
			};
		} catch (error) {
			const thrown = describeThrown(error);
			const failure = classifyNetworkError(thrown.code, thrown.name, thrown.message);
			if (!thrown.transport && failure !== 'blocked' && failure !== 'cancelled') {
				// Not a network problem: credential or setup trouble before anything was sent.
				throw operationError(
					errors,
					`The request to ${service.displayName} could not be sent`,
					`${redact(thrown.message ?? 'Unknown error', errors.secrets)}. ${service.hints.checkCredential}`,
				);
			}
			return {
				ok: false,
				failure,
				code: thrown.code,
				detail: thrown.message ? redact(thrown.message, errors.secrets) : undefined,
			};
		}
	};

	const response = await sendWithRetries(
		{
			idempotent: request.idempotent,
			retryCreatesOnServerError: settings.retryCreatesOnServerError ?? false,
			maxAttempts: settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
			maxRateLimitRetries: settings.maxRateLimitRetries ?? DEFAULT_MAX_RATE_LIMIT_RETRIES,
			maxTotalWaitMs: settings.maxTotalWaitMs ?? DEFAULT_MAX_TOTAL_WAIT_MS,
			timeoutMs,
			backoff: { baseMs: settings.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS, capMs: MAX_BACKOFF_STEP_MS },
			acceptStatuses: request.acceptStatuses ?? [],
			beforeSend: settings.beforeSend,
		},
		{
			limiter,
			clock: systemClock,
			random: Math.random,
			logger: this.logger,
			signal,
			errors,
			host: url.host,
			attempt,
		},
	);
	return { statusCode: response.statusCode, body: response.body as T, headers: response.headers };
}

/**
 * The URL a request to `path` goes to, from the credential's Base URL, as apiRequest builds it:
 * what a preview shows without sending anything.
 */
export async function requestUrl(
	ctx: IExecuteFunctions,
	service: ServiceDescription,
	path: string,
	itemIndex: number,
): Promise<string> {
	const credentials = await ctx.getCredentials(service.credentialType, itemIndex);
	return `${normaliseBaseUrl(service, credentials.baseUrl)}${path.startsWith('/') ? path : `/${path}`}`;
}
