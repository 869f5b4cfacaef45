import * as core from '@actions/core'
import { stepOutputs } from './effects/outputs.js'
import { appendJobSummary, errorText, writeReportFile } from './effects/runner-files.js'
import { readInputs, type Config } from './inputs.js'
import { createPlatformClient } from './platform/client.js'
import { systemClock, type Clock } from './platform/clock.js'
import { collectResults, createProgress } from './platform/collect.js'
import { countResults, type ResultSet } from './platform/result-set.js'
import { renderLogLines, renderReport, type StepReport } from './report/step-report.js'
import { decideVerdict } from './report/verdict.js'
import { ActionError } from './shared/errors.js'
import { escapeLogText, logSnippet } from './shared/text.js'

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
  try {
    const config = readInputs((name) => core.getInput(name))
    core.setSecret(config.apiToken)

    const set = await collect(config, clock)
    const counts = countResults(set)
    const verdict = decideVerdict(config.failOn, set, counts, config.apiUrl)
    const report: StepReport = { set, counts, verdict, apiUrl: config.apiUrl }

    const reportFile = await writeReportFile(
      set.runId,
      renderReport(report, { kind: 'report-file' })
    )
    const { outputs, warning } = stepOutputs(set, counts, config.apiUrl, reportFile)
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
    if (warning) core.warning(warning)
    for (const line of renderLogLines(report)) core.info(line)
    if (config.jobSummary) await appendJobSummary(renderReport(report, { kind: 'job-summary' }))
    await comment(config, report, dependencies.waitUnitMs)
    if (verdict.failure) core.setFailed(verdict.failure)
  } catch (error) {
    core.setFailed(messageFor(error))
  }
}

/** The results the inputs ask for, with progress in the log. */
async function collect(config: Config, clock: Clock): Promise<ResultSet> {
  const log = (line: string) => core.info(escapeLogText(line))
  const progress = createProgress(log)
  const client = createPlatformClient({
    apiUrl: config.apiUrl,
    token: config.apiToken,
    timeoutMs: config.requestTimeoutMs,
    maxRetries: config.maxRetries,
    clock,
    // Lines quote server text; escaping them again costs nothing and keeps the log inert.
    log: { debug: (line) => core.debug(escapeLogText(line)), info: log },
    onPacingWait: progress.waiting
  })
  const { runId, samples } = config
  const fetch = () =>
    collectResults(client, {
      runId,
      samples,
      baselineRunId: config.baselineRunId,
      concurrency: config.concurrency,
      waitTimeoutMs: config.waitTimeoutMs,
      clock,
      progress,
      log,
      warn: (line) => core.warning(line)
    })
  if (samples.kind === 'ids' && samples.ids.length === 1) return fetch()
  const what = samples.kind === 'all' ? 'every result' : `${samples.ids.length} results`
  return core.group(`Fetching ${what} of run ${runId}`, fetch)
}

/** The pull request comment, written before the step fails; its outputs are always set. */
async function comment(config: Config, report: StepReport, waitUnitMs?: number): Promise<void> {
  let outcome = { action: 'skipped', id: null as number | null, url: null as string | null }
  if (config.comment.policy !== 'off') {
    core.setSecret(config.comment.githubToken)
    // Loaded only when asked for: Octokit is most of the bundle's start-up time.
    const { commentOnPullRequest } = await import('./github/pull-request-comment.js')
    outcome = await commentOnPullRequest({
      config: config.comment,
      samples: config.samples,
      report,
      log: { debug: core.debug, info: core.info, warning: core.warning },
      ...(waitUnitMs === undefined ? {} : { waitUnitMs })
    })
  }
  core.setOutput('comment-action', outcome.action)
  core.setOutput('comment-id', outcome.id === null ? '' : String(outcome.id))
  core.setOutput('comment-url', outcome.url ?? '')
}

function messageFor(error: unknown): string {
  if (error instanceof ActionError) return error.message
  if (error instanceof Error && error.stack) core.debug(error.stack)
  return `Unexpected error: ${logSnippet(errorText(error))}. Please report it at ${ISSUES_URL}.`
}
