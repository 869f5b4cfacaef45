/**
 * Each place the report goes keeps to its size through real HTTP, whatever the
 * fake Sample Platform sends: the summary, the comment and the report file each
 * within its limit, the headline and the rows that do not pass first, and a
 * diff of megabytes kept and shown only in part.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  DEMO,
  mediaOf,
  startFakePlatform,
  type FakePlatform
} from '../test-support/fake-platform.js'
import { FAKE_GITHUB_TOKEN } from '../test-support/fake-github.js'
import { eventEnv, useFakeGitHub } from '../test-support/github-fixture.js'
import { runStep } from '../test-support/run-step.js'
import type { SampleResult } from '../test-support/sample-runs.js'

const github = useFakeGitHub()
const RUN = 9700
const PR = 1702

let platform: FakePlatform | null = null
afterEach(async () => {
  await platform?.close()
  platform = null
})

/** A fake whose run RUN has these results, and a pull request to comment on. */
async function serving(results: SampleResult[]): Promise<FakePlatform> {
  platform = await startFakePlatform({
    runs: new Map([[RUN, new Map(results.map((result) => [result.regression_id, result]))]])
  })
  github().addPull({ number: PR, branch: 'dvb' })
  return platform
}

/** A step on the whole run RUN that comments on the pull request. */
function step(fake: FakePlatform, inputs: Record<string, string> = {}) {
  return runStep(
    {
      'run-id': String(RUN),
      'sample-id': 'all',
      'api-token': DEMO.token,
      'api-url': fake.apiUrl,
      'github-token': FAKE_GITHUB_TOKEN,
      comment: 'always',
      ...inputs
    },
    eventEnv(github(), 'pull_request')
  )
}

/** Result `id`: failing (its one output differs) or passing, in the given categories. */
function result(id: number, failing: boolean, category: string): SampleResult {
  return {
    run_id: RUN,
    sample_id: mediaOf(id),
    regression_id: id,
    status: failing ? 'fail' : 'pass',
    category,
    exit_code: 0,
    expected_exit_code: 0,
    runtime_ms: 1000,
    outputs: [{ output_id: 4000 + id, filename: `${id}.srt`, status: failing ? 'fail' : 'pass' }]
  }
}

const comment = () => github().comments[0]?.body ?? ''
/** The table rows of results in a report, by sample: `| [12](…) | …`. */
const rowsOf = (text: string) => text.match(/^\| \[\d+\]\(/gm) ?? []
const failingRowsOf = (text: string) => text.match(/^\| \[\d+\]\(.*\| ❌ fail \|/gm) ?? []

describe('a run whose categories alone would fill every report', () => {
  // 1,000 results, each in 100 categories of its own with names of 300 characters.
  const name = (id: number, index: number) =>
    `category ${id}.${index} `.padEnd(300, String.fromCharCode(97 + (index % 26)))
  const results = Array.from({ length: 1000 }, (_, index) => {
    const id = index + 1
    const categories = Array.from({ length: 100 }, (_, each) => name(id, each))
    return result(id, id % 10 === 0, categories.join(', '))
  })

  it('keeps the headline and every row that does not pass first, in the summary and in the comment', async () => {
    const fake = await serving(results)
    const run = await step(fake, { diffs: '0', history: '0' })
    expect(run.outputs.total).toBe('1000')
    // GitHub counts the summary in bytes and the comment in characters.
    for (const [text, size, limit] of [
      [run.summary, Buffer.byteLength(run.summary), 1024 * 1024],
      [comment(), comment().length, 65_536]
    ] as const) {
      expect(size).toBeLessThanOrEqual(limit)
      expect(text).toContain(`### ❌ 100 of 1,000 results do not pass: run ${RUN}`)
      expect(text).toContain('#### Results that do not pass (100)')
      expect(failingRowsOf(text)).toHaveLength(100)
      // The rows come before the counts and the categories, which say how many they leave out.
      const lastRow = text.lastIndexOf(failingRowsOf(text).at(-1) ?? '|')
      expect(lastRow).toBeLessThan(text.indexOf('**By status:**'))
      expect(text).toMatch(
        /^\*\*Categories with results that do not pass:\*\* .* · …and [\d,]+ more$/m
      )
      expect(text).toMatch(/…and [\d,]+ more categories, left out to fit GitHub's size limit/)
    }
    // The category sections take their share, not the whole: the summary keeps every passing row.
    expect(rowsOf(run.summary)).toHaveLength(1000)
    expect(run.report).toContain('#### Results that do not pass (100)')
    // A generous time-out: before the sections had budgets, this took 30 s (and failed).
  }, 60_000)
})

describe('diffs of megabytes', () => {
  // 10,000 lines of 770 characters, 7.7 MB: the server's most lines, each too long to show.
  const content = `${Array.from({ length: 10_000 }, (_, i) => `${i % 2 === 0 ? '-' : '+'}${String(i).padEnd(769, 'x')}`).join('\n')}\n`
  /** The lines of each fenced diff block in some markdown. */
  const diffsOf = (text: string) =>
    [...text.matchAll(/```diff\n([\s\S]*?)\n```/g)].map((match) => match[1]?.split('\n') ?? [])

  it('keep the report file within its 2 MiB, each diff shown in part and the rest counted', async () => {
    const fake = await serving(
      Array.from({ length: 10 }, (_, index) => result(index + 1, true, 'DVB'))
    )
    fake.enqueueFault({
      match: (path) => path.includes('/diff?'),
      json: { format: 'unified', content },
      times: 10
    })
    const run = await step(fake, { history: '0' })
    const report = run.report ?? ''
    expect(Buffer.byteLength(report)).toBeLessThanOrEqual(2 * 1024 * 1024)
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(1024 * 1024)
    expect(comment().length).toBeLessThanOrEqual(65_536)
    for (const text of [report, run.summary, comment()]) {
      const diffs = diffsOf(text)
      expect(diffs).toHaveLength(10)
      for (const lines of diffs) {
        expect(lines.length).toBeGreaterThan(0)
        // Each line cut at 300 characters, and marked.
        expect(lines.every((line) => line.length === 301 && line.endsWith('…'))).toBe(true)
      }
      const shown = diffs[0]?.length ?? 0
      expect(text).toContain(
        `…and ${(10_000 - shown).toLocaleString('en-US')} more lines of this diff: see [run ${RUN} on the Sample Platform]`
      )
    }
    // The report file shows the most, the comment the least.
    expect(diffsOf(report)[0]?.length).toBeGreaterThan(diffsOf(run.summary)[0]?.length ?? 0)
    const results = JSON.parse(run.outputs.results ?? '[]') as { diff_lines: number }[]
    expect(results.map((entry) => entry.diff_lines)).toEqual(Array(10).fill(10_000))
  })
})
