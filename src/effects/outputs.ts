/** The step's outputs: what the runner keeps for later steps, within GitHub's limit. */
import { collectedPasses, type Collected } from '../platform/model.js'
import type { HistoryClass } from '../platform/model.js'
import { failureSignatures } from '../platform/failures.js'
import { resultLinks, runPage } from '../platform/links.js'
import { isPassing, readOutputFile, type SampleResult } from '../platform/api/result.js'
import {
  UNAVAILABLE,
  entryPasses,
  sampleIds,
  singleEntry,
  type SampleEntry,
  type SetCounts
} from '../platform/model.js'
import { largestFitting } from '../report/markdown.js'
import { shorten, thousands } from '../shared/text.js'

/** The outputs that say what happened to the pull request comment. */
export function commentOutputs(outcome: {
  action: string
  id: number | null
  url: string | null
}): Record<string, string> {
  return {
    'comment-action': outcome.action,
    'comment-id': outcome.id === null ? '' : String(outcome.id),
    'comment-url': outcome.url ?? ''
  }
}

/** The step outputs of one result (the core action's), as the runner stores them: text. */
export function resultOutputs(result: SampleResult, apiUrl: string): Record<string, string> {
  const text = (value: string | number | null): string => (value === null ? '' : String(value))
  return {
    status: result.status,
    passed: String(isPassing(result.status)),
    'regression-id': text(result.regression_id),
    category: text(result.category),
    command: text(result.command),
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
 * GitHub keeps at most 1 MB of outputs per job, counted in bytes; this leaves
 * room for the comment outputs and for other steps.
 */
export const OUTPUTS_LIMIT_BYTES = 900_000

/**
 * How much of each result the outputs keep: everything; without the bulky
 * fields and with text cut; or, for thousands of results, the bare verdict.
 */
type Detail = 'full' | 'lean' | 'minimal'

/** In lean outputs, the most of a result message or command kept. */
const LEAN_TEXT_CHARS = 10_000
/** In lean outputs, the most of a short field (a status, a category, a tag) kept. */
const LEAN_FIELD_CHARS = 100
/** In lean outputs, the most tags and output files kept. */
const LEAN_LIST_ITEMS = 100

/**
 * The step outputs of every platform's results. `status` is `pass` only when
 * every result passes and every run had results to report.
 */
export function setOutputs(
  collected: Collected,
  counts: SetCounts,
  apiUrl: string,
  detail: Detail = 'full',
  maxEntries = Infinity
): Record<string, string> {
  const joined = (ids: (number | null | undefined)[]) =>
    ids.every((id) => id === null || id === undefined) ? '' : ids.map((id) => id ?? '').join(',')
  return {
    status: collectedPasses(collected) ? 'pass' : 'fail',
    total: String(counts.total),
    'passed-count': String(counts.passed),
    'failed-count': String(counts.failed),
    results: JSON.stringify(
      collected.runs
        .flatMap((run) =>
          (run.set?.entries ?? []).map((entry) => ({
            ...entryJson(entry, detail),
            platform: run.platform,
            run_id: run.runId
          }))
        )
        .slice(0, maxEntries)
    ),
    regressions: JSON.stringify(counts.regressions),
    fixed: JSON.stringify(counts.fixed),
    'new-failures': JSON.stringify(withHistory(collected, 'new')),
    'known-failures': JSON.stringify(withHistory(collected, 'known')),
    flaky: JSON.stringify(withHistory(collected, 'flaky')),
    'run-id': joined(collected.runs.map((run) => run.runId)),
    'baseline-run-id': joined(collected.runs.map((run) => run.set?.baselineRunId)),
    runs: JSON.stringify(
      collected.runs.map((run) => ({
        platform: run.platform,
        run_id: run.runId,
        status: run.run ? shorten(run.run.status, LEAN_FIELD_CHARS) : null,
        url: run.runId === null ? null : runPage(apiUrl, run.runId),
        commit_sha: run.run?.commitSha ?? collected.commit,
        baseline_run_id: run.set?.baselineRunId ?? null
      }))
    ),
    commit: collected.commit ?? collected.runs[0]?.run?.commitSha ?? ''
  }
}

/**
 * Every output of the step: the set's, and in the one-result layout its
 * result's. When they would pass GitHub's limit (in bytes), bulky fields are
 * cut (and `results` leaves them out); the report file keeps everything, and
 * the warning says so.
 */
export function stepOutputs(
  collected: Collected,
  counts: SetCounts,
  apiUrl: string,
  reportFile: string
): { outputs: Record<string, string>; warning: string | null } {
  const [only] = collected.runs
  const single = collected.runs.length === 1 && only?.set ? singleEntry(only.set) : null
  const build = (detail: Detail, maxEntries = Infinity) => ({
    ...setOutputs(collected, counts, apiUrl, detail, maxEntries),
    'report-file': reportFile,
    ...(single
      ? resultOutputs(detail === 'full' ? single.result : leanResult(single.result), apiUrl)
      : {})
  })
  const full = build('full')
  if (outputsBytes(full) <= OUTPUTS_LIMIT_BYTES) return { outputs: full, warning: null }
  const singleNote = single
    ? `, and result-message, command and result keep their first ${thousands(LEAN_TEXT_CHARS)} characters`
    : ''
  const warn = (what: string) =>
    `The outputs would pass GitHub's 1 MB per job: ${what}${singleNote}. The file that report-file names has everything.`
  const lean = build('lean')
  if (outputsBytes(lean) <= OUTPUTS_LIMIT_BYTES) {
    return {
      outputs: lean,
      warning: warn(
        'results leaves out command, outputs, tags and result_message and cuts long fields'
      )
    }
  }
  const minimal = build('minimal')
  if (outputsBytes(minimal) <= OUTPUTS_LIMIT_BYTES) {
    return {
      outputs: minimal,
      warning: warn('results keeps only each sample, its status and whether it passed')
    }
  }
  // Thousands of results: as many as fit, in order.
  const total = counts.total
  const kept = largestFitting(
    total,
    (n) => outputsBytes(build('minimal', n)) <= OUTPUTS_LIMIT_BYTES
  )
  return {
    outputs: build('minimal', kept),
    warning: warn(
      `results keeps only each sample, its status and whether it passed, for the first ${kept} of ${total}`
    )
  }
}

/** The sample IDs, once each and in order, of the results that do not pass with this history. */
function withHistory(collected: Collected, kind: HistoryClass): number[] {
  return sampleIds(
    collected.runs.flatMap((run) =>
      (run.set?.entries ?? []).filter(
        (entry) => !entryPasses(entry) && entry.history?.class === kind
      )
    )
  )
}

function outputsBytes(outputs: Record<string, string>): number {
  return Object.entries(outputs).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value),
    0
  )
}

