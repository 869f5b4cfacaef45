/**
 * What differs and whether it is new, through real HTTP: the fake Sample
 * Platform's diffs (SRT files, 403 without results:read, 404, 422, hostile
 * text) and its master history (new, known and flaky failures of run 9412).
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import MarkdownIt from 'markdown-it'
import { DEMO, startFakePlatform, type FakePlatform } from '../test-support/fake-platform.js'
import { FAKE_GITHUB_TOKEN } from '../test-support/fake-github.js'
import { eventEnv, useFakeGitHub } from '../test-support/github-fixture.js'
import { runStep } from '../test-support/run-step.js'
import { generateRun } from '../test-support/sample-runs.js'
import { testClock } from '../test-support/test-clock.js'

const github = useFakeGitHub()
const markdown = new MarkdownIt({ html: true, linkify: true })
markdown.linkify.set({ fuzzyLink: false, fuzzyEmail: false })
const PR = 1702
/** Sample 132's one output in run 9412, and 42's two outputs that were not produced. */
const OUTPUT_132 = DEMO.failingOutput
const RUNS_READ_ONLY = 'spci_runs_read_only'

let platform: FakePlatform | null = null
afterEach(async () => {
  await platform?.close()
  platform = null
})

async function setUp(): Promise<FakePlatform> {
  platform = await startFakePlatform({
    tokens: {
      [DEMO.token]: { scopes: ['runs:read', 'results:read'] },
      [RUNS_READ_ONLY]: { scopes: ['runs:read'] }
    }
  })
  github().addPull({ number: PR, branch: 'dvb' })
  return platform
}

/** A step on run 9412 that comments on the pull request. */
function step(fake: FakePlatform, inputs: Record<string, string>) {
  return runStep(
    {
      'run-id': String(DEMO.runId),
      'api-token': DEMO.token,
      'api-url': fake.apiUrl,
      'github-token': FAKE_GITHUB_TOKEN,
      comment: 'always',
      ...inputs
    },
    eventEnv(github(), 'pull_request')
  )
}

const comment = () => github().comments[0]?.body ?? ''
const diffRequests = (fake: FakePlatform) =>
  fake.requests.filter((request) => request.path.includes('/diff?'))
const historyRequests = (fake: FakePlatform) =>
  fake.requests.filter((request) => request.path.includes('/history?'))
/** The fault match for the diff requests of one regression test. */
const diffOf = (regressionId: number) => (path: string) =>
  path.includes(`/regression-tests/${regressionId}/`) && path.includes('/diff?')
/** The fault match for the history requests of one regression test. */
const historyOf = (regressionId: number) => (path: string) =>
  path.includes('/history?') && path.includes(`regression_test_id=${regressionId}&`)
/** The statuses the requests that match got, in order. */
const statusesOf = (fake: FakePlatform, match: (path: string) => boolean) =>
  fake.requests.filter((request) => match(request.path)).map((request) => request.status)
const warningsOf = (lines: string[]) => lines.filter((line) => line.startsWith('::warning::'))

/** The lines of the first fenced diff block in some markdown. */
function firstDiff(text: string): string[] {
  const match = /```diff\n([\s\S]*?)\n```/.exec(text)
  return match?.[1]?.split('\n') ?? []
}

