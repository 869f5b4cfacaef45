/** The one home of GitHub error wording: what a failed API call means, in one line. */
import { logSnippet } from '../shared/text.js'

export const FORK_GUIDE_URL =
  'https://github.com/ccextractor/sample-result-action#pull-requests-from-forks'

/** What a call was for: the permission a refused token lacks differs. */
export type GitHubTarget = 'pull request' | 'commit statuses'

/**
 * One line for a warning about a failed GitHub API call. A fork's read-only
 * token gets what to do about it; anything else its status and message.
 */
export function describeGitHubError(error: unknown, target: GitHubTarget = 'pull request'): string {
  // Duck-typed: under Jest's VM modules, Octokit's errors come from another realm.
  const { status, message, response, request } = fieldsOf(error)
  const text = typeof message === 'string' ? message : String(error)
  if (status === 403 && text.includes('Resource not accessible by integration')) {
    const access = fieldsOf(request).method === 'GET' ? 'read' : 'write'
    if (target === 'commit statuses') {
      return `The github-token cannot ${access} commit statuses (403 "Resource not accessible by integration"; a pull request from a fork gets a read-only GITHUB_TOKEN). Add "permissions: statuses: write" to the job, or for forks run on the status or workflow_run event: see ${FORK_GUIDE_URL}`
    }
    return `The github-token cannot ${access === 'write' ? 'write to' : access} the pull request (403 "Resource not accessible by integration"; a pull request from a fork gets a read-only GITHUB_TOKEN). Add "permissions: pull-requests: write" to the job, or for forks use the workflow_run pattern: see ${FORK_GUIDE_URL}`
  }
  if (typeof status !== 'number') {
    return `The GitHub API request failed: ${shorten(rootCause(error) ?? text)}`
  }
  // Octokit reports a request that got no answer as a 500 without a response.
  if (response === undefined) {
    return `Could not reach the GitHub API: ${shorten(rootCause(error) ?? text)}`
  }
  // Octokit builds its message from a JSON `message`; for other bodies it says "Unknown error".
  const said = text.startsWith('Unknown error') ? (gitHubMessage(response) ?? text) : text
  return `The GitHub API answered ${status}: ${shorten(said)}`
}

/**
 * GitHub's own words from an error body: the `title` and `detail` of a
 * problem+json body (which Octokit hands over as bytes), or its text.
 */
function gitHubMessage(response: unknown): string | null {
  const { data } = (typeof response === 'object' && response !== null ? response : {}) as {
    data?: unknown
  }
  const text =
    typeof data === 'string'
      ? data
      : data instanceof ArrayBuffer || ArrayBuffer.isView(data)
        ? Buffer.from(data instanceof ArrayBuffer ? data : data.buffer).toString('utf8')
        : null
  let parsed: unknown = data
  if (text !== null) {
    try {
      parsed = JSON.parse(text)
    } catch {
      return text.trim() === '' ? null : text
    }
  }
  if (typeof parsed !== 'object' || parsed === null) return text
  const { title, detail } = parsed as Record<string, unknown>
  const parts = [title, detail].filter(
    (part): part is string => typeof part === 'string' && part !== ''
  )
  return parts.length > 0 ? parts.join(': ') : text
}

/**
 * Whether GitHub refused a call for good: asking again in the same step with
 * the same token is refused again (401; 403 for a permission, not for a rate
 * limit; 404; 422). A rate limit (429, or a 403 saying so or asking to retry
 * later) and a server error may pass on the next call.
 */
export function isLastingRefusal(error: unknown): boolean {
  const { status, message, response } = fieldsOf(error)
  if (status === 401 || status === 404 || status === 422) return true
  if (status !== 403) return false
  const text = typeof message === 'string' ? message : ''
  const headers = (
    typeof response === 'object' && response !== null
      ? (response as { headers?: unknown }).headers
      : undefined
  ) as Record<string, unknown> | undefined
  const limited =
    /rate limit/i.test(text) ||
    headers?.['retry-after'] !== undefined ||
    String(headers?.['x-ratelimit-remaining']) === '0'
  return !limited
}

/** The HTTP status of a failed call, whatever realm its error comes from. */
export function statusOf(error: unknown): unknown {
  return fieldsOf(error).status
}

/** The fields of an error (or of its request) that are read here. */
function fieldsOf(error: unknown): {
  status?: unknown
  message?: unknown
  response?: unknown
  request?: unknown
  method?: unknown
  cause?: unknown
} {
  return typeof error === 'object' && error !== null ? error : {}
}

/** The innermost message ("connect ECONNREFUSED ..."), where fetch's "fetch failed" says little. */
function rootCause(error: unknown): string | undefined {
  let found: string | undefined
  for (let current = error, depth = 0; depth < 5 && current !== undefined; depth++) {
    const { message, cause } = fieldsOf(current)
    if (typeof message === 'string' && message !== '') found = message
    current = cause
  }
  return found
}

/** One line, safe for the log, short enough to read. */
function shorten(text: string): string {
  return logSnippet(text) || 'no message'
}
