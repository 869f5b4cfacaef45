/**
 * The reports the README shows as pictures, made by the action's own renderers
 * from the demo runs: a job summary of one platform's run, and a pull request
 * comment for a commit tested on Linux and Windows. `npm run screenshots`
 * writes them to docs/ (markdown and PNG); a test checks the markdown is what
 * the renderers make now.
 */
import type { Collected, PlatformRun } from '../src/platform/collect-runs.js'
import type { SampleResult } from '../src/platform/result.js'
import {
  classifyChange,
  countResults,
  entryPasses,
  type ResultSet,
  type SampleEntry
} from '../src/platform/result-set.js'
import type { Platform } from '../src/platform/runs.js'
import { commentStatuses } from '../src/report/comment-state.js'
import { renderReport, type StepReport } from '../src/report/step-report.js'
import { decideVerdict } from '../src/report/verdict.js'
import { DEMO, defaultRuns, generateRun } from '../test-support/sample-runs.js'

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

/** A run of the demo data compared with its baseline, as the collector builds it. */
function compared(
  platform: Platform,
  results: readonly SampleResult[],
  runId: number,
  baselineRunId: number
): ResultSet {
  const baseline = defaultRuns().get(baselineRunId)
  const entries = results.map((result): SampleEntry => {
    const entry: SampleEntry = {
      sampleId: result.regression_id,
      result,
      problem: null
    }
    const baselineStatus = baseline?.get(result.regression_id)?.status ?? null
    return { ...entry, baselineStatus, change: classifyChange(entryPasses(entry), baselineStatus) }
  })
  return { runId, baselineRunId, layout: 'run', platform, entries }
}

function platformRun(set: ResultSet): PlatformRun {
  return {
    platform: set.platform ?? null,
    runId: set.runId,
    run: null,
    set,
    baselineNote: null,
    problem: null
  }
}

function stepReport(collected: Collected): StepReport {
  const counts = countResults(collected.runs.flatMap((run) => (run.set ? [run.set] : [])))
  const verdict = decideVerdict({ mode: 'regression' }, collected, counts, API)
  return { collected, counts, verdict, apiUrl: API }
}

export function docReports(): DocReport[] {
  const linux = compared(
    'linux',
    [...(defaultRuns().get(DEMO.runId)?.values() ?? [])],
    DEMO.runId,
    DEMO.baselineRunId
  )
  const windows = compared(
    'windows',
    generateRun(WINDOWS_RUN, {
      failures: { [DEMO.failingSample]: 'both', [DEMO.timeoutSample]: 'timeout', 201: 'output' }
    }),
    WINDOWS_RUN,
    DEMO.windowsBaselineRunId
  )
  const oneRun: Collected = { commit: COMMIT, runs: [platformRun(linux)] }
  const bothRuns: Collected = { commit: COMMIT, runs: [platformRun(linux), platformRun(windows)] }
  // The comment as a re-run updates it: one sample moved since the last one.
  const previous = commentStatuses(bothRuns)
  previous[`${DEMO.failingSample}@linux`] = 'pass'
  return [
    {
      name: 'job-summary',
      title: 'The job summary of a whole run compared with master',
      markdown: renderReport(stepReport(oneRun), { kind: 'job-summary' })
    },
    {
      name: 'pr-comment',
      title: 'The pull request comment for a commit tested on Linux and Windows',
      markdown: renderReport(stepReport(bothRuns), {
        kind: 'comment',
        jobUrl: JOB,
        previous,
        key: 'Sample Platform / results / samples all / linux, windows'
      })
    }
  ]
}
