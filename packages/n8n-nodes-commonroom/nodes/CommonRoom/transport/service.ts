/**
 * Common Room as the shared transport sees it (packages/shared/transport/services.ts): the
 * credential, the documented rate limit, where users fix a rejected token, and what Common Room's
 * error answers mean.
 */
import type { ResponseRule } from '../../shared/transport/responseErrors';
import type { ServiceDescription } from '../../shared/transport/services';

/** The Destination Source ID in a Common Room path such as /source/123/user. */
function sourceIdOf(path: string): string | undefined {
	const id = /^\/source\/([^/?#]+)/.exec(path)?.[1];
	return id === undefined ? undefined : decodeURIComponent(id);
}

const RESPONSE_RULES: ResponseRule[] = [
	{
		matches: ({ status }) => status === 401 || status === 403,
		explain: ({ ctx, status, said }) => ({
			message: `Common Room rejected the API token (HTTP ${status})`,
			description: `${status === 401 ? ctx.service.hints.unauthorized : ctx.service.hints.forbidden} ${said}`,
		}),
	},
	{
		matches: ({ ctx, status }) => status === 404 && sourceIdOf(ctx.path) !== undefined,
		explain: ({ ctx, said }) => ({
			message: `Common Room does not know Destination Source ID ${sourceIdOf(ctx.path)}`,
			description: `This Destination Source ID is not an API source of this workspace (Settings > Sources > API in Common Room). Copy the ID of an API source from there into the node, or check that the API token belongs to the same workspace. ${said}`,
		}),
	},
	{
		matches: ({ status }) => status === 400 || status === 413 || status === 422,
		explain: ({ words, said }) => ({
			message: `Common Room rejected the request: ${words.code ?? 'bad request'}`,
			description: `${said} Check the values this item sends.${words.docs ? ` API documentation: ${words.docs}` : ''}`,
		}),
	},
	{
		matches: ({ status }) => status === 404,
		explain: ({ ctx, said }) => ({
			message: `Common Room found nothing at ${ctx.method} ${ctx.path} (HTTP 404)`,
			description: `${said} Check the IDs or email this item uses, and the Base URL in the credential (${ctx.service.defaultBaseUrl} for Common Room).`,
		}),
	},
];

export const COMMON_ROOM: ServiceDescription = {
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
	responseRules: RESPONSE_RULES,
};
