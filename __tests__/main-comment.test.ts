/**
 * The pull request comment, end to end in the step: the fake Sample Platform,
 * a fake GitHub API reached through GITHUB_API_URL, real event payload files.
 */
import { describe, expect, it } from '@jest/globals'
import MarkdownIt from 'markdown-it'
import { parseMarker } from '../src/report/comment-state.js'
import { COMMENT_LIMIT_CHARS } from '../src/report/step-report.js'
import { hostile } from '../__fixtures__/results.js'
import { DEMO } from '../test-support/fake-platform.js'
import { FAKE_GITHUB_TOKEN, FAKE_REPOSITORY } from '../test-support/fake-github.js'
import { eventEnv, useFakeGitHub } from '../test-support/github-fixture.js'
import { useFakePlatform } from '../test-support/platform-fixture.js'
import { runStep } from '../test-support/run-step.js'

/** Faults for the results, not for the run's description read first. */
const onResults = (path: string) => /\/samples(\/|\?)/.test(path)

const platform = useFakePlatform()
const github = useFakeGitHub()
const markdown = new MarkdownIt({ html: true })
const PR = 1702
const FORK_PR = 1703

function event(name: string, file = name): Record<string, string> {
  return eventEnv(github(), name, file)
}

/** A step that comments; `inputs` override the defaults. */
function step(
  inputs: Record<string, string> = {},
  env: Record<string, string> = event('pull_request')
) {
  return runStep(
    {
      'run-id': String(DEMO.runId),
      'sample-id': String(DEMO.failingSample),
      'api-token': DEMO.token,
      'api-url': platform().apiUrl,
      'github-token': FAKE_GITHUB_TOKEN,
      comment: 'always',
      ...inputs
    },
    env
  )
}

const ours = () =>
  github().comments.filter((comment) => comment.body.includes('<!-- sample-result-action'))
const writes = () => github().requests.filter((request) => request.method !== 'GET')

