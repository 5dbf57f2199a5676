/**
 * Programmatic credential tests (`methods.credentialTest` of each node, named by `testedBy`).
 *
 * A credential test only gets `this.helpers.request` (n8n's legacy request, no credential
 * authentication), so the Bearer header is set here. `simple: false` returns every status
 * instead of throwing, so we can read the API's own answer. Messages never contain the secret.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { readApiWords, redact } from './errors';
import { describeThrown } from './request';
import { classifyNetworkError } from './retryPolicy';
import { SERVICES, normaliseBaseUrl, type ServiceDescription } from './services';

export const CREDENTIAL_TEST_TIMEOUT_MS = 30_000;

type ProbeAnswer = { statusCode: number; body: unknown } | { failed: string };

interface Probe {
	service: ServiceDescription;
	method: 'GET' | 'POST';
	url: string;
	secret: string;
	body?: IDataObject;
}

function secretOf(service: ServiceDescription, data: ICredentialDataDecryptedObject | undefined): string {
	const value = data?.[service.tokenField];
	return typeof value === 'string' ? value.trim() : '';
}

async function probe(this: ICredentialTestFunctions, request: Probe): Promise<ProbeAnswer> {
	try {
		// ICredentialTestFunctions offers no other helper: `request` is the only HTTP client n8n
		// hands a credential test (n8n-workflow 2.41), hence the deprecation is unavoidable here.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		const response = (await this.helpers.request({
			method: request.method,
			uri: request.url,
			headers: { Authorization: `Bearer ${request.secret}`, Accept: 'application/json' },
			...(request.body !== undefined ? { body: request.body } : {}),
			json: true,
			timeout: CREDENTIAL_TEST_TIMEOUT_MS,
			simple: false,
			resolveWithFullResponse: true,
		})) as { statusCode?: unknown; body?: unknown };
		return { statusCode: typeof response.statusCode === 'number' ? response.statusCode : 0, body: response.body };
	} catch (error) {
		const thrown = describeThrown(error);
		const failure = classifyNetworkError(thrown.code, thrown.name, thrown.message);
		const name = request.service.displayName;
		const host = safeHost(request.url);
		const code = thrown.code ? ` (${thrown.code})` : '';
		const messages: Record<string, string> = {
			refused: `Could not connect to ${host}${code}: check the Base URL and that ${name} is reachable from this n8n server.`,
			'dns-temporary': `Could not look up ${host}${code}: the DNS server did not answer; try again.`,
			'dns-not-found': `The server ${host} does not exist${code}: check the Base URL.`,
			timeout: `${name} did not answer within ${CREDENTIAL_TEST_TIMEOUT_MS / 1000} s${code}: check the Base URL and ${name}'s status.`,
			reset: `The connection to ${host} was closed before an answer arrived${code}: check the Base URL (http vs https) and try again.`,
			tls: `Could not open a secure connection to ${host}${code}: the certificate was not accepted.`,
			blocked: `n8n blocked the request to ${host}: this instance's outbound policy does not allow that address.`,
			cancelled: 'The test was cancelled.',
			other: `Could not reach ${name} at ${host}${code}${thrown.message ? `: ${thrown.message}` : ''}.`,
		};
		return { failed: redact(messages[failure], [request.secret]) };
	}
}

function safeHost(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

function validUrl(url: string): boolean {
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'http:' || parsed.protocol === 'https:';
	} catch {
		return false;
	}
}

function said(body: unknown): string {
	const words = readApiWords(body);
	const parts = [words.code, words.summary !== words.code ? words.summary : undefined, ...words.details].filter(Boolean);
	return parts.length ? parts.join(': ') : 'no reason given';
}

/** GET /api-token-status: 200 names the community the token belongs to. */
export async function commonRoomApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const service = SERVICES.commonRoom;
	const secret = secretOf(service, credential.data);
	if (!secret) return { status: 'Error', message: 'Enter an API token (in Common Room: Settings > API tokens).' };
	const baseUrl = normaliseBaseUrl(service, credential.data?.baseUrl);
	if (!validUrl(baseUrl)) return { status: 'Error', message: `The Base URL is not a valid http(s) URL; the default is ${service.defaultBaseUrl}.` };

	const answer = await probe.call(this, { service, method: 'GET', url: `${baseUrl}/api-token-status`, secret });
	if ('failed' in answer) return { status: 'Error', message: answer.failed };
	const { statusCode, body } = answer;
	const clean = (message: string): INodeCredentialTestResult => ({ status: 'Error', message: redact(message, [secret]) });

	if (statusCode >= 200 && statusCode < 300) {
		const community = body && typeof body === 'object' ? (body as IDataObject).communityName : undefined;
		return {
			status: 'OK',
			message:
				typeof community === 'string' && community !== ''
					? `Connected to Common Room community "${redact(community, [secret])}"`
					: 'Connected to Common Room (the token was accepted)',
		};
	}
	if (statusCode === 401 || statusCode === 403) {
		return clean(`The API token was rejected: ${said(body)} (HTTP ${statusCode}). Check the token (in Common Room: Settings > API tokens); it may have been revoked.`);
	}
	if (statusCode === 429) {
		return clean('Common Room is rate-limiting this token right now (HTTP 429). Wait a moment and test again.');
	}
	if (statusCode === 404) {
		return clean(`Nothing answers at ${baseUrl}/api-token-status (HTTP 404). Check the Base URL; the default is ${service.defaultBaseUrl}.`);
	}
	return clean(`Common Room answered HTTP ${statusCode}: ${said(body)}.`);
}

