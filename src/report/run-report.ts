import { runPage } from '../platform/links.js'
import { readOutputFile } from '../platform/api/result.js'
import {
  entryPasses,
  entryStatus,
  type Change,
  type ResultSet,
  type SampleEntry,
  type SetCounts
} from '../platform/model.js'
import { escapeHtml, escapeMarkdown } from '../shared/text.js'
import {
  fewerDetails,
  renderFlaky,
  historyNote,
  NO_DETAILS,
  renderDiffs,
  type DetailBudget
} from './details.js'
import {
  exitCodeCell,
  largestFitting,
  link,
  runtimeCell,
  sampleCell,
  statusIcon,
  statusLabel,
  table
} from './markdown.js'
import { describeCounts } from './verdict.js'

/** Where the report goes decides how its size is counted and what it may hold. */
export interface ReportBudget {
  /** The most the report may measure. */
  limit: number
  /** How the destination counts: bytes for the job summary, characters for a comment. */
  measure: (text: string) => number
  /** Said when rows had to be left out: where the whole report is. */
  whereIsAll: string
  /** Diffs and history at most; less when space is short. Default: none. */
  details?: DetailBudget
}

/** What a rendering holds: rows of results, and how much of the details. */
interface Shown {
  problems: number
  passing: number
  details: DetailBudget
}

export const CHANGE_LABELS: Record<Change, string> = {
  regression: '🔻 regression',
  fixed: '🎉 fixed',
  'still-failing': 'still failing',
  'failing-differently': '🔀 failing differently',
  'still-passing': 'still passing',
  new: '🆕 new',
  unknown: '❔ not compared'
}

const MAX_PROBLEM_TEXT = 300

/**
 * The report of many results, what needs attention first: the verdict, the
 * regressions (each with its history and folded diffs), the other results that
 * do not pass, the flaky ones, then the counts; the full table of categories
 * and the passing results folded away. When the budget is short, diffs go
 * first (fewer lines, then none), then the history notes, then passing rows,
 * then the other rows; the report says how many were left out and where the
 * rest is.
 */
export function renderRunReport(
  set: ResultSet,
  counts: SetCounts,
  apiUrl: string,
  budget: ReportBudget
): string {
  const problems = set.entries.filter((entry) => !entryPasses(entry)).length
  const passing = set.entries.length - problems
  const all: Shown = { problems, passing, details: budget.details ?? NO_DETAILS }
  const fits = (shown: Shown) =>
    budget.measure(renderSections(set, counts, apiUrl, shown, budget)) <= budget.limit
  if (fits(all)) return renderSections(set, counts, apiUrl, all, budget)
  for (const details of fewerDetails(all.details)) {
    if (fits({ ...all, details }))
      return renderSections(set, counts, apiUrl, { ...all, details }, budget)
  }
  let shown: Shown = { ...all, details: NO_DETAILS }
  if (!fits(shown)) {
    shown = {
      ...shown,
      passing: largestFitting(passing, (n) => fits({ ...shown, passing: n }))
    }
    if (shown.passing === 0 && !fits(shown)) {
      shown = {
        ...shown,
        problems: largestFitting(problems, (n) => fits({ ...shown, problems: n, passing: 0 }))
      }
    }
  }
  return renderSections(set, counts, apiUrl, shown, budget)
}

