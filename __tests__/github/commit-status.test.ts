/**
 * Our commit status and a `status` event's pull request, against the fake
 * GitHub; the requests checked against GitHub's own OpenAPI description.
 */
import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import {
  createStatusPoster,
  MAX_STATUS_DESCRIPTION,
  statusDescription
} from '../../src/github/commit-status.js'
import { readGitHubContext, type GitHubContext } from '../../src/github/context.js'
import { STATUS_PULL_PAGES, statusPullRequest } from '../../src/github/pull-request.js'
import { readStatusEvent, statusEventSkipReason } from '../../src/github/status-event.js'
import { NOT_ACCESSIBLE, type FakeGitHub } from '../../test-support/fake-github.js'
import { testOctokit, useFakeGitHub } from '../../test-support/github-fixture.js'

const github = useFakeGitHub()
const REPO = { owner: 'CCExtractor', repo: 'ccextractor' }
const SHA = '7e1d2c3b4a5f60718293a4b5c6d7e8f9a0b1c2d3'
const EVENTS = join(import.meta.dirname, '../../__fixtures__/events')

function statusContext(): GitHubContext {
  return readGitHubContext({
    GITHUB_EVENT_NAME: 'status',
    GITHUB_EVENT_PATH: join(EVENTS, 'status.json'),
    GITHUB_REPOSITORY: 'CCExtractor/ccextractor',
    GITHUB_API_URL: github().url
  })
}

const poster = (lines: string[] = []) =>
  createStatusPoster(() => testOctokit(github(), lines), REPO, SHA, 'Sample Platform results')

describe('statusDescription', () => {
  it('is one line of at most 140 characters, never half an emoji', () => {
    const long = `linux: 2 regressions\n\u202e· ${'🔻'.repeat(200)}`
    const cut = statusDescription(long)
    expect([...cut].length).toBeLessThanOrEqual(MAX_STATUS_DESCRIPTION)
    expect(cut.length).toBeLessThanOrEqual(MAX_STATUS_DESCRIPTION)
    expect(cut).toMatch(/^linux: 2 regressions · 🔻+…$/u)
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/)
    expect(statusDescription('linux: all 230 results pass')).toBe('linux: all 230 results pass')
  })

  it('GitHub takes what it makes of any text', async () => {
    const texts = ['a'.repeat(1000), `${'é'.repeat(139)}🔻🔻`, '\u0000\u0007x\ty\r\nz']
    const posted = []
    for (const text of texts) {
      posted.push(await poster().post({ state: 'pending', description: text }))
    }
    expect(posted.map((outcome) => outcome.action)).toEqual(['posted', 'posted', 'posted'])
    expect(github().statuses.map((status) => status.description)).toEqual([
      `${'a'.repeat(139)}…`,
      `${'é'.repeat(139)}…`,
      'x y z'
    ])
  })
})

describe('createStatusPoster', () => {
  it('posts a status once per change, in the order asked', async () => {
    const post = poster()
    const outcomes = await Promise.all([
      post.post({ state: 'pending', description: 'waiting for windows run 9501 (queued)' }),
      post.post({ state: 'pending', description: 'waiting for windows run 9501 (queued)' }),
      post.post({ state: 'pending', description: 'waiting for windows run 9501 (running)' }),
      post.post({ state: 'success', description: 'windows: all 230 results pass' })
    ])
    expect(outcomes.map((outcome) => outcome.action)).toEqual([
      'posted',
      'skipped',
      'posted',
      'posted'
    ])
    expect(github().statuses.map((status) => status.state)).toEqual([
      'pending',
      'pending',
      'success'
    ])
  })

  it('after a 403, asks no more: one warning, not one per change', async () => {
    github().enqueueFault({
      status: 403,
      json: { message: NOT_ACCESSIBLE, documentation_url: 'https://docs.github.com/rest' }
    })
    const post = poster()
    const first = await post.post({ state: 'pending', description: 'waiting' })
    const second = await post.post({ state: 'failure', description: 'linux: 1 regression' })
    expect(first).toMatchObject({ action: 'failed', refused: true })
    expect(first.action === 'failed' && first.warning).toContain(
      'Add "permissions: statuses: write" to the job'
    )
    expect(second).toEqual({ action: 'skipped', reason: 'refused' })
    expect(github().requests).toHaveLength(1)
  })

  it('a server error is a warning that does not stop the next change', async () => {
    github().enqueueFault({ status: 500, times: 10 })
    const post = poster()
    const first = await post.post({ state: 'pending', description: 'waiting' })
    expect(first).toMatchObject({ action: 'failed', refused: false })
    github().reset()
    const second = await post.post({ state: 'success', description: 'linux: all pass' })
    expect(second.action).toBe('posted')
  })
})

