/**
 * One pull request comment per key, through the GitHub API: finding ours by its
 * hidden marker, writing it, cleaning up duplicates. What the marker holds and
 * whether to write are decided in report/comment-state.ts.
 */
import { readCommentState, type CommentStatuses } from '../report/comment-state.js'
import { statusOf } from './errors.js'
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
  statuses: CommentStatuses
  createdAt: string
}

export type CommentMode = 'update' | 'recreate'

export interface WrittenComment {
  action: 'created' | 'updated' | 'recreated'
  id: number
  url: string
}

/** The login comments written with a GITHUB_TOKEN carry. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]'

/**
 * Our comments for `key` on the pull request, oldest first. "Ours" means written
 * by the token's user (a personal access token) or by github-actions[bot] (the
 * GITHUB_TOKEN, which may not read /user), and ending with our footer and
 * marker: anyone can paste our marker, and every workflow that uses a
 * GITHUB_TOKEN writes as github-actions[bot].
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
    const marker = readCommentState(comment.body ?? '')
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
  /** The comment's key: a create that may have landed is looked for by it. */
  key: string
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
  const { octokit, repo, existing } = options
  const newest = existing.at(-1)
  let written: WrittenComment
  if (options.mode === 'update' && newest) {
    written = (await updateComment(octokit, repo, newest.id, options.body)) ?? {
      action: 'created',
      ...(await createComment(options))
    }
  } else {
    written = { action: newest ? 'recreated' : 'created', ...(await createComment(options)) }
  }
  // Never the comment just written: a create that landed on a retry may be one we found.
  for (const comment of existing)
    if (comment.id !== written.id) await deleteComment(octokit, repo, comment.id)
  return written
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

/** Attempts at creating a comment, when an attempt may have landed without an answer. */
const CREATE_ATTEMPTS = 3

/**
 * Posts the comment. A POST is not repeated blindly: GitHub may have stored it
 * and failed to answer (a 502 from its proxy), so before each new attempt the
 * comment is looked for among ours.
 */
async function createComment(options: WriteOptions): Promise<{ id: number; url: string }> {
  const { octokit, repo, prNumber, key, body } = options
  for (let attempt = 1; ; attempt++) {
    try {
      const { data } = await octokit.rest.issues.createComment({
        ...repo,
        issue_number: prNumber,
        body,
        request: { retries: 0 }
      })
      return { id: data.id, url: data.html_url }
    } catch (error) {
      if (!mayHaveLanded(error) || attempt >= CREATE_ATTEMPTS) throw error
      const landed = (await findOurComments(octokit, repo, prNumber, key)).find(
        (comment) => comment.body === body
      )
      if (landed) return { id: landed.id, url: landed.url }
    }
  }
}

/** A 5xx or no answer: the request may have been carried out all the same. */
function mayHaveLanded(error: unknown): boolean {
  const status = statusOf(error)
  return typeof status !== 'number' || status >= 500
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
