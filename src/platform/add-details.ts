/**
 * What differs and whether it is new: the unified diff of each failing output
 * file, and each failing result's history on a branch (new, known or flaky).
 * Fetched after the results, through the same client; the verdict of the
 * results never waits on them, and their failures are notes, not errors.
 */
import { ActionError } from '../shared/errors.js'
import { logSnippet } from '../shared/text.js'
import type { PlatformClient } from './api/client.js'
import type { DiffAnswer, DiffLines } from './api/diff.js'
import { RequestError, isApiNotFound } from './api/errors.js'
import type { HistoryEntry } from './api/history.js'
import { isPassing, readOutputFile, type SampleResult } from './api/result.js'
import type { Platform } from './api/runs.js'
import { classifyHistory, failureSignature, isFinished } from './failures.js'
import type { Collected, OutputDiff, SampleEntry, SampleHistory } from './model.js'

export interface DetailOptions {
  /** Failing output files to fetch a diff for, at most, in the whole step. */
  diffs: number
  /** Runs of the branch to look at for each result that does not pass (0: none). */
  history: number
  branch: string
  /** The platform a run is taken for when the server does not say. */
  platform?: Platform
  log: (line: string) => void
  warn: (line: string) => void
}

/** Results that do not pass whose history is looked at, at most. */
const MAX_HISTORIES = 50
/** The history endpoint's largest page. */
const MAX_HISTORY_LIMIT = 100
/** Failed requests of one kind in a row after which that kind is not asked for again. */
const MAX_FAILURES_IN_A_ROW = 3

/** How one kind of detail request (diffs, history) has gone so far in the step. */
interface Asking {
  readonly kind: 'diffs' | 'history'
  /** No more are asked for: the token may not, the server has no such endpoint, or too many failed. */
  stopped: boolean
  /** Failures since the last answer. */
  failuresInARow: number
  /** It answered once: the endpoint exists, so a 404 is about the sample. */
  answered: boolean
}

/**
 * Adds diffs and histories to the results that do not pass, the regressions
 * first, then the others, in sample order. A request that fails is a note of
 * its sample, shown where its diff or history would be. A kind is no longer
 * asked for, with one warning, on a 401 or 403, on a server without its
 * endpoint, or after MAX_FAILURES_IN_A_ROW failures in a row.
 */
export async function addDetails(
  client: PlatformClient,
  collected: Collected,
  options: DetailOptions
): Promise<Collected> {
  let diffsLeft = options.diffs
  let historiesLeft = options.history > 0 ? MAX_HISTORIES : 0
  const askingDiffs: Asking = { kind: 'diffs', stopped: false, failuresInARow: 0, answered: false }
  const askingHistory: Asking = {
    kind: 'history',
    stopped: false,
    failuresInARow: 0,
    answered: false
  }
  const failing = collected.runs.flatMap((run) =>
    (run.set?.entries ?? [])
      .filter((entry) => entry.result !== null && !isPassing(entry.result.status))
      .map((entry) => ({ run, entry }))
  )
  failing.sort(
    (a, b) =>
      Number(b.entry.change === 'regression') - Number(a.entry.change === 'regression') ||
      a.entry.sampleId - b.entry.sampleId
  )
  const added = new Map<SampleEntry, Pick<SampleEntry, 'diffs' | 'history' | 'historyProblem'>>()
  let withoutHistory = 0
  for (const { run, entry } of failing) {
    const result = entry.result
    if (!result || run.runId === null) continue
    const platform = run.platform ?? options.platform ?? null
    const extra: Pick<SampleEntry, 'diffs' | 'history' | 'historyProblem'> = {}
    if (historiesLeft > 0 && !askingHistory.stopped && result.sample_id !== null && platform) {
      historiesLeft--
      try {
        extra.history = await readHistory(client, result, platform, run.runId, options)
        answered(askingHistory)
      } catch (error) {
        extra.history = null
        const problem = failed(askingHistory, error, `sample ${result.regression_id}`, options)
        if (problem !== null) extra.historyProblem = problem
      }
    }
    if (extra.history === undefined || extra.history === null) withoutHistory++
    const diffs: OutputDiff[] = []
    for (const file of (result.outputs ?? []).map(readOutputFile)) {
      if (file.status === 'missing_output' || file.status === 'missing_expected') {
        diffs.push({ outputId: file.outputId, filename: file.filename, kind: file.status })
        continue
      }
      if (file.status !== 'fail' || diffsLeft <= 0 || askingDiffs.stopped) continue
      if (file.outputId === null || result.sample_id === null) continue
      diffsLeft--
      const ref = {
        runId: run.runId,
        sampleId: result.sample_id,
        regressionId: result.regression_id,
        outputId: file.outputId
      }
      try {
        const answer = await client.fetchDiff(ref)
        answered(askingDiffs)
        diffs.push({ ...fileOf(file), ...readDiff(answer) })
      } catch (error) {
        const what = `output ${file.outputId} of sample ${result.regression_id}`
        const reason = failed(askingDiffs, error, what, options)
        if (reason !== null) diffs.push({ ...fileOf(file), kind: 'no-diff', reason })
      }
    }
    if (diffs.length > 0) extra.diffs = diffs
    added.set(entry, extra)
  }
  if (options.history > 0 && withoutHistory > 0) {
    options.log(
      `${withoutHistory} of ${failing.length} results that do not pass have no history (at most ${MAX_HISTORIES} are looked at, and only those that name their media sample); fail-on new-failure counts them as new.`
    )
  }
  return {
    ...collected,
    runs: collected.runs.map((run) =>
      run.set
        ? {
            ...run,
            set: {
              ...run.set,
              entries: run.set.entries.map((entry) => {
                const extra = added.get(entry)
                return extra ? { ...entry, ...extra } : entry
              })
            }
          }
        : run
    )
  }
}

