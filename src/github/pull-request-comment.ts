/** The comment step: find the pull request and our comment, decide, render, write. */
import { createHash } from 'node:crypto'
import type { CommentConfig } from '../inputs.js'
import type { SampleSelection } from '../platform/model.js'
import { collectedPasses } from '../platform/model.js'
import { commentStatuses, decideComment } from '../report/comment-state.js'
import { renderReport, type StepReport } from '../report/step-report.js'
import { ActionError } from '../shared/errors.js'
import { jobLogUrl, readGitHubContext } from './context.js'
import { describeGitHubError } from './errors.js'
import { createOctokit, type GitHubLog } from './octokit.js'
import { findPullRequest, pullRequestRef } from './pull-request.js'
import { findOurComments, writeStickyComment } from './sticky-comment.js'

export type CommentAction = 'created' | 'updated' | 'recreated' | 'skipped' | 'failed'

export interface CommentOutcome {
  action: CommentAction
  id: number | null
  url: string | null
  /** Set when the comment was refused for a reason that must fail the step. */
  error?: string
}

export interface CommentRequest {
  config: CommentConfig
  samples: SampleSelection
  /** The platforms the inputs name: part of the default key, whatever the server says of the runs. */
  platforms: readonly string[]
  report: StepReport
  log: GitHubLog
  env?: NodeJS.ProcessEnv
  /** The unit of the GitHub client's waits (1000: seconds); tests make it 1. */
  waitUnitMs?: number
  /**
   * The event's pull request as already looked up (a `status` event's, found
   * with its base commit; null: none); absent: look it up here.
   */
  eventPullRequest?: number | null
}

/** Keys longer than this (a long list of samples) are hashed: the marker stays small. */
const MAX_PLAIN_KEY = 120

/**
 * Keeps one comment per key on the pull request up to date. Never throws:
 * GitHub's refusals become one warning, and the step's result stays fail-on's;
 * only inputs that could misdirect the comment come back as an error.
 */
export async function commentOnPullRequest(request: CommentRequest): Promise<CommentOutcome> {
  const { config, report, log } = request
  const skipped: CommentOutcome = { action: 'skipped', id: null, url: null }
  const context = readGitHubContext(request.env)
  try {
    const octokit = createOctokit({
      token: config.githubToken,
      baseUrl: context.apiUrl,
      log,
      ...(request.waitUnitMs === undefined ? {} : { waitUnitMs: request.waitUnitMs })
    })
    const known = config.prNumber === null ? request.eventPullRequest : undefined
    const pullRequest =
      known === undefined
        ? await findPullRequest(octokit, context, config.prNumber ?? undefined, log)
        : known === null
          ? null
          : pullRequestRef(context, known)
    if (pullRequest === null) {
      log.info(`No pull request for this ${context.eventName || 'run'} event: no comment written.`)
      return skipped
    }
    const key =
      config.key ??
      defaultCommentKey(context.workflow, context.job, request.samples, request.platforms)
    const existing = await findOurComments(octokit, context.repo, pullRequest.number, key)
    const previous = existing.at(-1)?.statuses ?? null
    const statuses = commentStatuses(report.collected)
    const passing = collectedPasses(report.collected)
    if (config.policy === 'off' || !decideComment(config.policy, { passing, statuses }, previous)) {
      log.info(
        `Pull request #${pullRequest.number}: no comment needed (comment: ${config.policy}).`
      )
      return skipped
    }
    const body = renderReport(report, {
      kind: 'comment',
      jobUrl: jobLogUrl(context),
      previous,
      key
    })
    const written = await writeStickyComment({
      octokit,
      repo: context.repo,
      prNumber: pullRequest.number,
      key,
      body,
      mode: config.mode,
      existing
    })
    log.info(`Pull request #${pullRequest.number}: comment ${written.action}: ${written.url}`)
    return written
  } catch (error) {
    if (error instanceof ActionError)
      return { action: 'failed', id: null, url: null, error: error.message }
    log.warning(`Could not write the pull request comment. ${describeGitHubError(error)}`)
    return { action: 'failed', id: null, url: null }
  }
}

/**
 * Built from the workflow, the job, the samples and the platforms: a re-run
 * finds the same comment, and matrix jobs over different samples or platforms
 * keep their own.
 */
export function defaultCommentKey(
  workflow: string,
  job: string,
  samples: SampleSelection,
  platforms: readonly string[]
): string {
  const which = samples.kind === 'all' ? 'all' : samples.ids.join(',')
  const on = ` / ${platforms.join(', ')}`
  const key = `${workflow} / ${job} / samples ${which}${on}`
  if (key.length <= MAX_PLAIN_KEY) return key
  return `${workflow} / ${job} / samples ${createHash('sha256').update(which).digest('hex').slice(0, 16)}${on}`
}
