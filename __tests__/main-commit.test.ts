/**
 * From a commit to a verdict, through real HTTP: runs that the fake Sample
 * Platform creates late and finishes late on a test clock, found from the
 * event's commit, waited for, compared with a baseline found per platform, and
 * reported in outputs, the summary and the pull request comment.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { resolve } from 'node:path'
import { startFakePlatform, DEMO, type FakePlatform } from '../test-support/fake-platform.js'
import { FAKE_GITHUB_TOKEN, FAKE_REPOSITORY } from '../test-support/fake-github.js'
import { eventEnv, useFakeGitHub } from '../test-support/github-fixture.js'
import { actionInputs, readmeWorkflow } from '../test-support/readme-workflows.js'
import { runStep } from '../test-support/run-step.js'
import { defaultRunFields } from '../test-support/run-fields.js'
import { generateRun } from '../test-support/sample-runs.js'
import { testClock, type TestClock } from '../test-support/test-clock.js'

const github = useFakeGitHub()
const PR = 1702
/** The commits of __fixtures__/events/workflow_run.json and of its pull request's base. */
const HEAD = '3f2c9e1d7b4a5c6e8f90a1b2c3d4e5f6a7b8c9d0'
const BASE = '9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b'
const MINUTE = 60_000

let platform: FakePlatform | null = null
afterEach(async () => {
  await platform?.close()
  platform = null
})

/** A fake platform on the test clock, so its scheduled runs live on it. */
async function setUp(): Promise<{ platform: FakePlatform; clock: TestClock }> {
  const clock = testClock({ start: Date.UTC(2026, 10, 30, 12) })
  platform = await startFakePlatform({ now: clock.now })
  github().addPull({ number: PR, branch: 'fix-dvb-timing', sha: HEAD, baseSha: BASE })
  return { platform, clock }
}

/** The inputs of the README's CCExtractor workflow, with the test's servers and token. */
function readmeInputs(fake: FakePlatform): Record<string, string> {
  const workflow = readmeWorkflow((text) => text.includes('Build CCExtractor on Windows'))
  return {
    ...actionInputs(workflow),
    'api-token': DEMO.token,
    'api-url': fake.apiUrl,
    'github-token': FAKE_GITHUB_TOKEN
  }
}

function workflowRunEnv(): Record<string, string> {
  return { ...eventEnv(github(), 'workflow_run'), GITHUB_SHA: 'c'.repeat(40) }
}

/** The commit's run requests and when the fake received them, in ms on the test clock. */
function pollsOf(fake: FakePlatform): number[] {
  return fake.requests
    .filter((request) => request.path.startsWith(`/api/v1/runs?commit_sha=${HEAD}`))
    .map((request) => request.startedAt)
}

const errorsOf = (lines: string[]) => lines.filter((line) => line.startsWith('::error::'))
const warningsOf = (lines: string[]) => lines.filter((line) => line.startsWith('::warning::'))

