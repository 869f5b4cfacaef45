import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createPlatformClient, type PlatformClientOptions } from '../../src/platform/api/client.js'
import { MAX_WAIT_MS } from '../../src/platform/api/retry.js'
import { actionError } from '../../test-support/action-error.js'
import { DEMO, mediaOf, startFakePlatform } from '../../test-support/fake-platform.js'
import { useFakePlatform } from '../../test-support/platform-fixture.js'
import { testClock, type TestClock } from '../../test-support/test-clock.js'

const platform = useFakePlatform()
function client(options: Partial<PlatformClientOptions> & { clock?: TestClock } = {}) {
  const clock = options.clock ?? testClock()
  const lines: string[] = []
  const instance = createPlatformClient({
    apiUrl: platform().apiUrl,
    token: DEMO.token,
    timeoutMs: 5000,
    maxRetries: 4,
    clock,
    log: { debug: (line) => lines.push(`debug: ${line}`), info: (line) => lines.push(line) },
    ...options
  })
  return { client: instance, clock, lines }
}

describe('fetchResult', () => {
  it('fetches a result with the bearer token', async () => {
    const result = await client().client.fetchResult(DEMO.runId, DEMO.failingSample)
    expect(result).toMatchObject({
      run_id: DEMO.runId,
      regression_id: DEMO.failingSample,
      status: 'fail'
    })
    expect(platform().requests).toHaveLength(1)
    expect(platform().requests[0]?.authorization).toBe(`Bearer ${DEMO.token}`)
    expect(platform().requests[0]?.path).toBe(
      `/api/v1/runs/${DEMO.runId}/samples/${DEMO.failingSample}`
    )
  })

  it('reads the deployed server shape', async () => {
    const deployed = await startFakePlatform({ shape: 'deployed' })
    try {
      const { client: api } = client({ apiUrl: deployed.apiUrl })
      const result = await api.fetchResult(DEMO.runId, DEMO.timeoutSample)
      expect(result).toMatchObject({
        run_id: DEMO.runId,
        sample_id: mediaOf(DEMO.timeoutSample),
        regression_id: DEMO.timeoutSample,
        category: 'DVB, Options',
        exit_code: -1,
        expected_exit_code: 0,
        result_message: null,
        tags: []
      })
    } finally {
      await deployed.close()
    }
  })

  it('logs each request at debug level without the token', async () => {
    const { client: api, lines } = client()
    await api.fetchResult(DEMO.runId, DEMO.passingSample)
    expect(lines.join('\n')).toMatch(
      /debug: GET \/api\/v1\/runs\/9412\/samples\/159 -> 200 in \d+ ms \(rate limit: 119\/120 left\)/
    )
    expect(lines.join('\n')).not.toContain(DEMO.token)
  })
})

