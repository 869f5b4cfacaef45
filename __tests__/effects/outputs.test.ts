import { describe, expect, it } from '@jest/globals'
import { resultOutputs, stepOutputs } from '../../src/effects/outputs.js'
import type { Collected } from '../../src/platform/model.js'
import { countResults, type ResultSet } from '../../src/platform/model.js'
import { failing, passing } from '../../__fixtures__/results.js'

const API = 'https://sampleplatform.ccextractor.org/api/v1'

describe('resultOutputs', () => {
  it('gives every output as text, null as empty', () => {
    const result = { ...failing, runtime_ms: null, result_message: null }
    const outputs = resultOutputs(result, API)
    expect(outputs).toEqual({
      status: 'fail',
      passed: 'false',
      'regression-id': '42',
      category: 'DVB',
      command: '-codec dvbsub -out=spupng',
      'runtime-ms': '',
      'exit-code': '139',
      'expected-exit-code': '0',
      'result-message': '',
      tags: '[]',
      outputs: JSON.stringify(failing.outputs),
      result: JSON.stringify(result),
      url: 'https://sampleplatform.ccextractor.org/test/9412'
    })
    expect(resultOutputs(passing, API).passed).toBe('true')
  })
})

describe('stepOutputs', () => {
  const bytes = (outputs: Record<string, string>) =>
    Object.entries(outputs).reduce(
      (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value),
      0
    )
  const platformRun = (
    platform: 'linux' | 'windows',
    runId: number,
    count: number,
    status: string
  ) => {
    const entries = Array.from({ length: count }, (_, i) => ({
      sampleId: i + 1,
      result: { ...failing, sample_id: i + 1, regression_id: i + 1, status },
      problem: null
    }))
    const set: ResultSet = { runId, baselineRunId: null, layout: 'run', platform, entries }
    return { platform, runId, run: null, set, problem: null }
  }

  it('keeps two platforms of thousands of results within 900,000 bytes, saying how many it kept', () => {
    const status = 'é'.repeat(100)
    const collected: Collected = {
      commit: null,
      runs: [platformRun('linux', 1, 6000, status), platformRun('windows', 2, 6000, status)]
    }
    const { outputs, warning } = stepOutputs(
      collected,
      countResults(collected.runs.flatMap((run) => (run.set ? [run.set] : []))),
      API,
      '/tmp/r.md'
    )
    expect(bytes(outputs)).toBeLessThanOrEqual(900_000)
    expect(warning).toMatch(/for the first \d+ of 12000/)
  })

  it('cuts a run status of megabytes in the runs output', () => {
    const canceled = {
      platform: 'linux' as const,
      runId: 3,
      run: {
        runId: 3,
        status: `x${'y'.repeat(2_000_000)}`,
        platform: 'linux' as const,
        commitSha: null,
        repository: null,
        branch: null,
        createdAt: null
      },
      set: null,
      problem: 'canceled'
    }
    const { outputs } = stepOutputs(
      { commit: null, runs: [canceled] },
      countResults([]),
      API,
      '/tmp/r.md'
    )
    expect(bytes(outputs)).toBeLessThan(10_000)
  })
})
