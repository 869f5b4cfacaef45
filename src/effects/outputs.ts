/** The step's outputs: what the runner keeps for later steps, within GitHub's limit. */
import { resultLinks } from '../platform/links.js'
import { isPassing, type SampleResult } from '../platform/result.js'
import {
  UNAVAILABLE,
  entryPasses,
  singleEntry,
  type ResultSet,
  type SampleEntry,
  type SetCounts
} from '../platform/result-set.js'
import { shorten } from '../shared/text.js'

/** The step outputs of one result (the core action's), as the runner stores them: text. */
export function resultOutputs(result: SampleResult, apiUrl: string): Record<string, string> {
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
    url: resultLinks(apiUrl, result).run
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
  counts: SetCounts,
  lean = false
): Record<string, string> {
  return {
    status: counts.failed === 0 ? 'pass' : 'fail',
    total: String(counts.total),
    'passed-count': String(counts.passed),
    'failed-count': String(counts.failed),
    results: JSON.stringify(set.entries.map((entry) => entryJson(entry, lean))),
    regressions: JSON.stringify(counts.regressions),
    fixed: JSON.stringify(counts.fixed)
  }
}

/**
 * Every output of the step: the set's, and in the one-result layout its
 * result's. When they would pass GitHub's limit, bulky fields are cut (and
 * `results` leaves them out); the report file keeps everything, and the
 * warning says so.
 */
export function stepOutputs(
  set: ResultSet,
  counts: SetCounts,
  apiUrl: string,
  reportFile: string
): { outputs: Record<string, string>; warning: string | null } {
  const single = singleEntry(set)
  const build = (lean: boolean) => ({
    ...setOutputs(set, counts, lean),
    'report-file': reportFile,
    ...(single ? resultOutputs(lean ? leanResult(single.result) : single.result, apiUrl) : {})
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
  const cut = (text: string) => shorten(text, LEAN_TEXT_CHARS)
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
