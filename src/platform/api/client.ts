/**
 * The Sample Platform's REST API, endpoint by endpoint: each request is retried
 * with backoff (or the wait a 429 asks for), and errors become messages that
 * say what to do.
 */
import { ActionError } from '../../shared/errors.js'
import {
  RequestError,
  classifyAnswer,
  failureError,
  readJsonBody,
  seconds,
  type Subject
} from './errors.js'
import type { Clock } from './clock.js'
import { proxyFor, sendGet, type HttpOptions } from './http.js'
import { createRateLimitGate } from './pacing.js'
import { createRedactor } from './redact.js'
import { parseResult, parseResultPage, type ReadResult, type SampleResult } from './result.js'
import { MAX_WAIT_MS, backoffDelay } from './retry.js'
import { parseRun, parseRunPage, type Platform, type RunInfo } from './runs.js'
import { parseDiff, type DiffAnswer } from './diff.js'
import { parseHistory, type HistoryEntry } from './history.js'
import { parseProgress, type ProgressEvent } from './progress.js'

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
  listResults(runId: number): Promise<ResultList>
  getRun(runId: number): Promise<RunInfo>
  /** The newest runs that match, newest first: one page of GET /runs. */
  listRuns(filters: RunFilters, limit: number): Promise<RunInfo[]>
  /** The unified diff of one output file of a result (scope results:read), or that a file is missing. */
  fetchDiff(output: OutputRef): Promise<DiffAnswer>
  /** A run's newest progress events (one page at most), oldest first (scope runs:read). */
  fetchProgress(runId: number): Promise<ProgressEvent[]>
  /** A regression test's newest runs on a branch and platform, newest first. */
  fetchHistory(query: HistoryQuery): Promise<HistoryEntry[]>
  /** Requests made so far (retries included), by what they were for. */
  requestCounts(): Record<RequestKind, number>
}

export type RequestKind = 'runs' | 'results' | 'diffs' | 'history'

/** Which output file of which result: the path of the diff endpoint. */
export interface OutputRef {
  runId: number
  /** The media sample (the result's sample_id). */
  sampleId: number
  regressionId: number
  outputId: number
}

export interface HistoryQuery {
  /** The media sample (the result's sample_id). */
  sampleId: number
  regressionId: number
  branch: string
  platform: Platform
  limit: number
}

/** What GET /runs filters on, as the deployed server supports it. */
export interface RunFilters {
  commitSha?: string
  platform?: Platform
  branch?: string
  repository?: string
}

/** The results of a run as the list endpoint gave them, each with the shape it had. */
export interface ResultList {
  results: ReadResult[]
  /** Why the list is not the whole run, as the server said; null when it is. */
  incomplete: string | null
}

/** The list endpoint's largest page. */
const PAGE_SIZE = 100
/** More pages than any run has: a server whose next_offset never ends is stopped. */
const MAX_PAGES = 1000
/** More than any run's list, many times over: a list past this is not the API's. */
const MAX_LIST_BYTES = 32 * 1024 * 1024

