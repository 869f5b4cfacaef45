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
}

const diffSchema = v.object({ content: v.string() })
const historySchema = v.object({
  data: v.array(
    v.object({
      run_id: v.pipe(v.number(), v.integer()),
      status: v.string(),
      failure_signature: v.nullish(v.string())
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
    failureSignature: entry.failure_signature ?? null
  }))
}

function unreadable(what: string): ActionError {
  return new ActionError(
    'response',
    `The Sample Platform's answer for ${what} is not what this action can read.`
  )
}

/**
 * What failed, as the server writes it in a history: a missing output, else
 * the exit code, else the first output that differs.
 */
export function failureSignature(result: SampleResult): string | null {
  if (isPassing(result.status)) return null
  if (result.status === 'missing_output') return 'missing_output'
  const { exit_code: exit, expected_exit_code: expected } = result
  if (exit !== null && expected !== null && exit !== expected)
    return `exit_code_mismatch:rc:${exit}`
  const output = (result.outputs ?? []).map(readOutputFile).find((file) => file.status !== 'pass')
  return output?.outputId ? `diff_mismatch:output:${output.outputId}` : null
}

/** New, known or flaky, from the branch's runs newest first; null when there are none. */
export function classifyHistory(
  entries: readonly HistoryEntry[],
  signature: string | null
): HistoryClass | null {
  const [newest] = entries
  if (!newest) return null
  const failed = entries.filter((entry) => !isPassing(entry.status))
  if (failed.length === 0) return 'new'
  if (!isPassing(newest.status) && newest.failureSignature === signature) return 'known'
  return failed.length === entries.length ? 'known' : 'flaky'
}

export interface DetailOptions {
  /** Failing output files to fetch a diff for, at most, in the whole step. */
  diffs: number
  /** Runs of the branch to look at for each result that does not pass (0: none). */
  history: number
  branch: string
  log: (line: string) => void
  warn: (line: string) => void
}

/** Results that do not pass whose history is looked at, at most. */
const MAX_HISTORIES = 50

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
  let diffsRefused = false
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
  for (const { run, entry } of failing) {
    const result = entry.result
    if (!result || run.runId === null) continue
    const extra: Pick<SampleEntry, 'diffs' | 'history'> = {}
    if (historiesLeft > 0 && result.sample_id !== null && run.platform) {
      historiesLeft--
      extra.history = await readHistory(client, result, run.platform, run.runId, options)
    }
    const diffs: OutputDiff[] = []
    for (const file of (result.outputs ?? []).map(readOutputFile)) {
      if (file.status === 'missing_output' || file.status === 'missing_expected') {
        diffs.push({ outputId: file.outputId, filename: file.filename, kind: file.status })
        continue
      }
      if (file.status !== 'fail' || diffsLeft <= 0 || diffsRefused) continue
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
        if (error.status === 403) {
          diffsRefused = true
          options.warn(
            `No diffs: the api-token may not read output files (403). Add the scope results:read to the token to see what differs; everything else is reported. ${error.message}`
          )
          continue
        }
        if (error.kind === 'auth' || error.kind === 'rate-limit') throw error
        diffs.push({ ...fileOf(file), kind: 'no-diff', reason: noDiffReason(error) })
      }
    }
    if (diffs.length > 0) extra.diffs = diffs
    added.set(entry, extra)
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
  try {
    // A run of the branch itself (a push to master) is in the branch's history: not its own past.
    const entries = (
      await client.fetchHistory({
        sampleId: result.sample_id,
        regressionId: result.regression_id,
        branch: options.branch,
        platform,
        limit: options.history + 1
      })
    )
      .filter((entry) => entry.runId !== runId)
      .slice(0, options.history)
    return {
      class: classifyHistory(entries, failureSignature(result)),
      lookedAt: entries.length,
      failed: entries.filter((entry) => !isPassing(entry.status)).length,
      branch: options.branch
    }
  } catch (error) {
    if (!(error instanceof ActionError)) throw error
    if (error.kind === 'auth' || error.kind === 'rate-limit') throw error
    options.log(`no history for sample ${result.regression_id} on ${platform}: ${error.message}`)
    return null
  }
}
