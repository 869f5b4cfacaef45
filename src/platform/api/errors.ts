/**
 * What a Sample Platform answer means when it is not a success: whether to try
 * again, how long to wait, and the message that tells users what to do.
 */
import { ActionError, type ErrorKind } from '../../shared/errors.js'
import { logSnippet } from '../../shared/text.js'
import { rateLimitDelay } from './retry.js'

/** What one request ended with: an answer, or no answer at all. */
export type Answer =
  | { kind: 'response'; status: number; headers: Headers; body: string }
  /** The body went past the limit and was not read whole. */
  | { kind: 'too-large'; status: number; limitBytes: number }
  | { kind: 'timeout' }
  /** `certificate`: the server's TLS certificate was refused, which no retry changes. */
  | { kind: 'network'; reason: string; certificate: boolean }

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
  /** The HTTP status of an answer. */
  status?: number
  /** What a 404 says is not there: the API's `details.resource`. */
  resource?: string
}

/** What a request was for, so errors can say it in the user's words. */
export interface Subject {
  /** "run 9412, sample 42" */
  name: string
  /** What to check when the server answers 404. */
  notFoundHint: string
  /** What to check when the 404 says the run is missing ("Run N not found."), where that differs. */
  runMissingHint?: string
  /** What a body over the size limit means; default: not the API (a result is a few KB). */
  tooLargeHint?: string
}

/**
 * An error of one request: its message for users, and a few words of what went
 * wrong for a note beside one sample, where the request was for one (a diff, a history).
 */
export class RequestError extends ActionError {
  /** "503 internal_error, after 4 attempts", "no answer within 30 s", "an answer over 8 MB" */
  readonly brief: string
  /**
   * What a 404 says is not there, by the API's `details.resource` (run, sample,
   * output, file); null when it names nothing.
   */
  readonly resource: string | null

  constructor(
    kind: ErrorKind,
    message: string,
    answer: {
      brief: string
      apiMessage?: string | null
      status?: number | null
      resource?: string | null
    }
  ) {
    super(kind, message, answer.apiMessage ?? null, answer.status ?? null)
    this.brief = answer.brief
    this.resource = answer.resource ?? null
  }
}

/** The error a request ends with after `attempts` attempts. */
export function failureError(failure: Failure, attempts: number): RequestError {
  return new RequestError(failure.kind, failure.message(attempts), {
    brief: `${failure.cause}${afterAttempts(attempts)}`,
    apiMessage: failure.apiMessage ?? null,
    status: failure.status ?? null,
    resource: failure.resource ?? null
  })
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
export function readJsonBody(
  status: number,
  body: string,
  subject: Subject,
  parse: ParseJson
): unknown {
  try {
    return parse(body)
  } catch {
    const what = status === 204 ? 'no content (204)' : `${describeBody(body)} instead of JSON`
    throw new RequestError(
      'response',
      `The Sample Platform answered ${status} for ${subject.name} with ${what}. Check that api-url points at the API (it ends in /api/v1), not at the web interface.`,
      {
        brief: status === 204 ? 'no content (204)' : `${status} with ${describeBody(body)}`,
        status
      }
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
  if (answer.kind === 'too-large') {
    const megabytes = Math.round(answer.limitBytes / (1024 * 1024))
    const hint =
      subject.tooLargeHint ??
      'a result is a few KB. The action stopped reading. Check that api-url points at the Sample Platform API.'
    return {
      kind: 'response',
      retry: false,
      cause: `an answer over ${megabytes} MB`,
      message: () =>
        `The Sample Platform answered ${answer.status} for ${subject.name} with more than ${megabytes} MB; ${hint}`
    }
  }
  if (answer.kind === 'network' && answer.certificate) {
    return {
      kind: 'network',
      retry: false,
      cause: answer.reason,
      message: () =>
        `The Sample Platform's TLS certificate was refused for ${subject.name}: ${answer.reason}. If api-url is right and the server uses a certificate of a private authority, give that authority's certificate to the step in the NODE_EXTRA_CA_CERTS environment variable (a PEM file).`
    }
  }
  if (answer.kind === 'network') {
    return {
      kind: 'network',
      retry: true,
      cause: answer.reason,
      message: (attempts) =>
        `Could not reach the Sample Platform for ${subject.name}: ${answer.reason}${afterAttempts(attempts)}. Check api-url (and HTTPS_PROXY or NO_PROXY behind a proxy), or re-run later.`
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
  const resource = apiError?.details.resource
  return {
    kind: kindOf(status),
    retry: false,
    cause: apiError
      ? `${status} ${logSnippet(apiError.code)}`.trim()
      : `${status} with ${describeBody(body)}`,
    status,
    message: () => `${answered}. ${hintFor(status, apiError, subject)}`,
    ...(apiError ? { apiMessage: apiError.message } : {}),
    ...(typeof resource === 'string' && resource !== ''
      ? { resource: logSnippet(resource, 40) }
      : {})
  }
}

/** What Node's TLS errors mean, by code: certificates no retry will change. */
const CERTIFICATE_PROBLEMS = new Map([
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'it is self-signed'],
  ['SELF_SIGNED_CERT_IN_CHAIN', 'its chain ends in a self-signed authority that is not trusted'],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'it is signed by an authority that is not trusted'],
  ['UNABLE_TO_GET_ISSUER_CERT', 'its issuer is not trusted'],
  ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'its issuer is not trusted'],
  ['CERT_UNTRUSTED', 'it is not trusted'],
  ['CERT_HAS_EXPIRED', 'it has expired'],
  ['CERT_NOT_YET_VALID', 'it is not valid yet'],
  ['CERT_REVOKED', 'it was revoked'],
  ['ERR_TLS_CERT_ALTNAME_INVALID', 'it is for another host name'],
  ['HOSTNAME_MISMATCH', 'it is for another host name']
])

/** A request to `url` that got no answer: a time-out, or the network's reason, naming the host. */
export function describeFetchError(error: unknown, url: URL): Answer {
  // Duck-typed: fetch's errors may come from another realm (a test VM), where instanceof fails.
  const { name, message, cause } = fieldsOf(error)
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout' }
  // fetch says "fetch failed"; what failed is in its cause (and sometimes the cause's cause).
  const inner = fieldsOf(cause)
  const root = inner.cause === undefined ? inner : fieldsOf(inner.cause)
  const code = [root.code, inner.code].find((value) => typeof value === 'string')
  const detail = [root.message, inner.message, message].find(
    (value) => typeof value === 'string' && value !== '' && value !== 'fetch failed'
  )
  const text = typeof detail === 'string' ? detail : String(error)
  const certificate = typeof code === 'string' ? CERTIFICATE_PROBLEMS.get(code) : undefined
  const host = `${url.hostname}${url.port ? `:${url.port}` : ''}`
  if (certificate !== undefined) {
    return { kind: 'network', reason: `${certificate} (${code}, host ${host})`, certificate: true }
  }
  const coded = typeof code === 'string' && !text.includes(code) ? ` (${code})` : ''
  const named = text.includes(url.hostname) ? '' : ` (host ${host})`
  return { kind: 'network', reason: logSnippet(`${text}${coded}${named}`), certificate: false }
}

function fieldsOf(value: unknown): {
  name?: unknown
  message?: unknown
  code?: unknown
  cause?: unknown
} {
  return typeof value === 'object' && value !== null ? value : {}
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
      const required = listOf(details.required_scopes) || 'runs:read'
      const missing = listOf(details.missing_scopes) || required
      const has = Array.isArray(details.token_scopes)
        ? ` (it has ${listOf(details.token_scopes) || 'no scope'})`
        : ''
      return `The api-token lacks the scope ${missing}${has}: create a token with ${required} and update the secret.`
    }
    case 404:
      return isRunMissing(apiError?.message) && subject.runMissingHint
        ? subject.runMissingHint
        : subject.notFoundHint
    case 400: {
      const fields = describeFields(details.fields)
      return `The server rejected ${fields ? `the field(s) ${fields}` : 'the request'}; check the run and sample IDs given.`
    }
    default:
      return 'This is not an answer the action knows; check api-url.'
  }
}

