import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import {
  DEMO,
  minimalResult,
  startFakePlatform,
  type FakePlatform,
  type FakePlatformOptions
} from '../test-support/fake-platform.js'
import { srtFile } from '../test-support/output-files.js'
import { generateRun, mediaOf } from '../test-support/sample-runs.js'

const auth = (token: string = DEMO.token) => ({ Authorization: `Bearer ${token}` })

interface Page<Item> {
  data: Item[]
  pagination: {
    limit: number
    offset: number
    total: number | null
    next_offset: number | null
    truncated?: boolean
  }
  meta: Record<string, unknown>
}

interface Run {
  run_id: number
  status: string
  platform: string
  test_type: string
  repository: string
  branch: string | null
  commit_sha: string
  pr_number: number | null
  created_at: string | null
  queued_at: string | null
  started_at: string | null
  completed_at: string | null
  github_link: string | null
}

interface HistoryEntry {
  run_id: number
  regression_test_id: number
  status: string
  platform: string
  branch: string | null
  commit_sha: string | null
  tested_at: string | null
  failure_signature: string | null
}

interface DiffLine {
  kind: 'context' | 'added' | 'removed'
  expected_line: number | null
  actual_line: number | null
  text: string
}

interface StructuredDiff {
  status: string
  summary: { added_lines: number; removed_lines: number; changed_hunks: number }
  hunks: { expected_start: number; actual_start: number; lines: DiffLine[] }[]
}

/** GET with the demo token unless other headers are given. */
async function get<Body = Record<string, unknown>>(
  url: string,
  headers: Record<string, string> = auth()
) {
  const response = await fetch(url, { headers })
  return { response, body: (await response.json()) as Body }
}

/** A fake of its own for a test that changes its data, closed afterwards. */
async function withPlatform(
  options: FakePlatformOptions,
  test: (platform: FakePlatform) => Promise<void>
) {
  const platform = await startFakePlatform(options)
  try {
    await test(platform)
  } finally {
    await platform.close()
  }
}

const sampleUrl = (platform: FakePlatform, run: number | string, sample: number | string) =>
  `${platform.apiUrl}/runs/${run}/samples/${sample}`

const diffUrl = (
  platform: FakePlatform,
  [run, sample, regression, output]: (number | string)[],
  query = ''
) =>
  `${platform.apiUrl}/runs/${run}/samples/${sample}/regression-tests/${regression}/outputs/${output}/diff${query}`

/** Regression test 132 (media sample 1132) of run 9412: exit 8 and its one output (4117) differs. */
const FAILING_OUTPUT = [
  DEMO.runId,
  mediaOf(DEMO.failingSample),
  DEMO.failingSample,
  DEMO.failingOutput
]

const BOTH_SCOPES = ['runs:read', 'results:read']

