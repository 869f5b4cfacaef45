import * as core from '@actions/core'
import { appendFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ActionError } from './errors.js'
import { readInputs, type Config, type FailOn } from './inputs.js'
import { describeProblems, shouldFail, stepOutputs } from './outcome.js'
import { createPlatformClient } from './platform/client.js'
import { systemClock, type Clock } from './platform/clock.js'
import { collectResults, createProgress } from './platform/collect.js'
import { resultLinks, runPage } from './platform/links.js'
import { isPassing } from './platform/result.js'
import {
  entryPasses,
  entryStatus,
  summarizeSet,
  type ResultSet,
  type SetSummary
} from './platform/result-set.js'
import { escapeLogText } from './report/escape.js'
import { fitWithin, statusIcon } from './report/markdown.js'
import { renderRunReport } from './report/run-report.js'
import { SUMMARY_LIMIT_BYTES, renderSummary } from './report/summary.js'

const ISSUES_URL = 'https://github.com/ccextractor/sample-result-action/issues'
/** Log lines for results that do not pass, at most; the summary has them all. */
const MAX_LOGGED_PROBLEMS = 50

/** What run() needs from the world besides the runner's environment. */
export interface RunDependencies {
  clock: Clock
  /** The unit of the GitHub client's waits, 1000 (seconds); tests make it 1. */
  githubWaitUnitMs: number
}

/**
 * The action: inputs, then the results, then outputs, summary and the verdict.
 * Every failure ends in one `::error::` line and no stack trace.
 */
export async function run(dependencies: Partial<RunDependencies> = {}): Promise<void> {
  const clock = dependencies.clock ?? systemClock
  try {
    const config = readInputs((name) => core.getInput(name))
    core.setSecret(config.apiToken)

    const set = await fetchResults(config, clock)
    const summary = summarizeSet(set)
    const single = singleResult(config, set)
    const runUrl = runPage(config.apiUrl, config.runId)

    const reportFile = join(
      process.env.RUNNER_TEMP || tmpdir(),
      `sample-results-run-${config.runId}.md`
    )
    await writeFile(reportFile, render(config, set, summary, Infinity))
    const links = single ? { result: single, links: resultLinks(config.apiUrl, single) } : null
    const { outputs, warning } = stepOutputs(set, summary, links, reportFile)
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
    if (warning) core.warning(warning)

    const verdict = logVerdict(config, set, summary)
    if (config.summary) {
      const report = render(config, set, summary, SUMMARY_LIMIT_BYTES)
      const note = `*This summary is shortened to fit GitHub's 1 MiB limit; the file that the report-file output names has the whole report.*`
      await writeSummary(
        fitWithin(report, SUMMARY_LIMIT_BYTES, (text) => Buffer.byteLength(text), note)
      )
    }
    await writeComment(config, set, summary, dependencies.githubWaitUnitMs)
    if (set.baselineMissing) {
      // Compared with nothing, every sample is "new": fail-on regression would pass on a typo.
      core.setFailed(
        `baseline-run-id: the Sample Platform has no run ${set.baselineRunId} (404 "Run ${set.baselineRunId} not found."), so every sample was counted as new. Check baseline-run-id.`
      )
    } else if (shouldFail(config.failOn, set)) {
      core.setFailed(
        `${verdict}. fail-on is "${describeFailOn(config.failOn)}"; see the job summary or ${runUrl}`
      )
    }
  } catch (error) {
    core.setFailed(messageFor(error))
  }
}

/** The pull request comment, written before the step fails; its outputs are always set. */
async function writeComment(
  config: Config,
  set: ResultSet,
  summary: SetSummary,
  waitUnitMs: number | undefined
): Promise<void> {
  let outcome: { action: string; id: number | null; url: string | null } = {
    action: 'skipped',
    id: null,
    url: null
  }
  if (config.comment.policy !== 'off') {
    core.setSecret(config.comment.githubToken)
    // Loaded only when asked for: Octokit is most of the bundle's start-up time.
    const { commentOnPullRequest } = await import('./github/pull-request-comment.js')
    outcome = await commentOnPullRequest({
      config: config.comment,
      samples: config.samples,
      set,
      summary,
      apiUrl: config.apiUrl,
      log: { debug: core.debug, info: core.info, warning: core.warning },
      ...(waitUnitMs === undefined ? {} : { waitUnitMs })
    })
  }
  core.setOutput('comment-action', outcome.action)
  core.setOutput('comment-id', outcome.id === null ? '' : String(outcome.id))
  core.setOutput('comment-url', outcome.url ?? '')
}

