/**
 * The verdict as our own commit status, from the `status` event the Sample
 * Platform's statuses trigger, through real HTTP: a fake Sample Platform on a
 * clock the tests move on between the two platforms' jobs, a fake GitHub that
 * stores statuses and pull requests (a fork's among them).
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakePlatform, DEMO, type FakePlatform } from '../test-support/fake-platform.js'
import { FAKE_GITHUB_TOKEN, NOT_ACCESSIBLE } from '../test-support/fake-github.js'
import { eventEnv, useFakeGitHub } from '../test-support/github-fixture.js'
import { actionInputs, readmeWorkflow } from '../test-support/readme-workflows.js'
import { runStep, type StepRun } from '../test-support/run-step.js'
import { generateRun } from '../test-support/sample-runs.js'
import { testClock, type TestClock } from '../test-support/test-clock.js'

const github = useFakeGitHub()
/** The commit of __fixtures__/events/status.json: the head of a fork's pull request. */
const HEAD = '7e1d2c3b4a5f60718293a4b5c6d7e8f9a0b1c2d3'
const BASE = '9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b'
const PR = 1702
/** Another fork's pull request from a branch of the same name, on another commit. */
const OTHER_PR = 1711
const MINUTE = 60_000
const T0 = Date.UTC(2026, 10, 30, 12)
const JOB_URL = 'https://github.com/CCExtractor/ccextractor/actions/runs/8123456789'
const CONTEXT = 'Sample Platform results'

