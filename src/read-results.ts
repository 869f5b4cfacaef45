/**
 * Reads what the inputs ask for: the Sample Platform client, the commit of the
 * event when none is given, the runs with their results, and their details.
 * Wires the platform and the GitHub modules for main; the GitHub code loads
 * only when the event must be read.
 */
import * as core from '@actions/core'
import { stepLog } from './effects/runner-files.js'
import type { Config } from './inputs.js'
import { createPlatformClient, type RequestKind } from './platform/api/client.js'
import type { Clock } from './platform/api/clock.js'
import { createProgress } from './platform/progress.js'
import { addDetails } from './platform/add-details.js'
import { fetchRuns } from './platform/fetch-runs.js'
import { type BaselineChoice, type Collected, type RunTarget } from './platform/model.js'
import { ActionError } from './shared/errors.js'
import { countOf } from './shared/text.js'

/** What main hears while results are read: for its commit status and its comment. */
export interface ReadHooks {
  /** The reported commit, as soon as it is known. */
  onCommit?: (sha: string) => void
  /** What the step waits for, each time it pauses to wait. */
  onWaiting?: (what: string) => void
  /** A `status` event's pull request, when it was looked up on the way (null: none). */
  onPullRequest?: (number: number | null) => void
}

export async function readResults(
  config: Config,
  clock: Clock,
  waitUnitMs?: number,
  hooks: ReadHooks = {}
): Promise<Collected> {
  const progress = createProgress(stepLog.info)
  const client = createPlatformClient({
    apiUrl: config.apiUrl,
    token: config.apiToken,
    timeoutMs: config.requestTimeoutMs,
    maxRetries: config.maxRetries,
    clock,
    log: stepLog,
    onPacingWait: progress.waiting
  })
  const { target, baseline } = await resolveEvent(config, waitUnitMs, hooks)
  if (target.kind === 'commit') hooks.onCommit?.(target.sha)
  const { samples, details } = config
  const fetch = async () => {
    try {
      const collected = await fetchRuns(client, {
        target,
        ...(config.target.kind === 'run' ? { platform: config.target.platform } : {}),
        samples,
        baseline,
        concurrency: config.concurrency,
        waitTimeoutMs: config.waitTimeoutMs,
        clock,
        progress,
        log: stepLog.info,
        warn: stepLog.warning,
        ...(hooks.onWaiting ? { onWaiting: hooks.onWaiting } : {}),
        // A run given by ID is read for its commit when something is to be posted on it.
        ...(hooks.onCommit ? { onCommit: hooks.onCommit, readRun: true } : {})
      })
      // Diffs and history come after the results: they never hold the results back.
      return details.diffs > 0 || details.history > 0
        ? await addDetails(client, collected, {
            diffs: details.diffs,
            history: details.history,
            branch: details.branch,
            ...(config.target.kind === 'run' ? { platform: config.target.platform } : {}),
            log: stepLog.info,
            warn: stepLog.warning
          })
        : collected
    } finally {
      // Also when the step fails: how many requests it took is part of what went wrong.
      stepLog.info(describeRequests(client.requestCounts()))
    }
  }
  const one = samples.kind === 'ids' && samples.ids.length === 1
  // One sample of one run keeps its few lines in sight; anything longer is folded.
  if (one && target.kind === 'run') return fetch()
  const what =
    samples.kind === 'all'
      ? 'every result'
      : one
        ? `sample ${samples.ids[0]}`
        : `${samples.ids.length} results`
  const where =
    target.kind === 'run'
      ? `run ${target.runId}`
      : `the runs of commit ${target.sha.slice(0, 7)} on ${target.platforms.join(', ')}`
  return core.group(`Fetching ${what} of ${where}`, fetch)
}

/** The commit to report when none is given, and the base commit for baseline-run-id: auto. */
async function resolveEvent(
  config: Config,
  waitUnitMs: number | undefined,
  hooks: ReadHooks
): Promise<{ target: RunTarget; baseline: BaselineChoice }> {
  const { target, baseline } = config
  const needHead = target.kind === 'commit' && target.sha === null
  if (!needHead && baseline.kind !== 'auto') {
    return {
      target: target.kind === 'run' ? target : { ...target, sha: target.sha ?? '' },
      baseline
    }
  }
  // Only here is the event read, and the GitHub API asked when the payload does not say.
  const { readEvent } = await import('./github/on-demand.js')
  const event = await readEvent(
    config.comment.githubToken,
    baseline.kind === 'auto',
    stepLog,
    waitUnitMs
  )
  if (event.problem) stepLog.warning(`baseline-run-id auto: ${event.problem}`)
  if (event.pullRequest !== undefined) hooks.onPullRequest?.(event.pullRequest)
  const sha = target.kind === 'commit' ? (target.sha ?? event.head) : null
  if (target.kind === 'commit' && sha === null) {
    throw new ActionError(
      'input',
      `commit: the ${event.name || 'run'} event names no commit, and commit and run-id are empty. Give commit (a full SHA) or run-id.`
    )
  }
  if (needHead) stepLog.info(`commit ${sha ?? ''} (of the ${event.name} event)`)
  return {
    target: target.kind === 'commit' ? { ...target, sha: sha ?? '' } : target,
    baseline:
      baseline.kind === 'auto'
        ? {
            kind: 'auto',
            baseCommit: event.base,
            branch: config.details.branch,
            repository: event.repository
          }
        : baseline
  }
}

/** "Sample Platform: 3 requests (1 for runs, 2 for results)", retries included. */
export function describeRequests(counts: Record<RequestKind, number>): string {
  const used = Object.entries(counts).filter(([, count]) => count > 0) as [RequestKind, number][]
  const total = used.reduce((sum, [, count]) => sum + count, 0)
  const parts = used.map(([kind, count]) => `${count} for ${kind}`)
  return `Sample Platform: ${countOf(total, 'request')}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`
}
