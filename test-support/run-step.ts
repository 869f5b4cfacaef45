import { jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { run, type RunDependencies } from '../src/main.js'
import { createRunnerEnv } from './runner.js'
import { testClock } from './test-clock.js'

/** What one step did, as the runner would see it. */
export interface StepRun {
  /** The report file the report-file output names, read before the runner's files go. */
  report: string | null
  log: string
  lines: string[]
  outputs: Record<string, string>
  summary: string
  failed: boolean
}

/**
 * Runs the action in this process as the runner would: inputs as INPUT_*
 * variables, outputs and summary through files, the log from stdout. GitHub's
 * waits are made milliseconds and the clock a test clock.
 */
export async function runStep(
  inputs: Record<string, string>,
  extraEnv: Record<string, string | undefined> = {},
  dependencies: Partial<RunDependencies> = {}
): Promise<StepRun> {
  const runner = createRunnerEnv(inputs)
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
    await run({ clock: testClock(), waitUnitMs: 1, ...dependencies })
    const outputs = runner.readOutputs()
    return {
      report: outputs['report-file'] ? readFileSync(outputs['report-file'], 'utf8') : null,
      log,
      lines: log.split('\n'),
      outputs,
      summary: runner.readSummary(),
      // A real core.setFailed sets the exit code of this Jest process: take it back.
      failed: process.exitCode === 1
    }
  } finally {
    process.exitCode = undefined
    write.mockRestore()
    process.env = saved
    runner.cleanup()
  }
}
