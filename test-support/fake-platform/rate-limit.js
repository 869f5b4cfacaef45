// @ts-check
/** The platform's rate limit: a fixed window of requests per token, told in X-RateLimit-* headers. */
import { error } from './http.js'

/**
 * Fixed-window request counting per token; a window starts with its first
 * request (as Flask-Limiter's fixed window does), or on the clock when aligned.
 * @param {{ limit: number, windowMs: number, aligned?: boolean }} config
 * @param {() => number} now
 */
export function createRateLimiter({ limit, windowMs, aligned = false }, now) {
  /** @type {Map<string, { start: number, count: number }>} */
  const windows = new Map()

  /** The live window of a key, or a fresh one that is not stored. */
  const current = (/** @type {string} */ key) => {
    const window = windows.get(key)
    if (window && now() < window.start + windowMs) return window
    return { start: aligned ? Math.floor(now() / windowMs) * windowMs : now(), count: 0 }
  }

  return {
    /** Counts a request; returns the 429 reply when the window is used up. */
    hit(/** @type {string} */ key) {
      const window = current(key)
      window.count += 1
      windows.set(key, window)
      if (window.count <= limit) return null
      const retryAfter = Math.ceil((window.start + windowMs - now()) / 1000)
      const reply = error(429, `Rate limit exceeded. Retry in ${retryAfter} seconds.`, {
        retry_after: retryAfter,
        limit,
        window: `${windowMs / 1000}s`
      })
      return { ...reply, headers: { 'Retry-After': String(retryAfter) } }
    },
    /** @returns {Record<string, string>} */
    headers(/** @type {string} */ key) {
      const window = current(key)
      return {
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': String(Math.max(0, limit - window.count)),
        'X-RateLimit-Reset': String(Math.ceil((window.start + windowMs) / 1000))
      }
    },
    clear: () => windows.clear()
  }
}