function renderSections(
  set: ResultSet,
  counts: SetCounts,
  apiUrl: string,
  shown: Shown,
  budget: ReportBudget
): string {
  const regressions = set.entries.filter((entry) => entry.change === 'regression')
  const otherProblems = set.entries.filter(
    (entry) => !entryPasses(entry) && entry.change !== 'regression'
  )
  const passing = set.entries.filter(entryPasses)
  const withBaseline = set.baselineRunId !== null
  const where = { apiUrl, runId: set.runId }

  const parts = [heading(set, counts, apiUrl)]
  let budgetLeft = shown.problems
  const problemSection = (title: string, entries: SampleEntry[]) => {
    const rows = entries.slice(0, budgetLeft)
    budgetLeft -= rows.length
    if (entries.length === 0) return
    parts.push(`#### ${title} (${entries.length})`)
    if (rows.length > 0) parts.push(problemTable(rows, apiUrl, withBaseline, shown.details))
    const unavailable = rows.filter((entry) => entry.result === null)
    if (unavailable.length > 0) parts.push(unavailableList(unavailable))
    const diffs = renderDiffs(rows, where, shown.details)
    if (diffs) parts.push(diffs)
    if (rows.length < entries.length)
      parts.push(leftOut(entries.length - rows.length, 'more', budget))
  }
  if (withBaseline) problemSection(`🔻 Regressions since run ${set.baselineRunId}`, regressions)
  problemSection(
    withBaseline ? 'Other results that do not pass' : 'Results that do not pass',
    otherProblems
  )
  const flaky = renderFlaky(
    set.entries.filter((entry) => !entryPasses(entry)).map((entry) => ({ entry })),
    shown.details
  )
  if (flaky) parts.push(flaky)
  parts.push(countsByStatus(counts))
  const failing = failingCategories(counts)
  if (failing) parts.push(failing)
  parts.push(categoriesSection(counts))
  if (passing.length > 0)
    parts.push(passingSection(passing, shown.passing, apiUrl, withBaseline, budget))
  parts.push(`${link(`Run ${set.runId} on the Sample Platform`, runPage(apiUrl, set.runId))}`)
  return `${parts.join('\n\n')}\n`
}

function heading(set: ResultSet, counts: SetCounts, apiUrl: string): string {
  const lines = [`### ${describeCounts(counts, !set.incomplete)}: run ${set.runId}`]
  if (set.incomplete) {
    lines.push(
      `**The server's list of this run is incomplete** (${escapeMarkdown(set.incomplete)}): results it left out are not shown, and may not pass.`
    )
  }
  if (set.baselineRunId !== null) {
    const byChange = new Map<Change, number>()
    for (const entry of set.entries)
      if (entry.change) byChange.set(entry.change, (byChange.get(entry.change) ?? 0) + 1)
    const parts = (
      [
        'regression',
        'failing-differently',
        'fixed',
        'still-failing',
        'still-passing',
        'new',
        'unknown'
      ] as const
    )
      .filter((change) => byChange.has(change))
      .map((change) => {
        const count = byChange.get(change) ?? 0
        if (change === 'regression') return `**${count} regression${count === 1 ? '' : 's'}**`
        if (change === 'failing-differently') return `**${count} failing differently**`
        if (change === 'unknown') return `${count} not compared (the baseline could not be read)`
        const ids = change === 'fixed' && count <= 10 ? ` (${counts.fixed.join(', ')})` : ''
        return `${count} ${change.replace('-', ' ')}${ids}`
      })
    lines.push(
      `Compared with ${link(`run ${set.baselineRunId}`, runPage(apiUrl, set.baselineRunId))}${baselineChoice(set)}: ${parts.join(', ')}.`
    )
  }
  return lines.join('\n\n')
}

function countsByStatus(counts: SetCounts): string {
  return `**By status:** ${counts.byStatus.map(([status, count]) => `${statusLabel(status)} ${count}`).join(' · ')}`
}

/** "**Categories with results that do not pass:** DVB 2 · Options 2 · CEA-708 1" */
function failingCategories(counts: SetCounts): string {
  const failing = counts.byCategory.filter(([, tally]) => tally.failed > 0)
  if (failing.length === 0) return ''
  const named = failing.map(([category, tally]) => `${escapeMarkdown(category)} ${tally.failed}`)
  return `**Categories with results that do not pass:** ${named.join(' · ')}`
}

/** Every category with its counts, folded: the table a reader opens when asked. */
function categoriesSection(counts: SetCounts): string {
  const rows = counts.byCategory.map(([category, tally]) => [
    escapeMarkdown(category),
    String(tally.passed),
    tally.failed === 0 ? '0' : `**${tally.failed}**`
  ])
  const label = escapeHtml(`All ${counts.byCategory.length} categories`)
  return `<details><summary>${label}</summary>\n\n${table(['Category', '✅ Passing', '❌ Not passing'], rows)}\n\n</details>`
}

