/**
 * What a Sample Platform answer means when it is not a success: whether to try
 * again, how long to wait, and the message that tells users what to do.
 */
import { ActionError, type ErrorKind } from '../shared/errors.js'
import { logSnippet } from '../shared/text.js'
import { rateLimitDelay } from './retry.js'

/** What one request ended with: an answer, or no answer at all. */
export type Answer =
  | { kind: 'response'; status: number; headers: Headers; body: string }
  | { kind: 'timeout' }
  | { kind: 'network'; reason: string }

/** Why a request did not succeed, and whether trying again may help. */
export interface Failure {
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
export interface Subject {
  /** "run 9412, sample 42" */
  name: string
  /** What to check when the server answers 404. */
  notFoundHint: string
}

/** Reads a body as JSON; `parse` also redacts the token from every string. */
export type ParseJson = (body: string) => unknown

/** The error body every API error carries: `{code, message, details}`. */
interface ApiError {
  code: string
  message: string
  details: Record<string, unknown>
}

/** A 2xx body as JSON, or an error that says what came instead. */
export function readJsonBody(body: string, subject: Subject, parse: ParseJson): unknown {
  try {
    return parse(body)
  } catch {
    throw new ActionError(
      'response',
      `The Sample Platform answered 200 for ${subject.name} with ${describeBody(body)} instead of JSON. Check that api-url points at the API (it ends in /api/v1), not at the web interface.`
    )
  }
}

/** What a failed answer means: its kind, whether to retry, and the message for users. */
export function classifyAnswer(
  answer: Answer,
  subject: Subject,
  timeoutMs: number,
  nowMs: number,
  parse: ParseJson
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
    ? `${status} ${logSnippet(apiError.code)}${apiError.message ? `: "${logSnippet(apiError.message)}"` : ''}`
    : `${status} with ${describeBody(body)}`
  const answered = `The Sample Platform answered ${said} for ${subject.name}`
  if (status === 429) {
    const waitMs = rateLimitDelay(headers, nowMs)
    return {
      kind: 'rate-limit',
      retry: true,
      ...(waitMs === null ? {} : { waitMs }),
      cause: `${status} ${logSnippet(apiError?.code || 'rate limited')}`,
      message: (attempts) =>
        `${answered}${afterAttempts(attempts)}. Every job that uses this token shares its rate limit; re-run later.`
    }
  }
  if (status >= 500) {
    const proxy = apiError ? '' : ' (a proxy or gateway in front of the server answered)'
    return {
      kind: 'server',
      retry: true,
      cause: apiError ? `${status} ${logSnippet(apiError.code)}` : `${status}`,
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

/** A request that got no answer: a time-out, or the network's reason. */
export function describeFetchError(error: unknown): Answer {
  // Duck-typed: fetch's errors may come from another realm (a test VM), where instanceof fails.
  const { name, message, cause } = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown
    message?: unknown
    cause?: { code?: unknown }
  }
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout' }
  const text = typeof message === 'string' ? message : String(error)
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : ''
  return { kind: 'network', reason: logSnippet(`${text}${code}`) }
}

function readApiError(body: string, parse: ParseJson): ApiError | null {
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
    .map((item) => logSnippet(item))
    .join(', ')
}

function describeBody(body: string): string {
  const trimmed = body.trim()
  if (trimmed === '') return 'an empty body'
  if (trimmed.startsWith('<')) return 'an HTML page'
  return `a body that is not JSON (${JSON.stringify(logSnippet(trimmed, 60))})`
}

function afterAttempts(attempts: number): string {
  return attempts > 1 ? `, after ${attempts} attempts` : ''
}

/** Milliseconds as seconds with one decimal, for messages. */
export function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10)
}
