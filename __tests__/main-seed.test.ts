/**
 * Which number is which (CONTRACT.md), through real HTTP: a server that answers
 * exactly as the seed's API document says (the number asked for is a media
 * sample or a regression test, and the body's regression_id is another number),
 * in every mode, and the rule that picks a sample's entry out of a list.
 */
import { describe, expect, it } from '@jest/globals'
import { DEMO, mediaOf, type FakePlatform } from '../test-support/fake-platform.js'
import { startFakePlatformPerTest } from '../test-support/platform-fixture.js'
import { runStep } from '../test-support/run-step.js'
import { generateRun } from '../test-support/sample-runs.js'

const start = startFakePlatformPerTest()

const inputs = (fake: FakePlatform, samples: string, more: Record<string, string> = {}) => ({
  'api-url': fake.apiUrl,
  'api-token': DEMO.token,
  'run-id': String(DEMO.runId),
  'sample-id': samples,
  ...more
})

interface ResultEntry {
  id: number
  sample_id: number | null
  regression_id: number | null
  status: string
}
const resultsOf = (outputs: Record<string, string>) =>
  JSON.parse(outputs.results ?? '[]') as ResultEntry[]
const errorsOf = (lines: string[]) => lines.filter((line) => line.startsWith('::error::'))
const warningsOf = (lines: string[]) => lines.filter((line) => line.startsWith('::warning::'))
/** Results and diffs alone: the seed's server has no history endpoint. */
const noDetails = { diffs: '0', history: '0' }

describe("the seed's example answer", () => {
  it('reports GET /runs/9321/samples/142 answering regression test 77, in one request', async () => {
    const fake = await start({ shape: 'seed' })
    const body = {
      run_id: 9321,
      sample_id: 142,
      regression_id: 77,
      category: 'Teletext',
      command: '--autoprogram --out=srt --latin1 --teletext',
      status: 'pass',
      runtime_ms: 1834,
      exit_code: 0,
      expected_exit_code: 0,
      result_message: null,
      tags: ['teletext'],
      outputs: [{ output_id: 9001, filename: '2f1c0a9b3d.srt', got: null, status: 'pass' }]
    }
    fake.enqueueFault({ match: (path) => path === '/api/v1/runs/9321/samples/142', json: body })
    const step = await runStep({ ...inputs(fake, '142'), 'run-id': '9321' })
    expect(errorsOf(step.lines)).toEqual([])
    expect(step.outputs).toMatchObject({ status: 'pass', 'regression-id': '77' })
    expect(resultsOf(step.outputs)).toMatchObject([{ id: 142, sample_id: 142, regression_id: 77 }])
    expect(fake.requests.map((request) => request.path)).toEqual(['/api/v1/runs/9321/samples/142'])
    expect(step.lines).toContain('Sample Platform: 1 request (1 for results)')
    // The report names the sample asked for and links the regression test it is.
    expect(step.summary).toContain('run 9321, sample 142')
    expect(step.summary).toContain('/regression/test/77/view')
  })
})

