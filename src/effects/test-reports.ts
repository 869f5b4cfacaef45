/**
 * The files other tools read, written where junit-file and ctrf-file say:
 * JUnit XML and CTRF JSON of the same test cases, each within its budget.
 */
import type { TestReportFiles } from '../inputs.js'
import type { SampleSelection } from '../platform/model.js'
import { renderCtrf } from '../report/ctrf.js'
import { renderJUnit } from '../report/junit.js'
import type { StepReport } from '../report/step-report.js'
import { testSuites } from '../report/test-cases.js'
import { writeTestReportFile } from './runner-files.js'

/** The job summary's lines of each diff: what a trace shows. */
const TRACE_DIFF_FACTOR = 5
/**
 * Characters of one test case's diffs at most. With diffs at most 100 (the
 * input's limit), the traces of a file stay under 100 × 64 K, about 6.4 MB;
 * every other field is a line of at most a few hundred characters.
 */
const MAX_TRACE_CHARS = 64_000

export const TOOL_NAME = 'ccextractor/sample-result-action'

export interface TestReportRequest {
  files: TestReportFiles
  samples: SampleSelection
  report: StepReport
  /** When the step began and now, in ms since the epoch. */
  start: number
  stop: number
}

/** Writes each file asked for; the outputs name the paths written ('' for none). */
export async function writeTestReports(
  request: TestReportRequest
): Promise<Record<string, string>> {
  const { files, report } = request
  if (files.junit === null && files.ctrf === null) return { 'junit-file': '', 'ctrf-file': '' }
  const suites = testSuites(report.collected, {
    apiUrl: report.apiUrl,
    samples: request.samples,
    diffLines: (report.diffLines ?? 40) * TRACE_DIFF_FACTOR,
    maxTraceChars: MAX_TRACE_CHARS
  })
  const junit =
    files.junit === null
      ? ''
      : await writeTestReportFile('junit-file', files.junit, renderJUnit(suites))
  const ctrf =
    files.ctrf === null
      ? ''
      : await writeTestReportFile(
          'ctrf-file',
          files.ctrf,
          renderCtrf(suites, {
            tool: { name: TOOL_NAME },
            start: request.start,
            stop: request.stop
          })
        )
  return { 'junit-file': junit, 'ctrf-file': ctrf }
}
