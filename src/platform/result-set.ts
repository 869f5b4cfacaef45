import type { ErrorKind } from '../shared/errors.js'
import { isPassing, type SampleResult } from './result.js'
import type { OutputDiff, SampleHistory } from './details.js'
import type { Platform } from './runs.js'

/**
 * How a sample moved since the baseline run. `new`: the baseline run has no
 * result for it; `unknown`: the baseline could not be read for it (an error,
 * or a list the server says is incomplete), so it was not compared.
 */
export type Change = 'regression' | 'fixed' | 'still-failing' | 'still-passing' | 'new' | 'unknown'

/** The status shown for a sample whose result could not be fetched. */
export const UNAVAILABLE = 'unavailable'

/** Why a sample has no result: the error's kind and its message for users. */
export interface SampleProblem {
  kind: ErrorKind
  message: string
  /** The API's own message, such as "Run 9000 not found." */
  apiMessage?: string | null
}

/** One asked-for sample: its result, or why there is none. */
export interface SampleEntry {
  sampleId: number
  /** Null when the result could not be fetched (404, a persistent 5xx, ...). */
  result: SampleResult | null
  /** Why there is no result; null when there is one. */
  problem: SampleProblem | null
  /** The baseline run's status of this sample; null when it has none. Absent without a baseline. */
  baselineStatus?: string | null
  /** Absent without a baseline. */
  change?: Change
  /** Its history on the baseline branch; null when it could not be read, absent when not looked at. */
  history?: SampleHistory | null
  /** Its output files' differences, for a result that does not pass; absent when none were asked. */
  diffs?: OutputDiff[]
}

/**
 * How every report shows a set, decided once where the results are collected:
 * `single` for the one result of a one-sample selection, `run` for anything else
 * (a list, or a whole run, even one that has a single result).
 */
export type Layout = 'single' | 'run'

/** What the action fetched: one run, maybe compared with a baseline run. */
export interface ResultSet {
  runId: number
  /** The run's platform, when known. */
  platform?: Platform | null
  baselineRunId: number | null
  /** How the action chose the baseline ("newest finished run on master"); absent when it was given. */
  baselineChoice?: string
  layout: Layout
  /** In the order asked (for a whole run, by regression test ID). */
  entries: SampleEntry[]
  /** The baseline run does not exist: every sample counted as new, and the step must say so. */
  baselineMissing?: boolean
  /** Why some samples could not be compared with the baseline (their change is `unknown`). */
  baselineProblem?: string
  /** Why the results are not the whole run, as the server said (a truncated list). */
  incomplete?: string
}

export function entryStatus(entry: SampleEntry): string {
  return entry.result?.status ?? UNAVAILABLE
}

/** A sample passes only with a fetched result whose status is `pass`. */
export function entryPasses(entry: SampleEntry): boolean {
  return entry.result !== null && isPassing(entry.result.status)
}

/** Compares a sample with the baseline run; no baseline result counts as new. */
export function classifyChange(passesNow: boolean, baselineStatus: string | null): Change {
  if (baselineStatus === null) return 'new'
  const passedBefore = isPassing(baselineStatus)
  if (passedBefore) return passesNow ? 'still-passing' : 'regression'
  return passesNow ? 'fixed' : 'still-failing'
}

/** The entry and its result when the set is shown as one result; null in the run layout. */
export function singleEntry(set: ResultSet): { entry: SampleEntry; result: SampleResult } | null {
  const [entry] = set.entries
  return set.layout === 'single' && entry?.result ? { entry, result: entry.result } : null
}

/** Counts and lists derived from a set: what the outputs and the reports show. */
export interface SetCounts {
  total: number
  passed: number
  failed: number
  /** Status → count, most frequent first. */
  byStatus: [string, number][]
  /** Category → counts, the ones with failures first; a result counts in each of its categories. */
  byCategory: [string, { passed: number; failed: number }][]
  regressions: number[]
  fixed: number[]
}

/**
 * The counts of one set, or of the sets of several platforms together: a
 * sample that regressed on two platforms is one sample in `regressions`.
 */
export function countResults(sets: ResultSet | readonly ResultSet[]): SetCounts {
  const entries = Array.isArray(sets)
    ? (sets as readonly ResultSet[]).flatMap((set) => set.entries)
    : (sets as ResultSet).entries
  const byStatus = new Map<string, number>()
  const byCategory = new Map<string, { passed: number; failed: number }>()
  let passed = 0
  for (const entry of entries) {
    const passes = entryPasses(entry)
    if (passes) passed++
    const status = entryStatus(entry)
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1)
    // A result in several categories ("DVB, Options") counts in each of them.
    const categories = entry.result
      ? (entry.result.category?.split(', ') ?? ['(none given)'])
      : ['(not fetched)']
    for (const category of categories) {
      const counts = byCategory.get(category) ?? { passed: 0, failed: 0 }
      if (passes) counts.passed++
      else counts.failed++
      byCategory.set(category, counts)
    }
  }
  const withChange = (change: Change) => [
    ...new Set(entries.filter((entry) => entry.change === change).map((entry) => entry.sampleId))
  ]
  return {
    total: entries.length,
    passed,
    failed: entries.length - passed,
    byStatus: [...byStatus].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    byCategory: [...byCategory].sort(
      (a, b) => b[1].failed - a[1].failed || a[0].localeCompare(b[0])
    ),
    regressions: withChange('regression'),
    fixed: withChange('fixed')
  }
}
