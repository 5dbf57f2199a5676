// Generated from packages/shared/transport/responseErrors.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
/**
 * A final error answer (a 4xx, or a 5xx after the retries allowed) as an error a no-code user can
 * act on. What each service's answers mean is a table of rules its package gives
 * (ServiceDescription.responseRules), tried in order, then the rules every service shares here:
 * adding an answer is adding a row, and each row speaks only of what its own service and node
 * have.
 */
import type { NodeApiError } from 'n8n-workflow';

import { apiError, apiSaid, readApiWords, type ApiWords, type ErrorContext } from './errors';

/** One error answer, with what the API said read out of its body. */
export interface Answer {
	ctx: ErrorContext;
	status: number;
	words: ApiWords;
	/** "The API said: … (code …, HTTP …)." */
	said: string;
	/** " Gave up after N attempts." or ''. */
	gaveUp: string;
}

export interface Explanation {
	message: string;
	description: string;
}

export interface ResponseRule {
	matches(answer: Answer): boolean;
	explain(answer: Answer): Explanation;
}

/** What every service's answers mean when no rule of its own matched. */
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
	const rule = [...ctx.service.responseRules, ...SHARED].find((candidate) => candidate.matches(answer)) as ResponseRule;
	return apiError(ctx, { ...rule.explain(answer), httpCode: status, apiBody: response.body });
}
