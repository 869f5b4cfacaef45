import { ActionError } from '../shared/errors.js'
import { isRecord, type GitHubContext } from './context.js'
import type { GitHubClient } from './octokit.js'

/** The pull request to comment on. */
export interface PullRequestRef {
  number: number
  /** Its page, built from the server URL rather than taken from the payload. */
  url: string
}

/** Events whose runs belong to a pull request; `workflow_run` may point at one. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

/**
 * The pull request the run is about: `explicitNumber` when given, else the
 * event's. Null for events that have none (push, schedule, workflow_dispatch).
 * The payload is untrusted JSON: a field of the wrong shape means "none".
 */
export async function findPullRequest(
  octokit: GitHubClient,
  context: GitHubContext,
  explicitNumber?: number
): Promise<PullRequestRef | null> {
  if (explicitNumber !== undefined && context.eventName === 'workflow_run') {
    await checkSameHead(octokit, context, explicitNumber)
  }
  const number = explicitNumber ?? (await numberFromEvent(octokit, context))
  if (number === null) return null
  const { serverUrl, repo } = context
  return { number, url: `${serverUrl}/${repo.owner}/${repo.repo}/pull/${number}` }
}

/** The number of the pull request the event is about, without an explicit one. */
export async function numberFromEvent(
  octokit: GitHubClient,
  context: GitHubContext
): Promise<number | null> {
  const { eventName, payload } = context
  if (PULL_REQUEST_EVENTS.has(eventName)) return numberOf(payload.pull_request)
  if (eventName === 'issue_comment') {
    const issue = payload.issue
    return isRecord(issue) && isRecord(issue.pull_request) ? numberOf(issue) : null
  }
  if (eventName === 'workflow_run') return workflowRunNumber(octokit, context)
  return null
}

/**
 * A `workflow_run` event lists the triggering run's pull requests, except for
 * runs from forks; those are found by their head repository and branch.
 */
async function workflowRunNumber(
  octokit: GitHubClient,
  context: GitHubContext
): Promise<number | null> {
  const run = context.payload.workflow_run
  if (!isRecord(run)) return null
  const listed = listedPullRequest(run.pull_requests, context.payload.repository)
  if (listed !== null) return listed
  // A push or a schedule has no pull request, even when its branch has one open.
  if (typeof run.event === 'string' && !PULL_REQUEST_EVENTS.has(run.event)) return null
  return findForkPullRequest(octokit, context, run)
}

/** The first listed pull request into this repository. */
function listedPullRequest(pullRequests: unknown, repository: unknown): number | null {
  if (!Array.isArray(pullRequests)) return null
  const repositoryId = isRecord(repository) ? repository.id : undefined
  for (const pullRequest of pullRequests) {
    // GitHub also lists pull requests of other repositories whose head is the same branch.
    const base = isRecord(pullRequest) ? pullRequest.base : undefined
    const baseRepo = isRecord(base) ? base.repo : undefined
    const baseId = isRecord(baseRepo) ? baseRepo.id : undefined
    if (typeof repositoryId === 'number' && typeof baseId === 'number' && baseId !== repositoryId) {
      continue
    }
    const number = numberOf(pullRequest)
    if (number !== null) return number
  }
  return null
}

/** The open pull request whose head is the run's head repository and branch. */
async function findForkPullRequest(
  octokit: GitHubClient,
  context: GitHubContext,
  run: Record<string, unknown>
): Promise<number | null> {
  const branch = run.head_branch
  const headRepo = run.head_repository
  if (typeof branch !== 'string' || branch === '' || !isRecord(headRepo)) return null
  const fullName = headRepo.full_name
  const owner = isRecord(headRepo.owner) ? headRepo.owner.login : undefined
  if (typeof fullName !== 'string' || typeof owner !== 'string') return null

  const { data } = await octokit.rest.pulls.list({
    ...context.repo,
    state: 'open',
    head: `${owner}:${branch}`,
    per_page: 100
  })
  const candidates = data.filter(
    (pull) => pull.head.ref === branch && pull.head.repo?.full_name === fullName
  )
  const sameCommit = candidates.find((pull) => pull.head.sha === run.head_sha)
  return (sameCommit ?? candidates[0])?.number ?? null
}

/**
 * With workflow_run, a pull request number usually comes from an artifact the
 * triggering run wrote, and that run may be a fork's: the number is only
 * accepted for the pull request whose head is the commit the event is about.
 */
async function checkSameHead(
  octokit: GitHubClient,
  context: GitHubContext,
  number: number
): Promise<void> {
  const run = context.payload.workflow_run
  const eventSha = isRecord(run) && typeof run.head_sha === 'string' ? run.head_sha : null
  const { data } = await octokit.rest.pulls.get({ ...context.repo, pull_number: number })
  if (eventSha !== null && data.head.sha === eventSha) return
  const short = (sha: string | null) => (sha === null ? 'unknown' : sha.slice(0, 12))
  throw new ActionError(
    'input',
    `pr-number: pull request #${number} has head commit ${short(data.head.sha)}, not the commit this workflow_run event is about (${short(eventSha)}), so no comment was written. With workflow_run, leave pr-number empty: the action finds the pull request from the event, which a fork cannot choose.`
  )
}

function numberOf(value: unknown): number | null {
  const number = isRecord(value) ? value.number : undefined
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : null
}
