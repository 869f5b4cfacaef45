import { describe, expect, it } from '@jest/globals'
import MarkdownIt from 'markdown-it'
import { countResults, type ResultSet } from '../../src/platform/model.js'
import {
  commentStatuses,
  readCommentState,
  renderMarker,
  type CommentStatuses
} from '../../src/report/comment-state.js'
import {
  COMMENT_LIMIT_CHARS,
  describeChanges,
  fitComment,
  renderReport,
  type StepReport
} from '../../src/report/step-report.js'
import { decideVerdict } from '../../src/report/verdict.js'
import { collectedOf, diffLinesOf, failing } from '../../__fixtures__/results.js'

const API = 'https://sampleplatform.ccextractor.org/api/v1'
const JOB = 'https://github.com/CCExtractor/ccextractor/actions/runs/8123456789'
const markdown = new MarkdownIt({ html: true })

/** The step's report of a set, as run() builds it. */
function reportOf(set: ResultSet): StepReport {
  const counts = countResults(set)
  const collected = collectedOf(set)
  return {
    collected,
    counts,
    verdict: decideVerdict({ mode: 'non-pass' }, collected, counts, API),
    apiUrl: API
  }
}

/** The comment body for a set. */
function renderComment(set: ResultSet, previous: CommentStatuses | null, key = 'key'): string {
  return renderReport(reportOf(set), { kind: 'comment', jobUrl: JOB, previous, key })
}

describe('describeChanges', () => {
  it('says nothing without an earlier comment', () => {
    expect(describeChanges(null, { 1: 'pass' })).toBeNull()
  })

  it('says when nothing changed', () => {
    expect(describeChanges({ 1: 'pass', 2: 'fail' }, { 1: 'pass', 2: 'fail' })).toBe(
      '🔁 No change since the last update (same 2 statuses).'
    )
  })

  it('names each change, escaping the statuses', () => {
    expect(describeChanges({ 1: 'pass', 2: 'fail' }, { 1: 'fail', 2: 'fail', 3: '<b>x</b>' })).toBe(
      '🔁 Since the last update: sample 1 was ✅ pass, now ❌ fail; sample 3 is new, now ❔ \\<b\\>x\\</b\\>.'
    )
  })

  it('says which platform a sample moved on, and names a platform run that lost its results in words', () => {
    const text = describeChanges(
      { '42@linux': 'pass', '42@windows': 'pass' },
      { '42@linux': 'fail', '@windows': 'canceled' }
    )
    expect(text).toBe(
      '🔁 Since the last update: sample 42 on linux was ✅ pass, now ❌ fail; the windows run is new, now ❔ canceled; sample 42 on windows was ✅ pass, now not reported.'
    )
    expect(text).not.toMatch(/(^|\s)@\w/)
  })

  it('counts what it does not name', () => {
    const before = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [String(i + 1), 'pass']))
    const after = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [String(i + 1), 'fail']))
    expect(describeChanges(before, after)).toMatch(
      /sample 20 was ✅ pass, now ❌ fail; and 10 more\.$/
    )
  })
})

describe('renderReport for a comment', () => {
  it('renders a failing result that passed in the last comment', () => {
    const set: ResultSet = {
      runId: 9412,
      baselineRunId: 9411,
      layout: 'single',
      entries: [
        {
          sampleId: 42,
          result: failing,
          problem: null,
          baselineStatus: 'pass',
          change: 'regression'
        }
      ]
    }
    const body = renderComment(set, { 42: 'pass' })
    expect(body).toMatchSnapshot()
    expect(body.endsWith(`${renderMarker('key', { 42: 'fail' })}\n`)).toBe(true)
    expect(readCommentState(body)).toEqual({ key: 'key', statuses: { 42: 'fail' } })
  })
})

