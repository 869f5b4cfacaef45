import { describe, expect, it } from '@jest/globals'
import {
  findOurComments,
  writeStickyComment,
  type CommentMode
} from '../../src/github/sticky-comment.js'
import { describeGitHubError } from '../../src/github/errors.js'
import { renderFooter } from '../../src/report/comment-state.js'
import type { FakeGitHub } from '../../test-support/fake-github.js'
import { testOctokit, useFakeGitHub } from '../../test-support/github-fixture.js'

const REPO = { owner: 'CCExtractor', repo: 'ccextractor' }
const PR = 1702
const KEY = 'Sample result / result / 42'
const BOT = 'github-actions[bot]'

const JOB = 'https://github.com/CCExtractor/ccextractor/actions/runs/8123456789'

/** A comment body as the caller renders it: text, then the footer that ends with the marker. */
function bodyFor(text: string, statuses: Record<string, string> = { '42': 'fail' }, key = KEY) {
  return `${text}\n${renderFooter(JOB, key, statuses)}`
}

/** "METHOD path" of every request, in order. */
function requestLog(github: FakeGitHub): string[] {
  return github.requests.map(({ method, path }) => `${method} ${path}`)
}

/** Finds our comments, then writes `body` as the action does. */
async function findAndWrite(github: FakeGitHub, body: string, mode: CommentMode = 'update') {
  const octokit = testOctokit(github)
  const existing = await findOurComments(octokit, REPO, PR, KEY)
  return writeStickyComment({ octokit, repo: REPO, prNumber: PR, key: KEY, body, mode, existing })
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
      key: KEY,
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
        key: KEY,
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

describe('faults while writing', () => {
  const github = useFakeGitHub()
  const posts = () => requestLog(github()).filter((line) => line.startsWith('POST'))

  it('does not post twice when GitHub stored the comment but answered 502', async () => {
    github().addPull({ number: PR, branch: 'dvb' })
    github().enqueueFault({
      match: (_path, method) => method === 'POST',
      status: 502,
      afterRoute: true
    })
    const written = await findAndWrite(github(), bodyFor('once'))
    expect(github().comments).toHaveLength(1)
    expect(written).toMatchObject({ action: 'created', id: github().comments[0]?.id })
    expect(posts()).toHaveLength(1)
  })

  it('posts again when the 502 came before GitHub stored anything', async () => {
    github().addPull({ number: PR, branch: 'dvb' })
    github().enqueueFault({ match: (_path, method) => method === 'POST', status: 502 })
    const written = await findAndWrite(github(), bodyFor('twice'))
    expect(github().comments.map((comment) => comment.id)).toEqual([written.id])
    expect(posts()).toHaveLength(2)
  })

  it('never deletes, on recreate, the comment it ends up with', async () => {
    github().addPull({ number: PR, branch: 'dvb' })
    const same = github().addComment({ issue: PR, login: BOT, body: bodyFor('same') })
    github().enqueueFault({ match: (_path, method) => method === 'POST', status: 502, times: 3 })
    const written = await findAndWrite(github(), bodyFor('same'), 'recreate')
    expect(written.id).toBe(same.id)
    expect(github().comments.map((comment) => comment.id)).toEqual([same.id])
  })

  it.each([
    [
      '406 with a text body',
      { status: 406, body: 'Not Acceptable: this media type is not served' },
      '406: Not Acceptable: this media type is not served'
    ],
    [
      '415 with a problem+json body',
      {
        status: 415,
        json: {
          type: 'about:blank',
          title: 'Unsupported Media Type',
          detail: 'Use application/json.'
        },
        contentType: 'application/problem+json'
      },
      '415: Unsupported Media Type: Use application/json.'
    ]
  ])('does not retry a %s, and quotes what GitHub said', async (_name, fault, said) => {
    github().addPull({ number: PR, branch: 'dvb' })
    github().enqueueFault({ ...fault, times: 5 })
    const error = await findAndWrite(github(), bodyFor('x')).catch((caught: unknown) => caught)
    expect(github().requests).toHaveLength(1)
    expect(describeGitHubError(error)).toBe(`The GitHub API answered ${said}`)
  })
})

describe("another workflow's bot comment that quotes our marker", () => {
  const github = useFakeGitHub()

  it('is neither edited nor deleted, and does not stand for ours', async () => {
    github().addPull({ number: PR, branch: 'dvb' })
    // A welcome bot (also github-actions[bot]) quoting a PR title that carries our marker.
    const welcome = github().addComment({
      issue: PR,
      login: BOT,
      body: `Thanks for "${bodyFor('fake', { '42': 'pass' })}"! A maintainer will look soon.`
    })
    const quoted = github().addComment({
      issue: PR,
      login: BOT,
      body: `> quoting\n${bodyFor('old', { '42': 'pass' })}\n\nMore text after it.`
    })
    expect(await findOurComments(testOctokit(github()), REPO, PR, KEY)).toEqual([])
    const written = await findAndWrite(github(), bodyFor('ours'))
    expect(written.action).toBe('created')
    expect(github().comments.map((comment) => comment.id)).toEqual([
      welcome.id,
      quoted.id,
      written.id
    ])
    expect(github().comments[0]?.body).toBe(welcome.body)
  })
})
