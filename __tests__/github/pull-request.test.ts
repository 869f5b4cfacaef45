import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readGitHubContext, type GitHubContext } from '../../src/github/context.js'
import { findPullRequest } from '../../src/github/pull-request.js'
import { actionError } from '../../test-support/action-error.js'
import { testOctokit, useFakeGitHub } from '../../test-support/github-fixture.js'

const EVENTS = join(import.meta.dirname, '../../__fixtures__/events')
const FORK = 'ramya-dev/ccextractor'
const FORK_BRANCH = 'teletext-fix'
const FORK_SHA = 'c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3'

const github = useFakeGitHub()

/** The context of a run triggered by `eventName` with the payload file `fixture`. */
function contextOf(eventName: string, fixture: string): GitHubContext {
  return readGitHubContext({
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: join(EVENTS, fixture),
    GITHUB_REPOSITORY: 'CCExtractor/ccextractor',
    GITHUB_SERVER_URL: 'https://github.com'
  })
}

/** A context with a hand-made payload, for shapes GitHub would never send. */
function contextWith(eventName: string, payload: Record<string, unknown>): GitHubContext {
  return { ...contextOf(eventName, 'push.json'), payload }
}

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(EVENTS, name), 'utf8')) as Record<string, unknown>
}

const find = (context: GitHubContext, explicit?: number) =>
  findPullRequest(testOctokit(github()), context, explicit)

describe('findPullRequest from the event', () => {
  it.each([
    ['pull_request', 'pull_request.json', 1702],
    ['pull_request_target', 'pull_request_target.json', 1703],
    ['issue_comment', 'issue_comment.json', 1702],
    ['workflow_run', 'workflow_run.json', 1702]
  ])('%s (%s) gives #%d without asking the API', async (eventName, file, number) => {
    expect(await find(contextOf(eventName, file))).toEqual({
      number,
      url: `https://github.com/CCExtractor/ccextractor/pull/${number}`
    })
    expect(github().requests).toEqual([])
  })

  it.each([
    ['push', 'push.json'],
    ['issue_comment', 'issue_comment_on_issue.json'],
    ['schedule', 'push.json'],
    ['workflow_dispatch', 'push.json']
  ])('%s (%s) has no pull request', async (eventName, file) => {
    expect(await find(contextOf(eventName, file))).toBeNull()
    expect(github().requests).toEqual([])
  })

  it('takes an explicit number over the event', async () => {
    expect(await find(contextOf('push', 'push.json'), 1650)).toEqual({
      number: 1650,
      url: 'https://github.com/CCExtractor/ccextractor/pull/1650'
    })
    expect(await find(contextOf('pull_request', 'pull_request.json'), 1650)).toMatchObject({
      number: 1650
    })
  })

  it('builds the URL from the server URL, not from the payload', async () => {
    const context = {
      ...contextOf('pull_request', 'pull_request.json'),
      serverUrl: 'https://ghe.example.com'
    }
    expect((await find(context))?.url).toBe(
      'https://ghe.example.com/CCExtractor/ccextractor/pull/1702'
    )
  })
})