export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const { apiUrl, token, clock } = options
  /**
   * Server text may echo what we sent: never let the token through, neither in
   * the raw body, nor encoded, nor in strings that JSON escapes (`\/`, `\u0073`) hid from it.
   * All of it comes out without the hidden characters that could split the token.
   */
  const redact = createRedactor(token)
  const http: HttpOptions = {
    token,
    timeoutMs: options.timeoutMs,
    clock,
    gate: createRateLimitGate(clock, options.onPacingWait ?? (() => undefined)),
    redact,
    debug: (line) => options.log.debug(line),
    proxy: proxyFor(apiUrl)
  }
  const counts: Record<RequestKind, number> = { runs: 0, results: 0, diffs: 0, history: 0 }
  const retries: RetryOptions = {
    http,
    // One leading byte order mark is allowed in JSON text (RFC 8259 lets parsers skip it).
    parse: (body) => redactStrings(JSON.parse(body.replace(/^\uFEFF/, '')), redact),
    maxRetries: options.maxRetries,
    info: (line) => options.log.info(line)
  }
  const getJson = (
    path: string,
    subject: Subject,
    kind: RequestKind = 'results',
    measured?: (bytes: number) => void
  ) =>
    getWithRetries(new URL(`${apiUrl}${path}`), subject, {
      ...retries,
      counted: () => counts[kind]++,
      ...(measured ? { measured } : {})
    })

  return {
    async fetchResult(runId, sampleId) {
      const subject = {
        name: `run ${runId}, sample ${sampleId}`,
        notFoundHint:
          'Check run-id and sample-id. A run that is still in progress, or was restarted, also answers 404 until its results are in.',
        runMissingHint:
          'Check run-id. A run that is still in progress, or was restarted, also answers 404 until its results are in.'
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
      const results: ReadResult[] = []
      // Each page is bounded; so is the list: a server whose pages never end cannot fill memory.
      let listBytes = 0
      const measured = (bytes: number) => {
        listBytes += bytes
        if (listBytes > MAX_LIST_BYTES) {
          throw new ActionError(
            'response',
            `The Sample Platform's list of run ${runId} passed ${MAX_LIST_BYTES / (1024 * 1024)} MB after ${results.length} results; a run has about 230 results of a few KB. The action stopped reading. Check that api-url points at the Sample Platform API.`
          )
        }
      }
      let incomplete: string | null = null
      let total: number | null = null
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
          subject,
          'results',
          measured
        )
        const read = parseResultPage(body, { runId, offset, limit: PAGE_SIZE })
        results.push(...read.data)
        total = read.total
        if (read.truncated) incomplete = 'the server marked it truncated: it stopped reading early'
        const stuck: boolean = read.nextOffset !== null && read.nextOffset <= offset
        if (stuck && total === null)
          incomplete = `its next page would start at ${read.nextOffset}, not after ${offset}, and it has no total`
        offset = incomplete === null && !stuck ? read.nextOffset : null
      }
      if (incomplete === null && total !== null && results.length < total)
        incomplete = `the server counted ${total} results but listed ${results.length}`
      return { results, incomplete }
    },

    async getRun(runId) {
      const subject = {
        name: `run ${runId}`,
        notFoundHint: 'Check run-id: the Sample Platform has no such run.'
      }
      const run = parseRun(await getJson(`/runs/${runId}`, subject, 'runs'), `run ${runId}`)
      if (run.runId !== runId) {
        throw new ActionError(
          'response',
          `The Sample Platform answered run ${runId} with the description of run ${run.runId}. The server mixed up its answers: re-run the job, and report it to the Sample Platform if it persists.`
        )
      }
      return run
    },

    async listRuns(filters, limit) {
      const query = new URLSearchParams()
      if (filters.commitSha) query.set('commit_sha', filters.commitSha)
      if (filters.platform) query.set('platform', filters.platform)
      if (filters.branch) query.set('branch', filters.branch)
      if (filters.repository) query.set('repository', filters.repository)
      query.set('sort', '-created_at')
      query.set('limit', String(limit))
      const what = describeFilters(filters)
      const subject = { name: what, notFoundHint: 'Check api-url: the server has no list of runs.' }
      return parseRunPage(await getJson(`/runs?${query}`, subject, 'runs'), what)
    },

    async fetchDiff({ runId, sampleId, regressionId, outputId }) {
      const name = `the diff of output ${outputId} of sample ${regressionId} in run ${runId}`
      const subject = {
        name,
        notFoundHint: 'A file may be gone from its disk, or the server has no diff endpoint.',
        tooLargeHint:
          'the action stopped reading, and shows no diff of it: see the run on the Sample Platform.'
      }
      const path = `/runs/${runId}/samples/${sampleId}/regression-tests/${regressionId}/outputs/${outputId}/diff?format=unified`
      return parseDiff(await getJson(path, subject, 'diffs'), name)
    },

    async fetchProgress(runId) {
      const subject = {
        name: `the progress of run ${runId}`,
        notFoundHint: 'The server has no progress trail for it.'
      }
      const path = `/runs/${runId}/progress`
      const what = `the progress of run ${runId}`
      const first = parseProgress(
        await getJson(`${path}?limit=${PAGE_SIZE}&offset=0`, subject, 'runs'),
        what
      )
      // The trail is oldest first: a long one is read from its last page, the newest events.
      if (first.total === null || first.total <= PAGE_SIZE) return first.events
      const offset = first.total - PAGE_SIZE
      return parseProgress(
        await getJson(`${path}?limit=${PAGE_SIZE}&offset=${offset}`, subject, 'runs'),
        what
      ).events
    },

    async fetchHistory({ sampleId, regressionId, branch, platform, limit }) {
      const query = new URLSearchParams({
        regression_test_id: String(regressionId),
        branch,
        platform,
        limit: String(limit)
      })
      const name = `the history of sample ${regressionId} on ${branch} (${platform})`
      const subject = {
        name,
        notFoundHint: 'The server has no such media sample, or no history endpoint.'
      }
      const body = await getJson(`/samples/${sampleId}/history?${query}`, subject, 'history')
      return parseHistory(body, name)
    },

    requestCounts: () => ({ ...counts })
  }
}

