/**
 * The verdict: one line on how the run went, and whether (and why) the step
 * fails. The whole fail decision is here; main only acts on it.
 */
import type { FailOn, Unfinished } from '../inputs.js'
import { runName, type Collected, type PlatformRun } from '../platform/model.js'
import { runPage } from '../platform/links.js'
import { isPassing, readOutputFile, type SampleResult } from '../platform/api/result.js'
import {
  countResults,
  entryPasses,
  entryStatus,
  singleEntry,
  type ResultSet,
  type SampleEntry,
  type SetCounts
} from '../platform/model.js'
import { countOf, escapeLogText, shorten } from '../shared/text.js'
import { statusIcon } from './markdown.js'

export interface Verdict {
  /** How the run went, in one log-safe line: first in the log, and in the failure message. */
  headline: string
  /** Each reason the step fails, one error line each; empty when it passes. */
  failures: string[]
  /** What went wrong without failing the step (fail-on: never). */
  warnings: string[]
  /** What is still coming and fails nothing (unfinished: report), for the log. */
  notes: string[]
  /**
   * The verdict as a commit status: failure when fail-on fails on a result
   * (final even while another run is still testing), pending while a run is
   * not finished and unfinished is report, error when it cannot be decided,
   * else success.
   */
  state: VerdictState
  /** The verdict in a few words for the commit status: "linux: 2 regressions · windows: running". */
  description: string
}

export type VerdictState = 'success' | 'failure' | 'error' | 'pending'

/** Statuses come from the server: in a log line, this much of one is enough. */
const MAX_STATUS_CHARS = 100

/**
 * The whole fail decision: a run without results (none found, canceled,
 * still running) fails unless fail-on is never; a baseline run that does not
 * exist always fails; then fail-on over every platform's results, and, for
 * fail-on regression, a baseline that could not be read or was not found.
 */
export function decideVerdict(
  failOn: FailOn,
  collected: Collected,
  counts: SetCounts,
  apiUrl: string,
  ignoreFlaky = false,
  unfinished: Unfinished = 'fail'
): Verdict {
  const headline = describeCollected(collected, counts)
  const failures: string[] = []
  const warnings: string[] = []
  const notes: string[] = []
  for (const run of collected.runs) {
    if (run.problem === null) continue
    const page = run.runId === null ? '' : ` See ${runPage(apiUrl, run.runId)}`
    if (run.unfinished && unfinished === 'report') {
      const name =
        run.runId === null ? `${run.platform ?? 'the'} run` : runName(run.platform, run.runId)
      const state =
        run.runId === null
          ? 'not created yet'
          : `still ${shorten(run.run?.status ?? 'running', MAX_STATUS_CHARS)}`
      notes.push(
        `The Sample Platform's ${name} is ${state}: it is reported as such and fails nothing (unfinished: report).${page}`
      )
      continue
    }
    ;(failOn.mode === 'never' ? warnings : failures).push(`${run.problem}${page}`)
  }
  const sets = collected.runs.flatMap((run) => (run.set ? [run.set] : []))
  for (const set of sets.filter((each) => each.baselineMissing)) {
    // Compared with nothing, every sample is "new": fail-on regression would pass on a typo.
    failures.push(
      `baseline-run-id: the Sample Platform has no run ${set.baselineRunId} (404 "Run ${set.baselineRunId} not found."), so every sample was counted as new. Check baseline-run-id.`
    )
  }
  const where = `see the job summary or ${sets.map((set) => runPage(apiUrl, set.runId)).join(', ')}`
  const undecided: string[] = []
  if (sets.some((set) => shouldFail(failOn, set, ignoreFlaky))) {
    const flaky = ignoreFlaky ? ' (flaky results ignored)' : ''
    failures.push(`${headline}. fail-on is "${describeFailOn(failOn)}"${flaky}; ${where}`)
  } else if (failOn.mode === 'regression') {
    undecided.push(...regressionUndecided(sets, where))
    failures.push(...undecided)
  }
  const state = verdictState(failOn, collected, ignoreFlaky, unfinished, undecided.length > 0)
  return { headline, failures, warnings, notes, state, description: describeBriefly(collected) }
}

/**
 * The commit status of a verdict. A result fail-on fails on is final, whatever
 * else is still coming; so is a run that ended without results (canceled,
 * incomplete): undecided. Then a run still testing keeps it pending (or, with
 * unfinished: fail, undecided); then a list the server says is incomplete or
 * a baseline that could not be read leave it undecided. With fail-on: never,
 * the same: the status says what is known, the step never fails.
 */