describe('diffs', () => {
  it('are folded under their result, cut at diff-lines in the comment and at five times as many in the summary', async () => {
    const fake = await setUp()
    const expected = Array.from(
      { length: 60 },
      (_, i) => `${i + 1}\n00:00:0${i % 10},000 --> 00:00:0${i % 10},500\nLINE ${i}\n`
    ).join('\n')
    fake.setOutputFiles(DEMO.runId, DEMO.failingSample, OUTPUT_132, {
      expected,
      actual: expected.replaceAll('LINE', 'Line')
    })
    const run = await step(fake, { 'sample-id': String(DEMO.failingSample), 'diff-lines': '5' })
    expect(comment()).toContain(`<details><summary>Sample ${DEMO.failingSample}: output `)
    expect(firstDiff(comment())).toHaveLength(5)
    expect(firstDiff(run.summary)).toHaveLength(25)
    expect(comment()).toMatch(
      new RegExp(
        `…and [\\d,]+ more lines of this diff: see \\[run ${DEMO.runId} on the Sample Platform\\]\\(${fake.url}/test/${DEMO.runId}\\)`
      )
    )
    const [result] = JSON.parse(run.outputs.results ?? '[]') as { diff_lines: number }[]
    expect(result?.diff_lines).toBe(120)
  })

  it('give an output that was not produced one sentence, and ask for no diff of it', async () => {
    const fake = await setUp()
    const run = await step(fake, { 'sample-id': String(DEMO.missingOutputSample) })
    expect(run.summary).toContain(`- Sample ${DEMO.missingOutputSample}: output \``)
    expect(run.summary).toContain('was not produced, so there is nothing to compare.')
    expect(diffRequests(fake)).toEqual([])
  })

  it.each([
    [
      'a file gone from disk (404)',
      { missingOnDisk: 'actual' as const },
      'the server has no file for it on disk (404)'
    ],
    [
      'a file over 10 MiB (422)',
      { sizeBytes: 11 * 1024 * 1024 },
      'the file is too large for the server to compare (422)'
    ],
    ['an empty diff', { expected: 'same\n', actual: 'same\n' }, 'the server sent an empty diff']
  ])('give %s one short line, not an error', async (_name, files, said) => {
    const fake = await setUp()
    fake.setOutputFiles(DEMO.runId, DEMO.failingSample, OUTPUT_132, files)
    const run = await step(fake, { 'sample-id': String(DEMO.failingSample) })
    expect(run.summary).toContain(`: ${said}.`)
    expect(run.lines.filter((line) => line.startsWith('::error::'))).toHaveLength(1) // the verdict's only
  })

  it('stop after the first 403 of a token without results:read: one warning, the rest reported as without diffs', async () => {
    const fake = await setUp()
    const run = await step(fake, { 'sample-id': 'all', 'api-token': RUNS_READ_ONLY })
    expect(diffRequests(fake)).toHaveLength(1)
    expect(warningsOf(run.lines)).toEqual([
      expect.stringMatching(
        /^::warning::No diffs: the api-token may not read output files \(403\)\. Add the scope results:read/
      )
    ])
    expect(run.outputs.total).toBe('230')
    expect(run.outputs['failed-count']).toBe('7')
    expect(comment()).not.toContain('```diff')
  })

  it('let no hostile subtitle text out of its fence: no mention, link, image, HTML or workflow command', async () => {
    const fake = await setUp()
    const hostile = [
      '```',
      '~~~',
      '@everyone look at https://evil.example and www.evil.example',
      '<img src=x onerror=alert(1)> <details><summary>x</summary>',
      '</details>',
      '::error::forged',
      '[click](javascript:alert(1)) ![i](https://evil.example/i.png)',
      '````````'
    ].join('\n')
    // As a hostile server would send it: raw lines, not a diff's +/- lines.
    fake.enqueueFault({
      match: (path) => path.includes('/diff?'),
      json: {
        run_id: DEMO.runId,
        sample_id: DEMO.failingSample,
        regression_id: DEMO.failingSample,
        output_id: OUTPUT_132,
        format: 'unified',
        content: `${hostile}\n`
      }
    })
    const run = await step(fake, { 'sample-id': String(DEMO.failingSample) })
    for (const text of [comment(), run.summary]) {
      const html = markdown.render(text)
      expect(html).not.toMatch(/<img|<a href="(javascript|https:\/\/evil)|<details><summary>x/)
      expect(html).toContain('@everyone look at https://evil.example')
      // The footer and marker stay outside every code block.
      expect(html.lastIndexOf('</code></pre>')).toBeLessThan(html.lastIndexOf('Run 9412'))
    }
    expect(run.log).not.toMatch(/^::error::forged/m)
  })
})

describe('history', () => {
  it('classifies each failure new, known or flaky, beside its status and in the outputs', async () => {
    const fake = await setUp()
    const run = await step(fake, {
      'sample-id': 'all',
      'baseline-run-id': String(DEMO.baselineRunId)
    })
    expect(JSON.parse(run.outputs['new-failures'] ?? '')).toEqual([...DEMO.newFailures])
    expect(JSON.parse(run.outputs['known-failures'] ?? '')).toEqual([...DEMO.knownFailures])
    expect(JSON.parse(run.outputs.flaky ?? '')).toEqual([...DEMO.flakyFailures])
    const results = JSON.parse(run.outputs.results ?? '[]') as {
      regression_id: number
      history: string | null
    }[]
    expect(results.find((entry) => entry.regression_id === DEMO.passingSample)?.history).toBeNull()
    for (const text of [run.summary, comment()]) {
      expect(text).toMatch(/❌ fail · 🆕 new: passed in the last \d+ master runs/)
      expect(text).toMatch(/❌ fail · known: fails on master too/)
      expect(text).toMatch(/❌ fail · flaky: failed \d+ of the last \d+ master runs/)
      expect(text).toContain(`#### Flaky (${DEMO.flakyFailures.length})`)
    }
    // What needs attention first: the regressions before the counts.
    expect(run.summary.indexOf('#### 🔻 Regressions')).toBeLessThan(
      run.summary.indexOf('**By status:**')
    )
  })

  it.each([
    [[...DEMO.knownFailures], false],
    [[...DEMO.knownFailures, ...DEMO.flakyFailures], false],
    [[...DEMO.knownFailures, DEMO.failingSample], true]
  ])('fail-on new-failure with samples %j fails: %s', async (ids, failed) => {
    const fake = await setUp()
    const run = await step(fake, { 'sample-id': ids.join(','), 'fail-on': 'new-failure' })
    expect(run.failed).toBe(failed)
  })

  it('with ignore-flaky, lets a flaky regression pass fail-on regression, still shown as flaky', async () => {
    const fake = await setUp()
    const inputs = {
      'sample-id': DEMO.flakyFailures.join(','),
      'baseline-run-id': String(DEMO.baselineRunId),
      'fail-on': 'regression'
    }
    expect((await step(fake, inputs)).failed).toBe(true)
    const run = await step(fake, { ...inputs, 'ignore-flaky': 'true' })
    expect(run.failed).toBe(false)
    expect(run.summary).toContain('· flaky: failed')
    expect(run.outputs.regressions).toBe(`[${DEMO.flakyFailures.join(',')}]`)
  })

  it('counts a failure whose history cannot be read as new for fail-on new-failure', async () => {
    const fake = await setUp()
    fake.enqueueFault({ match: (path) => path.includes('/history?'), status: 503, times: 100 })
    const run = await step(fake, {
      'sample-id': DEMO.knownFailures.join(','),
      'fail-on': 'new-failure',
      'max-retries': '0'
    })
    expect(run.failed).toBe(true)
    expect(JSON.parse(run.outputs['known-failures'] ?? '')).toEqual([])
  })
})

describe('when the details fail', () => {
  it('a 429 on history that asks for too long a wait stops the details, never the results: one warning, outputs and summary intact', async () => {
    const fake = await setUp()
    fake.enqueueFault({
      match: (path) => path.includes('/history?'),
      status: 429,
      headers: { 'Retry-After': '600' },
      times: 1000
    })
    const run = await step(fake, { 'sample-id': 'all', 'fail-on': 'never' })
    expect(run.failed).toBe(false)
    expect(run.outputs.total).toBe('230')
    expect(run.summary).toContain('### ❌ 7 of 230 results do not pass: run 9412')
    expect(historyRequests(fake)).toHaveLength(3)
    expect(warningsOf(run.lines)).toEqual([
      expect.stringMatching(
        /^::warning::No more history: 3 requests in a row failed, the last for sample 107 \(429 rate_limited, asking to wait 600 s\)\./
      )
    ])
    expect(run.log).toMatch(/^no history of sample 42: The Sample Platform asked to wait 600 s/m)
  })

  it('an outage of the history endpoint costs three failed lookups, not one per failure', async () => {
    const fake = await setUp()
    fake.enqueueFault({ match: (path) => path.includes('/history?'), status: 503, times: 1000 })
    const run = await step(fake, { 'sample-id': 'all', 'max-retries': '2' })
    // Three samples, each with its two retries.
    expect(historyRequests(fake)).toHaveLength(9)
    expect(warningsOf(run.lines)).toEqual([
      expect.stringMatching(
        /^::warning::No more history: 3 requests in a row failed, the last for sample 107 \(503 internal_error, after 3 attempts\)\. The results are reported all the same/
      )
    ])
    expect(run.summary).toContain(
      '❌ fail · history not read: the request failed (503 internal\\_error, after 3 attempts) |'
    )
    expect(run.lines).toContain(
      '7 of 7 results that do not pass have no history (at most 50 are looked at, and only those that name their media sample); fail-on new-failure counts them as new.'
    )
  })

  it("asks for at most 100 runs of history, the server's largest page", async () => {
    const fake = await setUp()
    await step(fake, { 'sample-id': String(DEMO.failingSample), history: '100' })
    const [request] = fake.requests.filter((each) => each.path.includes('/history?'))
    expect(request?.path).toContain('limit=100')
    expect(request?.status).toBe(200)
  })
})

describe('a whole run with many failures', () => {
  it('stays within the comment and summary limits and one rate-limit window; diffs give way before results', async () => {
    const fake = await setUp()
    const clock = testClock()
    const failures = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [i * 5 + 3, 'output' as const])
    )
    fake.scheduleRun(9600, {
      at: Date.now() - 3 * 3600_000,
      results: generateRun(9600, { failures })
    })
    // Diffs of long subtitle lines: ten of them cannot all fit in a comment.
    const long = (tag: string) =>
      Array.from({ length: 400 }, (_, i) => `${tag} ${'caption words '.repeat(20)}${i}`).join('\n')
    for (const [id] of Object.entries(failures).slice(0, 10)) {
      const result = fake.runs.get(9600)?.get(Number(id))
      for (const output of result?.outputs ?? [])
        fake.setOutputFiles(9600, Number(id), output.output_id, {
          expected: long('A'),
          actual: long('B')
        })
    }
    const run = await runStep(
      {
        'run-id': '9600',
        'sample-id': 'all',
        'api-token': DEMO.token,
        'api-url': fake.apiUrl,
        'github-token': FAKE_GITHUB_TOKEN,
        comment: 'always'
      },
      eventEnv(github(), 'pull_request'),
      { clock }
    )
    expect(fake.requests.length).toBeLessThanOrEqual(120)
    expect(fake.stats().byStatus[429]).toBeUndefined()
    expect(clock.sleeps).toEqual([])
    // One history request for each failing result that names its media sample (a few do not).
    const requests = run.lines
      .map((line) =>
        /^Sample Platform: (\d+) requests \(1 for runs, 3 for results, 10 for diffs, ([34]\d) for history\)$/.exec(
          line
        )
      )
      .find((match) => match !== null)
    expect(Number(requests?.[1])).toBe(14 + Number(requests?.[2]))
    expect(Number(requests?.[1])).toBe(fake.requests.length)
    const body = comment()
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(1024 * 1024)
    // Every failing result keeps its row; the diffs were shortened to fit.
    expect(body).toContain(`#### Results that do not pass (${run.outputs['failed-count']})`)
    // The run is on master itself: its own results are not its history, so sample 3 is new.
    expect(body).toMatch(
      /\| \[3\]\([^)]*\) \| [^|]+ \| ❌ fail · 🆕 new: passed in the last 5 master runs \|/
    )
    expect(body).not.toContain('left out to fit')
    const lines = firstDiff(body)
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.length).toBeLessThan(40)
  })
})

