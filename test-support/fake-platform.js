// @ts-check
/**
 * A fake CCExtractor Sample Platform API on 127.0.0.1, for the tests and the demo.
 * Node built-ins only, so `node scripts/demo.js` works on a fresh clone without npm install.
 * Behaviour follows shared/api/CONTRACT.md; see startFakePlatform for the knobs.
 */
import { createServer, STATUS_CODES } from 'node:http'
import { closeServer, listenOnLoopback } from './loopback-server.js'
import { setTimeout as sleep } from 'node:timers/promises'
import { DEMO, defaultRuns, toDeployedShape } from './sample-runs.js'

export { DEMO }

/** @typedef {import('./sample-runs.js').SampleResult} SampleResult */
/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

/**
 * @typedef {object} TokenConfig
 * @property {string[]} [scopes] default ['runs:read']
 * @property {boolean} [expired] answer 401 'Token expired.'
 */

/**
 * A canned answer for the next matching request, given before auth and rate limiting.
 * With none of status, json, body, hang or destroy it only delays, then the request is served normally.
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
 */

/**
 * @typedef {object} FakePlatformOptions
 * @property {'documented' | 'deployed'} [shape] how the single-result endpoint serializes
 * @property {Record<string, TokenConfig>} [tokens] default: DEMO.token with scope runs:read
 * @property {{ limit: number, windowMs: number, aligned?: boolean } | null} [rateLimit] fixed window per token;
 *   a window starts at its first request, or with `aligned` at a multiple of windowMs on the clock; null disables
 * @property {number} [latencyMs] delay before every answer
 * @property {() => number} [now] clock in ms for rate-limit windows and request timestamps
 * @property {Map<number, Map<number, SampleResult>>} [runs] default defaultRuns()
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
 * @property {(runId: number, result: SampleResult) => void} setResult keyed by result.regression_id
 * @property {(runId: number) => void} removeRun
 * @property {(fault: Fault) => void} enqueueFault
 * @property {() => void} reset forget requests, stats, faults and rate-limit windows
 * @property {() => Promise<void>} close stop, destroying open and hanging connections
 */

/** @typedef {{ status: number, body: string, contentType: string, headers?: Record<string, string> }} Reply */

const JSON_TYPE = 'application/json'
const MAX_ID = 2147483647
const ROUTE = /^\/api\/v1\/runs\/([^/]+)\/samples(?:\/([^/]+))?$/

/** @type {Record<number, string>} */
const ERROR_CODES = {
  400: 'validation_error',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  429: 'rate_limited'
}

/** @returns {Reply} */
function json(/** @type {number} */ status, /** @type {unknown} */ value) {
  return { status, body: JSON.stringify(value), contentType: JSON_TYPE }
}

/**
 * The platform's error body: `details` is always an object.
 * @param {number} status
 * @param {string} message
 * @param {Record<string, unknown>} [details]
 * @returns {Reply}
 */
function error(status, message, details = {}) {
  const code = ERROR_CODES[status] ?? (status >= 500 ? 'internal_error' : 'error')
  return json(status, { code, message, details })
}

/** @returns {Reply} */
function validationError(/** @type {string} */ message, /** @type {string[]} */ fields) {
  return error(400, message, { fields })
}

/** An ID as the platform accepts it: an integer in 1..2147483647, else null. */
function parseId(/** @type {string} */ text) {
  const value = /^\d{1,10}$/.test(text) ? Number(text) : 0
  return value >= 1 && value <= MAX_ID ? value : null
}

/**
 * A query integer in [min, max], the fallback when absent, null when invalid.
 * @param {string | null} text
 * @param {number} fallback
 * @param {number} min
 * @param {number} max
 */
function parseQueryInt(text, fallback, min, max) {
  if (text === null) return fallback
  const value = /^\d{1,10}$/.test(text) ? Number(text) : -1
  return value >= min && value <= max ? value : null
}

/** Names of the parameters that failed to parse. */
function invalidFields(/** @type {Record<string, number | null>} */ values) {
  return Object.entries(values)
    .filter(([, value]) => value === null)
    .map(([name]) => name)
}

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
    const reply = error(status, `${STATUS_CODES[status] ?? 'Error'}.`)
    return { ...reply, contentType: fault.contentType ?? JSON_TYPE, headers }
  }
  return null
}

/**
 * Fixed-window request counting per token; a window starts with its first
 * request (as Flask-Limiter's fixed window does), or on the clock when aligned.
 * @param {{ limit: number, windowMs: number, aligned?: boolean }} config
 * @param {() => number} now
 */
