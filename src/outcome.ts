import type { FailOn } from './inputs.js'
import type { ResultLinks } from './platform/links.js'
import { isPassing, readOutputFile, type SampleResult } from './platform/result.js'

/** The step outputs for one result, as the runner stores them: text. */
export function resultOutputs(result: SampleResult, links: ResultLinks): Record<string, string> {
  const text = (value: string | number | null): string => (value === null ? '' : String(value))
  return {
    status: result.status,
    passed: String(isPassing(result.status)),
    'regression-id': text(result.regression_id),
    category: result.category,
    command: result.command,
    'runtime-ms': text(result.runtime_ms),
    'exit-code': text(result.exit_code),
    'expected-exit-code': text(result.expected_exit_code),
    'result-message': text(result.result_message),
    tags: JSON.stringify(result.tags),
    outputs: JSON.stringify(result.outputs),
    result: JSON.stringify(result),
    url: links.run
  }
}

/** Whether `fail-on` says this status fails the step. */
export function shouldFail(failOn: FailOn, status: string): boolean {
  switch (failOn.mode) {
    case 'never':
      return false
    case 'non-pass':
      return !isPassing(status)
    case 'statuses':
      return failOn.statuses.includes(status)
  }
}

/** What went wrong with a result, in a few words: exit code and output files. */
export function describeProblems(result: SampleResult): string[] {
  const problems: string[] = []
  const { exit_code: exit, expected_exit_code: expected } = result
  if (exit !== null && expected !== null && exit !== expected) {
    problems.push(`exit code ${exit}, expected ${expected}`)
  }
  if (result.runtime_ms === 600_000 && exit === -1) problems.push('the runner timed out')
  const files = result.outputs.map(readOutputFile)
  const byStatus = new Map<string, number>()
  for (const file of files) {
    if (file.status !== null && file.status !== 'pass') {
      byStatus.set(file.status, (byStatus.get(file.status) ?? 0) + 1)
    }
  }
  for (const [status, count] of byStatus) {
    problems.push(`${count} of ${files.length} output files ${OUTPUT_PROBLEMS[status] ?? status}`)
  }
  return problems
}

const OUTPUT_PROBLEMS: Record<string, string> = {
  fail: 'differ from the expected',
  missing_output: 'not produced',
  missing_expected: 'without an expected file'
}
