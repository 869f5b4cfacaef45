import type { FailOn } from './inputs.js'
import type { ResultLinks } from './platform/links.js'
import { isPassing, readOutputFile, type SampleResult } from './platform/result.js'
import {
  UNAVAILABLE,
  entryPasses,
  entryStatus,
  type ResultSet,
  type SampleEntry,
  type SetSummary
} from './platform/result-set.js'

/** The step outputs of one result (the core action's), as the runner stores them: text. */
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

/**
 * GitHub keeps at most 1 MB of outputs per job; this leaves room for the
 * comment outputs and for other steps.
 */
export const OUTPUTS_LIMIT = 900_000
/** In lean outputs, the most of a result message or command kept. */
const LEAN_TEXT_CHARS = 10_000

/** The step outputs of a set of results. `status` is `pass` only when every one passes. */
export function setOutputs(
  set: ResultSet,
  summary: SetSummary,
  lean = false
): Record<string, string> {
  return {
    status: summary.failed === 0 ? 'pass' : 'fail',
    total: String(summary.total),
    'passed-count': String(summary.passed),
    'failed-count': String(summary.failed),
    results: JSON.stringify(set.entries.map((entry) => entryJson(entry, lean))),
    regressions: JSON.stringify(summary.regressions),
    fixed: JSON.stringify(summary.fixed)
  }
}

/**
 * Every output of the step: the set's, and with one sample its result's. When
 * they would pass GitHub's limit, bulky fields are cut (and `results` leaves
 * them out); the report file keeps everything, and the warning says so.
 */
export function stepOutputs(
  set: ResultSet,
  summary: SetSummary,
  single: { result: SampleResult; links: ResultLinks } | null,
  reportFile: string
): { outputs: Record<string, string>; warning: string | null } {
  const build = (lean: boolean) => ({
    ...setOutputs(set, summary, lean),
    'report-file': reportFile,
    ...(single ? resultOutputs(lean ? leanResult(single.result) : single.result, single.links) : {})
  })
  const full = build(false)
  if (outputsSize(full) <= OUTPUTS_LIMIT) return { outputs: full, warning: null }
  return {
    outputs: build(true),
    warning: `The outputs would pass GitHub's 1 MB per job: results leaves out command, outputs and result_message${single ? `, and result-message, command and result keep their first ${LEAN_TEXT_CHARS.toLocaleString('en-US')} characters` : ''}. The file that report-file names has everything.`
  }
}

function outputsSize(outputs: Record<string, string>): number {
  return Object.entries(outputs).reduce((sum, [name, value]) => sum + name.length + value.length, 0)
}

/** A result with its unbounded fields cut: for outputs that must fit. */
function leanResult(result: SampleResult): SampleResult {
  const cut = (text: string) =>
    text.length > LEAN_TEXT_CHARS ? `${text.slice(0, LEAN_TEXT_CHARS)}…` : text
  return {
    ...result,
    category: cut(result.category),
    command: cut(result.command),
    result_message: result.result_message === null ? null : cut(result.result_message),
    tags: result.tags.slice(0, 100).map(cut),
    outputs: result.outputs.slice(0, 100),
    ...(result.sample_name === undefined
      ? {}
      : { sample_name: result.sample_name && cut(result.sample_name) })
  }
}

/** One entry of the `results` output: the documented shape plus what the action derived. */
function entryJson(entry: SampleEntry, lean: boolean): Record<string, unknown> {
  const derived = {
    passed: entryPasses(entry),
    ...(entry.change === undefined
      ? {}
      : { baseline_status: entry.baselineStatus ?? null, change: entry.change })
  }
  if (entry.result === null) {
    return {
      sample_id: entry.sampleId,
      status: UNAVAILABLE,
      error: entry.problem?.message ?? null,
      ...derived
    }
  }
  if (!lean) return { ...entry.result, ...derived }
  // The bulky fields go; the rest keeps the documented shape.
  const { outputs, command, result_message, ...rest } = leanResult(entry.result)
  return { ...rest, ...derived }
}

/** Whether `fail-on` says this set fails the step. */
export function shouldFail(failOn: FailOn, set: ResultSet): boolean {
  switch (failOn.mode) {
    case 'never':
      return false
    case 'non-pass':
      return set.entries.some((entry) => !entryPasses(entry))
    case 'regression':
      return set.entries.some((entry) => entry.change === 'regression')
    case 'statuses':
      return set.entries.some((entry) => failOn.statuses.includes(entryStatus(entry)))
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
