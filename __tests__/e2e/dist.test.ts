/**
 * The committed bundle, run as the runner runs it: `node dist/index.js` under
 * the Node version action.yml declares, inputs in INPUT_* variables.
 */
import { expect, it } from '@jest/globals'
import { resolve } from 'node:path'
import { DEMO } from '../../test-support/fake-platform.js'
import { FAKE_GITHUB_TOKEN, FAKE_REPOSITORY } from '../../test-support/fake-github.js'
import { useFakeGitHub } from '../../test-support/github-fixture.js'
import { useFakePlatform } from '../../test-support/platform-fixture.js'
import { runAction } from '../../test-support/runner.js'
import { NODE_24, describeUnderNode24, node24 } from '../../test-support/node24-suite.js'

const platform = useFakePlatform()
const github = useFakeGitHub()
const inputs = (sampleId: number, extra: Record<string, string> = {}) => ({
  'run-id': String(DEMO.runId),
  'sample-id': String(sampleId),
  'api-token': DEMO.token,
  'api-url': platform().apiUrl,
  ...extra
})

describeUnderNode24('dist/index.js under Node 24', () => {
  it('has the declared runtime to run under', () => {
    expect(node24).not.toHaveProperty('reason')
  })

  it('passes on a passing result', async () => {
    const step = await runAction({ node: NODE_24, inputs: inputs(DEMO.passingSample) })
    expect(step.stderr).toBe('')
    expect(step.code).toBe(0)
    expect(step.stdout).toContain(`::add-mask::${DEMO.token}`)
    expect(step.stdout).toContain(`Run ${DEMO.runId}, sample ${DEMO.passingSample}: ✅ pass`)
    expect(step.outputs).toMatchObject({ status: 'pass', passed: 'true', category: 'Teletext' })
    expect(step.summary).toContain(`### ✅ pass: run ${DEMO.runId}, sample ${DEMO.passingSample}`)
  })

  it('fails with one error line on a failing result, outputs and summary set', async () => {
    const step = await runAction({ node: NODE_24, inputs: inputs(DEMO.failingSample) })
    expect(step.code).toBe(1)
    expect(step.stderr).toBe('')
    expect(step.stdout.match(/^::error::/gm)).toHaveLength(1)
    expect(step.stdout).toContain(
      `::error::Run ${DEMO.runId}, sample ${DEMO.failingSample}: ❌ fail (exit code 8, expected 0`
    )
    expect(step.outputs).toMatchObject({
      status: 'fail',
      passed: 'false',
      'exit-code': '8',
      'expected-exit-code': '0'
    })
    expect(step.summary).toContain('| **8** (expected 0) |')
  })

  it('fails on bad input without a stack trace', async () => {
    const step = await runAction({
      node: NODE_24,
      inputs: inputs(DEMO.passingSample, { 'sample-id': 'abc' })
    })
    expect(step.code).toBe(1)
    expect(step.stderr).toBe('')
    expect(step.stdout.trim().split('\n').at(-1)).toBe(
      '::error::sample-id: "abc" is not a sample ID, a range such as 10-25, or all.'
    )
  })

  it('loads the GitHub code it splits off, and comments on the pull request', async () => {
    github().addPull({ number: 1702, branch: 'dvb-timing' })
    const step = await runAction({
      node: NODE_24,
      inputs: inputs(DEMO.failingSample, { comment: 'always', 'github-token': FAKE_GITHUB_TOKEN }),
      env: {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: resolve('__fixtures__/events/pull_request.json'),
        GITHUB_API_URL: github().url,
        GITHUB_REPOSITORY: FAKE_REPOSITORY,
        GITHUB_RUN_ID: '1'
      }
    })
    expect(step.stderr).toBe('')
    expect(step.code).toBe(1)
    expect(step.outputs['comment-action']).toBe('created')
    expect(github().comments[0]?.body).toContain('❌ fail')
  })

  it('on a status event, reports the commit and posts our commit status', async () => {
    const head = '7e1d2c3b4a5f60718293a4b5c6d7e8f9a0b1c2d3'
    platform().scheduleCommit(
      { linux: 9600, windows: 9601 },
      { at: Date.now() - 3 * 3600_000, commit_sha: head, branch: 'pull_request' }
    )
    github().addPull({ number: 1702, branch: 'teletext-fix', sha: head })
    const step = await runAction({
      node: NODE_24,
      inputs: {
        'api-token': DEMO.token,
        'api-url': platform().apiUrl,
        platform: 'linux, windows',
        'sample-id': 'all',
        unfinished: 'report',
        'commit-status': 'on',
        comment: 'always',
        'github-token': FAKE_GITHUB_TOKEN
      },
      env: {
        GITHUB_EVENT_NAME: 'status',
        GITHUB_EVENT_PATH: resolve('__fixtures__/events/status.json'),
        GITHUB_API_URL: github().url,
        GITHUB_REPOSITORY: FAKE_REPOSITORY,
        GITHUB_RUN_ID: '1'
      }
    })
    expect(step.stderr).toBe('')
    expect(step.code).toBe(0)
    expect(step.outputs).toMatchObject({ commit: head, 'run-id': '9600,9601', status: 'pass' })
    expect(github().statuses.map(({ sha, state, context }) => [sha, state, context])).toEqual([
      [head, 'success', 'Sample Platform results']
    ])
    expect(github().comments[0]?.issue_url).toMatch(/\/issues\/1702$/)
  })
})