function verdictState(
  failOn: FailOn,
  collected: Collected,
  ignoreFlaky: boolean,
  unfinished: Unfinished,
  undecided: boolean
): VerdictState {
  const sets = collected.runs.flatMap((run) => (run.set ? [run.set] : []))
  // An incomplete list alone fails the step, but decides nothing about its results.
  const failing = sets.some((set) =>
    shouldFail(failOn, { ...set, incomplete: undefined }, ignoreFlaky)
  )
  if (failing) return 'failure'
  // A run that ended without results (canceled, incomplete) decides it now: nothing to wait for.
  if (collected.runs.some((run) => run.problem !== null && !run.unfinished)) return 'error'
  if (collected.runs.some((run) => run.unfinished))
    return unfinished === 'report' ? 'pending' : 'error'
  const unsure =
    undecided || sets.some((set) => set.incomplete !== undefined || set.baselineMissing)
  return unsure ? 'error' : 'success'
}

/** "linux: 2 regressions · windows: running", per run in the order asked. */
function describeBriefly(collected: Collected): string {
  return collected.runs
    .map((run) => {
      const name = run.platform ?? (run.runId === null ? 'run' : `run ${run.runId}`)
      if (!run.set) {
        if (run.runId === null) return `${name}: no run yet`
        return `${name}: ${shorten(run.run?.status ?? 'no results', 20)}`
      }
      const counts = countResults(run.set)
      const differently = run.set.entries.filter(
        (entry) => entry.change === 'failing-differently'
      ).length
      const parts = [
        counts.regressions.length > 0 ? countOf(counts.regressions.length, 'regression') : '',
        differently > 0 ? `${differently} failing differently` : ''
      ].filter((part) => part !== '')
      return `${name}: ${parts.length > 0 ? parts.join(', ') : describeCounts(counts, !run.set.incomplete, false)}`
    })
    .join(' · ')
}

/** Why fail-on regression could not be decided: a baseline unread, or none found. */
function regressionUndecided(sets: ResultSet[], where: string): string[] {
  const reasons: string[] = []
  for (const set of sets) {
    const on = set.platform ? ` on ${set.platform}` : ''
    if (set.baselineRunId === null) {
      reasons.push(
        `fail-on: "regression" had nothing to compare with${on}: no baseline run was found (see the warning above). Give baseline-run-id, or check baseline-branch.`
      )
      continue
    }
    const unknown = set.entries.filter((entry) => entry.change === 'unknown').length
    if (unknown > 0) {
      // A baseline that could not be read must not open the gate.
      reasons.push(
        `fail-on: "regression" could not be decided${on}: ${unknown} of ${set.entries.length} samples could not be compared with run ${set.baselineRunId}, whose results could not be read (${set.baselineProblem ?? 'no answer'}). Re-run the job; ${where}`
      )
    }
  }
  return reasons
}

/**
 * Whether `fail-on` says this set fails the step. With `ignoreFlaky`, a result
 * whose history is flaky never does. `new-failure`: a result that does not pass,
 * unless its history shows it known or flaky (unknown counts as new).
 */
export function shouldFail(failOn: FailOn, set: ResultSet, ignoreFlaky = false): boolean {
  const counted = ignoreFlaky
    ? set.entries.filter((entry) => entry.history?.class !== 'flaky')
    : set.entries
  // A list the server says is incomplete cannot show that nothing fails, whatever fail-on asks.
  if (set.incomplete !== undefined && failOn.mode !== 'never') return true
  switch (failOn.mode) {
    case 'never':
      return false
    case 'non-pass':
      return counted.some((entry) => !entryPasses(entry))
    case 'regression':
      // A failure that changed is as much this change's doing as a new one.
      return counted.some(
        (entry) => entry.change === 'regression' || entry.change === 'failing-differently'
      )
    case 'new-failure':
      return counted.some(
        (entry) =>
          !entryPasses(entry) &&
          entry.history?.class !== 'known' &&
          entry.history?.class !== 'flaky'
      )
    case 'statuses':
      return counted.some((entry) => failOn.statuses.includes(entryStatus(entry)))
  }
}

/** "sample 42: ❌ fail (exit code 8, expected 0)", safe for the log. */
export function describeEntry(entry: SampleEntry): string {
  const status = shorten(entryStatus(entry), MAX_STATUS_CHARS)
  const details = entry.result
    ? isPassing(entry.result.status)
      ? []
      : describeProblems(entry.result)
    : [entry.problem?.message ?? 'no result']
  return escapeLogText(
    `sample ${entry.sampleId}: ${statusIcon(entryStatus(entry))} ${status}${details.length > 0 ? ` (${details.join('; ')})` : ''}`
  )
}

