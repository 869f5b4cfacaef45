/**
 * The commits an event is about: the one whose runs to report (a pull
 * request's head, a workflow_run's head, GITHUB_SHA) and, for a pull request,
 * its base, to compare with. The payload is untrusted JSON: a field of the
 * wrong shape means "not known".
 */
import { ActionError } from '../shared/errors.js'
import { isRecord, readGitHubContext, type GitHubContext } from './context.js'
import { describeGitHubError } from './errors.js'
import { createOctokit, type GitHubClient, type GitHubLog } from './octokit.js'
import {
  numberFromEvent,
  numberOf,
  statusPullRequest,
  workflowRunPullRequest
} from './pull-request.js'
import { readStatusEvent } from './status-event.js'

export interface EventCommits {
  /** The commit whose runs to report; null when the event does not say. */
  head: string | null
  /** The pull request's base commit; null without a pull request. */
  base: string | null
  /** owner/name of the repository the pull request goes into, or the workflow's. */
  repository: string | null
  /** Why the base commit could not be read, for a warning; absent when it could. */
  problem?: string
  /**
   * The pull request found for a `status` event's commit while its base was
   * read (null: none is open with that head); absent when not looked up. The
   * comment then need not look again.
   */
  pullRequest?: number | null
}

const SHA = /^[0-9a-f]{40}$/i

/** The runner's event, read: its name and its commits. Octokit is made only if asked. */
export async function readEvent(
  githubToken: string,
  needBase: boolean,
  log: GitHubLog,
  waitUnitMs?: number
): Promise<EventCommits & { name: string }> {
  const context = readGitHubContext()
  const octokit = () =>
    createOctokit({
      token: githubToken,
      baseUrl: context.apiUrl,
      log,
      ...(waitUnitMs === undefined ? {} : { waitUnitMs })
    })
  return {
    name: context.eventName,
    ...(await readEventCommits(context, octokit, needBase, log))
  }
}

/**
 * Reads the event. `octokit` is asked for only when the payload does not hold
 * what is needed: the head of a pull request an `issue_comment` is on, or the
 * base of a `workflow_run`'s pull request when the event lists none whose head
 * is the run's (a fork's), when `needBase`.
 */
export async function readEventCommits(
  context: GitHubContext,
  octokit: () => GitHubClient,
  needBase: boolean,
  log?: GitHubLog
): Promise<EventCommits> {
  const { eventName, payload } = context
  const ownRepository = context.repo.owner ? `${context.repo.owner}/${context.repo.repo}` : null
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    return pullRequestCommits(payload.pull_request, ownRepository)
  }
  if (eventName === 'push') {
    // The commit before the push: what master was, for a push to master.
    const before = sha(payload.before)
    return {
      head: sha(context.sha),
      base: before && !/^0+$/.test(before) ? before : null,
      repository: ownRepository
    }
  }
  if (eventName === 'workflow_run') {
    const run = payload.workflow_run
    const head = isRecord(run) ? sha(run.head_sha) : null
    if (!needBase) return { head, base: null, repository: ownRepository }
    try {
      // The base comes from the pull request whose head is the run's, as the event lists it
      // or as the fork lookup found it: never from one GitHub listed only for its branch name.
      const pullRequest = await workflowRunPullRequest(octokit, context)
      if (pullRequest === null) return { head, base: null, repository: ownRepository }
      return { ...pullRequestCommits(pullRequest, ownRepository), head }
    } catch (error) {
      const problem = `the pull request of the workflow_run event could not be read. ${describeGitHubError(error)}`
      // Without a base, the branch still serves.
      return { head, base: null, repository: ownRepository, problem }
    }
  }
  if (eventName === 'status') {
    // The payload names the commit, not a pull request: the open one whose head it is.
    const head = readStatusEvent(payload)?.sha ?? null
    if (!needBase || head === null) return { head, base: null, repository: ownRepository }
    try {
      const found = await statusPullRequest(octokit, context, log)
      if (found === null) {
        return { head, base: null, repository: ownRepository, pullRequest: null }
      }
      const number = numberOf(found.pull)
      const commits = pullRequestCommits(found.pull, ownRepository)
      return {
        ...commits,
        head,
        // Several pull requests on one commit: none of their bases is the one to compare with.
        base: found.others.length > 0 ? null : commits.base,
        ...(number === null ? {} : { pullRequest: number })
      }
    } catch (error) {
      const problem = `the pull request of commit ${head.slice(0, 12)} could not be read. ${describeGitHubError(error)}`
      return { head, base: null, repository: ownRepository, problem }
    }
  }
  if (eventName === 'issue_comment') {
    try {
      const client = octokit()
      const number = await numberFromEvent(client, context)
      if (number === null) return { head: null, base: null, repository: ownRepository }
      const { data } = await client.rest.pulls.get({ ...context.repo, pull_number: number })
      return pullRequestCommits(data, ownRepository)
    } catch (error) {
      // Without a head there is nothing to report.
      throw new ActionError(
        'input',
        `commit: the pull request of the issue_comment event could not be read. ${describeGitHubError(error)}`
      )
    }
  }
  return { head: sha(context.sha), base: null, repository: ownRepository }
}

function pullRequestCommits(pullRequest: unknown, fallback: string | null): EventCommits {
  if (!isRecord(pullRequest)) return { head: null, base: null, repository: fallback }
  const { head, base } = pullRequest
  const baseRepo = isRecord(base) && isRecord(base.repo) ? base.repo.full_name : undefined
  return {
    head: isRecord(head) ? sha(head.sha) : null,
    base: isRecord(base) ? sha(base.sha) : null,
    repository: typeof baseRepo === 'string' ? baseRepo : fallback
  }
}

function sha(value: unknown): string | null {
  return typeof value === 'string' && SHA.test(value) ? value.toLowerCase() : null
}
