/**
 * The reports the README shows as pictures, made by the action's own renderers
 * from the demo runs: a job summary of one platform's run, and a pull request
 * comment for a commit tested on Linux and Windows. `npm run screenshots`
 * writes them to docs/ (markdown and PNG); a test checks the markdown is what
 * the renderers make now.
 */
import type { Collected } from '../src/platform/model.js'
import type { OutputDiff, SampleHistory } from '../src/platform/model.js'
import type { DiffLines } from '../src/platform/api/diff.js'
import type { SampleResult } from '../src/platform/api/result.js'
import { compareWithBaseline } from '../src/platform/failures.js'
import { explainEnd } from '../src/platform/find-runs.js'
import {
  countResults,
  entryPasses,
  type PlatformRun,
  type ResultSet,
  type SampleEntry
} from '../src/platform/model.js'
import type { Platform } from '../src/platform/api/runs.js'
import { commentStatuses } from '../src/report/comment-state.js'
import { renderReport, type StepReport } from '../src/report/step-report.js'
import { decideVerdict } from '../src/report/verdict.js'
import {
  diffLines,
  splitLines,
  toHunks,
  unifiedLines
} from '../test-support/fake-platform/line-diff.js'
import { outputFiles } from '../test-support/output-files.js'
import { DEMO, defaultRuns, generateRun } from '../test-support/sample-runs.js'
import { diffLinesOf, platformRunOf } from '../__fixtures__/results.js'

export interface DocReport {
  /** File name in docs/, without the extension. */
  name: string
  /** What the picture shows, for its alt text. */
  title: string
  markdown: string
}

const API = 'https://sampleplatform.ccextractor.org/api/v1'
const JOB = 'https://github.com/CCExtractor/ccextractor/actions/runs/12345678901'
const COMMIT = '0b1a967b732898e705ea8f2fda5d08eb00328579'
/** The windows run of the pull request's commit, made up beside the demo's linux run 9412. */
const WINDOWS_RUN = 9414

/** What the fake platform's master history says of the demo's failures. */
function historyOf(sampleId: number): SampleHistory | null {
  const at = (kind: SampleHistory['class'], failed: number) => ({
    class: kind,
    lookedAt: 5,
    failed,
    branch: 'master'
  })
  if ((DEMO.newFailures as readonly number[]).includes(sampleId)) return at('new', 0)
  if ((DEMO.knownFailures as readonly number[]).includes(sampleId)) return at('known', 5)
  if ((DEMO.flakyFailures as readonly number[]).includes(sampleId)) return at('flaky', 2)
  return null
}

/** An output's unified diff as the fake platform serves it, as the action keeps it once read. */
function servedDiff(
  result: SampleResult,
  output: { output_id: number; filename: string; status: string }
): DiffLines {
  const { expected, actual } = outputFiles(result, output)
  const lines = diffLines(splitLines(expected ?? ''), splitLines(actual ?? ''))
  return diffLinesOf(`${unifiedLines(toHunks(lines, 3)).join('\n')}\n`)
}

/** The diffs the action fetches for a failing result of the demo run. */
function diffsOf(result: SampleResult): OutputDiff[] | undefined {
  if (result.status === 'pass') return undefined
  const diffs = (result.outputs ?? []).flatMap((entry): OutputDiff[] => {
    const file = entry as { output_id: number; filename: string; status: string }
    const base = { outputId: file.output_id, filename: file.filename }
    if (file.status === 'missing_output' || file.status === 'missing_expected')
      return [{ ...base, kind: file.status }]
    if (file.status !== 'fail' || result.regression_id !== DEMO.failingSample) return []
    return [{ ...base, kind: 'diff', ...servedDiff(result, file) }]
  })
  return diffs.length > 0 ? diffs : undefined
}

/** A run of the demo data compared with its baseline, as the collector builds it. */
function compared(
  platform: Platform,
  results: readonly SampleResult[],
  runId: number,
  baselineRunId: number
): ResultSet {
  const baseline = defaultRuns().get(baselineRunId) as Map<number, SampleResult> | undefined
  const entries = results.map((result): SampleEntry => {
    const entry = compareWithBaseline(
      { sampleId: result.regression_id, result, problem: null },
      baseline?.get(result.regression_id) ?? null,
      false
    )
    const diffs = diffsOf(result)
    return {
      ...entry,
      ...(entryPasses(entry) ? {} : { history: historyOf(result.regression_id) }),
      ...(diffs ? { diffs } : {})
    }
  })
  return { runId, baselineRunId, layout: 'run', platform, entries }
}