async function fetchResults(config: Config, clock: Clock): Promise<ResultSet> {
  const progress = createProgress((line) => core.info(escapeLogText(line)))
  const client = createPlatformClient({
    apiUrl: config.apiUrl,
    token: config.apiToken,
    timeoutMs: config.requestTimeoutMs,
    maxRetries: config.maxRetries,
    clock,
    // Lines quote server text; escaping them again costs nothing and keeps the log inert.
    log: {
      debug: (line) => core.debug(escapeLogText(line)),
      info: (line) => core.info(escapeLogText(line))
    },
    onPacingWait: progress.waiting
  })
  const collect = () =>
    collectResults(client, {
      ...config,
      clock,
      progress,
      log: (line) => core.info(escapeLogText(line)),
      warn: (line) => core.warning(line)
    })
  if (config.samples.kind === 'ids' && config.samples.ids.length === 1) return collect()
  const what =
    config.samples.kind === 'all' ? 'every result' : `${config.samples.ids.length} results`
  return core.group(`Fetching ${what} of run ${config.runId}`, collect)
}

/** The one result when one sample was asked for: the core action's outputs and summary. */
function singleResult(config: Config, set: ResultSet) {
  const [entry] = set.entries
  return config.samples.kind === 'ids' && config.samples.ids.length === 1 && entry?.result
    ? entry.result
    : null
}

/** The report: one result's summary, or the whole set's within `limitBytes`. */
function render(config: Config, set: ResultSet, summary: SetSummary, limitBytes: number): string {
  const single = singleResult(config, set)
  const [entry] = set.entries
  if (single && entry) {
    const baseline =
      set.baselineRunId !== null && entry.change
        ? {
            runId: set.baselineRunId,
            runUrl: runPage(config.apiUrl, set.baselineRunId),
            status: entry.baselineStatus ?? null,
            change: entry.change
          }
        : undefined
    // The report file (no limit) keeps the whole message; the summary keeps its first part.
    const limits = limitBytes === Infinity ? { maxMessageChars: Infinity } : {}
    return renderSummary(single, resultLinks(config.apiUrl, single), baseline, limits)
  }
  return renderRunReport(set, summary, config.apiUrl, {
    limit: limitBytes,
    measure: (text) => Buffer.byteLength(text),
    whereIsAll:
      'every result is in the file the report-file output names, and in the results output'
  })
}

/** Logs the verdict and each result that does not pass; returns the verdict line. */
function logVerdict(config: Config, set: ResultSet, summary: SetSummary): string {
  const describe = (id: number, status: string, details: string[]) =>
    escapeLogText(
      `sample ${id}: ${statusIcon(status)} ${status}${details.length > 0 ? ` (${details.join('; ')})` : ''}`
    )
  const single = singleResult(config, set)
  if (single) {
    const details = isPassing(single.status) ? [] : describeProblems(single)
    const verdict = `Run ${single.run_id}, ${describe(single.sample_id, single.status, details)}`
    core.info(verdict)
    core.info(`Run page: ${runPage(config.apiUrl, config.runId)}`)
    return verdict
  }
  const regressions =
    summary.regressions.length > 0
      ? ` (regressions since run ${set.baselineRunId}: ${summary.regressions.join(', ')})`
      : ''
  const verdict =
    summary.failed === 0
      ? `Run ${set.runId}: ✅ all ${summary.total} pass`
      : `Run ${set.runId}: ❌ ${summary.failed} of ${summary.total} do not pass${regressions}`
  core.info(verdict)
  const problems = set.entries.filter((entry) => !entryPasses(entry))
  for (const entry of problems.slice(0, MAX_LOGGED_PROBLEMS)) {
    const details = entry.result
      ? describeProblems(entry.result)
      : [entry.problem?.message ?? 'no result']
    core.info(`  ${describe(entry.sampleId, entryStatus(entry), details)}`)
  }
  if (problems.length > MAX_LOGGED_PROBLEMS)
    core.info(`  …and ${problems.length - MAX_LOGGED_PROBLEMS} more (see the job summary)`)
  core.info(`Run page: ${runPage(config.apiUrl, config.runId)}`)
  return verdict
}

/**
 * Appends to the file the runner names. (core.summary caches that name for the
 * life of the process, which is one step on a runner but not in tests.)
 */
async function writeSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) {
    core.warning(
      'Could not write the job summary: GITHUB_STEP_SUMMARY is not set (not on a GitHub runner?).'
    )
    return
  }
  try {
    await appendFile(file, markdown)
  } catch (error) {
    core.warning(`Could not write the job summary: ${escapeLogText(errorText(error))}`)
  }
}

function describeFailOn(failOn: FailOn): string {
  return failOn.mode === 'statuses' ? failOn.statuses.join(', ') : failOn.mode
}

function messageFor(error: unknown): string {
  if (error instanceof ActionError) return error.message
  if (error instanceof Error && error.stack) core.debug(error.stack)
  return `Unexpected error: ${escapeLogText(errorText(error))}. Please report it at ${ISSUES_URL}.`
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