describe("the README's workflow, on one platform", () => {
  it('finds the run created late, waits for it, compares with master and comments', async () => {
    const { platform: fake, clock } = await setUp()
    const start = clock.now()
    // Created 3 minutes after the step starts, queued 10 minutes, testing 20.
    fake.scheduleRun(9500, {
      at: start + 3 * MINUTE,
      queuedMs: 10 * MINUTE,
      runningMs: 20 * MINUTE,
      commit_sha: HEAD,
      branch: 'pull_request',
      results: generateRun(9500, { failures: { [DEMO.failingSample]: 'both' } })
    })
    const end = start + 33 * MINUTE
    const step = await runStep({ ...readmeInputs(fake), platform: 'linux' }, workflowRunEnv(), {
      clock
    })

    expect(step.outputs).toMatchObject({
      commit: HEAD,
      'run-id': '9500',
      'baseline-run-id': String(DEMO.baselineRunId),
      regressions: `[${DEMO.failingSample}]`,
      total: '230',
      status: 'fail'
    })
    expect(JSON.parse(step.outputs.runs ?? '')).toEqual([
      {
        platform: 'linux',
        run_id: 9500,
        status: 'fail',
        url: `${fake.url}/test/9500`,
        commit_sha: HEAD,
        baseline_run_id: DEMO.baselineRunId
      }
    ])
    expect(step.lines).toContain(`commit ${HEAD} (of the workflow_run event)`)
    expect(step.lines).toContain('linux: no run of commit 3f2c9e1 yet (0 s)')
    expect(step.lines.some((line) => /^linux run 9500: queued \(\d+ min\)$/.test(line))).toBe(true)
    expect(step.lines.some((line) => /^linux run 9500: running \(\d+ min\)$/.test(line))).toBe(true)
    expect(step.lines).toContain(
      `baseline for linux: run ${DEMO.baselineRunId} (newest finished run on master)`
    )
    // The base commit was not tested: master's newest run stands in, and it is months old.
    expect(step.lines.filter((line) => line.startsWith('::warning::'))).toEqual([
      `::warning::baseline-run-id auto on linux: the base commit 9b8a7c6 has no finished run, so run ${DEMO.baselineRunId} of 2026-07-14, the newest finished run on master, stands in for it. What changed on master since the base commit counts as this change's.`,
      `::warning::The baseline run ${DEMO.baselineRunId} of 2026-07-14 on linux is 139 days older than run 9500 of 2026-11-30: what changed since counts as this change's. Give a newer baseline-run-id, or check baseline-branch.`
    ])
    expect(step.summary).toContain(`### ❌ 1 of 230 results does not pass: run 9500`)
    expect(step.summary).toContain(`#### 🔻 Regressions since run ${DEMO.baselineRunId} (1)`)
    expect(step.summary).toMatch(
      new RegExp(
        `Compared with \\[run ${DEMO.baselineRunId}\\]\\([^)]+\\) \\(newest finished run on master, 139 days older\\):`
      )
    )
    expect(errorsOf(step.lines)).toEqual([expect.stringContaining('fail-on is "regression"')])
    const [comment] = github().comments
    expect(comment?.body).toContain('### ❌ 1 of 230 results does not pass: run 9500')

    // Waiting: short pauses first, then at most 4 requests a minute, and the end seen within 15 s.
    const polls = pollsOf(fake)
    const afterFirstMinute = polls.filter((at) => at >= start + MINUTE)
    for (const at of afterFirstMinute) {
      expect(
        afterFirstMinute.filter((other) => other >= at && other < at + MINUTE).length
      ).toBeLessThanOrEqual(4)
    }
    const last = polls.at(-1) ?? 0
    expect(last).toBeGreaterThanOrEqual(end)
    expect(last - end).toBeLessThanOrEqual(15_000)
    expect(clock.sleeps.slice(0, 4)).toEqual([2_000, 4_000, 8_000, 15_000])
  })
})

describe("the README's workflow, on two platforms", () => {
  it('reports both runs of the commit, each against the run of the base commit', async () => {
    const { platform: fake, clock } = await setUp()
    const start = clock.now()
    // The base commit was tested on both platforms, then the pull request's head.
    fake.scheduleCommit(
      { linux: 9490, windows: 9491 },
      { at: start - 5 * 3600_000, commit_sha: BASE, branch: 'master' }
    )
    fake.scheduleCommit(
      { linux: 9500, windows: 9501 },
      {
        at: start + MINUTE,
        queuedMs: 10 * MINUTE,
        runningMs: 20 * MINUTE,
        commit_sha: HEAD,
        branch: 'pull_request',
        linux: { results: generateRun(9500, { failures: { [DEMO.failingSample]: 'both' } }) },
        windows: {
          runningMs: 30 * MINUTE,
          results: generateRun(9501, {
            failures: { [DEMO.failingSample]: 'exit', [DEMO.missingOutputSample]: 'missing_output' }
          })
        }
      }
    )
    const step = await runStep(readmeInputs(fake), workflowRunEnv(), { clock })

    expect(step.outputs).toMatchObject({
      commit: HEAD,
      'run-id': '9500,9501',
      'baseline-run-id': '9490,9491',
      total: '460',
      'failed-count': '3',
      regressions: `[${DEMO.missingOutputSample},${DEMO.failingSample}]`
    })
    const results = JSON.parse(step.outputs.results ?? '') as { platform: string; run_id: number }[]
    expect(new Set(results.map((entry) => `${entry.platform} ${entry.run_id}`))).toEqual(
      new Set(['linux 9500', 'windows 9501'])
    )
    expect(step.lines).toContain('baseline for linux: run 9490 (base commit 9b8a7c6)')
    expect(step.lines).toContain('baseline for windows: run 9491 (base commit 9b8a7c6)')
    // One request a poll for both platforms.
    expect(pollsOf(fake).every((_, i, all) => i === 0 || (all[i] ?? 0) > (all[i - 1] ?? 0))).toBe(
      true
    )
    for (const text of [step.summary, github().comments[0]?.body ?? '']) {
      expect(text).toContain(
        '### ❌ 3 of 460 results (230 samples × 2 platforms) do not pass: commit 3f2c9e1 on linux, windows'
      )
      expect(text).toContain('| Platform | Run | Results | Compared with |')
      expect(text).toMatch(
        /\| windows \| \[run 9501\]\([^)]+\) \| [^|]+ \| \[run 9491\]\([^)]+\) \(base commit 9b8a7c6, less than a day older\) \|/
      )
      expect(text).toContain('| Sample | Category | linux | windows |')
      expect(text).toMatch(
        new RegExp(
          `\\| \\[${DEMO.missingOutputSample}\\]\\([^)]*\\) \\| [^|]+ \\| ✅ pass \\| 📭 missing\\\\_output \\(🔻 regression\\)[^|]* \\|`
        )
      )
    }
    expect(errorsOf(step.lines)).toEqual([
      expect.stringMatching(
        /^::error::Commit 3f2c9e1: ❌ 3 of 460 results \(230 samples × 2 platforms\) do not pass \(linux run 9500: 1 of 230 results does not pass; windows run 9501: 2 of 230 results do not pass\)\. fail-on is "regression"/
      )
    ])
  })
})