/** "the runs of commit 0b1a967 on linux" */
function describeFilters(filters: RunFilters): string {
  const parts = [
    filters.commitSha ? `of commit ${filters.commitSha.slice(0, 7)}` : '',
    filters.branch ? `on branch ${filters.branch}` : '',
    filters.repository ? `of ${filters.repository}` : '',
    filters.platform ? `on ${filters.platform}` : ''
  ].filter(Boolean)
  return `the runs ${parts.join(' ')}`.trim()
}

interface RetryOptions {
  http: HttpOptions
  parse: (body: string) => unknown
  maxRetries: number
  info(line: string): void
  /** Told of each request sent. */
  counted?: () => void
  /** Told of the size of each body read. */
  measured?: (bytes: number) => void
}

/** A JSON body of a 2xx answer, after up to `maxRetries` retries of what may pass on retrying. */
async function getWithRetries(url: URL, subject: Subject, options: RetryOptions): Promise<unknown> {
  const { http, parse, maxRetries } = options
  const { clock, gate } = http
  for (let attempt = 1; ; attempt++) {
    options.counted?.()
    const answer = await sendGet(url, http)
    if (answer.kind === 'response' && answer.status >= 200 && answer.status < 300) {
      options.measured?.(answer.body.length)
      return readJsonBody(answer.status, answer.body, subject, parse)
    }
    const failure = classifyAnswer(answer, subject, http.timeoutMs, clock.now(), parse)
    if (!failure.retry || attempt > maxRetries) throw failureError(failure, attempt)
    const waitMs = failure.waitMs ?? backoffDelay(attempt - 1, clock.random)
    if (waitMs > MAX_WAIT_MS) {
      throw new RequestError(
        failure.kind,
        `The Sample Platform asked to wait ${seconds(waitMs)} s before trying again (${failure.cause}), longer than the ${seconds(MAX_WAIT_MS)} s this action waits. Another job may be using the same token; re-run this one later.`,
        { brief: `${failure.cause}, asking to wait ${seconds(waitMs)} s` }
      )
    }
    options.info(
      `Sample Platform: ${failure.cause} for ${subject.name}; retrying in ${seconds(waitMs)} s (retry ${attempt} of ${maxRetries}).`
    )
    // A 429 holds back every request of this token, not just this one.
    if (failure.kind === 'rate-limit') gate.blockUntil(clock.now() + waitMs)
    else await clock.sleep(waitMs)
  }
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
