/**
 * One pull request comment per key, through the GitHub API: finding ours by its
 * hidden marker, writing it, cleaning up duplicates. What the marker holds and
 * whether to write are decided in report/comment-state.ts.
 */
import { parseMarker, type CommentStatuses } from '../report/comment-state.js'
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
