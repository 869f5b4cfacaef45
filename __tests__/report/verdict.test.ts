import { describe, expect, it } from '@jest/globals'
import {
  countResults,
  type Change,
  type Collected,
  type PlatformRun,
  type ResultSet,
  type SampleEntry
} from '../../src/platform/model.js'
import {
  decideVerdict,
  describeCounts,
  describeProblems,
  shouldFail
} from '../../src/report/verdict.js'
import { failing, passing, timedOut } from '../../__fixtures__/results.js'

describe('shouldFail', () => {
  const entry = (sampleId: number, status: string | null, change?: Change): SampleEntry => ({
    sampleId,
    result: status === null ? null : { ...passing, sample_id: sampleId, status },
    problem: status === null ? { kind: 'server', message: '503' } : null,
    ...(change ? { baselineStatus: 'pass', change } : {})
  })
  const set = (...entries: SampleEntry[]): ResultSet => ({
    runId: 1,
    baselineRunId: null,
    layout: 'run',
    entries
  })

  it.each([
    [{ mode: 'non-pass' } as const, set(entry(1, 'pass')), false],
    [{ mode: 'non-pass' } as const, set(entry(1, 'pass'), entry(2, 'fail')), true],
    [{ mode: 'non-pass' } as const, set(entry(1, 'brand_new_status')), true],
    [{ mode: 'non-pass' } as const, set(entry(1, null)), true],
    [{ mode: 'never' } as const, set(entry(1, 'fail')), false],
    [
      { mode: 'statuses', statuses: ['fail', 'missing_output'] } as const,
      set(entry(1, 'missing_output')),
      true
    ],
    [
      { mode: 'statuses', statuses: ['fail'] } as const,
      set(entry(1, 'skipped'), entry(2, null)),
      false
    ],
    [{ mode: 'statuses', statuses: ['fail'] } as const, set(entry(1, 'pass')), false],
    [
      { mode: 'regression' } as const,
      set(entry(1, 'fail', 'still-failing'), entry(2, 'pass', 'fixed')),
      false
    ],
    [
      { mode: 'regression' } as const,
      set(entry(1, 'pass', 'still-passing'), entry(2, 'fail', 'regression')),
      true
    ]
  ])('%j: %#', (failOn, results, expected) => {
    expect(shouldFail(failOn, results)).toBe(expected)
  })
})

describe('describeProblems', () => {
  it('names the exit code and the output files that went wrong', () => {
    expect(describeProblems(failing)).toEqual([
      'exit code 139, expected 0',
      '1 of 2 output files differ from the expected'
    ])
    expect(describeProblems(timedOut)).toEqual([
      'exit code -1, expected 0',
      'the runner timed out',
      '1 of 1 output files not produced'
    ])
    expect(describeProblems(passing)).toEqual([])
  })
})

describe('describeCounts', () => {
  it.each([
    [{ failed: 3, total: 230 }, true, '❌ 3 of 230 results do not pass'],
    [{ failed: 3, total: 5 }, false, '❌ 3 of 5 results do not pass'],
    [{ failed: 0, total: 230 }, true, '✅ all 230 results pass'],
    // Passing results of an incomplete list never read as "all pass".
    [{ failed: 0, total: 5 }, false, '⚠️ the 5 results read pass'],
    [{ failed: 1, total: 1 }, true, '❌ 1 of 1 result does not pass'],
    [{ failed: 1, total: 230 }, true, '❌ 1 of 230 results does not pass'],
    [{ failed: 0, total: 1 }, true, '✅ the 1 result passes'],
    [{ failed: 0, total: 1 }, false, '⚠️ the 1 result read passes'],
    [{ failed: 0, total: 1500 }, true, '✅ all 1,500 results pass']
  ])('%j, complete %s: %s', (counts, complete, text) => {
    expect(describeCounts(counts, complete)).toBe(text)
  })

  it('says what a total across platforms is made of', () => {
    expect(describeCounts({ failed: 2, total: 460 }, true, true, [230, 230])).toBe(
      '❌ 2 of 460 results (230 samples × 2 platforms) do not pass'
    )
    expect(describeCounts({ failed: 0, total: 459 }, true, true, [230, 229])).toBe(
      '✅ all 459 results (on 2 platforms) pass'
    )
    expect(describeCounts({ failed: 0, total: 230 }, true, true, [230])).toBe(
      '✅ all 230 results pass'
    )
  })

  it('leaves the icon out inside a longer line', () => {
    expect(describeCounts({ failed: 0, total: 5 }, false, false)).toBe('the 5 results read pass')
  })
})

