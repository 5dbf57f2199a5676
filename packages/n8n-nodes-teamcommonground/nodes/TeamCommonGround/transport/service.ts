/**
 * Team Common Ground as the shared transport sees it (packages/shared/transport/services.ts): the
 * credential, the rate limit until the first answer states it, where users fix a rejected key,
 * and what Team Common Ground's error answers mean.
 */
import type { ResponseRule } from '../../shared/transport/responseErrors';
import type { ServiceDescription } from '../../shared/transport/services';

// The node's option of this name is the only way to re-send a create that may have reached the
// server; errors name it so the user can find it.
export const RETRY_CREATES_OPTION = 'Retry Creates After Server Errors (May Create Duplicates)';

const RESPONSE_RULES: ResponseRule[] = [
	{
		matches: ({ status, words }) => words.code === 'INVALID_PAYLOAD' || (status === 400 && !words.code),
		explain: ({ status, words }) => {
			const problems = words.details.length ? words.details.join('; ') : (words.summary ?? 'no details given');
			return {
				message: `Team Common Ground rejected the activity: ${problems}`,
				description: `The payload was invalid (code ${words.code ?? 'none'}, HTTP ${status}). Problems: ${problems}. Fix these fields in the node and run again.`,
			};
		},
	},
	{
		matches: ({ status, words }) => words.code === 'INVALID_API_KEY' || status === 401,
		explain: ({ ctx, said }) => ({
			message: 'Team Common Ground did not accept the API key',
			description: `${ctx.service.hints.unauthorized} ${said}`,
		}),
	},
	{
		matches: ({ words }) => words.code === 'IP_NOT_ALLOWED',
		explain: ({ words }) => {
			const ip = words.clientIp ?? 'unknown';
			return {
				message: `Team Common Ground refused requests from this n8n server's IP address (${ip})`,
				description: `The API key is valid but limited to an IP allow-list, and this request came from ${ip}. Add this IP to the key's allow-list in Team Common Ground's integration settings (or remove the restriction), then run again. (code IP_NOT_ALLOWED, HTTP 403)`,
			};
		},
	},
	{
		matches: ({ status, words }) => words.code === 'PAYLOAD_TOO_LARGE' || status === 413,
		explain: ({ said }) => ({
			message: `Team Common Ground rejected the activity: it is larger than 100 KB`,
			description: `Shorten the message or send fewer links/tags. ${said}`,
		}),
	},
	{
		matches: ({ status }) => status === 404 || status === 405,
		explain: ({ ctx, status, said }) => ({
			message: `Team Common Ground has no ${ctx.method} ${ctx.path} endpoint (HTTP ${status})`,
			description: `Check the Base URL in the credential (it should end in /v1, e.g. ${ctx.service.defaultBaseUrl}). ${said}`,
		}),
	},
];

export const TEAM_COMMON_GROUND: ServiceDescription = {
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
	responseRules: RESPONSE_RULES,
};
