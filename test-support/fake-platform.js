// @ts-check
/**
 * A fake CCExtractor Sample Platform API on 127.0.0.1, for the tests and the demo.
 * Node built-ins only, so `node scripts/demo.js` works on a fresh clone without npm install.
 * Behaviour follows shared/api/CONTRACT.md; see startFakePlatform for the knobs.
 */
import { createServer } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { error, json, JSON_TYPE } from './fake-platform/http.js'
import { createRateLimiter } from './fake-platform/rate-limit.js'
import { createRunStore } from './fake-platform/run-store.js'
import { diffRoutes } from './fake-platform/routes/diffs.js'
import { historyRoutes } from './fake-platform/routes/history.js'
import { getResult, resultRoutes } from './fake-platform/routes/results.js'
import { runRoutes } from './fake-platform/routes/runs.js'
import { closeServer, listenOnLoopback } from './loopback-server.js'
import { demoRunFields } from './run-fields.js'
import { DEMO, defaultRuns } from './sample-runs.js'

export { DEMO }
export { mediaOf, minimalResult } from './sample-runs.js'

/** @typedef {import('./sample-runs.js').SampleResult} SampleResult */
/** @typedef {import('./run-fields.js').RunFields} RunFields */
/** @typedef {import('./fake-platform/http.js').ListQuirks} ListQuirks */
/** @typedef {import('./fake-platform/http.js').Reply} Reply */
/** @typedef {import('./fake-platform/run-store.js').RunUpdate} RunUpdate */
/** @typedef {import('./fake-platform/run-store.js').ScheduleOptions} ScheduleOptions */
/** @typedef {import('./fake-platform/run-store.js').ScheduleTimes} ScheduleTimes */
/** @typedef {import('./fake-platform/run-store.js').OutputFilesUpdate} OutputFilesUpdate */
/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

/**
 * @typedef {object} TokenConfig
 * @property {string[]} [scopes] default ['runs:read']; the diff endpoint needs results:read
 * @property {boolean} [expired] answer 401 'Token expired.'
 */

/**
 * A canned answer for the next matching request, given before auth and rate limiting.
 * With none of status, json, body, hang or destroy it only delays, then the request is served normally
 * (as `asPath` says, when given).
 * @typedef {object} Fault
 * @property {number} [status] default 200 with json/body; alone it sends the matching JSON error body
 * @property {Record<string, string>} [headers] override the default headers (rate-limit ones included)
 * @property {string} [body] raw body, sent as is (content type default text/html)
 * @property {unknown} [json] body sent as JSON
 * @property {string} [contentType] '' sends no Content-Type
 * @property {number} [delayMs] on top of latencyMs
 * @property {boolean} [hang] never answer; the socket is destroyed by close()
 * @property {boolean} [destroy] destroy the socket without answering
 * @property {number} [times] requests it answers, default 1
 * @property {(path: string) => boolean} [match] gets the request target, query string included
 * @property {(path: string) => string} [asPath] serves the request as if its target were this, as a
 *   server that ignores a parameter does (a structured diff for format=unified); requests records
 *   the target sent
 */

/**
 * @typedef {object} FakePlatformOptions
 * @property {'documented' | 'deployed' | 'seed'} [shape] how results are serialized (the
 *   result and the list alike): 'deployed' (default), as the server that runs; 'documented',
 *   as the seed's API document, where the number asked for is a media sample or a regression
 *   test; 'seed', documented and nothing else: every other endpoint answers 404, as a server
 *   built from the seed's document alone
 * @property {Record<string, TokenConfig>} [tokens] default: DEMO.token with the scopes a new
 *   platform token gets, runs:read and results:read
 * @property {{ limit: number, windowMs: number, aligned?: boolean } | null} [rateLimit] fixed window per token;
 *   a window starts at its first request, or with `aligned` at a multiple of windowMs on the clock; null disables
 * @property {number} [latencyMs] delay before every answer
 * @property {() => number} [now] clock in ms for rate-limit windows, request timestamps and the
 *   life of scheduled runs: a test passes its test clock to move runs on without sleeping
 * @property {Map<number, Map<number, SampleResult>>} [runs] results by run ID then regression ID, default defaultRuns()
 * @property {Map<number, Partial<RunFields>>} [runFields] what differs from defaultRunFields for
 *   runs that have results, default demoRunFields() (9412 is a pull request's run)
 * @property {ListQuirks | null} [listQuirks] quirks of every list answer (see setListQuirks)
 * @property {number} [port] default 0 (any free port)
 */

/**
 * @typedef {object} RequestRecord
 * @property {string} method
 * @property {string} path request target, query string included
 * @property {string | undefined} authorization
 * @property {number} status 0 while pending, and when the request got no answer (hang, destroy)
 * @property {number} startedAt
 * @property {number | null} endedAt null while pending
 */

/**
 * @typedef {object} Stats
 * @property {number} total requests received
 * @property {Record<number, number>} byStatus finished requests per status (0: no answer)
 * @property {number} maxInFlight most requests handled at once, latency included
 * @property {number} inFlight
 */

