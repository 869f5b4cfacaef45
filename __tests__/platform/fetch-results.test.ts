import { describe, expect, it } from '@jest/globals'
import { createPlatformClient } from '../../src/platform/api/client.js'
import { fetchResults, type ResultsOptions } from '../../src/platform/fetch-results.js'
import { createProgress } from '../../src/platform/progress.js'
import { type SampleSelection } from '../../src/platform/model.js'
import { countResults } from '../../src/platform/model.js'
import { actionError } from '../../test-support/action-error.js'
import {
  DEMO,
  startFakePlatform,
  type FakePlatform,
  type FakePlatformOptions
} from '../../test-support/fake-platform.js'
import type { SampleResult } from '../../test-support/sample-runs.js'
import { testClock, type TestClock, type TestClockOptions } from '../../test-support/test-clock.js'

interface Setup {
  platform: FakePlatform
  clock: TestClock
  lines: string[]
  warnings: string[]
  collect: (
    samples: SampleSelection,
    options?: Partial<ResultsOptions>
  ) => ReturnType<typeof fetchResults>
}

/**
 * A fresh fake platform (tests here change its runs), sharing the test clock so
 * that its rate-limit windows move when the client waits.
 */
async function setUp(
  test: (setup: Setup) => Promise<void>,
  platformOptions: FakePlatformOptions = {},
  clockOptions: TestClockOptions = {},
  token: string = DEMO.token
): Promise<void> {
  const clock = testClock(clockOptions)
  const platform = await startFakePlatform({ now: clock.now, ...platformOptions })
  const lines: string[] = []
  const warnings: string[] = []
  const progress = createProgress((line) => lines.push(line))
  const client = createPlatformClient({
    apiUrl: platform.apiUrl,
    token,
    timeoutMs: 5000,
    maxRetries: 4,
    clock,
    log: { debug: () => undefined, info: (line) => lines.push(line) },
    onPacingWait: progress.waiting
  })
  const collect = (samples: SampleSelection, options: Partial<ResultsOptions> = {}) =>
    fetchResults(client, {
      runId: DEMO.runId,
      samples,
      baselineRunId: null,
      concurrency: 4,
      waitTimeoutMs: 0,
      clock,
      progress,
      log: (line) => lines.push(line),
      warn: (line) => warnings.push(line),
      ...options
    })
  try {
    await test({ platform, clock, lines, warnings, collect })
  } finally {
    await platform.close()
  }
}

const ids = (...list: number[]): SampleSelection => ({ kind: 'ids', ids: list })
const range = (first: number, last: number) =>
  Array.from({ length: last - first + 1 }, (_, i) => first + i)

/**
 * A server without the list endpoint (405 on it): many samples are then read
 * one request each, which is what the pacing tests need.
 */
function withoutList(platform: FakePlatform): void {
  platform.enqueueFault({ match: (path) => /\/samples\?/.test(path), status: 405, times: 1000 })
}

