/**
 * What one step costs and how it waits, through real HTTP: one result of a
 * named run is one request (and says so), retries are counted, the run is
 * read only where it explains something, and waits end at wait-timeout.
 */
import { describe, expect, it } from '@jest/globals'
import { DEMO, type FakePlatform } from '../test-support/fake-platform.js'
import { startFakePlatformPerTest } from '../test-support/platform-fixture.js'
import { runStep } from '../test-support/run-step.js'
import { generateRun } from '../test-support/sample-runs.js'
import { testClock } from '../test-support/test-clock.js'

const start = startFakePlatformPerTest()

const inputs = (fake: FakePlatform, more: Record<string, string> = {}) => ({
  'api-url': fake.apiUrl,
  'api-token': DEMO.token,
  'run-id': String(DEMO.runId),
  'sample-id': String(DEMO.passingSample),
  ...more
})

const errorsOf = (lines: string[]) => lines.filter((line) => line.startsWith('::error::'))
const paths = (fake: FakePlatform) => fake.requests.map((request) => request.path)
const RESULT = `/api/v1/runs/${DEMO.runId}/samples/${DEMO.passingSample}`

describe('one result of a named run', () => {
  it('costs one request, and the log says so', async () => {
    const fake = await start()
    const step = await runStep(inputs(fake))
    expect(step.failed).toBe(false)
    expect(paths(fake)).toEqual([RESULT])
    expect(step.lines).toContain('Sample Platform: 1 request (1 for results)')
  })

  it.each([
    ['401', { status: 401 }, /answered 401 unauthorized/],
    ['400', { status: 400 }, /answered 400 validation_error/],
    [
      '404 for a run that does not exist',
      { status: 404, json: { code: 'not_found', message: 'Run 9412 not found.', details: {} } },
      /answered 404 not_found: "Run 9412 not found\." .*Check run-id\./
    ]
  ])('costs one request when the answer is a %s, not retried', async (_what, fault, error) => {
    const fake = await start()
    fake.enqueueFault(fault)
    const step = await runStep(inputs(fake))
    expect(errorsOf(step.lines)).toEqual([expect.stringMatching(error)])
    expect(paths(fake)).toEqual([RESULT])
    expect(step.lines).toContain('Sample Platform: 1 request (1 for results)')
  })

  it('costs two requests after a 429, the retry included', async () => {
    const fake = await start()
    fake.enqueueFault({ status: 429, headers: { 'Retry-After': '1' } })
    const step = await runStep(inputs(fake))
    expect(step.failed).toBe(false)
    expect(paths(fake)).toEqual([RESULT, RESULT])
    expect(step.lines).toContain('Sample Platform: 2 requests (2 for results)')
  })

  it('costs three requests after two 503s', async () => {
    const fake = await start()
    fake.enqueueFault({ status: 503, times: 2 })
    const clock = testClock()
    const step = await runStep(inputs(fake), {}, { clock })
    expect(step.failed).toBe(false)
    expect(paths(fake)).toEqual([RESULT, RESULT, RESULT])
    expect(clock.sleeps).toHaveLength(2)
    expect(step.lines).toContain('Sample Platform: 3 requests (3 for results)')
  })

  it('reads the run only to explain a 404 for a result of a run in progress', async () => {
    const clock = testClock({ start: Date.UTC(2026, 11, 1, 12) })
    const fake = await start({ now: clock.now })
    // Created 20 minutes ago: 15 queued, then 5 of 25 minutes of testing; its last result is not in.
    fake.scheduleRun(9800, { at: clock.now() - 20 * 60_000, platform: 'windows' })
    const last = generateRun(9800).at(-1)?.regression_id ?? 0
    const step = await runStep(
      inputs(fake, { 'run-id': '9800', 'sample-id': String(last) }),
      {},
      {
        clock
      }
    )
    expect(paths(fake)).toEqual([`/api/v1/runs/9800/samples/${last}`, '/api/v1/runs/9800'])
    expect(errorsOf(step.lines)).toEqual([
      expect.stringMatching(
        /^::error::The Sample Platform's windows run 9800 is still running: its results are not final\. Set wait-timeout to wait for it\./
      )
    ])
    expect(step.lines).toContain('Sample Platform: 2 requests (1 for runs, 1 for results)')
  })

  it('reads the run first when it must wait for it', async () => {
    const fake = await start()
    const step = await runStep(inputs(fake, { 'wait-timeout': '60' }))
    expect(step.failed).toBe(false)
    expect(paths(fake)).toEqual([`/api/v1/runs/${DEMO.runId}`, RESULT])
    expect(step.outputs.commit).toMatch(/^[0-9a-f]{40}$/)
  })
})

