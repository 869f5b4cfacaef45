import * as core from '@actions/core'
import { commentOutputs, stepOutputs } from './effects/outputs.js'
import {
  appendJobSummary,
  createOutputWriter,
  errorText,
  stepLog,
  writeReportFile
} from './effects/runner-files.js'
import type { CommentOutcome } from './github/pull-request-comment.js'
import { writeTestReports } from './effects/test-reports.js'
import { readInputs, type Config } from './inputs.js'
import { readResults } from './read-results.js'
import { systemClock, type Clock } from './platform/api/clock.js'
import { countResults } from './platform/model.js'
import { renderLogLines, renderReport, type StepReport } from './report/step-report.js'
import { decideVerdict, type Verdict } from './report/verdict.js'
import {
  createCommitStatusReporter,
  statusEventSkip,
  type CommitStatusReporter
} from './post-status.js'
import { ActionError } from './shared/errors.js'
import { logSnippet } from './shared/text.js'

const ISSUES_URL = 'https://github.com/ccextractor/sample-result-action/issues'

/** What run() needs from the world besides the runner's environment; tests pass their own. */
export interface RunDependencies {
  clock: Clock
  /** The unit of the GitHub client's waits, 1000 (seconds); tests make it 1. */
  waitUnitMs: number
}

/**
 * The action: inputs → results → verdict → effects (report file, outputs, log,
 * job summary, comment, and the step's failure). Every failure ends in one
 * `::error::` line and no stack trace.
 */
export async function run(dependencies: Partial<RunDependencies> = {}): Promise<void> {
  const clock = dependencies.clock ?? systemClock
  const start = clock.now()
  let status: CommitStatusReporter | null = null
  // Once decided, the verdict is what our status says, even if a later effect throws.
  let decided: Verdict | null = null
  try {
    const config = readInputs((name) => core.getInput(name))
    core.setSecret(config.apiToken)
    // Masked before anything reads the event with it, not only before commenting.
    if (config.comment.githubToken) core.setSecret(config.comment.githubToken)
    // Our own status, a pending one: nothing to ask the Sample Platform.
    const skip = statusEventSkip(config)
    if (skip !== null) {
      stepLog.info(skip)
      return
    }

    status = createCommitStatusReporter(config, dependencies.waitUnitMs)
    let eventPullRequest: number | null | undefined
    const collected = await readResults(config, clock, dependencies.waitUnitMs, {
      ...(status ? { onCommit: status.commit, onWaiting: status.waiting } : {}),
      onPullRequest: (number) => (eventPullRequest = number)
    })
    const counts = countResults(collected.runs.flatMap((run) => (run.set ? [run.set] : [])))
    const verdict = decideVerdict(
      config.failOn,
      collected,
      counts,
      config.apiUrl,
      config.ignoreFlaky,
      config.unfinished
    )
    decided = verdict
    const report: StepReport = {
      collected,
      counts,
      verdict,
      apiUrl: config.apiUrl,
      diffLines: config.details.diffLines
    }

    const reportFile = await writeReportFile(
      collected.runs.map((run) => run.runId ?? run.platform).join('-'),
      renderReport(report, { kind: 'report-file' })
    )
    const outputs = createOutputWriter()
    const { outputs: values, warning } = stepOutputs(collected, counts, config.apiUrl, reportFile)
    outputs.set(values)
    outputs.set(
      await writeTestReports({
        files: config.testReports,
        samples: config.samples,
        report,
        start,
        stop: clock.now()
      })
    )
    if (warning) stepLog.warning(warning)
    for (const line of renderLogLines(report)) stepLog.info(line)
    if (config.jobSummary) await appendJobSummary(renderReport(report, { kind: 'job-summary' }))
    const commented = await comment(config, report, dependencies.waitUnitMs, eventPullRequest)
    outputs.set(commentOutputs(commented))
    await status?.finish(verdict.state, verdict.description)
    for (const note of verdict.notes) stepLog.info(note)
    for (const warning of verdict.warnings) stepLog.warning(warning)
    // A refused comment, each failure of the verdict, unwritable outputs: an error line each.
    for (const problem of [commented.error, ...verdict.failures, outputs.problem()])
      if (problem) stepLog.fail(problem)
  } catch (error) {
    const message = messageFor(error)
    // Undecided: our status says so rather than staying pending.
    await status?.finish(decided?.state ?? 'error', decided?.description ?? message)
    stepLog.fail(message)
  }
}

/** The pull request comment, written before the step fails; skipped when comment is off. */
async function comment(
  config: Config,
  report: StepReport,
  waitUnitMs: number | undefined,
  eventPullRequest: number | null | undefined
): Promise<CommentOutcome> {
  if (config.comment.policy === 'off') return { action: 'skipped', id: null, url: null }
  // Loaded only when asked for: Octokit is most of the bundle's start-up time.
  const { commentOnPullRequest } = await import('./github/on-demand.js')
  return commentOnPullRequest({
    config: config.comment,
    samples: config.samples,
    platforms: config.target.kind === 'run' ? [config.target.platform] : config.target.platforms,
    report,
    log: stepLog,
    ...(waitUnitMs === undefined ? {} : { waitUnitMs }),
    ...(eventPullRequest === undefined ? {} : { eventPullRequest })
  })
}

function messageFor(error: unknown): string {
  if (error instanceof ActionError) return error.message
  if (error instanceof Error && error.stack) core.debug(error.stack)
  return `Unexpected error: ${logSnippet(errorText(error))}. Please report it at ${ISSUES_URL}.`
}