/** A result with its unbounded fields cut: for outputs that must fit. */
function leanResult(result: SampleResult): SampleResult {
  const cut = (text: string | null, max = LEAN_TEXT_CHARS) => text && shorten(text, max)
  return {
    ...result,
    status: shorten(result.status, LEAN_FIELD_CHARS),
    category: cut(result.category, LEAN_FIELD_CHARS),
    command: cut(result.command),
    result_message: cut(result.result_message),
    tags: result.tags.slice(0, LEAN_LIST_ITEMS).map((tag) => shorten(tag, LEAN_FIELD_CHARS)),
    // The entries as read, not as sent: a server may put anything in them.
    outputs:
      result.outputs &&
      result.outputs.slice(0, LEAN_LIST_ITEMS).map((entry) => {
        const file = readOutputFile(entry)
        return {
          output_id: file.outputId,
          filename: cut(file.filename, LEAN_FIELD_CHARS),
          status: cut(file.status, LEAN_FIELD_CHARS)
        }
      }),
    ...(result.sample_name === undefined
      ? {}
      : { sample_name: cut(result.sample_name, LEAN_FIELD_CHARS) })
  }
}

/** One entry of the `results` output: the documented shape plus what the action derived. */
function entryJson(entry: SampleEntry, detail: Detail): Record<string, unknown> {
  const passed = entryPasses(entry)
  const status = entry.result?.status ?? UNAVAILABLE
  // The number asked for, whatever the body says it is: what every entry is known by.
  const id = entry.sampleId
  if (detail === 'minimal') {
    return {
      id,
      regression_id: entry.result?.regression_id ?? null,
      status: shorten(status, LEAN_FIELD_CHARS),
      passed
    }
  }
  const diffLines = (entry.diffs ?? []).reduce(
    (sum, diff) => (diff.kind === 'diff' ? (sum ?? 0) + diff.changedLines : sum),
    null as number | null
  )
  const signatures = entry.result ? failureSignatures(entry.result) : null
  const derived = {
    passed,
    history: entry.history?.class ?? null,
    // How it fails, in the server's vocabulary, space-separated; null when it does not fail.
    signature: signatures && signatures.join(' '),
    ...(diffLines === null ? {} : { diff_lines: diffLines }),
    ...(entry.change === undefined
      ? {}
      : {
          baseline_status:
            entry.baselineStatus &&
            (detail === 'full'
              ? entry.baselineStatus
              : shorten(entry.baselineStatus, LEAN_FIELD_CHARS)),
          change: entry.change,
          ...(entry.baselineSignatures === undefined
            ? {}
            : { baseline_signature: entry.baselineSignatures?.join(' ') ?? null })
        })
  }
  if (entry.result === null) {
    const error = entry.problem?.message ?? null
    // No body: its own numbers are unknown, and none is made up from the one asked.
    return {
      id,
      sample_id: null,
      regression_id: null,
      status: UNAVAILABLE,
      error: detail === 'full' ? error : error && shorten(error, LEAN_TEXT_CHARS),
      ...derived
    }
  }
  if (detail === 'full') return { id, ...entry.result, ...derived }
  // The bulky fields go; the rest keeps the documented shape.
  const { outputs, command, result_message, tags, ...rest } = leanResult(entry.result)
  return { id, ...rest, ...derived }
}
