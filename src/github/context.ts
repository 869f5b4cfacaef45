import { readFileSync } from 'node:fs'

/**
 * The workflow run as the runner describes it, read when asked rather than at
 * import (as @actions/github's `context` is), so tests can set the environment
 * per case.
 */
export interface GitHubContext {
  /** GITHUB_EVENT_NAME: `pull_request`, `workflow_run`, `push`, ... ('' when unset). */
  eventName: string
  /** The webhook payload: untrusted JSON, `{}` when there is none or it cannot be read. */
  payload: Record<string, unknown>
  /** The repository the workflow runs in ('' parts when it cannot be told). */
  repo: { owner: string; repo: string }
  /** Web origin, without a trailing slash. */
  serverUrl: string
  /** REST API base URL, without a trailing slash. */
  apiUrl: string
  /** 0 when unknown. */
  runId: number
  /** 1 when unknown. */
  runAttempt: number
  workflow: string
  job: string
  /** GITHUB_SHA: the commit the workflow runs on ('' when unset). */
  sha: string
}

const DEFAULT_SERVER_URL = 'https://github.com'
const DEFAULT_API_URL = 'https://api.github.com'

/** Reads the runner's `GITHUB_*` variables and the event payload file. */
export function readGitHubContext(env: NodeJS.ProcessEnv = process.env): GitHubContext {
  const payload = readPayload(env.GITHUB_EVENT_PATH)
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload,
    repo: readRepo(env.GITHUB_REPOSITORY, payload),
    serverUrl: withoutTrailingSlash(env.GITHUB_SERVER_URL || DEFAULT_SERVER_URL),
    apiUrl: withoutTrailingSlash(env.GITHUB_API_URL || DEFAULT_API_URL),
    runId: positiveInteger(env.GITHUB_RUN_ID) ?? 0,
    runAttempt: positiveInteger(env.GITHUB_RUN_ATTEMPT) ?? 1,
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    sha: env.GITHUB_SHA ?? ''
  }
}

/** The run's page, where its log and job summaries are; a re-run links its own attempt. */
export function jobLogUrl(context: GitHubContext): string {
  const { serverUrl, repo, runId, runAttempt } = context
  const run = `${serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${runId}`
  return runAttempt > 1 ? `${run}/attempts/${runAttempt}` : run
}

/** A missing or broken event file means "no event details", not a failed step. */
function readPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return {}
  }
  return isRecord(parsed) ? parsed : {}
}

/** GITHUB_REPOSITORY first; the payload's repository when run outside a runner. */
function readRepo(
  variable: string | undefined,
  payload: Record<string, unknown>
): { owner: string; repo: string } {
  const [owner = '', repo = ''] = (variable ?? '').split('/')
  if (owner && repo) return { owner, repo }
  const repository = payload.repository
  if (isRecord(repository) && isRecord(repository.owner)) {
    const { login } = repository.owner
    const { name } = repository
    if (typeof login === 'string' && typeof name === 'string') return { owner: login, repo: name }
  }
  return { owner: '', repo: '' }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function positiveInteger(text: string | undefined): number | null {
  const value = /^\d{1,15}$/.test(text ?? '') ? Number(text) : 0
  return value >= 1 ? value : null
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '')
}
