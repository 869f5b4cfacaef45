/**
 * From a run ID or a commit to results: the runs (find-runs), then the
 * results of each run compared with its baseline (fetch-results).
 */
import { ActionError } from '../shared/errors.js'
import type { PlatformClient } from './api/client.js'
import { isRunMissing } from './api/errors.js'
import { isFinal } from './api/result.js'
import { hasResults, isRunFinished, type RunInfo } from './api/runs.js'
import { fetchResults } from './fetch-results.js'
import {
  chooseBaseline,
  dated,
  explainRun,
  findRuns,
  type FoundRun,
  type RunsOptions
} from './find-runs.js'
import {
  entryPasses,
  type SampleEntry,
  type Collected,
  type PlatformRun,
  type ResultSet,
  type SampleSelection
} from './model.js'

export async function fetchRuns(client: PlatformClient, options: RunsOptions): Promise<Collected> {
  const { target, clock } = options
  const deadline = clock.now() + options.waitTimeoutMs
  // A run given by ID is read first only where it adds something; else its results come first.
  const found =
    target.kind === 'run' && !readsRunFirst(options)
      ? [{ platform: null, runId: target.runId, run: null, problem: null }]
      : await findRuns(client, options, deadline)
  const runs: PlatformRun[] = []
  for (const [index, first] of found.entries()) {
    let entry = first
    if (entry.problem !== null || entry.runId === null) {
      runs.push({ ...entry, set: null })
      continue
    }
    const runId = entry.runId
    const baseline = await chooseBaseline(client, options, entry, index)
    const explain = () => explainRun(client, runId, options)
    let set: ResultSet
    try {
      set = await fetchResults(client, {
        runId,
        runFinished: entry.run !== null && isRunFinished(entry.run.status),
        samples: options.samples,
        baselineRunId: baseline?.runId ?? null,
        ...(baseline?.run ? { baselineRun: baseline.run } : {}),
        concurrency: options.concurrency,
        waitTimeoutMs: options.waitTimeoutMs,
        deadline,
        clock,
        progress: options.progress,
        log: options.log,
        warn: options.warn,
        ...(options.onWaiting ? { onWaiting: options.onWaiting } : {})
      })
    } catch (error) {
      // One sample's 404: the run, read now, may say why (still running, canceled).
      const open = entry.run === null && error instanceof ActionError && leftOpen(error)
      const explained = open ? await explain() : null
      if (explained?.problem) {
        runs.push({ ...explained, set: null })
        continue
      }
      throw error
    }
    if (entry.run === null && target.kind === 'run' && set.entries.some(leavesOpen)) {
      entry = await explain()
      if (entry.problem !== null) {
        runs.push({ ...entry, set: null })
        continue
      }
    }
    if (entry.run?.commitRefused) {
      options.warn(
        `The Sample Platform's run ${runId} names as its commit something that is not a commit SHA (40 hexadecimal characters): it is left out of the outputs.`
      )
    }
    const age = baselineAge(set, entry, clock.now())
    if (age !== null && age.days > BASELINE_MAX_AGE_DAYS) options.warn(age.warning)
    const disagreement = set.incomplete ? null : disagreesWithRun(entry.run, set, options.samples)
    if (disagreement) options.warn(`The Sample Platform's run ${runId}: ${disagreement}.`)
    runs.push({
      ...entry,
      set: {
        ...set,
        ...(age === null ? {} : { baselineAgeDays: age.days }),
        platform: entry.platform,
        ...(baseline?.how ? { baselineChoice: baseline.how } : {}),
        ...(disagreement ? { incomplete: disagreement } : {})
      }
    })
  }
  return { commit: target.kind === 'commit' ? target.sha : null, runs }
}

/** A baseline older than this compares with a master that has moved on: say so. */
const BASELINE_MAX_AGE_DAYS = 14
const DAY_MS = 86_400_000

/**
 * How much older the baseline run is than the run (or, when the run was not
 * read, than today), and the warning that says so; null when not known.
 */
function baselineAge(
  set: ResultSet,
  entry: FoundRun,
  now: number
): { days: number; warning: string } | null {
  if (set.baselineCreatedAt === undefined) return null
  const reference = entry.run?.createdAt ?? now
  const days = Math.floor((reference - set.baselineCreatedAt) / DAY_MS)
  const against = entry.run?.createdAt
    ? `run ${entry.runId}${dated(reference)}`
    : `today${dated(reference)}`
  const on = entry.platform ? ` on ${entry.platform}` : ''
  return {
    days,
    warning: `The baseline run ${set.baselineRunId}${dated(set.baselineCreatedAt)}${on} is ${days} days older than ${against}: what changed since counts as this change's. Give a newer baseline-run-id, or check baseline-branch.`
  }
}

/**
 * Whether a run given by ID is described before its results are read: to
 * wait for it, to check a whole run's list against it, to choose a
 * baseline before it, or to learn its commit (readRun: a commit status goes
 * there). One result of a named run costs one request otherwise.
 */
function readsRunFirst(options: RunsOptions): boolean {
  return (
    options.waitTimeoutMs > 0 ||
    options.samples.kind === 'all' ||
    options.baseline.kind === 'auto' ||
    options.readRun === true
  )
}

/** A result that the run's state may explain: not there (404, the run exists), or not final. */
function leavesOpen(entry: SampleEntry): boolean {
  return entry.result === null ? leftOpen(entry.problem) : !isFinal(entry.result.status)
}

/** A 404 for a result of a run that exists: the run may still be in progress, or restarted. */
function leftOpen(problem: { kind: string; apiMessage?: string | null } | null): boolean {
  return problem?.kind === 'not-found' && !isRunMissing(problem.apiMessage)
}

/**
 * When the whole run was read, what the results say must agree with the run:
 * a finished run lists results, and a run marked fail has one that fails.
 * Otherwise the list is not the whole run, and is never reported as all passing.
 */
function disagreesWithRun(
  run: RunInfo | null,
  set: ResultSet,
  samples: SampleSelection
): string | null {
  if (samples.kind !== 'all' || run === null || !hasResults(run.status)) return null
  if (set.entries.length === 0)
    return `it is marked ${run.status}, but its list of results is empty`
  if (run.status === 'fail' && set.entries.every(entryPasses))
    return 'it is marked fail, but every result it lists passes'
  return null
}