describe('errors that are not retried', () => {
  it.each([
    [
      'a wrong token',
      { token: 'spci_wrong' },
      'auth',
      /answered 401 unauthorized: "Missing or invalid bearer token\." for run 9412, sample 159\. The api-token is missing, expired \(tokens live at most 30 days\) or wrong/
    ]
  ])('%s', async (_name, options, kind, message) => {
    const error = await actionError(() =>
      client(options).client.fetchResult(DEMO.runId, DEMO.passingSample)
    )
    expect(error.kind).toBe(kind)
    expect(error.message).toMatch(message)
    expect(platform().requests).toHaveLength(1)
  })

  it('an expired token', async () => {
    const expiring = await startFakePlatform({ tokens: { spci_old: { expired: true } } })
    try {
      const error = await actionError(() =>
        client({ apiUrl: expiring.apiUrl, token: 'spci_old' }).client.fetchResult(1, 2)
      )
      expect(error.message).toContain('401 unauthorized: "Token expired."')
      expect(error.message).toContain('tokens live at most 30 days')
    } finally {
      await expiring.close()
    }
  })

  it('a token without the runs:read scope', async () => {
    const scoped = await startFakePlatform({
      tokens: { spci_narrow: { scopes: ['samples:read'] } }
    })
    try {
      const error = await actionError(() =>
        client({ apiUrl: scoped.apiUrl, token: 'spci_narrow' }).client.fetchResult(1, 2)
      )
      expect(error.kind).toBe('auth')
      expect(error.message).toContain('403 forbidden')
      expect(error.message).toContain('lacks the scope runs:read')
      expect(scoped.requests).toHaveLength(1)
    } finally {
      await scoped.close()
    }
  })

  it('a run that does not exist, or is still in progress', async () => {
    const error = await actionError(() => client().client.fetchResult(DEMO.inProgressRunId, 5))
    expect(error.kind).toBe('not-found')
    expect(error.message).toContain('404 not_found: "Run 9413 not found." for run 9413, sample 5')
    expect(error.message).toContain('still in progress')
    expect(platform().requests).toHaveLength(1)
  })

  it('a sample that is not in the run', async () => {
    const error = await actionError(() => client().client.fetchResult(DEMO.runId, 250))
    expect(error.message).toContain('"Regression test 250 not found in run 9412."')
    expect(error.message).toContain('Check run-id and sample-id')
  })

  it('a 400 is an input error that names the field the server rejected', async () => {
    const error = await actionError(() => client().client.fetchResult(DEMO.runId, 0))
    expect(error.kind).toBe('input')
    expect(error.message).toContain('400 validation_error: "Request failed schema validation."')
    expect(error.message).toMatch(/The server rejected the field\(s\) regression_test_id \(.+\)/)
    expect(platform().requests).toHaveLength(1)
  })

  it('a 200 that is not JSON', async () => {
    platform().enqueueFault({ status: 200, body: '<html><body>Sign in</body></html>' })
    const error = await actionError(() => client().client.fetchResult(DEMO.runId, 1))
    expect(error.kind).toBe('response')
    expect(error.message).toContain(
      'answered 200 for run 9412, sample 1 with an HTML page instead of JSON'
    )
  })

  it('a 200 with the wrong fields', async () => {
    platform().enqueueFault({
      json: { status: 'pass', regression_id: 'seven', command: '', category: 'x' }
    })
    const error = await actionError(() => client().client.fetchResult(DEMO.runId, 1))
    expect(error.message).toContain('field "regression_id" should be an integer, not "seven"')
  })

  it('never shows the token, even when the server echoes it', async () => {
    platform().enqueueFault({
      status: 401,
      json: { code: 'unauthorized', message: `Bad token ${DEMO.token}`, details: {} }
    })
    const error = await actionError(() => client().client.fetchResult(DEMO.runId, 1))
    expect(error.message).toContain('"Bad token ***"')
    expect(error.message).not.toContain(DEMO.token)
  })

  it('keeps server text to one line without workflow commands', async () => {
    platform().enqueueFault({
      status: 404,
      json: { code: 'not_found', message: 'gone\n::error::pwned ##[x]', details: {} }
    })
    const error = await actionError(() => client().client.fetchResult(DEMO.runId, 1))
    expect(error.message).not.toMatch(/\n|::|##\[/)
  })
})

describe('retries', () => {
  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    platform().enqueueFault({ status: 429, headers: { 'Retry-After': '7' } })
    const { client: api, clock, lines } = client()
    const result = await api.fetchResult(DEMO.runId, DEMO.passingSample)
    expect(result.status).toBe('pass')
    expect(clock.sleeps).toEqual([7000])
    expect(lines).toContain(
      'Sample Platform: 429 rate_limited for run 9412, sample 159; retrying in 7 s (retry 1 of 4).'
    )
  })

  it('honours a Retry-After given as an HTTP date', async () => {
    const { client: api, clock } = client()
    platform().enqueueFault({
      status: 429,
      headers: { 'Retry-After': new Date(clock.now() + 20_000).toUTCString() }
    })
    await api.fetchResult(DEMO.runId, DEMO.passingSample)
    expect(clock.sleeps).toHaveLength(1)
    expect(clock.sleeps[0]).toBeGreaterThan(18_000)
    expect(clock.sleeps[0]).toBeLessThanOrEqual(20_000)
  })

  it('waits for the window to reset when a 429 has no Retry-After', async () => {
    const { client: api, clock } = client()
    const reset = String(Math.ceil(clock.now() / 1000) + 30)
    platform().enqueueFault({
      status: 429,
      headers: { 'X-RateLimit-Reset': reset, 'X-RateLimit-Remaining': '0' }
    })
    await api.fetchResult(DEMO.runId, DEMO.passingSample)
    expect(clock.sleeps[0]).toBeGreaterThan(29_000)
    expect(clock.sleeps[0]).toBeLessThanOrEqual(31_000)
  })

  it('paces itself by the rate-limit headers: waits for the next window instead of taking a 429', async () => {
    const clock = testClock()
    const limited = await startFakePlatform({
      rateLimit: { limit: 2, windowMs: 60_000 },
      now: clock.now
    })
    try {
      const pacing: number[] = []
      const { client: api } = client({
        apiUrl: limited.apiUrl,
        clock,
        onPacingWait: (ms) => pacing.push(ms)
      })
      for (const id of [1, 2, 3]) await api.fetchResult(DEMO.runId, id)
      expect(limited.stats().byStatus).toEqual({ 200: 3 })
      // The window ends at its X-RateLimit-Reset (whole seconds) plus 50 ms of slack.
      expect(clock.sleeps).toHaveLength(1)
      expect(clock.sleeps[0]).toBeGreaterThanOrEqual(60_050)
      expect(clock.sleeps[0]).toBeLessThan(61_050)
      expect(pacing).toEqual(clock.sleeps)
    } finally {
      await limited.close()
    }
  })

  it('survives a 429 storm, waiting as told each time', async () => {
    platform().enqueueFault({ status: 429, headers: { 'Retry-After': '2' }, times: 3 })
    const { client: api, clock } = client()
    expect((await api.fetchResult(DEMO.runId, DEMO.passingSample)).status).toBe('pass')
    expect(clock.sleeps).toEqual([2000, 2000, 2000])
  })

  it('gives up when 429s outlast max-retries', async () => {
    platform().enqueueFault({ status: 429, headers: { 'Retry-After': '1' }, times: 5 })
    const { client: api, clock } = client({ maxRetries: 2 })
    const error = await actionError(() => api.fetchResult(DEMO.runId, 1))
    expect(error.kind).toBe('rate-limit')
    expect(error.message).toContain(
      'answered 429 rate_limited: "Too Many Requests." for run 9412, sample 1, after 3 attempts'
    )
    expect(clock.sleeps).toEqual([1000, 1000])
  })

  it('fails at once when asked to wait longer than it ever waits', async () => {
    platform().enqueueFault({ status: 429, headers: { 'Retry-After': '3600' } })
    const { client: api, clock } = client()
    const error = await actionError(() => api.fetchResult(DEMO.runId, 1))
    expect(error.kind).toBe('rate-limit')
    expect(error.message).toContain(
      `asked to wait 3600 s before trying again (429 rate_limited), longer than the ${MAX_WAIT_MS / 1000} s this action waits`
    )
    expect(clock.sleeps).toEqual([])
    expect(platform().requests).toHaveLength(1)
  })

  it('backs off exponentially after 5xx, then succeeds', async () => {
    platform().enqueueFault({ status: 503, times: 3 })
    const { client: api, clock } = client()
    const result = await api.fetchResult(DEMO.runId, DEMO.passingSample)
    expect(result.status).toBe('pass')
    // random() is 0.5: three quarters of 1 s, 2 s, 4 s.
    expect(clock.sleeps).toEqual([750, 1500, 3000])
    expect(platform().requests).toHaveLength(4)
  })

  it('gives up after max-retries on a persistent 5xx', async () => {
    platform().enqueueFault({ status: 500, times: 10 })
    const { client: api, clock } = client({ maxRetries: 2 })
    const error = await actionError(() => api.fetchResult(DEMO.runId, 1))
    expect(error.kind).toBe('server')
    expect(error.message).toContain(
      'answered 500 internal_error: "Internal Server Error." for run 9412, sample 1, after 3 attempts'
    )
    expect(error.message).toContain('re-run the job later')
    expect(clock.sleeps).toHaveLength(2)
    expect(platform().requests).toHaveLength(3)
  })

  it('makes exactly one attempt with max-retries 0', async () => {
    platform().enqueueFault({ status: 502, times: 2 })
    const error = await actionError(() =>
      client({ maxRetries: 0 }).client.fetchResult(DEMO.runId, 1)
    )
    expect(error.message).toContain('answered 502')
    expect(platform().requests).toHaveLength(1)
  })

  it('says when a proxy answered with an HTML page or an empty body', async () => {
    platform().enqueueFault({
      status: 502,
      body: '<html><h1>502 Bad Gateway</h1></html>',
      times: 5
    })
    const html = await actionError(() => client().client.fetchResult(DEMO.runId, 1))
    expect(html.message).toContain(
      'answered 502 with an HTML page for run 9412, sample 1, after 5 attempts (a proxy or gateway in front of the server answered)'
    )
    platform().enqueueFault({ status: 503, body: '', contentType: '', times: 5 })
    const empty = await actionError(() => client().client.fetchResult(DEMO.runId, 1))
    expect(empty.message).toContain('answered 503 with an empty body')
  })

  it('retries a request that times out', async () => {
    platform().enqueueFault({ hang: true })
    const { client: api, clock } = client({ timeoutMs: 100 })
    const result = await api.fetchResult(DEMO.runId, DEMO.passingSample)
    expect(result.status).toBe('pass')
    expect(clock.sleeps).toHaveLength(1)
  })

  it('says how long it waited when every attempt times out', async () => {
    platform().enqueueFault({ hang: true, times: 2 })
    const error = await actionError(() =>
      client({ timeoutMs: 100, maxRetries: 1 }).client.fetchResult(DEMO.runId, 1)
    )
    expect(error.kind).toBe('network')
    expect(error.message).toContain(
      'did not answer within 0.1 s (request-timeout) for run 9412, sample 1, after 2 attempts'
    )
  })

  it('retries a dropped connection', async () => {
    platform().enqueueFault({ destroy: true })
    const result = await client().client.fetchResult(DEMO.runId, DEMO.passingSample)
    expect(result.status).toBe('pass')
  })

  it('names the cause when nothing listens', async () => {
    const closed = await startFakePlatform()
    await closed.close()
    const error = await actionError(() =>
      client({ apiUrl: closed.apiUrl, maxRetries: 1 }).client.fetchResult(1, 2)
    )
    expect(error.kind).toBe('network')
    expect(error.message).toMatch(
      /Could not reach the Sample Platform for run 1, sample 2: connect ECONNREFUSED 127\.0\.0\.1:\d+, after 2 attempts/
    )
  })
})

