import type { ResultLinks } from '../platform/links.js'
import { readOutputFile, type SampleResult } from '../platform/api/result.js'
import type { Change, SampleEntry } from '../platform/model.js'
import { describeEntryHistory, NO_DETAILS, renderDiffs, type DetailBudget } from './details.js'
import { codeBlock, codeSpan, escapeMarkdown, thousands, truncate } from '../shared/text.js'
import { exitCodeCell, link, runtimeCell, statusLabel, table } from './markdown.js'

/**
 * Each part of one result is capped so that the report stays far below the
 * limit whatever the server sends: a 200,000-character message is cut, not lost
 * (the result-message output keeps it whole).
 */
const MAX_MESSAGE_CHARS = 20_000
const MAX_COMMAND_CHARS = 2_000
const MAX_OUTPUT_ROWS = 100
const MAX_TAGS = 50

/** How much of a long result message to show, and where the rest is; its history and diffs. */
export interface ResultReportLimits {
  maxMessageChars?: number
  whereIsAll?: string
  /** The result's entry, for its history and diffs; with details and apiUrl to show them. */
  entry?: SampleEntry
  details?: DetailBudget
  apiUrl?: string
}

/** How the result compares with the baseline run, when there is one. */
export interface BaselineComparison {
  runId: number
  runUrl: string
  status: string | null
  change: Change
}

const CHANGE_WORDS: Record<Change, string> = {
  regression: '🔻 a regression',
  fixed: '🎉 fixed',
  'still-failing': 'still not passing, the same way',
  'failing-differently': '🔀 still not passing, but differently',
  'still-passing': 'still passing',
  new: '🆕 new: the baseline run has no result for it',
  unknown: '❔ not compared: the baseline run could not be read for it'
}

/** The report of one result (the one-sample layout): pure, so it is tested as a snapshot. */
export function renderResultReport(
  result: SampleResult,
  links: ResultLinks,
  baseline?: BaselineComparison,
  limits: ResultReportLimits = {}
): string {
  const {
    maxMessageChars = MAX_MESSAGE_CHARS,
    whereIsAll = 'the result-message output has it whole'
  } = limits
  const parts = [
    // The number asked for: on the seed's server, a sample whose regression test is another number.
    `### ${statusLabel(result.status)}: run ${result.run_id}, sample ${limits.entry?.sampleId ?? result.regression_id}${sampleName(result)}`,
    table(
      ['Regression test', 'Category', 'Status', 'Exit code', 'Runtime'],
      [
        [
          link(String(result.regression_id), links.regression),
          result.category === null ? '–' : escapeMarkdown(result.category),
          statusLabel(result.status),
          exitCodeCell(result.exit_code, result.expected_exit_code),
          runtimeCell(result.runtime_ms, result.exit_code)
        ]
      ]
    ),
    ...(baseline ? [baselineLine(baseline)] : []),
    result.command === null
      ? '**Command:** not given by the server'
      : `**Command**\n\n${codeBlock(`ccextractor ${truncate(result.command, MAX_COMMAND_CHARS)}`, 'sh')}`
  ]
  if (result.tags.length > 0) {
    const more = result.tags.length - MAX_TAGS
    const tags = result.tags.slice(0, MAX_TAGS).map((tag) => codeSpan(tag))
    parts.push(`**Tags:** ${tags.join(', ')}${more > 0 ? ` and ${more} more` : ''}`)
  }
  const message = result.result_message ?? ''
  if (message.trim() !== '') {
    parts.push(`**Result message**\n\n${codeBlock(message.slice(0, maxMessageChars))}`)
    if (message.length > maxMessageChars) {
      const more = thousands(message.length - maxMessageChars)
      parts.push(`*The message is shortened: ${more} more characters; ${whereIsAll}.*`)
    }
  }
  parts.push(outputFiles(result.outputs))
  const { entry, details = NO_DETAILS, apiUrl } = limits
  if (entry && apiUrl) {
    const history = details.history ? describeEntryHistory(entry) : ''
    if (history) parts.push(`**History:** ${history}.`)
    const diffs = renderDiffs([entry], { apiUrl, runId: result.run_id }, details)
    if (diffs) parts.push(`**What differs**\n\n${diffs}`)
  }
  const sample =
    links.sample === null || result.sample_id === null
      ? ''
      : ` · ${link(`Sample ${result.sample_id} (its page and download)`, links.sample)}`
  parts.push(
    `${link(`Run ${result.run_id}`, links.run)} · ${link(`Regression test ${result.regression_id}`, links.regression)}${sample} on the Sample Platform`
  )
  return `${parts.join('\n\n')}\n`
}

function baselineLine(baseline: BaselineComparison): string {
  const before = baseline.status === null ? '' : ` was ${statusLabel(baseline.status)};`
  return `**Compared with ${link(`run ${baseline.runId}`, baseline.runUrl)}:**${before} ${CHANGE_WORDS[baseline.change]}.`
}

function sampleName(result: SampleResult): string {
  return result.sample_name ? ` (${codeSpan(result.sample_name)})` : ''
}

function outputFiles(outputs: readonly unknown[] | null): string {
  if (outputs === null) return '**Output files:** not given by the server'
  if (outputs.length === 0) return '**Output files:** none expected'
  const rows = outputs
    .slice(0, MAX_OUTPUT_ROWS)
    .map(readOutputFile)
    .map((file) => [
      file.filename === null ? '–' : codeSpan(file.filename, 'table'),
      statusLabel(file.status)
    ])
  const more = outputs.length - rows.length
  const rest = more > 0 ? `\n\n…and ${more} more output files (see the outputs output).` : ''
  return `**Output files** (${outputs.length})\n\n${table(['File', 'Status'], rows)}${rest}`
}
