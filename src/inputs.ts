import { ActionError, quote } from './errors.js'
import { KNOWN_STATUSES } from './platform/result.js'

/** When the step fails: never, on any status but `pass`, or on the listed statuses. */
export type FailOn =
  | { readonly mode: 'never' }
  | { readonly mode: 'non-pass' }
  | { readonly mode: 'statuses'; readonly statuses: readonly string[] }

/** Every input, read and checked once. */
export interface Config {
  readonly runId: number
  readonly sampleId: number
  readonly apiToken: string
  /** Validated, without a trailing slash. */
  readonly apiUrl: string
  readonly failOn: FailOn
  readonly summary: boolean
  readonly requestTimeoutMs: number
  readonly maxRetries: number
}

/** Defaults of the optional inputs. action.yml declares the same (a test checks). */
export const INPUT_DEFAULTS = {
  'api-url': 'https://sampleplatform.ccextractor.org/api/v1',
  'fail-on': 'non-pass',
  summary: 'true',
  'request-timeout': '30',
  'max-retries': '4'
} as const

/** Reads one input by its action.yml name, e.g. `core.getInput`. */
export type InputReader = (name: string) => string

const MAX_ID = 2_147_483_647
const MAX_TIMEOUT_SECONDS = 600
const MAX_RETRIES = 10

/**
 * Reads and validates every input before any request is made. All problems are
 * reported together, each naming the input and the bad value (never the token).
 */
export function readInputs(read: InputReader): Config {
  const problems: string[] = []
  const input = (name: string): string => {
    const value = read(name).trim()
    return value !== '' ? value : (INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS] ?? '')
  }
  const check = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse()
    } catch (error) {
      if (!(error instanceof ActionError)) throw error
      problems.push(error.message)
      return fallback
    }
  }

  const config: Config = {
    runId: check(() => parseId('run-id', input('run-id')), 0),
    sampleId: check(() => parseId('sample-id', input('sample-id')), 0),
    apiToken: check(() => parseToken(input('api-token')), ''),
    apiUrl: check(() => parseApiUrl(input('api-url')), ''),
    failOn: check(() => parseFailOn(input('fail-on')), { mode: 'non-pass' }),
    summary: check(() => parseBoolean('summary', input('summary')), true),
    requestTimeoutMs: check(() => parseTimeout(input('request-timeout')), 0),
    maxRetries: check(() => parseRetries(input('max-retries')), 0)
  }
  if (problems.length > 0) throw new ActionError('input', problems.join(' '))
  return Object.freeze(config)
}

function invalid(message: string): ActionError {
  return new ActionError('input', message)
}

function parseId(name: string, raw: string): number {
  if (raw === '')
    throw invalid(
      `${name} is required: the Sample Platform's numeric ${name === 'run-id' ? 'run' : 'sample'} ID.`
    )
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (!(value >= 1 && value <= MAX_ID)) {
    throw invalid(`${name}: ${quote(raw)} is not a positive integer (1 to ${MAX_ID}).`)
  }
  return value
}

function parseToken(raw: string): string {
  if (raw === '') {
    throw invalid(
      'api-token is empty. Pass it from a secret (api-token: ${{ secrets.SAMPLE_PLATFORM_TOKEN }}). Secrets are not passed to workflows run from forks: for pull requests from forks use the workflow_run pattern in the README.'
    )
  }
  if (!/^[\x21-\x7e]+$/.test(raw)) {
    throw invalid(
      'api-token contains spaces, line breaks or other characters a token cannot have; copy the token into the secret again.'
    )
  }
  return raw
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  )
}

function parseApiUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw invalid(
      `api-url: ${raw.includes('@') ? 'the value' : quote(raw)} is not a URL (for example ${INPUT_DEFAULTS['api-url']}).`
    )
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid(
      'api-url contains a user name or password. Remove them: the token goes in api-token.'
    )
  }
  if (url.search !== '' || url.hash !== '') {
    throw invalid(
      'api-url must not have a query (?…) or fragment (#…): give the base URL of the API, such as ' +
        INPUT_DEFAULTS['api-url'] +
        '.'
    )
  }
  const allowed =
    url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))
  if (!allowed) {
    throw invalid(
      `api-url: ${quote(raw)} must start with https:// (http:// is accepted only for localhost, 127.0.0.0/8 and [::1]), so the token is never sent in clear text.`
    )
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

function parseFailOn(raw: string): FailOn {
  const words = raw
    .toLowerCase()
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '')
  const known: readonly string[] = KNOWN_STATUSES
  const unknown = words.filter(
    (word) => word !== 'never' && word !== 'non-pass' && !known.includes(word)
  )
  const choices = `non-pass, never, or a comma-separated list of statuses (${KNOWN_STATUSES.join(', ')})`
  if (unknown.length > 0) {
    throw invalid(
      `fail-on: ${unknown.map((word) => quote(word)).join(', ')} is not one of ${choices}.`
    )
  }
  if (words.length === 1 && (words[0] === 'never' || words[0] === 'non-pass'))
    return { mode: words[0] }
  if (words.includes('never') || words.includes('non-pass') || words.length === 0) {
    throw invalid(`fail-on: ${quote(raw)} mixes words that go alone; use ${choices}.`)
  }
  return { mode: 'statuses', statuses: [...new Set(words)] }
}

function parseBoolean(name: string, raw: string): boolean {
  if (['true', 'True', 'TRUE'].includes(raw)) return true
  if (['false', 'False', 'FALSE'].includes(raw)) return false
  throw invalid(`${name}: ${quote(raw)} is not true or false.`)
}

function parseTimeout(raw: string): number {
  const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN
  if (!(value > 0 && value <= MAX_TIMEOUT_SECONDS)) {
    throw invalid(
      `request-timeout: ${quote(raw)} is not a number of seconds between 0 and ${MAX_TIMEOUT_SECONDS} (for example 30).`
    )
  }
  return Math.round(value * 1000)
}

function parseRetries(raw: string): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (!(value >= 0 && value <= MAX_RETRIES)) {
    throw invalid(`max-retries: ${quote(raw)} is not a whole number from 0 to ${MAX_RETRIES}.`)
  }
  return value
}
