/**
 * Our own commit status on the reported commit (`Sample Platform results`):
 * the verdict where GitHub shows checks, without holding a runner. Posted once
 * per change within a step, and never at the cost of the step: GitHub's
 * refusals come back as one warning.
 */
import { oneLine } from '../shared/text.js'
import { readGitHubContext, type GitHubContext } from './context.js'
import { describeGitHubError, isLastingRefusal } from './errors.js'
import { createOctokit, type GitHubClient, type GitHubLog } from './octokit.js'
import { isCommitState, type CommitState } from './status-event.js'

/**
 * GitHub refuses a longer description with a 422. It counts characters (code
 * points); the cut counts UTF-16 units, which are never fewer, so it fits.
 */
export const MAX_STATUS_DESCRIPTION = 140

export interface CommitStatusUpdate {
  state: CommitState
  /** Plain text: made one line and cut to MAX_STATUS_DESCRIPTION here. */
  description: string
  /** The page the status links to (the run's, the Sample Platform's); none when empty. */
  targetUrl?: string | null
}

export interface CommitStatus extends CommitStatusUpdate {
  /** Whose status it is, e.g. `Sample Platform results`. */
  context: string
}

export type StatusOutcome =
  | { action: 'posted'; id: number }
  /** unchanged: the same as the last one posted; refused: GitHub refused an earlier one. */
  | { action: 'skipped'; reason: 'unchanged' | 'refused' }
  | {
      action: 'failed'
      /** One line for the log's warning; the step's result stays what it is. */
      warning: string
      /**
       * GitHub refused it for good (no permission, no such commit): asking
       * again in this step would be refused again. Not for a rate limit.
       */
      refused: boolean
    }

/**
 * A description GitHub takes as it is: one line without control or invisible
 * characters, spaces collapsed, at most MAX_STATUS_DESCRIPTION long with an
 * ellipsis where it was cut. Nothing is escaped: GitHub shows it as plain text.
 */
export function statusDescription(text: string): string {
  const line = oneLine(text).replace(/\s+/g, ' ').trim()
  if (line.length <= MAX_STATUS_DESCRIPTION) return line
  let end = MAX_STATUS_DESCRIPTION - 1
  // Never half a surrogate pair: alone, the high half is no character at all.
  if (isHighSurrogate(line.charCodeAt(end - 1))) end -= 1
  return `${line.slice(0, end).trimEnd()}…`
}

/**
 * POST /repos/{owner}/{repo}/statuses/{sha}. Never throws: a refusal (a 403
 * for a token without `statuses: write` or a fork's read-only one) or any
 * other failure is one warning in the outcome.
 */
export async function postCommitStatus(
  octokit: GitHubClient,
  repo: GitHubContext['repo'],
  sha: string,
  status: CommitStatus
): Promise<StatusOutcome> {
  const what = `the commit status "${status.context}"`
  if (!/^[0-9a-f]{40}$/i.test(sha)) {
    return failed(`Did not post ${what}: "${sha}" is not a full commit SHA.`, true)
  }
  if (!isCommitState(status.state)) {
    return failed(`Did not post ${what}: "${String(status.state)}" is not a commit state.`, true)
  }
  const description = statusDescription(status.description)
  try {
    const { data } = await octokit.rest.repos.createCommitStatus({
      ...repo,
      sha: sha.toLowerCase(),
      state: status.state,
      context: status.context,
      ...(description === '' ? {} : { description }),
      ...(status.targetUrl ? { target_url: status.targetUrl } : {})
    })
    return { action: 'posted', id: data.id }
  } catch (error) {
    return failed(
      `Could not post ${what} (${status.state}). ${describeGitHubError(error, 'commit statuses')}`,
      isLastingRefusal(error)
    )
  }
}

/** Posts one context's statuses on one commit; see createStatusPoster. */
export interface StatusPoster {
  post(update: CommitStatusUpdate): Promise<StatusOutcome>
}

/**
 * Posts a status only when its state, description or link changed since the
 * last one posted by this poster: a step that says `pending` at every poll
 * sends it once. Posts go out in the order asked for, so a late `pending`
 * never lands after the verdict. After GitHub refused one for good (a
 * missing permission, not a rate limit), the rest are skipped: one warning,
 * not one per change. `octokit` is asked for at the
 * first post.
 */
export function createStatusPoster(
  octokit: () => GitHubClient,
  repo: GitHubContext['repo'],
  sha: string,
  context: string
): StatusPoster {
  let lastPosted: string | null = null
  let refused = false
  let queue: Promise<unknown> = Promise.resolve()
  const post = async (update: CommitStatusUpdate): Promise<StatusOutcome> => {
    if (refused) return { action: 'skipped', reason: 'refused' }
    const key = JSON.stringify([
      update.state,
      statusDescription(update.description),
      update.targetUrl || null
    ])
    if (key === lastPosted) return { action: 'skipped', reason: 'unchanged' }
    const outcome = await postCommitStatus(octokit(), repo, sha, { ...update, context })
    if (outcome.action === 'posted') lastPosted = key
    if (outcome.action === 'failed' && outcome.refused) refused = true
    return outcome
  }
  return {
    post(update) {
      const next = queue.then(() => post(update))
      queue = next.catch(() => undefined)
      return next
    }
  }
}

export interface StatusPosterRequest {
  githubToken: string
  /** The commit the statuses go on: the reported one. */
  sha: string
  /** e.g. `Sample Platform results`. */
  context: string
  log: GitHubLog
  env?: NodeJS.ProcessEnv
  /** The unit of the GitHub client's waits (1000: seconds); tests make it 1. */
  waitUnitMs?: number
}

/**
 * The step's poster: the runner's repository and API URL, an Octokit made at
 * the first post (none when nothing is posted).
 */
export function openStatusPoster(request: StatusPosterRequest): StatusPoster {
  const context = readGitHubContext(request.env)
  let client: GitHubClient | undefined
  const octokit = () =>
    (client ??= createOctokit({
      token: request.githubToken,
      baseUrl: context.apiUrl,
      log: request.log,
      ...(request.waitUnitMs === undefined ? {} : { waitUnitMs: request.waitUnitMs })
    }))
  if (!context.repo.owner) {
    const warning = `Could not post the commit status "${request.context}": GITHUB_REPOSITORY does not say which repository this is.`
    let told = false
    return {
      post: async () => {
        if (told) return { action: 'skipped', reason: 'refused' }
        told = true
        return failed(warning, true)
      }
    }
  }
  return createStatusPoster(octokit, context.repo, request.sha, request.context)
}

function failed(warning: string, refused: boolean): StatusOutcome {
  return { action: 'failed', warning, refused }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