describe('fetchResults', () => {
  it('reads 230 listed samples through the list endpoint in 3 requests', () =>
    setUp(async ({ platform, collect }) => {
      const present = [...(platform.runs.get(DEMO.runId)?.keys() ?? [])].reverse()
      const set = await collect(ids(...present, 9999))
      expect(platform.requests.map((request) => request.path)).toEqual([
        `/api/v1/runs/${DEMO.runId}/samples?limit=100&offset=0`,
        `/api/v1/runs/${DEMO.runId}/samples?limit=100&offset=100`,
        `/api/v1/runs/${DEMO.runId}/samples?limit=100&offset=200`
      ])
      expect(set.entries.map((entry) => entry.sampleId)).toEqual([...present, 9999])
      expect(set.entries.at(-1)?.problem).toMatchObject({
        kind: 'not-found',
        apiMessage: `Regression test 9999 not found in run ${DEMO.runId}.`
      })
    }))

  it('falls back to one request per sample when the server has no list endpoint', () =>
    setUp(async ({ platform, lines, collect }) => {
      withoutList(platform)
      const set = await collect(ids(...range(1, 12)))
      expect(platform.stats().byStatus).toMatchObject({ 405: 1, 200: 12 })
      expect(set.entries).toHaveLength(12)
      expect(lines).toContain(
        `run ${DEMO.runId}: the server has no list of results; fetching them one by one`
      )
    }))

  it('does not fall back when the run itself does not exist', () =>
    setUp(async ({ platform, collect }) => {
      const error = await actionError(() => collect(ids(...range(1, 12)), { runId: 9999 }))
      expect(error.message).toContain('Run 9999 not found.')
      expect(platform.requests).toHaveLength(1)
    }))

  it('fetches listed samples in the order asked, each once', () =>
    setUp(async ({ platform, collect }) => {
      const set = await collect(ids(132, 159, 42))
      expect(set.entries.map((entry) => [entry.sampleId, entry.result?.status])).toEqual([
        [132, 'fail'],
        [159, 'pass'],
        [42, 'missing_output']
      ])
      expect(platform.requests.map((request) => request.path).sort()).toEqual(
        [
          '/api/v1/runs/9412/samples/132',
          '/api/v1/runs/9412/samples/159',
          '/api/v1/runs/9412/samples/42'
        ].sort()
      )
    }))

  it('fetches a whole run through the list endpoint, page by page', () =>
    setUp(async ({ platform, collect }) => {
      const set = await collect({ kind: 'all' })
      expect(set.entries).toHaveLength(230)
      expect(platform.requests.map((request) => request.path)).toEqual([
        '/api/v1/runs/9412/samples?limit=100&offset=0',
        '/api/v1/runs/9412/samples?limit=100&offset=100',
        '/api/v1/runs/9412/samples?limit=100&offset=200'
      ])
      const ids = set.entries.map((entry) => entry.sampleId)
      expect(ids).toEqual([...ids].sort((a, b) => a - b))
      expect(countResults(set)).toMatchObject({ total: 230, passed: 223, failed: 7 })
    }))

  it('never has more requests in flight than the concurrency', () =>
    setUp(
      async ({ platform, collect }) => {
        withoutList(platform)
        await collect(ids(...range(1, 40)), { concurrency: 3 })
        expect(platform.stats().maxInFlight).toBe(3)
      },
      { latencyMs: 15 }
    ))

  it('keeps to one request at a time with concurrency 1', () =>
    setUp(
      async ({ platform, collect }) => {
        await collect(ids(...range(1, 10)), { concurrency: 1 })
        expect(platform.stats().maxInFlight).toBe(1)
      },
      { latencyMs: 10 }
    ))

  it('paces 230 samples by the headers under 120 a minute: one wait, no 429', () =>
    setUp(async ({ platform, clock, lines, collect }) => {
      withoutList(platform)
      const present = [...(platform.runs.get(DEMO.runId)?.keys() ?? [])]
      const set = await collect(ids(...present))
      expect(set.entries.every((entry) => entry.result !== null)).toBe(true)
      expect(platform.stats().byStatus).toEqual({ 200: 230, 405: 1 })
      expect(clock.sleeps).toHaveLength(1)
      expect(lines).toContainEqual(
        expect.stringMatching(/^fetched 120\/230, waiting 6\d s for the rate-limit window$/)
      )
    }))

  it('paces under a tight limit, window after window, with concurrency 16', () =>
    setUp(
      async ({ platform, clock, collect }) => {
        withoutList(platform)
        await collect(ids(...range(1, 200)), { concurrency: 16 })
        expect(platform.stats().byStatus[429]).toBeUndefined()
        // 200 requests at 40 a window: four waits for the next window.
        expect(clock.sleeps).toHaveLength(4)
      },
      { rateLimit: { limit: 40, windowMs: 2000 } }
    ))

  it('survives a 429 storm across concurrent requests', () =>
    setUp(async ({ platform, collect }) => {
      withoutList(platform)
      platform.enqueueFault({ status: 429, headers: { 'Retry-After': '1' }, times: 12 })
      const set = await collect(ids(...range(1, 30)), { concurrency: 8 })
      expect(set.entries.filter((entry) => entry.problem !== null)).toEqual([
        expect.objectContaining({ problem: expect.objectContaining({ kind: 'not-found' }) })
      ])
      expect(platform.stats().byStatus[429]).toBe(12)
    }))

  it('reports samples it cannot fetch and counts them as not passing', () =>
    setUp(async ({ platform, collect }) => {
      platform.enqueueFault({
        status: 503,
        times: 5,
        match: (path) => path.endsWith('/samples/159')
      })
      const set = await collect(ids(132, 250, 159, 42), { concurrency: 2 })
      expect(
        set.entries.map((entry) => [entry.sampleId, entry.result?.status ?? entry.problem?.kind])
      ).toEqual([
        [132, 'fail'],
        [250, 'not-found'],
        [159, 'server'],
        [42, 'missing_output']
      ])
      expect(set.entries[1]?.problem?.message).toContain(
        'Regression test 250 not found in run 9412'
      )
      expect(countResults(set)).toMatchObject({ total: 4, passed: 0, failed: 4 })
    }))

  it('stops at once on a 401 instead of trying every sample', () =>
    setUp(
      async ({ platform, collect }) => {
        const error = await actionError(() => collect(ids(...range(1, 230))))
        expect(error.kind).toBe('auth')
        expect(platform.requests.length).toBeLessThanOrEqual(4)
      },
      {},
      {},
      'spci_revoked'
    ))

  it('with one sample, keeps the core behaviour: a 404 is the error', () =>
    setUp(async ({ collect }) => {
      const error = await actionError(() => collect(ids(250)))
      expect(error.kind).toBe('not-found')
      expect(error.message).toContain('"Regression test 250 not found in run 9412."')
    }))
})

