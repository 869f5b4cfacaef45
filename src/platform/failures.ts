/**
 * Pure rules about failures: the platform's failure signature of a result, and
 * what a regression test's history on a branch says of a failure.
 */
import type { HistoryEntry } from './api/history.js'
import { isPassing, readOutputFile, type SampleResult } from './api/result.js'
import { classifyChange, entryPasses, type HistoryClass, type SampleEntry } from './model.js'

/**
 * What failed, as the server writes it in a history: for a `fail`, the first
 * output that differs (or has no expected file), else the exit code;
 * `missing_output`; null otherwise.
 * The same order as the server's, so the same failure compares equal.
 */
export function failureSignature(result: SampleResult): string | null {
  if (result.status === 'missing_output') return 'missing_output'
  if (result.status !== 'fail') return null
  // The server's first output with a stored actual file: one that differs, or has no expected file.
  const output = (result.outputs ?? [])
    .map(readOutputFile)
    .find((file) => file.status === 'fail' || file.status === 'missing_expected')
  if (output?.outputId) return `diff_mismatch:output:${output.outputId}`
  const { exit_code: exit, expected_exit_code: expected } = result
  return exit !== null && expected !== null && exit !== expected
    ? `exit_code_mismatch:rc:${exit}`
    : null
}

/**
 * Every way a result fails, in the server's vocabulary: `missing_output`, or
 * `exit_code_mismatch:rc:<code>` and one `diff_mismatch:output:<id>` per
 * output that differs (in output ID order); null for a result that does not
 * fail (pass, skipped, not final). Two results of one test fail the same way
 * when these are equal; "now also output X differs" is what they do not share.
 */
export function failureSignatures(result: SampleResult): string[] | null {
  if (result.status === 'missing_output') return ['missing_output']
  if (result.status !== 'fail') return null
  const parts: string[] = []
  const { exit_code: exit, expected_exit_code: expected } = result
  if (exit !== null && expected !== null && exit !== expected)
    parts.push(`exit_code_mismatch:rc:${exit}`)
  const differing = (result.outputs ?? [])
    .map(readOutputFile)
    .filter(
      (file) =>
        (file.status === 'fail' || file.status === 'missing_expected') && file.outputId !== null
    )
    .map((file) => file.outputId ?? 0)
    .sort((a, b) => a - b)
  for (const id of new Set(differing)) parts.push(`diff_mismatch:output:${id}`)
  return parts
}

/**
 * What changed between two failures of one test, in words: "exit code 0 →
 * 139", "now also output 4118 differs", "output 4117 no longer differs",
 * "missing output now". Empty when they fail the same way.
 */
export function describeFailureChange(before: SampleResult, now: SampleResult): string[] {
  const was = new Set(failureSignatures(before) ?? [])
  const is = new Set(failureSignatures(now) ?? [])
  if (is.has('missing_output') !== was.has('missing_output'))
    return [is.has('missing_output') ? 'missing output now' : 'its output is produced now']
  const changes: string[] = []
  const exitOf = (set: Set<string>) =>
    [...set].find((part) => part.startsWith('exit_code_mismatch:'))
  if (exitOf(was) !== exitOf(is) && before.exit_code !== now.exit_code) {
    changes.push(`exit code ${before.exit_code ?? '?'} → ${now.exit_code ?? '?'}`)
  }
  const outputs = (set: Set<string>) =>
    [...set].filter((part) => part.startsWith('diff_mismatch:')).map((part) => part.slice(21))
  for (const id of outputs(is).filter((id) => !was.has(`diff_mismatch:output:${id}`)))
    changes.push(`now also output ${id} differs`)
  for (const id of outputs(was).filter((id) => !is.has(`diff_mismatch:output:${id}`)))
    changes.push(`output ${id} no longer differs`)
  return changes
}

/**
 * A sample compared with its baseline result: how it moved (regression, fixed,
 * still failing the same way or differently...), the baseline's status and how
 * it failed. `unread`: the baseline could not be read for it, so it is not
 * compared (never counted as new).
 */
export function compareWithBaseline(
  entry: SampleEntry,
  before: SampleResult | null,
  unread: boolean
): SampleEntry {
  const baselineStatus = before?.status ?? null
  const baselineSignatures = before ? failureSignatures(before) : null
  const change =
    baselineStatus === null && unread
      ? 'unknown'
      : classifyChange(entryPasses(entry), baselineStatus)
  if (change !== 'still-failing' || !before || !entry.result)
    return { ...entry, baselineStatus, baselineSignatures, change }
  // Failing in both: the same way, or differently (what changed, from the two results).
  const failureChange = describeFailureChange(before, entry.result)
  return {
    ...entry,
    baselineStatus,
    baselineSignatures,
    ...(failureChange.length > 0
      ? { change: 'failing-differently' as const, failureChange }
      : { change })
  }
}

/** A history entry that says how a finished run went: passed, or failed. */
const FINAL = new Set(['pass', 'fail', 'missing_output'])

/** Whether a history entry says how a finished run went. */
export function isFinished(status: string): boolean {
  return FINAL.has(status)
}

/**
 * New, known or flaky, from the branch's runs newest first; null when none of
 * them finished. Entries still running, not started or skipped say nothing.
 */
export function classifyHistory(
  entries: readonly HistoryEntry[],
  signature: string | null
): HistoryClass | null {
  const finished = entries.filter((entry) => isFinished(entry.status))
  const [newest] = finished
  if (!newest) return null
  const failed = finished.filter((entry) => !isPassing(entry.status))
  if (failed.length === 0) return 'new'
  if (!isPassing(newest.status) && newest.failureSignature === signature) return 'known'
  return failed.length === finished.length ? 'known' : 'flaky'
}
