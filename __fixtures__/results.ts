/**
 * Realistic results in the documented shape, for pure tests and snapshots. The
 * media sample of regression test N is 1000 + N, as in the fake platform's
 * data, so a report that shows one in place of the other is caught.
 */
import type { Collected, PlatformRun } from '../src/platform/model.js'
import { parseDiff, type DiffLines } from '../src/platform/api/diff.js'
import type { SampleResult } from '../src/platform/api/result.js'
import type { ResultSet } from '../src/platform/model.js'

const SRT = '3f1a9c6e0b7d4e2a8c5f1b3d6e9a0c2f4b7d1e3a5c8f0b2d4e6a8c1f3b5d7e9a'

export const passing: SampleResult = {
  run_id: 9412,
  sample_id: 1017,
  regression_id: 17,
  category: 'Teletext',
  command: '--autoprogram --out=srt --latin1',
  status: 'pass',
  runtime_ms: 1843,
  exit_code: 0,
  expected_exit_code: 0,
  result_message: null,
  tags: ['teletext'],
  outputs: [{ output_id: 311, filename: `${SRT}.srt`, status: 'pass' }]
}

export const failing: SampleResult = {
  run_id: 9412,
  sample_id: 1042,
  regression_id: 42,
  category: 'DVB',
  command: '-codec dvbsub -out=spupng',
  status: 'fail',
  runtime_ms: 12_408,
  exit_code: 139,
  expected_exit_code: 0,
  result_message: 'Exit code 139 differs from expected 0',
  tags: [],
  outputs: [
    { output_id: 871, filename: `${SRT.slice(0, 60)}0b1c.xml`, status: 'fail' },
    { output_id: 872, filename: `${SRT.slice(0, 60)}77aa.raw`, status: 'pass' }
  ],
  sample_name: 'BBC_HD_dvbsub_2013.ts'
}

export const missingOutput: SampleResult = {
  ...passing,
  sample_id: 1118,
  regression_id: 118,
  category: 'CEA-708',
  command: '--out=ttxt --latin1 --ucla --xds',
  status: 'missing_output',
  runtime_ms: 412,
  exit_code: 6,
  expected_exit_code: 0,
  result_message: 'Output file was not created',
  tags: ['708', 'regression'],
  outputs: [{ output_id: 912, filename: `${SRT}.txt`, status: 'missing_output' }]
}

export const timedOut: SampleResult = {
  ...failing,
  sample_id: 1203,
  regression_id: 203,
  category: 'Hardsubx',
  command: '--hardsubx --out=srt',
  runtime_ms: 600_000,
  exit_code: -1,
  expected_exit_code: 0,
  result_message: 'Runner time-out',
  outputs: [{ output_id: 1203, filename: `${SRT}.srt`, status: 'missing_output' }],
  sample_name: null
}

/** Every string the server controls tries to break out of where it is shown. */
export const hostile: SampleResult = {
  run_id: 9412,
  sample_id: 1066,
  regression_id: 66,
  category: 'Options | <img src=x onerror=alert(1)> @octocat',
  command: 'x ``` `code` | <details><summary>hi</summary>',
  status: 'weird | <b>bold</b> @team/all',
  runtime_ms: 5,
  exit_code: 2,
  expected_exit_code: 0,
  result_message: 'line one\n::error::injected\n```\n<script>alert(1)</script>\n@octocat #1',
  tags: ['`tick`', '@here', '<i>x</i>'],
  outputs: [
    { output_id: 1, filename: 'a|b`c`<img src=x>.srt', status: 'fail | <b>' },
    { unexpected: true },
    'not even an object'
  ],
  sample_name: '@octocat <script>'
}

/** The run of one platform that holds `set`, as the step collects it. */
export function platformRunOf(set: ResultSet): PlatformRun {
  return {
    platform: set.platform ?? null,
    runId: set.runId,
    run: null,
    set,
    problem: null
  }
}

/** One platform's run holding `set`, as the step collects a run given by its ID. */
export function collectedOf(set: ResultSet): Collected {
  return { commit: null, runs: [platformRunOf(set)] }
}

/** A unified diff's text as the step keeps it once read: its first lines, and counts. */
export function diffLinesOf(content: string): DiffLines {
  const answer = parseDiff({ content }, 'a fixture diff')
  if (answer.kind !== 'text') throw new Error(`not a diff with lines: ${answer.kind}`)
  const { lines, totalLines, changedLines } = answer
  return { lines, totalLines, changedLines }
}
