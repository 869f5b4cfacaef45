import { describe, expect, it } from '@jest/globals'
import {
  FAKE_GITHUB_TOKEN,
  MAX_COMMENT_LENGTH,
  startFakeGitHub,
  type FakeGitHub
} from '../../test-support/fake-github.js'
import { useFakeGitHub } from '../../test-support/github-fixture.js'

/** The fake is checked with plain fetch, so its answers are known apart from Octokit. */
async function call(github: FakeGitHub, method: string, path: string, body?: unknown) {
  const response = await fetch(`${github.url}${path}`, {
    method,
    headers: { Authorization: `token ${FAKE_GITHUB_TOKEN}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    json: text ? JSON.parse(text) : null
  }
}

const COMMENTS = '/repos/CCExtractor/ccextractor/issues/1702/comments'

describe('the fake GitHub', () => {
  const github = useFakeGitHub({ pageSize: 100 })

  it('pages comments with a Link header as GitHub does', async () => {
    github().addPull({ number: 1702, branch: 'fix-dvb-timing' })
    for (let i = 0; i < 250; i++) github().addComment({ issue: 1702, body: `#${i}` })
    const base = `${github().url}${COMMENTS}`

    const first = await call(github(), 'GET', `${COMMENTS}?per_page=100`)
    expect(first.json).toHaveLength(100)
    expect(first.headers.get('link')).toBe(
      `<${base}?per_page=100&page=2>; rel="next", <${base}?per_page=100&page=3>; rel="last"`
    )
    const last = await call(github(), 'GET', `${COMMENTS}?per_page=100&page=3`)
    expect(last.json.map((comment: { body: string }) => comment.body)).toEqual(
      Array.from({ length: 50 }, (_, i) => `#${i + 200}`)
    )
    expect(last.headers.get('link')).toBe(
      `<${base}?per_page=100&page=2>; rel="prev", <${base}?per_page=100&page=1>; rel="first"`
    )
  })

  it('caps per_page and defaults it to 30', async () => {
    github().addPull({ number: 1702, branch: 'fix-dvb-timing' })
    for (let i = 0; i < 150; i++) github().addComment({ issue: 1702, body: `#${i}` })
    expect((await call(github(), 'GET', `${COMMENTS}?per_page=500`)).json).toHaveLength(100)
    expect((await call(github(), 'GET', COMMENTS)).json).toHaveLength(30)
  })

  it('answers 401 without the token', async () => {
    const response = await fetch(`${github().url}/user`, {
      headers: { Authorization: 'token ghp_wrong' }
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ message: 'Bad credentials' })
  })

  it('answers /user with 403 for a GITHUB_TOKEN', async () => {
    expect(await call(github(), 'GET', '/user')).toMatchObject({
      status: 403,
      json: { message: 'Resource not accessible by integration' }
    })
  })

  it('writes, edits and deletes comments as the bot', async () => {
    github().addPull({ number: 1702, branch: 'fix-dvb-timing' })
    const created = await call(github(), 'POST', COMMENTS, { body: 'hello' })
    expect(created).toMatchObject({
      status: 201,
      json: {
        body: 'hello',
        user: { login: 'github-actions[bot]', type: 'Bot' },
        html_url: expect.stringMatching(
          /^https:\/\/github\.com\/CCExtractor\/ccextractor\/pull\/1702#issuecomment-\d+$/
        ),
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      }
    })
    const path = `/repos/CCExtractor/ccextractor/issues/comments/${created.json.id}`
    expect(await call(github(), 'PATCH', path, { body: 'edited' })).toMatchObject({
      status: 200,
      json: { body: 'edited' }
    })
    expect((await call(github(), 'DELETE', path)).status).toBe(204)
    expect((await call(github(), 'DELETE', path)).status).toBe(404)
    expect((await call(github(), 'PATCH', path, { body: 'x' })).status).toBe(404)
  })

  it('refuses a body over 65,536 characters with 422', async () => {
    github().addPull({ number: 1702, branch: 'fix-dvb-timing' })
    const tooLong = await call(github(), 'POST', COMMENTS, {
      body: 'x'.repeat(MAX_COMMENT_LENGTH + 1)
    })
    expect(tooLong).toMatchObject({
      status: 422,
      json: { message: 'Validation Failed', errors: [{ field: 'body', code: 'custom' }] }
    })
    // Characters, not UTF-16 units: 65,536 emoji fit.
    expect(
      (await call(github(), 'POST', COMMENTS, { body: '✅'.repeat(MAX_COMMENT_LENGTH) })).status
    ).toBe(201)
    expect((await call(github(), 'POST', COMMENTS, {})).status).toBe(422)
  })

  it('answers 404 for comments on an unknown pull request', async () => {
    expect((await call(github(), 'GET', COMMENTS)).status).toBe(404)
  })

  it('filters open pull requests by head owner and branch', async () => {
    github().addPull({
      number: 1703,
      branch: 'teletext-fix',
      headRepository: 'ramya-dev/ccextractor'
    })
    github().addPull({ number: 1690, branch: 'teletext-fix' })
    github().addPull({
      number: 1650,
      branch: 'teletext-fix',
      headRepository: 'ramya-dev/ccextractor',
      state: 'closed'
    })
    const numbers = async (query: string) =>
      (await call(github(), 'GET', `/repos/CCExtractor/ccextractor/pulls?${query}`)).json.map(
        (pull: { number: number }) => pull.number
      )
    expect(await numbers('head=ramya-dev:teletext-fix')).toEqual([1703])
    expect(await numbers('state=all&head=ramya-dev:teletext-fix')).toEqual([1650, 1703])
    expect(await numbers('state=open')).toEqual([1690, 1703])
  })

  it('answers a queued fault, then serves normally', async () => {
    github().enqueueFault({
      status: 502,
      match: (path, method) => method === 'GET' && path === '/user'
    })
    expect((await call(github(), 'GET', '/user')).status).toBe(502)
    expect((await call(github(), 'GET', '/user')).status).toBe(403)
  })
})

describe('the fake GitHub with a personal access token, in fork mode', () => {
  it('names the user, lets it read and refuses every write', async () => {
    const github = await startFakeGitHub({ login: 'ccx-ci-bot', forkMode: true })
    try {
      github.addPull({ number: 1702, branch: 'fix-dvb-timing' })
      const seeded = github.addComment({ issue: 1702, login: 'ccx-ci-bot', body: 'old' })
      expect((await call(github, 'GET', '/user')).json).toMatchObject({ login: 'ccx-ci-bot' })
      expect((await call(github, 'GET', COMMENTS)).status).toBe(200)
      const path = `/repos/CCExtractor/ccextractor/issues/comments/${seeded.id}`
      for (const [method, target] of [
        ['POST', COMMENTS],
        ['PATCH', path],
        ['DELETE', path]
      ] as const) {
        expect(await call(github, method, target, { body: 'x' })).toMatchObject({
          status: 403,
          json: { message: 'Resource not accessible by integration' }
        })
      }
      expect(github.comments).toEqual([seeded])
    } finally {
      await github.close()
    }
  })
})
