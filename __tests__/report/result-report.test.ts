import { describe, expect, it } from '@jest/globals'
import MarkdownIt from 'markdown-it'
import { resultLinks } from '../../src/platform/links.js'
import type { SampleResult } from '../../src/platform/api/result.js'
import { renderResultReport } from '../../src/report/result-report.js'
import { JOB_SUMMARY_LIMIT_BYTES } from '../../src/report/step-report.js'
import { failing, hostile, missingOutput, passing, timedOut } from '../../__fixtures__/results.js'

const API = 'https://sampleplatform.ccextractor.org/api/v1'
const markdown = new MarkdownIt({ html: true })

function reportOf(result: SampleResult): string {
  return renderResultReport(result, resultLinks(API, result))
}

describe('renderResultReport', () => {
  it.each([
    ['passing', passing],
    ['failing', failing],
    ['missing output', missingOutput],
    ['runner time-out', timedOut]
  ])('renders a %s result', (_name, result) => {
    expect(reportOf(result)).toMatchSnapshot()
  })

  it('links the run and the regression test on the web interface', () => {
    const html = markdown.render(reportOf(failing))
    expect(html).toContain('href="https://sampleplatform.ccextractor.org/test/9412"')
    expect(html).toContain('href="https://sampleplatform.ccextractor.org/regression/test/42/view"')
  })

  it('shows the exit code against the expected one, and flags the time-out', () => {
    expect(reportOf(failing)).toContain('| **139** (expected 0) |')
    expect(reportOf(passing)).toContain('| 0 | 1.8 s |')
    expect(reportOf(timedOut)).toContain('10 min 0 s (runner time-out)')
  })

  it('lets no server string break out', () => {
    const text = reportOf(hostile)
    const html = markdown.render(text)
    expect(html).not.toMatch(/<(img|script|details|summary|b|i)[ >]/)
    // GitHub links no mentions inside code; everywhere else they are broken.
    const outsideCode = html.replace(/<code>[\s\S]*?<\/code>/g, '')
    expect(outsideCode).toContain('@\u200bteam')
    expect(outsideCode).not.toMatch(/@(octocat|team|here)/)
    // The result table keeps its five cells, the output table its two per row.
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(
      (m) => (m[1]?.match(/<td>/g) ?? []).length
    )
    expect(rows.filter((cells) => cells > 0)).toEqual([5, 2, 2, 2])
    // The message stays inside its code block: one <pre> for the command, one for the message.
    expect(html.match(/<pre>/g)).toHaveLength(2)
    expect(html).toContain('::error::injected')
    expect(html).toMatch(/<pre><code>line one\n::error::injected/)
  })

  it('stays far below the 1 MiB limit whatever the server sends', () => {
    const huge: SampleResult = {
      ...failing,
      result_message: 'x'.repeat(2_000_000),
      command: 'y'.repeat(100_000),
      outputs: Array.from({ length: 5000 }, (_, i) => ({ filename: `${i}.srt`, status: 'fail' }))
    }
    const text = reportOf(huge)
    expect(Buffer.byteLength(text)).toBeLessThan(JOB_SUMMARY_LIMIT_BYTES / 10)
    expect(text).toContain(
      '*The message is shortened: 1,980,000 more characters; the result-message output has it whole.*'
    )
    expect(text).toContain('…and 4900 more output files')
  })
})