describe('fake Sample Platform', () => {
  let platform: FakePlatform

  beforeAll(async () => {
    platform = await startFakePlatform({
      tokens: {
        [DEMO.token]: { scopes: BOTH_SCOPES },
        spci_runs_only: {},
        spci_no_scope: { scopes: [] },
        spci_old: { expired: true }
      }
    })
  })

  afterAll(async () => {
    await platform.close()
  })

  describe('results', () => {
    it('answers a result in the deployed shape by default', async () => {
      const { response, body } = await get(sampleUrl(platform, DEMO.runId, DEMO.timeoutSample))
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/json')
      expect(response.headers.get('x-ratelimit-limit')).toBe('120')
      expect(body).toMatchObject({
        regression_test_id: DEMO.timeoutSample,
        categories: ['DVB', 'Options'],
        status: 'fail',
        exit_code: -1,
        expected_rc: 0,
        runtime_ms: 600000,
        outputs: [{ output_id: 4110, filename: expect.stringMatching(/^[0-9a-f]{64}\.xml$/) }]
      })
      expect(Object.keys(body)).toEqual([
        'regression_test_id',
        'sample_id',
        'sample_name',
        'categories',
        'command',
        'status',
        'runtime_ms',
        'exit_code',
        'expected_rc',
        'outputs'
      ])
    })

    it('answers a result in the documented shape when asked', () =>
      withPlatform({ shape: 'documented' }, async (documented) => {
        const { body } = await get(sampleUrl(documented, DEMO.runId, DEMO.failingSample))
        expect(body).toMatchObject({
          run_id: DEMO.runId,
          regression_id: DEMO.failingSample,
          status: 'fail',
          exit_code: 8,
          expected_exit_code: 0,
          outputs: [{ filename: expect.stringMatching(/^[0-9a-f]{64}\.\w+$/), status: 'fail' }]
        })
      }))

    it('sends a minimal result without the fields it lacks, in both endpoints', () =>
      withPlatform({}, async (fake) => {
        fake.setResult(
          DEMO.runId,
          minimalResult({ regression_test_id: 250, sample_id: null, status: 'pass' })
        )
        fake.setResult(
          DEMO.runId,
          minimalResult({ regression_test_id: 251, sample_id: 77, status: 'fail', command: null })
        )
        const bare = { regression_test_id: 250, sample_id: null, status: 'pass' }
        const withCommand = {
          regression_test_id: 251,
          sample_id: 77,
          command: null,
          status: 'fail'
        }
        expect((await get(sampleUrl(fake, DEMO.runId, 250))).body).toStrictEqual(bare)
        expect((await get(sampleUrl(fake, DEMO.runId, 251))).body).toStrictEqual(withCommand)
        const list = await get<Page<unknown>>(
          `${fake.apiUrl}/runs/${DEMO.runId}/samples?offset=230`
        )
        expect(list.body.data).toStrictEqual([bare, withCommand])
      }))

    it('filters the list by status, category, tag and sample name', async () => {
      const list = async (query: string) =>
        (
          await get<Page<{ regression_test_id: number }>>(
            `${platform.apiUrl}/runs/${DEMO.runId}/samples?limit=100&${query}`
          )
        ).body
      const ids = async (query: string) => (await list(query)).data.map((r) => r.regression_test_id)
      expect(await ids('status=missing_output')).toEqual([DEMO.missingOutputSample])
      expect(await ids('status=fail')).toEqual([92, 107, 123, 132, 165, 201])
      expect(await ids('name=bbc1_TELETEXT')).toEqual([DEMO.passingSample])
      expect((await list('category=Teletext')).pagination.total).toBe(20)
      expect(await ids('category=DVB&status=fail')).toEqual([92, DEMO.timeoutSample])
      expect((await list('tag=teletext')).pagination.total).toBe(8)
      expect(await ids('tag=no-such-tag')).toEqual([])
    })

    it('answers 400 with every invalid parameter named in details.fields', async () => {
      const single = await get(sampleUrl(platform, 'abc', 2147483648))
      expect(single.response.status).toBe(400)
      expect(single.body).toEqual({
        code: 'validation_error',
        message: 'Request failed schema validation.',
        details: {
          fields: {
            run_id: 'Must be an integer between 1 and 2147483647.',
            regression_test_id: 'Must be an integer between 1 and 2147483647.'
          }
        }
      })
      const list = await get(
        `${platform.apiUrl}/runs/${DEMO.runId}/samples?limit=101&offset=-1&status=passed`
      )
      expect(list.response.status).toBe(400)
      expect(list.body).toMatchObject({
        details: {
          fields: {
            limit: 'Must be between 1 and 100.',
            offset: 'Must be between 0 and 2147483647.',
            status: expect.stringMatching(/^Must be one of \[pass, fail, /)
          }
        }
      })
    })

    it('pages through a whole run in regression ID order', async () => {
      const ids: number[] = []
      let offset: number | null = 0
      while (offset !== null) {
        const url = `${platform.apiUrl}/runs/${DEMO.runId}/samples?limit=100&offset=${offset}`
        const page: Page<{ regression_test_id: number }> = (
          await get<Page<{ regression_test_id: number }>>(url)
        ).body
        expect(page.pagination).toMatchObject({ limit: 100, offset, total: 230 })
        expect(page.meta).toEqual({})
        ids.push(...page.data.map((result) => result.regression_test_id))
        offset = page.pagination.next_offset
      }
      expect(ids).toHaveLength(230)
      expect(ids).toEqual([...ids].sort((a, b) => a - b))
    })

    it('has knobs for lists that are cut short, not counted or do not advance', async () => {
      const url = (query: string) => `${platform.apiUrl}/runs/${DEMO.runId}/samples?${query}`
      const pagination = async (query: string) =>
        (await get<Page<unknown>>(url(query))).body.pagination
      try {
        platform.setListQuirks({ scanLimit: 120 })
        expect(await pagination('limit=100')).toEqual({
          limit: 100,
          offset: 0,
          total: 120,
          next_offset: 100,
          truncated: true
        })
        const last = await get<Page<unknown>>(url('limit=100&offset=100'))
        expect(last.body.data).toHaveLength(20)
        expect(last.body.pagination).toMatchObject({ next_offset: null, truncated: true })

        platform.setListQuirks({ total: null })
        expect(await pagination('limit=10')).toMatchObject({ total: null, next_offset: 10 })
        platform.setListQuirks({ total: -1 })
        expect(await pagination('limit=10')).toMatchObject({ total: -1 })

        platform.setListQuirks({ stuckNextOffset: true })
        expect(await pagination('limit=100&offset=200')).toMatchObject({ next_offset: 200 })

        platform.setListQuirks({ total: -1, match: (path) => path.includes(`/${DEMO.runId}/`) })
        expect(await pagination('limit=10')).toMatchObject({ total: -1 })
        const baseline = `${platform.apiUrl}/runs/${DEMO.baselineRunId}/samples`
        expect((await get<Page<unknown>>(baseline)).body.pagination.total).toBe(230)
      } finally {
        platform.reset()
      }
      expect(await pagination('limit=10')).not.toHaveProperty('truncated')
    })
  })

  describe('errors and headers', () => {
    it.each([
      ['no token', {}, 401, { code: 'unauthorized', message: 'Missing or invalid bearer token.' }],
      [
        'an expired token',
        auth('spci_old'),
        401,
        { code: 'unauthorized', message: 'Token expired.' }
      ],
      [
        'a token without runs:read',
        auth('spci_no_scope'),
        403,
        {
          code: 'forbidden',
          message: 'Token lacks the scope runs:read.',
          details: {
            required_scopes: ['runs:read'],
            missing_scopes: ['runs:read'],
            token_scopes: []
          }
        }
      ]
    ])('rejects %s', async (_, headers, status, expected) => {
      const { response, body } = await get(sampleUrl(platform, DEMO.runId, 1), headers)
      expect(response.status).toBe(status)
      expect(body).toMatchObject({ details: expect.any(Object), ...expected })
    })

    it('answers 404 for an unknown run and an unknown regression test, naming the resource', async () => {
      const run = await get(sampleUrl(platform, DEMO.inProgressRunId, 1))
      expect(run.response.status).toBe(404)
      expect(run.body).toEqual({
        code: 'not_found',
        message: `Run ${DEMO.inProgressRunId} not found.`,
        details: { resource: 'run' }
      })
      const sample = await get(sampleUrl(platform, DEMO.runId, 999))
      expect(sample.response.status).toBe(404)
      expect(sample.body).toMatchObject({
        message: `Regression test 999 not found in run ${DEMO.runId}.`,
        details: { resource: 'regression_test' }
      })
    })

    it('sends the rate-limit headers with every answer, errors included', async () => {
      const requests: [string, RequestInit][] = [
        [sampleUrl(platform, DEMO.runId, 1), { headers: auth() }],
        [`${platform.apiUrl}/runs/${DEMO.runId}/samples?limit=0`, { headers: auth() }],
        [`${platform.apiUrl}/runs/${DEMO.inProgressRunId}/samples`, { headers: auth() }],
        [sampleUrl(platform, DEMO.runId, 1), { headers: auth('spci_no_scope') }],
        [`${platform.apiUrl}/nowhere`, { headers: auth() }],
        [sampleUrl(platform, DEMO.runId, 1), { method: 'POST', headers: auth() }],
        [sampleUrl(platform, DEMO.runId, 1), {}]
      ]
      const statuses = []
      for (const [url, init] of requests) {
        const response = await fetch(url, init)
        await response.arrayBuffer()
        statuses.push(response.status)
        expect(response.headers.get('x-ratelimit-limit')).toBe('120')
        expect(response.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/)
        expect(response.headers.get('x-ratelimit-reset')).toMatch(/^\d{10}$/)
      }
      expect(statuses).toEqual([200, 400, 404, 403, 404, 405, 401])
    })

    it('limits the rate per token in a fixed window', async () => {
      let clock = 1_000_000
      await withPlatform(
        { rateLimit: { limit: 3, windowMs: 10000 }, now: () => clock },
        async (limited) => {
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
        }
      )
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

  describe('runs', () => {
    const runs = async (query = '') =>
      (await get<Page<Run>>(`${platform.apiUrl}/runs${query}`)).body

    it('describes the demo runs: 9412 tests a fork pull request, 9411 a push to master', async () => {
      const pr = await get<Run>(`${platform.apiUrl}/runs/${DEMO.runId}`)
      expect(pr.body).toEqual({
        run_id: DEMO.runId,
        status: 'fail',
        platform: 'linux',
        test_type: 'pr',
        repository: 'someone/ccextractor',
        branch: 'pull_request',
        commit_sha: '0b1a967b732898e705ea8f2fda5d08eb00328579',
        pr_number: 1789,
        created_at: '2026-07-14T10:02:11Z',
        queued_at: '2026-07-14T10:02:11Z',
        started_at: '2026-07-14T10:19:40Z',
        completed_at: expect.stringMatching(/^2026-07-14T10:\d\d:\d\dZ$/),
        github_link: 'https://github.com/CCExtractor/ccextractor/pull/1789'
      })
      const master = (await get<Run>(`${platform.apiUrl}/runs/${DEMO.baselineRunId}`)).body
      expect(master).toMatchObject({
        status: 'fail',
        test_type: 'commit',
        repository: 'CCExtractor/ccextractor',
        branch: 'master',
        pr_number: null,
        commit_sha: expect.stringMatching(/^[0-9a-f]{40}$/)
      })
      expect(master.github_link).toBe(
        `https://github.com/CCExtractor/ccextractor/commit/${master.commit_sha}`
      )
      const missing = await get(`${platform.apiUrl}/runs/${DEMO.inProgressRunId}`)
      expect(missing.response.status).toBe(404)
    })

    it('lists runs newest first and finds the runs of a commit', async () => {
      const all = await runs()
      expect(all.data.map((run) => run.run_id)).toEqual([9412, 9411, 9410, 9408, 9405, 9402, 9398])
      const master = (await get<Run>(`${platform.apiUrl}/runs/${DEMO.baselineRunId}`)).body
      const commit = await runs(`?commit_sha=${master.commit_sha.toUpperCase()}`)
      expect(commit.data.map((run) => [run.run_id, run.platform])).toEqual([
        [9411, 'linux'],
        [9410, 'windows']
      ])
      const linux = await runs(
        `?commit_sha=${master.commit_sha}&platform=linux&sort=-created_at&limit=5`
      )
      expect(linux.data.map((run) => run.run_id)).toEqual([DEMO.baselineRunId])
      const branch = await runs(
        '?branch=master&platform=linux&repository=CCExtractor/ccextractor&limit=20'
      )
      expect(branch.data.map((run) => run.run_id)).toEqual([...DEMO.masterRunIds].reverse())
      expect((await runs('?repository=someone/ccextractor')).data.map((run) => run.run_id)).toEqual(
        [DEMO.runId]
      )
    })

    it.each([
      ['created_at', [9398, 9402]],
      ['run_id', [9398, 9402]],
      ['-run_id', [9412, 9411]]
    ])('sorts by %s', async (sort, first) => {
      expect((await runs(`?sort=${sort}&limit=2`)).data.map((run) => run.run_id)).toEqual(first)
    })

    it.each([
      ['status=pass', 'status'],
      ['status=fail', 'status'],
      ['status=incomplete', 'status'],
      ['platform=mac', 'platform'],
      ['commit_sha=0b1a967', 'commit_sha'],
      ['repository=not-a-repository', 'repository'],
      ['sort=newest', 'sort'],
      ['limit=0', 'limit']
    ])('answers 400 for %s, as the deployed server', async (query, field) => {
      const { response, body } = await get(`${platform.apiUrl}/runs?${query}`)
      expect(response.status).toBe(400)
      expect(body).toMatchObject({
        code: 'validation_error',
        details: { fields: { [field]: expect.any(String) } }
      })
    })

    it('sums up a run in exclusive counts', async () => {
      const { body } = await get(`${platform.apiUrl}/runs/${DEMO.runId}/summary`)
      expect(body).toEqual({
        run_id: DEMO.runId,
        status: 'fail',
        total_samples: 230,
        pass_count: 223,
        fail_count: 6,
        skipped_count: 0,
        missing_output_count: 1,
        error_count: 0,
        duration_ms: expect.any(Number)
      })
    })

    it('lets a test describe a run, on windows, with any status', () =>
      withPlatform({}, async (fake) => {
        fake.setRun(9700, { platform: 'windows', branch: 'feature', status: 'running' })
        const run = (await get<Run>(`${fake.apiUrl}/runs/9700`)).body
        expect(run).toMatchObject({ status: 'running', platform: 'windows', completed_at: null })
        const found = await get<Page<Run>>(`${fake.apiUrl}/runs?platform=windows&branch=feature`)
        expect(found.body.data.map((entry) => entry.run_id)).toEqual([9700])
        fake.setRun(DEMO.runId, { status: 'canceled' })
        const canceled = await get<Page<Run>>(`${fake.apiUrl}/runs?status=canceled`)
        expect(canceled.body.data.map((entry) => entry.run_id)).toEqual([DEMO.runId])
      }))
  })

  describe('a scheduled run', () => {
    const start = Date.UTC(2026, 10, 30, 12)

    it('does not exist, is queued, runs while its results appear one by one, then fails', async () => {
      let clock = start
      await withPlatform({ now: () => clock }, async (fake) => {
        // Ten results, the third failing.
        const results = generateRun(9500, { size: 10 }).map((result, index) =>
          index === 2 ? { ...result, status: 'fail' } : result
        )
        const ids = results.map((result) => result.regression_id)
        fake.scheduleRun(9500, {
          at: start + 60_000,
          queuedMs: 120_000,
          runningMs: 1_000_000,
          results
        })
        const state = async () => {
          const run = await get<Run>(`${fake.apiUrl}/runs/9500`)
          const list = await get<Page<{ regression_test_id: number }>>(
            `${fake.apiUrl}/runs/9500/samples`
          )
          const first = await get(sampleUrl(fake, 9500, ids[0] ?? 0))
          const last = await get(sampleUrl(fake, 9500, ids[9] ?? 0))
          return {
            run: run.response.status === 200 ? run.body : run.response.status,
            results: list.body.data?.map((result) => result.regression_test_id),
            first: first.response.status,
            last: last.response.status
          }
        }
        expect(await state()).toEqual({ run: 404, results: undefined, first: 404, last: 404 })
        expect((await get<Page<Run>>(`${fake.apiUrl}/runs`)).body.data[0]?.run_id).toBe(DEMO.runId)

        clock = start + 60_000
        expect(await state()).toEqual({
          run: expect.objectContaining({
            status: 'queued',
            created_at: '2026-11-30T12:01:00Z',
            started_at: null,
            completed_at: null
          }),
          results: [],
          first: 404,
          last: 404
        })
        const queued = await get<Page<Run>>(`${fake.apiUrl}/runs?status=queued`)
        expect(queued.body.data.map((run) => run.run_id)).toEqual([9500])

        clock = start + 180_000 + 500_000
        expect(await state()).toEqual({
          run: expect.objectContaining({ status: 'running', started_at: '2026-11-30T12:03:00Z' }),
          results: ids.slice(0, 5),
          first: 200,
          last: 404
        })
        const summary = await get(`${fake.apiUrl}/runs/9500/summary`)
        expect(summary.body).toMatchObject({ status: 'running', total_samples: 5, fail_count: 1 })

        clock = start + 180_000 + 1_000_000
        expect(await state()).toEqual({
          run: expect.objectContaining({ status: 'fail', completed_at: '2026-11-30T12:19:40Z' }),
          results: ids,
          first: 200,
          last: 200
        })
      })
    })

    it('comes in pairs per commit: linux passes while a failed windows build cancels its twin', async () => {
      let clock = start
      await withPlatform({ now: () => clock }, async (fake) => {
        const sha = fake.scheduleCommit(
          { linux: 9600, windows: 9601 },
          {
            queuedMs: 60_000,
            runningMs: 600_000,
            results: generateRun(9600, { size: 5 }),
            windows: { queuedMs: 300_000, runningMs: 0, outcome: 'canceled' }
          }
        )
        const ofCommit = async (query = '') =>
          (await get<Page<Run>>(`${fake.apiUrl}/runs?commit_sha=${sha}${query}`)).body.data.map(
            (run) => [run.run_id, run.platform, run.status]
          )
        expect(await ofCommit()).toEqual([
          [9601, 'windows', 'queued'],
          [9600, 'linux', 'queued']
        ])
        clock = start + 300_000
        expect(await ofCommit()).toEqual([
          [9601, 'windows', 'canceled'],
          [9600, 'linux', 'running']
        ])
        const windows = (await get<Run>(`${fake.apiUrl}/runs/9601`)).body
        expect(windows).toMatchObject({ started_at: null, completed_at: '2026-11-30T12:05:00Z' })
        expect(await ofCommit('&status=running')).toEqual([[9600, 'linux', 'running']])
        clock = start + 660_000
        expect(await ofCommit('&platform=linux')).toEqual([[9600, 'linux', 'pass']])
      })
    })

    it('ends incomplete when told, and goes back to queued when restarted', async () => {
      let clock = start
      await withPlatform({ now: () => clock }, async (fake) => {
        fake.scheduleRun(9800, {
          queuedMs: 0,
          runningMs: 1000,
          outcome: 'incomplete',
          results: generateRun(9800, { size: 3 })
        })
        clock += 1000
        expect((await get<Run>(`${fake.apiUrl}/runs/9800`)).body.status).toBe('incomplete')

        fake.restartRun(9800, { queuedMs: 5000, runningMs: 3000 })
        const restarted = (await get<Run>(`${fake.apiUrl}/runs/9800`)).body
        expect(restarted).toMatchObject({
          status: 'queued',
          created_at: '2026-11-30T12:00:00Z',
          queued_at: '2026-11-30T12:00:01Z',
          started_at: null
        })
        expect((await get(sampleUrl(fake, 9800, 1))).response.status).toBe(404)
        clock += 8000
        expect((await get<Run>(`${fake.apiUrl}/runs/9800`)).body.status).toBe('pass')
        expect((await get(sampleUrl(fake, 9800, 1))).response.status).toBe(200)
      })
    })
  })

  describe('output diffs', () => {
    it('answers a unified diff of a failing output: transcript timings and captions in a few hunks', async () => {
      const { response, body } = await get<{ format: string; content: string }>(
        diffUrl(platform, FAILING_OUTPUT, '?format=unified')
      )
      expect(response.status).toBe(200)
      expect(body).toMatchObject({
        run_id: DEMO.runId,
        sample_id: mediaOf(DEMO.failingSample),
        regression_id: DEMO.failingSample,
        output_id: DEMO.failingOutput,
        format: 'unified'
      })
      const lines = body.content.split('\n')
      expect(lines.slice(0, 2)).toEqual(['--- expected', '+++ actual'])
      expect(lines.filter((line) => /^@@ -\d+(,\d+)? \+\d+(,\d+)? @@$/.test(line))).toHaveLength(3)
      // 132 runs --out=ttxt: CCExtractor's transcript, start|end|mode|text.
      expect(body.content).toMatch(/^-\d\d:\d\d:\d\d,\d{3}\|\d\d:\d\d:\d\d,\d{3}\|POP\|\S/m)
      expect(body.content).toMatch(/^\+\d\d:\d\d:\d\d,\d{3}\|\d\d:\d\d:\d\d,\d{3}\|POP\|\S/m)
      expect(body.content).not.toContain(' --> ')
      const again = await get<{ content: string }>(
        diffUrl(platform, FAILING_OUTPUT, '?format=unified')
      )
      expect(again.body.content).toBe(body.content)
    })

    it('answers a structured diff by default, with line numbers and a summary', async () => {
      const { body } = await get<StructuredDiff>(
        diffUrl(platform, FAILING_OUTPUT, '?context_lines=1')
      )
      expect(body).toMatchObject({ format: 'structured', status: 'different' })
      expect(body.summary.changed_hunks).toBe(3)
      expect(body.hunks).toHaveLength(3)
      const [hunk] = body.hunks
      expect(hunk?.lines.map((line) => line.kind)).toEqual([
        'context',
        'removed',
        'added',
        'context'
      ])
      expect(hunk?.lines[0]?.expected_line).toBe(hunk?.expected_start)
      expect(hunk?.lines[1]).toMatchObject({ actual_line: null })
      expect(hunk?.lines[2]).toMatchObject({ expected_line: null })
      const added = body.hunks.flatMap((h) => h.lines).filter((line) => line.kind === 'added')
      expect(body.summary.added_lines).toBe(added.length)
    })

    it.each([
      [
        'a passing output',
        [DEMO.runId, mediaOf(DEMO.passingSample), DEMO.passingSample, 4138],
        'identical'
      ],
      ['an output not produced', [DEMO.runId, mediaOf(42), 42, 4038], 'missing_actual'],
      ['an output without baseline', [DEMO.runId, mediaOf(201), 201, 4170], 'missing_expected']
    ])('has no content for %s', async (_, path, status) => {
      const unified = await get<{ content: string }>(diffUrl(platform, path, '?format=unified'))
      expect(unified.body.content).toBe('')
      const structured = await get<StructuredDiff>(diffUrl(platform, path))
      expect(structured.body).toMatchObject({ status, hunks: [] })
    })

    it('answers a structured diff to a unified request when a fault says so, as a server that ignores format', async () => {
      platform.reset()
      platform.enqueueFault({
        match: (path) => path.includes('/diff?'),
        asPath: (path) => path.replace('format=unified', 'format=structured')
      })
      const { body } = await get<StructuredDiff>(
        diffUrl(platform, FAILING_OUTPUT, '?format=unified')
      )
      expect(body).toMatchObject({ format: 'structured', status: 'different' })
      expect(platform.requests[0]?.path).toContain('format=unified')
      const next = await get(diffUrl(platform, FAILING_OUTPUT, '?format=unified'))
      expect(next.body).toMatchObject({ format: 'unified' })
    })

    it('needs the scope results:read', async () => {
      const { response, body } = await get(
        diffUrl(platform, FAILING_OUTPUT),
        auth('spci_runs_only')
      )
      expect(response.status).toBe(403)
      expect(body).toMatchObject({
        code: 'forbidden',
        details: {
          required_scopes: ['results:read'],
          missing_scopes: ['results:read'],
          token_scopes: ['runs:read']
        }
      })
    })

    it.each([
      ['context_lines=0', 'context_lines'],
      ['context_lines=51', 'context_lines'],
      ['format=html', 'format']
    ])('answers 400 for %s', async (query, field) => {
      const { response, body } = await get(diffUrl(platform, FAILING_OUTPUT, `?${query}`))
      expect(response.status).toBe(400)
      expect(body).toMatchObject({ details: { fields: { [field]: expect.any(String) } } })
    })

    it.each([
      [
        'a run that does not exist',
        [DEMO.inProgressRunId, mediaOf(132), 132, DEMO.failingOutput],
        'run'
      ],
      [
        'a sample the regression test is not of',
        [DEMO.runId, mediaOf(131), 132, DEMO.failingOutput],
        'sample'
      ],
      ['an output of another test', [DEMO.runId, mediaOf(132), 132, 4118], 'output'],
      ['a regression test without media sample', [DEMO.runId, mediaOf(47), 47, 4001], 'sample']
    ])('answers 404 for %s', async (_, path, resource) => {
      const { response, body } = await get(diffUrl(platform, path))
      expect(response.status).toBe(404)
      expect(body).toMatchObject({ code: 'not_found', details: { resource } })
    })

    it('answers 404 for a file gone from disk and 422 for one over 10 MiB', () =>
      withPlatform({}, async (fake) => {
        fake.setOutputFiles(DEMO.runId, 132, DEMO.failingOutput, { missingOnDisk: 'actual' })
        const gone = await get(diffUrl(fake, FAILING_OUTPUT))
        expect(gone.response.status).toBe(404)
        expect(gone.body).toMatchObject({ details: { resource: 'file' } })
        fake.setOutputFiles(DEMO.runId, 132, DEMO.failingOutput, { sizeBytes: 11 << 20 })
        const large = await get(diffUrl(fake, FAILING_OUTPUT, '?format=unified'))
        expect(large.response.status).toBe(422)
        expect(large.body).toMatchObject({
          code: 'unprocessable',
          details: { size_bytes: 11 << 20, max_bytes: 10 << 20 }
        })
      }))

    it('cuts a diff past 10,000 lines and says so', () =>
      withPlatform({}, async (fake) => {
        fake.setOutputFiles(DEMO.runId, 132, DEMO.failingOutput, {
          expected: srtFile(3000),
          actual: srtFile(3000, { shiftMs: 40 })
        })
        const { body } = await get<{ content: string }>(
          diffUrl(fake, FAILING_OUTPUT, '?format=unified')
        )
        const lines = body.content.trimEnd().split('\n')
        expect(lines).toHaveLength(10_001)
        expect(lines.at(-1)).toBe('... Diff truncated due to length ...')
        const structured = await get<StructuredDiff>(diffUrl(fake, FAILING_OUTPUT))
        expect(structured.body.summary.removed_lines).toBeGreaterThan(10_000)
        for (const hunk of structured.body.hunks) expect(hunk.lines.length).toBeLessThanOrEqual(500)
      }))

    it('sends whatever text a test puts in an output, hostile lines included', () =>
      withPlatform({}, async (fake) => {
        const hostile = [
          '```',
          '@everyone look',
          '<img src=x onerror=alert(1)>',
          '::error::pwned',
          '[click](javascript:alert(1))'
        ]
        fake.setOutputFiles(DEMO.runId, 132, DEMO.failingOutput, {
          expected: '1\n00:00:01,000 --> 00:00:02,500\nHELLO\n',
          actual: `1\n00:00:01,000 --> 00:00:02,500\n${hostile.join('\n')}\n`
        })
        const { body } = await get<{ content: string }>(
          diffUrl(fake, FAILING_OUTPUT, '?format=unified')
        )
        expect(body.content).toBe(
          [
            '--- expected',
            '+++ actual',
            '@@ -1,3 +1,7 @@',
            ' 1',
            ' 00:00:01,000 --> 00:00:02,500',
            '-HELLO',
            ...hostile.map((line) => `+${line}`),
            ''
          ].join('\n')
        )
      }))
  })

  describe("a sample's history", () => {
    /** The history of the media sample of regression test `regressionId`. */
    const history = async (regressionId: number, query = '') =>
      (
        await get<Page<HistoryEntry>>(
          `${platform.apiUrl}/samples/${mediaOf(regressionId)}/history${query}`
        )
      ).body
    const onMaster = (sampleId: number) =>
      history(sampleId, `?regression_test_id=${sampleId}&branch=master&platform=linux&limit=10`)
    const inPullRequest = async (sampleId: number) =>
      (await history(sampleId, '?branch=pull_request')).data[0]

    it('has one entry per run, newest first, with a failure signature', async () => {
      const { data } = await history(DEMO.failingSample)
      expect(data.map((entry) => entry.run_id)).toEqual([9412, 9411, 9410, 9408, 9405, 9402, 9398])
      expect(data[0]).toEqual({
        run_id: DEMO.runId,
        regression_test_id: DEMO.failingSample,
        status: 'fail',
        platform: 'linux',
        branch: 'pull_request',
        commit_sha: '0b1a967b732898e705ea8f2fda5d08eb00328579',
        tested_at: expect.stringMatching(/^2026-07-14T10:\d\d:\d\dZ$/),
        failure_signature: `diff_mismatch:output:${DEMO.failingOutput}`
      })
      expect(data[1]).toMatchObject({ status: 'pass', failure_signature: null })
      expect((await inPullRequest(42))?.failure_signature).toBe('missing_output')
      expect((await inPullRequest(92))?.failure_signature).toBe('diff_mismatch:output:4083')
    })

    it('tells the new, known and flaky failures of the demo pull request apart', async () => {
      for (const sampleId of DEMO.newFailures) {
        const { data } = await onMaster(sampleId)
        expect(data.map((entry) => entry.run_id)).toEqual([...DEMO.masterRunIds].reverse())
        expect(data.every((entry) => entry.status === 'pass')).toBe(true)
      }
      for (const sampleId of DEMO.knownFailures) {
        const [newest] = (await onMaster(sampleId)).data
        expect(newest?.run_id).toBe(DEMO.baselineRunId)
        expect(newest?.failure_signature).not.toBeNull()
        expect(newest?.failure_signature).toBe((await inPullRequest(sampleId))?.failure_signature)
      }
      for (const sampleId of DEMO.flakyFailures) {
        const { data } = await onMaster(sampleId)
        expect(data[0]?.status).toBe('pass')
        expect(data.some((entry) => entry.status === 'fail')).toBe(true)
      }
    })

    it('filters by platform, status and limit', async () => {
      const windows = await history(17, '?platform=windows')
      expect(windows.data.map((entry) => [entry.run_id, entry.status])).toEqual([[9410, 'fail']])
      const failures = await history(DEMO.timeoutSample, '?status=fail')
      expect(failures.data.map((entry) => entry.run_id)).toEqual([9412, 9408, 9402])
      const limited = await history(DEMO.timeoutSample, '?limit=2')
      expect(limited.pagination).toMatchObject({ total: 7, next_offset: 2 })
    })

    it('answers 404 for an unknown sample and 400 for a regression test of another sample', async () => {
      const unknown = await get(`${platform.apiUrl}/samples/999/history`)
      expect(unknown.response.status).toBe(404)
      expect(unknown.body).toMatchObject({ details: { resource: 'sample' } })
      const other = await get(
        `${platform.apiUrl}/samples/${mediaOf(132)}/history?regression_test_id=131`
      )
      expect(other.response.status).toBe(400)
      expect(other.body).toMatchObject({
        details: { fields: { regression_test_id: expect.any(String) } }
      })
    })

    it('follows the runs a test builds', () =>
      withPlatform({}, async (fake) => {
        fake.setRun(9420, { platform: 'windows', branch: 'master' })
        fake.setResult(
          9420,
          minimalResult({ regression_test_id: 132, sample_id: mediaOf(132), status: 'fail' })
        )
        const { body } = await get<Page<HistoryEntry>>(
          `${fake.apiUrl}/samples/${mediaOf(132)}/history?platform=windows`
        )
        expect(body.data.map((entry) => [entry.run_id, entry.failure_signature])).toEqual([
          [9420, null],
          [9410, null]
        ])
      }))
  })
})
