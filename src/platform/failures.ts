/**
 * Pure rules about failures: the platform's failure signature of a result, and
 * what a regression test's history on a branch says of a failure.
 */
import type { HistoryEntry } from './api/history.js'
import { isPassing, readOutputFile, type SampleResult } from './api/result.js'
import type { HistoryClass } from './model.js'

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