describe('redirects', () => {
  let redirector: Server
  let redirectTo = ''
  const seen: { path: string; authorization: string | undefined }[] = []

  beforeAll(async () => {
    redirector = createServer((req, res) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization })
      if (req.url?.startsWith('/old/')) {
        res.writeHead(308, { Location: req.url.replace('/old/', redirectTo) }).end()
      } else {
        res.writeHead(404).end()
      }
    })
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve))
  })
  afterAll(async () => {
    await new Promise((resolve) => redirector.close(resolve))
  })
  beforeEach(() => {
    seen.length = 0
  })
  const base = () => `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`

  it('follows a redirect within the origin, with the token', async () => {
    redirectTo = '/new/'
    const error = await actionError(() =>
      client({ apiUrl: `${base()}/old`, maxRetries: 0 }).client.fetchResult(1, 2)
    )
    expect(seen.map((request) => request.path)).toEqual([
      '/old/runs/1/samples/2',
      '/new/runs/1/samples/2'
    ])
    expect(seen.every((request) => request.authorization === `Bearer ${DEMO.token}`)).toBe(true)
    expect(error.message).toContain('answered 404')
  })

  it('refuses to follow a redirect to another origin', async () => {
    redirectTo = `${platform().apiUrl}/`
    const error = await actionError(() =>
      client({ apiUrl: `${base()}/old` }).client.fetchResult(DEMO.runId, 1)
    )
    expect(error.message).toContain(
      `redirected /old/runs/9412/samples/1 to another origin (${platform().url}); the token is only ever sent to ${base()}`
    )
    expect(platform().requests).toHaveLength(0)
  })
})