describe("a status event's pull request", () => {
  it('reads at most 5 pages of open pull requests, and stops at the first page with one', async () => {
    for (let number = 1; number <= 620; number += 1) {
      github().addPull({ number, branch: `b${number}`, sha: 'e'.repeat(40) })
    }
    expect(await statusPullRequest(() => testOctokit(github()), statusContext())).toBeNull()
    expect(github().requests).toHaveLength(STATUS_PULL_PAGES)

    github().requests.length = 0
    github().addPull({ number: 700, branch: 'teletext-fix', sha: SHA })
    const found = await statusPullRequest(() => testOctokit(github()), statusContext())
    expect(found?.pull.number).toBe(700)
    expect(github().requests).toHaveLength(1)
  })

  it('with two open pull requests on the commit, takes the first opened and warns', async () => {
    github().addPull({ number: 1702, branch: 'teletext-fix', sha: SHA })
    github().addPull({ number: 1703, branch: 'teletext-fix-2', sha: SHA })
    const lines: string[] = []
    const log = { info: () => {}, warning: (line: string) => lines.push(line), debug: () => {} }
    const found = await statusPullRequest(() => testOctokit(github()), statusContext(), log)
    expect(found?.pull.number).toBe(1702)
    expect(found?.others).toEqual([1703])
    expect(lines).toEqual([
      'Commit 7e1d2c3b4a5f is the head of open pull requests #1702, #1703: the comment goes to #1702, the first opened, and baseline-run-id auto compares with baseline-branch, not with the base of either.'
    ])
  })
})

describe('statusEventSkipReason', () => {
  it('reads only a full SHA, a context and a known state', () => {
    expect(readStatusEvent({ sha: 'abc', context: 'CI - linux', state: 'success' })).toBeNull()
    expect(readStatusEvent({ sha: SHA, context: 'CI - linux', state: 'done' })).toBeNull()
    expect(statusEventSkipReason(null, 'Sample Platform results')).toBe(
      'The status event names no commit, context and state: nothing to report.'
    )
    const event = readStatusEvent({ sha: SHA.toUpperCase(), context: 'ci - LINUX', state: 'error' })
    expect(event).toEqual({ sha: SHA, context: 'ci - LINUX', state: 'error' })
    expect(statusEventSkipReason(event, 'Sample Platform results', ['CI - linux'])).toBeNull()
  })
})

/** GitHub's OpenAPI description of api.github.com, as @octokit/openapi ships it. */
interface OpenApi {
  paths: Record<string, Record<string, Operation>>
  components: { parameters: Record<string, Parameter> }
}
interface Parameter {
  name: string
  in: string
  schema: object
  $ref?: string
}
interface Operation {
  parameters?: (Parameter | { $ref: string })[]
  requestBody?: { content: { 'application/json': { schema: object } } }
}

describe("the requests, against GitHub's OpenAPI description", () => {
  it('are those of known operations, with valid parameters and bodies', async () => {
    const spec = createRequire(import.meta.url)(
      '@octokit/openapi/generated/api.github.com.json'
    ) as OpenApi
    github().addPull({ number: 1702, branch: 'teletext-fix', sha: SHA })
    await statusPullRequest(() => testOctokit(github()), statusContext())
    const post = poster()
    await post.post({ state: 'pending', description: 'waiting for windows run 9501 (running)' })
    await post.post({
      state: 'failure',
      description: 'linux: 1 regression',
      targetUrl: 'https://github.com/CCExtractor/ccextractor/actions/runs/8123456789'
    })
    // Read back as GitHub lists them: newest first.
    const { data } = await testOctokit(github()).rest.repos.listCommitStatusesForRef({
      ...REPO,
      ref: SHA
    })
    expect(data.map((status) => [status.state, status.context])).toEqual([
      ['failure', 'Sample Platform results'],
      ['pending', 'Sample Platform results']
    ])
    expect(validate(spec, github())).toEqual([])
    expect(github().requests.map((request) => request.method)).toEqual([
      'GET',
      'POST',
      'POST',
      'GET'
    ])
  })
})

/** What is wrong with each recorded request by the description; [] when nothing. */
function validate(spec: OpenApi, fake: FakeGitHub): string[] {
  const ajv = new Ajv({ strict: false, allErrors: true })
  const problems: string[] = []
  for (const request of fake.requests) {
    const url = new URL(request.path, fake.url)
    const match = Object.entries(spec.paths).find(
      ([template, operations]) =>
        operations[request.method.toLowerCase()] !== undefined &&
        new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(url.pathname)
    )
    const operation = match?.[1][request.method.toLowerCase()]
    if (!operation) {
      problems.push(`${request.method} ${url.pathname}: no such operation`)
      continue
    }
    const parameters = (operation.parameters ?? []).map((parameter) =>
      '$ref' in parameter && parameter.$ref
        ? spec.components.parameters[parameter.$ref.split('/').at(-1) ?? '']
        : (parameter as Parameter)
    )
    for (const [name, value] of url.searchParams) {
      const parameter = parameters.find((each) => each?.in === 'query' && each.name === name)
      if (!parameter) problems.push(`${request.method} ${url.pathname}: unknown query ${name}`)
      else {
        const numeric = /^\d+$/.test(value) ? Number(value) : value
        if (!ajv.validate(parameter.schema, numeric))
          problems.push(`${name}=${value}: ${ajv.errorsText()}`)
      }
    }
    const body = operation.requestBody?.content['application/json'].schema
    if (body && !ajv.validate(body, JSON.parse(request.body))) {
      problems.push(`${request.method} ${url.pathname}: ${ajv.errorsText()}`)
    }
  }
  return problems
}