describe('the commit of each event', () => {
  const TARGET_HEAD = 'c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3'
  it.each([
    ['pull_request', HEAD, 'the pull request head'],
    ['pull_request_target', TARGET_HEAD, 'the pull request head'],
    ['issue_comment', HEAD, 'the head of the pull request commented on, fetched'],
    ['push', HEAD, 'GITHUB_SHA']
  ])('%s: %s (%s), compared with the base commit where there is one', async (name, sha) => {
    const { platform: fake, clock } = await setUp()
    fake.scheduleRun(9490, { at: clock.now() - 5 * 3600_000, commit_sha: BASE, branch: 'master' })
    fake.scheduleRun(9500, { at: clock.now() - 40 * MINUTE, commit_sha: sha })
    const step = await runStep(
      {
        'sample-id': 'all',
        'api-token': DEMO.token,
        'api-url': fake.apiUrl,
        'github-token': FAKE_GITHUB_TOKEN,
        'baseline-run-id': 'auto'
      },
      {
        ...workflowRunEnv(),
        GITHUB_EVENT_NAME: name,
        GITHUB_EVENT_PATH: resolve(`__fixtures__/events/${name}.json`),
        GITHUB_SHA: HEAD
      },
      { clock }
    )
    expect(step.outputs.commit).toBe(sha)
    expect(step.outputs['run-id']).toBe('9500')
    expect(step.lines).toContain(`commit ${sha} (of the ${name} event)`)
    // A push's base is the commit before it (the fixture's "before" is the base commit).
    expect(step.outputs['baseline-run-id']).toBe('9490')
    expect(step.lines).toContain('baseline for linux: run 9490 (base commit 9b8a7c6)')
    const fetched = github().requests.some((request) => request.path.endsWith(`/pulls/${PR}`))
    expect(fetched).toBe(name === 'issue_comment')
  })
})