describe("a server built from the seed's document: media samples asked for", () => {
  it('reports one sample by its media sample number', async () => {
    const fake = await start({ shape: 'seed' })
    const step = await runStep(inputs(fake, String(mediaOf(DEMO.passingSample))))
    expect(step.failed).toBe(false)
    expect(step.outputs['regression-id']).toBe(String(DEMO.passingSample))
    expect(resultsOf(step.outputs)).toMatchObject([
      {
        id: mediaOf(DEMO.passingSample),
        sample_id: mediaOf(DEMO.passingSample),
        regression_id: DEMO.passingSample,
        status: 'pass'
      }
    ])
    expect(fake.requests).toHaveLength(1)
  })

  it('reports a list of up to 10, one request each', async () => {
    const fake = await start({ shape: 'seed' })
    const asked = [DEMO.failingSample, DEMO.passingSample, DEMO.missingOutputSample].map(mediaOf)
    const step = await runStep({ ...inputs(fake, asked.join(', ')), ...noDetails })
    expect(warningsOf(step.lines)).toEqual([])
    expect(
      resultsOf(step.outputs).map((entry) => [entry.id, entry.regression_id, entry.status])
    ).toEqual([
      [mediaOf(DEMO.failingSample), DEMO.failingSample, 'fail'],
      [mediaOf(DEMO.passingSample), DEMO.passingSample, 'pass'],
      [mediaOf(DEMO.missingOutputSample), DEMO.missingOutputSample, 'missing_output']
    ])
    expect(fake.requests).toHaveLength(3)
    // Each row names the sample asked for and the regression test it is.
    expect(step.summary).toContain(
      `[${mediaOf(DEMO.failingSample)} (test ${DEMO.failingSample})](${fake.url}/regression/test/${DEMO.failingSample}/view)`
    )
  })

  it('reports a list of more than 10: no list endpoint, so one request each, none unavailable', async () => {
    const fake = await start({ shape: 'seed' })
    const regressions = generateRun(DEMO.runId)
      .filter((result) => result.sample_id !== null)
      .slice(0, 12)
    const step = await runStep({
      ...inputs(fake, regressions.map((result) => result.sample_id).join(' ')),
      ...noDetails
    })
    const results = resultsOf(step.outputs)
    expect(results.map((entry) => [entry.id, entry.regression_id])).toEqual(
      regressions.map((result) => [result.sample_id, result.regression_id])
    )
    expect(results.filter((entry) => entry.status === 'unavailable')).toEqual([])
    expect(step.lines).toContain(
      `run ${DEMO.runId}: the server has no list of results; fetching them one by one`
    )
    expect(fake.requests).toHaveLength(1 + 12)
  })

  it('says which sample got whose answer when the server mixes them up in a list', async () => {
    const fake = await start({ shape: 'seed' })
    const asked = [DEMO.failingSample, DEMO.passingSample].map(mediaOf)
    // The answer for the failing sample's media sample is the passing sample's result.
    const [passing] = generateRun(DEMO.runId).filter(
      (result) => result.regression_id === DEMO.passingSample
    )
    fake.enqueueFault({
      match: (path) => path.endsWith(`/samples/${mediaOf(DEMO.failingSample)}`),
      json: { ...passing, run_id: DEMO.runId }
    })
    const step = await runStep({ ...inputs(fake, asked.join(', ')), ...noDetails })
    expect(resultsOf(step.outputs)).toMatchObject([
      {
        id: mediaOf(DEMO.failingSample),
        sample_id: null,
        regression_id: null,
        status: 'unavailable'
      },
      { id: mediaOf(DEMO.passingSample), regression_id: DEMO.passingSample, status: 'pass' }
    ])
    expect(warningsOf(step.lines)).toEqual([
      `::warning::The Sample Platform answered run ${DEMO.runId} with the result of another number for one sample: sample ${mediaOf(DEMO.failingSample)} got sample ${mediaOf(DEMO.passingSample)} (regression test ${DEMO.passingSample}). It is reported as unavailable; re-run the job, and report it to the Sample Platform if it persists.`
    ])
    expect(step.failed).toBe(true)
  })
})

describe('a server that speaks the documented shape in its list too', () => {
  it('reports every result of a run with all, keyed by regression test', async () => {
    const fake = await start({ shape: 'documented' })
    const step = await runStep({ ...inputs(fake, 'all'), ...noDetails, 'fail-on': 'never' })
    const results = resultsOf(step.outputs)
    expect(results).toHaveLength(230)
    expect(results.filter((entry) => entry.status === 'unavailable')).toEqual([])
    const failing = results.find((entry) => entry.id === DEMO.failingSample)
    expect(failing).toMatchObject({
      sample_id: mediaOf(DEMO.failingSample),
      regression_id: DEMO.failingSample,
      status: 'fail'
    })
  })

  it('picks media samples asked for out of the list (more than 10)', async () => {
    const fake = await start({ shape: 'documented' })
    const regressions = generateRun(DEMO.runId)
      .filter((result) => result.sample_id !== null)
      .slice(20, 32)
    const step = await runStep({
      ...inputs(fake, regressions.map((result) => result.sample_id).join(' ')),
      ...noDetails,
      'fail-on': 'never'
    })
    expect(resultsOf(step.outputs).map((entry) => [entry.id, entry.regression_id])).toEqual(
      regressions.map((result) => [result.sample_id, result.regression_id])
    )
    // The list, page by page; no single result.
    expect(fake.requests.every((request) => /\/samples\?limit=100/.test(request.path))).toBe(true)
  })

  it("picks a number's regression test over a result whose sample it is", async () => {
    // Regression test 150 (media sample 1150), and regression test 30 whose sample is 150.
    const fake = await start({
      shape: 'documented',
      runs: new Map([
        [
          9700,
          new Map([
            [30, { regression_id: 30, sample_id: 150, status: 'fail' }],
            [150, { regression_id: 150, sample_id: 1150, status: 'pass' }],
            [151, { regression_id: 151, sample_id: 1151, status: 'pass' }]
          ])
        ]
      ])
    })
    const asked = [150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160]
    const step = await runStep({
      ...inputs(fake, asked.join(',')),
      ...noDetails,
      'run-id': '9700',
      'fail-on': 'never'
    })
    const [first, second, third] = resultsOf(step.outputs)
    expect(first).toMatchObject({ id: 150, regression_id: 150, sample_id: 1150, status: 'pass' })
    expect(second).toMatchObject({ id: 151, regression_id: 151 })
    expect(third).toMatchObject({ id: 152, regression_id: null, status: 'unavailable' })
  })
})
