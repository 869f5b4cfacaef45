import { ActionError, type ErrorKind } from '../errors.js'
import { escapeLogText, truncate } from '../report/escape.js'
import type { Clock } from './clock.js'
import { createRateLimitGate } from './pacing.js'
import { parseResult, parseResultPage, type SampleResult } from './result.js'
import { MAX_WAIT_MS, backoffDelay, rateLimitDelay } from './retry.js'

export interface PlatformClientOptions {
  /** Base URL of the API, already validated, without a trailing slash. */
  apiUrl: string
  token: string
  timeoutMs: number
  maxRetries: number
  clock: Clock
  log: ClientLog
  /** Told when requests pause for the rate-limit window, for progress lines. */
  onPacingWait?: (ms: number) => void
}

export interface ClientLog {
  debug(line: string): void
  info(line: string): void
}

export interface PlatformClient {
  fetchResult(runId: number, sampleId: number): Promise<SampleResult>
  /** Every result of a run, through the deployed server's list endpoint, page by page. */
  listResults(runId: number): Promise<SampleResult[]>
}

/** What one request ended with: an answer, or no answer at all. */
type Answer =
  | { kind: 'response'; status: number; headers: Headers; body: string }
  | { kind: 'timeout' }
  | { kind: 'network'; reason: string }

/** Why a request did not succeed, and whether trying again may help. */
interface Failure {
  kind: ErrorKind
  retry: boolean
  /** Waiting time the server asked for; otherwise backoff applies. */
  waitMs?: number
  /** The short cause, for retry log lines ("503 internal_error"). */
  cause: string
  /** The message for users, given how many attempts were made. */
  message(attempts: number): string
  /** The API's own message, when it sent one. */
  apiMessage?: string
}

/** What a request was for, so errors can say it in the user's words. */
interface Subject {
  /** "run 9412, sample 42" */
  name: string
  /** What to check when the server answers 404. */
  notFoundHint: string
}

const MAX_REDIRECTS = 5
const MAX_SHOWN_API_TEXT = 300
/** The list endpoint's largest page. */
const PAGE_SIZE = 100
/** More pages than any run has: a server whose next_offset never ends is stopped. */
const MAX_PAGES = 1000

/**
 * The Sample Platform's REST API: time-outs, retries with backoff, 429 handling,
 * and errors mapped to messages that say what to do.
 */
