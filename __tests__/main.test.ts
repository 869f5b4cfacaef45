import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { run } from '../src/main.js'
import { DEMO } from '../test-support/fake-platform.js'
import { useFakePlatform } from '../test-support/platform-fixture.js'
import { createRunnerEnv } from '../test-support/runner.js'
import { testClock } from '../test-support/test-clock.js'

const platform = useFakePlatform()
afterEach(() => {
  // A real core.setFailed sets the exit code of this Jest process.
  process.exitCode = undefined
})

interface StepRun {
  log: string
  lines: string[]
  outputs: Record<string, string>
  summary: string
  failed: boolean
}

/** Runs the action in this process, as the runner would, and collects what it did. */
async function runStep(
  inputs: Record<string, string>,
  extraEnv: Record<string, string | undefined> = {}
): Promise<StepRun> {
  const runner = createRunnerEnv({
    'api-url': platform().apiUrl,
    'api-token': DEMO.token,
    ...inputs
  })
  const saved = { ...process.env }
  Object.assign(process.env, runner.env)
  for (const [name, value] of Object.entries(extraEnv)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  let log = ''
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    log += String(chunk)
    return true
  })
  try {
    await run({ clock: testClock() })
    return {
      log,
      lines: log.split('\n'),
      outputs: runner.readOutputs(),
      summary: runner.readSummary(),
      failed: process.exitCode === 1
    }
  } finally {
    write.mockRestore()
    process.env = saved
    runner.cleanup()
  }
}

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
        'url'
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
    expect(errors[0]).toContain('404 not_found: "Run 9413 not found." for run 9413, sample 3')
    expect(step.log).not.toMatch(/\n\s+at /)
  })

  it('reports an unknown status verbatim and fails on it', async () => {
    const known = platform().runs.get(DEMO.runId)?.get(DEMO.passingSample)
    platform().enqueueFault({ json: { ...known, status: 'quarantined' } })
    const step = await runStep(sample(DEMO.passingSample))
    expect(step.outputs.status).toBe('quarantined')
    expect(step.outputs.passed).toBe('false')
    expect(step.failed).toBe(true)
    expect(step.summary).toContain('❔ quarantined')
  })

  it('lets no server text start a workflow command in the log', async () => {
    platform().enqueueFault({
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