describe('a workflow_run from a fork whose branch has the name of a pull request here', () => {
  // ramya-dev's branch fix-dvb-timing: GitHub lists #1702 (this repository's own
  // fix-dvb-timing, head HEAD, base BASE) in the event's pull_requests all the same.
  const FORK_HEAD = 'e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6'
  const FORK_BASE = '5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b'
  const FORK_PR = 1710

  async function runForkStep(forkPullHead: string) {
    const { platform: fake, clock } = await setUp()
    github().addPull({
      number: FORK_PR,
      branch: 'fix-dvb-timing',
      headRepository: 'ramya-dev/ccextractor',
      sha: forkPullHead,
      baseSha: FORK_BASE
    })
    fake.scheduleRun(9490, { at: clock.now() - 5 * 3600_000, commit_sha: BASE, branch: 'master' })
    fake.scheduleRun(9491, {
      at: clock.now() - 4 * 3600_000,
      commit_sha: FORK_BASE,
      branch: 'master'
    })
    fake.scheduleRun(9500, {
      at: clock.now() - 40 * MINUTE,
      commit_sha: FORK_HEAD,
      branch: 'pull_request',
      repository: 'ramya-dev/ccextractor'
    })
    const step = await runStep(
      { ...readmeInputs(fake), platform: 'linux' },
      {
        ...workflowRunEnv(),
        GITHUB_EVENT_PATH: resolve('__fixtures__/events/workflow_run_fork_same_branch.json')
      },
      { clock }
    )
    expect(step.outputs.commit).toBe(FORK_HEAD)
    expect(step.outputs['run-id']).toBe('9500')
    return { fake, step }
  }

  /** Nothing of #1702 was used: neither its comments nor its base commit. */
  function expectNothingOfTheOtherPullRequest(fake: FakePlatform): void {
    expect(github().requests.map((request) => request.path)).not.toContainEqual(
      expect.stringContaining(`/${PR}`)
    )
    expect(fake.requests.map((request) => request.path)).not.toContainEqual(
      expect.stringContaining(`commit_sha=${BASE}`)
    )
  }

  it("comments on the fork's own pull request, compared with its base commit", async () => {
    const { fake, step } = await runForkStep(FORK_HEAD)
    expect(step.outputs['comment-action']).toBe('created')
    expect(github().comments.map((comment) => comment.issue_url)).toEqual([
      expect.stringMatching(new RegExp(`/issues/${FORK_PR}$`))
    ])
    expect(step.outputs['baseline-run-id']).toBe('9491')
    expect(step.lines).toContain('baseline for linux: run 9491 (base commit 5a4b3c2)')
    expectNothingOfTheOtherPullRequest(fake)
  })

  it('comments nowhere and compares with master when the head of that pull request moved on', async () => {
    const { fake, step } = await runForkStep('f'.repeat(40))
    expect(step.outputs['comment-action']).toBe('skipped')
    expect(github().comments).toEqual([])
    expect(step.lines).toContain('No pull request for this workflow_run event: no comment written.')
    expect(step.lines).toContain('baseline for linux: run 9491 (newest finished run on master)')
    expectNothingOfTheOtherPullRequest(fake)
  })
})