/**
 * @typedef {object} FakePlatform
 * @property {string} url origin, `http://127.0.0.1:PORT`
 * @property {string} apiUrl url + '/api/v1'
 * @property {RequestRecord[]} requests every request, in arrival order
 * @property {() => Stats} stats
 * @property {Map<number, Map<number, SampleResult>>} runs mutable: the server reads it on every request
 * @property {(runId: number, result: SampleResult) => void} setResult keyed by result.regression_id;
 *   a result from minimalResult() is sent without the fields it lacks
 * @property {(runId: number, update: RunUpdate) => void} setRun sets fields of a run (platform,
 *   branch, commit_sha, times in ms...) or forces its status; creates it, without results, if needed
 * @property {(runId: number, options?: ScheduleOptions) => void} scheduleRun a run that lives on
 *   the `now` clock: absent before `at`, queued, running while its results appear one by one, then
 *   pass or fail from its results (or the `outcome` given)
 * @property {(runIds: { linux: number, windows: number }, options?: ScheduleOptions & { linux?: ScheduleOptions, windows?: ScheduleOptions }) => string} scheduleCommit
 *   the two runs of one commit, one per platform, created at once; returns the commit SHA
 * @property {(runId: number, options?: Omit<ScheduleTimes, 'results'> & { results?: SampleResult[] }) => void} restartRun
 *   the same run ID back to queued at `at`; its results are gone until it runs again
 * @property {(runId: number, events: import('./fake-platform/run-store.js').ProgressEvent[]) => void} setProgress
 *   a run's progress trail (oldest first, times on the fake's clock), instead of the one
 *   derived from its life; GET /runs/{run_id}/progress answers the events up to now
 * @property {(runId: number) => void} removeRun
 * @property {(runId: number, regressionId: number, outputId: number, files: OutputFilesUpdate) => void} setOutputFiles
 *   the expected and actual files the diff endpoint compares for one output (any text), or a
 *   file missing on disk (404), or a size over 10 MiB (422); default: derived from the output's status
 * @property {(quirks: ListQuirks | null) => void} setListQuirks until reset(): a truncated scan,
 *   a total of null or -1, a next_offset that does not advance
 * @property {(fault: Fault) => void} enqueueFault
 * @property {() => void} reset forget requests, stats, faults and rate-limit windows; list quirks back to the option's
 * @property {() => Promise<void>} close stop, destroying open and hanging connections
 */

/** Every route under /api/v1, each with the scope its token needs. */
const ROUTES = [...runRoutes, ...resultRoutes, ...diffRoutes, ...historyRoutes]

/** The bearer token of a request, or undefined. */
function bearerToken(/** @type {IncomingMessage} */ req) {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1]
}

/** The answer a fault gives, or null when it only delays. */
function faultReply(/** @type {Fault} */ fault) {
  const status = fault.status ?? 200
  const headers = fault.headers
  if (fault.json !== undefined)
    return { ...json(status, fault.json), contentType: fault.contentType ?? JSON_TYPE, headers }
  if (fault.body !== undefined)
    return {
      status,
      body: fault.body,
      contentType: fault.contentType ?? 'text/html; charset=utf-8',
      headers
    }
  if (fault.status !== undefined) {
    const reply = error(status)
    return { ...reply, contentType: fault.contentType ?? JSON_TYPE, headers }
  }
  return null
}

/**
 * Starts the fake on 127.0.0.1.
 * @param {FakePlatformOptions} [options]
 * @returns {Promise<FakePlatform>}
 */