/** A kind answered: its endpoint exists, and failures no longer come in a row. */
function answered(asking: Asking): void {
  asking.answered = true
  asking.failuresInARow = 0
}

/**
 * What one failed request means: the note of its sample (`what`), or null when
 * its kind is no longer asked for (then one warning says why). Errors that are
 * not the API's (a bug) are thrown on.
 */
function failed(
  asking: Asking,
  error: unknown,
  what: string,
  options: DetailOptions
): string | null {
  if (!(error instanceof ActionError)) throw error
  const { kind } = asking
  const one = kind === 'diffs' ? 'diff' : 'history'
  const stop = (warning: string) => {
    asking.stopped = true
    options.warn(warning)
    return null
  }
  if (error.status === 403 && kind === 'diffs') {
    return stop(
      `No diffs: the api-token may not read output files (403). Add the scope results:read to the token to see what differs; everything else is reported. ${error.message}`
    )
  }
  if (error.status === 401 || error.status === 403) {
    return stop(`No more ${kind}: ${error.message} The results are reported all the same.`)
  }
  // A 404 that names nothing, before the endpoint ever answered, is a server without it.
  if (error.status === 405 || (error.status === 404 && !asking.answered && !isApiNotFound(error))) {
    const said = error instanceof RequestError ? error.brief : String(error.status)
    const quoted = error.apiMessage ? `: "${logSnippet(error.apiMessage, 100)}"` : ''
    return stop(
      `No ${kind}: the Sample Platform answered ${said}${quoted} for the ${one} of ${what}, which says it has no ${one} endpoint (an older deployment?). Set ${kind} to 0 to stop asking; the results are reported all the same.`
    )
  }
  options.log(`no ${one} of ${what}: ${error.message}`)
  // The server's answer about this sample: a file gone from disk, too large to compare.
  if (error.status === 404 || (error.status === 422 && kind === 'diffs')) {
    answered(asking)
    return notFoundReason(error)
  }
  asking.failuresInARow++
  const brief = error instanceof RequestError ? error.brief : logSnippet(error.message, 100)
  if (asking.failuresInARow >= MAX_FAILURES_IN_A_ROW) {
    stop(
      `No more ${kind}: ${asking.failuresInARow} requests in a row failed, the last for ${what} (${brief}). The results are reported all the same; the log says what each request got.`
    )
  }
  return `the request failed (${brief})`
}

function fileOf(file: { outputId: number | null; filename: string | null }) {
  return { outputId: file.outputId, filename: file.filename }
}

type DiffBody =
  | ({ kind: 'diff' } & DiffLines)
  | { kind: 'no-diff'; reason: string }
  | { kind: 'missing_expected' | 'missing_output' }

/** What a diff's answer shows: its lines, that it was empty, or that there was nothing to compare. */
function readDiff(answer: DiffAnswer): DiffBody {
  switch (answer.kind) {
    case 'text':
      return {
        kind: 'diff',
        lines: answer.lines,
        totalLines: answer.totalLines,
        changedLines: answer.changedLines
      }
    case 'empty':
      return { kind: 'no-diff', reason: 'the server sent an empty diff' }
    default:
      return { kind: answer.kind }
  }
}

/** A 404 or a 422 of the server about one sample, in a few words. */
function notFoundReason(error: ActionError): string {
  if (error.status === 422) return 'the file is too large for the server to compare (422)'
  if (error instanceof RequestError && error.resource === 'file')
    return 'the server has no file for it on disk (404)'
  const said = error.apiMessage ? `: ${logSnippet(error.apiMessage, 100)}` : ''
  return `the server did not find it (404${said})`
}

async function readHistory(
  client: PlatformClient,
  result: SampleResult,
  platform: Platform,
  runId: number,
  options: DetailOptions
): Promise<SampleHistory | null> {
  if (result.sample_id === null) return null
  const entries: HistoryEntry[] = await client.fetchHistory({
    sampleId: result.sample_id,
    regressionId: result.regression_id,
    branch: options.branch,
    platform,
    // One more than asked: the run itself may be among them (a push to the branch).
    limit: Math.min(MAX_HISTORY_LIMIT, options.history + 1)
  })
  // Only this test on this branch and platform, and never the run itself.
  const looked = entries
    .filter(
      (entry) =>
        entry.runId !== runId &&
        (entry.regressionTestId === null || entry.regressionTestId === result.regression_id) &&
        (entry.platform === null || entry.platform === platform) &&
        (entry.branch === null || entry.branch === options.branch)
    )
    .slice(0, options.history)
  const finished = looked.filter((entry) => isFinished(entry.status))
  return {
    class: classifyHistory(looked, failureSignature(result)),
    lookedAt: finished.length,
    failed: finished.filter((entry) => !isPassing(entry.status)).length,
    branch: options.branch
  }
}
