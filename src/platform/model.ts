/**
 * The model of what the step collects: each platform's run, its results
 * compared with a baseline, their diffs and histories, and the counts derived
 * from them. Types and pure functions only.
 */
import type { ErrorKind } from '../shared/errors.js'
import type { DiffLines } from './api/diff.js'
import { isPassing, type SampleResult } from './api/result.js'
import type { Platform, RunInfo } from './api/runs.js'

/**
 * How a sample moved since the baseline run. `new`: the baseline run has no
 * result for it; `unknown`: the baseline could not be read for it (an error,
 * or a list the server says is incomplete), so it was not compared.
 */
export type Change =
  | 'regression'
  | 'fixed'
  | 'still-failing'
  | 'failing-differently'
  | 'still-passing'
  | 'new'
  | 'unknown'

/** The status shown for a sample whose result could not be fetched. */
export const UNAVAILABLE = 'unavailable'

/** Why a sample has no result: the error's kind and its message for users. */
export interface SampleProblem {
  kind: ErrorKind
  message: string
  /** The API's own message, such as "Run 9000 not found." */
  apiMessage?: string | null
  /** The body was the result of another number: "sample 142 got regression test 77 (media sample 1077)". */
  mixUp?: string
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
  /** How the baseline result failed (failureSignatures), for one that fails in both runs. */
  baselineSignatures?: string[] | null
  /** What changed between the two failures ("exit code 0 → 139"), for `failing-differently`. */
  failureChange?: string[]
  /** Its history on the baseline branch; null when it could not be read, absent when not looked at. */
  history?: SampleHistory | null
  /** Why its history could not be read, shown where the history would be; absent when it was read. */
  historyProblem?: string
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
  /** When the baseline run was created, in ms; absent when not known. */
  baselineCreatedAt?: number
  /** How many days older than the run (or today) the baseline run is; absent when not known. */
  baselineAgeDays?: number
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

/** "windows run 9414", or "run 9414" when the platform is not known. */
export function runName(platform: Platform | null, runId: number | null): string {
  return `${platform ? `${platform} ` : ''}run ${runId}`
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

/** The sample IDs of entries, each once, in ascending order (a sample on two platforms is one). */
export function sampleIds(entries: readonly SampleEntry[]): number[] {
  return [...new Set(entries.map((entry) => entry.sampleId))].sort((a, b) => a - b)
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
  const withChange = (change: Change) =>
    sampleIds(entries.filter((entry) => entry.change === change))
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

/**
 * A failing result on the branch: `new` passed in every run looked at (the
 * change most likely caused it); `known` fails in the branch's newest run the
 * same way (or in every run looked at); `flaky` passed and failed in turn.
 */
export type HistoryClass = 'new' | 'known' | 'flaky'

export interface SampleHistory {
  /** Null when the runs looked at say nothing (there were none). */
  class: HistoryClass | null
  /** Runs looked at, and how many of them failed. */
  lookedAt: number
  failed: number
  branch: string
}

/** One output file's difference, or why there is none to show. */
export type OutputDiff = { outputId: number | null; filename: string | null } & (
  | ({ kind: 'diff' } & DiffLines)
  /** The output was not produced, or the platform has no expected file for it. */
  | { kind: 'missing_output' | 'missing_expected' }
  /**
   * No diff to show, and why: a file gone from disk (404), over 10 MiB (422), an
   * empty diff, or a request that failed (a 5xx, an answer over the size limit).
   */
  | { kind: 'no-diff'; reason: string }
)

/** Which results to fetch: listed IDs (in the order asked, each once), or the whole run. */
export type SampleSelection =
  { readonly kind: 'ids'; readonly ids: readonly number[] } | { readonly kind: 'all' }

/** Which runs to report: one by its ID, or the runs of a commit on each platform. */
export type RunTarget =
  | { readonly kind: 'run'; readonly runId: number }
  | { readonly kind: 'commit'; readonly sha: string; readonly platforms: readonly Platform[] }

/** What to compare with: nothing, given runs (one per platform), or found per platform. */
export type BaselineChoice =
  | { readonly kind: 'none' }
  | { readonly kind: 'runs'; readonly runIds: readonly number[] }
  | {
      readonly kind: 'auto'
      /** The pull request's base commit, when there is one. */
      readonly baseCommit: string | null
      readonly branch: string
      /** owner/name whose branch runs count; null: any. */
      readonly repository: string | null
    }

/** One platform's run and what came of it. */
export interface PlatformRun {
  /** Null when the run is given by ID and the server does not say. */
  platform: Platform | null
  /** Null when no run was found for the commit on this platform. */
  runId: number | null
  /** As the server last described it; null without a run, or on a server without runs. */
  run: RunInfo | null
  /** The results, compared with the baseline; null when there are none to report. */
  set: ResultSet | null
  /** Why there are no results (no run, canceled, still running); null when there are. */
  problem: string | null
  /** Why the run was canceled or ended incomplete, in its test machine's words; absent when unknown. */
  endReason?: string
  /** The run is not finished (or not created) yet: its problem says so; unfinished: report shows it as running. */
  unfinished?: true
}

/** Everything the step collected: the commit, and one run per platform, in the order asked. */
export interface Collected {
  /** The commit whose runs were looked for; null when the run was given by ID. */
  commit: string | null
  runs: PlatformRun[]
}

/**
 * Whether everything collected passes: every run has results, no list is
 * incomplete, and every result passes. What the outputs' status, the comment
 * policy and the comment's marker all go by.
 */
export function collectedPasses(collected: Collected): boolean {
  return collected.runs.every(
    (run) =>
      run.set !== null && run.set.incomplete === undefined && run.set.entries.every(entryPasses)
  )
}