describe('fetchResults with a baseline', () => {
  it('classifies every kind of change', () =>
    setUp(async ({ platform, collect }) => {
      platform.runs.get(DEMO.baselineRunId)?.delete(DEMO.passingSample)
      const asked = [
        ...DEMO.regressed,
        ...DEMO.fixed,
        ...DEMO.stillFailing,
        DEMO.alternativeSample,
        DEMO.passingSample
      ]
      const set = await collect(ids(...asked), { baselineRunId: DEMO.baselineRunId })
      const changes = Object.fromEntries(
        set.entries.map((entry) => [entry.sampleId, [entry.baselineStatus, entry.change]])
      )
      expect(changes).toEqual({
        42: ['pass', 'regression'],
        123: ['pass', 'regression'],
        132: ['pass', 'regression'],
        165: ['pass', 'regression'],
        58: ['fail', 'fixed'],
        63: ['missing_output', 'fixed'],
        92: ['fail', 'still-failing'],
        107: ['fail', 'still-failing'],
        201: ['fail', 'still-failing'],
        116: ['pass', 'still-passing'],
        159: [null, 'new']
      })
      expect(countResults(set)).toMatchObject({ regressions: [42, 123, 132, 165], fixed: [58, 63] })
    }))

  it('compares a whole run with a whole baseline run through the list endpoint', () =>
    setUp(async ({ platform, collect }) => {
      const set = await collect({ kind: 'all' }, { baselineRunId: DEMO.baselineRunId })
      // Three pages of the run, the baseline run's description, three pages of it.
      expect(platform.requests).toHaveLength(7)
      expect(countResults(set)).toMatchObject({
        regressions: [...DEMO.regressed],
        fixed: [...DEMO.fixed]
      })
    }))

  it.each([
    ['a list', ids(132, 159)],
    ['all', { kind: 'all' } as const]
  ])('marks a baseline run that does not exist, with %s', (_name, samples) =>
    setUp(async ({ collect }) => {
      const set = await collect(samples, { baselineRunId: 9000 })
      expect(set.baselineMissing).toBe(true)
      expect(new Set(set.entries.map((entry) => entry.change))).toEqual(new Set(['new']))
    })
  )

  it('warns when the baseline run exists but has none of the samples', () =>
    setUp(async ({ platform, collect, warnings }) => {
      platform.runs.get(DEMO.baselineRunId)?.delete(132)
      platform.runs.get(DEMO.baselineRunId)?.delete(159)
      const set = await collect(ids(132, 159), { baselineRunId: DEMO.baselineRunId })
      expect(set.baselineMissing).toBeUndefined()
      expect(set.entries.map((entry) => entry.change)).toEqual(['new', 'new'])
      expect(warnings).toEqual([
        'The baseline run 9411 has none of these samples: every sample counts as new.'
      ])
    }))
})

