/**
 * The `status` event: a commit status was posted (the Sample Platform's
 * `CI - linux` and `CI - windows`, anyone else's, or ours). Pure: it reads
 * the payload and says whether there is anything to report, so that the step
 * can decide before it loads the GitHub client.
 */
import { logSnippet } from '../shared/text.js'
import { isRecord } from './context.js'

/** What a commit status can say, in GitHub's words. */
export const COMMIT_STATES = ['pending', 'success', 'failure', 'error'] as const
export type CommitState = (typeof COMMIT_STATES)[number]

export function isCommitState(value: unknown): value is CommitState {
  return typeof value === 'string' && (COMMIT_STATES as readonly string[]).includes(value)
}

/** The commit status a `status` event is about. */
export interface StatusEvent {
  /** The commit, 40 lowercase hex digits. */
  sha: string
  /** Who posted it: `CI - linux`, `CI - windows`, ... */
  context: string
  state: CommitState
}

/**
 * The status of a `status` event payload (untrusted JSON), or null when the
 * payload lacks a full commit SHA, a context or a known state.
 */
export function readStatusEvent(payload: unknown): StatusEvent | null {
  if (!isRecord(payload)) return null
  const { sha, context, state } = payload
  if (typeof sha !== 'string' || !/^[0-9a-f]{40}$/i.test(sha)) return null
  if (typeof context !== 'string' || context.trim() === '' || !isCommitState(state)) return null
  return { sha: sha.toLowerCase(), context, state }
}

/**
 * Why a status event needs no report, as a line for the log, or null when it
 * does. Our own status (`ownContext`) would only answer itself: a loop with a
 * token whose statuses start workflows. A pending one has no verdict yet.
 * With `watchedContexts` (e.g. `CI - linux`, `CI - windows`), a status of any
 * other system is not ours to report either. Contexts compare as GitHub
 * compares them: without regard to case.
 */
export function statusEventSkipReason(
  event: StatusEvent | null,
  ownContext: string,
  watchedContexts?: readonly string[]
): string | null {
  if (event === null) {
    return 'The status event names no commit, context and state: nothing to report.'
  }
  const what = `The status "${logSnippet(event.context, 100)}" (${event.state}) of commit ${event.sha.slice(0, 12)}`
  if (sameContext(event.context, ownContext))
    return `${what} is this action's own: nothing to report.`
  if (
    watchedContexts !== undefined &&
    !watchedContexts.some((context) => sameContext(event.context, context))
  ) {
    return `${what} is not one of ${watchedContexts.map((context) => `"${context}"`).join(', ')}: nothing to report.`
  }
  if (event.state === 'pending') return `${what} is pending: nothing to report yet.`
  return null
}

function sameContext(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase()
}
