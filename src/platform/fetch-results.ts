/** One results fetch, waited for when asked: a list, a whole run or one sample, compared with the baseline run. */
import pLimit from 'p-limit'
import { ActionError } from '../shared/errors.js'
import { countOf } from '../shared/text.js'
import { isEndpointMissing, isRunMissing } from './api/errors.js'
import type { PlatformClient } from './api/client.js'
import type { Clock } from './api/clock.js'
import {
  answers,
  isFinal,
  MixedUpAnswer,
  type ReadResult,
  type SampleResult
} from './api/result.js'
import { hasResults, type RunInfo } from './api/runs.js'
import { type ResultSet, type SampleEntry, type SampleSelection } from './model.js'
import { compareWithBaseline } from './failures.js'
import { afterWaiting, type Progress } from './progress.js'

/** What the collector needs to know; the caller passes these fields, nothing more. */
export interface ResultsOptions {
  runId: number
  /**
   * The server says the run is finished: a result it does not have will not
   * come, so none is waited for.
   */
  runFinished?: boolean
  samples: SampleSelection
  baselineRunId: number | null
  /** The baseline run as already read (baseline-run-id auto found it): not asked for again. */
  baselineRun?: RunInfo
  concurrency: number
  /** The wait-timeout given: whether to wait at all, and what messages name. */
  waitTimeoutMs: number
  /**
   * When waiting ends, on the clock; by default waitTimeoutMs from now. Several
   * runs share one, and messages say how long was waited since it began.
   */
  deadline?: number
  clock: Clock
  progress: Progress
  log: (line: string) => void
  warn: (line: string) => void
  /** Told what the step waits for, as RunsOptions.onWaiting. */
  onWaiting?: (what: string) => void
}

/** A selection of more IDs than this is read through the list endpoint: 100 a request. */
const LIST_THRESHOLD = 10

/** The first pause while waiting for results; it doubles up to the cap. */
const POLL_FIRST_MS = 5_000
const POLL_CAP_MS = 60_000

/** Errors after which no other request can succeed (401, 403, a 429 asking for too long). */
const FATAL_KINDS: ReadonlySet<string> = new Set(['auth', 'rate-limit', 'input'])

/**
 * Which failed fetches become entries with a problem instead of failing the
 * step: none (one sample, not waiting), not-found (one sample, waiting for it
 * to appear), or all (several samples). Fatal errors always fail the step.
 */
type KeepErrors = 'none' | 'not-found' | 'all'

/**
 * Fetches what the inputs ask for (one sample, a list, or a whole run), waits
 * for results that are not there or not final when asked to, and compares
 * with the baseline run.
 *
 * With one sample every failure is the step's error, as in the core action.
 * With several, a sample that cannot be fetched becomes an entry with a
 * problem; only errors that would fail every request stop the step.
 */
