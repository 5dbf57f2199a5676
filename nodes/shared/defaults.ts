/**
 * Defaults more than one module needs, in one place. The timeout is Common Room's documented
 * 60 s; Team Common Ground documents none, and gets the same.
 */
export const DEFAULT_TIMEOUT_SECONDS = 60;
export const MAX_TIMEOUT_SECONDS = 600;

/** The highest Max Concurrency either node's option allows. */
export const MAX_CONCURRENCY = 50;
