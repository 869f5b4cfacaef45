/**
 * Which runs to report and compare with: the run given, or the run of the
 * commit on each platform, waited for until it is finished; and the baseline
 * run of each.
 */
import { ActionError } from '../shared/errors.js'
import { countOf, oneLine, shorten } from '../shared/text.js'
import type { PlatformClient, RunFilters } from './api/client.js'
import type { Clock } from './api/clock.js'
import { isEndpointMissing } from './api/errors.js'
import type { ProgressEvent } from './api/progress.js'
import { hasResults, isRunFinished, type Platform, type RunInfo } from './api/runs.js'
import { aboutBaseline } from './fetch-results.js'
import {
  runName,
  type BaselineChoice,
  type PlatformRun,
  type RunTarget,
  type SampleSelection
} from './model.js'
import { afterWaiting, type Progress } from './progress.js'

export interface RunsOptions {
  target: RunTarget
  /** The platform the inputs name: what a run given by ID is taken for when the server does not say. */
  platform?: Platform
  samples: SampleSelection
  baseline: BaselineChoice
  concurrency: number
  waitTimeoutMs: number
  clock: Clock
  progress: Progress
  log: (line: string) => void
  warn: (line: string) => void
  /**
   * Told, when the step waits, what it waits for ("waiting for windows run 9414
   * (running)"): the same words until what it waits for changes.
   */
  onWaiting?: (what: string) => void
  /** Told the commit of a run given by ID as soon as the run is read (a full SHA). */
  onCommit?: (sha: string) => void
  /** Read a run given by ID before its results even when nothing else needs it: its commit is wanted. */
  readRun?: boolean
}

/** How many runs a commit may have on one platform: a re-triggered commit has a few. */
const RUNS_PER_LOOKUP = 20
/** Pauses while waiting for runs: short at first, then every 15 s (4 requests a minute). */
const RUN_POLL_MS = [2_000, 4_000, 8_000, 15_000]

/** A platform's run as found, before its results are fetched. */
export type FoundRun = Omit<PlatformRun, 'set'>

/**
 * The run of each platform, finished, or why not. Polls one request at a time
 * (GET /runs/{id}, or GET /runs?commit_sha= for a commit's runs), short pauses
 * first, then every 15 s, until every run is finished or the time is up.
 */
export async function findRuns(
  client: PlatformClient,
  options: RunsOptions,
  deadline: number
): Promise<FoundRun[]> {
  const { target, clock } = options
  const started = clock.now()
  for (let poll = 0; ; poll++) {
    const seen =
      target.kind === 'run'
        ? await lookUpRun(client, target.runId)
        : await lookUpCommit(client, target, options)
    if (target.kind === 'run') {
      for (const entry of seen) if (entry.run?.commitSha) options.onCommit?.(entry.run.commitSha)
    }
    const waiting = seen.filter((entry) =>
      entry.run === null ? entry.runId === null : !isRunFinished(entry.run.status)
    )
    const left = deadline - clock.now()
    if (waiting.length === 0 || left <= 0) {
      const waitedMs = clock.now() - started
      const found: FoundRun[] = []
      for (const entry of seen)
        found.push(await withEndReason(client, settle(entry, options, target, waitedMs), options))
      return found
    }
    // The last look is at the deadline, never after it: when less than two steps are
    // left, one longer pause ends there, so looks stay at least a step apart.
    const step = RUN_POLL_MS[Math.min(poll, RUN_POLL_MS.length - 1)] ?? 15_000
    const pause = left < 2 * step ? left : step
    const elapsed = describeElapsed(clock.now() - started)
    for (const entry of waiting) options.log(describeState(entry, target, elapsed))
    options.onWaiting?.(
      `waiting for ${waiting.map((entry) => describeWait(entry, target)).join(', ')}`
    )
    await clock.sleep(pause)
  }
}

/**
 * Why a run given by ID has no results to report, read only when its results
 * leave it open (a 404, a result not final): the run as the server describes
 * it, and the problem its state makes (still running, canceled), or none.
 */
export async function explainRun(
  client: PlatformClient,
  runId: number,
  options: RunsOptions
): Promise<FoundRun> {
  const [seen] = await lookUpRun(client, runId)
  const found = settle(seen ?? { platform: null, runId, run: null }, options, options.target, 0)
  return withEndReason(client, found, options)
}

