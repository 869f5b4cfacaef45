/**
 * One GET to the Sample Platform: the token only ever goes to api-url's origin,
 * requests wait their turn at the rate-limit gate, and what comes back is an
 * Answer (a response, a time-out, or a network failure) with the token redacted.
 */
import { ActionError } from '../shared/errors.js'
import { describeFetchError, type Answer } from './api-errors.js'
import type { Clock } from './clock.js'
import type { RateLimitGate } from './pacing.js'

export interface HttpOptions {
  token: string
  timeoutMs: number
  clock: Clock
  gate: RateLimitGate
  /** Removes the token from text the server sent back. */
  redact(text: string): string
  debug(line: string): void
}

const MAX_REDIRECTS = 5

/** GETs `url`, following redirects within its origin; a redirect elsewhere is an error. */
export async function sendGet(url: URL, options: HttpOptions): Promise<Answer> {
  const { token, timeoutMs, clock, gate, redact, debug } = options
  let target = url
  for (let hop = 0; ; hop++) {
    await gate.acquire()
    const started = clock.now()
    let response: Response
    let body: string
    try {
      response = await fetch(target, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          'User-Agent': 'ccextractor-sample-result-action'
        },
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs)
      })
      body = redact(await response.text())
    } catch (error) {
      gate.release(null)
      return describeFetchError(error)
    }
    gate.release(response.headers)
    debug(
      `GET ${target.pathname} -> ${response.status} in ${clock.now() - started} ms${rateLimitNote(response.headers)}`
    )
    const location = response.headers.get('location')
    if (response.status < 300 || response.status >= 400 || location === null) {
      return { kind: 'response', status: response.status, headers: response.headers, body }
    }
    target = nextHop(url, target, location, hop)
  }
}

function nextHop(first: URL, current: URL, location: string, hop: number): URL {
  const next = new URL(location, current)
  if (next.origin !== first.origin) {
    throw new ActionError(
      'response',
      `The Sample Platform redirected ${current.pathname} to another origin (${next.origin}); the token is only ever sent to ${first.origin}. Set api-url to the address the API answers at.`
    )
  }
  if (hop >= MAX_REDIRECTS) {
    throw new ActionError(
      'response',
      `The Sample Platform redirected more than ${MAX_REDIRECTS} times for ${first.pathname}.`
    )
  }
  return next
}

function rateLimitNote(headers: Headers): string {
  const remaining = headers.get('x-ratelimit-remaining')
  const limit = headers.get('x-ratelimit-limit')
  return remaining !== null && limit !== null ? ` (rate limit: ${remaining}/${limit} left)` : ''
}
