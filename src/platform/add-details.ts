/**
 * What differs and whether it is new: the unified diff of each failing output
 * file, and each failing result's history on a branch (new, known or flaky).
 * Fetched after the results, through the same client; the verdict of the
 * results never waits on them, and their failures are notes, not errors.
 */
import { ActionError } from '../shared/errors.js'
import type { PlatformClient } from './api/client.js'
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

/**
 * Adds diffs and histories to the results that do not pass, the regressions
 * first, then the others, in sample order. A token without results:read is
 * told once and no more diffs are asked for; any other failure is a note.
 */
export async function addDetails(
  client: PlatformClient,
  collected: Collected,
  options: DetailOptions
): Promise<Collected> {
  let diffsLeft = options.diffs
  let historiesLeft = options.history > 0 ? MAX_HISTORIES : 0
  /** Why no more of a kind is asked for: its endpoint refused or failed once already. */
  let diffsStopped: string | null = null
  let historyStopped: string | null = null
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
  const added = new Map<SampleEntry, Pick<SampleEntry, 'diffs' | 'history'>>()
  let withoutHistory = 0
  for (const { run, entry } of failing) {
    const result = entry.result
    if (!result || run.runId === null) continue
    const platform = run.platform ?? options.platform ?? null
    const extra: Pick<SampleEntry, 'diffs' | 'history'> = {}
    if (historiesLeft > 0 && historyStopped === null && result.sample_id !== null && platform) {
      historiesLeft--
      try {
        extra.history = await readHistory(client, result, platform, run.runId, options)
      } catch (error) {
        historyStopped = stopReason(error)
        options.warn(`No more history: ${historyStopped} The results are reported all the same.`)
        extra.history = null
      }
    }
    if (extra.history === undefined || extra.history === null) withoutHistory++
    const diffs: OutputDiff[] = []
    for (const file of (result.outputs ?? []).map(readOutputFile)) {
      if (file.status === 'missing_output' || file.status === 'missing_expected') {
        diffs.push({ outputId: file.outputId, filename: file.filename, kind: file.status })
        continue
      }
      if (file.status !== 'fail' || diffsLeft <= 0 || diffsStopped !== null) continue
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
        diffs.push({
          ...fileOf(file),
          ...(answer.kind === 'text' ? readDiff(answer.content) : { kind: answer.kind })
        })
      } catch (error) {
        if (!(error instanceof ActionError)) throw error
        if (error.status === 404 || error.status === 422) {
          diffs.push({ ...fileOf(file), kind: 'no-diff', reason: noDiffReason(error) })
          continue
        }
        diffsStopped = stopReason(error)
        options.warn(
          error.status === 403
            ? `No diffs: the api-token may not read output files (403). Add the scope results:read to the token to see what differs; everything else is reported. ${error.message}`
            : `No more diffs: ${diffsStopped} The results are reported all the same.`
        )
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

/** Why an endpoint is not asked again: its error, whatever its kind (details never fail the step). */
function stopReason(error: unknown): string {
  if (error instanceof ActionError) return error.message
  throw error
}

function fileOf(file: { outputId: number | null; filename: string | null }) {
  return { outputId: file.outputId, filename: file.filename }
}

type DiffBody =
  { kind: 'diff'; content: string; changedLines: number } | { kind: 'no-diff'; reason: string }

/** A diff's text and how many lines it adds or removes; empty text is said so. */
function readDiff(content: string): DiffBody {
  if (content.trim() === '') return { kind: 'no-diff', reason: 'the server sent an empty diff' }
  const changedLines = content
    .split('\n')
    .filter((line) => /^[+-]/.test(line) && !/^(\+\+\+|---)( |$)/.test(line)).length
  return { kind: 'diff', content, changedLines }
}

function noDiffReason(error: ActionError): string {
  if (error.status === 404) return 'the server has no file for it on disk (404)'
  if (error.status === 422) return 'the file is too large for the server to compare (422)'
  return `the diff could not be read (${error.status ?? error.kind})`
}

async function readHistory(
  client: PlatformClient,
  result: SampleResult,
  platform: Platform,
  runId: number,
  options: DetailOptions
): Promise<SampleHistory | null> {
  if (result.sample_id === null) return null
  let entries: HistoryEntry[]
  try {
    entries = await client.fetchHistory({
      sampleId: result.sample_id,
      regressionId: result.regression_id,
      branch: options.branch,
      platform,
      // One more than asked: the run itself may be among them (a push to the branch).
      limit: Math.min(MAX_HISTORY_LIMIT, options.history + 1)
    })
  } catch (error) {
    // A sample the server does not know has no history; anything else stops asking.
    if (error instanceof ActionError && error.status === 404) {
      options.log(`no history for sample ${result.regression_id} on ${platform}: ${error.message}`)
      return null
    }
    throw error
  }
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