let platform: FakePlatform | null = null
let clock: TestClock = testClock({ start: T0 })
const dirs: string[] = []
afterEach(async () => {
  await platform?.close()
  platform = null
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A fake platform whose time is the clock of the job now running. */
async function startPlatform(): Promise<FakePlatform> {
  clock = testClock({ start: T0 })
  platform = await startFakePlatform({ now: () => clock.now() })
  return platform
}

/** The fork's pull request, and another fork's with the same branch name, updated later. */
function addPulls(): void {
  github().addPull({
    number: PR,
    branch: 'teletext-fix',
    headRepository: 'ramya-dev/ccextractor',
    sha: HEAD,
    baseSha: BASE
  })
  github().addPull({
    number: OTHER_PR,
    branch: 'teletext-fix',
    headRepository: 'someone-else/ccextractor',
    sha: 'd'.repeat(40),
    baseSha: BASE
  })
}

/**
 * The base commit tested on both platforms long ago; the head's runs end at
 * 30 min and (the `later` platform's) at 50 min, each with the failures given,
 * the `canceled` platform's canceled.
 */
function scheduleHead(
  fake: FakePlatform,
  failures: {
    linux?: Record<number, 'both' | 'exit' | 'missing_output'>
    windows?: Record<number, 'both' | 'exit' | 'missing_output'>
  } = {},
  canceled?: 'linux' | 'windows',
  later: 'linux' | 'windows' = 'windows'
): void {
  const runningMs = (platform: 'linux' | 'windows') => (platform === later ? 45 : 25) * MINUTE
  fake.scheduleCommit(
    { linux: 9490, windows: 9491 },
    { at: T0 - 5 * 3600_000, commit_sha: BASE, branch: 'master' }
  )
  fake.scheduleCommit(
    { linux: 9500, windows: 9501 },
    {
      at: T0,
      queuedMs: 5 * MINUTE,
      runningMs: 25 * MINUTE,
      commit_sha: HEAD,
      branch: 'pull_request',
      linux: {
        runningMs: runningMs('linux'),
        results: generateRun(9500, { failures: failures.linux ?? {} }),
        ...(canceled === 'linux' ? { outcome: 'canceled' as const } : {})
      },
      windows: {
        runningMs: runningMs('windows'),
        results: generateRun(9501, { failures: failures.windows ?? {} }),
        ...(canceled === 'windows' ? { outcome: 'canceled' as const } : {})
      }
    }
  )
}

/** The commit of __fixtures__/events/workflow_run.json, on the same-repository pull request. */
const RUN_HEAD = '3f2c9e1d7b4a5c6e8f90a1b2c3d4e5f6a7b8c9d0'

/**
 * The workflow_run set-up's commit: its pull request, the base tested long
 * ago, and the head's runs created 3 minutes after the step starts, ending at
 * 33 minutes, linux with the failures given.
 */
function scheduleRunHead(
  fake: FakePlatform,
  linuxFailures: Record<number, 'both' | 'exit' | 'missing_output'> = {}
): void {
  github().addPull({ number: PR, branch: 'fix-dvb-timing', sha: RUN_HEAD, baseSha: BASE })
  fake.scheduleCommit(
    { linux: 9490, windows: 9491 },
    { at: T0 - 5 * 3600_000, commit_sha: BASE, branch: 'master' }
  )
  fake.scheduleCommit(
    { linux: 9500, windows: 9501 },
    {
      at: T0 + 3 * MINUTE,
      queuedMs: 5 * MINUTE,
      runningMs: 25 * MINUTE,
      commit_sha: RUN_HEAD,
      branch: 'pull_request',
      linux: { results: generateRun(9500, { failures: linuxFailures }) }
    }
  )
}

/** The README's `on: status` workflow, as a user copies it. */
const readmeStatusWorkflow = () => readmeWorkflow((_, workflow) => 'status' in workflow.on)

/** The inputs of the README's status set-up, with the test's servers and token. */
function statusInputs(
  fake: FakePlatform,
  more: Record<string, string> = {}
): Record<string, string> {
  return {
    ...actionInputs(readmeStatusWorkflow()),
    'api-token': DEMO.token,
    'api-url': fake.apiUrl,
    'github-token': FAKE_GITHUB_TOKEN,
    ...more
  }
}

describe("the README's status workflow", () => {
  it('runs per commit without cancelling, on finished platform statuses, and may write both', () => {
    const workflow = readmeStatusWorkflow()
    expect(workflow.concurrency).toEqual({
      group:
        "sample-platform-results-${{ github.event.sha }}-${{ startsWith(github.event.context, 'CI - ') && github.event.state != 'pending' }}",
      'cancel-in-progress': false
    })
    const [job] = Object.values(workflow.jobs)
    expect(job?.if).toBe(
      "startsWith(github.event.context, 'CI - ') && github.event.state != 'pending'"
    )
    expect(job?.permissions).toEqual({ 'pull-requests': 'write', statuses: 'write' })
    expect(statusInputs({ apiUrl: 'http://127.0.0.1:1/api/v1' } as FakePlatform)).toMatchObject({
      platform: 'linux, windows',
      unfinished: 'report',
      'commit-status': 'on',
      comment: 'always',
      'fail-on': 'regression'
    })
  })
})

/** The runner's variables for a `status` event: the fixture with `changes` applied. */
function statusEnv(changes: Record<string, unknown>): Record<string, string> {
  const payload = {
    ...(JSON.parse(readFileSync('__fixtures__/events/status.json', 'utf8')) as object),
    ...changes
  }
  const dir = mkdtempSync(join(tmpdir(), 'status-event-'))
  dirs.push(dir)
  const path = join(dir, 'event.json')
  writeFileSync(path, JSON.stringify(payload))
  return { ...eventEnv(github(), 'status'), GITHUB_EVENT_PATH: path, GITHUB_SHA: 'c'.repeat(40) }
}

/** The job a platform's final status starts, `minutes` after the head's runs were created. */
async function statusJob(
  fake: FakePlatform,
  context: string,
  minutes: number,
  more: Record<string, string> = {}
): Promise<StepRun> {
  clock = testClock({ start: T0 + minutes * MINUTE })
  return runStep(statusInputs(fake, more), statusEnv({ context, state: 'success' }), { clock })
}

const errorsOf = (lines: string[]) => lines.filter((line) => line.startsWith('::error::'))
const warningsOf = (lines: string[]) => lines.filter((line) => line.startsWith('::warning::'))
const ours = () =>
  github().statuses.map(({ sha, state, description, target_url, context }) => ({
    sha,
    state,
    description,
    target_url,
    context
  }))

describe('the two status events of one commit', () => {
  it.each([
    ['linux first', ['CI - linux', 'CI - windows'] as const],
    ['windows first', ['CI - windows', 'CI - linux'] as const]
  ])(
    '%s: one comment with both platforms, and our status final after the second',
    async (_, [first, second]) => {
      const fake = await startPlatform()
      addPulls()
      // Linux passes; windows regresses sample 132.
      const later = first === 'CI - linux' ? 'windows' : 'linux'
      scheduleHead(fake, { windows: { [DEMO.failingSample]: 'both' } }, undefined, later)
      // The first platform's run ends at 30 min, the second's at 50.
      const one = await statusJob(fake, first, 31)
      const two = await statusJob(fake, second, 51)

      // The first job: linux in full and windows running, or windows's regression already final.
      if (first === 'CI - linux') {
        expect(one.failed).toBe(false)
        expect(errorsOf(one.lines)).toEqual([])
        expect(one.lines).toContain(
          `The Sample Platform's windows run 9501 is still running: it is reported as such and fails nothing (unfinished: report). See ${fake.url}/test/9501`
        )
        expect(JSON.parse(one.outputs.runs ?? '')).toEqual([
          expect.objectContaining({ platform: 'linux', run_id: 9500, status: 'pass' }),
          expect.objectContaining({ platform: 'windows', run_id: 9501, status: 'running' })
        ])
      } else {
        expect(one.failed).toBe(true)
        // Linux's cell of the sample that regressed on windows: still testing, not missing.
        expect(one.summary).toMatch(/\| General \| ⏳ \| ❌ fail \(🔻 regression\)/)
      }
      expect(two.failed).toBe(true)
      expect(errorsOf(two.lines)).toEqual([expect.stringContaining('fail-on is "regression"')])

      // One comment, on the fork's pull request whose head is the commit, with both platforms.
      expect(github().comments).toHaveLength(1)
      const [comment] = github().comments
      expect(comment?.issue_url).toMatch(new RegExp(`/issues/${PR}$`))
      expect(comment?.body).toContain('run 9500')
      expect(comment?.body).toContain('run 9501')
      expect(comment?.body).not.toContain('⏳')

      // Our statuses: one per job, on the commit, linking the job; the last one final.
      const states = ours()
      expect(states.map((status) => status.state)).toEqual(
        first === 'CI - linux' ? ['pending', 'failure'] : ['failure', 'failure']
      )
      for (const status of states) {
        expect(status).toMatchObject({ sha: HEAD, target_url: JOB_URL, context: CONTEXT })
        expect([...(status.description ?? '')].length).toBeLessThanOrEqual(140)
      }
      expect(states[0]?.description).toBe(
        first === 'CI - linux'
          ? 'linux: all 230 results pass · windows: running'
          : 'linux: running · windows: 1 regression'
      )
      expect(states.at(-1)?.description).toBe('linux: all 230 results pass · windows: 1 regression')
    }
  )

  it('both passing: pending after the first, success after the second', async () => {
    const fake = await startPlatform()
    addPulls()
    scheduleHead(fake)
    const one = await statusJob(fake, 'CI - linux', 31)
    const afterFirst = github().comments[0]?.body ?? ''
    const two = await statusJob(fake, 'CI - windows', 51)
    expect([one.failed, two.failed]).toEqual([false, false])
    expect(afterFirst).toContain(
      '### ⏳ all 230 results pass so far; windows still testing: commit 7e1d2c3 on linux, windows'
    )
    expect(afterFirst).toContain('| windows | [run 9501]')
    expect(ours().map((status) => [status.state, status.description])).toEqual([
      ['pending', 'linux: all 230 results pass · windows: running'],
      ['success', 'linux: all 230 results pass · windows: all 230 results pass']
    ])
    expect(github().comments).toHaveLength(1)
  })
  it('neither run ended yet: pending, and the comment says both are still testing', async () => {
    const fake = await startPlatform()
    addPulls()
    scheduleHead(fake)
    const step = await statusJob(fake, 'CI - linux', 10)
    expect(step.failed).toBe(false)
    expect(github().comments[0]?.body).toContain(
      '### ⏳ linux, windows still testing: commit 7e1d2c3 on linux, windows'
    )
    expect(ours().map((status) => [status.state, status.description])).toEqual([
      ['pending', 'linux: running · windows: running']
    ])
  })
})

describe('the pull request of a status event', () => {
  it("is the fork's whose head is the commit, not another fork's with the same branch name", async () => {
    const fake = await startPlatform()
    addPulls()
    scheduleHead(fake)
    await statusJob(fake, 'CI - windows', 51)
    const commented = github().comments.map((comment) => comment.issue_url.split('/').at(-1))
    expect(commented).toEqual([String(PR)])
    // Found once, with the base commit, and not looked for again for the comment.
    const lists = github().requests.filter((request) =>
      request.path.startsWith('/repos/CCExtractor/ccextractor/pulls?')
    )
    expect(lists).toHaveLength(1)
  })

  it('a commit no open pull request has: no comment, one info line, our status still posted', async () => {
    const fake = await startPlatform()
    scheduleHead(fake)
    const step = await statusJob(fake, 'CI - windows', 51)
    expect(step.failed).toBe(false)
    expect(github().comments).toEqual([])
    expect(step.lines).toContain('No pull request for this status event: no comment written.')
    expect(ours().map((status) => status.state)).toEqual(['success'])
  })
})

describe('a status event with nothing to report', () => {
  it.each([
    [
      'our own status',
      { context: CONTEXT, state: 'failure' },
      `The status "${CONTEXT}" (failure) of commit 7e1d2c3b4a5f is this action's own: nothing to report.`
    ],
    [
      'a pending status',
      { context: 'CI - linux', state: 'pending' },
      'The status "CI - linux" (pending) of commit 7e1d2c3b4a5f is pending: nothing to report yet.'
    ],
    [
      "another system's status",
      { context: 'codecov/patch', state: 'success' },
      'The status "codecov/patch" (success) of commit 7e1d2c3b4a5f is not one of "CI - linux", "CI - windows": nothing to report.'
    ]
  ])('%s: one info line, no request anywhere', async (_, changes, line) => {
    const fake = await startPlatform()
    addPulls()
    const step = await runStep(statusInputs(fake), statusEnv(changes), { clock })
    expect(step.failed).toBe(false)
    const shown = step.lines.filter((each) => each !== '' && !/^::(debug|add-mask)::/.test(each))
    expect(shown).toEqual([line])
    expect(fake.requests).toEqual([])
    expect(github().requests).toEqual([])
    expect(step.outputs).toEqual({})
  })
})

describe('our commit status', () => {
  it('is error for a canceled run, not failure', async () => {
    const fake = await startPlatform()
    addPulls()
    scheduleHead(fake, {}, 'windows')
    fake.setProgress(9501, [
      { status: 'queued', message: 'Queued.', at: T0 },
      {
        status: 'error',
        message: 'VM creation failed (ZONE_RESOURCE_POOL_EXHAUSTED).',
        at: T0 + MINUTE
      },
      { status: 'canceled', message: 'Canceled.', at: T0 + 2 * MINUTE }
    ])
    const step = await statusJob(fake, 'CI - windows', 51)
    expect(step.failed).toBe(true)
    expect(ours().map((status) => [status.state, status.description])).toEqual([
      ['error', 'linux: all 230 results pass · windows: canceled']
    ])
  })

  it('a 403 on statuses is one warning; the comment is written and the step passes', async () => {
    const fake = await startPlatform()
    addPulls()
    scheduleHead(fake)
    github().enqueueFault({
      status: 403,
      json: { message: NOT_ACCESSIBLE, documentation_url: 'https://docs.github.com/rest' },
      match: (path, method) => method === 'POST' && path.includes('/statuses/'),
      times: 10
    })
    const step = await statusJob(fake, 'CI - windows', 51)
    expect(step.failed).toBe(false)
    expect(warningsOf(step.lines)).toEqual([
      expect.stringMatching(
        /^::warning::Could not post the commit status "Sample Platform results" \(success\)\. The github-token cannot write commit statuses \(403 "Resource not accessible by integration"; .*Add "permissions: statuses: write" to the job/
      )
    ])
    expect(github().comments).toHaveLength(1)
    expect(ours()).toEqual([])
  })

  it('says pending while the workflow_run set-up waits, once per change, then the verdict', async () => {
    const fake = await startPlatform()
    scheduleRunHead(fake, { [DEMO.failingSample]: 'both' })
    const step = await runStep(
      statusInputs(fake, { 'wait-timeout': '5400', unfinished: 'fail' }),
      { ...eventEnv(github(), 'workflow_run'), GITHUB_SHA: 'c'.repeat(40) },
      { clock }
    )
    expect(step.failed).toBe(true)
    expect(warningsOf(step.lines)).toEqual([])
    expect(github().comments).toHaveLength(1)
    const states = ours()
    expect(states.every((status) => status.sha === RUN_HEAD)).toBe(true)
    expect(states.map((status) => [status.state, status.description])).toEqual([
      ['pending', 'waiting for a linux run of commit 3f2c9e1, a windows run of commit 3f2c9e1'],
      ['pending', 'waiting for linux run 9500 (queued), windows run 9501 (queued)'],
      ['pending', 'waiting for linux run 9500 (running), windows run 9501 (running)'],
      ['failure', 'linux: 1 regression · windows: all 230 results pass']
    ])
    // Far fewer posts than polls.
    const polls = fake.requests.filter((request) =>
      request.path.startsWith(`/api/v1/runs?commit_sha=${RUN_HEAD}`)
    )
    expect(polls.length).toBeGreaterThan(states.length * 2)
  })

  it('with run-id, goes on the commit of the run, read for it', async () => {
    const fake = await startPlatform()
    scheduleHead(fake)
    clock = testClock({ start: T0 + 51 * MINUTE })
    const step = await runStep(
      {
        'api-token': DEMO.token,
        'api-url': fake.apiUrl,
        'github-token': FAKE_GITHUB_TOKEN,
        'run-id': '9500',
        'sample-id': String(DEMO.passingSample),
        'commit-status': 'on'
      },
      { ...eventEnv(github(), 'workflow_dispatch', 'push') },
      { clock }
    )
    expect(step.failed).toBe(false)
    expect(fake.requests.map((request) => request.path.split('?')[0])).toEqual([
      '/api/v1/runs/9500',
      `/api/v1/runs/9500/samples/${DEMO.passingSample}`
    ])
    expect(ours().map((status) => [status.sha, status.state])).toEqual([[HEAD, 'success']])
  })
})

describe('found in review', () => {
  it('a rate limit on one pending post does not keep the verdict from being posted', async () => {
    const fake = await startPlatform()
    scheduleRunHead(fake)
    let posts = 0
    github().enqueueFault({
      status: 403,
      headers: { 'retry-after': '600' },
      json: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url: 'https://docs.github.com/rest'
      },
      match: (path, method) => method === 'POST' && path.includes('/statuses/') && ++posts === 2
    })
    const step = await runStep(
      statusInputs(fake, { 'wait-timeout': '5400', unfinished: 'fail' }),
      { ...eventEnv(github(), 'workflow_run'), GITHUB_SHA: 'c'.repeat(40) },
      { clock }
    )
    expect(step.failed).toBe(false)
    expect(warningsOf(step.lines)).toEqual([expect.stringContaining('secondary rate limit')])
    expect(ours().at(-1)?.state).toBe('success')
  })

  it('a later pull request with the same head commit chooses neither the comment nor the baseline', async () => {
    const fake = await startPlatform()
    const otherBase = 'e'.repeat(40)
    github().addPull({
      number: PR,
      branch: 'teletext-fix',
      headRepository: 'ramya-dev/ccextractor',
      sha: HEAD,
      baseSha: BASE
    })
    github().addPull({
      number: 1799,
      branch: 'x',
      headRepository: 'mallory/ccextractor',
      sha: HEAD,
      baseSha: otherBase
    })
    // The other base already fails sample 132 on windows: compared with it, nothing regressed.
    fake.scheduleCommit(
      { linux: 9480, windows: 9481 },
      {
        at: T0 - 4 * 3600_000,
        commit_sha: otherBase,
        branch: 'old-release',
        windows: { results: generateRun(9481, { failures: { [DEMO.failingSample]: 'both' } }) }
      }
    )
    scheduleHead(fake, { windows: { [DEMO.failingSample]: 'both' } })
    const step = await statusJob(fake, 'CI - windows', 51)
    expect(github().comments.map((comment) => comment.issue_url.split('/').at(-1))).toEqual([
      String(PR)
    ])
    expect(warningsOf(step.lines)).toContainEqual(
      '::warning::Commit 7e1d2c3b4a5f is the head of open pull requests #1702, #1799: the comment goes to #1702, the first opened, and baseline-run-id auto compares with baseline-branch, not with the base of either.'
    )
    expect(step.outputs['baseline-run-id']).not.toContain('9481')
    expect(ours().map((status) => status.state)).toEqual(['failure'])
  })

  it('a run canceled while the other still tests: error at once, not pending', async () => {
    const fake = await startPlatform()
    addPulls()
    scheduleHead(fake, {}, 'linux')
    const step = await statusJob(fake, 'CI - linux', 31)
    expect(step.failed).toBe(true)
    expect(ours().map((status) => [status.state, status.description])).toEqual([
      ['error', 'linux: canceled · windows: running']
    ])
  })
})
