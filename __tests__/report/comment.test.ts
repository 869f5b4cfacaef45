import { describe, expect, it } from '@jest/globals'
import MarkdownIt from 'markdown-it'
import type { ResultSet } from '../../src/platform/result-set.js'
import { summarizeSet } from '../../src/platform/result-set.js'
import {
  COMMENT_LIMIT_CHARS,
  describeChanges,
  fitComment,
  renderComment
} from '../../src/report/comment.js'
import { failing } from '../../__fixtures__/results.js'

const API = 'https://sampleplatform.ccextractor.org/api/v1'
const JOB = 'https://github.com/CCExtractor/ccextractor/actions/runs/8123456789'
const markdown = new MarkdownIt({ html: true })

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

  it('counts what it does not name', () => {
    const before = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [String(i + 1), 'pass']))
    const after = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [String(i + 1), 'fail']))
    expect(describeChanges(before, after)).toMatch(
      /sample 20 was ✅ pass, now ❌ fail; and 10 more\.$/
    )
  })
})

describe('renderComment', () => {
  it('renders a failing result that passed in the last comment', () => {
    const set: ResultSet = {
      runId: 9412,
      baselineRunId: 9411,
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
    const body = renderComment({
      set,
      summary: summarizeSet(set),
      apiUrl: API,
      jobUrl: JOB,
      previous: { 42: 'pass' },
      marker: '<!-- sample-result-action key=a2V5 statuses=e30 -->'
    })
    expect(body).toMatchSnapshot()
    expect(body.endsWith('<!-- sample-result-action key=a2V5 statuses=e30 -->\n')).toBe(true)
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