describe('findPullRequest for a workflow_run from a fork', () => {
  const forkRun = () => contextOf('workflow_run', 'workflow_run_fork.json')

  it('finds the open pull request of the head repository and branch', async () => {
    github().addPull({ number: 1703, branch: FORK_BRANCH, headRepository: FORK, sha: FORK_SHA })
    expect(await find(forkRun())).toEqual({
      number: 1703,
      url: 'https://github.com/CCExtractor/ccextractor/pull/1703'
    })
    expect(github().requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
      'GET /repos/CCExtractor/ccextractor/pulls?state=open&head=ramya-dev%3Ateletext-fix&per_page=100'
    ])
  })

  it('ignores pull requests of the same branch name from other repositories, and closed ones', async () => {
    github().addPull({ number: 1690, branch: FORK_BRANCH })
    github().addPull({ number: 1691, branch: FORK_BRANCH, headRepository: 'someone/ccextractor' })
    github().addPull({ number: 1650, branch: FORK_BRANCH, headRepository: FORK, state: 'closed' })
    expect(await find(forkRun())).toBeNull()
    github().addPull({ number: 1703, branch: FORK_BRANCH, headRepository: FORK, sha: FORK_SHA })
    expect((await find(forkRun()))?.number).toBe(1703)
  })

  it('prefers the pull request whose head is the run commit when several match', async () => {
    github().addPull({ number: 1703, branch: FORK_BRANCH, headRepository: FORK, sha: FORK_SHA })
    github().addPull({
      number: 1704,
      branch: FORK_BRANCH,
      headRepository: FORK,
      sha: 'f'.repeat(40)
    })
    expect((await find(forkRun()))?.number).toBe(1703)
  })

  it('checks the head repository and branch of what the API lists', async () => {
    const pull = (number: number, fullName: string, ref: string) => ({
      number,
      head: { ref, sha: FORK_SHA, repo: { full_name: fullName } }
    })
    github().enqueueFault({
      json: [
        pull(1680, 'ramya-dev/ccextractor-old', FORK_BRANCH),
        pull(1681, FORK, 'teletext-fix-2'),
        pull(1703, FORK, FORK_BRANCH)
      ]
    })
    expect((await find(forkRun()))?.number).toBe(1703)
  })

  it('takes no pull request whose head moved on from the run commit', async () => {
    github().addPull({
      number: 1704,
      branch: FORK_BRANCH,
      headRepository: FORK,
      sha: 'f'.repeat(40)
    })
    expect(await find(forkRun())).toBeNull()
  })

  it('takes no listed pull request whose head is another repository: the fork lookup decides', async () => {
    // The fork's branch has the name of #1702's, so GitHub lists #1702 for the fork's run.
    const sameBranch = () => contextOf('workflow_run', 'workflow_run_fork_same_branch.json')
    github().addPull({
      number: 1702,
      branch: 'fix-dvb-timing',
      sha: '3f2c9e1d7b4a5c6e8f90a1b2c3d4e5f6a7b8c9d0'
    })
    expect(await find(sameBranch())).toBeNull()
    expect(github().requests.map(({ path }) => path)).toEqual([
      '/repos/CCExtractor/ccextractor/pulls?state=open&head=ramya-dev%3Afix-dvb-timing&per_page=100'
    ])
    github().addPull({
      number: 1710,
      branch: 'fix-dvb-timing',
      headRepository: FORK,
      sha: 'e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6'
    })
    expect((await find(sameBranch()))?.number).toBe(1710)
  })

  it('takes no listed pull request whose head is another commit', async () => {
    const payload = fixture('workflow_run.json')
    const run = payload.workflow_run as Record<string, unknown>
    // A re-run of an older commit of the branch: the pull request has moved on.
    const older = { ...run, head_sha: '0'.repeat(39) + '1' }
    const context = contextWith('workflow_run', { ...payload, workflow_run: older })
    github().addPull({
      number: 1702,
      branch: 'fix-dvb-timing',
      sha: '3f2c9e1d7b4a5c6e8f90a1b2c3d4e5f6a7b8c9d0'
    })
    expect(await find(context)).toBeNull()
    expect(github().requests).toHaveLength(1)
  })

  it('gives null when the fork has no open pull request', async () => {
    expect(await find(forkRun())).toBeNull()
    expect(github().requests).toHaveLength(1)
  })

  it('does not look up a pull request for a run triggered by a push', async () => {
    const payload = fixture('workflow_run_fork.json')
    const run = { ...(payload.workflow_run as Record<string, unknown>), event: 'push' }
    github().addPull({ number: 1703, branch: FORK_BRANCH, headRepository: FORK, sha: FORK_SHA })
    expect(await find(contextWith('workflow_run', { ...payload, workflow_run: run }))).toBeNull()
    expect(github().requests).toEqual([])
  })

  it('skips listed pull requests into another repository', async () => {
    const payload = fixture('workflow_run.json')
    const run = payload.workflow_run as { pull_requests: { base: { repo: { id: number } } }[] }
    const foreign = structuredClone(run.pull_requests[0])
    if (!foreign) throw new Error('the fixture lists a pull request')
    foreign.base.repo.id = 1
    const context = contextWith('workflow_run', {
      ...payload,
      workflow_run: { ...run, pull_requests: [{ ...foreign, number: 7 }, ...run.pull_requests] }
    })
    expect((await find(context))?.number).toBe(1702)
  })
})

describe('findPullRequest with pr-number on workflow_run', () => {
  const forkRun = () => contextOf('workflow_run', 'workflow_run_fork.json')

  it('takes the pull request whose head is the run commit of the run repository', async () => {
    github().addPull({ number: 1703, branch: FORK_BRANCH, headRepository: FORK, sha: FORK_SHA })
    expect((await find(forkRun(), 1703))?.number).toBe(1703)
  })

  it('refuses one whose head is the same commit in another repository', async () => {
    github().addPull({
      number: 1705,
      branch: FORK_BRANCH,
      headRepository: 'someone/ccextractor',
      sha: FORK_SHA
    })
    const error = await actionError(() => find(forkRun(), 1705))
    expect(error.kind).toBe('input')
    expect(error.message).toMatch(
      /^pr-number: pull request #1705 has its head in repository someone\/ccextractor, not in the one this workflow_run event's commit comes from \(ramya-dev\/ccextractor\), so no comment was written\./
    )
  })
})

describe('findPullRequest with a payload of the wrong shape', () => {
  it.each([
    ['pull_request', {}],
    ['pull_request', { pull_request: null }],
    ['pull_request', { pull_request: { number: '1702' } }],
    ['pull_request', { pull_request: { number: -1 } }],
    ['pull_request', { pull_request: { number: 1.5 } }],
    ['pull_request', { pull_request: [1702] }],
    ['issue_comment', { issue: { number: 1702, pull_request: true } }],
    ['issue_comment', { issue: 'x' }],
    ['workflow_run', { workflow_run: [] }],
    ['workflow_run', { workflow_run: { pull_requests: 'none', event: 'pull_request' } }],
    ['workflow_run', { workflow_run: { pull_requests: [{}], head_branch: FORK_BRANCH } }],
    [
      'workflow_run',
      { workflow_run: { pull_requests: [], head_branch: 7, head_repository: { full_name: FORK } } }
    ],
    [
      'workflow_run',
      {
        workflow_run: {
          pull_requests: [],
          head_branch: FORK_BRANCH,
          head_repository: { full_name: FORK, owner: 'ramya-dev' }
        }
      }
    ]
  ])('%s with %j gives null', async (eventName, payload) => {
    expect(await find(contextWith(eventName, payload))).toBeNull()
    expect(github().requests).toEqual([])
  })
})
