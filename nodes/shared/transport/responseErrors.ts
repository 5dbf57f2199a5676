/**
 * A final error answer (a 4xx, or a 5xx after the retries allowed) as an error a no-code user can
 * act on. What each service's answers mean is a table of rules, tried in order, then the rules
 * both services share: adding an answer is adding a row, and each row speaks only of what its
 * own service and node have.
 */
import type { NodeApiError } from 'n8n-workflow';

import { apiError, apiSaid, readApiWords, type ApiWords, type ErrorContext } from './errors';
import type { ServiceName } from './services';

/** One error answer, with what the API said read out of its body. */
interface Answer {
	ctx: ErrorContext;
	status: number;
	words: ApiWords;
	/** "The API said: … (code …, HTTP …)." */
	said: string;
	/** " Gave up after N attempts." or ''. */
	gaveUp: string;
}

interface Explanation {
	message: string;
	description: string;
}

interface ResponseRule {
	matches(answer: Answer): boolean;
	explain(answer: Answer): Explanation;
}

/** The Destination Source ID in a Common Room path such as /source/123/user. */
function sourceIdOf(path: string): string | undefined {
	const id = /^\/source\/([^/?#]+)/.exec(path)?.[1];
	return id === undefined ? undefined : decodeURIComponent(id);
}

const TEAM_COMMON_GROUND: ResponseRule[] = [
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

const COMMON_ROOM: ResponseRule[] = [
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

/** What both services' answers mean when no rule of their own matched. */
const SHARED: ResponseRule[] = [
	{
		matches: ({ status }) => status >= 500,
		explain: ({ ctx, status, said, gaveUp }) => ({
			message: `${ctx.service.displayName} had a server error (HTTP ${status})`,
			description: `${said}${gaveUp} This is usually temporary: try again later, and check the service's status page if it persists.`,
		}),
	},
	{
		matches: () => true,
		explain: ({ ctx, status, words, said }) => ({
			message: `${ctx.service.displayName} answered HTTP ${status}${words.code ? ` (${words.code})` : ''}`,
			description: `${said} The request was not retried: the same request would get the same answer.`,
		}),
	},
];

const RULES: Record<ServiceName, ResponseRule[]> = {
	commonRoom: [...COMMON_ROOM, ...SHARED],
	teamCommonGround: [...TEAM_COMMON_GROUND, ...SHARED],
};

export function errorFromResponse(
	ctx: ErrorContext,
	response: { statusCode: number; body: unknown },
	attempts: number,
): NodeApiError {
	const status = response.statusCode;
	const words = readApiWords(response.body);
	const answer: Answer = {
		ctx,
		status,
		words,
		said: apiSaid(words, status),
		gaveUp: attempts > 1 ? ` Gave up after ${attempts} attempts.` : '',
	};
	// The last shared rule matches every answer.
	const rule = RULES[ctx.service.name].find((candidate) => candidate.matches(answer)) as ResponseRule;
	return apiError(ctx, { ...rule.explain(answer), httpCode: status, apiBody: response.body });
}
