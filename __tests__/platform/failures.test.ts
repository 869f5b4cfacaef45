/** History as the server writes it: failure signatures and the new/known/flaky classes. */
import { describe, expect, it } from '@jest/globals'
import { classifyHistory, failureSignature } from '../../src/platform/failures.js'
import { type HistoryEntry } from '../../src/platform/api/history.js'
import { failing } from '../../__fixtures__/results.js'

const entry = (status: string, failureSignature: string | null = null): HistoryEntry => ({
  runId: 1,
  status,
  failureSignature,
  regressionTestId: null,
  platform: null,
  branch: null
})

describe('failureSignature', () => {
  it('names a differing output before the exit code, as the server does', () => {
    // Sample 42 of the fixtures: exit 139 instead of 0, and its first output differs.
    expect(failureSignature(failing)).toMatch(/^diff_mismatch:output:\d+$/)
    expect(failureSignature({ ...failing, outputs: [] })).toBe('exit_code_mismatch:rc:139')
    expect(failureSignature({ ...failing, status: 'missing_output' })).toBe('missing_output')
    expect(failureSignature({ ...failing, status: 'pass' })).toBeNull()
  })
})

describe('classifyHistory', () => {
  it.each([
    ['new: passed in every run', [entry('pass'), entry('pass')], 'new'],
    ['known: the newest fails the same way', [entry('fail', 'x'), entry('pass')], 'known'],
    ['known: every run fails, another way', [entry('fail', 'y'), entry('fail', 'y')], 'known'],
    ['flaky: mixed', [entry('pass'), entry('fail', 'x'), entry('pass')], 'flaky'],
    ['new: runs still running say nothing', [entry('running'), entry('pass')], 'new'],
    ['nothing: no finished run', [entry('not_started')], null],
    ['nothing: no run', [], null]
  ])('%s', (_name, entries, expected) => {
    expect(classifyHistory(entries, 'x')).toBe(expected)
  })
})