function createRateLimiter({ limit, windowMs, aligned = false }, now) {
  /** @type {Map<string, { start: number, count: number }>} */
  const windows = new Map()

  /** The live window of a key, or a fresh one that is not stored. */
  const current = (/** @type {string} */ key) => {
    const window = windows.get(key)
    if (window && now() < window.start + windowMs) return window
    return { start: aligned ? Math.floor(now() / windowMs) * windowMs : now(), count: 0 }
  }

  return {
    /** Counts a request; returns the 429 reply when the window is used up. */
    hit(/** @type {string} */ key) {
      const window = current(key)
      window.count += 1
      windows.set(key, window)
      if (window.count <= limit) return null
      const retryAfter = Math.ceil((window.start + windowMs - now()) / 1000)
      const reply = error(429, `Rate limit exceeded. Retry in ${retryAfter} seconds.`, {
        retry_after: retryAfter,
        limit,
        window: `${windowMs / 1000}s`
      })
      return { ...reply, headers: { 'Retry-After': String(retryAfter) } }
    },
    /** @returns {Record<string, string>} */
    headers(/** @type {string} */ key) {
      const window = current(key)
      return {
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': String(Math.max(0, limit - window.count)),
        'X-RateLimit-Reset': String(Math.ceil((window.start + windowMs) / 1000))
      }
    },
    clear: () => windows.clear()
  }
}

/**
 * Starts the fake on 127.0.0.1.
 * @param {FakePlatformOptions} [options]
 * @returns {Promise<FakePlatform>}
 */
export async function startFakePlatform(options = {}) {
  const {
    shape = 'documented',
    tokens = { [DEMO.token]: { scopes: ['runs:read'] } },
    rateLimit = { limit: 120, windowMs: 60000 },
    latencyMs = 0,
    now = Date.now,
    runs = defaultRuns(),
    port = 0
  } = options
  const limiter = rateLimit && createRateLimiter(rateLimit, now)
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

  /** 401 for a missing, unknown or expired token, 429 over the limit, 403 without runs:read. */
  const authorize = (/** @type {string | undefined} */ token) => {
    const config = token !== undefined && Object.hasOwn(tokens, token) ? tokens[token] : undefined
    if (!token || !config) return error(401, 'Missing or invalid bearer token.')
    if (config.expired) return error(401, 'Token expired.')
    const limited = limiter?.hit(token)
    if (limited) return limited
    if ((config.scopes ?? ['runs:read']).includes('runs:read')) return null
    return error(403, 'Token lacks required scope.', { missing_scopes: ['runs:read'] })
  }

  /** GET /runs/{run_id}/samples/{sample_id} */
  const getSample = (/** @type {string} */ runText, /** @type {string} */ sampleText) => {
    const runId = parseId(runText)
    const sampleId = parseId(sampleText)
    if (runId === null || sampleId === null)
      return validationError(
        'Invalid path parameter.',
        invalidFields({ run_id: runId, sample_id: sampleId })
      )
    const run = runs.get(runId)
    if (!run) return error(404, `Run ${runId} not found.`)
    const result = run.get(sampleId)
    if (!result) return error(404, `Regression test ${sampleId} not found in run ${runId}.`)
    return json(200, shape === 'deployed' ? toDeployedShape(result) : result)
  }

  /** GET /runs/{run_id}/samples?limit&offset&status, always in the deployed shape. */
  const listSamples = (/** @type {string} */ runText, /** @type {URLSearchParams} */ query) => {
    const runId = parseId(runText)
    if (runId === null) return validationError('Invalid path parameter.', ['run_id'])
    const limit = parseQueryInt(query.get('limit'), 50, 1, 100)
    const offset = parseQueryInt(query.get('offset'), 0, 0, MAX_ID)
    if (limit === null || offset === null)
      return validationError('Invalid query parameter.', invalidFields({ limit, offset }))
    const run = runs.get(runId)
    if (!run) return error(404, `Run ${runId} not found.`)
    const status = query.get('status')
    const matching = [...run.values()]
      .filter((result) => status === null || result.status === status)
      .sort((a, b) => a.regression_id - b.regression_id)
    const end = offset + limit
    return json(200, {
      data: matching.slice(offset, end).map(toDeployedShape),
      pagination: {
        limit,
        offset,
        total: matching.length,
        next_offset: end < matching.length ? end : null
      }
    })
  }

  /** @returns {Reply} */
  const route = (/** @type {IncomingMessage} */ req, /** @type {string} */ path) => {
    if (req.method !== 'GET')
      return { ...error(405, `Method ${req.method} not allowed.`), headers: { Allow: 'GET' } }
    const url = new URL(path, 'http://127.0.0.1')
    const match = ROUTE.exec(url.pathname)
    if (!match?.[1]) return error(404, `No route for ${url.pathname}.`)
    const denied = authorize(bearerToken(req))
    if (denied) return denied
    if (match[2] === undefined) return listSamples(match[1], url.searchParams)
    return getSample(match[1], match[2])
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
    const reply = (fault && faultReply(fault)) ?? route(req, path)
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
    removeRun(runId) {
      runs.delete(runId)
    },
    enqueueFault(fault) {
      faults.push({ fault, remaining: fault.times ?? 1 })
    },
    reset() {
      requests.length = 0
      faults.length = 0
      limiter?.clear()
      maxInFlight = open.size
    },
    async close() {
      closed = true
      await closeServer(server, open)
    }
  }
}
