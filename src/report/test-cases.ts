/**
 * The results as test cases, one per sample and platform, for the files other
 * tools read (JUnit XML, CTRF JSON): what each format needs, decided once.
 * Pure; the text in it is untrusted and each format escapes it.
 */
import { isPassing, readOutputFile } from '../platform/api/result.js'
import { runPage } from '../platform/links.js'
import {
  UNAVAILABLE,
  type Collected,
  type PlatformRun,
  type SampleEntry
} from '../platform/model.js'
import type { SampleSelection } from '../platform/model.js'
import { shorten } from '../shared/text.js'
import { diffExcerpt } from './details.js'
import { describeProblems } from './verdict.js'

/** How a case ended, in the words both formats share. */
export type CaseOutcome = 'passed' | 'failed' | 'error' | 'skipped' | 'pending'

export interface TestCase {
  /** "sample 132: --autoprogram --out=ttxt --latin1" */
  name: string
  /** The category ("Teletext"), or what stands for one. */
  category: string
  outcome: CaseOutcome
  /** The result's status verbatim ("fail", "unavailable", "running"). */
  status: string
  /** Runtime in milliseconds; null when unknown. */
  durationMs: number | null
  /** What went wrong, one line; empty when it passed. */
  message: string
  /** The diffs of its failing outputs, as the job summary shows them; empty without. */
  trace: string
  flaky: boolean
  /** Name → value, in the order written: the numbers and the comparison; null when unknown. */
  properties: Property[]
}

/** One property of a suite or a case: a number, a word, or nothing known. */
export type Property = [name: string, value: string | number | null]

export interface TestSuite {
  /** "Sample Platform linux run 9412" */
  name: string
  platform: string | null
  runId: number | null
  /** When the run was created, in ms; null when the run was not read. */
  createdAt: number | null
  properties: Property[]
  cases: TestCase[]
}

export interface CaseOptions {
  apiUrl: string
  /** What was asked for: a run without results has one error case per sample asked. */
  samples: SampleSelection
  /** Lines of each diff in a trace (the job summary's). */
  diffLines: number
  /** Characters of each trace at most, all diffs of a case together. */
  maxTraceChars: number
}

/** The longest message a case carries: a line, not a document. */
const MAX_MESSAGE_CHARS = 1_000
/** Failing output files named in a message, at most. */
const MAX_FILES_NAMED = 10

/** One suite per platform's run, in the order asked. */
export function testSuites(collected: Collected, options: CaseOptions): TestSuite[] {
  return collected.runs.map((run) => suiteOf(run, collected.commit, options))
}

function suiteOf(run: PlatformRun, commit: string | null, options: CaseOptions): TestSuite {
  const name = `Sample Platform ${run.platform ? `${run.platform} ` : ''}${run.runId === null ? 'no run' : `run ${run.runId}`}`
  const properties: Property[] = [
    ['run_id', run.runId],
    ['platform', run.platform],
    ['commit', run.run?.commitSha ?? commit],
    ['baseline_run_id', run.set?.baselineRunId ?? null],
    ['url', run.runId === null ? null : runPage(options.apiUrl, run.runId)]
  ]
  const cases = run.set
    ? run.set.entries.map((entry) => caseOf(entry, options))
    : casesWithoutResults(run, options.samples)
  if (run.set?.incomplete) {
    cases.push({
      name: 'the whole run',
      category: '(the run)',
      outcome: 'error',
      status: 'incomplete',
      durationMs: null,
      message: shorten(
        `The Sample Platform's list of this run is incomplete (${run.set.incomplete}): results it left out are not here.`,
        MAX_MESSAGE_CHARS
      ),
      trace: '',
      flaky: false,
      properties: []
    })
  }
  return {
    name,
    platform: run.platform,
    runId: run.runId,
    createdAt: run.run?.createdAt ?? null,
    properties,
    cases
  }
}