interface Seen {
  platform: Platform | null
  runId: number | null
  run: RunInfo | null
}

/** A run by its ID. A server without GET /runs/{id} gives no description: results are read as they are. */
async function lookUpRun(client: PlatformClient, runId: number): Promise<Seen[]> {
  try {
    const run = await client.getRun(runId)
    return [{ platform: run.platform, runId, run }]
  } catch (error) {
    if (isEndpointMissing(error)) return [{ platform: null, runId, run: null }]
    throw error
  }
}

/** The newest run of the commit on each platform, or none yet: one request for all of them. */
async function lookUpCommit(
  client: PlatformClient,
  target: Extract<RunTarget, { kind: 'commit' }>,
  options: RunsOptions
): Promise<Seen[]> {
  const [only] = target.platforms
  const runs = await listRunsAsked(
    client,
    { commitSha: target.sha, ...(target.platforms.length === 1 && only ? { platform: only } : {}) },
    'commit',
    options
  )
  return target.platforms.map((platform) => {
    const newest = newestFirst(runs.filter((run) => run.platform === platform))[0] ?? null
    return { platform, runId: newest?.runId ?? null, run: newest }
  })
}

/** What a list of runs was for: each kind is warned about once in a step. */
type Lookup = 'commit' | 'base commit' | 'branch'

/** The kinds of lookup already warned about, per step (a step has one RunsOptions). */
const warnedLookups = new WeakMap<RunsOptions, Set<Lookup>>()

/**
 * GET /runs, keeping only the runs that match every filter sent: a server, or a
 * proxy, that ignores one must not get another commit's run reported as this
 * commit's, or taken as its baseline. Says how many it left out, once per kind
 * of lookup, not on every poll.
 */
async function listRunsAsked(
  client: PlatformClient,
  filters: RunFilters,
  lookup: Lookup,
  options: RunsOptions
): Promise<RunInfo[]> {
  const runs = await client.listRuns(filters, RUNS_PER_LOOKUP)
  const kept = runs.filter((run) => matchesFilters(run, filters))
  const dropped = runs.length - kept.length
  const warned = warnedLookups.get(options) ?? new Set<Lookup>()
  if (dropped === 0 || warned.has(lookup)) return kept
  warnedLookups.set(options, warned.add(lookup))
  options.warn(describeLeftOut(lookup, filters, dropped))
  return kept
}

/** "The Sample Platform's answer for the runs of commit 3f2c9e1 on linux held 12 runs of other commits or platforms: ..." */
function describeLeftOut(lookup: Lookup, filters: RunFilters, count: number): string {
  const commit = filters.commitSha?.slice(0, 7) ?? ''
  const branch = `${filters.branch ?? ''}${filters.repository ? ` of ${filters.repository}` : ''}`
  const asked = {
    commit: `the runs of commit ${commit}`,
    'base commit': `the runs of base commit ${commit}`,
    branch: `the runs on ${branch}`
  }[lookup]
  const others =
    lookup === 'branch' ? 'other branches, repositories or platforms' : 'other commits or platforms'
  const outcome =
    lookup === 'commit'
      ? 'so no run of another commit is reported as this one'
      : 'so none of them is taken as the baseline'
  const platform = filters.platform ? ` on ${filters.platform}` : ''
  return `The Sample Platform's answer for ${asked}${platform} held ${countOf(count, 'run')} of ${others}: left out, ${outcome}.`
}

/** A run matches what was asked: its commit (in any case), platform, branch and repository. */
function matchesFilters(run: RunInfo, filters: RunFilters): boolean {
  const same = (value: string | null, asked: string) =>
    value !== null && value.toLowerCase() === asked.toLowerCase()
  return (
    (!filters.commitSha || same(run.commitSha, filters.commitSha)) &&
    (!filters.platform || run.platform === filters.platform) &&
    (!filters.branch || run.branch === filters.branch) &&
    (!filters.repository || same(run.repository, filters.repository))
  )
}

/** Newest first: by creation time when the server gives both, else by run ID. */
function newestFirst(runs: RunInfo[]): RunInfo[] {
  return [...runs].sort((a, b) =>
    a.createdAt !== null && b.createdAt !== null && a.createdAt !== b.createdAt
      ? b.createdAt - a.createdAt
      : b.runId - a.runId
  )
}