describe('answers the server may send', () => {
  it('reads a body that starts with a byte order mark', async () => {
    const fake = await start()
    const [result] = generateRun(DEMO.runId).filter(
      (each) => each.regression_id === DEMO.passingSample
    )
    fake.enqueueFault({
      body: `\uFEFF${JSON.stringify({ regression_test_id: DEMO.passingSample, sample_id: result?.sample_id, status: 'pass' })}`,
      contentType: 'application/json; charset=utf-8'
    })
    const step = await runStep(inputs(fake))
    expect(errorsOf(step.lines)).toEqual([])
    expect(step.outputs.status).toBe('pass')
  })

  it('goes on to the next page when a page leaves next_offset out', async () => {
    const fake = await start({ listQuirks: { noNextOffset: true } })
    const step = await runStep(inputs(fake, { 'sample-id': 'all', diffs: '0', history: '0' }))
    expect(step.outputs.total).toBe('230')
    expect(step.summary).not.toContain('incomplete')
    expect(paths(fake).filter((path) => path.includes('/samples?'))).toEqual(
      [0, 100, 200].map((offset) => `/api/v1/runs/${DEMO.runId}/samples?limit=100&offset=${offset}`)
    )
  })

  it("refuses a run's description that is of another run", async () => {
    const fake = await start()
    fake.enqueueFault({
      match: (path) => path === `/api/v1/runs/${DEMO.runId}`,
      json: { run_id: 9000, status: 'pass', platform: 'windows' }
    })
    const step = await runStep(inputs(fake, { 'wait-timeout': '60' }))
    expect(errorsOf(step.lines)).toEqual([
      `::error::The Sample Platform answered run ${DEMO.runId} with the description of run 9000. The server mixed up its answers: re-run the job, and report it to the Sample Platform if it persists.`
    ])
  })

  it.each([
    [
      401,
      /^::error::baseline-run-id: the baseline run 9411 could not be read\. The Sample Platform answered 401/
    ],
    [
      400,
      /^::error::baseline-run-id: the baseline run 9411 could not be read\. .*check the run and sample IDs given\.$/
    ]
  ])('names baseline-run-id and the run when the baseline answers %d', async (status, error) => {
    const fake = await start()
    fake.enqueueFault({ match: (path) => path.includes('/runs/9411'), status, times: 5 })
    const step = await runStep(inputs(fake, { 'baseline-run-id': '9411' }))
    expect(errorsOf(step.lines)).toEqual([expect.stringMatching(error)])
  })
})

describe('wait-timeout', () => {
  it.each([
    [5, [2000, 3000]],
    [20, [2000, 4000, 14_000]]
  ])(
    'of %d s is waited whole, with a last look at the deadline, and the message says so',
    async (seconds, sleeps) => {
      const clock = testClock({ start: Date.UTC(2026, 11, 1, 12) })
      const fake = await start({ now: clock.now })
      fake.scheduleRun(9800, { at: clock.now(), queuedMs: 3_600_000, platform: 'linux' })
      const step = await runStep(
        inputs(fake, { 'run-id': '9800', 'wait-timeout': String(seconds) }),
        {},
        { clock }
      )
      expect(clock.sleeps).toEqual(sleeps)
      const looks = fake.requests.map(
        (request) => request.startedAt - (fake.requests[0]?.startedAt ?? 0)
      )
      expect(looks.at(-1)).toBe(seconds * 1000)
      expect(errorsOf(step.lines)).toEqual([
        expect.stringContaining(
          `linux run 9800 is still queued after waiting ${seconds} s (wait-timeout: ${seconds}): its results are not final. Raise wait-timeout, or re-run later.`
        )
      ])
    }
  )
})
