import { describe, expect, it } from '@jest/globals'
import {
  findOurComments,
  writeStickyComment,
  type CommentMode
} from '../../src/github/sticky-comment.js'
import { describeGitHubError } from '../../src/github/errors.js'
import { renderMarker } from '../../src/report/comment-state.js'
import type { FakeGitHub } from '../../test-support/fake-github.js'
import { testOctokit, useFakeGitHub } from '../../test-support/github-fixture.js'

const REPO = { owner: 'CCExtractor', repo: 'ccextractor' }
const PR = 1702
const KEY = 'Sample result / result / 42'
const BOT = 'github-actions[bot]'

/** A comment body as the caller renders it: text, then the marker. */
function bodyFor(text: string, statuses: Record<string, string> = { '42': 'fail' }, key = KEY) {
  return `${text}\n\n${renderMarker(key, statuses)}`
}

/** "METHOD path" of every request, in order. */
function requestLog(github: FakeGitHub): string[] {
  return github.requests.map(({ method, path }) => `${method} ${path}`)
}

/** Finds our comments, then writes `body` as the action does. */
async function findAndWrite(github: FakeGitHub, body: string, mode: CommentMode = 'update') {
  const octokit = testOctokit(github)
  const existing = await findOurComments(octokit, REPO, PR, KEY)
  return writeStickyComment({ octokit, repo: REPO, prNumber: PR, body, mode, existing })
}

describe('findOurComments with a GITHUB_TOKEN', () => {
  const github = useFakeGitHub()

  it('pages through all comments and finds ours on page 3', async () => {
    github().addPull({ number: PR, branch: 'fix-dvb-timing' })
    for (let i = 0; i < 230; i++) github().addComment({ issue: PR, body: `comment ${i}` })
    const ours = github().addComment({ issue: PR, login: BOT, body: bodyFor('result') })
    for (let i = 0; i < 19; i++) github().addComment({ issue: PR, body: `later ${i}` })

    const found = await findOurComments(testOctokit(github()), REPO, PR, KEY)

    expect(found).toEqual([
      {
        id: ours.id,
        url: ours.html_url,
        body: ours.body,
        statuses: { '42': 'fail' },
        createdAt: ours.created_at
      }
    ])
    expect(requestLog(github())).toEqual([
      'GET /user',
      'GET /repos/CCExtractor/ccextractor/issues/1702/comments?per_page=100',
      'GET /repos/CCExtractor/ccextractor/issues/1702/comments?per_page=100&page=2',
      'GET /repos/CCExtractor/ccextractor/issues/1702/comments?per_page=100&page=3'
    ])
  })

  it("keeps only the bot's comments with our key, oldest first", async () => {
    github().addPull({ number: PR, branch: 'fix-dvb-timing' })
    const older = github().addComment({ issue: PR, login: BOT, body: bodyFor('first') })
    github().addComment({ issue: PR, login: 'cfsmp3', body: bodyFor('pasted by a person') })
    github().addComment({ issue: PR, login: 'other-app[bot]', body: bodyFor('another bot') })
    github().addComment({ issue: PR, login: BOT, body: bodyFor('another key', {}, 'other') })
    github().addComment({ issue: PR, login: BOT, body: 'no marker' })
    github().addComment({ issue: 1703, login: BOT, body: bodyFor('another pull request') })
    const newer = github().addComment({ issue: PR, login: BOT, body: bodyFor('second') })
    github().addPull({ number: 1703, branch: 'teletext-fix' })

    const found = await findOurComments(testOctokit(github()), REPO, PR, KEY)
    expect(found.map(({ id }) => id)).toEqual([older.id, newer.id])
  })

  it('gives an empty list when the pull request has no comments', async () => {
    github().addPull({ number: PR, branch: 'fix-dvb-timing' })
    expect(await findOurComments(testOctokit(github()), REPO, PR, KEY)).toEqual([])
  })
})