/** What the last look says: results to read, or the problem that leaves none. */
function settle(entry: Seen, options: RunsOptions, target: RunTarget, waitedMs: number): FoundRun {
  const waited = waitedMs > 0 ? ` ${afterWaiting(waitedMs, options.waitTimeoutMs)}` : ''
  const advice =
    options.waitTimeoutMs > 0
      ? ' Raise wait-timeout, or re-run later.'
      : ' Set wait-timeout to wait for it.'
  if (entry.runId === null) {
    const commit = target.kind === 'commit' ? target.sha.slice(0, 7) : ''
    const build = entry.platform === 'windows' ? 'Windows' : 'Linux'
    return {
      ...entry,
      problem: `No Sample Platform run exists for commit ${commit} on ${entry.platform}${waited}. Usually the build workflow ("Build CCExtractor on ${build}") has not finished yet, or the platform did not take the commit (it tests pushes and pull requests of the repository it watches).${advice}`,
      unfinished: true
    }
  }
  const name = runName(entry.platform, entry.runId)
  const status = entry.run?.status
  if (status === undefined || hasResults(status)) return { ...entry, problem: null }
  if (!isRunFinished(status)) {
    return {
      ...entry,
      problem: `The Sample Platform's ${name} is still ${status}${waited}: its results are not final.${advice}`,
      unfinished: true
    }
  }
  const why =
    status === 'canceled'
      ? 'was canceled (the run was canceled, its build failed, or a test machine failed)'
      : status === 'incomplete'
        ? 'ended incomplete'
        : `ended as "${status.slice(0, 100)}"`
  return { ...entry, problem: `The Sample Platform's ${name} ${why}: it has no results to report.` }
}

/**
 * Why a run ended without results, in its test machine's words: the newest
 * error or canceled event of its progress trail. `canceled` covers a cancel
 * and a machine that could not be made alike, and neither is a test failure:
 * the message says so. Without the trail (no endpoint, no scope, an error),
 * the run's state alone says it, and one line notes why.
 */
async function withEndReason(
  client: PlatformClient,
  found: FoundRun,
  options: RunsOptions
): Promise<FoundRun> {
  const status = found.run?.status
  if (found.runId === null || (status !== 'canceled' && status !== 'incomplete')) return found
  const ended = status === 'canceled' ? 'was canceled' : 'ended incomplete'
  let events: ProgressEvent[]
  try {
    events = await client.fetchProgress(found.runId)
  } catch (error) {
    if (!(error instanceof ActionError)) throw error
    options.log(
      `The progress trail of run ${found.runId} could not be read, so why it ${ended} is not known: ${error.message}`
    )
    return found
  }
  return explainEnd(found, events)
}

/**
 * A run that ended without results, told by its progress trail: the newest
 * error or canceled event that says more than its status, quoted; the run as
 * it was when there is none.
 */
export function explainEnd(found: FoundRun, events: readonly ProgressEvent[]): FoundRun {
  const status = found.run?.status
  const last = [...events]
    .reverse()
    .find((event) => ['error', 'canceled'].includes(event.status) && saysWhy(event))
  if (!last || found.runId === null) return found
  const ended = status === 'canceled' ? 'was canceled' : 'ended incomplete'
  const reason = shorten(oneLine(last.message).trim().replace(/\.$/, ''), MAX_REASON_CHARS)
  const name = runName(found.platform, found.runId)
  const how = status === 'canceled' && last.status === 'error' ? `${ended} by the platform` : ended
  return {
    ...found,
    endReason: reason,
    problem: `The Sample Platform's ${name} ${how}: ${reason}. This is not a test failure: re-run it on the Sample Platform.`
  }
}

/** A message that says more than its status: "Canceled." alone says nothing new. */
function saysWhy(event: ProgressEvent): boolean {
  const words = event.message
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim()
  return words !== '' && !['canceled', 'cancelled', 'error', event.status].includes(words)
}

/** The most of a progress message quoted: the server's own limit. */
const MAX_REASON_CHARS = 500

/** "windows run 9414 (running)", "a windows run of commit 0b1a967": what a wait is for. */
function describeWait(entry: Seen, target: RunTarget): string {
  if (entry.runId === null) {
    const commit = target.kind === 'commit' ? ` of commit ${target.sha.slice(0, 7)}` : ''
    return `a ${entry.platform ?? 'platform'} run${commit}`
  }
  const name = runName(entry.platform, entry.runId)
  return `${name} (${entry.run?.status ?? 'unknown'})`
}

