import { GitHub, getOctokitOptions } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck'
import { MAX_WAIT_MS } from '../platform/api/retry.js'

/** What the GitHub modules need from a client: REST endpoint methods and pagination. */
export type GitHubClient = InstanceType<typeof GitHub>

export interface GitHubLog {
  info(line: string): void
  warning(line: string): void
  debug(line: string): void
}

export interface OctokitOptions {
  token: string
  /** The REST API base URL; given, because @actions/github's default is read at import. */
  baseUrl: string
  log: GitHubLog
  /**
   * The unit of every wait the plugins make, default 1000 (seconds). Tests pass
   * 1 so that "wait 2 s" takes 2 ms.
   */
  waitUnitMs?: number
}

/** Retries after a primary or secondary rate limit before giving up. */
export const RATE_LIMIT_RETRIES = 2
/** Retries after a 5xx or a network error; the retry plugin waits 1, 4, then 9 units. */
export const SERVER_ERROR_RETRIES = 3
/**
 * Every 4xx but a time-out (408) and "too early" (425): asking again cannot
 * change the answer. Rate limits (403, 429) are the throttling plugin's to
 * handle, with the wait GitHub asks for, not a fixed backoff.
 */
const DO_NOT_RETRY = Array.from({ length: 100 }, (_, i) => 400 + i).filter(
  (status) => status !== 408 && status !== 425
)

/**
 * An Octokit for the GitHub REST API that retries 5xx answers and waits out
 * rate limits (@octokit/plugin-retry and @octokit/plugin-throttling).
 */
export function createOctokit(options: OctokitOptions): GitHubClient {
  const { token, baseUrl, log, waitUnitMs = 1000 } = options
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number
    ) => {
      const what = `GitHub ${kind} for ${request.method} ${request.url}`
      if (retryCount >= RATE_LIMIT_RETRIES) {
        log.info(`${what}; giving up after ${retryCount} retries.`)
        return false
      }
      if (retryAfter * 1000 > MAX_WAIT_MS) {
        log.info(`${what}; it resets in ${retryAfter} s, longer than this action waits.`)
        return false
      }
      log.info(
        `${what}; retrying in ${retryAfter} s (retry ${retryCount + 1} of ${RATE_LIMIT_RETRIES}).`
      )
      return true
    }
  const Client = GitHub.plugin(requestLog(log), retry, throttling)
  return new Client(
    getOctokitOptions(token, {
      baseUrl,
      userAgent: 'ccextractor-sample-result-action',
      log: {
        debug: (line: string) => log.debug(line),
        info: (line: string) => log.debug(line),
        warn: (line: string) => log.warning(line),
        error: (line: string) => log.warning(line)
      },
      retry: {
        retries: SERVER_ERROR_RETRIES,
        doNotRetry: DO_NOT_RETRY,
        retryAfterBaseValue: waitUnitMs
      },
      throttle: {
        retryAfterBaseValue: waitUnitMs,
        // The plugin's own write groups space writes 1 s (3 s for those that
        // notify) apart in real time and are shared by every client in the process.
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: waitUnitMs }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * waitUnitMs }),
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit')
      }
    })
  )
}

/**
 * A plugin registered before retry and throttling, so it sees every attempt:
 * one debug line per HTTP request.
 */
function requestLog(log: GitHubLog) {
  return (octokit: { hook: GitHubClient['hook'] }) => {
    octokit.hook.wrap('request', async (request, options) => {
      const started = Date.now()
      const line = (status: unknown) =>
        `GitHub: ${options.method} ${String(options.url)} -> ${String(status)} in ${Date.now() - started} ms`
      try {
        const response = await request(options)
        log.debug(line(response.status))
        return response
      } catch (error) {
        log.debug(line(answeredStatus(error) ?? 'no answer'))
        throw error
      }
    })
    return {}
  }
}

/** The HTTP status of a failed request; Octokit gives 500 to requests that got no answer. */
function answeredStatus(error: unknown): unknown {
  const { status, response } = (typeof error === 'object' && error !== null ? error : {}) as {
    status?: unknown
    response?: unknown
  }
  return response === undefined ? undefined : status
}
