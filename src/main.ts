import * as core from '@actions/core'
import { appendFile } from 'node:fs/promises'
import { ActionError } from './errors.js'
import { readInputs, type FailOn } from './inputs.js'
import { describeProblems, resultOutputs, shouldFail } from './outcome.js'
import { createPlatformClient } from './platform/client.js'
import { systemClock, type Clock } from './platform/clock.js'
import { resultLinks } from './platform/links.js'
import { isPassing } from './platform/result.js'
import { escapeLogText } from './report/escape.js'
import { statusIcon } from './report/markdown.js'
import { renderSummary } from './report/summary.js'

const ISSUES_URL = 'https://github.com/ccextractor/sample-result-action/issues'

/** What run() needs from the world besides the runner's environment. */
export interface RunDependencies {
  clock: Clock
}

/**
 * The action: inputs, then the result, then outputs, summary and the verdict.
 * Every failure ends in one `::error::` line and no stack trace.
 */
export async function run(dependencies: Partial<RunDependencies> = {}): Promise<void> {
  const clock = dependencies.clock ?? systemClock
  try {
    const config = readInputs((name) => core.getInput(name))
    core.setSecret(config.apiToken)

    const client = createPlatformClient({
      apiUrl: config.apiUrl,
      token: config.apiToken,
      timeoutMs: config.requestTimeoutMs,
      maxRetries: config.maxRetries,
      clock,
      log: { debug: core.debug, info: core.info }
    })
    const result = await client.fetchResult(config.runId, config.sampleId)
    const links = resultLinks(config.apiUrl, result)

    for (const [name, value] of Object.entries(resultOutputs(result, links))) {
      core.setOutput(name, value)
    }
    const problems = describeProblems(result)
    const detail =
      isPassing(result.status) || problems.length === 0 ? '' : ` (${problems.join('; ')})`
    const verdict = `Run ${result.run_id}, sample ${result.sample_id}: ${statusIcon(result.status)} ${result.status}${detail}`
    core.info(escapeLogText(verdict))
    core.info(`Details: ${links.run}`)

    if (config.summary) await writeSummary(renderSummary(result, links))
    if (shouldFail(config.failOn, result.status)) {
      core.setFailed(
        `${escapeLogText(verdict)}. fail-on is "${describeFailOn(config.failOn)}"; see the job summary or ${links.run}`
      )
    }
  } catch (error) {
    core.setFailed(messageFor(error))
  }
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