/** "linux run 9412: running (12 min)" */
function describeState(entry: Seen, target: RunTarget, elapsed: string): string {
  if (entry.runId === null) {
    const commit = target.kind === 'commit' ? target.sha.slice(0, 7) : ''
    return `${entry.platform}: no run of commit ${commit} yet (${elapsed})`
  }
  const name = runName(entry.platform, entry.runId)
  return `${name}: ${entry.run?.status ?? 'unknown'} (${elapsed})`
}

function describeElapsed(ms: number): string {
  const seconds = Math.round(ms / 1000)
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min`
}

/** The baseline of one platform's run, and how it was chosen; null when there is none. */
export async function chooseBaseline(
  client: PlatformClient,
  options: RunsOptions,
  entry: FoundRun,
  index: number
): Promise<ChosenBaseline | null> {
  const { baseline } = options
  if (baseline.kind === 'none') return null
  if (baseline.kind === 'runs') {
    const runId = baseline.runIds[index] ?? baseline.runIds[0]
    return runId === undefined ? null : { runId }
  }
  const platform = entry.platform ?? options.platform ?? 'linux'
  // A baseline is an earlier run of another commit: never the run itself, a run
  // of the same commit, or one created after it.
  const current = entry.run
  const isBaseline = (run: RunInfo) =>
    run.runId !== entry.runId &&
    hasResults(run.status) &&
    (!current?.commitSha || run.commitSha !== current.commitSha) &&
    ((current?.createdAt ?? null) === null ||
      run.createdAt === null ||
      run.createdAt < (current?.createdAt ?? 0))
  try {
    if (baseline.baseCommit) {
      const runs = await listRunsAsked(
        client,
        { commitSha: baseline.baseCommit, platform },
        'base commit',
        options
      )
      const run = newestFirst(runs).find(isBaseline)
      if (run)
        return announce(options, platform, run, `base commit ${baseline.baseCommit.slice(0, 7)}`)
    }
    const runs = await listRunsAsked(
      client,
      {
        branch: baseline.branch,
        platform,
        ...(baseline.repository ? { repository: baseline.repository } : {})
      },
      'branch',
      options
    )
    const run = newestFirst(runs).find(isBaseline)
    if (run && baseline.baseCommit) {
      // The base commit's run is the right comparison; the branch's newest is a stand-in.
      options.warn(
        `baseline-run-id auto on ${platform}: the base commit ${baseline.baseCommit.slice(0, 7)} has no finished run, so run ${run.runId}${dated(run.createdAt)}, the newest finished run on ${baseline.branch}, stands in for it. What changed on ${baseline.branch} since the base commit counts as this change's.`
      )
    }
    if (run) return announce(options, platform, run, `newest finished run on ${baseline.branch}`)
  } catch (error) {
    if (!(error instanceof ActionError)) throw error
    if (error.kind === 'auth' || error.kind === 'rate-limit')
      throw aboutBaseline(error, `auto could not list the runs to compare with on ${platform}`)
    options.warn(
      `No baseline for ${platform}: the runs to compare with could not be listed (${error.message}). The results are reported without comparison.`
    )
    return null
  }
  options.warn(
    `No baseline for ${platform}: ${baseline.baseCommit ? `the base commit ${baseline.baseCommit.slice(0, 7)} has no finished run, and ` : ''}no finished run on ${baseline.branch}${baseline.repository ? ` of ${baseline.repository}` : ''} before it was found among the newest ${RUNS_PER_LOOKUP}. The results are reported without comparison.`
  )
  return null
}

/** The baseline of one platform's run: given, or found with the run as the server described it. */
export interface ChosenBaseline {
  runId: number
  /** How it was found ("base commit 9b8a7c6"); absent when it was given. */
  how?: string
  run?: RunInfo
}

function announce(
  options: RunsOptions,
  platform: Platform,
  run: RunInfo,
  how: string
): ChosenBaseline {
  options.log(`baseline for ${platform}: run ${run.runId} (${how})`)
  return { runId: run.runId, how, run }
}

/** " of 2026-11-20": the day a run was created, where known. */
export function dated(createdAt: number | null): string {
  return createdAt === null ? '' : ` of ${new Date(createdAt).toISOString().slice(0, 10)}`
}