/** What went wrong with a result, in a few words: exit code and output files. */
export function describeProblems(result: SampleResult): string[] {
  const problems: string[] = []
  const { exit_code: exit, expected_exit_code: expected } = result
  if (exit !== null && expected !== null && exit !== expected) {
    problems.push(`exit code ${exit}, expected ${expected}`)
  }
  if (result.runtime_ms === 600_000 && exit === -1) problems.push('the runner timed out')
  const files = (result.outputs ?? []).map(readOutputFile)
  const byStatus = new Map<string, number>()
  for (const file of files) {
    if (file.status !== null && file.status !== 'pass') {
      byStatus.set(file.status, (byStatus.get(file.status) ?? 0) + 1)
    }
  }
  for (const [status, count] of byStatus) {
    problems.push(
      `${count} of ${files.length} output files ${OUTPUT_PROBLEMS.get(status) ?? shorten(status, MAX_STATUS_CHARS)}`
    )
  }
  return problems
}

// A Map: an output status named "constructor" must not find Object's members.
const OUTPUT_PROBLEMS = new Map([
  ['fail', 'differ from the expected'],
  ['missing_output', 'not produced'],
  ['missing_expected', 'without an expected file']
])

/**
 * "❌ 3 of 230 results do not pass", "✅ all 230 results pass", "✅ the 1 result
 * passes", or, when some results are missing or the list is incomplete, "⚠️ the
 * 5 results read pass": every headline and table cell says it this way. With
 * the sizes of several platforms' sets, the total says what it is made of: "2 of
 * 460 results (230 samples × 2 platforms) do not pass". Without `icon`, for a
 * part of a longer line.
 */
export function describeCounts(
  counts: { failed: number; total: number },
  complete: boolean,
  icon = true,
  perPlatform: readonly number[] = []
): string {
  const { failed, total } = counts
  const results = `${countOf(total, 'result')}${describeSplit(perPlatform)}`
  const [mark, text] =
    failed > 0
      ? ['❌', `${failed} of ${results} ${failed === 1 ? 'does' : 'do'} not pass`]
      : complete
        ? ['✅', total === 1 ? `the ${results} passes` : `all ${results} pass`]
        : ['⚠️', `the ${results} read ${total === 1 ? 'passes' : 'pass'}`]
  return icon ? `${mark} ${text}` : text
}

/** " (230 samples × 2 platforms)", " (on 2 platforms)" when they differ, "" for one. */
function describeSplit(perPlatform: readonly number[]): string {
  const [first] = perPlatform
  if (perPlatform.length < 2 || first === undefined) return ''
  return perPlatform.every((size) => size === first)
    ? ` (${countOf(first, 'sample')} × ${perPlatform.length} platforms)`
    : ` (on ${perPlatform.length} platforms)`
}

/** How many results each platform's run has, for describeCounts. */
export function resultsPerPlatform(collected: Collected): number[] {
  return collected.runs.flatMap((run) => (run.set ? [run.set.entries.length] : []))
}

/** The headline: one platform's as before; several platforms' counts side by side. */
function describeCollected(collected: Collected, counts: SetCounts): string {
  const [only] = collected.runs
  if (collected.runs.length === 1 && only) {
    return only.set ? describeOutcome(only.set, counts) : escapeLogText(only.problem ?? '')
  }
  const parts = collected.runs.map(describePlatform)
  const commit = collected.commit ? `Commit ${collected.commit.slice(0, 7)}` : 'Runs'
  const complete = collected.runs.every((run) => run.set !== null && !run.set.incomplete)
  return `${commit}: ${describeCounts(counts, complete, true, resultsPerPlatform(collected))} (${parts.join('; ')})`
}

/** "linux run 9412: 3 of 230 do not pass" */
function describePlatform(run: PlatformRun): string {
  const name = `${run.platform ?? 'run'}${run.runId === null ? '' : ` run ${run.runId}`}`
  if (!run.set)
    return `${name}: ${run.runId === null ? 'no run' : shorten(run.run?.status ?? 'no results', MAX_STATUS_CHARS)}`
  return `${name}: ${describeCounts(countResults(run.set), !run.set.incomplete, false)}`
}

function describeOutcome(set: ResultSet, counts: SetCounts): string {
  const single = singleEntry(set)
  if (single) return `Run ${single.result.run_id}, ${describeEntry(single.entry)}`
  const incomplete = set.incomplete ? ` (the server's list is incomplete: ${set.incomplete})` : ''
  const regressions =
    counts.regressions.length > 0
      ? ` (regressions since run ${set.baselineRunId}: ${counts.regressions.join(', ')})`
      : ''
  return `Run ${set.runId}: ${describeCounts(counts, !set.incomplete)}${regressions}${incomplete}`
}

function describeFailOn(failOn: FailOn): string {
  return failOn.mode === 'statuses' ? failOn.statuses.join(', ') : failOn.mode
}
