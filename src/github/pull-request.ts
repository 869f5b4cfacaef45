import { ActionError } from '../shared/errors.js'
import { isRecord, type GitHubContext } from './context.js'
import type { GitHubClient, GitHubLog } from './octokit.js'
import { readStatusEvent } from './status-event.js'

/** The pull request to comment on. */
export interface PullRequestRef {
  number: number
  /** Its page, built from the server URL rather than taken from the payload. */
  url: string
}

/** Events whose runs belong to a pull request; `workflow_run` and `status` may point at one. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

/**
 * The pull request the run is about: `explicitNumber` when given, else the
 * event's. Null for events that have none (push, schedule, workflow_dispatch).
 * The payload is untrusted JSON: a field of the wrong shape means "none".
 * `log` hears which pull request a `status` event's commit was taken for when
 * several have it (by default, Octokit's debug log).
 */
export async function findPullRequest(
  octokit: GitHubClient,
  context: GitHubContext,
  explicitNumber?: number,
  log?: GitHubLog
): Promise<PullRequestRef | null> {
  if (explicitNumber !== undefined && context.eventName === 'workflow_run') {
    await checkSameHead(octokit, context, explicitNumber)
  }
  const number = explicitNumber ?? (await numberFromEvent(octokit, context, log))
  return number === null ? null : pullRequestRef(context, number)
}

/** Pull request `number` of the workflow's repository, with its page. */
export function pullRequestRef(context: GitHubContext, number: number): PullRequestRef {
  const { serverUrl, repo } = context
  return { number, url: `${serverUrl}/${repo.owner}/${repo.repo}/pull/${number}` }
}

/** The number of the pull request the event is about, without an explicit one. */
export async function numberFromEvent(
  octokit: GitHubClient,
  context: GitHubContext,
  log?: GitHubLog
): Promise<number | null> {
  const { eventName, payload } = context
  if (PULL_REQUEST_EVENTS.has(eventName)) return numberOf(payload.pull_request)
  if (eventName === 'issue_comment') {
    const issue = payload.issue
    return isRecord(issue) && isRecord(issue.pull_request) ? numberOf(issue) : null
  }
  if (eventName === 'workflow_run') {
    return numberOf(await workflowRunPullRequest(() => octokit, context))
  }
  if (eventName === 'status') {
    return numberOf((await statusPullRequest(() => octokit, context, log))?.pull)
  }
  return null
}

/**
 * Pages of open pull requests read for a `status` event's, at 100 a page: 500
 * pull requests, most recently updated first. A push to a pull request updates
 * it, and the Sample Platform tests a commit within hours of the push, so its
 * pull request is near the top; the bound keeps a repository with thousands
 * open from costing a request per hundred on every status posted (four a
 * commit from the Sample Platform alone).
 */
export const STATUS_PULL_PAGES = 5

/** A `status` event's pull request, and the others whose head is the same commit. */
export interface StatusPullRequest {
  pull: Record<string, unknown>
  /** Other open pull requests with the commit as head: then no base is taken from any. */
  others: number[]
}

/**
 * The open pull request whose head is the commit of a `status` event, a
 * fork's too. The payload names no pull request, and GitHub filters pull
 * requests by head branch, not commit: the open ones are listed, most
 * recently updated first, and those whose head is the commit kept. A pull
 * request whose head moved on is not this commit's, whatever its branch is
 * called. Reading stops at the first page with one. Several (anyone may open
 * a pull request from a fork with a public commit as its head): the first
 * opened, the lowest number, which a later one cannot displace; `log` warns.
 */
export async function statusPullRequest(
  octokit: () => GitHubClient,
  context: GitHubContext,
  log?: GitHubLog
): Promise<StatusPullRequest | null> {
  const event = readStatusEvent(context.payload)
  if (event === null) return null
  const client = octokit()
  const pages = client.paginate.iterator(client.rest.pulls.list, {
    ...context.repo,
    state: 'open',
    sort: 'updated',
    direction: 'desc',
    per_page: 100
  })
  const found: { number: number; pull: Record<string, unknown> }[] = []
  let read = 0
  for await (const { data } of pages) {
    for (const pull of data) {
      const number = numberOf(pull)
      if (number !== null && pull.state === 'open' && sameCommit(pull.head.sha, event.sha)) {
        found.push({ number, pull })
      }
    }
    read += 1
    if (found.length > 0 || read >= STATUS_PULL_PAGES) break
  }
  found.sort((a, b) => a.number - b.number)
  const [chosen, ...others] = found
  if (chosen === undefined) return null
  if (others.length > 0) {
    const say = log ? log.warning.bind(log) : client.log.warn.bind(client.log)
    say(
      `Commit ${event.sha.slice(0, 12)} is the head of open pull requests ${found.map(({ number }) => `#${number}`).join(', ')}: the comment goes to #${chosen.number}, the first opened, and baseline-run-id auto compares with baseline-branch, not with the base of either.`
    )
  }
  return { pull: chosen.pull, others: others.map(({ number }) => number) }
}

/**
 * The pull request a `workflow_run` event is about, as the event lists it or
 * the API gives it: untrusted JSON, but its head is the run's head repository
 * and commit. GitHub lists any open pull request whose head branch or commit
 * matches the run's, so a fork that names its branch after another pull
 * request's would otherwise choose that pull request. `octokit` is asked for
 * only when no listed pull request is the run's (always, for a fork's run).
 */