describe('a server that ignores the filters of GET /runs', () => {
  const OTHER = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'

  /** Answers every GET /runs as if the query did not have the parameters `names`. */
  function ignoreFilters(fake: FakePlatform, names: string[]): void {
    fake.enqueueFault({
      match: (path) => path.startsWith('/api/v1/runs?'),
      asPath: (path) => {
        const url = new URL(path, fake.url)
        for (const name of names) url.searchParams.delete(name)
        return `${url.pathname}${url.search}`
      },
      times: 1000
    })
  }

  /** The linux runs the fake lists now, newest first, as GET /runs?platform=linux answers. */
  async function linuxRuns(fake: FakePlatform): Promise<{ commit_sha: string; branch: string }[]> {
    const answer = await fetch(`${fake.apiUrl}/runs?platform=linux&sort=-created_at&limit=20`, {
      headers: { Authorization: `Bearer ${DEMO.token}` }
    })
    return ((await answer.json()) as { data: { commit_sha: string; branch: string }[] }).data
  }

  /** How many of the linux runs the fake lists now are not of `sha`. */
  const runsNotOf = async (fake: FakePlatform, sha: string) =>
    (await linuxRuns(fake)).filter((run) => run.commit_sha !== sha).length

  const warningsAbout = (lines: string[], what: string) =>
    warningsOf(lines).filter((line) => line.includes(`answer for ${what}`))

  it('reports the run of the commit, compared with the run of the base commit, and says so once', async () => {
    const { platform: fake, clock } = await setUp()
    fake.scheduleRun(9490, { at: clock.now() - 5 * 3600_000, commit_sha: BASE, branch: 'master' })
    // Still running at the start; runs of another commit, finished, just before and after it.
    fake.scheduleRun(9500, {
      at: clock.now() - 2 * MINUTE,
      queuedMs: MINUTE,
      runningMs: 3 * MINUTE,
      commit_sha: HEAD,
      branch: 'pull_request'
    })
    fake.scheduleRun(9495, {
      at: clock.now() - 3 * MINUTE,
      queuedMs: 0,
      runningMs: 30_000,
      commit_sha: OTHER,
      branch: 'pull_request'
    })
    fake.scheduleRun(9520, {
      at: clock.now() - MINUTE,
      queuedMs: 0,
      runningMs: 30_000,
      commit_sha: OTHER,
      branch: 'pull_request'
    })
    ignoreFilters(fake, ['commit_sha'])
    const step = await runStep({ ...readmeInputs(fake), platform: 'linux' }, workflowRunEnv(), {
      clock
    })

    expect(step.outputs['run-id']).toBe('9500')
    expect(step.outputs['baseline-run-id']).toBe('9490')
    expect(step.lines).toContain('baseline for linux: run 9490 (base commit 9b8a7c6)')
    expect(pollsOf(fake).length).toBeGreaterThan(2)
    const others = await runsNotOf(fake, HEAD)
    expect(warningsAbout(step.lines, 'the runs of commit')).toEqual([
      `::warning::The Sample Platform's answer for the runs of commit 3f2c9e1 on linux held ${others} runs of other commits or platforms: left out, so no run of another commit is reported as this one.`
    ])
    expect(warningsAbout(step.lines, 'the runs of base commit')).toEqual([
      `::warning::The Sample Platform's answer for the runs of base commit 9b8a7c6 on linux held ${await runsNotOf(fake, BASE)} runs of other commits or platforms: left out, so none of them is taken as the baseline.`
    ])
  })

  it('keeps the run of the commit in any case, and no run of another commit or without one', async () => {
    const { platform: fake, clock } = await setUp()
    fake.scheduleRun(9500, { at: clock.now() - 40 * MINUTE, commit_sha: HEAD })
    const run = (id: number, commit: string | null, createdAt: string) => ({
      run_id: id,
      status: 'pass',
      platform: 'linux',
      repository: FAKE_REPOSITORY,
      branch: 'pull_request',
      commit_sha: commit,
      created_at: createdAt
    })
    fake.enqueueFault({
      match: (path) => path.startsWith(`/api/v1/runs?commit_sha=${HEAD}`),
      json: {
        data: [
          run(9521, null, '2026-11-30T11:50:00Z'),
          run(9520, OTHER, '2026-11-30T11:40:00Z'),
          run(9500, HEAD.toUpperCase(), '2026-11-30T11:20:00Z')
        ],
        pagination: { limit: 20, offset: 0, total: 3, next_offset: null },
        meta: {}
      }
    })
    const step = await runStep(
      { 'sample-id': 'all', 'api-token': DEMO.token, 'api-url': fake.apiUrl, commit: HEAD },
      {},
      { clock }
    )
    expect(step.outputs['run-id']).toBe('9500')
    expect(warningsAbout(step.lines, 'the runs of commit')).toEqual([
      "::warning::The Sample Platform's answer for the runs of commit 3f2c9e1 on linux held 2 runs of other commits or platforms: left out, so no run of another commit is reported as this one."
    ])
  })

  it('compares with the newest finished run on the baseline branch, not of another branch', async () => {
    const { platform: fake, clock } = await setUp()
    fake.scheduleRun(9495, {
      at: clock.now() - 60 * MINUTE,
      commit_sha: OTHER,
      branch: 'pull_request',
      repository: 'someone/ccextractor'
    })
    fake.scheduleRun(9500, { at: clock.now() - 40 * MINUTE, commit_sha: HEAD })
    ignoreFilters(fake, ['branch', 'repository'])
    const step = await runStep(
      {
        'sample-id': 'all',
        'api-token': DEMO.token,
        'api-url': fake.apiUrl,
        commit: HEAD,
        'baseline-run-id': 'auto'
      },
      {},
      { clock }
    )
    expect(step.outputs['run-id']).toBe('9500')
    expect(step.outputs['baseline-run-id']).toBe(String(DEMO.baselineRunId))
    const others = (await linuxRuns(fake)).filter((run) => run.branch !== 'master').length
    expect(warningsAbout(step.lines, 'the runs on master')).toEqual([
      `::warning::The Sample Platform's answer for the runs on master on linux held ${others} runs of other branches, repositories or platforms: left out, so none of them is taken as the baseline.`
    ])
  })
})

