/**
 * Defaults more than one module needs, in one place. The timeout is Common Room's documented
 * 60 s; Team Common Ground documents none, and gets the same.
 */
export const DEFAULT_TIMEOUT_SECONDS = 60;
export const MAX_TIMEOUT_SECONDS = 600;

/**
 * Max Concurrency: a ceiling on the items in flight, not a target. The shared rate limiter hands
 * out requests at the service's rate, so what is in flight settles by itself at rate × latency
 * (Little's law: 20/s at 800 ms keeps 16 in flight, at 2 s 40); the ceiling only has to be above
 * that with room for jitter. At a fixed 10, 800 ms requests reached 0.62 of the limit.
 */
export const MAX_CONCURRENCY = 100;
export const DEFAULT_CONCURRENCY = MAX_CONCURRENCY;
