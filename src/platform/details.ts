/**
 * What differs and whether it is new: the unified diff of each failing output
 * file, and each failing result's history on a branch (new, known or flaky).
 * Fetched after the results, through the same client; the verdict of the
 * results never waits on them, and their failures are notes, not errors.
 */
import * as v from 'valibot'
import { ActionError } from '../shared/errors.js'
import type { PlatformClient } from './client.js'
import type { Collected } from './collect-runs.js'
import { isPassing, readOutputFile, type SampleResult } from './result.js'
import type { SampleEntry } from './result-set.js'
import type { Platform } from './runs.js'

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
  | {
      kind: 'diff'
      content: string
      /** Lines added or removed. */
      changedLines: number
    }
  /** The output was not produced, or the platform has no expected file for it. */
  | { kind: 'missing_output' | 'missing_expected' }
  /** The server sent nothing (404: a file gone from disk; 422: a file over 10 MiB; empty). */
  | { kind: 'no-diff'; reason: string }
)

export interface HistoryEntry {
  runId: number
  status: string
  failureSignature: string | null
  /** As the server said; null when it did not. */
  regressionTestId: number | null
  platform: string | null
  branch: string | null
}

const diffSchema = v.object({ content: v.string() })
const historySchema = v.object({
  data: v.array(
    v.object({
      run_id: v.pipe(v.number(), v.integer()),
      status: v.string(),
      failure_signature: v.nullish(v.string()),
      regression_test_id: v.nullish(v.pipe(v.number(), v.integer())),
      platform: v.nullish(v.string()),
      branch: v.nullish(v.string())
    })
  )
})

export function parseDiff(body: unknown, what: string): string {
  const parsed = v.safeParse(diffSchema, body)
  if (!parsed.success) throw unreadable(what)
  return parsed.output.content
}

export function parseHistory(body: unknown, what: string): HistoryEntry[] {
  const parsed = v.safeParse(historySchema, body)
  if (!parsed.success) throw unreadable(what)
  return parsed.output.data.map((entry) => ({
    runId: entry.run_id,
    status: entry.status,
    failureSignature: entry.failure_signature ?? null,
    regressionTestId: entry.regression_test_id ?? null,
    platform: entry.platform ?? null,
    branch: entry.branch ?? null
  }))
}

function unreadable(what: string): ActionError {
  return new ActionError(
    'response',
    `The Sample Platform's answer for ${what} is not what this action can read.`
  )
}

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

/**
 * New, known or flaky, from the branch's runs newest first; null when none of
 * them finished. Entries still running, not started or skipped say nothing.
 */
export function classifyHistory(
  entries: readonly HistoryEntry[],
  signature: string | null
): HistoryClass | null {
  const finished = entries.filter((entry) => FINAL.has(entry.status))
  const [newest] = finished
  if (!newest) return null
  const failed = finished.filter((entry) => !isPassing(entry.status))
  if (failed.length === 0) return 'new'
  if (!isPassing(newest.status) && newest.failureSignature === signature) return 'known'
  return failed.length === finished.length ? 'known' : 'flaky'
}

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
export async function collectDetails(
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
        const content = await client.fetchDiff(ref)
        diffs.push({ ...fileOf(file), ...readDiff(content) })
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
  const finished = looked.filter((entry) => FINAL.has(entry.status))
  return {
    class: classifyHistory(looked, failureSignature(result)),
    lookedAt: finished.length,
    failed: finished.filter((entry) => !isPassing(entry.status)).length,
    branch: options.branch
  }
}