export async function fetchResults(
  client: PlatformClient,
  options: ResultsOptions
): Promise<ResultSet> {
  const { runId, samples, baselineRunId, clock, waitTimeoutMs } = options
  const single = samples.kind === 'ids' && samples.ids.length === 1
  const deadline = options.deadline ?? clock.now() + waitTimeoutMs
  const waiting = waitTimeoutMs > 0

  let runMissing = false
  let incomplete: string | null = null
  // Waiting for one sample to appear makes sense only while the run is not finished.
  const keep: KeepErrors = !single ? 'all' : waiting && !options.runFinished ? 'not-found' : 'none'
  const fetchCurrent = async (ids: readonly number[] | null): Promise<SampleEntry[]> => {
    if (ids !== null) {
      const selected = await fetchSelected(client, runId, ids, options, keep)
      incomplete = selected.incomplete
      return selected.entries
    }
    try {
      const whole = await fetchWholeRun(client, runId, options)
      runMissing = false
      incomplete = whole.incomplete
      return whole.entries
    } catch (error) {
      // A run in progress answers 404: when waiting, that is "not there yet".
      if (!waiting || !(error instanceof ActionError) || error.kind !== 'not-found') throw error
      runMissing = true
      return []
    }
  }

  let entries = await fetchCurrent(samples.kind === 'all' ? null : samples.ids)

  for (let round = 0; ; round++) {
    const pending = entries.filter(pendingIn(options))
    const left = deadline - clock.now()
    if ((pending.length === 0 && !runMissing) || left <= 0) break
    const pause = Math.min(left, POLL_FIRST_MS * 2 ** round, POLL_CAP_MS)
    const what = runMissing
      ? `run ${runId} is not there yet`
      : `${pending.length} of ${entries.length} results not final yet (${describeIds(pending)})`
    options.log(`${what}; checking again in ${Math.ceil(pause / 1000)} s`)
    options.onWaiting?.(`waiting for the results of run ${runId}`)
    await clock.sleep(pause)
    if (samples.kind === 'all') {
      entries = await fetchCurrent(null)
    } else {
      const again = await fetchCurrent(pending.map((entry) => entry.sampleId))
      const byId = new Map(again.map((entry) => [entry.sampleId, entry]))
      entries = entries.map((entry) => byId.get(entry.sampleId) ?? entry)
    }
  }
  entries = reportNotFinal(
    entries,
    options,
    single,
    runMissing,
    clock.now() - (deadline - waitTimeoutMs)
  )
  const mixedUp = entries.flatMap((entry) => (entry.problem?.mixUp ? [entry.problem.mixUp] : []))
  if (mixedUp.length > 0) {
    options.warn(
      `The Sample Platform answered run ${runId} with the result of another number for ${mixedUp.length === 1 ? 'one sample' : `${mixedUp.length} samples`}: ${mixedUp.slice(0, 10).join('; ')}${mixedUp.length > 10 ? `; and ${mixedUp.length - 10} more` : ''}. ${mixedUp.length === 1 ? 'It is' : 'They are'} reported as unavailable; re-run the job, and report it to the Sample Platform if it persists.`
    )
  }
  if (incomplete !== null) {
    options.warn(
      `The Sample Platform's list of run ${runId} is incomplete (${incomplete}): ${entries.length} results were read, and the others cannot be reported. Re-run the job later.`
    )
  }
  const set: ResultSet = {
    runId,
    baselineRunId,
    // The one place the layout is chosen: by what was asked, not by how many results came back.
    layout: single ? 'single' : 'run',
    entries,
    ...(incomplete === null ? {} : { incomplete })
  }
  if (baselineRunId === null) return set
  const baseline = await fetchBaseline(
    client,
    baselineRunId,
    samples.kind === 'all' ? null : entries.map((entry) => entry.sampleId),
    options
  )
  return {
    ...set,
    ...(baseline.missing ? { baselineMissing: true } : {}),
    ...(baseline.createdAt === null ? {} : { baselineCreatedAt: baseline.createdAt }),
    ...(baseline.problem === null ? {} : { baselineProblem: baseline.problem }),
    entries: entries.map((entry) =>
      compareWithBaseline(
        entry,
        baseline.results.get(entry.sampleId) ?? null,
        baseline.unread(entry.sampleId)
      )
    )
  }
}

/**
 * Not there yet (404) or not final (running, not_started). In a run the server
 * says is finished, a result that is not there will not come.
 */
function pendingIn(options: ResultsOptions): (entry: SampleEntry) => boolean {
  return (entry) =>
    entry.result === null
      ? entry.problem?.kind === 'not-found' && !options.runFinished
      : !isFinal(entry.result.status)
}

/** After waiting: one sample that is still missing is the step's error; several are named. */
function reportNotFinal(
  entries: SampleEntry[],
  options: ResultsOptions,
  single: boolean,
  runMissing: boolean,
  waitedMs: number
): SampleEntry[] {
  const waited = afterWaiting(waitedMs, options.waitTimeoutMs)
  if (runMissing) {
    throw new ActionError(
      'not-found',
      `Run ${options.runId} was still not there ${waited}. It may still be in progress, or run-id may be wrong.`
    )
  }
  const notFinal = entries.filter(pendingIn(options))
  if (options.waitTimeoutMs === 0 || notFinal.length === 0) return entries
  const [first] = notFinal
  if (single && first?.problem) {
    throw new ActionError(first.problem.kind, `${first.problem.message} Still so ${waited}.`)
  }
  options.warn(
    `Not final ${waited}: ${describeIds(notFinal)}. They are reported as they are and do not count as passing.`
  )
  return entries
}

/** Each sample through the single-result endpoint, at most `concurrency` at a time. */
async function fetchEach(
  client: PlatformClient,
  runId: number,
  ids: readonly number[],
  options: ResultsOptions,
  keep: KeepErrors
): Promise<SampleEntry[]> {
  const limit = pLimit(options.concurrency)
  options.progress.expect(ids.length)
  const fetchOne = async (sampleId: number): Promise<SampleEntry> => {
    try {
      return { sampleId, result: await client.fetchResult(runId, sampleId), problem: null }
    } catch (error) {
      if (!(error instanceof ActionError)) throw error
      const kept = keep === 'all' || (keep === 'not-found' && error.kind === 'not-found')
      if (!kept || FATAL_KINDS.has(error.kind)) {
        limit.clearQueue()
        throw error
      }
      return {
        sampleId,
        result: null,
        problem: {
          kind: error.kind,
          message: error.message,
          apiMessage: error.apiMessage,
          ...(error instanceof MixedUpAnswer ? { mixUp: error.pairing } : {})
        }
      }
    } finally {
      options.progress.advance()
    }
  }
  return Promise.all(ids.map((id) => limit(() => fetchOne(id))))
}

