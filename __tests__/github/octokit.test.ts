import { describe, expect, it } from '@jest/globals'
import { describeGitHubError } from '../../src/github/errors.js'
import { FAKE_GITHUB_TOKEN, startFakeGitHub } from '../../test-support/fake-github.js'
import { testOctokit, useFakeGitHub } from '../../test-support/github-fixture.js'

const REPO = { owner: 'CCExtractor', repo: 'ccextractor' }
/** Every test here must end far sooner than a single real one-second wait would. */
const FAST_MS = 900

const github = useFakeGitHub({ login: 'ccx-ci-bot' })

/** Runs `action`, giving what it resolved or rejected with and how long it took. */
async function timed<T>(action: () => Promise<T>) {
  const started = Date.now()
  const outcome = await action().then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error })
  )
  return { ...outcome, ms: Date.now() - started }
}

function setUp() {
  const lines: string[] = []
  github().addPull({ number: 1702, branch: 'fix-dvb-timing' })
  const octokit = testOctokit(github(), lines)
  const listComments = () => octokit.rest.issues.listComments({ ...REPO, issue_number: 1702 })
  return { lines, octokit, listComments }
}

const statuses = () => github().requests.map(({ status }) => status)

describe('createOctokit', () => {
  it('sends the token to the base URL it is given', async () => {
    const { octokit } = setUp()
    const { data } = await octokit.rest.users.getAuthenticated()
    expect(data.login).toBe('ccx-ci-bot')
    expect(github().requests[0]?.authorization).toBe(`token ${FAKE_GITHUB_TOKEN}`)
  })

  it('fills in the route parameters', async () => {
    const { listComments } = setUp()
    await listComments()
    expect(github().requests[0]?.path).toBe('/repos/CCExtractor/ccextractor/issues/1702/comments')
  })

  it('logs every attempt at debug level, without the token', async () => {
    const { lines, listComments } = setUp()
    github().enqueueFault({ status: 500 })
    await listComments()
    expect(lines).toEqual([
      expect.stringMatching(/^debug: GitHub: GET \/repos\/\{owner\}.* -> 500 in \d+ ms$/),
      expect.stringMatching(/^debug: GitHub: GET \/repos\/\{owner\}.* -> 200 in \d+ ms$/)
    ])
    expect(lines.join('\n')).not.toContain(FAKE_GITHUB_TOKEN)
  })
})

describe('server errors', () => {
  it('retries a 500 and succeeds, waiting milliseconds', async () => {
    const { listComments } = setUp()
    github().enqueueFault({ status: 500 })
    const { error, ms } = await timed(listComments)
    expect(error).toBeUndefined()
    expect(statuses()).toEqual([500, 200])
    expect(ms).toBeLessThan(FAST_MS)
  })

  it('gives up on a persistent 502 after 3 retries, with a one-line error', async () => {
    const { listComments } = setUp()
    github().enqueueFault({ status: 502, times: 10 })
    const { error, ms } = await timed(listComments)
    expect(statuses()).toEqual([502, 502, 502, 502])
    expect(describeGitHubError(error)).toBe(
      'The GitHub API answered 502: Bad Gateway - https://docs.github.com/rest'
    )
    // The plugin waits 1, 4 and 9 units: 14 ms here, 14 s on a runner.
    expect(ms).toBeLessThan(FAST_MS)
  })

  it('retries a proxy’s HTML 503 and describes it in one short line', async () => {
    const { listComments } = setUp()
    const page = `<html>\n<body>${'<p>Service Unavailable</p>\n'.repeat(100)}</body></html>`
    github().enqueueFault({ status: 503, body: page, times: 10 })
    const { error } = await timed(listComments)
    const message = describeGitHubError(error)
    expect(message).toMatch(/^The GitHub API answered 503: <html> <body><p>Service Unavailable/)
    expect(message).not.toContain('\n')
    expect(message.length).toBeLessThan(400)
  })

  it('retries when the connection drops', async () => {
    const fake = await startFakeGitHub()
    const lines: string[] = []
    const octokit = testOctokit(fake, lines)
    await fake.close()
    const { error, ms } = await timed(() => octokit.rest.users.getAuthenticated())
    expect(describeGitHubError(error)).toMatch(
      /^Could not reach the GitHub API: connect ECONNREFUSED 127\.0\.0\.1:\d+$/
    )
    expect(lines).toEqual(
      Array(4).fill(expect.stringMatching(/^debug: GitHub: GET \/user -> no answer in \d+ ms$/))
    )
    expect(ms).toBeLessThan(FAST_MS)
  })

  it.each([
    [401, { message: 'Bad credentials' }],
    [404, { message: 'Not Found' }],
    [422, { message: 'Validation Failed' }]
  ])('does not retry a %d', async (status, json) => {
    const { listComments } = setUp()
    github().enqueueFault({ status, json, times: 10 })
    await timed(listComments)
    expect(statuses()).toEqual([status])
  })
})