export async function workflowRunPullRequest(
  octokit: () => GitHubClient,
  context: GitHubContext
): Promise<Record<string, unknown> | null> {
  const run = context.payload.workflow_run
  if (!isRecord(run)) return null
  const listed = listedPullRequest(run, context.payload.repository)
  if (listed !== null) return listed
  // A push or a schedule has no pull request, even when its branch has one open.
  if (typeof run.event === 'string' && !PULL_REQUEST_EVENTS.has(run.event)) return null
  return findForkPullRequest(octokit, context, run)
}

/** The first listed pull request into this repository whose head is the run's. */
function listedPullRequest(
  run: Record<string, unknown>,
  repository: unknown
): Record<string, unknown> | null {
  if (!Array.isArray(run.pull_requests)) return null
  for (const pullRequest of run.pull_requests) {
    if (!isRecord(pullRequest) || numberOf(pullRequest) === null) continue
    // GitHub also lists pull requests of other repositories whose head is the same branch.
    const base = pullRequest.base
    if (!isRecord(base) || !sameRepository(base.repo, repository)) continue
    if (hasRunHead(pullRequest, run)) return pullRequest
  }
  return null
}

/**
 * The open pull request whose head is the run's head repository, branch and
 * commit. One whose head moved on since is not this run's.
 */
async function findForkPullRequest(
  octokit: () => GitHubClient,
  context: GitHubContext,
  run: Record<string, unknown>
): Promise<Record<string, unknown> | null> {
  const branch = run.head_branch
  const headRepo = run.head_repository
  if (typeof branch !== 'string' || branch === '' || !isRecord(headRepo)) return null
  const owner = isRecord(headRepo.owner) ? headRepo.owner.login : undefined
  if (typeof owner !== 'string' || !isCommit(run.head_sha)) return null

  const { data } = await octokit().rest.pulls.list({
    ...context.repo,
    state: 'open',
    head: `${owner}:${branch}`,
    per_page: 100
  })
  return data.find((pull) => pull.head.ref === branch && hasRunHead(pull, run)) ?? null
}

/**
 * With workflow_run, a pull request number usually comes from an artifact the
 * triggering run wrote, and that run may be a fork's: the number is only
 * accepted for the pull request whose head is the repository and commit the
 * event is about.
 */
async function checkSameHead(
  octokit: GitHubClient,
  context: GitHubContext,
  number: number
): Promise<void> {
  const run = context.payload.workflow_run
  const eventSha = isRecord(run) && typeof run.head_sha === 'string' ? run.head_sha : null
  const { data } = await octokit.rest.pulls.get({ ...context.repo, pull_number: number })
  const advice =
    'so no comment was written. With workflow_run, leave pr-number empty: the action finds the pull request from the event, which a fork cannot choose.'
  const short = (sha: string | null) => (sha === null ? 'unknown' : sha.slice(0, 12))
  if (eventSha === null || !sameCommit(data.head.sha, eventSha)) {
    throw new ActionError(
      'input',
      `pr-number: pull request #${number} has head commit ${short(data.head.sha)}, not the commit this workflow_run event is about (${short(eventSha)}), ${advice}`
    )
  }
  if (isRecord(run) && hasRunHead(data, run)) return
  const eventRepo = isRecord(run) && isRecord(run.head_repository) ? run.head_repository : {}
  const name = (repo: unknown) =>
    isRecord(repo) && typeof repo.full_name === 'string' ? repo.full_name : 'unknown'
  throw new ActionError(
    'input',
    `pr-number: pull request #${number} has its head in repository ${name(data.head.repo)}, not in the one this workflow_run event's commit comes from (${name(eventRepo)}), ${advice}`
  )
}

/** Whether a pull request's head is the run's: the same repository and the same commit. */
function hasRunHead(pullRequest: unknown, run: Record<string, unknown>): boolean {
  const head = isRecord(pullRequest) ? pullRequest.head : undefined
  return (
    isRecord(head) &&
    sameCommit(head.sha, run.head_sha) &&
    sameRepository(head.repo, run.head_repository)
  )
}

function sameCommit(a: unknown, b: unknown): boolean {
  return isCommit(a) && isCommit(b) && a.toLowerCase() === b.toLowerCase()
}

function isCommit(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{40}$/i.test(value)
}

/**
 * By ID where both say it (the entries of `workflow_run.pull_requests` name
 * their repositories by `id`, `url` and `name` only), else by full name.
 */
function sameRepository(a: unknown, b: unknown): boolean {
  if (!isRecord(a) || !isRecord(b)) return false
  if (isRepositoryId(a.id) && isRepositoryId(b.id)) return a.id === b.id
  const { full_name: nameA } = a
  const { full_name: nameB } = b
  return (
    typeof nameA === 'string' &&
    typeof nameB === 'string' &&
    nameA !== '' &&
    nameA.toLowerCase() === nameB.toLowerCase()
  )
}

function isRepositoryId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}

export function numberOf(value: unknown): number | null {
  const number = isRecord(value) ? value.number : undefined
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : null
}