/**
 * Team Common Ground has a single endpoint, POST /activities, which creates. The test sends an
 * empty body, which fails validation before anything is created, and reads the verdict: 400
 * INVALID_PAYLOAD means the key (and this IP) passed authentication.
 */
export async function teamCommonGroundApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const service = SERVICES.teamCommonGround;
	const secret = secretOf(service, credential.data);
	if (!secret) return { status: 'Error', message: "Enter an API key (generated in Team Common Ground's integration settings)." };
	const baseUrl = normaliseBaseUrl(service, credential.data?.baseUrl);
	if (!validUrl(baseUrl)) return { status: 'Error', message: `The Base URL is not a valid http(s) URL; the default is ${service.defaultBaseUrl}.` };

	const answer = await probe.call(this, { service, method: 'POST', url: `${baseUrl}/activities`, secret, body: {} });
	if ('failed' in answer) return { status: 'Error', message: answer.failed };
	const { statusCode, body } = answer;
	const words = readApiWords(body);
	const clean = (message: string): INodeCredentialTestResult => ({ status: 'Error', message: redact(message, [secret]) });

	if (statusCode === 400 && (words.code === 'INVALID_PAYLOAD' || words.code === undefined)) {
		return { status: 'OK', message: 'API key accepted' };
	}
	if (statusCode >= 200 && statusCode < 300) {
		const id = body && typeof body === 'object' ? (body as IDataObject).activityId : undefined;
		return {
			status: 'OK',
			message: `API key accepted, but Team Common Ground created an activity from the empty test request${typeof id === 'string' ? ` (${id})` : ''}; you may want to delete it.`,
		};
	}
	if (statusCode === 401 || words.code === 'INVALID_API_KEY') {
		return clean(
			"The key is invalid or revoked (INVALID_API_KEY). Check the API key; keys are generated, rotated and revoked in Team Common Ground's integration settings.",
		);
	}
	if (words.code === 'IP_NOT_ALLOWED') {
		const ip = words.clientIp ?? 'unknown';
		return clean(
			`The key is valid but this IP (${ip}) is not allow-listed for it. Add ${ip} to the key's allow-list in Team Common Ground's integration settings.`,
		);
	}
	if (statusCode === 429) {
		return clean('Team Common Ground is rate-limiting this key right now (HTTP 429), so it was probably accepted. Wait a minute and test again.');
	}
	if (statusCode === 404 || statusCode === 405) {
		return clean(`Nothing answers at ${baseUrl}/activities (HTTP ${statusCode}). Check the Base URL; the default is ${service.defaultBaseUrl}.`);
	}
	return clean(`Team Common Ground answered HTTP ${statusCode}: ${said(body)}.`);
}