describe('rate limits', () => {
  const secondary = {
    status: 403,
    headers: { 'retry-after': '2' },
    json: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'
    }
  }
  const primary = (status: number, resetInSeconds: number) => ({
    status,
    headers: {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + resetInSeconds)
    },
    json: { message: 'API rate limit exceeded for installation ID 4242.' }
  })

  it.each([
    ['a secondary rate limit (403, retry-after)', secondary, 'secondary rate limit'],
    ['a primary rate limit (403)', primary(403, 1), 'rate limit'],
    ['a primary rate limit (429)', primary(429, 1), 'rate limit']
  ])('waits out %s and succeeds', async (_name, fault, kind) => {
    const { lines, listComments } = setUp()
    github().enqueueFault(fault)
    const { error, ms } = await timed(listComments)
    expect(error).toBeUndefined()
    expect(statuses()).toEqual([fault.status, 200])
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^info: GitHub ${kind} for GET \\S+comments; retrying in \\d s \\(retry 1 of 2\\)\\.$`
        )
      )
    )
    expect(ms).toBeLessThan(FAST_MS)
  })

  it.each([
    ['a secondary rate limit', secondary],
    ['a primary rate limit', primary(429, 1)]
  ])('gives up on %s after 2 retries', async (_name, fault) => {
    const { lines, listComments } = setUp()
    github().enqueueFault({ ...fault, times: 10 })
    const { error, ms } = await timed(listComments)
    expect(statuses()).toEqual([fault.status, fault.status, fault.status])
    expect(lines.filter((line) => line.startsWith('info:'))).toEqual([
      expect.stringMatching(/retrying in \d s \(retry 1 of 2\)\.$/),
      expect.stringMatching(/retrying in \d s \(retry 2 of 2\)\.$/),
      expect.stringMatching(/giving up after 2 retries\.$/)
    ])
    expect(describeGitHubError(error)).toMatch(/^The GitHub API answered (403|429): .*rate limit/)
    expect(ms).toBeLessThan(FAST_MS)
  })

  it('does not wait for a rate limit that resets in an hour', async () => {
    const { lines, listComments } = setUp()
    github().enqueueFault(primary(403, 3600))
    const { error } = await timed(listComments)
    expect(statuses()).toEqual([403])
    expect(lines).toContainEqual(
      expect.stringMatching(/resets in \d+ s, longer than this action waits\.$/)
    )
    expect(describeGitHubError(error)).toMatch(
      /^The GitHub API answered 403: API rate limit exceeded/
    )
  })
})

describe('pacing writes', () => {
  it('spaces writes by the base unit, not by seconds', async () => {
    const { octokit } = setUp()
    const ids: number[] = []
    for (let n = 0; n < 4; n++) {
      const { data } = await octokit.rest.issues.createComment({
        ...REPO,
        issue_number: 1702,
        body: `${n}`
      })
      ids.push(data.id)
    }
    const { ms } = await timed(async () => {
      for (const id of ids) await octokit.rest.issues.deleteComment({ ...REPO, comment_id: id })
    })
    expect(github().comments).toEqual([])
    expect(ms).toBeLessThan(FAST_MS)
  })
})
