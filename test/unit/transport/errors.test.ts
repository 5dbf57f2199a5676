import { inspect } from 'node:util';

import { type INode, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { type ErrorContext, redact, seconds } from '../../../packages/shared/transport/errors';
import { errorFromResponse } from '../../../packages/shared/transport/responseErrors';
import { mayHaveBeenCreatedError, networkError, rateLimitedError } from '../../../packages/shared/transport/retryErrors';
import { SERVICES, type ServiceName } from '../../services';

const TOKEN = 'cr-secret-token-0123456789';
const node: INode = { id: 'n', name: 'Common Room', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

function ctx(service: ServiceName, path: string, method = 'POST', itemIndex = 3): ErrorContext {
	return { node, service: SERVICES[service], method, path, itemIndex, secrets: [TOKEN] };
}

/** Every way the error could be shown, logged or stored. */
function everything(error: Error): string {
	return [JSON.stringify(error), JSON.stringify({ ...error }), inspect(error, { depth: 10 }), error.message, String((error as NodeApiError).description)].join('\n');
}

describe('errorFromResponse: Team Common Ground', () => {
	it('INVALID_PAYLOAD: lists the details, keeps status, code and item', () => {
		const error = errorFromResponse(
			ctx('teamCommonGround', '/activities'),
			{ statusCode: 400, body: { error: 'Invalid payload', code: 'INVALID_PAYLOAD', details: ['type is required', 'source must be lowercase'] } },
			1,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Team Common Ground rejected the activity: type is required; source must be lowercase');
		expect(error.description).toContain('INVALID_PAYLOAD');
		expect(error.description).toContain('HTTP 400');
		expect(error.description).toContain('Fix these fields');
		expect(error.httpCode).toBe('400');
		expect(error.context.itemIndex).toBe(3);
		expect(error.context.data).toEqual({ error: 'Invalid payload', code: 'INVALID_PAYLOAD', details: ['type is required', 'source must be lowercase'] });
	});

	it('INVALID_API_KEY: says the key is invalid or revoked and where to check it', () => {
		const error = errorFromResponse(ctx('teamCommonGround', '/activities'), { statusCode: 401, body: { error: 'Invalid API key', code: 'INVALID_API_KEY' } }, 1);
		expect(error.message).toBe('Team Common Ground did not accept the API key');
		expect(error.description).toContain('The key is invalid or revoked: check the API key in the credential');
		expect(error.httpCode).toBe('401');
	});

	it('IP_NOT_ALLOWED: names the IP and the allow-list to add it to', () => {
		const error = errorFromResponse(
			ctx('teamCommonGround', '/activities'),
			{ statusCode: 403, body: { error: 'IP not allowed', code: 'IP_NOT_ALLOWED', clientIp: '45.67.89.10' } },
			1,
		);
		expect(error.message).toContain('45.67.89.10');
		expect(error.description).toContain("Add this IP to the key's allow-list in Team Common Ground's integration settings");
		expect(error.description).toContain('IP_NOT_ALLOWED');
	});

	it('413: says the activity is too large', () => {
		const error = errorFromResponse(ctx('teamCommonGround', '/activities'), { statusCode: 413, body: { code: 'PAYLOAD_TOO_LARGE', maxBytes: 102400 } }, 1);
		expect(error.message).toContain('larger than 100 KB');
	});
});

describe('errorFromResponse: Common Room', () => {
	it.each([401, 403])('%i: points at the API token in the credential (Settings > API tokens)', (status) => {
		const error = errorFromResponse(ctx('commonRoom', '/members', 'GET'), { statusCode: status, body: { status: 'forbidden', reason: 'invalid-api-token' } }, 1);
		expect(error.message).toBe(`Common Room rejected the API token (HTTP ${status})`);
		expect(error.description).toContain('Check the API token in the credential');
		expect(error.description).toContain('Settings > API tokens');
		expect(error.description).toContain('invalid-api-token');
		expect(error.httpCode).toBe(String(status));
	});

	it('400: shows the reason and the errors', () => {
		const error = errorFromResponse(
			ctx('commonRoom', '/source/123/user'),
			{ statusCode: 400, body: { reason: 'invalid-request-body', docs: 'https://api.commonroom.io/docs/community.html', errors: ['id is required'] } },
			1,
		);
		expect(error.message).toBe('Common Room rejected the request: invalid-request-body');
		expect(error.description).toContain('id is required');
		expect(error.description).toContain('https://api.commonroom.io/docs/community.html');
	});

	it('404 on /source/{id}/...: the Destination Source ID is not an API source of this workspace', () => {
		const error = errorFromResponse(ctx('commonRoom', '/source/987/activity'), { statusCode: 404, body: { status: 'not-found', reason: 'no such source' } }, 1);
		expect(error.message).toBe('Common Room does not know Destination Source ID 987');
		expect(error.description).toContain('This Destination Source ID is not an API source of this workspace (Settings > Sources > API');
	});

	it('404 elsewhere: names the request and what to check', () => {
		const error = errorFromResponse(ctx('commonRoom', '/tags/5', 'GET'), { statusCode: 404, body: { status: 'not-found' } }, 1);
		expect(error.message).toBe('Common Room found nothing at GET /tags/5 (HTTP 404)');
	});

	it('5xx after retries: says how many attempts were made', () => {
		const error = errorFromResponse(ctx('commonRoom', '/tags', 'GET'), { statusCode: 503, body: '<html>Service Unavailable</html>' }, 6);
		expect(error.message).toBe('Common Room had a server error (HTTP 503)');
		expect(error.description).toContain('Gave up after 6 attempts');
		expect(error.description).toContain('Service Unavailable');
	});
});

describe('rate limit, ambiguous creates, network', () => {
	it('429 after giving up: says so, with the waits', () => {
		const error = rateLimitedError(ctx('commonRoom', '/members', 'GET'), { attempts: 6, waitedMs: 12_300, maxTotalWaitMs: 300_000, body: { reason: 'rate-limited' } });
		expect(error.message).toBe('Common Room kept answering "too many requests" (HTTP 429); gave up');
		expect(error.description).toContain('after 6 attempts and 12 s of waiting');
		expect(error.httpCode).toBe('429');
	});

	it('429 with a wait longer than allowed: says how long the server asked for', () => {
		const error = rateLimitedError(ctx('teamCommonGround', '/activities'), { attempts: 1, waitedMs: 0, maxTotalWaitMs: 60_000, nextWaitMs: 3_600_000, body: {} });
		expect(error.description).toContain('asked to wait 60 min more');
	});

	it.each([
		[{ status: 500, body: { error: 'Internal server error', code: 'INTERNAL_ERROR' } }, 'answered with a server error (HTTP 500)'],
		[{ failure: 'timeout' as const, timeoutMs: 60_000 }, 'did not answer within 60 s'],
		[{ failure: 'reset' as const, timeoutMs: 60_000 }, 'connection to Team Common Ground dropped'],
	])('a create that may have reached the server: %#', (cause, what) => {
		const error = mayHaveBeenCreatedError(ctx('teamCommonGround', '/activities'), cause);
		expect(error.message).toContain(what);
		expect(error.message).toContain('may or may not have been created');
		expect(error.description).toContain('it was not sent again, to avoid creating a duplicate');
		expect(error.description).toContain('Retry Creates After Server Errors (May Create Duplicates)');
		expect(error.context.itemIndex).toBe(3);
	});

	it('connection refused: our message wins over NodeApiError’s generic one; the code is in the description', () => {
		const error = networkError(ctx('commonRoom', '/members', 'GET'), {
			failure: 'refused',
			code: 'ECONNREFUSED',
			detail: 'connect ECONNREFUSED 127.0.0.1:1',
			timeoutMs: 60_000,
			attempts: 6,
			host: '127.0.0.1:1',
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Could not connect to Common Room at 127.0.0.1:1');
		expect(error.description).toContain('(ECONNREFUSED) after 6 attempts');
	});

	it('timeout: says how long we waited', () => {
		const error = networkError(ctx('commonRoom', '/members', 'GET'), { failure: 'timeout', code: 'ECONNABORTED', timeoutMs: 300, attempts: 1, host: 'x' });
		expect(error.message).toBe('Common Room did not answer within 0.3 s');
		expect((error as NodeApiError).description).toContain('raise the node');
	});

	it('unknown host: a setup error (NodeOperationError) pointing at the Base URL', () => {
		const error = networkError(ctx('teamCommonGround', '/activities'), { failure: 'dns-not-found', code: 'ENOTFOUND', timeoutMs: 1, attempts: 1, host: 'api.example.invalid' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Could not find the server api.example.invalid');
		expect(error.description).toContain('Check the Base URL in the credential');
		expect(error.context.itemIndex).toBe(3);
	});
});

describe('secrets never leak', () => {
	it('redacts the token and any bearer value wherever the API echoes it', () => {
		const body = {
			reason: `bad token ${TOKEN}`,
			errors: [`Authorization: Bearer ${TOKEN}`, 'Bearer some-other-secret'],
			headers: { Authorization: `Bearer ${TOKEN}` },
		};
		const errors = [
			errorFromResponse(ctx('commonRoom', '/members', 'GET'), { statusCode: 400, body }, 1),
			errorFromResponse(ctx('commonRoom', '/members', 'GET'), { statusCode: 403, body }, 1),
			errorFromResponse(ctx('teamCommonGround', '/activities'), { statusCode: 400, body: { code: 'INVALID_PAYLOAD', details: [TOKEN] } }, 1),
			mayHaveBeenCreatedError(ctx('teamCommonGround', '/activities'), { status: 502, body }),
			networkError(ctx('commonRoom', '/members'), { failure: 'other', detail: `failed with ${TOKEN}`, timeoutMs: 1, attempts: 1, host: 'h' }),
		];
		for (const error of errors) {
			const shown = everything(error);
			expect(shown).not.toContain(TOKEN);
			expect(shown).not.toContain('some-other-secret');
		}
	});

	it('redact() leaves ordinary text alone', () => {
		expect(redact('nothing to see', [TOKEN])).toBe('nothing to see');
		expect(redact(`a ${TOKEN} b`, [TOKEN])).toBe('a [redacted] b');
	});
});

describe('seconds()', () => {
	it.each([
		[300, '0.3 s'],
		[1200, '1.2 s'],
		[1000, '1 s'],
		[12_345, '12 s'],
		[60_000, '60 s'],
		[180_000, '3 min'],
		[125_000, '2 min 5 s'],
	])('%i ms → %s', (ms, text) => {
		expect(seconds(ms)).toBe(text);
	});
});
