/**
 * The committed bundle against a hostile Sample Platform, run as the runner
 * runs it (Node 24, a process of its own): 100 failing outputs whose diffs are
 * 7.7 MB each. Its memory stays bounded, measured from inside its process, and
 * it writes its outputs, job summary, comment and report file.
 */
import { expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DEMO, mediaOf } from '../../test-support/fake-platform.js'
import { FAKE_GITHUB_TOKEN } from '../../test-support/fake-github.js'
import { eventEnv, useFakeGitHub } from '../../test-support/github-fixture.js'
import { NODE_24, describeUnderNode24 } from '../../test-support/node24-suite.js'
import { useFakePlatform } from '../../test-support/platform-fixture.js'
import { runAction, type ActionRun } from '../../test-support/runner.js'
import type { SampleResult } from '../../test-support/sample-runs.js'

const RUN = 9700
const PR = 1702
/** What the action may use at its peak, whatever the server sends within its body limit. */
const MAX_PEAK_RSS_MIB = 512
const PRELOAD = resolve('test-support/peak-rss.js')

/** 100 results of run RUN, each with one failing output. */
function failingRun(): Map<number, SampleResult> {
  const results = Array.from({ length: 100 }, (_, index): SampleResult => {
    const id = index + 1
    return {
      run_id: RUN,
      sample_id: mediaOf(id),
      regression_id: id,
      status: 'fail',
      category: 'DVB',
      exit_code: 0,
      expected_exit_code: 0,
      outputs: [{ output_id: 4000 + id, filename: `${id}.srt`, status: 'fail' }]
    }
  })
  return new Map(results.map((result) => [result.regression_id, result]))
}

const platform = useFakePlatform({ runs: new Map([[RUN, failingRun()]]) })
const github = useFakeGitHub()

/** A diff answer as the server sends it, its text made of `lines` lines. */
const diffBody = (lines: string[]) =>
  JSON.stringify({ format: 'unified', content: `${lines.join('\n')}\n` })
/** The diff requests of the even or the odd regression tests. */
const diffsOf = (parity: 0 | 1) => (path: string) => {
  const id = /\/regression-tests\/(\d+)\/outputs\/\d+\/diff\?/.exec(path)?.[1]
  return id !== undefined && Number(id) % 2 === parity
}

/** The peak RSS the action's process reported, in MiB; an error that says why when it reported none. */
function peakRssMiB(file: string, step: ActionRun): number {
  const why = `the action's process (exit code ${step.code}) did not report its peak RSS`
  if (!existsSync(file)) {
    throw new Error(
      `Cannot measure the memory: ${why}, so it ended before its exit handlers ran (killed, or out of memory). stderr: ${step.stderr.slice(0, 1000)}`
    )
  }
  const kib = Number(readFileSync(file, 'utf8'))
  if (!(kib > 0)) {
    throw new Error(
      `Cannot measure the memory on ${process.platform}: process.resourceUsage().maxRSS gave "${kib}".`
    )
  }
  return kib / 1024
}

describeUnderNode24('dist/index.js against 100 diffs of 7.7 MB', () => {
  it(`stays under ${MAX_PEAK_RSS_MIB} MiB and writes its outputs, summary, comment and report file`, async () => {
    // Half the diffs have 1.9 million lines of two characters, the most lines a body
    // can hold; half 10,000 lines of 770, the server's most lines, each too long to show.
    platform().enqueueFault({
      match: diffsOf(0),
      body: diffBody(Array.from({ length: 1_900_000 }, (_, i) => (i % 2 === 0 ? '+x' : '-y'))),
      contentType: 'application/json',
      times: 50
    })
    platform().enqueueFault({
      match: diffsOf(1),
      body: diffBody(
        Array.from({ length: 10_000 }, (_, i) => `${i % 2 === 0 ? '-' : '+'}${'x'.repeat(769)}`)
      ),
      contentType: 'application/json',
      times: 50
    })
    github().addPull({ number: PR, branch: 'dvb' })
    const temp = mkdtempSync(join(tmpdir(), 'hostile-diffs-'))
    const peakFile = join(temp, 'peak-rss')
    try {
      const step = await runAction({
        node: NODE_24,
        inputs: {
          'run-id': String(RUN),
          'sample-id': 'all',
          'api-token': DEMO.token,
          'api-url': platform().apiUrl,
          diffs: '100',
          history: '0',
          comment: 'always',
          'github-token': FAKE_GITHUB_TOKEN
        },
        env: {
          ...eventEnv(github(), 'pull_request'),
          RUNNER_TEMP: temp,
          NODE_OPTIONS: `--import=${pathToFileURL(PRELOAD).href}`,
          PEAK_RSS_FILE: peakFile
        }
      })
      const peak = peakRssMiB(peakFile, step)
      expect(step.stderr).toBe('')
      expect(peak).toBeLessThan(MAX_PEAK_RSS_MIB)

      expect(step.code).toBe(1)
      expect(step.stdout).toContain(
        'Sample Platform: 102 requests (1 for runs, 1 for results, 100 for diffs)'
      )
      const headline = `### ❌ 100 of 100 results do not pass: run ${RUN}`
      expect(step.outputs).toMatchObject({ total: '100', 'failed-count': '100' })
      const results = JSON.parse(step.outputs.results ?? '[]') as { diff_lines: number }[]
      expect(results.map((entry) => entry.diff_lines)).toEqual(
        Array.from({ length: 100 }, (_, index) => (index % 2 === 1 ? 1_900_000 : 10_000))
      )
      expect(Buffer.byteLength(step.summary)).toBeLessThanOrEqual(1024 * 1024)
      expect(step.summary).toContain(headline)
      expect(step.summary).toContain('```diff')
      const comment = github().comments[0]?.body ?? ''
      expect(comment.length).toBeLessThanOrEqual(65_536)
      expect(comment).toContain(headline)
      const report = readFileSync(step.outputs['report-file'] ?? '', 'utf8')
      expect(Buffer.byteLength(report)).toBeLessThanOrEqual(2 * 1024 * 1024)
      expect(report).toContain(headline)
      expect(report).toMatch(
        /…and [\d,]+ more lines of this diff: see \[run 9700 on the Sample Platform\]/
      )
    } finally {
      rmSync(temp, { recursive: true, force: true })
    }
  }, 120_000)
})