function stepReport(collected: Collected): StepReport {
  const counts = countResults(collected.runs.flatMap((run) => (run.set ? [run.set] : [])))
  const verdict = decideVerdict({ mode: 'regression' }, collected, counts, API, false, 'report')
  return { collected, counts, verdict, apiUrl: API }
}

export function docReports(): DocReport[] {
  // 92 fails on master too, the same output; here it also crashes: failing differently.
  const linuxResults = [...(defaultRuns().get(DEMO.runId)?.values() ?? [])].map((result) =>
    result.regression_id === 92
      ? { ...result, exit_code: 139, result_message: 'Exit code 139 differs from expected 0.' }
      : result
  )
  const linux = compared('linux', linuxResults, DEMO.runId, DEMO.baselineRunId)
  const windows = compared(
    'windows',
    generateRun(WINDOWS_RUN, {
      failures: { [DEMO.failingSample]: 'both', [DEMO.timeoutSample]: 'timeout', 201: 'output' }
    }),
    WINDOWS_RUN,
    DEMO.windowsBaselineRunId
  )
  const oneRun: Collected = { commit: COMMIT, runs: [platformRunOf(linux)] }
  const bothRuns: Collected = {
    commit: COMMIT,
    runs: [platformRunOf(linux), platformRunOf(windows)]
  }
  // The comment as a re-run updates it: one sample moved since the last one.
  const previous = commentStatuses(bothRuns)
  previous[`${DEMO.failingSample}@linux`] = 'pass'
  // The windows run of the same commit, canceled because its test machine could not be made.
  const canceled: PlatformRun = {
    ...explainEnd(
      {
        platform: 'windows',
        runId: WINDOWS_RUN,
        run: {
          runId: WINDOWS_RUN,
          status: 'canceled',
          platform: 'windows',
          commitSha: COMMIT,
          repository: 'someone/ccextractor',
          branch: 'pull_request',
          createdAt: null
        },
        problem: null
      },
      [{ status: 'error', message: 'VM creation failed (ZONE_RESOURCE_POOL_EXHAUSTED).', at: null }]
    ),
    set: null
  }
  const oneCanceled: Collected = { commit: COMMIT, runs: [platformRunOf(linux), canceled] }
  // The status set-up's first job: linux has ended, windows is still testing.
  const testing: PlatformRun = {
    platform: 'windows',
    runId: WINDOWS_RUN,
    run: {
      runId: WINDOWS_RUN,
      status: 'running',
      platform: 'windows',
      commitSha: COMMIT,
      repository: 'someone/ccextractor',
      branch: 'pull_request',
      createdAt: null
    },
    problem: `The Sample Platform's windows run ${WINDOWS_RUN} is still running: its results are not final.`,
    unfinished: true,
    set: null
  }
  const oneTesting: Collected = { commit: COMMIT, runs: [platformRunOf(linux), testing] }
  return [
    {
      name: 'job-summary',
      title: 'The job summary of a whole run compared with master, with diffs and history',
      markdown: renderReport(stepReport(oneRun), { kind: 'job-summary' })
    },
    {
      name: 'pr-comment',
      title:
        'The pull request comment for a commit tested on Linux and Windows: what differs, and whether it is new, known or flaky',
      markdown: renderReport(stepReport(bothRuns), {
        kind: 'comment',
        jobUrl: JOB,
        previous,
        key: 'Sample Platform / results / samples all / linux, windows'
      })
    },
    {
      name: 'still-testing',
      title:
        "The pull request comment of the status set-up's first job: linux in full, windows still testing",
      markdown: renderReport(stepReport(oneTesting), {
        kind: 'comment',
        jobUrl: JOB,
        previous: null,
        key: 'Sample Platform / results / samples all / linux, windows'
      })
    },
    {
      name: 'canceled-run',
      title:
        'The pull request comment when the platform canceled one of the runs: why, in its own words',
      markdown: renderReport(stepReport(oneCanceled), {
        kind: 'comment',
        jobUrl: JOB,
        previous: null,
        key: 'Sample Platform / results / samples all / linux, windows'
      })
    }
  ]
}
