import { describe, expect, it } from '@jest/globals'
import { DEMO, mediaOf } from '../test-support/fake-platform.js'
import { useFakePlatform } from '../test-support/platform-fixture.js'
import { runStep as runOnRunner } from '../test-support/run-step.js'

/** Faults for the results, not for the run's description read first. */
const onResults = (path: string) => /\/samples(\/|\?)/.test(path)

const platform = useFakePlatform()

/** A step against the fake platform, with the demo token unless told otherwise. */
const runStep = (inputs: Record<string, string>, env: Record<string, string | undefined> = {}) =>
  runOnRunner({ 'api-url': platform().apiUrl, 'api-token': DEMO.token, ...inputs }, env)

const sample = (id: number) => ({ 'run-id': String(DEMO.runId), 'sample-id': String(id) })

describe('run', () => {
  it('reports a passing result: outputs, summary, no failure', async () => {
    const step = await runStep(sample(DEMO.passingSample))
    expect(step.failed).toBe(false)
    expect(step.outputs).toMatchObject({
      status: 'pass',
      passed: 'true',
      'regression-id': String(DEMO.passingSample),
      category: 'Teletext',
      'exit-code': '0',
      'expected-exit-code': '0',
      'result-message': '',
      url: `${platform().url}/test/${DEMO.runId}`
    })
    expect(JSON.parse(step.outputs.result ?? '')).toMatchObject({
      run_id: DEMO.runId,
      status: 'pass'
    })
    expect(JSON.parse(step.outputs.tags ?? '')).toEqual(expect.any(Array))
    expect(Object.keys(step.outputs).sort()).toEqual(
      [
        'status',
        'passed',
        'regression-id',
        'category',
        'command',
        'runtime-ms',
        'exit-code',
        'expected-exit-code',
        'result-message',
        'tags',
        'outputs',
        'result',
        'url',
        'total',
        'passed-count',
        'failed-count',
        'results',
        'regressions',
        'fixed',
        'report-file',
        'comment-action',
        'comment-id',
        'comment-url',
        'run-id',
        'baseline-run-id',
        'runs',
        'commit',
        'new-failures',
        'known-failures',
        'flaky',
        'junit-file',
        'ctrf-file'
      ].sort()
    )
    expect(step.summary).toContain(`### ✅ pass: run ${DEMO.runId}, sample ${DEMO.passingSample}`)
    expect(step.lines).toContain(`Run ${DEMO.runId}, sample ${DEMO.passingSample}: ✅ pass`)
    expect(step.log).not.toContain('::error::')
  })

  it('fails the step on a failing result, after setting the outputs and the summary', async () => {
    const step = await runStep(sample(DEMO.failingSample))
    expect(step.failed).toBe(true)
    expect(step.outputs.status).toBe('fail')
    expect(step.outputs.passed).toBe('false')
    expect(step.summary).toContain('❌ fail')
    const errors = step.lines.filter((line) => line.startsWith('::error::'))
    expect(errors).toEqual([
      `::error::Run ${DEMO.runId}, sample ${DEMO.failingSample}: ❌ fail (exit code 8, expected 0; 1 of 1 output files differ from the expected). fail-on is "non-pass"; see the job summary or ${platform().url}/test/${DEMO.runId}`
    ])
  })

  it.each([
    ['never', DEMO.failingSample, false],
    ['missing_output', DEMO.failingSample, false],
    ['missing_output', DEMO.missingOutputSample, true],
    ['fail, missing_output', DEMO.timeoutSample, true]
  ])('fail-on %j with sample %i fails: %s', async (failOn, id, failed) => {
    const step = await runStep({ ...sample(id), 'fail-on': failOn })
    expect(step.failed).toBe(failed)
    expect(step.outputs.passed).toBe('false')
  })

  it('writes no summary when summary is false', async () => {
    const step = await runStep({ ...sample(DEMO.passingSample), summary: 'false' })
    expect(step.summary).toBe('')
    expect(step.outputs.status).toBe('pass')
  })

  it('still sets outputs when there is no summary file, with a warning', async () => {
    const step = await runStep(sample(DEMO.passingSample), { GITHUB_STEP_SUMMARY: undefined })
    expect(step.failed).toBe(false)
    expect(step.outputs.status).toBe('pass')
    expect(step.log).toMatch(/^::warning::Could not write the job summary/m)
  })

  it('masks the token before any request and prints it nowhere else, debug included', async () => {
    const step = await runStep(sample(DEMO.failingSample), { RUNNER_DEBUG: '1' })
    const mask = step.lines.findIndex((line) => line === `::add-mask::${DEMO.token}`)
    const firstRequest = step.lines.findIndex((line) => line.startsWith('::debug::GET '))
    expect(mask).toBeGreaterThanOrEqual(0)
    expect(firstRequest).toBeGreaterThan(mask)
    const elsewhere = step.lines.filter(
      (line, index) => index !== mask && line.includes(DEMO.token)
    )
    expect(elsewhere).toEqual([])
    expect(JSON.stringify(step.outputs)).not.toContain(DEMO.token)
    expect(step.summary).not.toContain(DEMO.token)
  })

  it('fails before any request on bad input, naming the input and the value', async () => {
    const step = await runStep({ ...sample(1), 'run-id': 'abc', 'request-timeout': 'soon' })
    expect(step.failed).toBe(true)
    expect(step.lines.filter((line) => line.startsWith('::error::'))).toEqual([
      '::error::run-id: "abc" is not a positive integer (1 to 2147483647). request-timeout: "soon" is not a number of seconds between 0 and 600 (for example 30).'
    ])
    expect(platform().requests).toHaveLength(0)
    expect(step.outputs).toEqual({})
  })

  it('names a bad run-id and a bad platform in one error line, before any request', async () => {
    const step = await runStep({ ...sample(1), 'run-id': 'abc', platform: 'macos' })
    expect(step.failed).toBe(true)
    expect(step.lines.filter((line) => line.startsWith('::error::'))).toEqual([
      '::error::platform: "macos" is not linux, windows, or both ("linux, windows"). run-id: "abc" is not a positive integer (1 to 2147483647).'
    ])
    expect(platform().requests).toHaveLength(0)
  })

  it('explains an empty token', async () => {
    const step = await runStep({ ...sample(1), 'api-token': '' })
    expect(step.log).toMatch(/^::error::api-token is empty\. .*forks/m)
    expect(platform().requests).toHaveLength(0)
  })

  it('turns an API error into one error line with a hint and no stack trace', async () => {
    const step = await runStep({ 'run-id': String(DEMO.inProgressRunId), 'sample-id': '3' })
    expect(step.failed).toBe(true)
    const errors = step.lines.filter((line) => line.startsWith('::error::'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toBe(
      '::error::The Sample Platform answered 404 not_found: "Run 9413 not found." for run 9413, sample 3. Check run-id. A run that is still in progress, or was restarted, also answers 404 until its results are in.'
    )
    expect(step.log).not.toMatch(/\n\s+at /)
  })

  it('reports an unknown status verbatim and fails on it', async () => {
    const known = platform().runs.get(DEMO.runId)?.get(DEMO.passingSample)
    platform().enqueueFault({ match: onResults, json: { ...known, status: 'quarantined' } })
    const step = await runStep(sample(DEMO.passingSample))
    expect(step.outputs.status).toBe('quarantined')
    expect(step.outputs.passed).toBe('false')
    expect(step.failed).toBe(true)
    expect(step.summary).toContain('❔ quarantined')
  })

  it('lets no server text start a workflow command in the log', async () => {
    platform().enqueueFault({
      match: onResults,
      json: {
        regression_id: 5,
        category: 'x',
        command: '--out=srt',
        status: 'fail\n::error::forged\n##[warning]forged',
        exit_code: 1,
        expected_exit_code: 0,
        outputs: []
      }
    })
    const step = await runStep(sample(5))
    const commands = step.lines.filter((line) => /^::|##\[/.test(line))
    expect(
      commands.every((line) => !line.includes('forged') || line.startsWith('::error::Run'))
    ).toBe(true)
    expect(step.log).not.toMatch(/^::error::forged/m)
    expect(step.log).not.toContain('##[warning]')
    expect(step.outputs.status).toBe('fail\n::error::forged\n##[warning]forged')
  })
})

describe('run with several samples', () => {
  it('fetches a list once per sample, compares with the baseline and sets the set outputs', async () => {
    const step = await runStep({
      'run-id': String(DEMO.runId),
      'sample-id': '132, 159\n42 132',
      'baseline-run-id': String(DEMO.baselineRunId)
    })
    // Three results (the run is not read: every result is final), the baseline run's
    // description and results, then the history of the two that do not pass and the
    // diff of 132's differing output.
    expect(platform().requests.map((request) => request.path.split('?')[0])).toEqual([
      ...[132, 159, 42].map((id) => `/api/v1/runs/9412/samples/${id}`),
      '/api/v1/runs/9411',
      ...[132, 159, 42].map((id) => `/api/v1/runs/9411/samples/${id}`),
      `/api/v1/samples/${mediaOf(42)}/history`,
      `/api/v1/samples/${mediaOf(132)}/history`,
      `/api/v1/runs/9412/samples/${mediaOf(132)}/regression-tests/132/outputs/${DEMO.failingOutput}/diff`
    ])
    expect(step.failed).toBe(true)
    expect(step.outputs).toMatchObject({
      status: 'fail',
      total: '3',
      'passed-count': '1',
      'failed-count': '2',
      regressions: '[42,132]',
      fixed: '[]'
    })
    expect(step.outputs.passed).toBeUndefined()
    const results = JSON.parse(step.outputs.results ?? '') as Record<string, unknown>[]
    expect(
      results.map((r) => [r.regression_id, r.status, r.passed, r.baseline_status, r.change])
    ).toEqual([
      [132, 'fail', false, 'pass', 'regression'],
      [159, 'pass', true, 'pass', 'still-passing'],
      [42, 'missing_output', false, 'pass', 'regression']
    ])
    expect(step.summary).toContain('#### 🔻 Regressions since run 9411 (2)')
    expect(step.report).toBe(step.summary)
    expect(step.lines).toContain(`::group::Fetching 3 results of run ${DEMO.runId}`)
    expect(step.lines).toContain('::endgroup::')
    expect(step.lines).toContain(
      `Run ${DEMO.runId}: ❌ 2 of 3 results do not pass (regressions since run 9411: 42, 132)`
    )
    expect(step.lines.filter((line) => line.startsWith('::error::'))).toEqual([
      `::error::Run ${DEMO.runId}: ❌ 2 of 3 results do not pass (regressions since run 9411: 42, 132). fail-on is "non-pass"; see the job summary or ${platform().url}/test/${DEMO.runId}`
    ])
  })

  it.each([
    [[...DEMO.stillFailing, ...DEMO.fixed], false],
    [[...DEMO.stillFailing, DEMO.failingSample], true]
  ])('fail-on regression with samples %j fails: %s', async (ids, failed) => {
    const step = await runStep({
      'run-id': String(DEMO.runId),
      'sample-id': ids.join(','),
      'baseline-run-id': String(DEMO.baselineRunId),
      'fail-on': 'regression'
    })
    expect(step.failed).toBe(failed)
    expect(step.outputs['failed-count']).not.toBe('0')
  })

  it('fetches every result of a run with all', async () => {
    const step = await runStep({
      'run-id': String(DEMO.runId),
      'sample-id': 'all',
      'fail-on': 'never'
    })
    expect(step.failed).toBe(false)
    expect(step.outputs).toMatchObject({ total: '230', 'passed-count': '223', 'failed-count': '7' })
    expect(step.summary).toContain('### ❌ 7 of 230 results do not pass: run 9412')
  })

  it('a 401 stops the whole step with one error', async () => {
    const step = await runStep({
      'run-id': String(DEMO.runId),
      'sample-id': '1-200',
      'api-token': 'spci_wrong'
    })
    expect(step.failed).toBe(true)
    expect(step.lines.filter((line) => line.startsWith('::error::'))).toHaveLength(1)
    expect(platform().requests.length).toBeLessThanOrEqual(4)
  })
})

describe('limits of what the runner keeps', () => {
  const huge = () => {
    const known = platform().runs.get(DEMO.runId)?.get(DEMO.failingSample)
    return {
      ...known,
      category: 'C'.repeat(1_200_000),
      tags: Array.from({ length: 3000 }, (_, i) => `tag-${i}-${'t'.repeat(400)}`),
      result_message: 'm'.repeat(390_000),
      sample_name: 'n'.repeat(100_000)
    }
  }

  it('keeps the summary within 1 MiB and the outputs within 1 MB for one huge result', async () => {
    platform().enqueueFault({ match: onResults, json: huge() })
    const step = await runStep(sample(DEMO.failingSample))
    expect(Buffer.byteLength(step.summary)).toBeLessThanOrEqual(1024 * 1024)
    const size = Object.entries(step.outputs).reduce(
      (sum, [name, value]) => sum + name.length + value.length,
      0
    )
    expect(size).toBeLessThanOrEqual(900_000)
    expect(step.outputs['result-message']).toHaveLength(10_001)
    expect(step.report).toContain('m'.repeat(390_000))
    expect(
      step.lines.filter((line) => line.startsWith('::warning::The outputs would pass'))
    ).toHaveLength(1)
  })

  it('keeps the summary within 1 MiB for a list with a huge result', async () => {
    platform().enqueueFault({
      json: huge(),
      match: (path) => path.endsWith(`/${DEMO.failingSample}`)
    })
    const step = await runStep({
      'run-id': String(DEMO.runId),
      'sample-id': `${DEMO.failingSample}, ${DEMO.passingSample}`
    })
    expect(Buffer.byteLength(step.summary)).toBeLessThanOrEqual(1024 * 1024)
    expect(step.outputs.total).toBe('2')
  })

  it('never shows the token, even escaped for markdown', async () => {
    const known = platform().runs.get(DEMO.runId)?.get(DEMO.failingSample)
    platform().enqueueFault({
      match: onResults,
      json: { ...known, result_message: DEMO.token, category: DEMO.token }
    })
    const step = await runStep(sample(DEMO.failingSample))
    const unescaped = (text: string) => text.replaceAll('\\', '')
    expect(unescaped(step.summary)).not.toContain(DEMO.token)
    expect(unescaped(JSON.stringify(step.outputs))).not.toContain(DEMO.token)
    expect(step.outputs['result-message']).toBe('***')
  })
})

describe('a baseline run that does not exist', () => {
  it.each(['132, 159', 'all'])(
    'fails the step after the outputs, naming baseline-run-id (sample-id %s)',
    async (ids) => {
      const step = await runStep({
        'run-id': String(DEMO.runId),
        'sample-id': ids,
        'baseline-run-id': '9000',
        'fail-on': 'regression'
      })
      expect(step.failed).toBe(true)
      expect(step.outputs.regressions).toBe('[]')
      expect(step.summary).not.toBe('')
      expect(step.lines.filter((line) => line.startsWith('::error::'))).toEqual([
        '::error::baseline-run-id: the Sample Platform has no run 9000 (404 "Run 9000 not found."), so every sample was counted as new. Check baseline-run-id.'
      ])
    }
  )
})