describe('the pull request comment', () => {
  it('is created on the pull request of the event, before the step fails', async () => {
    github().addPull({ number: PR, branch: 'dvb-timing' })
    const run = await step()
    expect(run.failed).toBe(true)
    expect(run.outputs['comment-action']).toBe('created')
    const [comment] = github().comments
    expect(comment?.user.login).toBe('github-actions[bot]')
    expect(run.outputs['comment-id']).toBe(String(comment?.id))
    expect(run.outputs['comment-url']).toBe(comment?.html_url)
    expect(comment?.body).toContain(`### ❌ fail: run ${DEMO.runId}, sample ${DEMO.failingSample}`)
    expect(comment?.body).toContain('| **8** (expected 0) |')
    expect(comment?.body).toContain(
      '[Job log and full summary](https://github.com/CCExtractor/ccextractor/actions/runs/8123456789)'
    )
    expect(parseMarker(comment?.body ?? '')).toEqual({
      key: `Sample Platform / results / samples ${DEMO.failingSample} / linux`,
      statuses: { [DEMO.failingSample]: 'fail' }
    })
    // The comment is written before the failure is reported.
    const written = run.lines.findIndex((line) => line.includes('comment created'))
    const failure = run.lines.findIndex((line) => line.startsWith('::error::'))
    expect(written).toBeGreaterThanOrEqual(0)
    expect(failure).toBeGreaterThan(written)
  })

  it('is updated in place on a re-run, saying what changed', async () => {
    github().addPull({ number: PR, branch: 'dvb-timing' })
    await step({ 'sample-id': String(DEMO.passingSample) })
    const first = ours()[0]
    const run = await step({ 'sample-id': String(DEMO.passingSample), 'comment-key': 'k' })
    expect(run.outputs['comment-action']).toBe('created')
    const rerun = await step({ 'sample-id': String(DEMO.passingSample) })
    expect(rerun.outputs['comment-action']).toBe('updated')
    expect(rerun.outputs['comment-id']).toBe(String(first?.id))
    expect(ours()).toHaveLength(2)
    expect(ours()[0]?.body).toContain('🔁 No change since the last update (same status).')
  })

  it('says "was pass, now fail" when a status changed', async () => {
    github().addPull({ number: PR, branch: 'dvb-timing' })
    await step({ 'sample-id': '132', 'comment-key': 'same' })
    const sample = platform().runs.get(DEMO.runId)?.get(DEMO.failingSample)
    platform().enqueueFault({ match: onResults, json: { ...sample, status: 'pass' } })
    const run = await step({ 'sample-id': '132', 'comment-key': 'same' })
    expect(run.outputs['comment-action']).toBe('updated')
    expect(ours()[0]?.body).toContain(
      '🔁 Since the last update: sample 132 was ❌ fail, now ✅ pass.'
    )
  })

  it('is recreated at the bottom with comment-mode recreate', async () => {
    github().addPull({ number: PR, branch: 'dvb-timing' })
    await step()
    const old = ours()[0]
    const run = await step({ 'comment-mode': 'recreate' })
    expect(run.outputs['comment-action']).toBe('recreated')
    expect(ours()).toHaveLength(1)
    expect(ours()[0]?.id).not.toBe(old?.id)
    expect(writes().at(-1)).toMatchObject({
      method: 'DELETE',
      path: `/repos/${FAKE_REPOSITORY}/issues/comments/${old?.id}`
    })
  })

  it.each([
    // comment, sample, the status our earlier comment showed (null: none), expected action
    ['failure', DEMO.passingSample, null, 'skipped'],
    ['failure', DEMO.failingSample, null, 'created'],
    ['failure', DEMO.passingSample, 'fail', 'updated'],
    ['failure', DEMO.passingSample, 'pass', 'skipped'],
    ['change', DEMO.failingSample, null, 'created'],
    ['change', DEMO.passingSample, null, 'skipped'],
    ['change', DEMO.passingSample, 'fail', 'updated'],
    ['change', DEMO.failingSample, 'fail', 'skipped']
  ])(
    'comment %s, sample %i, earlier comment showing %s: %s',
    async (policy, sampleId, earlier, action) => {
      github().addPull({ number: PR, branch: 'dvb-timing' })
      if (earlier !== null) {
        const sample = platform().runs.get(DEMO.runId)?.get(sampleId)
        platform().enqueueFault({ match: onResults, json: { ...sample, status: earlier } })
        const first = await step({
          'sample-id': String(sampleId),
          comment: 'always',
          'comment-key': 'policy'
        })
        expect(first.outputs['comment-action']).toBe('created')
      }
      const run = await step({
        'sample-id': String(sampleId),
        comment: policy,
        'comment-key': 'policy'
      })
      expect(run.outputs['comment-action']).toBe(action)
    }
  )

  it('with comment change, leaves the comment alone until a status changes', async () => {
    github().addPull({ number: PR, branch: 'dvb-timing' })
    await step({ comment: 'change' })
    const again = await step({ comment: 'change' })
    expect(again.outputs['comment-action']).toBe('skipped')
    const sample = platform().runs.get(DEMO.runId)?.get(DEMO.failingSample)
    platform().enqueueFault({ match: onResults, json: { ...sample, status: 'missing_output' } })
    const changed = await step({ comment: 'change' })
    expect(changed.outputs['comment-action']).toBe('updated')
  })

  it("never edits another user's comment that holds our marker, and cleans our duplicates", async () => {
    github().addPull({ number: PR, branch: 'dvb-timing' })
    await step()
    const body = ours()[0]?.body ?? ''
    const theirs = github().addComment({ issue: PR, body, login: 'mallory' })
    const older = github().addComment({ issue: PR, body, login: 'github-actions[bot]' })
    const newest = github().addComment({ issue: PR, body, login: 'github-actions[bot]' })
    const run = await step()
    expect(run.outputs['comment-id']).toBe(String(newest.id))
    const touched = writes().map((request) => request.path)
    expect(touched).not.toContain(`/repos/${FAKE_REPOSITORY}/issues/comments/${theirs.id}`)
    expect(github().comments.map((comment) => comment.id)).toEqual(
      expect.arrayContaining([theirs.id, newest.id])
    )
    expect(github().comments.map((comment) => comment.id)).not.toContain(older.id)
  })

  it('finds the pull request of a workflow_run from a fork by its head repository, branch and commit', async () => {
    github().addPull({
      number: FORK_PR,
      branch: 'teletext-fix',
      headRepository: 'ramya-dev/ccextractor',
      sha: 'c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3'
    })
    const run = await step({}, event('workflow_run', 'workflow_run_fork'))
    expect(run.outputs['comment-action']).toBe('created')
    expect(github().comments[0]?.issue_url).toContain(`/issues/${FORK_PR}`)
  })

  it.each([
    ['pull_request_target', FORK_PR],
    ['issue_comment', PR],
    ['workflow_run', PR]
  ])('comments from a %s event on its pull request', async (name, number) => {
    github().addPull({ number, branch: 'dvb-timing' })
    const run = await step({}, event(name))
    expect(run.outputs['comment-action']).toBe('created')
    expect(github().comments[0]?.issue_url).toContain(`/issues/${number}`)
  })

  it('refuses a pr-number whose head is not the workflow_run commit, with one error', async () => {
    github().addPull({
      number: PR,
      branch: 'dvb-timing',
      sha: '3f2c9e1d7b4a5c6e8f90a1b2c3d4e5f6a7b8c9d0'
    })
    github().addPull({
      number: 1799,
      branch: 'someone-else',
      sha: 'aaaabbbbccccddddeeeeffff0000111122223333'
    })
    const run = await step({ 'pr-number': '1799' }, event('workflow_run'))
    expect(run.outputs['comment-action']).toBe('failed')
    expect(github().comments).toEqual([])
    expect(run.lines.filter((line) => line.startsWith('::error::pr-number'))).toEqual([
      '::error::pr-number: pull request #1799 has head commit aaaabbbbcccc, not the commit this workflow_run event is about (3f2c9e1d7b4a), so no comment was written. With workflow_run, leave pr-number empty: the action finds the pull request from the event, which a fork cannot choose.'
    ])
    const ok = await step({ 'pr-number': String(PR) }, event('workflow_run'))
    expect(ok.outputs['comment-action']).toBe('created')
  })

  it('writes nothing for a push, with one info line', async () => {
    const run = await step({}, event('push'))
    expect(run.outputs['comment-action']).toBe('skipped')
    expect(run.lines).toContain('No pull request for this push event: no comment written.')
    expect(github().requests).toHaveLength(0)
  })

  it('uses pr-number when given, and refuses a bad one before any request', async () => {
    github().addPull({ number: 1800, branch: 'other' })
    const run = await step({ 'pr-number': '1800' }, event('push'))
    expect(run.outputs['comment-action']).toBe('created')
    const bad = await step({ 'pr-number': '#18' })
    expect(bad.lines.filter((line) => line.startsWith('::error::'))).toEqual([
      '::error::pr-number: "#18" is not a positive integer (1 to 2147483647).'
    ])
    // The first step's requests (its result, its history and diff); none for the bad one.
    expect(platform().requests.length).toBe(3)
  })

  it('turns the read-only token of a fork into a warning; outputs, summary and fail-on stand', async () => {
    const fork = await (
      await import('../test-support/fake-github.js')
    ).startFakeGitHub({ forkMode: true })
    try {
      fork.addPull({ number: PR, branch: 'dvb-timing' })
      const run = await step(
        { 'sample-id': String(DEMO.passingSample) },
        { ...event('pull_request'), GITHUB_API_URL: fork.url }
      )
      expect(run.failed).toBe(false)
      expect(run.outputs['comment-action']).toBe('failed')
      expect(run.outputs.status).toBe('pass')
      expect(run.summary).toContain('✅ pass')
      const warnings = run.lines.filter((line) => line.startsWith('::warning::'))
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain('pull-requests: write')
      expect(warnings[0]).toContain('#pull-requests-from-forks')
    } finally {
      await fork.close()
    }
  })

  it('keeps a result message of 200,000 characters within the comment limit, pointing to the job summary', async () => {
    github().addPull({ number: PR, branch: 'dvb-timing' })
    const sample = platform().runs.get(DEMO.runId)?.get(DEMO.failingSample)
    platform().enqueueFault({
      match: onResults,
      json: { ...sample, result_message: 'x'.repeat(200_000) }
    })
    const run = await step()
    const body = ours()[0]?.body ?? ''
    expect(run.outputs['comment-action']).toBe('created')
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS)
    expect(body).toContain('*The message is shortened: 195,000 more characters; the [job summary]')
    expect(run.outputs['result-message']).toHaveLength(200_000)
  })

  it('keeps a whole run within the comment limit', async () => {
    github().addPull({ number: PR, branch: 'dvb-timing' })
    const run = await step({ 'sample-id': 'all', 'baseline-run-id': String(DEMO.baselineRunId) })
    const body = ours()[0]?.body ?? ''
    expect(run.outputs['comment-action']).toBe('created')
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS)
    expect(body).toContain('#### 🔻 Regressions since run 9411 (4)')
    expect(Object.keys(parseMarker(body)?.statuses ?? {})).toHaveLength(230)
  })

  it('shows all of a run that has one result as a run, in the summary, the comment and the log alike', async () => {
    github().addPull({ number: PR, branch: 'dvb-timing' })
    const only = platform().runs.get(DEMO.runId)?.get(DEMO.passingSample)
    if (!only) throw new Error('the demo run has no passing sample')
    const runId = 9600
    platform().setResult(runId, { ...only, run_id: runId })
    try {
      const run = await step({ 'run-id': String(runId), 'sample-id': 'all' })
      const body = ours()[0]?.body ?? ''
      const heading = `### ✅ the 1 result passes: run ${runId}`
      expect(run.summary).toContain(heading)
      expect(body).toContain(heading)
      expect(body).not.toContain(`### ✅ pass: run ${runId}`)
      expect(run.lines).toContain(`Run ${runId}: ✅ the 1 result passes`)
      // The one-result outputs belong to the one-sample layout only.
      expect(run.outputs).not.toHaveProperty('regression-id')
      expect(run.outputs.total).toBe('1')
    } finally {
      platform().removeRun(runId)
    }
  })

  it('lets no API string inject markdown, HTML, mentions or the token into the comment', async () => {
    github().addPull({ number: PR, branch: 'dvb-timing' })
    // Every string the server controls tries to break out, and the message carries the token.
    platform().enqueueFault({
      match: onResults,
      json: { ...hostile, result_message: `${hostile.result_message} ${DEMO.token}` }
    })
    await step({ 'sample-id': '66' })
    const body = ours()[0]?.body ?? ''
    const html = markdown.render(body)
    expect(html).not.toMatch(/<(img|script|details|summary|b)[ >]/)
    expect(html.replace(/<code>[\s\S]*?<\/code>/g, '')).not.toMatch(/@(octocat|team|here)/)
    expect(body).not.toContain(DEMO.token)
    expect(html.match(/<pre>/g)).toHaveLength(2)
  })
})

describe('what a contributor needs to act', () => {
  it("is in the comment: each failing sample's page and download, and its command to paste", async () => {
    github().addPull({ number: PR, branch: 'dvb-timing' })
    await step({
      'sample-id': `${DEMO.failingSample}, ${DEMO.missingOutputSample}, ${DEMO.passingSample}`
    })
    const body = ours()[0]?.body ?? ''
    const html = markdown.render(body)
    for (const [sample, command] of [
      [DEMO.failingSample, '--autoprogram --out=ttxt --latin1'],
      [DEMO.missingOutputSample, '-svc 1,2 -out=srt']
    ] as const) {
      expect(html).toContain(
        `<a href="${platform().url}/sample/${1000 + sample}">page and download</a>`
      )
      expect(html).toMatch(new RegExp(`<code>ccextractor ${command} [^<]+</code>`))
    }
    // Nothing to act on for the sample that passes.
    expect(body).not.toContain(`/sample/${1000 + DEMO.passingSample}`)
  })
})