describe('decideVerdict as a commit status', () => {
  const API = 'https://sampleplatform.ccextractor.org/api/v1'
  const entry = (sampleId: number, status: string, change: Change): SampleEntry => ({
    sampleId,
    result: { ...passing, sample_id: 1000 + sampleId, regression_id: sampleId, status },
    problem: null,
    baselineStatus: 'pass',
    change
  })
  const withResults = (platform: 'linux' | 'windows', ...entries: SampleEntry[]): PlatformRun => ({
    platform,
    runId: platform === 'linux' ? 9500 : 9501,
    run: null,
    set: {
      runId: platform === 'linux' ? 9500 : 9501,
      baselineRunId: 9411,
      layout: 'run',
      platform,
      entries
    },
    problem: null
  })
  const withoutResults = (status: string, unfinished: boolean): PlatformRun => ({
    platform: 'windows',
    runId: 9501,
    run: {
      runId: 9501,
      status,
      platform: 'windows',
      commitSha: null,
      repository: null,
      branch: null,
      createdAt: null
    },
    set: null,
    problem: `The Sample Platform's windows run 9501 is ${status}.`,
    ...(unfinished ? { unfinished: true as const } : {})
  })
  const decide = (runs: PlatformRun[], unfinished: 'fail' | 'report' = 'report') => {
    const collected: Collected = { commit: 'a'.repeat(40), runs }
    const counts = countResults(runs.flatMap((run) => (run.set ? [run.set] : [])))
    return decideVerdict({ mode: 'regression' }, collected, counts, API, false, unfinished)
  }
  const passingLinux = withResults('linux', entry(1, 'pass', 'still-passing'))
  const regressedLinux = withResults(
    'linux',
    entry(1, 'fail', 'regression'),
    entry(2, 'pass', 'still-passing')
  )

  it('is success when every run is finished and fail-on passes', () => {
    expect(
      decide([passingLinux, withResults('windows', entry(1, 'pass', 'still-passing'))])
    ).toMatchObject({
      state: 'success',
      description: 'linux: the 1 result passes · windows: the 1 result passes',
      failures: []
    })
  })

  it('is failure on a regression, even while the other platform is still running', () => {
    const verdict = decide([regressedLinux, withoutResults('running', true)])
    expect(verdict).toMatchObject({
      state: 'failure',
      description: 'linux: 1 regression · windows: running'
    })
    expect(verdict.notes).toEqual([
      expect.stringContaining(
        'windows run 9501 is still running: it is reported as such and fails nothing (unfinished: report)'
      )
    ])
  })

  it('is pending while a run is still testing and nothing failed; the step does not fail', () => {
    const verdict = decide([passingLinux, withoutResults('running', true)])
    expect(verdict).toMatchObject({ state: 'pending', failures: [] })
  })

  it('is error, and the step fails, for a run still testing with unfinished: fail', () => {
    const verdict = decide([passingLinux, withoutResults('running', true)], 'fail')
    expect(verdict.state).toBe('error')
    expect(verdict.failures).toEqual([expect.stringContaining('windows run 9501 is running')])
  })

  it('is error for a canceled run', () => {
    expect(decide([passingLinux, withoutResults('canceled', false)]).state).toBe('error')
  })
})