describe('renderReport for a comment on very large sets', () => {
  const bigSet = (count: number): ResultSet => ({
    runId: 9500,
    baselineRunId: null,
    layout: 'run',
    entries: Array.from({ length: count }, (_, i) => ({
      sampleId: i + 1,
      result: {
        ...failing,
        sample_id: i + 1,
        regression_id: i + 1,
        status: i % 3 === 0 ? 'fail' : 'pass'
      },
      problem: null
    }))
  })

  it('stays within 65,536 characters with 2,500 samples, the marker included', () => {
    const set = bigSet(2500)
    const statuses = commentStatuses(collectedOf(set))
    expect(Object.keys(statuses)).toEqual([expect.stringMatching(/^#[0-9a-f]{16}$/)])
    const marker = renderMarker('key', statuses)
    const body = renderComment(set, null)
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS)
    expect(body.endsWith(`${marker}\n`)).toBe(true)
  })

  it('keeps every status of a full run of 230 in the marker', () => {
    expect(Object.keys(commentStatuses(collectedOf(bigSet(230))))).toHaveLength(230)
  })

  it('tells a change from none when only digests are kept', () => {
    const before = commentStatuses(collectedOf(bigSet(2500)))
    const after = bigSet(2500)
    expect(describeChanges(before, commentStatuses(collectedOf(after)))).toBe(
      '🔁 No change since the last update.'
    )
    const entry = after.entries[1]
    if (entry?.result) entry.result.status = 'fail'
    expect(describeChanges(before, commentStatuses(collectedOf(after)))).toBe(
      '🔁 The statuses changed since the last update (too many results to list each change here).'
    )
  })
})

describe('fitComment', () => {
  it('cuts at a line, closes an open code block and says where the rest is', () => {
    const body = `intro\n\n\`\`\`\`sh\n${'line\n'.repeat(20_000)}\`\`\`\`\n`
    const fitted = fitComment(body, COMMENT_LIMIT_CHARS, JOB)
    expect(fitted.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS)
    expect(fitted).toMatch(
      /line\n````\n\n\*This comment is shortened to fit GitHub's limit; the \[job summary\]\(https:\/\/github\.com\/CCExtractor\/ccextractor\/actions\/runs\/8123456789\) has the whole report\.\*\n$/
    )
    const html = markdown.render(fitted)
    expect(html.match(/<pre>/g)).toHaveLength(1)
    expect(html).toContain('<em>This comment is shortened')
  })

  it('leaves a body that fits alone', () => {
    expect(fitComment('short', 100, JOB)).toBe('short')
  })
})

describe('diffs within the budget', () => {
  const diffOf = (lines: number, width: number) =>
    Array.from({ length: lines }, (_, i) => `+${String(i).padEnd(width, 'x')}`).join('\n')
  const withDiffs = (count: number, content: (i: number) => string): ResultSet => ({
    runId: 9412,
    baselineRunId: null,
    layout: count === 1 ? 'single' : 'run',
    entries: Array.from({ length: count }, (_, i) => ({
      sampleId: i + 1,
      result: { ...failing, sample_id: i + 1, regression_id: i + 1, status: 'fail' },
      problem: null,
      diffs: [
        {
          outputId: i + 1,
          filename: `out${i}.srt`,
          kind: 'diff' as const,
          ...diffLinesOf(content(i))
        }
      ]
    }))
  })

  it('keeps every diff when one of them has a line of 80,000 characters', () => {
    const set = withDiffs(10, (i) => (i === 9 ? `+${'b'.repeat(80_000)}` : diffOf(40, 60)))
    const body = renderComment(set, null)
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS)
    expect(body.match(/```diff/g)).toHaveLength(10)
  })

  it("shortens one result's diff to fit, keeping the cut line and the links", () => {
    const set = withDiffs(1, () => diffOf(5000, 200))
    const report = { ...reportOf(set), diffLines: 1000 }
    const body = renderReport(report, { kind: 'comment', jobUrl: JOB, previous: null, key: 'k' })
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS)
    expect(body).toMatch(
      /…and [\d,]+ more lines of this diff: see \[run 9412 on the Sample Platform\]/
    )
    expect(body).toContain('[Regression test 1](')
    expect(body).not.toContain('This comment is shortened')
  })
})

describe('fitComment around folded code', () => {
  it('does not take a </details> inside a code block for the end of its <details>', () => {
    const body = `<details><summary>diff</summary>\n\n\`\`\`diff\n</details>\n${'line\n'.repeat(20_000)}\`\`\`\n\n</details>\n`
    const fitted = fitComment(body, 10_000, JOB)
    const html = markdown.render(fitted)
    expect(fitted.endsWith('has the whole report.*\n')).toBe(true)
    // The cut closes the code block, then the details, and the note comes after both.
    expect(fitted).toMatch(/\n```\n\n<\/details>\n\n\*This comment is shortened/)
    expect(html.lastIndexOf('</details>')).toBeGreaterThan(html.lastIndexOf('</code></pre>'))
    expect(html.lastIndexOf('</details>')).toBeLessThan(html.indexOf('This comment is shortened'))
  })
})