export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const { apiUrl, token, timeoutMs, maxRetries, clock, log } = options
  const origin = new URL(apiUrl).origin
  const gate = createRateLimitGate(clock, options.onPacingWait ?? (() => undefined))

  /**
   * Server text may echo what we sent: never let the token through, neither in
   * the raw body nor in strings that JSON escapes (`\/`, `\u0073`) hid from it.
   */
  const redact = (text: string): string => (token ? text.replaceAll(token, '***') : text)
  const parse = (body: string): unknown => redactStrings(JSON.parse(body), redact)

  async function send(url: URL): Promise<Answer> {
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
      log.debug(
        `GET ${target.pathname} -> ${response.status} in ${clock.now() - started} ms${rateLimitNote(response.headers)}`
      )
      const location = response.headers.get('location')
      if (response.status < 300 || response.status >= 400 || location === null) {
        return { kind: 'response', status: response.status, headers: response.headers, body }
      }
      const next = new URL(location, target)
      if (next.origin !== origin) {
        throw new ActionError(
          'response',
          `The Sample Platform redirected ${target.pathname} to another origin (${next.origin}); the token is only ever sent to ${origin}. Set api-url to the address the API answers at.`
        )
      }
      if (hop >= MAX_REDIRECTS) {
        throw new ActionError(
          'response',
          `The Sample Platform redirected more than ${MAX_REDIRECTS} times for ${url.pathname}.`
        )
      }
      target = next
    }
  }

  async function getJson(path: string, subject: Subject): Promise<unknown> {
    const url = new URL(`${apiUrl}${path}`)
    for (let attempt = 1; ; attempt++) {
      const answer = await send(url)
      if (answer.kind === 'response' && answer.status >= 200 && answer.status < 300) {
        return parseJson(answer.body, subject, parse)
      }
      const failure = classify(answer, subject, timeoutMs, clock.now(), parse)
      if (!failure.retry || attempt > maxRetries) {
        throw new ActionError(failure.kind, failure.message(attempt), failure.apiMessage ?? null)
      }
      const waitMs = failure.waitMs ?? backoffDelay(attempt - 1, clock.random)
      if (waitMs > MAX_WAIT_MS) {
        throw new ActionError(
          failure.kind,
          `The Sample Platform asked to wait ${seconds(waitMs)} s before trying again (${failure.cause}), longer than the ${seconds(MAX_WAIT_MS)} s this action waits. Another job may be using the same token; re-run this one later.`
        )
      }
      log.info(
        `Sample Platform: ${failure.cause} for ${subject.name}; retrying in ${seconds(waitMs)} s (retry ${attempt} of ${maxRetries}).`
      )
      // A 429 holds back every request of this token, not just this one.
      if (failure.kind === 'rate-limit') gate.blockUntil(clock.now() + waitMs)
      else await clock.sleep(waitMs)
    }
  }

  return {
    async fetchResult(runId, sampleId) {
      const subject = {
        name: `run ${runId}, sample ${sampleId}`,
        notFoundHint:
          'Check run-id and sample-id. A run that is still in progress, or was restarted, also answers 404 until its results are in.'
      }
      const body = await getJson(`/runs/${runId}/samples/${sampleId}`, subject)
      return parseResult(body, { runId, sampleId })
    },

    async listResults(runId) {
      const subject = {
        name: `the results of run ${runId}`,
        notFoundHint:
          'Check run-id. A run that is still in progress, or was restarted, also answers 404 until its results are in.'
      }
      const results: SampleResult[] = []
      let offset: number | null = 0
      for (let page = 0; offset !== null; page++) {
        if (page >= MAX_PAGES) {
          throw new ActionError(
            'response',
            `The Sample Platform's list of run ${runId} did not end after ${MAX_PAGES} pages.`
          )
        }
        const body = await getJson(
          `/runs/${runId}/samples?limit=${PAGE_SIZE}&offset=${offset}`,
          subject
        )
        const { data, nextOffset } = parseResultPage(body, { runId, offset })
        results.push(...data)
        offset = nextOffset !== null && nextOffset > offset ? nextOffset : null
      }
      return results
    }
  }
}

function parseJson(body: string, subject: Subject, parse: (body: string) => unknown): unknown {
  try {
    return parse(body)
  } catch {
    throw new ActionError(
      'response',
      `The Sample Platform answered 200 for ${subject.name} with ${describeBody(body)} instead of JSON. Check that api-url points at the API (it ends in /api/v1), not at the web interface.`
    )
  }
}

/** The error body every API error carries: `{code, message, details}`. */
interface ApiError {
  code: string
  message: string
  details: Record<string, unknown>
}

function readApiError(body: string, parse: (body: string) => unknown): ApiError | null {
  let parsed: unknown
  try {
    parsed = parse(body)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null) return null
  const { code, message, details } = parsed as Record<string, unknown>
  if (typeof code !== 'string' && typeof message !== 'string') return null
  return {
    code: typeof code === 'string' ? code : '',
    message: typeof message === 'string' ? message : '',
    details:
      typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : {}
  }
}

