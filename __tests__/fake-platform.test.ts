import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { DEMO, startFakePlatform, type FakePlatform } from '../test-support/fake-platform.js'

const auth = { Authorization: `Bearer ${DEMO.token}` }

interface Page {
  data: { regression_test_id: number }[]
  pagination: { next_offset: number | null }
}

/** GET with the demo token unless other headers are given. */
async function get<Body = Record<string, unknown>>(
  url: string,
  headers: Record<string, string> = auth
) {
  const response = await fetch(url, { headers })
  return { response, body: (await response.json()) as Body }
}

const sampleUrl = (platform: FakePlatform, run: number | string, sample: number | string) =>
  `${platform.apiUrl}/runs/${run}/samples/${sample}`

describe('fake Sample Platform', () => {
  let platform: FakePlatform
  let deployed: FakePlatform

  beforeAll(async () => {
    platform = await startFakePlatform({
      tokens: { [DEMO.token]: {}, spci_no_scope: { scopes: [] }, spci_old: { expired: true } }
    })
    deployed = await startFakePlatform({ shape: 'deployed' })
  })

  afterAll(async () => {
    await platform.close()
    await deployed.close()
  })

  it('answers a result in the documented shape', async () => {
    const { response, body } = await get(sampleUrl(platform, DEMO.runId, DEMO.failingSample))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('x-ratelimit-limit')).toBe('120')
    expect(body).toMatchObject({
      run_id: DEMO.runId,
      regression_id: DEMO.failingSample,
      status: 'fail',
      exit_code: 8,
      expected_exit_code: 0,
      outputs: [{ filename: expect.stringMatching(/^[0-9a-f]{64}\.\w+$/), status: 'fail' }]
    })
  })

  it('answers a result in the deployed shape', async () => {
    const { body } = await get(sampleUrl(deployed, DEMO.runId, DEMO.timeoutSample))
    expect(body).toMatchObject({
      regression_test_id: DEMO.timeoutSample,
      categories: ['DVB', 'Options'],
      status: 'fail',
      exit_code: -1,
      expected_rc: 0,
      runtime_ms: 600000
    })
    expect(body).not.toHaveProperty('run_id')
  })

  it.each([
    ['no token', {}, 401, 'unauthorized', 'Missing or invalid bearer token.'],
    [
      'an expired token',
      { Authorization: 'Bearer spci_old' },
      401,
      'unauthorized',
      'Token expired.'
    ],
    [
      'a token without runs:read',
      { Authorization: 'Bearer spci_no_scope' },
      403,
      'forbidden',
      'Token lacks required scope.'
    ]
  ])('rejects %s', async (_, headers, status, code, message) => {
    const { response, body } = await get(sampleUrl(platform, DEMO.runId, 1), headers)
    expect(response.status).toBe(status)
    expect(body).toMatchObject({ code, message, details: expect.any(Object) })
  })

  it('answers 404 for an unknown run and an unknown regression test', async () => {
    const run = await get(sampleUrl(platform, DEMO.inProgressRunId, 1))
    expect(run.response.status).toBe(404)
    expect(run.body).toMatchObject({
      code: 'not_found',
      message: `Run ${DEMO.inProgressRunId} not found.`
    })
    const sample = await get(sampleUrl(platform, DEMO.runId, 999))
    expect(sample.response.status).toBe(404)
    expect(sample.body).toMatchObject({
      message: `Regression test 999 not found in run ${DEMO.runId}.`
    })
  })

  it('answers 400 naming the invalid IDs', async () => {
    const { response, body } = await get(sampleUrl(platform, 'abc', 2147483648))
    expect(response.status).toBe(400)
    expect(body).toMatchObject({
      code: 'validation_error',
      details: { fields: ['run_id', 'sample_id'] }
    })
  })

  it('pages through a whole run in regression ID order', async () => {
    const ids: number[] = []
    let offset: number | null = 0
    while (offset !== null) {
      const url = `${platform.apiUrl}/runs/${DEMO.runId}/samples?limit=100&offset=${offset}`
      const page: Page = (await get<Page>(url)).body
      ids.push(...page.data.map((result) => result.regression_test_id))
      offset = page.pagination.next_offset
    }
    expect(ids).toHaveLength(230)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    const bad = await get(`${platform.apiUrl}/runs/${DEMO.runId}/samples?limit=101`)
    expect(bad.body).toMatchObject({ details: { fields: ['limit'] } })
  })

  it('limits the rate per token in a fixed window', async () => {
    let clock = 1_000_000
    const limited = await startFakePlatform({
      rateLimit: { limit: 3, windowMs: 10000 },
      now: () => clock
    })
    try {
      const statuses = []
      for (let i = 0; i < 4; i++)
        statuses.push((await get(sampleUrl(limited, DEMO.runId, 1))).response.status)
      expect(statuses).toEqual([200, 200, 200, 429])
      clock += 2500
      const { response, body } = await get(sampleUrl(limited, DEMO.runId, 1))
      expect(response.status).toBe(429)
      expect(response.headers.get('retry-after')).toBe('8')
      expect(response.headers.get('x-ratelimit-remaining')).toBe('0')
      expect(response.headers.get('x-ratelimit-reset')).toBe('1010')
      expect(body).toMatchObject({
        code: 'rate_limited',
        details: { retry_after: 8, limit: 3, window: '10s' }
      })
      clock += 7500
      expect((await get(sampleUrl(limited, DEMO.runId, 1))).response.status).toBe(200)
    } finally {
      await limited.close()
    }
  })

  it('answers an injected fault, then serves normally again', async () => {
    platform.reset()
    platform.enqueueFault({ status: 503 })
    const failed = await get(sampleUrl(platform, DEMO.runId, DEMO.passingSample))
    expect(failed.response.status).toBe(503)
    expect(failed.body).toMatchObject({ code: 'internal_error', details: {} })
    const ok = await get(sampleUrl(platform, DEMO.runId, DEMO.passingSample))
    expect(ok.body).toMatchObject({ status: 'pass' })
    expect(platform.stats()).toMatchObject({ total: 2, byStatus: { 200: 1, 503: 1 } })
  })
})
