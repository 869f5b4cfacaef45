/**
 * Every red explained, through real HTTP (issue "Explain every red"): a run
 * the platform canceled or left incomplete says why, in its test machine's
 * words from the progress trail, and that it is not a test failure.
 */
import { describe, expect, it } from '@jest/globals'
import MarkdownIt from 'markdown-it'
import { DEMO } from '../test-support/fake-platform.js'
import { useFakePlatform } from '../test-support/platform-fixture.js'
import { runStep as runOnRunner } from '../test-support/run-step.js'

const platform = useFakePlatform()
const RUN = 9800
const T0 = Date.UTC(2026, 11, 1, 9)

const runStep = (more: Record<string, string> = {}) =>
  runOnRunner({
    'api-url': platform().apiUrl,
    'api-token': DEMO.token,
    'run-id': String(RUN),
    'sample-id': String(DEMO.passingSample),
    ...more
  })

const errorsOf = (lines: string[]) => lines.filter((line) => line.startsWith('::error::'))

/** A run that ended as `status`, with the progress trail the test gives. */
function endedRun(
  status: 'canceled' | 'incomplete',
  trail: { status: 'queued' | 'preparation' | 'testing' | 'canceled' | 'error'; message: string }[]
) {
  platform().setRun(RUN, { status, platform: 'linux' })
  platform().setProgress(
    RUN,
    trail.map((event, index) => ({ ...event, at: T0 + index * 60_000 }))
  )
}

describe('a run canceled by the platform', () => {
  it("says why in the machine's words, and that it is not a test failure", async () => {
    endedRun('canceled', [
      { status: 'queued', message: 'Queued.' },
      { status: 'error', message: 'VM creation failed (ZONE_RESOURCE_POOL_EXHAUSTED).' },
      { status: 'canceled', message: 'Canceled.' }
    ])
    const step = await runStep()
    const said = `The Sample Platform's linux run ${RUN} was canceled by the platform: VM creation failed (ZONE_RESOURCE_POOL_EXHAUSTED). This is not a test failure: re-run it on the Sample Platform.`
    expect(errorsOf(step.lines)).toEqual([`::error::${said} See ${platform().url}/test/${RUN}`])
    expect(step.summary).toContain(
      'VM creation failed (ZONE\\_RESOURCE\\_POOL\\_EXHAUSTED). This is not a test failure'
    )
    // The result's 404, then the run and its trail to explain it.
    expect(platform().requests.map((request) => request.path.split('?')[0])).toEqual([
      `/api/v1/runs/${RUN}/samples/${DEMO.passingSample}`,
      `/api/v1/runs/${RUN}`,
      `/api/v1/runs/${RUN}/progress`
    ])
  })

  it('with no message that says more than "Canceled.", is named as before', async () => {
    endedRun('canceled', [
      { status: 'queued', message: 'Queued.' },
      { status: 'canceled', message: 'Canceled.' }
    ])
    const step = await runStep()
    expect(errorsOf(step.lines)).toEqual([
      `::error::The Sample Platform's linux run ${RUN} was canceled (the run was canceled, its build failed, or a test machine failed): it has no results to report. See ${platform().url}/test/${RUN}`
    ])
  })
})

describe('a run that ended incomplete', () => {
  it('after a time limit quotes it', async () => {
    endedRun('incomplete', [
      { status: 'testing', message: 'Running the regression tests.' },
      { status: 'error', message: 'Time limit of 3 hours exceeded; the test machine was stopped.' }
    ])
    const step = await runStep({ 'wait-timeout': '60' })
    expect(errorsOf(step.lines)).toEqual([
      `::error::The Sample Platform's linux run ${RUN} ended incomplete: Time limit of 3 hours exceeded; the test machine was stopped. This is not a test failure: re-run it on the Sample Platform. See ${platform().url}/test/${RUN}`
    ])
  })
})

describe('a progress trail that cannot be read', () => {
  it.each([
    [403, 'forbidden'],
    [404, 'No route']
  ])('(%d) leaves the message as before, and says so once', async (status) => {
    endedRun('canceled', [{ status: 'error', message: 'VM creation failed.' }])
    platform().enqueueFault({ match: (path) => path.includes('/progress'), status })
    const step = await runStep()
    expect(errorsOf(step.lines)).toEqual([
      expect.stringContaining(
        `run ${RUN} was canceled (the run was canceled, its build failed, or a test machine failed): it has no results to report.`
      )
    ])
    expect(
      step.lines.filter((line) =>
        line.startsWith(`The progress trail of run ${RUN} could not be read`)
      )
    ).toHaveLength(1)
    expect(step.failed).toBe(true)
  })
})