/** A run with no results to report: each sample asked for is an error, or the run is one. */
function casesWithoutResults(run: PlatformRun, samples: SampleSelection): TestCase[] {
  const message = shorten(run.problem ?? 'No results.', MAX_MESSAGE_CHARS)
  const error = (name: string): TestCase => ({
    name,
    category: '(not fetched)',
    outcome: 'error',
    status: UNAVAILABLE,
    durationMs: null,
    message,
    trace: '',
    flaky: false,
    properties: []
  })
  return samples.kind === 'ids'
    ? samples.ids.map((id) => error(`sample ${id}`))
    : [error('the whole run')]
}

function caseOf(entry: SampleEntry, options: CaseOptions): TestCase {
  const { result } = entry
  const properties: Property[] = [
    ['regression_id', result?.regression_id ?? null],
    ['sample_id', result?.sample_id ?? null],
    ...(entry.change === undefined
      ? []
      : ([
          ['change', entry.change],
          ['baseline_status', entry.baselineStatus ?? null]
        ] satisfies Property[])),
    ...(entry.history ? ([['history', entry.history.class]] satisfies Property[]) : [])
  ]
  if (result === null) {
    return {
      name: `sample ${entry.sampleId}`,
      category: '(not fetched)',
      outcome: 'error',
      status: UNAVAILABLE,
      durationMs: null,
      message: shorten(entry.problem?.message ?? 'No result.', MAX_MESSAGE_CHARS),
      trace: '',
      flaky: false,
      properties
    }
  }
  const outcome = outcomeOf(result.status)
  return {
    name: `sample ${entry.sampleId}${result.command ? `: ${result.command}` : ''}`,
    category: result.category ?? '(none given)',
    outcome,
    status: result.status,
    durationMs: result.runtime_ms,
    message: outcome === 'passed' ? '' : messageOf(entry),
    trace: outcome === 'failed' ? traceOf(entry, options) : '',
    flaky: entry.history?.class === 'flaky',
    properties
  }
}

/** Only pass passes; running and not_started are not final; skipped is skipped; the rest fail. */
function outcomeOf(status: string): CaseOutcome {
  if (isPassing(status)) return 'passed'
  if (status === 'skipped') return 'skipped'
  if (status === 'running' || status === 'not_started') return 'pending'
  return 'failed'
}

/** "exit code 8, expected 0; 1 of 1 output files differ from the expected: 4117 (ce74….txt)" */
function messageOf(entry: SampleEntry): string {
  const result = entry.result
  if (result === null) return ''
  const problems = describeProblems(result)
  const failing = (result.outputs ?? [])
    .map(readOutputFile)
    .filter((file) => file.status !== null && file.status !== 'pass')
  const named = failing
    .slice(0, MAX_FILES_NAMED)
    .map(
      (file) =>
        `${file.outputId ?? '?'}${file.filename ? ` (${shorten(file.filename, 24)})` : ''} ${file.status}`
    )
  const files =
    named.length > 0
      ? `; outputs: ${named.join(', ')}${failing.length > named.length ? ', …' : ''}`
      : ''
  const text = `${result.status}${problems.length > 0 ? `: ${problems.join('; ')}` : ''}${files}`
  return shorten(text, MAX_MESSAGE_CHARS)
}

/** The diffs of a failing result as the job summary shows them, within the trace budget. */
function traceOf(entry: SampleEntry, options: CaseOptions): string {
  const parts = (entry.diffs ?? []).flatMap((diff) => {
    if (diff.kind === 'diff') {
      const header = `output ${diff.outputId ?? '?'}${diff.filename ? ` (${diff.filename})` : ''}`
      return [`${header}\n${diffExcerpt(diff, options.diffLines)}`]
    }
    if (diff.kind === 'no-diff') return [`output ${diff.outputId ?? '?'}: no diff: ${diff.reason}`]
    return [`output ${diff.outputId ?? '?'}: ${diff.kind}`]
  })
  return shorten(parts.join('\n\n'), options.maxTraceChars)
}