export async function startFakePlatform(options = {}) {
  const {
    shape = 'deployed',
    tokens = { [DEMO.token]: { scopes: ['runs:read', 'results:read'] } },
    rateLimit = { limit: 120, windowMs: 60000 },
    latencyMs = 0,
    now = Date.now,
    runs = defaultRuns(),
    runFields = demoRunFields(),
    listQuirks = null,
    port = 0
  } = options
  const limiter = rateLimit && createRateLimiter(rateLimit, now)
  const store = createRunStore({ runs, runFields, now })
  let quirks = listQuirks
  let closed = false
  /** @type {RequestRecord[]} */
  const requests = []
  /** @type {{ fault: Fault, remaining: number }[]} */
  const faults = []
  /**
   * Responses not closed yet: what close() waits for, and the in-flight count.
   * @type {Set<ServerResponse>}
   */
  const open = new Set()
  let maxInFlight = 0

  /** The first queued fault that matches, used up after `times` requests. */
  const takeFault = (/** @type {string} */ path) => {
    const index = faults.findIndex(({ fault }) => !fault.match || fault.match(path))
    const entry = faults[index]
    if (!entry) return undefined
    entry.remaining -= 1
    if (entry.remaining <= 0) faults.splice(index, 1)
    return entry.fault
  }

  /**
   * 401 for a missing, unknown or expired token, 429 over the limit, 403 without the
   * route's scope (checked before the parameters, as the server's middleware does).
   * @param {string | undefined} token
   * @param {string} scope
   */
  const authorize = (token, scope) => {
    const config = token !== undefined && Object.hasOwn(tokens, token) ? tokens[token] : undefined
    if (!token || !config) return error(401, 'Missing or invalid bearer token.')
    if (config.expired) return error(401, 'Token expired.')
    const limited = limiter?.hit(token)
    if (limited) return limited
    const scopes = config.scopes ?? ['runs:read']
    if (scopes.includes(scope)) return null
    return error(403, `Token lacks the scope ${scope}.`, {
      required_scopes: [scope],
      missing_scopes: [scope],
      token_scopes: [...scopes]
    })
  }

  /** @returns {Reply} */
  const route = (/** @type {IncomingMessage} */ req, /** @type {string} */ path) => {
    if (req.method !== 'GET')
      return { ...error(405, `Method ${req.method} not allowed.`), headers: { Allow: 'GET' } }
    const url = new URL(path, 'http://127.0.0.1')
    const apiPath = url.pathname.startsWith(`${DEMO.apiPath}/`)
      ? url.pathname.slice(DEMO.apiPath.length)
      : ''
    for (const { pattern, scope, handle } of shape === 'seed' ? [getResult] : ROUTES) {
      const match = pattern.exec(apiPath)
      if (!match) continue
      const denied = authorize(bearerToken(req), scope)
      if (denied) return denied
      const applying = quirks && (!quirks.match || quirks.match(path)) ? quirks : null
      const context = {
        store,
        query: url.searchParams,
        quirks: applying,
        shape: /** @type {'documented' | 'deployed'} */ (shape === 'seed' ? 'documented' : shape)
      }
      return handle(match.slice(1), context)
    }
    return shape === 'seed' ? error(404, 'Not found.') : error(404, `No route for ${url.pathname}.`)
  }

  /** Writes a reply with the rate-limit headers of the caller's token window. */
  const send = (
    /** @type {ServerResponse} */ res,
    /** @type {Reply} */ reply,
    /** @type {string} */ key
  ) => {
    res.statusCode = reply.status
    if (reply.contentType) res.setHeader('Content-Type', reply.contentType)
    for (const [name, value] of Object.entries({ ...limiter?.headers(key), ...reply.headers }))
      res.setHeader(name, value)
    res.end(reply.body)
  }

  /** Records the request, applies latency and faults, then routes it. */
  const handle = async (/** @type {IncomingMessage} */ req, /** @type {ServerResponse} */ res) => {
    const path = req.url ?? '/'
    /** @type {RequestRecord} */
    const record = {
      method: req.method ?? 'GET',
      path,
      authorization: req.headers.authorization,
      status: 0,
      startedAt: now(),
      endedAt: null
    }
    requests.push(record)
    open.add(res)
    maxInFlight = Math.max(maxInFlight, open.size)
    res.on('close', () => {
      open.delete(res)
      record.status = res.headersSent ? res.statusCode : 0
      record.endedAt = now()
    })

    const fault = takeFault(path)
    const delay = latencyMs + (fault?.delayMs ?? 0)
    if (delay > 0) await sleep(delay, undefined, { ref: false })
    if (closed || res.destroyed) return
    if (fault?.destroy) return void req.socket.destroy()
    if (fault?.hang) return
    const reply = (fault && faultReply(fault)) ?? route(req, fault?.asPath?.(path) ?? path)
    send(res, reply, bearerToken(req) ?? '')
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((/** @type {unknown} */ cause) => {
      if (closed || res.headersSent) return
      send(res, error(500, `Fake platform failure: ${String(cause)}`), '')
    })
  })
  const url = await listenOnLoopback(server, port, 'Fake platform')

  return {
    url,
    apiUrl: `${url}${DEMO.apiPath}`,
    requests,
    runs,
    stats() {
      /** @type {Record<number, number>} */
      const byStatus = {}
      for (const { status, endedAt } of requests)
        if (endedAt !== null) byStatus[status] = (byStatus[status] ?? 0) + 1
      return { total: requests.length, byStatus, maxInFlight, inFlight: open.size }
    },
    setResult(runId, result) {
      const run = runs.get(runId) ?? new Map()
      run.set(result.regression_id, result)
      runs.set(runId, run)
    },
    setRun: store.setRun,
    setProgress: store.setProgress,
    scheduleRun: store.scheduleRun,
    scheduleCommit: store.scheduleCommit,
    restartRun: store.restartRun,
    removeRun: store.removeRun,
    setOutputFiles: store.setOutputFiles,
    setListQuirks(next) {
      quirks = next
    },
    enqueueFault(fault) {
      faults.push({ fault, remaining: fault.times ?? 1 })
    },
    reset() {
      requests.length = 0
      faults.length = 0
      quirks = listQuirks
      limiter?.clear()
      maxInFlight = open.size
    },
    async close() {
      closed = true
      await closeServer(server, open)
    }
  }
}