function problemTable(
  entries: SampleEntry[],
  apiUrl: string,
  withBaseline: boolean,
  details: DetailBudget
): string {
  const header = [
    'Sample',
    'Category',
    'Status',
    ...(withBaseline ? ['Baseline'] : []),
    'Exit code',
    'Output files',
    'Runtime'
  ]
  const rows = entries.map((entry) => {
    const result = entry.result
    return [
      sampleCell(entry.sampleId, entry.result, apiUrl),
      result?.category ? escapeMarkdown(result.category) : '–',
      `${statusLabel(entryStatus(entry))}${historyNote(entry, details)}`,
      ...(withBaseline ? [baselineCell(entry)] : []),
      result ? exitCodeCell(result.exit_code, result.expected_exit_code) : '–',
      result ? outputProblems(result.outputs) : '–',
      result ? runtimeCell(result.runtime_ms, result.exit_code) : '–'
    ]
  })
  return table(header, rows)
}

function baselineCell(entry: SampleEntry): string {
  if (entry.change === undefined) return '–'
  const before = entry.baselineStatus ? statusLabel(entry.baselineStatus) : '–'
  return `${before} (${CHANGE_LABELS[entry.change]})`
}

/** "❌ 1 fail, 📭 1 missing_output of 3"; just the count when every file passed. */
function outputProblems(outputs: readonly unknown[] | null): string {
  if (outputs === null) return '–'
  if (outputs.length === 0) return 'none expected'
  const counts = new Map<string, number>()
  for (const file of outputs.map(readOutputFile)) {
    const status = file.status ?? 'unknown'
    if (status !== 'pass') counts.set(status, (counts.get(status) ?? 0) + 1)
  }
  if (counts.size === 0) return `✅ ${outputs.length} pass`
  const parts = [...counts].map(
    ([status, count]) => `${statusIcon(status)} ${count} ${escapeMarkdown(status)}`
  )
  return `${parts.join(', ')} of ${outputs.length}`
}

function unavailableList(entries: SampleEntry[]): string {
  return entries
    .map(
      (entry) =>
        `- sample ${entry.sampleId}: ${escapeMarkdown(entry.problem?.message ?? 'no result', MAX_PROBLEM_TEXT)}`
    )
    .join('\n')
}

function passingSection(
  entries: SampleEntry[],
  shownRows: number,
  apiUrl: string,
  withBaseline: boolean,
  budget: ReportBudget
): string {
  const rows = entries
    .slice(0, shownRows)
    .map((entry) => [
      sampleCell(entry.sampleId, entry.result, apiUrl),
      escapeMarkdown(entry.result?.category ?? ''),
      ...(withBaseline ? [entry.change ? CHANGE_LABELS[entry.change] : '–'] : []),
      entry.result ? runtimeCell(entry.result.runtime_ms, entry.result.exit_code) : '–'
    ])
  const body =
    rows.length > 0
      ? table(['Sample', 'Category', ...(withBaseline ? ['Change'] : []), 'Runtime'], rows)
      : ''
  const rest =
    rows.length < entries.length
      ? leftOut(entries.length - rows.length, 'more passing', budget)
      : ''
  const label = escapeHtml(`✅ ${entries.length} passing`)
  return `<details><summary>${label}</summary>\n\n${[body, rest].filter(Boolean).join('\n\n')}\n\n</details>`
}

function leftOut(count: number, what: string, budget: ReportBudget): string {
  return `…and ${count} ${what}, left out to fit GitHub's size limit: ${budget.whereIsAll}.`
}

/** " (newest finished run on master)": how the action chose the baseline, when it did. */
export function baselineChoice(set: ResultSet): string {
  return set.baselineChoice ? ` (${escapeMarkdown(set.baselineChoice)})` : ''
}