/**
 * The results of `ids`: more than a few through the list endpoint (100 a
 * request), filtered; one request each when there are few, or when the server
 * has no list endpoint. An ID the run does not have gets the problem a 404 gives.
 */
async function fetchSelected(
  client: PlatformClient,
  runId: number,
  ids: readonly number[],
  options: ResultsOptions,
  keep: KeepErrors
): Promise<{ entries: SampleEntry[]; incomplete: string | null }> {
  if (ids.length > LIST_THRESHOLD) {
    try {
      const { results, incomplete } = await listRun(client, runId, options)
      const pick = pickFrom(results)
      const entries = ids.map((id): SampleEntry => {
        const result = pick(id)
        return result ? { sampleId: id, result, problem: null } : absent(runId, id, incomplete)
      })
      return { entries, incomplete }
    } catch (error) {
      if (!isEndpointMissing(error)) throw error
      options.log(`run ${runId}: the server has no list of results; fetching them one by one`)
    }
  }
  return { entries: await fetchEach(client, runId, ids, options, keep), incomplete: null }
}

/** The entry of an ID that the run's list does not name. */
function absent(runId: number, sampleId: number, incomplete: string | null): SampleEntry {
  const apiMessage = `Regression test ${sampleId} not found in run ${runId}.`
  const message = incomplete
    ? `Run ${runId}'s list of results is incomplete (${incomplete}) and does not name sample ${sampleId}.`
    : `The Sample Platform's list of run ${runId} has no result for sample ${sampleId} ("${apiMessage}"). Check sample-id.`
  return { sampleId, result: null, problem: { kind: 'not-found', message, apiMessage } }
}

/**
 * The result of each number asked for, out of a run's list, by the rule a
 * single answer is checked by: the entry whose regression test is the number,
 * else a documented entry whose sample it is.
 */
function pickFrom(results: readonly ReadResult[]): (id: number) => SampleResult | undefined {
  const byRegression = new Map<number, SampleResult>()
  const bySample = new Map<number, SampleResult>()
  for (const read of results) {
    const { regression_id: regression, sample_id: sample } = read.result
    if (!byRegression.has(regression)) byRegression.set(regression, read.result)
    if (sample !== null && answers(read, sample) === 'sample' && !bySample.has(sample))
      bySample.set(sample, read.result)
  }
  return (id) => byRegression.get(id) ?? bySample.get(id)
}

/** Every result of a run, through the list endpoint. */
async function listRun(client: PlatformClient, runId: number, options: ResultsOptions) {
  const list = await client.listResults(runId)
  options.log(`run ${runId}: ${countOf(list.results.length, 'result')}`)
  return list
}

/** A whole run through the list endpoint; each result is keyed by its regression test ID. */
async function fetchWholeRun(
  client: PlatformClient,
  runId: number,
  options: ResultsOptions
): Promise<{ entries: SampleEntry[]; incomplete: string | null }> {
  const { results, incomplete } = await listRun(client, runId, options)
  const entries = results
    .map(({ result }) => ({ sampleId: result.regression_id, result, problem: null }))
    .sort((a, b) => a.sampleId - b.sampleId)
  return { entries, incomplete }
}

/** What could be read of the baseline run. */
interface BaselineRead {
  /** The baseline result of each sample that has one: how it failed, if it did. */
  results: Map<number, SampleResult>
  /** The run does not exist. */
  missing: boolean
  /** Why some samples could not be compared; null when every one could. */
  problem: string | null
  /** Whether a sample without a status went unread, rather than being absent from the run. */
  unread(sampleId: number): boolean
}

/**
 * The baseline run's status of each sample. A sample the run really lacks is
 * left out (it will count as new); one that could not be read (an error, a
 * list the server says is incomplete) is unread, so it is never counted as new.
 */
