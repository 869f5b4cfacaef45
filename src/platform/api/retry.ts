/** The one retry policy of the Sample Platform client: how long to wait, and when to give up. */

/** First backoff step; doubles with every retry. */
export const BACKOFF_BASE_MS = 1_000
/** No single backoff step is longer than this. */
export const BACKOFF_CAP_MS = 30_000
/**
 * The longest single wait the action accepts. Two rate-limit windows of 60 s:
 * a server asking for more is better answered by failing now and saying so.
 */
export const MAX_WAIT_MS = 120_000

/**
 * Capped exponential backoff with "equal jitter": at least half the step, so a
 * retry never comes at once, and spread so parallel jobs do not retry in step.
 */
export function backoffDelay(retry: number, random: () => number): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry)
  return Math.round(step / 2 + (random() * step) / 2)
}

/**
 * How long a 429 asks us to wait: `Retry-After` in seconds or as an HTTP date,
 * else until `X-RateLimit-Reset` (Unix seconds). Null when neither says.
 */
export function rateLimitDelay(headers: Headers, nowMs: number): number | null {
  const retryAfter = headers.get('retry-after')?.trim()
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000
    const date = Date.parse(retryAfter)
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs)
  }
  const reset = headers.get('x-ratelimit-reset')?.trim()
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - nowMs)
  return null
}
