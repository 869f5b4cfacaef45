/**
 * Our commit status for main: whether a `status` event leaves anything to
 * report, and the statuses of one step on the reported commit (pending while
 * it waits, then the verdict). The GitHub client loads at the first post.
 */
import { stepLog } from './effects/runner-files.js'
import { jobLogUrl, readGitHubContext } from './github/context.js'
import type { CommitStatusUpdate, StatusPoster } from './github/commit-status.js'
import { readStatusEvent, statusEventSkipReason } from './github/status-event.js'
import { PLATFORM_STATUS_CONTEXTS, type Config } from './inputs.js'
import type { VerdictState } from './report/verdict.js'

/**
 * Why this step has nothing to do, for one info line, or null when it has.
 * Only a `status` event can say so: our own status, a pending one, or one
 * that is not the Sample Platform's (`CI - linux`, `CI - windows`). Read
 * before anything asks the Sample Platform.
 */
export function statusEventSkip(
  config: Config,
  env: NodeJS.ProcessEnv = process.env
): string | null {
  if (env.GITHUB_EVENT_NAME !== 'status') return null
  const event = readStatusEvent(readGitHubContext(env).payload)
  return statusEventSkipReason(event, config.commitStatus.context, PLATFORM_STATUS_CONTEXTS)
}

/** The step's commit statuses; see createCommitStatusReporter. */
export interface CommitStatusReporter {
  /** The reported commit, once known; the first one told is the one posted on. */
  commit(sha: string): void
  /** `pending`, saying what the step waits for: posted in the background, once per change. */
  waiting(what: string): void
  /** The verdict's state; waits for every post. Never throws; only the first call posts. */
  finish(state: VerdictState, description: string): Promise<void>
}

/**
 * Null when commit-status is off. Statuses link to this job's page. Before
 * the commit is known nothing is posted; the last `pending` is posted when it
 * becomes known. A refusal (403 without `statuses: write`) is one warning and
 * never changes the step's result.
 */
export function createCommitStatusReporter(
  config: Config,
  waitUnitMs?: number,
  env: NodeJS.ProcessEnv = process.env
): CommitStatusReporter | null {
  if (!config.commitStatus.enabled) return null
  const context = readGitHubContext(env)
  const targetUrl = context.runId > 0 && context.repo.owner ? jobLogUrl(context) : null
  const name = config.commitStatus.context
  let poster: Promise<StatusPoster> | null = null
  let sha: string | null = null
  let waitingFor: string | null = null
  const posts: Promise<void>[] = []
  const warned = new Set<string>()
  let finished = false

  const post = (update: Omit<CommitStatusUpdate, 'targetUrl'>) => {
    if (poster === null) return
    const commit = sha ?? ''
    const done = poster
      .then((open) => open.post({ ...update, targetUrl }))
      .then((outcome) => {
        if (outcome.action === 'posted') {
          stepLog.info(`Commit status "${name}" on ${commit.slice(0, 12)}: ${update.state}.`)
        } else if (outcome.action === 'failed' && !warned.has(outcome.warning)) {
          warned.add(outcome.warning)
          stepLog.warning(outcome.warning)
        }
      })
      .catch((error: unknown) => {
        stepLog.warning(`Could not post the commit status "${name}": ${String(error)}`)
      })
    posts.push(done)
  }

  return {
    commit(value) {
      if (sha !== null) return
      sha = value
      poster = import('./github/on-demand.js').then(({ openStatusPoster }) =>
        openStatusPoster({
          githubToken: config.comment.githubToken,
          sha: value,
          context: name,
          log: stepLog,
          env,
          ...(waitUnitMs === undefined ? {} : { waitUnitMs })
        })
      )
      if (waitingFor !== null) post({ state: 'pending', description: waitingFor })
    },
    waiting(what) {
      if (finished) return
      waitingFor = what
      post({ state: 'pending', description: what })
    },
    async finish(state, description) {
      if (finished) return
      finished = true
      if (poster === null) {
        stepLog.warning(
          `commit-status: no commit was found to post "${name}" (${state}) on; nothing was posted.`
        )
        return
      }
      post({ state, description })
      await Promise.all(posts)
    }
  }
}