describe("one sample's diff or history that cannot be read", () => {
  /** The regression tests of run 9412 whose outputs differ, in the order their diffs are asked. */
  const DIFFED = [92, 123, 132, 165]
  /** The note of a diff that was not read, in the summary and the comment. */
  const diffNote = (id: number, reason: string) =>
    new RegExp(`^- Sample ${id}: no diff for output \`[^\`]+\`: ${reason}\\.$`, 'm')

  it("is that sample's note when its diff answers 503 after its retries; the later samples' diffs still come", async () => {
    const fake = await setUp()
    fake.enqueueFault({ match: diffOf(92), status: 503, times: 100 })
    const run = await step(fake, { 'sample-id': 'all', 'max-retries': '2' })
    expect(statusesOf(fake, diffOf(92))).toEqual([503, 503, 503])
    for (const id of DIFFED.slice(1)) expect(statusesOf(fake, diffOf(id))).toEqual([200])
    for (const text of [run.summary, comment()]) {
      expect(text).toMatch(
        diffNote(92, 'the request failed \\(503 internal\\\\_error, after 3 attempts\\)')
      )
      for (const id of DIFFED.slice(1))
        expect(text).toContain(`<details><summary>Sample ${id}: output `)
    }
    expect(warningsOf(run.lines)).toEqual([])
    expect(run.log).toMatch(
      /^no diff of output \d+ of sample 92: The Sample Platform answered 503 internal_error: "Service Unavailable\." for the diff of output \d+ of sample 92 in run 9412, after 3 attempts\./m
    )
  })

  it("is that sample's note when its diff is over the 8 MB a body may have; the later samples' diffs still come", async () => {
    const fake = await setUp()
    fake.enqueueFault({
      match: diffOf(92),
      json: { format: 'unified', content: '+x\n'.repeat(3 * 1024 * 1024) }
    })
    const run = await step(fake, { 'sample-id': 'all' })
    // Not retried: the same answer would come again.
    expect(statusesOf(fake, diffOf(92))).toHaveLength(1)
    for (const id of DIFFED.slice(1)) expect(statusesOf(fake, diffOf(id))).toEqual([200])
    expect(run.summary).toMatch(diffNote(92, 'the request failed \\(an answer over 8 MB\\)'))
    for (const id of DIFFED.slice(1))
      expect(run.summary).toContain(`<details><summary>Sample ${id}: output `)
    expect(warningsOf(run.lines)).toEqual([])
    expect(run.log).toMatch(
      /^no diff of output \d+ of sample 92: The Sample Platform answered 200 for the diff of output \d+ of sample 92 in run 9412 with more than 8 MB; the action stopped reading, and shows no diff of it: see the run on the Sample Platform\.$/m
    )
  })

  it("is that sample's note beside its status when its history answers 500; the next sample's history is read", async () => {
    const fake = await setUp()
    fake.enqueueFault({ match: historyOf(92), status: 500, times: 100 })
    const run = await step(fake, { 'sample-id': 'all', 'max-retries': '1' })
    expect(statusesOf(fake, historyOf(92))).toEqual([500, 500])
    for (const id of [107, 123, 132, 165, 201])
      expect(statusesOf(fake, historyOf(id))).toEqual([200])
    const row = (id: number) =>
      run.summary.split('\n').find((line) => line.startsWith(`| [${id}](`)) ?? ''
    expect(row(92)).toContain(
      '| ❌ fail · history not read: the request failed (500 internal\\_error, after 2 attempts) |'
    )
    expect(row(107)).toContain('| ❌ fail · known: fails on master too |')
    // 92 is known on master, but without its history it counts as new.
    expect(JSON.parse(run.outputs['known-failures'] ?? '')).toEqual([107, 201])
    expect(warningsOf(run.lines)).toEqual([])
  })

  it('says why the history of a single result was not read, in its own report', async () => {
    const fake = await setUp()
    fake.enqueueFault({ match: historyOf(DEMO.failingSample), status: 503 })
    const run = await step(fake, { 'sample-id': String(DEMO.failingSample), 'max-retries': '0' })
    for (const text of [run.summary, comment()])
      expect(text).toContain('**History:** not read: the request failed (503 internal\\_error).')
  })

  it('stops asking for diffs after 3 failures in a row, with one warning; the history is still read', async () => {
    const fake = await setUp()
    fake.enqueueFault({ match: (path) => path.includes('/diff?'), status: 503, times: 100 })
    const run = await step(fake, { 'sample-id': 'all', 'max-retries': '0' })
    expect(
      diffRequests(fake).map((request) => /regression-tests\/(\d+)\//.exec(request.path)?.[1])
    ).toEqual(['92', '123', '132'])
    expect(warningsOf(run.lines)).toEqual([
      expect.stringMatching(
        /^::warning::No more diffs: 3 requests in a row failed, the last for output \d+ of sample 132 \(503 internal_error\)\. The results are reported all the same; the log says what each request got\.$/
      )
    ])
    for (const id of [92, 123, 132])
      expect(run.summary).toMatch(diffNote(id, 'the request failed \\(503 internal\\\\_error\\)'))
    expect(run.summary).not.toContain('Sample 165: ')
    expect(historyRequests(fake).map((request) => request.status)).toEqual(Array(7).fill(200))
  })

  it('asks on after failures that an answer breaks: only failures in a row stop it', async () => {
    const fake = await setUp()
    for (const id of [92, 132, 165]) fake.enqueueFault({ match: diffOf(id), status: 503 })
    const run = await step(fake, { 'sample-id': 'all', 'max-retries': '0' })
    expect(DIFFED.map((id) => statusesOf(fake, diffOf(id)))).toEqual([[503], [200], [503], [503]])
    expect(warningsOf(run.lines)).toEqual([])
  })

  it('stops asking for diffs at a 403 after an earlier failure, with the warning that names results:read', async () => {
    const fake = await setUp()
    fake.enqueueFault({ match: diffOf(92), status: 503 })
    const run = await step(fake, {
      'sample-id': 'all',
      'api-token': RUNS_READ_ONLY,
      'max-retries': '0'
    })
    expect(DIFFED.map((id) => statusesOf(fake, diffOf(id)))).toEqual([[503], [403], [], []])
    expect(warningsOf(run.lines)).toEqual([
      expect.stringMatching(
        /^::warning::No diffs: the api-token may not read output files \(403\)\. Add the scope results:read to the token to see what differs; everything else is reported\./
      )
    ])
    expect(run.summary).toMatch(diffNote(92, 'the request failed \\(503 internal\\\\_error\\)'))
    expect(run.outputs.total).toBe('230')
  })

  it.each([
    [
      'a 404 that names nothing',
      { status: 404, json: { code: 'not_found', message: 'No route.', details: {} } }
    ],
    ['a 404 HTML page', { status: 404, body: '<html><h1>Not Found</h1></html>' }],
    ['a 405', { status: 405 }]
  ])(
    'stops asking for diffs at %s before any diff was read: the server has no diff endpoint',
    async (_name, answer) => {
      const fake = await setUp()
      fake.enqueueFault({ match: (path) => path.includes('/diff?'), times: 100, ...answer })
      const run = await step(fake, { 'sample-id': 'all' })
      expect(diffRequests(fake)).toHaveLength(1)
      expect(warningsOf(run.lines)).toEqual([
        expect.stringMatching(
          /^::warning::No diffs: the Sample Platform answered 40[45] .* for the diff of output \d+ of sample 92, which says it has no diff endpoint \(an older deployment\?\)\. Set diffs to 0 to stop asking; the results are reported all the same\.$/
        )
      ])
      expect(run.summary).not.toContain('no diff for output')
    }
  )

  it("takes a 404 that names nothing, once a diff was read, as that sample's note", async () => {
    const fake = await setUp()
    fake.enqueueFault({
      match: diffOf(123),
      status: 404,
      json: { code: 'not_found', message: 'Not here.', details: {} }
    })
    const run = await step(fake, { 'sample-id': 'all' })
    expect(DIFFED.map((id) => statusesOf(fake, diffOf(id)))).toEqual([[200], [404], [200], [200]])
    expect(run.summary).toMatch(diffNote(123, 'the server did not find it \\(404: Not here\\.\\)'))
    expect(warningsOf(run.lines)).toEqual([])
  })

  it('stops asking for history at a 404 page before any history was read, but notes a sample the server does not know', async () => {
    const fake = await setUp()
    fake.enqueueFault({ match: historyOf(42), status: 404, body: '<h1>Not Found</h1>' })
    const missing = await step(fake, { 'sample-id': 'all' })
    expect(historyRequests(fake)).toHaveLength(1)
    expect(warningsOf(missing.lines)).toEqual([
      expect.stringMatching(
        /^::warning::No history: the Sample Platform answered 404 with an HTML page for the history of sample 42, which says it has no history endpoint \(an older deployment\?\)\. Set history to 0 to stop asking/
      )
    ])
    fake.reset()
    fake.enqueueFault({
      match: historyOf(42),
      status: 404,
      json: { code: 'not_found', message: 'Sample 42 not found.', details: { resource: 'sample' } }
    })
    const unknown = await step(fake, { 'sample-id': 'all' })
    expect(historyRequests(fake)).toHaveLength(7)
    expect(unknown.summary).toContain(
      '📭 missing\\_output · history not read: the server did not find it (404: Sample 42 not found.) |'
    )
    expect(warningsOf(unknown.lines)).toEqual([])
  })
})

describe('a structured diff body', () => {
  const HUNKS = [
    {
      expected_start: 2,
      actual_start: 2,
      lines: [
        {
          kind: 'context',
          expected_line: 2,
          actual_line: 2,
          text: '00:00:01,000 --> 00:00:02,000'
        },
        { kind: 'removed', expected_line: 3, actual_line: null, text: 'Hello' },
        { kind: 'added', expected_line: null, actual_line: 3, text: 'Hallo' },
        { kind: 'context', expected_line: 4, actual_line: 4, text: '' }
      ]
    },
    {
      expected_start: 10,
      actual_start: 9,
      lines: [{ kind: 'removed', expected_line: 10, actual_line: null, text: 'bye' }]
    }
  ]
  const structured = (fields: Record<string, unknown>) => ({
    run_id: DEMO.runId,
    sample_id: DEMO.failingSample,
    regression_id: DEMO.failingSample,
    output_id: OUTPUT_132,
    format: 'structured',
    ...fields
  })

  it('sent to a unified request is shown as unified text, in hunks as difflib writes them', async () => {
    const fake = await setUp()
    fake.enqueueFault({
      match: (path) => path.includes('/diff?format=unified'),
      json: structured({
        status: 'different',
        summary: { added_lines: 1, removed_lines: 2, changed_hunks: 2 },
        hunks: HUNKS
      })
    })
    const run = await step(fake, { 'sample-id': String(DEMO.failingSample) })
    for (const text of [run.summary, comment()]) {
      expect(firstDiff(text)).toEqual([
        '--- expected',
        '+++ actual',
        '@@ -2,3 +2,3 @@',
        ' 00:00:01,000 --> 00:00:02,000',
        '-Hello',
        '+Hallo',
        ' ',
        '@@ -10 +9,0 @@',
        '-bye'
      ])
    }
    expect(run.summary).toContain(`<summary>Sample ${DEMO.failingSample}: output `)
    expect(run.summary).toContain(', 3 changed lines</summary>')
    expect(warningsOf(run.lines)).toEqual([])
  })

  it("reads the same as the server's own unified text of the same files", async () => {
    const fake = await setUp()
    const unified = await step(fake, { 'sample-id': String(DEMO.failingSample) })
    fake.reset()
    fake.enqueueFault({
      match: (path) => path.includes('/diff?'),
      asPath: (path) => path.replace('format=unified', 'format=structured')
    })
    const run = await step(fake, { 'sample-id': String(DEMO.failingSample) })
    expect(firstDiff(run.summary).length).toBeGreaterThan(5)
    expect(firstDiff(run.summary)).toEqual(firstDiff(unified.summary))
  })

  it('past 10,000 lines is cut as the server cuts a unified diff', async () => {
    const fake = await setUp()
    const hunks = Array.from({ length: 20 }, (_, hunk) => ({
      expected_start: hunk * 1000 + 1,
      actual_start: hunk * 1000 + 1,
      lines: Array.from({ length: 600 }, (_, line) => ({
        kind: line % 2 === 0 ? 'removed' : 'added',
        text: `caption ${hunk}.${line}`
      }))
    }))
    fake.enqueueFault({
      match: diffOf(DEMO.failingSample),
      json: structured({ status: 'different', hunks })
    })
    const run = await step(fake, { 'sample-id': String(DEMO.failingSample) })
    const lines = firstDiff(run.report ?? '')
    expect(lines).toHaveLength(10_001)
    expect(lines.at(-1)).toBe('... Diff truncated due to length ...')
    const [result] = JSON.parse(run.outputs.results ?? '[]') as { diff_lines: number }[]
    expect(result?.diff_lines).toBeLessThan(10_000)
  })

  it('that says the output was not produced gives that sentence', async () => {
    const fake = await setUp()
    fake.enqueueFault({
      match: diffOf(DEMO.failingSample),
      json: structured({ status: 'missing_actual', hunks: [] })
    })
    const run = await step(fake, { 'sample-id': String(DEMO.failingSample) })
    expect(run.summary).toMatch(
      new RegExp(
        `^- Sample ${DEMO.failingSample}: output \`[^\`]+\` was not produced, so there is nothing to compare\\.$`,
        'm'
      )
    )
  })
})