describe('runs without results', () => {
  const inputs = (fake: FakePlatform, extra: Record<string, string> = {}) => ({
    'sample-id': 'all',
    'api-token': DEMO.token,
    'api-url': fake.apiUrl,
    commit: HEAD,
    platform: 'linux, windows',
    ...extra
  })

  it.each([
    ['canceled', 'was canceled (the run was canceled, its build failed, or a test machine failed)'],
    ['incomplete', 'ended incomplete']
  ] as const)(
    'name a %s run in one error, report the other platform, set the outputs',
    async (outcome, said) => {
      const { platform: fake, clock } = await setUp()
      fake.scheduleCommit(
        { linux: 9500, windows: 9501 },
        {
          at: clock.now() - 40 * MINUTE,
          commit_sha: HEAD,
          windows: { outcome, runningMs: outcome === 'canceled' ? 0 : 5 * MINUTE }
        }
      )
      const step = await runStep(inputs(fake), {}, { clock })
      expect(step.failed).toBe(true)
      expect(JSON.parse(step.outputs.runs ?? '')).toMatchObject([
        { platform: 'linux', run_id: 9500, status: 'pass' },
        { platform: 'windows', run_id: 9501, status: outcome }
      ])
      expect(step.outputs.status).toBe('fail')
      expect(step.outputs.total).toBe('230')
      expect(errorsOf(step.lines)).toEqual([
        `::error::The Sample Platform's windows run 9501 ${said}: it has no results to report. See ${fake.url}/test/9501`
      ])
      expect(step.summary).toContain(
        `| windows | [run 9501](${fake.url}/test/9501) | ⚠️ ${outcome}: no results | – |`
      )
    }
  )

  it('only warns about a canceled run with fail-on never', async () => {
    const { platform: fake, clock } = await setUp()
    fake.scheduleCommit(
      { linux: 9500, windows: 9501 },
      {
        at: clock.now() - 40 * MINUTE,
        commit_sha: HEAD,
        windows: { outcome: 'canceled', runningMs: 0 }
      }
    )
    const step = await runStep(inputs(fake, { 'fail-on': 'never' }), {}, { clock })
    expect(step.failed).toBe(false)
    expect(step.lines).toContainEqual(
      expect.stringMatching(/^::warning::The Sample Platform's windows run 9501 was canceled/)
    )
  })

  it('reports the newest run of a commit that was tested twice', async () => {
    const { platform: fake, clock } = await setUp()
    fake.scheduleRun(9500, {
      at: clock.now() - 90 * MINUTE,
      commit_sha: HEAD,
      outcome: 'canceled',
      runningMs: 0
    })
    fake.scheduleRun(9507, { at: clock.now() - 40 * MINUTE, commit_sha: HEAD })
    const step = await runStep(inputs(fake, { platform: 'linux' }), {}, { clock })
    expect(step.outputs['run-id']).toBe('9507')
    expect(step.failed).toBe(false)
  })

  it('says no run exists yet, and what usually causes it, without waiting', async () => {
    const { platform: fake, clock } = await setUp()
    const step = await runStep(inputs(fake, { platform: 'windows' }), {}, { clock })
    expect(errorsOf(step.lines)).toEqual([
      '::error::No Sample Platform run exists for commit 3f2c9e1 on windows. Usually the build workflow ("Build CCExtractor on Windows") has not finished yet, or the platform did not take the commit (it tests pushes and pull requests of the repository it watches). Set wait-timeout to wait for it.'
    ])
    expect(fake.requests).toHaveLength(1)
    expect(JSON.parse(step.outputs.runs ?? '')).toEqual([
      {
        platform: 'windows',
        run_id: null,
        status: null,
        url: null,
        commit_sha: HEAD,
        baseline_run_id: null
      }
    ])
  })

  it('gives up after wait-timeout, saying what it last saw', async () => {
    const { platform: fake, clock } = await setUp()
    fake.scheduleRun(9500, { at: clock.now(), queuedMs: 60 * MINUTE, commit_sha: HEAD })
    const step = await runStep(
      inputs(fake, { platform: 'linux', 'wait-timeout': '600' }),
      {},
      { clock }
    )
    expect(errorsOf(step.lines)).toEqual([
      `::error::The Sample Platform's linux run 9500 is still queued after waiting 600 s (wait-timeout: 600): its results are not final. Raise wait-timeout, or re-run later. See ${fake.url}/test/9500`
    ])
    // 10 minutes of waiting: a few quick looks, then 4 a minute, never past the time given.
    const polls = pollsOf(fake)
    expect(polls.length).toBeLessThanOrEqual(3 + 4 * 10)
    for (const at of polls.filter((time) => time >= (polls[0] ?? 0) + MINUTE)) {
      expect(
        polls.filter((other) => other >= at && other < at + MINUTE).length
      ).toBeLessThanOrEqual(4)
    }
    expect((polls.at(-1) ?? 0) - (polls[0] ?? 0)).toBeLessThanOrEqual(600_000)
  })

  it('names the wait-timeout given, not the time left, when results are not final once the run is', async () => {
    const { platform: fake, clock } = await setUp()
    fake.scheduleRun(9500, {
      at: clock.now(),
      queuedMs: MINUTE,
      runningMs: 3 * MINUTE,
      commit_sha: HEAD
    })
    // The run says it is finished at 4 minutes; its result never does.
    const result = fake.runs.get(DEMO.runId)?.get(DEMO.passingSample)
    fake.enqueueFault({
      match: (path) => path.includes(`/runs/9500/samples/${DEMO.passingSample}`),
      json: { ...result, regression_test_id: DEMO.passingSample, status: 'running' },
      times: 1000
    })
    const step = await runStep(
      inputs(fake, {
        platform: 'linux',
        'sample-id': String(DEMO.passingSample),
        'wait-timeout': '600'
      }),
      {},
      { clock }
    )
    expect(warningsOf(step.lines)).toContainEqual(
      expect.stringContaining('Not final after waiting 600 s (wait-timeout: 600)')
    )
  })

  it('has nothing to compare with when no baseline is found: a warning, and fail-on regression fails', async () => {
    const { platform: fake, clock } = await setUp()
    fake.scheduleRun(9500, { at: clock.now() - 40 * MINUTE, commit_sha: HEAD })
    const step = await runStep(
      inputs(fake, {
        platform: 'linux',
        'baseline-run-id': 'auto',
        'baseline-branch': 'no-such-branch',
        'fail-on': 'regression'
      }),
      {},
      { clock }
    )
    expect(step.lines).toContainEqual(
      expect.stringMatching(
        /^::warning::No baseline for linux: no finished run on no-such-branch before it was found among the newest 20/
      )
    )
    expect(errorsOf(step.lines)).toEqual([
      '::error::fail-on: "regression" had nothing to compare with on linux: no baseline run was found (see the warning above). Give baseline-run-id, or check baseline-branch.'
    ])
    expect(step.outputs['baseline-run-id']).toBe('')
  })
})

describe('input errors of commit, platform and baseline', () => {
  it.each([
    [{ 'run-id': '9412', commit: HEAD }, 'run-id and commit are both set'],
    [{ commit: 'abc123' }, 'commit: "abc123" is not a full commit SHA'],
    [{ platform: 'mac' }, 'platform: "mac" is not linux, windows, or both'],
    [
      { platform: 'linux, windows', 'baseline-run-id': '1' },
      'baseline-run-id: "1" names 1 runs for 2 platforms'
    ]
  ])('refuses %j before any request', async (values, message) => {
    const { platform: fake, clock } = await setUp()
    const step = await runStep(
      { 'sample-id': 'all', 'api-token': DEMO.token, 'api-url': fake.apiUrl, ...values },
      {},
      { clock }
    )
    expect(errorsOf(step.lines)).toEqual([expect.stringContaining(message)])
    expect(fake.requests).toHaveLength(0)
  })
})

describe('edge cases of the commit path', () => {
  const inputs = (fake: FakePlatform, extra: Record<string, string> = {}) => ({
    'sample-id': 'all',
    'api-token': DEMO.token,
    'api-url': fake.apiUrl,
    commit: HEAD,
    ...extra
  })

  it('does not wait for samples a finished run does not have', async () => {
    const { platform: fake, clock } = await setUp()
    fake.scheduleRun(9500, { at: clock.now() - 40 * MINUTE, commit_sha: HEAD })
    const step = await runStep(
      inputs(fake, { 'sample-id': `${DEMO.passingSample}, 9999`, 'wait-timeout': '5400' }),
      {},
      { clock }
    )
    expect(clock.sleeps).toEqual([])
    const results = JSON.parse(step.outputs.results ?? '[]') as { status: string }[]
    expect(results.map((entry) => entry.status)).toEqual(['pass', 'unavailable'])
  })

  it('compares a push with the newest finished run before it, never one after it or of its own commit', async () => {
    const { platform: fake, clock } = await setUp()
    // The commit of master run 9405, which master ran 9408 and 9411 after, and ran
    // once more before (9404): neither a later run nor its own commit's may be its baseline.
    const sha = defaultRunFields(9405).commit_sha
    fake.setRun(9404, { commit_sha: sha, branch: 'master', status: 'pass' })
    const step = await runStep(
      inputs(fake, { commit: '', 'baseline-run-id': 'auto' }),
      {
        ...workflowRunEnv(),
        GITHUB_EVENT_NAME: 'push',
        GITHUB_EVENT_PATH: resolve('__fixtures__/events/push.json'),
        GITHUB_SHA: sha
      },
      { clock }
    )
    expect(step.outputs.commit).toBe(sha)
    expect(step.outputs['baseline-run-id']).toBe('9402')
  })

  it('treats a baseline run still running as unreadable: fail-on regression cannot pass', async () => {
    const { platform: fake, clock } = await setUp()
    fake.scheduleRun(9420, {
      at: clock.now() - 20 * MINUTE,
      queuedMs: 0,
      runningMs: 60 * MINUTE,
      branch: 'master'
    })
    const step = await runStep(
      {
        'run-id': String(DEMO.runId),
        'sample-id': 'all',
        'api-token': DEMO.token,
        'api-url': fake.apiUrl,
        'baseline-run-id': '9420',
        'fail-on': 'regression'
      },
      {},
      { clock }
    )
    expect(step.failed).toBe(true)
    expect(errorsOf(step.lines)).toEqual([
      expect.stringContaining(
        'could not be compared with run 9420, whose results could not be read (run 9420 is running, not finished with results.)'
      )
    ])
  })

  it('never reports a run marked fail with an empty list as all passing', async () => {
    const { platform: fake, clock } = await setUp()
    fake.setRun(9600, { status: 'fail', commit_sha: HEAD })
    const step = await runStep(inputs(fake), {}, { clock })
    expect(step.outputs.status).toBe('fail')
    expect(step.summary).not.toContain('all 0 results pass')
    expect(step.lines).toContainEqual(
      expect.stringContaining(
        "The Sample Platform's run 9600: it is marked fail, but its list of results is empty."
      )
    )
    expect(step.failed).toBe(true)
  })

  it('reports the newest run of a commit when the server gives no creation times', async () => {
    const { platform: fake, clock } = await setUp()
    fake.scheduleRun(9500, { at: clock.now() - 90 * MINUTE, commit_sha: HEAD })
    fake.scheduleRun(9507, { at: clock.now() - 40 * MINUTE, commit_sha: HEAD })
    const run = (id: number) => ({
      run_id: id,
      status: 'pass',
      platform: 'linux',
      repository: FAKE_REPOSITORY,
      commit_sha: HEAD,
      created_at: null
    })
    fake.enqueueFault({
      match: (path) => path.startsWith('/api/v1/runs?'),
      json: {
        data: [run(9500), run(9507)],
        pagination: { limit: 20, offset: 0, total: 2, next_offset: null },
        meta: {}
      }
    })
    const step = await runStep(inputs(fake, { platform: 'linux' }), {}, { clock })
    expect(step.outputs['run-id']).toBe('9507')
  })

  it('reports without comparison when the base commit cannot be read from GitHub, with a warning', async () => {
    const { platform: fake, clock } = await setUp()
    // A fork's run lists no pull request: its pull request, and so its base, is asked of the API.
    const forkHead = 'c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3'
    fake.scheduleRun(9500, { at: clock.now() - 40 * MINUTE, commit_sha: forkHead })
    github().enqueueFault({
      match: (path) => path.includes('/pulls?'),
      status: 500,
      times: 10
    })
    const step = await runStep(
      {
        ...inputs(fake, { commit: '', 'baseline-run-id': 'auto' }),
        'github-token': FAKE_GITHUB_TOKEN
      },
      {
        ...workflowRunEnv(),
        GITHUB_EVENT_PATH: resolve('__fixtures__/events/workflow_run_fork.json')
      },
      { clock }
    )
    expect(step.outputs.commit).toBe(forkHead)
    expect(step.outputs.total).toBe('230')
    expect(step.lines).toContainEqual(
      expect.stringMatching(
        /^::warning::baseline-run-id auto: the pull request of the workflow_run event could not be read\. The GitHub API answered 500/
      )
    )
    expect(step.log).not.toContain('Unexpected error')
  })

  it('reports without comparison on a server that cannot list runs, for a run given by its ID', async () => {
    const { platform: fake, clock } = await setUp()
    fake.enqueueFault({
      match: (path) => /^\/api\/v1\/runs(\?|\/\d+$)/.test(path),
      status: 404,
      json: { code: 'not_found', message: 'No route.', details: {} },
      times: 10
    })
    const step = await runStep(
      {
        'run-id': String(DEMO.runId),
        'sample-id': String(DEMO.passingSample),
        'api-token': DEMO.token,
        'api-url': fake.apiUrl,
        'baseline-run-id': 'auto',
        platform: 'windows'
      },
      {},
      { clock }
    )
    expect(step.outputs.status).toBe('pass')
    expect(step.lines).toContainEqual(
      expect.stringMatching(
        /^::warning::No baseline for windows: the runs to compare with could not be listed/
      )
    )
    expect(step.failed).toBe(false)
  })
})
