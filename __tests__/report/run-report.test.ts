import { describe, expect, it } from '@jest/globals'
import MarkdownIt from 'markdown-it'
import {
  classifyChange,
  entryPasses,
  countResults,
  type ResultSet,
  type SampleEntry
} from '../../src/platform/model.js'
import { renderRunReport, type ReportBudget } from '../../src/report/run-report.js'
import { JOB_SUMMARY_LIMIT_BYTES } from '../../src/report/step-report.js'
import { hostile } from '../../__fixtures__/results.js'
import { DEMO, defaultRuns } from '../../test-support/sample-runs.js'

const API = 'https://sampleplatform.ccextractor.org/api/v1'
const markdown = new MarkdownIt({ html: true })
const summaryBudget: ReportBudget = {
  limit: JOB_SUMMARY_LIMIT_BYTES,
  measure: (text) => Buffer.byteLength(text),
  whereIsAll: 'see the report-file output'
}
const COMMENT_LIMIT = 65_536
const commentBudget: ReportBudget = {
  limit: COMMENT_LIMIT,
  measure: (text) => text.length,
  whereIsAll: 'see the job summary'
}

/** Run 9412 against 9411, as the action builds it from the demo data. */
function demoSet(withBaseline: boolean): ResultSet {
  const runs = defaultRuns()
  const baseline = runs.get(DEMO.baselineRunId)
  const entries: SampleEntry[] = [...(runs.get(DEMO.runId)?.values() ?? [])].map((result) => {
    const entry: SampleEntry = { sampleId: result.regression_id, result, problem: null }
    if (!withBaseline) return entry
    const baselineStatus = baseline?.get(result.regression_id)?.status ?? null
    return { ...entry, baselineStatus, change: classifyChange(entryPasses(entry), baselineStatus) }
  })
  entries.push({
    sampleId: 250,
    result: null,
    problem: { kind: 'not-found', message: 'The Sample Platform answered 404 not_found.' }
  })
  return {
    runId: DEMO.runId,
    baselineRunId: withBaseline ? DEMO.baselineRunId : null,
    layout: 'run',
    entries
  }
}

/** `count` results, one in ten not passing. */
function bigSet(count: number): ResultSet {
  const base = [...(defaultRuns().get(DEMO.runId)?.values() ?? [])]
  const entries = Array.from({ length: count }, (_, i): SampleEntry => {
    const template = base[i % base.length] ?? hostile
    const status = i % 10 === 0 ? 'fail' : 'pass'
    return {
      sampleId: i + 1,
      result: { ...template, sample_id: i + 1, regression_id: i + 1, status },
      problem: null
    }
  })
  return { runId: 9500, baselineRunId: null, layout: 'run', entries }
}

const report = (set: ResultSet, budget: ReportBudget = summaryBudget) =>
  renderRunReport(set, countResults(set), API, budget)

describe('renderRunReport', () => {
  it('renders a run compared with its baseline', () => {
    expect(report(demoSet(true))).toMatchSnapshot()
  })

  it('renders a run without a baseline', () => {
    expect(report(demoSet(false))).toMatchSnapshot()
  })

  it('puts what needs attention first: regressions, the rest, then counts; folds what still fails the same way, categories and passing results', () => {
    const text = report(demoSet(true))
    const order = [
      '### ❌ 8 of 231 results do not pass: run 9412',
      '#### 🔻 Regressions since run 9411 (4)',
      '#### Other results that do not pass (1)',
      '<details><summary>Still failing the same way (3)</summary>',
      '**By status:**',
      '**Categories with results that do not pass:** DVB 2 · Options 2',
      '<details><summary>All 15 categories</summary>',
      '| Category | ✅ Passing |',
      '<details><summary>✅ 223 passing</summary>'
    ]
    const positions = order.map((part) => text.indexOf(part))
    expect(positions.every((position) => position >= 0)).toBe(true)
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
    expect(text).toContain('### ❌ 8 of 231 results do not pass: run 9412')
    expect(text).toContain(
      '**4 regressions**, 2 fixed (58, 63), 3 still failing, 221 still passing.'
    )
    expect(text).toContain('- sample 250: The Sample Platform answered 404 not\\_found.')
  })

  it('keeps hostile server strings inert in every table', () => {
    const set: ResultSet = {
      runId: 1,
      baselineRunId: 2,
      layout: 'run',
      entries: [
        {
          sampleId: 66,
          result: hostile,
          problem: null,
          baselineStatus: '<b>x</b> @octocat',
          change: 'regression'
        },
        {
          sampleId: 67,
          result: { ...hostile, status: 'pass', sample_id: 67 },
          problem: null,
          baselineStatus: null,
          change: 'new'
        },
        {
          sampleId: 68,
          result: null,
          problem: { kind: 'server', message: '<img src=x> @octocat | `x`' }
        }
      ]
    }
    const html = markdown.render(report(set))
    expect(html).not.toMatch(/<(img|script|b|i)[ >]/)
    expect(html.replace(/<code>[\s\S]*?<\/code>/g, '')).not.toMatch(/@(octocat|team|here)/)
    // Every table row keeps the number of cells of its header.
    for (const tableHtml of html.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
      const widths = [...tableHtml.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(
        (row) => (row[1]?.match(/<t[hd]>/g) ?? []).length
      )
      expect(new Set(widths).size).toBe(1)
    }
  })

  it('stays within 1 MiB for the summary and 65,536 characters for a comment with 2,000 results', () => {
    const set = bigSet(2000)
    const summary = report(set)
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT_BYTES)
    expect(summary).toContain('<details><summary>✅ 1800 passing</summary>')

    const comment = report(set, commentBudget)
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(comment.length).toBeGreaterThan(COMMENT_LIMIT * 0.9)
    // Passing rows go first; the 200 that do not pass all fit.
    expect(comment).toMatch(
      /…and \d+ more passing, left out to fit GitHub's size limit: see the job summary\./
    )
    expect(comment.match(/\| ❌ fail \|/g)).toHaveLength(200)
  })

  it('shortens the results that do not pass only when passing rows are gone', () => {
    const set = bigSet(2000)
    set.entries.forEach((entry) => {
      if (entry.result) entry.result.status = 'fail'
    })
    const comment = report(set, commentBudget)
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(comment).toMatch(/…and \d+ more, left out to fit GitHub's size limit/)
    expect(comment).not.toContain('passing</summary>')
  })

  it('is whole when there is no limit (the report file)', () => {
    const text = report(bigSet(2000), { ...summaryBudget, limit: Infinity })
    expect(text).not.toContain('left out')
    expect(text.match(/^\| \[\d+\]/gm)).toHaveLength(2000)
  })
})
