/**
 * One GET to the Sample Platform: the token only ever goes to api-url's origin,
 * requests wait their turn at the rate-limit gate, the runner's proxy settings
 * are honoured, and what comes back is an Answer (a response, a time-out, a
 * body too large, or a network failure) with the token redacted.
 */
import { HttpClient } from '@actions/http-client'
import { fetch, type Dispatcher, type Response } from 'undici'
import { ActionError } from '../../shared/errors.js'
import { describeFetchError, type Answer } from './errors.js'
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
  /** The proxy to go through, from proxyFor(); undefined: straight to the server. */
  proxy?: Dispatcher
}

export const USER_AGENT = 'ccextractor-sample-result-action'
/**
 * The most of a body the action reads, after decompression. A result is a few
 * KB and a page of 100 a few hundred; anything near this is not the API.
 */
export const MAX_BODY_BYTES = 8 * 1024 * 1024
const MAX_REDIRECTS = 5

/**
 * The proxy for requests to `apiUrl`, by the runner's HTTPS_PROXY, HTTP_PROXY
 * and NO_PROXY (either case), read as @actions/http-client reads them for the
 * rest of the toolkit: loopback hosts never go through a proxy.
 */
export function proxyFor(apiUrl: string): Dispatcher | undefined {
  return new HttpClient(USER_AGENT).getAgentDispatcher(apiUrl)
}

/** GETs `url`, following redirects within its origin; a redirect elsewhere is an error. */
export async function sendGet(url: URL, options: HttpOptions): Promise<Answer> {
  const { token, timeoutMs, clock, gate, redact, debug } = options
  let target = url
  for (let hop = 0; ; hop++) {
    await gate.acquire()
    const started = clock.now()
    let response: Response
    let body: string | null
    try {
      response = await fetch(target, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          'User-Agent': USER_AGENT
        },
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        ...(options.proxy ? { dispatcher: options.proxy } : {})
      })
      body = await readBounded(response, MAX_BODY_BYTES)
    } catch (error) {
      gate.release(null)
      return describeFetchError(error, target)
    }
    gate.release(response.headers)
    debug(
      `GET ${target.pathname} -> ${response.status} in ${clock.now() - started} ms${rateLimitNote(response.headers)}`
    )
    if (body === null) {
      return { kind: 'too-large', status: response.status, limitBytes: MAX_BODY_BYTES }
    }
    const location = response.headers.get('location')
    if (response.status < 300 || response.status >= 400 || location === null) {
      return {
        kind: 'response',
        status: response.status,
        headers: response.headers,
        body: redact(body)
      }
    }
    target = nextHop(url, target, location, hop)
  }
}

/**
 * The body as text, or null once it passes `limit` bytes (decompressed, as
 * they arrive), so an endless body or a compression bomb costs `limit` at most.
 */
async function readBounded(response: Response, limit: number): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (declared > limit) {
    await response.body?.cancel()
    return null
  }
  if (response.body === null) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  // Leaving the loop early cancels the stream, and with it the download.
  for await (const chunk of response.body) {
    size += chunk.byteLength
    if (size > limit) return null
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
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