describe('findings of the review', () => {
  it('keeps a 429 code from starting a workflow command in the retry line', async () => {
    platform().enqueueFault({
      status: 429,
      headers: { 'Retry-After': '1' },
      json: {
        code: 'rl\n::error title=Injected::pwned\n##[group]fake',
        message: 'slow down',
        details: {}
      }
    })
    const { client: api, lines } = client()
    await api.fetchResult(DEMO.runId, DEMO.passingSample)
    const retry = lines.filter((line) => line.startsWith('Sample Platform: 429'))
    expect(retry).toHaveLength(1)
    expect(retry[0]).not.toMatch(/\n|::|##\[/)
  })

  it('redacts the token from strings that JSON escaping hid from the raw body', async () => {
    const token = 'spci_ab/cd+ef'
    const escaped = JSON.stringify(token).slice(1, -1).replace('/', '\\/')
    const echo = await startFakePlatform({ tokens: { [token]: {} } })
    try {
      const known = echo.runs.get(DEMO.runId)?.get(DEMO.passingSample)
      echo.enqueueFault({
        body: JSON.stringify({ ...known, result_message: 'TOKEN' }).replace('TOKEN', escaped),
        contentType: 'application/json'
      })
      const { client: api } = client({ apiUrl: echo.apiUrl, token })
      const result = await api.fetchResult(DEMO.runId, DEMO.passingSample)
      expect(result.result_message).toBe('***')
      echo.enqueueFault({
        status: 401,
        body: `{"code":"unauthorized","message":"bad ${escaped}","details":{}}`,
        contentType: 'application/json'
      })
      const error = await actionError(() => api.fetchResult(DEMO.runId, DEMO.passingSample))
      expect(error.message).toContain('"bad ***"')
    } finally {
      await echo.close()
    }
  })

  it('fails at once when the window it must wait for resets later than it ever waits', async () => {
    const { client: api, clock } = client()
    const reset = String(Math.ceil(clock.now() / 1000) + 3600)
    platform().enqueueFault({
      json: platform().runs.get(DEMO.runId)?.get(1),
      headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset }
    })
    await api.fetchResult(DEMO.runId, 1)
    const error = await actionError(() => api.fetchResult(DEMO.runId, 2))
    expect(error.kind).toBe('rate-limit')
    expect(error.message).toMatch(/resets in 36\d\d s, longer than the 120 s this action waits/)
    expect(clock.sleeps).toEqual([])
    expect(platform().requests).toHaveLength(1)
  })
})
