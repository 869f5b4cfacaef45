import { ActionError } from '../../shared/errors.js'
import type { Clock } from './clock.js'
import { MAX_WAIT_MS } from './retry.js'

/**
 * Keeps requests inside the server's rate-limit window, by its X-RateLimit-*
 * headers, so that a whole run is fetched without a single 429.
 */
export interface RateLimitGate {
  /** Waits until a request may be sent, then counts it as in flight. */
  acquire(): Promise<void>
  /** A request ended; its answer's headers (null when there was none) teach the window. */
  release(headers: Headers | null): void
  /** A 429 asked every request to wait until then. */
  blockUntil(ms: number): void
}

/**
 * X-RateLimit-Reset has whole seconds; with a clock-aligned window it is exact,
 * so a little slack keeps the first request of a window from arriving early.
 */
const RESET_SLACK_MS = 50

export function createRateLimitGate(clock: Clock, onWait: (ms: number) => void): RateLimitGate {
  /** End of the current window (ms), when a response told us; null when unknown. */
  let resetAt: number | null = null
  /** Lowest X-RateLimit-Remaining seen in the current window. */
  let remaining = Infinity
  /** Requests sent and not answered: the server may have counted them already. */
  let inFlight = 0
  let wakeUps: (() => void)[] = []
  let sleeping: Promise<void> | null = null

  const forgetWindowIfOver = (): void => {
    if (resetAt !== null && clock.now() >= resetAt) {
      resetAt = null
      remaining = Infinity
    }
  }

  const nextRelease = (): Promise<void> => new Promise((resolve) => wakeUps.push(resolve))

  const sleepUntilReset = (until: number): Promise<void> => {
    sleeping ??= (async () => {
      // Let answers that already arrived finish first, so progress counts are current.
      await new Promise((resolve) => setImmediate(resolve))
      const ms = until - clock.now()
      if (ms > MAX_WAIT_MS) {
        sleeping = null
        throw new ActionError(
          'rate-limit',
          `The Sample Platform's rate-limit window is used up and resets in ${Math.ceil(ms / 1000)} s, longer than the ${MAX_WAIT_MS / 1000} s this action waits. Another job may be using the same token; re-run this one later.`
        )
      }
      onWait(ms)
      await clock.sleep(ms)
      sleeping = null
    })()
    return sleeping
  }

  return {
    async acquire() {
      for (;;) {
        forgetWindowIfOver()
        if (remaining - inFlight > 0) {
          inFlight++
          return
        }
        // Requests in flight may have been counted twice: their answers say.
        if (inFlight > 0) await nextRelease()
        else if (resetAt !== null) await sleepUntilReset(resetAt)
      }
    },

    release(headers) {
      inFlight = Math.max(0, inFlight - 1)
      const left = Number(headers?.get('x-ratelimit-remaining') ?? NaN)
      const reset = Number(headers?.get('x-ratelimit-reset') ?? NaN)
      if (Number.isInteger(left) && Number.isInteger(reset)) {
        const windowEnd = reset * 1000 + RESET_SLACK_MS
        if (resetAt === null || windowEnd > resetAt) {
          resetAt = windowEnd
          remaining = left
        } else if (windowEnd === resetAt) {
          remaining = Math.min(remaining, left)
        }
      }
      const waiting = wakeUps
      wakeUps = []
      for (const wake of waiting) wake()
    },

    blockUntil(ms) {
      resetAt = ms
      remaining = 0
    }
  }
}