/** Strings of a JSON array, joined; '' for anything else. */
function listOf(value: unknown): string {
  if (!Array.isArray(value)) return ''
  return value
    .filter((item): item is string => typeof item === 'string')
    .map((item) => logSnippet(item, 100))
    .join(', ')
}

/**
 * A 400's fields: an object from field to message (`limit: "Must be between
 * 1 and 100."`), or in older servers a list of field names.
 */
function describeFields(fields: unknown): string {
  if (Array.isArray(fields)) return listOf(fields)
  if (typeof fields !== 'object' || fields === null) return ''
  return Object.entries(fields)
    .slice(0, 10)
    .map(([field, message]) =>
      typeof message === 'string'
        ? `${logSnippet(field, 100)} (${logSnippet(message, 200)})`
        : logSnippet(field, 100)
    )
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

/** An answer of the right status that is not the shape its endpoint sends. */
export function unreadable(what: string): ActionError {
  return new RequestError(
    'response',
    `The Sample Platform's answer for ${what} is not what this action can read.`,
    { brief: 'an answer this action cannot read' }
  )
}

/** The API says "Run N not found." for a run, and "Regression test R not found in run N." for a sample. */
export function isRunMissing(apiMessage: string | null | undefined): boolean {
  return /^Run \d+ not found/.test(apiMessage ?? '')
}

/**
 * A 405, or a 404 that is not "Run N not found.": the server has no such
 * endpoint (an older deployment without the list or the runs), so the caller
 * falls back to what every deployment has.
 */
export function isEndpointMissing(error: unknown): boolean {
  if (!(error instanceof ActionError)) return false
  if (error.status === 405) return true
  return error.status === 404 && !isRunMissing(error.apiMessage)
}

/**
 * Whether a 404 is the API's own "not found" of something it names: by
 * `details.resource` (run, sample, output, file, as the server's OpenAPI
 * describes its 404), or "Run N not found." and "Regression test R not found in
 * run N.". Any other 404 (an HTML page, an empty body, a router's "No route")
 * names nothing: on its own, it says the server has no such endpoint.
 */
export function isApiNotFound(error: ActionError): boolean {
  if (error.status !== 404) return false
  if (error instanceof RequestError && error.resource !== null) return true
  const message = error.apiMessage ?? ''
  return isRunMissing(message) || /^Regression test \d+ not found in run \d+/.test(message)
}

/** Milliseconds as seconds with one decimal, for messages. */
export function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10)
}
