/** One pull request comment per key: finding it by its hidden marker, writing it, cleaning up. */
import { isPassing } from '../platform/result.js'
import { escapeLogText } from '../report/escape.js'
import type { GitHubClient } from './octokit.js'

export interface Repo {
  owner: string
  repo: string
}

/** A comment of ours: written by us and carrying our marker for the key. */
export interface OurComment {
  id: number
  url: string
  body: string
  /** The statuses the comment shows, from its marker. */
  statuses: Record<string, string>
  createdAt: string
}

export type CommentMode = 'update' | 'recreate'
export type CommentPolicy = 'always' | 'failure' | 'change'

export interface WrittenComment {
  action: 'created' | 'updated' | 'recreated'
  id: number
  url: string
}

/** The login comments written with a GITHUB_TOKEN carry. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]'
export const FORK_GUIDE_URL =
  'https://github.com/ccextractor/sample-result-action#pull-requests-from-forks'

// Both fields are base64url, so no text can close the HTML comment (`-->`) or hold `--`.
const MARKER_PREFIX = '<!-- sample-result-action'
const MARKER = /<!-- sample-result-action key=([A-Za-z0-9_-]*) statuses=([A-Za-z0-9_-]+) -->/g
const MAX_SHOWN_ERROR_TEXT = 300

/** The hidden marker that ends our comment: its key and the statuses it shows. */
export function renderMarker(key: string, statuses: Record<string, string>): string {
  return `${MARKER_PREFIX} key=${encode(key)} statuses=${encode(JSON.stringify(statuses))} -->`
}

/** The last well-formed marker in a comment body, or null. */
export function parseMarker(
  body: string
): { key: string; statuses: Record<string, string> } | null {
  const match = [...body.matchAll(MARKER)].at(-1)
  if (match?.[1] === undefined || !match[2]) return null
  const key = decode(match[1])
  const statusText = decode(match[2])
  if (key === null || statusText === null) return null
  const statuses = parseStatuses(statusText)
  return statuses && { key, statuses }
}

/**
 * Our comments for `key` on the pull request, oldest first. "Ours" means written
 * by the token's user (a personal access token) or by github-actions[bot] (the
 * GITHUB_TOKEN, which may not read /user): anyone can paste our marker.
 */
export async function findOurComments(
  octokit: GitHubClient,
  repo: Repo,
  prNumber: number,
  key: string
): Promise<OurComment[]> {
  const login = (await tokenLogin(octokit)).toLowerCase()
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: prNumber,
    per_page: 100
  })
  const ours: OurComment[] = []
  for (const comment of comments) {
    if (comment.user?.login.toLowerCase() !== login) continue
    const marker = parseMarker(comment.body ?? '')
    if (marker?.key !== key) continue
    ours.push({
      id: comment.id,
      url: comment.html_url,
      body: comment.body ?? '',
      statuses: marker.statuses,
      createdAt: comment.created_at
    })
  }
  return ours.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id)
}

export interface WriteOptions {
  octokit: GitHubClient
  repo: Repo
  prNumber: number
  /** The whole comment, marker included. */
  body: string
  mode: CommentMode
  /** From findOurComments: oldest first. */
  existing: OurComment[]
}

/**
 * Writes the comment. update: edits the newest of ours (creates one when there
 * is none); recreate: posts a new one at the bottom, then deletes the old. Either
 * way no older duplicate (left by two runs racing) survives.
 */
export async function writeStickyComment(options: WriteOptions): Promise<WrittenComment> {
  const { octokit, repo, prNumber, body, mode, existing } = options
  const newest = existing.at(-1)
  let written: WrittenComment
  let obsolete: OurComment[]
  if (mode === 'update' && newest) {
    written = (await updateComment(octokit, repo, newest.id, body)) ?? {
      action: 'created',
      ...(await createComment(octokit, repo, prNumber, body))
    }
    obsolete = existing.slice(0, -1)
  } else {
    const created = await createComment(octokit, repo, prNumber, body)
    written = { action: newest ? 'recreated' : 'created', ...created }
    obsolete = existing
  }
  for (const comment of obsolete) await deleteComment(octokit, repo, comment.id)
  return written
}