describe('findOurComments with a personal access token', () => {
  const github = useFakeGitHub({ login: 'ccx-ci-bot' })

  it("keeps the token user's comments, not the Actions bot's", async () => {
    github().addPull({ number: PR, branch: 'fix-dvb-timing' })
    github().addComment({ issue: PR, login: BOT, body: bodyFor('by the bot') })
    const ours = github().addComment({
      issue: PR,
      login: 'ccx-ci-bot',
      body: bodyFor('by the user')
    })
    const found = await findOurComments(testOctokit(github()), REPO, PR, KEY)
    expect(found.map(({ id }) => id)).toEqual([ours.id])
  })

  it('fails rather than guess who it is when /user does not answer', async () => {
    github().addPull({ number: PR, branch: 'fix-dvb-timing' })
    github().enqueueFault({ status: 502, times: 10 })
    const error = await findOurComments(testOctokit(github()), REPO, PR, KEY).catch(
      (caught: unknown) => caught
    )
    expect(describeGitHubError(error)).toMatch(/^The GitHub API answered 502/)
    expect(requestLog(github()).every((line) => line === 'GET /user')).toBe(true)
  })
})

describe('writeStickyComment', () => {
  const github = useFakeGitHub()
  const seedPull = () => github().addPull({ number: PR, branch: 'fix-dvb-timing' })

  it('creates the comment when there is none', async () => {
    seedPull()
    const written = await findAndWrite(github(), bodyFor('created'))
    const [comment] = github().comments
    expect(github().comments).toHaveLength(1)
    expect(written).toEqual({ action: 'created', id: comment?.id, url: comment?.html_url })
    expect(comment).toMatchObject({ body: bodyFor('created'), user: { login: BOT, type: 'Bot' } })
  })

  it('updates the comment in place on a re-run', async () => {
    seedPull()
    const first = await findAndWrite(github(), bodyFor('run 1', { '42': 'fail' }))
    const second = await findAndWrite(github(), bodyFor('run 2', { '42': 'pass' }))
    expect(second).toEqual({ action: 'updated', id: first.id, url: first.url })
    expect(github().comments.map(({ body }) => body)).toEqual([bodyFor('run 2', { '42': 'pass' })])
    expect(requestLog(github()).filter((line) => !line.startsWith('GET'))).toEqual([
      'POST /repos/CCExtractor/ccextractor/issues/1702/comments',
      `PATCH /repos/CCExtractor/ccextractor/issues/comments/${first.id}`
    ])
  })

  it('recreates the comment at the bottom and deletes the old one', async () => {
    seedPull()
    const first = await findAndWrite(github(), bodyFor('run 1'), 'recreate')
    github().addComment({ issue: PR, login: 'cfsmp3', body: 'Thanks, looking into it.' })
    const second = await findAndWrite(github(), bodyFor('run 2'), 'recreate')

    expect(first.action).toBe('created')
    expect(second.action).toBe('recreated')
    expect(second.id).not.toBe(first.id)
    expect(
      github()
        .comments.map(({ id }) => id)
        .at(-1)
    ).toBe(second.id)
    expect(github().comments.find(({ id }) => id === first.id)).toBeUndefined()
    expect(requestLog(github()).slice(-2)).toEqual([
      'POST /repos/CCExtractor/ccextractor/issues/1702/comments',
      `DELETE /repos/CCExtractor/ccextractor/issues/comments/${first.id}`
    ])
  })

  it('updates the newest of duplicates and deletes the rest', async () => {
    seedPull()
    const [a, b, c] = [1, 2, 3].map((n) =>
      github().addComment({ issue: PR, login: BOT, body: bodyFor(`race ${n}`) })
    )
    if (!a || !b || !c) throw new Error('three comments were seeded')
    const written = await findAndWrite(github(), bodyFor('current'))

    expect(written).toMatchObject({ action: 'updated', id: c.id })
    expect(github().comments.map(({ id, body }) => [id, body])).toEqual([
      [c.id, bodyFor('current')]
    ])
    expect(requestLog(github()).filter((line) => !line.startsWith('GET'))).toEqual([
      `PATCH /repos/CCExtractor/ccextractor/issues/comments/${c.id}`,
      `DELETE /repos/CCExtractor/ccextractor/issues/comments/${a.id}`,
      `DELETE /repos/CCExtractor/ccextractor/issues/comments/${b.id}`
    ])
  })

  it('recreates once and deletes every duplicate', async () => {
    seedPull()
    for (const n of [1, 2])
      github().addComment({ issue: PR, login: BOT, body: bodyFor(`race ${n}`) })
    const written = await findAndWrite(github(), bodyFor('current'), 'recreate')
    expect(written.action).toBe('recreated')
    expect(github().comments.map(({ id }) => id)).toEqual([written.id])
  })

  it.each<[CommentMode]>([['update'], ['recreate']])(
    "never edits or deletes another user's comment with our marker (%s)",
    async (mode) => {
      seedPull()
      const theirs = github().addComment({ issue: PR, login: 'cfsmp3', body: bodyFor('pasted') })
      await findAndWrite(github(), bodyFor('run 1'), mode)
      await findAndWrite(github(), bodyFor('run 2'), mode)

      expect(github().comments[0]).toEqual(theirs)
      const touched = github().requests.filter(
        ({ method, path }) => method !== 'GET' && path.endsWith(`/${theirs.id}`)
      )
      expect(touched).toEqual([])
      expect(github().comments).toHaveLength(2)
    }
  )

  it('creates a new comment when ours was deleted since it was found', async () => {
    seedPull()
    github().addComment({ issue: PR, login: BOT, body: bodyFor('old') })
    const octokit = testOctokit(github())
    const existing = await findOurComments(octokit, REPO, PR, KEY)
    github().comments.length = 0
    const written = await writeStickyComment({
      octokit,
      repo: REPO,
      prNumber: PR,
      body: bodyFor('new'),
      mode: 'update',
      existing
    })
    expect(written.action).toBe('created')
    expect(github().comments.map(({ id }) => id)).toEqual([written.id])
  })

  it('takes a duplicate that is already gone as deleted', async () => {
    seedPull()
    for (const n of [1, 2])
      github().addComment({ issue: PR, login: BOT, body: bodyFor(`race ${n}`) })
    const octokit = testOctokit(github())
    const existing = await findOurComments(octokit, REPO, PR, KEY)
    github().comments.shift()
    await expect(
      writeStickyComment({
        octokit,
        repo: REPO,
        prNumber: PR,
        body: bodyFor('x'),
        mode: 'update',
        existing
      })
    ).resolves.toMatchObject({ action: 'updated' })
  })

  it('refuses a body longer than GitHub takes, in one line', async () => {
    seedPull()
    const error = await findAndWrite(github(), 'x'.repeat(65_537)).catch(
      (caught: unknown) => caught
    )
    expect(describeGitHubError(error)).toBe(
      'The GitHub API answered 422: Validation Failed: {"resource":"IssueComment","code":"custom","field":"body","message":"body is too long (maximum is 65536 characters)"} - https://docs.github.com/rest/issues/comments#create-an-issue-comment'
    )
  })

  it('sends a body of exactly 65,536 characters', async () => {
    seedPull()
    const body = bodyFor('').padStart(65_536, 'x')
    await expect(findAndWrite(github(), body)).resolves.toMatchObject({ action: 'created' })
  })
})

describe('a pull request from a fork (read-only token)', () => {
  const github = useFakeGitHub({ forkMode: true })

  it('finds comments, then fails to write with guidance', async () => {
    github().addPull({
      number: PR,
      branch: 'teletext-fix',
      headRepository: 'ramya-dev/ccextractor'
    })
    const error = await findAndWrite(github(), bodyFor('x')).catch((caught: unknown) => caught)
    const message = describeGitHubError(error)
    expect(message).toBe(
      'The github-token cannot write to the pull request (403 "Resource not accessible by integration"; a pull request from a fork gets a read-only GITHUB_TOKEN). Add "permissions: pull-requests: write" to the job, or for forks use the workflow_run pattern: see https://github.com/ccextractor/sample-result-action#pull-requests-from-forks'
    )
    // A 403 is not retried.
    expect(requestLog(github()).filter((line) => line.startsWith('POST'))).toHaveLength(1)
  })
})