async function fetchBaseline(
  client: PlatformClient,
  baselineRunId: number,
  ids: readonly number[] | null,
  options: ResultsOptions
): Promise<BaselineRead & { createdAt: number | null }> {
  let state: { problem: string | null; createdAt: number | null }
  try {
    state = await baselineState(client, baselineRunId, options.baselineRun)
  } catch (error) {
    if (error instanceof ActionError)
      throw aboutBaseline(error, `the baseline run ${baselineRunId} could not be read`)
    throw error
  }
  return {
    ...(await readBaseline(client, baselineRunId, ids, options, state.problem)),
    createdAt: state.createdAt
  }
}

/** The baseline's results, or why they could not be read (`problem`: the run has none to read). */
async function readBaseline(
  client: PlatformClient,
  baselineRunId: number,
  ids: readonly number[] | null,
  options: ResultsOptions,
  problem: string | null
): Promise<BaselineRead> {
  const results = new Map<number, SampleResult>()
  const unreadable = (problem: string): BaselineRead => {
    options.warn(
      `The baseline run ${baselineRunId} could not be read: ${problem} These samples are not compared with it.`
    )
    return { results, missing: false, problem, unread: () => true }
  }
  if (problem !== null) return unreadable(problem)
  let entries: SampleEntry[]
  let incomplete: string | null = null
  try {
    ;({ entries, incomplete } =
      ids === null
        ? await fetchWholeRun(client, baselineRunId, options)
        : await fetchSelected(client, baselineRunId, ids, options, 'all'))
  } catch (error) {
    if (!(error instanceof ActionError)) throw error
    if (FATAL_KINDS.has(error.kind))
      throw aboutBaseline(error, `the baseline run ${baselineRunId} could not be read`)
    if (isRunMissing(error.apiMessage))
      return { results, missing: true, problem: null, unread: () => false }
    return unreadable(error.message)
  }
  for (const entry of entries) {
    if (!entry.result) continue
    results.set(entry.sampleId, entry.result)
  }
  if (entries.some((entry) => isRunMissing(entry.problem?.apiMessage)))
    return { results, missing: true, problem: null, unread: () => false }
  if (incomplete !== null) {
    const problem = `its list is incomplete (${incomplete}).`
    options.warn(
      `The baseline run ${baselineRunId} could not be read whole: ${problem} Samples missing from it are not compared.`
    )
    return { results, missing: false, problem, unread: (id) => !results.has(id) }
  }
  // A 404 for one sample means the run lacks it; any other error means it went unread.
  const failed = entries.filter((entry) => entry.problem && entry.problem.kind !== 'not-found')
  const [first] = failed
  if (first?.problem) {
    const unreadIds = new Set(failed.map((entry) => entry.sampleId))
    const problem = `${describeIds(failed)} could not be read (${first.problem.message})`
    options.warn(`The baseline run ${baselineRunId}: ${problem}. They are not compared with it.`)
    return { results, missing: false, problem, unread: (id) => unreadIds.has(id) }
  }
  if (entries.length > 0 && results.size === 0) {
    options.warn(
      `The baseline run ${baselineRunId} has none of these samples: every sample counts as new.`
    )
  }
  return { results, missing: false, problem: null, unread: () => false }
}

/**
 * Why the baseline run has no final results to compare with (still queued or
 * running, restarted, canceled), from its description; null when it has, or
 * when the server does not describe runs. A run that does not exist is left
 * to the results' own 404.
 */
async function baselineState(
  client: PlatformClient,
  runId: number,
  known?: RunInfo
): Promise<{ problem: string | null; createdAt: number | null }> {
  let run: RunInfo
  try {
    run = known ?? (await client.getRun(runId))
  } catch (error) {
    if (error instanceof ActionError && !FATAL_KINDS.has(error.kind))
      return { problem: null, createdAt: null }
    throw error
  }
  return {
    problem: hasResults(run.status)
      ? null
      : `run ${runId} is ${run.status.slice(0, 100)}, not finished with results.`,
    createdAt: run.createdAt
  }
}

/**
 * An error met while reading the baseline, saying so: the input it comes from
 * and the run, before what the server answered.
 */
export function aboutBaseline(error: ActionError, what: string): ActionError {
  return new ActionError(
    error.kind,
    `baseline-run-id: ${what}. ${error.message}`,
    error.apiMessage,
    error.status
  )
}

/** "12, 40, 41 and 3 more" */
function describeIds(entries: readonly SampleEntry[], shown = 10): string {
  const ids = entries.slice(0, shown).map((entry) => entry.sampleId)
  const more = entries.length - ids.length
  return `sample${entries.length === 1 ? '' : 's'} ${ids.join(', ')}${more > 0 ? ` and ${more} more` : ''}`
}