/**
 * Whether to write the comment this time. always: yes. failure: when the result
 * does not pass, or when it passes and a comment of ours still shows a status
 * that does not (so that comment is brought up to date, once). change: when the statuses differ from those
 * our comment shows; with no comment yet, as failure.
 */
export function decideComment(
  policy: CommentPolicy,
  now: { passing: boolean; statuses: Record<string, string> },
  previous: Record<string, string> | null
): boolean {
  if (policy === 'always') return true
  if (policy === 'change' && previous !== null) return !sameStatuses(previous, now.statuses)
  // Once our comment says everything passes, a green run has nothing to add.
  return !now.passing || (previous !== null && !Object.values(previous).every(isPassing))
}

/**
 * One line for a warning about a failed GitHub API call. A fork's read-only
 * token gets what to do about it; anything else its status and message.
 */
export function describeGitHubError(error: unknown): string {
  // Duck-typed: under Jest's VM modules, Octokit's errors come from another realm.
  const { status, message, response, request } = fieldsOf(error)
  const text = typeof message === 'string' ? message : String(error)
  if (status === 403 && text.includes('Resource not accessible by integration')) {
    const access = fieldsOf(request).method === 'GET' ? 'read' : 'write to'
    return `The github-token cannot ${access} the pull request (403 "Resource not accessible by integration"; a pull request from a fork gets a read-only GITHUB_TOKEN). Add "permissions: pull-requests: write" to the job, or for forks use the workflow_run pattern: see ${FORK_GUIDE_URL}`
  }
  if (typeof status !== 'number') {
    return `The GitHub API request failed: ${shorten(rootCause(error) ?? text)}`
  }
  // Octokit reports a request that got no answer as a 500 without a response.
  if (response === undefined) {
    return `Could not reach the GitHub API: ${shorten(rootCause(error) ?? text)}`
  }
  return `The GitHub API answered ${status}: ${shorten(text)}`
}

/** The author our comments have: the token's user, else the Actions bot. */
async function tokenLogin(octokit: GitHubClient): Promise<string> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    return data.login
  } catch (error) {
    // A GITHUB_TOKEN (an installation token) answers 403; anything else is a real failure.
    if (statusOf(error) === 403 || statusOf(error) === 404) return ACTIONS_BOT_LOGIN
    throw error
  }
}

async function createComment(
  octokit: GitHubClient,
  repo: Repo,
  prNumber: number,
  body: string
): Promise<{ id: number; url: string }> {
  const { data } = await octokit.rest.issues.createComment({
    ...repo,
    issue_number: prNumber,
    body
  })
  return { id: data.id, url: data.html_url }
}

/** Null when the comment is gone (deleted since it was found). */
async function updateComment(
  octokit: GitHubClient,
  repo: Repo,
  id: number,
  body: string
): Promise<WrittenComment | null> {
  try {
    const { data } = await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body })
    return { action: 'updated', id: data.id, url: data.html_url }
  } catch (error) {
    if (statusOf(error) === 404) return null
    throw error
  }
}

/** A comment already gone is as good as deleted. */
async function deleteComment(octokit: GitHubClient, repo: Repo, id: number): Promise<void> {
  try {
    await octokit.rest.issues.deleteComment({ ...repo, comment_id: id })
  } catch (error) {
    if (statusOf(error) !== 404) throw error
  }
}

function statusOf(error: unknown): unknown {
  return fieldsOf(error).status
}

/** The fields of an error (or of its request) that are read here, whatever realm it comes from. */
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
  const line = escapeLogText(text).trim() || 'no message'
  return line.length > MAX_SHOWN_ERROR_TEXT ? `${line.slice(0, MAX_SHOWN_ERROR_TEXT)}…` : line
}

function sameStatuses(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key])
  )
}

function encode(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url')
}

/** Null unless `text` is exactly what encode() makes of some UTF-8 text. */
function decode(text: string): string | null {
  const decoded = Buffer.from(text, 'base64url').toString('utf8')
  return encode(decoded) === text ? decoded : null
}

/** A JSON object of strings, else null. */
function parseStatuses(text: string): Record<string, string> | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null
  const entries = Object.entries(parsed)
  if (!entries.every((entry): entry is [string, string] => typeof entry[1] === 'string')) {
    return null
  }
  // fromEntries defines own properties, so a "__proto__" key stays a plain key.
  return Object.fromEntries(entries)
}