describe('untrusted progress text', () => {
  it('stays text in the summary and one line in the log', async () => {
    const markdown = new MarkdownIt({ html: true, linkify: true })
    endedRun('canceled', [
      {
        status: 'error',
        message:
          'boom [click](https://evil.example/x) **bold** <img src=x onerror=alert(1)> @maintainers\n::error::forged ``` `'
      }
    ])
    const step = await runStep()
    const html = markdown.render(step.summary)
    expect(html).not.toContain('<a href="https://evil.example')
    expect(html).not.toContain('<strong>bold')
    expect(html).not.toContain('<img')
    expect(step.summary).not.toContain('@maintainers')
    expect(step.lines.filter((line) => line.startsWith('::error::'))).toHaveLength(1)
    expect(step.log).not.toMatch(/^::error::forged/m)
  })
})

describe('results that fail in the run and in its baseline', () => {
  /** A result of regression test `id` (media sample 1000 + id) with the exit code and failing outputs given. */
  const result = (
    id: number,
    status: string,
    exit: number,
    failing: number[],
    outputs = [1, 2].map((n) => 5000 + id * 10 + n)
  ) => ({
    regression_id: id,
    sample_id: 1000 + id,
    status,
    command: '--autoprogram --out=srt --latin1',
    exit_code: exit,
    expected_exit_code: 0,
    outputs: outputs.map((output_id) => ({
      output_id,
      filename: `${output_id}.srt`,
      status:
        status === 'missing_output'
          ? 'missing_output'
          : failing.includes(output_id)
            ? 'fail'
            : 'pass'
    }))
  })
  const runs = () =>
    new Map([
      [
        9711,
        new Map([
          [11, result(11, 'fail', 0, [5111])],
          [12, result(12, 'fail', 0, [5121])],
          [13, result(13, 'fail', 0, [5131])],
          [14, result(14, 'fail', 0, [5141])]
        ])
      ],
      [
        9712,
        new Map([
          // The same way; the exit code changed; another output differs too; no output now.
          [11, result(11, 'fail', 0, [5111])],
          [12, result(12, 'fail', 139, [5121])],
          [13, result(13, 'fail', 0, [5131, 5132])],
          [14, result(14, 'missing_output', 139, [])]
        ])
      ]
    ])

  it('tell the same failure from a different one, and say what changed', async () => {
    const { startFakePlatform } = await import('../test-support/fake-platform.js')
    const fake = await startFakePlatform({ runs: runs() })
    try {
      const step = await runOnRunner({
        'api-url': fake.apiUrl,
        'api-token': DEMO.token,
        'run-id': '9712',
        'sample-id': '11-14',
        'baseline-run-id': '9711',
        'fail-on': 'regression',
        diffs: '0',
        history: '0'
      })
      const results = JSON.parse(step.outputs.results ?? '[]') as Record<string, unknown>[]
      expect(
        results.map((entry) => [entry.id, entry.change, entry.signature, entry.baseline_signature])
      ).toEqual([
        [11, 'still-failing', 'diff_mismatch:output:5111', 'diff_mismatch:output:5111'],
        [
          12,
          'failing-differently',
          'exit_code_mismatch:rc:139 diff_mismatch:output:5121',
          'diff_mismatch:output:5121'
        ],
        [
          13,
          'failing-differently',
          'diff_mismatch:output:5131 diff_mismatch:output:5132',
          'diff_mismatch:output:5131'
        ],
        [14, 'failing-differently', 'missing_output', 'diff_mismatch:output:5141']
      ])
      // fail-on regression fails on a failure that changed, with no regression at all.
      expect(step.outputs.regressions).toBe('[]')
      expect(step.failed).toBe(true)
      expect(step.summary).toContain('**3 failing differently**, 1 still failing')
      // Failing differently: open, with what changed; the same way: folded.
      for (const said of [
        '#### 🔀 Failing differently than in run 9711 (3)',
        '❌ fail (🔀 failing differently: exit code 0 → 139)',
        '❌ fail (🔀 failing differently: now also output 5132 differs)',
        '❌ fail (🔀 failing differently: missing output now)',
        '<details><summary>Still failing the same way (1)</summary>'
      ])
        expect(step.summary).toContain(said)
    } finally {
      await fake.close()
    }
  })
})

describe("a diff's note quoting the server", () => {
  it('is markdown-inert: no link, no emphasis', async () => {
    const markdown = new MarkdownIt({ html: true, linkify: true })
    platform().enqueueFault({
      match: (path) => path.includes('/diff'),
      status: 404,
      json: {
        code: 'not_found',
        message: '[click](https://evil.example/x) **bold** _it_',
        details: { resource: 'output' }
      }
    })
    const step = await runOnRunner({
      'api-url': platform().apiUrl,
      'api-token': DEMO.token,
      'run-id': String(DEMO.runId),
      'sample-id': String(DEMO.failingSample)
    })
    expect(step.summary).toContain('the server did not find it (404')
    const html = markdown.render(step.summary)
    expect(html).not.toContain('href="https://evil.example')
    expect(html).not.toContain('<strong>bold')
    expect(html).not.toContain('<em>it')
  })
})
