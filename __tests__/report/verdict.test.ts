import { describe, expect, it } from '@jest/globals'
import type { Change, ResultSet, SampleEntry } from '../../src/platform/model.js'
import { describeCounts, describeProblems, shouldFail } from '../../src/report/verdict.js'
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
