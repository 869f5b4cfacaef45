import { runPage, samplePage } from '../platform/links.js'
import { readOutputFile } from '../platform/api/result.js'
import {
  entryPasses,
  entryStatus,
  type Change,
  type ResultSet,
  type SampleEntry,
  type SetCounts
} from '../platform/model.js'
import { codeSpan, escapeHtml, escapeMarkdown, thousands } from '../shared/text.js'
import {
  renderWithDetails,
  renderFlaky,
  historyNote,
  NO_DETAILS,
  renderDiffs,
  type DetailBudget
} from './details.js'
import {
  exitCodeCell,
  fitItems,
  largestFitting,
  link,
  runtimeCell,
  sampleCell,
  statusIcon,
  statusLabel,
  table,
  tableOfRows,
  tableRow,
  type Measure
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
  /** Whose limit a cut report fits, in a few words; default "GitHub's size limit". */
  limitName?: string
  /** Diffs and history at most; less when space is short. Default: none. */
  details?: DetailBudget
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
/** Between two sections. */
const GAP = '\n\n'
/**
 * The most of the budget each of these sections may take, so that none of
 * them crowds out the next: a run whose results name 100,000 categories still
 * leaves room for its passing rows and its diffs.
 */
const SHARES = { byStatus: 1 / 16, failingCategories: 1 / 16, categories: 1 / 8 }

/**
 * The report of many results, what needs attention first: the verdict, the
 * regressions (each with its history and folded diffs), the other results that
 * do not pass, the flaky ones, then the counts; the full table of categories
 * and the passing results folded away.
 *
 * Each section gets what the sections before it, in this order, leave of the
 * budget: the heading and the rows that do not pass, the counts by status, the
 * categories with results that do not pass, the table of every category (these
 * three at most their SHARES of it), the passing rows, and last the details
 * (diffs, fewer lines first, then history notes). A section that cannot show
 * everything says how much it left out and where the rest is; one that has no
 * room at all is left out.
 */
export function renderRunReport(
  set: ResultSet,
  counts: SetCounts,
  apiUrl: string,
  budget: ReportBudget
): string {
  const { measure } = budget
  const head = heading(set, counts, apiUrl)
  const foot = link(`Run ${set.runId} on the Sample Platform`, runPage(apiUrl, set.runId))
  let room = budget.limit - measure(`${head}${GAP}${foot}\n`)
  /** A section's cost: itself and the gap before it; nothing when it is left out. */
  const cost = (part: string) => (part === '' ? 0 : measure(GAP) + measure(part))
  const take = (part: string) => {
    room -= cost(part)
    return part
  }
  /** The room for one more section's own text, at most `share` of the budget. */
  const left = (share = 1) => Math.min(room - measure(GAP), Math.floor(budget.limit * share))

  const groups = problemGroups(set)
  const problemCount = groups.reduce((sum, group) => sum + group.entries.length, 0)
  const problems = (rows: number, details: DetailBudget) =>
    problemSections(groups, rows, { set, apiUrl, details, budget })
  const fitsRows = (rows: number) => cost(problems(rows, NO_DETAILS)) <= room
  const rows = fitsRows(problemCount) ? problemCount : largestFitting(problemCount, fitsRows)
  const plain = take(problems(rows, NO_DETAILS))
  const byStatus = take(countsByStatus(counts, left(SHARES.byStatus), measure))
  const failing = take(failingCategories(counts, left(SHARES.failingCategories), measure))
  const categories = take(categoriesSection(counts, left(SHARES.categories), budget))
  const passing = take(passingSection(set, apiUrl, left(), budget))

  // The details last, in what the rows without them and every other section leave.
  room += cost(plain)
  const notPassing = set.entries.filter((entry) => !entryPasses(entry))
  const { rendered } = renderWithDetails(
    {
      most: budget.details ?? NO_DETAILS,
      room,
      measure,
      entries: groups.flatMap((group) => group.entries).slice(0, rows)
    },
    (details) => [
      problems(rows, details),
      renderFlaky(
        notPassing.map((entry) => ({ entry })),
        details
      )
    ],
    (parts) => parts.reduce((sum, part) => sum + cost(part), 0) <= room
  )
  const parts = [head, ...rendered, byStatus, failing, categories, passing, foot]
  return `${parts.filter((part) => part !== '').join(GAP)}\n`
}

/** The results that do not pass, in the groups the report shows them in, in order. */
interface ProblemGroup {
  title: string
  entries: SampleEntry[]
  /** Shown folded: nothing in it is news. */
  folded?: boolean
}

function problemGroups(set: ResultSet): ProblemGroup[] {
  const notPassing = set.entries.filter((entry) => !entryPasses(entry))
  if (set.baselineRunId === null)
    return [{ title: 'Results that do not pass', entries: notPassing }]
  const withChange = (change: Change) => notPassing.filter((entry) => entry.change === change)
  const known = new Set<Change | undefined>(['regression', 'failing-differently', 'still-failing'])
  return [
    { title: `🔻 Regressions since run ${set.baselineRunId}`, entries: withChange('regression') },
    {
      title: `🔀 Failing differently than in run ${set.baselineRunId}`,
      entries: withChange('failing-differently')
    },
    {
      title: 'Other results that do not pass',
      entries: notPassing.filter((entry) => !known.has(entry.change))
    },
    // Failing in both runs the same way: nothing new, so folded.
    { title: 'Still failing the same way', entries: withChange('still-failing'), folded: true }
  ].filter((group) => group.entries.length > 0)
}

/** The groups of results that do not pass, with the first `rows` of them as rows, and their details. */
function problemSections(
  groups: readonly ProblemGroup[],
  rows: number,
  context: { set: ResultSet; apiUrl: string; details: DetailBudget; budget: ReportBudget }
): string {
  const { set, apiUrl, details, budget } = context
  const withBaseline = set.baselineRunId !== null
  const where = { apiUrl, runId: set.runId }
  const parts: string[] = []
  let rowsLeft = rows
  for (const { title, entries, folded } of groups) {
    const shown = entries.slice(0, rowsLeft)
    rowsLeft -= shown.length
    const section: string[] = []
    if (shown.length > 0) section.push(problemTable(shown, apiUrl, withBaseline, details))
    const unavailable = shown.filter((entry) => entry.result === null)
    if (unavailable.length > 0) section.push(unavailableList(unavailable))
    const reproduce = reproduceList(shown, apiUrl)
    if (reproduce) section.push(reproduce)
    const diffs = renderDiffs(shown, where, details)
    if (diffs) section.push(diffs)
    if (shown.length < entries.length)
      section.push(leftOut(entries.length - shown.length, 'more', budget))
    const named = `${title} (${entries.length})`
    parts.push(
      folded
        ? [`<details><summary>${escapeHtml(named)}</summary>`, ...section, '</details>'].join(GAP)
        : [`#### ${named}`, ...section].join(GAP)
    )
  }
  return parts.join(GAP)
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

/** "**By status:** ✅ pass 223 · ❌ fail 7", as many statuses as fit. */
function countsByStatus(counts: SetCounts, room: number, measure: Measure): string {
  return fitItems({
    count: counts.byStatus.length,
    item: (index) => {
      const [status, count] = counts.byStatus[index] ?? ['', 0]
      return `${statusLabel(status)} ${count}`
    },
    frame: (items, left) => `**By status:** ${withMore(items, left)}`,
    separator: ' · ',
    room,
    measure
  })
}

/** "**Categories with results that do not pass:** DVB 2 · Options 2 · CEA-708 1", as many as fit. */
function failingCategories(counts: SetCounts, room: number, measure: Measure): string {
  const failing = counts.byCategory.filter(([, tally]) => tally.failed > 0)
  if (failing.length === 0) return ''
  return fitItems({
    count: failing.length,
    item: (index) => {
      const [category, tally] = failing[index] ?? ['', { failed: 0 }]
      return `${escapeMarkdown(category)} ${tally.failed}`
    },
    frame: (items, left) =>
      `**Categories with results that do not pass:** ${withMore(items, left)}`,
    separator: ' · ',
    room,
    measure
  })
}

/** The names shown, then how many more there are. */
function withMore(items: readonly string[], left: number): string {
  return [...items, ...(left > 0 ? [`…and ${thousands(left)} more`] : [])].join(' · ')
}

/** Every category with its counts, folded (as many rows as fit): the table a reader opens when asked. */
function categoriesSection(counts: SetCounts, room: number, budget: ReportBudget): string {
  const header = ['Category', '✅ Passing', '❌ Not passing']
  const label = escapeHtml(`All ${counts.byCategory.length} categories`)
  return fitItems({
    count: counts.byCategory.length,
    item: (index) => {
      const [category, tally] = counts.byCategory[index] ?? ['', { passed: 0, failed: 0 }]
      return tableRow([
        escapeMarkdown(category),
        String(tally.passed),
        tally.failed === 0 ? '0' : `**${tally.failed}**`
      ])
    },
    frame: foldedTable(label, header, 'more categories', budget),
    separator: '\n',
    room,
    measure: budget.measure
  })
}

/** Text under a `<summary>`, its parts apart. */
function folded(label: string, parts: readonly string[]): string {
  const body = parts.filter((part) => part !== '').join(GAP)
  return `<details><summary>${label}</summary>${GAP}${body}${GAP}</details>`
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
  return `${before} (${describeChange(entry)})`
}

/** "🔻 regression", or for a failure that changed, what changed: "🔀 failing differently: exit code 0 → 139". */
export function describeChange(entry: SampleEntry): string {
  if (entry.change === undefined) return ''
  const label = CHANGE_LABELS[entry.change]
  const what = entry.change === 'failing-differently' ? (entry.failureChange ?? []) : []
  return what.length > 0 ? `${label}: ${escapeMarkdown(what.join('; '))}` : label
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

/** The passing results, folded, as many rows as fit. */
function passingSection(
  set: ResultSet,
  apiUrl: string,
  room: number,
  budget: ReportBudget
): string {
  const entries = set.entries.filter(entryPasses)
  if (entries.length === 0) return ''
  const withBaseline = set.baselineRunId !== null
  const header = ['Sample', 'Category', ...(withBaseline ? ['Change'] : []), 'Runtime']
  const label = escapeHtml(`✅ ${entries.length} passing`)
  return fitItems({
    count: entries.length,
    item: (index) => {
      const entry = entries[index]
      if (!entry) return ''
      return tableRow([
        sampleCell(entry.sampleId, entry.result, apiUrl),
        escapeMarkdown(entry.result?.category ?? ''),
        ...(withBaseline ? [entry.change ? CHANGE_LABELS[entry.change] : '–'] : []),
        entry.result ? runtimeCell(entry.result.runtime_ms, entry.result.exit_code) : '–'
      ])
    },
    frame: foldedTable(label, header, 'more passing', budget),
    separator: '\n',
    room,
    measure: budget.measure
  })
}

/** "…and 12 more, left out to fit GitHub's size limit: <where the rest is>." */
export function leftOut(count: number, what: string, budget: ReportBudget): string {
  const limit = budget.limitName ?? "GitHub's size limit"
  return `…and ${count} ${what}, left out to fit ${limit}: ${budget.whereIsAll}.`
}

/** " (newest finished run on master)": how the action chose the baseline, when it did. */
export function baselineChoice(set: ResultSet): string {
  const age =
    set.baselineAgeDays === undefined
      ? null
      : set.baselineAgeDays < 1
        ? 'less than a day older'
        : `${set.baselineAgeDays} day${set.baselineAgeDays === 1 ? '' : 's'} older`
  const parts = [set.baselineChoice ? escapeMarkdown(set.baselineChoice) : null, age].filter(
    (part) => part !== null
  )
  return parts.length > 0 ? ` (${parts.join(', ')})` : ''
}

/**
 * What a contributor needs to try samples that do not pass, with no search:
 * each one's page on the Sample Platform (where its media is downloaded) and
 * the command, ready to paste. Empty when none has a command.
 */
export function reproduceList(entries: readonly SampleEntry[], apiUrl: string): string {
  const lines = entries.flatMap((entry) => {
    const result = entry.result
    if (result === null || result.command === null) return []
    const page =
      result.sample_id === null
        ? ''
        : `${link('page and download', samplePage(apiUrl, result.sample_id))} · `
    const input = result.sample_name ?? '<the sample file>'
    return [
      `- sample ${entry.sampleId}: ${page}${codeSpan(`ccextractor ${result.command} ${input}`)}`
    ]
  })
  return lines.length > 0
    ? `**To try ${lines.length === 1 ? 'it' : 'them'}:**\n\n${lines.join('\n')}`
    : ''
}

/** A folded table of the rows that fit, then how many were left out: a frame for fitItems. */
function foldedTable(
  label: string,
  header: string[],
  more: string,
  budget: ReportBudget
): (rows: readonly string[], left: number) => string {
  return (rows, left) =>
    folded(label, [
      rows.length > 0 ? tableOfRows(header, rows) : '',
      left > 0 ? leftOut(left, more, budget) : ''
    ])
}
