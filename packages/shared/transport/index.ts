/**
 * The shared transport: every HTTP call of both nodes goes through `apiRequest`, which paces
 * requests with a process-wide adaptive rate limiter, retries only what is safe to retry, and
 * shapes failures into errors that say what to do.
 */
export type { ServiceName, ServiceDescription } from './services';
export type { ResponseRule } from './responseErrors';
export { normaliseBaseUrl, baseUrlExpression } from './services';
export type { ApiRequest, ApiRequestSettings, ApiResponse } from './request';
export {
	apiRequest,
	requestUrl,
	DEFAULT_TIMEOUT_MS,
	DEFAULT_MAX_ATTEMPTS,
	DEFAULT_MAX_RATE_LIMIT_RETRIES,
	DEFAULT_MAX_TOTAL_WAIT_MS,
} from './request';
export { isInDoubt } from './retryErrors';
