// Generated from packages/shared/transport/retryErrors.ts by `npx gulp shared` (gulpfile.js). Edit that file, not this copy.
/**
 * Errors for requests the retry loop gave up on, or must not repeat: still rate-limited, a
 * create that may or may not have reached the server, and network failures. Built on errors.ts
 * (same rules: our message wins, nothing from the original error is carried along).
 */
import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { type ErrorContext, apiError, apiSaid, operationError, readApiWords, seconds } from './errors';
import type { NetworkFailure } from './retryPolicy';

export interface RateLimitGiveUp {
	attempts: number;
	waitedMs: number;
	maxTotalWaitMs: number;
	/** Set when we stopped because the next wait would have passed the total-wait cap. */
	nextWaitMs?: number;
	body: unknown;
}

export function rateLimitedError(ctx: ErrorContext, giveUp: RateLimitGiveUp): NodeApiError {
	const name = ctx.service.displayName;
	const why =
		giveUp.nextWaitMs !== undefined
			? `${name} asked to wait ${seconds(giveUp.nextWaitMs)} more, which would pass the ${seconds(giveUp.maxTotalWaitMs)} this request may wait in total (already waited ${seconds(giveUp.waitedMs)}).`
			: `Still rate-limited after ${giveUp.attempts} attempts and ${seconds(giveUp.waitedMs)} of waiting.`;
	return apiError(ctx, {
		httpCode: 429,
		apiBody: giveUp.body,
		message: `${name} kept answering "too many requests" (HTTP 429); gave up`,
		description: `${why} The limit is shared by everything that uses this credential (other workflows, other tools). Run again later, lower the node's concurrency, or ask ${name} about a higher limit.`,
	});
}

/** Why a request that may have been applied was not sent again. */
export type AmbiguousCause = { status: number; body: unknown } | { failure: NetworkFailure; timeoutMs: number };

/** Errors of requests that may have been applied although no answer said so. */
const inDoubt = new WeakSet<object>();

/** Whether this error is a create that may or may not have reached the server (mayHaveBeenCreatedError). */
export function isInDoubt(error: unknown): boolean {
	return typeof error === 'object' && error !== null && inDoubt.has(error);
}

export function mayHaveBeenCreatedError(ctx: ErrorContext, cause: AmbiguousCause): NodeApiError {
	const name = ctx.service.displayName;
	let what: string;
	if ('status' in cause) {
		what = `${name} answered with a server error (HTTP ${cause.status})`;
	} else if (cause.failure === 'timeout') {
		what = `${name} did not answer within ${seconds(cause.timeoutMs)}`;
	} else {
		what = `The connection to ${name} dropped before its answer arrived`;
	}
	const said = 'status' in cause ? ` ${apiSaid(readApiWords(cause.body), cause.status)}` : '';
	const option = ctx.service.hints.retryCreatesOption;
	const retryHint = option
		? ` To retry such failures automatically and accept possible duplicates, turn on the node option "${option}".`
		: '';
	const error = apiError(ctx, {
		httpCode: 'status' in cause ? cause.status : undefined,
		apiBody: 'status' in cause ? cause.body : undefined,
		message: `${what}: this item may or may not have been created`,
		description: `The request may have reached ${name}, so it was not sent again, to avoid creating a duplicate. Check in ${name} whether it was created before running this item again.${retryHint}${said}`,
	});
	inDoubt.add(error);
	return error;
}

export interface NetworkProblem {
	failure: NetworkFailure;
	/** The Node/axios error code, shown in the description only. */
	code?: string;
	/** The transport's own message ("socket hang up", "timeout of 300ms exceeded"). */
	detail?: string;
	timeoutMs: number;
	attempts: number;
	host: string;
}

export function networkError(ctx: ErrorContext, problem: NetworkProblem): NodeApiError | NodeOperationError {
	const name = ctx.service.displayName;
	const code = problem.code ? ` (${problem.code})` : '';
	const tries = problem.attempts > 1 ? ` after ${problem.attempts} attempts` : '';
	const detail = problem.detail ? ` Details: ${problem.detail}.` : '';
	switch (problem.failure) {
		case 'dns-not-found':
			return operationError(
				ctx,
				`Could not find the server ${problem.host}`,
				`The host name in the credential's Base URL does not exist${code}. Check the Base URL in the credential (${name}: ${ctx.service.defaultBaseUrl}).`,
			);
		case 'tls':
			return operationError(
				ctx,
				`Could not open a secure connection to ${problem.host}`,
				`The server's TLS certificate was not accepted${code}.${detail} Check the Base URL in the credential; a proxy in between may be replacing the certificate.`,
			);
		case 'blocked':
			return operationError(
				ctx,
				`n8n blocked the request to ${problem.host}`,
				`This n8n instance's outbound request policy (SSRF protection or allowed domains) does not allow this address.${detail} Check the Base URL in the credential, or ask the n8n administrator.`,
			);
		case 'cancelled':
			return operationError(ctx, `The request to ${name} was cancelled`, 'The execution was stopped before the answer arrived.');
		case 'refused':
			return apiError(ctx, {
				message: `Could not connect to ${name} at ${problem.host}`,
				description: `The connection was refused or the host was unreachable${code}${tries}. Check that ${name} is reachable from this n8n server and that the Base URL in the credential is right.`,
			});
		case 'dns-temporary':
			return apiError(ctx, {
				message: `Could not look up ${problem.host}`,
				description: `The DNS server did not answer${code}${tries}. This is usually temporary: try again later.`,
			});
		case 'timeout':
			return apiError(ctx, {
				message: `${name} did not answer within ${seconds(problem.timeoutMs)}`,
				description: `The request timed out${code}${tries}. Check ${name}'s status; if it is only slow, raise the node's timeout option.`,
			});
		case 'reset':
			return apiError(ctx, {
				message: `The connection to ${name} dropped before its answer arrived`,
				description: `The connection was closed unexpectedly${code}${tries}.${detail} This is usually temporary: try again later.`,
			});
		default:
			return apiError(ctx, {
				message: `The request to ${name} failed`,
				description: `No answer was received${code}${tries}.${detail} Check the Base URL in the credential and the network between n8n and ${name}.`,
			});
	}
}