function classify(
  answer: Answer,
  subject: Subject,
  timeoutMs: number,
  nowMs: number,
  parse: (body: string) => unknown
): Failure {
  if (answer.kind === 'timeout') {
    return {
      kind: 'network',
      retry: true,
      cause: `no answer within ${seconds(timeoutMs)} s`,
      message: (attempts) =>
        `The Sample Platform did not answer within ${seconds(timeoutMs)} s (request-timeout) for ${subject.name}${afterAttempts(attempts)}. Re-run later, or raise request-timeout if the server is slow.`
    }
  }
  if (answer.kind === 'network') {
    return {
      kind: 'network',
      retry: true,
      cause: answer.reason,
      message: (attempts) =>
        `Could not reach the Sample Platform for ${subject.name}: ${answer.reason}${afterAttempts(attempts)}. Check api-url, or re-run later.`
    }
  }
  const { status, headers, body } = answer
  const apiError = readApiError(body, parse)
  const said = apiError
    ? `${status} ${clean(apiError.code)}${apiError.message ? `: "${clean(apiError.message)}"` : ''}`
    : `${status} with ${describeBody(body)}`
  const answered = `The Sample Platform answered ${said} for ${subject.name}`
  if (status === 429) {
    const waitMs = rateLimitDelay(headers, nowMs)
    return {
      kind: 'rate-limit',
      retry: true,
      ...(waitMs === null ? {} : { waitMs }),
      cause: `${status} ${clean(apiError?.code || 'rate limited')}`,
      message: (attempts) =>
        `${answered}${afterAttempts(attempts)}. Every job that uses this token shares its rate limit; re-run later.`
    }
  }
  if (status >= 500) {
    const proxy = apiError ? '' : ' (a proxy or gateway in front of the server answered)'
    return {
      kind: 'server',
      retry: true,
      cause: apiError ? `${status} ${clean(apiError.code)}` : `${status}`,
      message: (attempts) =>
        `${answered}${afterAttempts(attempts)}${proxy}. The server may be down or overloaded; re-run the job later.`
    }
  }
  return {
    kind: kindOf(status),
    retry: false,
    cause: `${status}`,
    message: () => `${answered}. ${hintFor(status, apiError, subject)}`,
    ...(apiError ? { apiMessage: apiError.message } : {})
  }
}

function kindOf(status: number): ErrorKind {
  if (status === 401 || status === 403) return 'auth'
  if (status === 404) return 'not-found'
  if (status === 400) return 'input'
  return 'response'
}

function hintFor(status: number, apiError: ApiError | null, subject: Subject): string {
  const details = apiError?.details ?? {}
  switch (status) {
    case 401:
      return 'The api-token is missing, expired (tokens live at most 30 days) or wrong: create a new token on the Sample Platform and update the secret.'
    case 403: {
      const missing = listOf(details.missing_scopes)
      return `The api-token needs the scope runs:read${missing ? ` (missing: ${missing})` : ''}: create a token with that scope and update the secret.`
    }
    case 404:
      return subject.notFoundHint
    case 400: {
      const fields = listOf(details.fields)
      return `The server rejected ${fields ? `the field(s) ${fields}` : 'the request'}; check run-id and sample-id.`
    }
    default:
      return 'This is not an answer the action knows; check api-url.'
  }
}

function listOf(value: unknown): string {
  if (!Array.isArray(value)) return ''
  return value
    .filter((item): item is string => typeof item === 'string')
    .map(clean)
    .join(', ')
}

/** A parsed JSON value with `redact` applied to every string in it, keys included. */
function redactStrings(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value)
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact))
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [redact(key), redactStrings(item, redact)])
  )
}

function describeFetchError(error: unknown): Answer {
  // Duck-typed: fetch's errors may come from another realm (a test VM), where instanceof fails.
  const { name, message, cause } = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown
    message?: unknown
    cause?: { code?: unknown }
  }
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout' }
  const text = typeof message === 'string' ? message : String(error)
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : ''
  return { kind: 'network', reason: clean(`${text}${code}`) }
}

function describeBody(body: string): string {
  const trimmed = body.trim()
  if (trimmed === '') return 'an empty body'
  if (trimmed.startsWith('<')) return 'an HTML page'
  return `a body that is not JSON (${JSON.stringify(clean(trimmed.slice(0, 60)))})`
}

function rateLimitNote(headers: Headers): string {
  const remaining = headers.get('x-ratelimit-remaining')
  const limit = headers.get('x-ratelimit-limit')
  return remaining !== null && limit !== null ? ` (rate limit: ${remaining}/${limit} left)` : ''
}

/** API text shown in a log line or error: one line, no workflow commands, not too long. */
function clean(text: string): string {
  return truncate(escapeLogText(text), MAX_SHOWN_API_TEXT)
}

function afterAttempts(attempts: number): string {
  return attempts > 1 ? `, after ${attempts} attempts` : ''
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10)
}