describe('fetchResults waiting for results', () => {
  const running = (result: SampleResult | undefined, status: string): SampleResult => {
    if (!result) throw new Error('no such demo result')
    return { ...result, status }
  }

  it('polls until a result that was not there and one that was running are final', async () => {
    let platform: FakePlatform | undefined
    const finalOnThirdPoll = (count: number) => {
      const run = platform?.runs.get(DEMO.runId)
      if (count === 3 && run) {
        run.set(DEMO.passingSample, running(run.get(DEMO.passingSample), 'pass'))
        run.set(250, {
          ...running(run.get(DEMO.passingSample), 'fail'),
          regression_id: 250,
          sample_id: 250
        })
      }
    }
    await setUp(
      async (setup) => {
        platform = setup.platform
        const run = setup.platform.runs.get(DEMO.runId)
        run?.set(DEMO.passingSample, running(run.get(DEMO.passingSample), 'running'))
        const set = await setup.collect(ids(DEMO.passingSample, 250, 132), {
          waitTimeoutMs: 600_000
        })
        expect(set.entries.map((entry) => entry.result?.status)).toEqual(['pass', 'fail', 'fail'])
        expect(setup.clock.sleeps).toEqual([5000, 10_000, 20_000])
        expect(setup.lines).toContain(
          '2 of 3 results not final yet (samples 159, 250); checking again in 5 s'
        )
        // Only the pending samples are asked again.
        expect(
          setup.platform.requests.filter((request) => request.path.endsWith('/132'))
        ).toHaveLength(1)
      },
      {},
      { onSleep: finalOnThirdPoll }
    )
  })

  it('gives up at the deadline, reports what is final and names what is not', () =>
    setUp(async ({ platform, clock, warnings, collect }) => {
      const run = platform.runs.get(DEMO.runId)
      run?.set(DEMO.passingSample, running(run.get(DEMO.passingSample), 'not_started'))
      const set = await collect(ids(DEMO.passingSample, 132), { waitTimeoutMs: 60_000 })
      expect(clock.sleeps).toEqual([5000, 10_000, 20_000, 25_000])
      expect(set.entries.map((entry) => entry.result?.status)).toEqual(['not_started', 'fail'])
      expect(warnings).toEqual([
        'Not final after waiting 60 s (wait-timeout: 60): sample 159. They are reported as they are and do not count as passing.'
      ])
    }))

  it('with one sample, says it is still missing after the wait', () =>
    setUp(async ({ clock, collect }) => {
      const error = await actionError(() => collect(ids(250), { waitTimeoutMs: 30_000 }))
      expect(error.message).toContain('Still so after waiting 30 s (wait-timeout: 30).')
      expect(clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(30_000)
    }))

  it('waits for a whole run that is still in progress', async () => {
    let platform: FakePlatform | undefined
    await setUp(
      async (setup) => {
        platform = setup.platform
        const set = await setup.collect(
          { kind: 'all' },
          { runId: DEMO.inProgressRunId, waitTimeoutMs: 300_000 }
        )
        expect(set.entries).toHaveLength(230)
        expect(setup.lines).toContain('run 9413 is not there yet; checking again in 5 s')
      },
      {},
      {
        onSleep: (count) => {
          const finished = platform?.runs.get(DEMO.runId)
          if (count === 2 && finished) platform?.runs.set(DEMO.inProgressRunId, finished)
        }
      }
    )
  })
})
