/**
 * The report of several platforms' runs of one commit: a line per platform
 * (its run, counts, baseline), the samples that do not pass on any platform in
 * one table with a status column per platform, then each platform's own report
 * folded away, all within the target's size budget.
 */
import type { Collected, PlatformRun } from '../platform/model.js'
import { runPage } from '../platform/links.js'
import {
  countResults,
  entryPasses,
  entryStatus,
  type SampleEntry,
  type SetCounts
} from '../platform/model.js'
import { escapeHtml, escapeMarkdown } from '../shared/text.js'
import {
  renderWithDetails,
  historyNote,
  NO_DETAILS,
  renderDiffs,
  renderFlaky,
  type DetailBudget
} from './details.js'
import { largestFitting, link, sampleCell, statusLabel, table } from './markdown.js'
import {
  describeChange,
  reproduceList,
  baselineChoice,
  leftOut,
  renderRunReport,
  type ReportBudget
} from './run-report.js'
import { describeCounts, resultsPerPlatform } from './verdict.js'

export function renderPlatformsReport(
  collected: Collected,
  counts: SetCounts,
  apiUrl: string,
  budget: ReportBudget
): string {
  const rows = problemRows(collected)
  const head = (shown: number, details: DetailBudget) =>
    [
      heading(collected, counts),
      platformTable(collected, apiUrl),
      problemSection(collected, rows, shown, apiUrl, budget, details),
      renderFlaky(
        collected.runs.flatMap((run) =>
          (run.set?.entries ?? [])
            .filter((entry) => !entryPasses(entry))
            .map((entry) => ({ entry, platform: run.platform }))
        ),
        details
      ),
      diffSection(collected, apiUrl, details)
    ]
      .filter((part) => part !== '')
      .join('\n\n')
  const fits = (text: string) => budget.measure(text) <= budget.limit
  // Diffs give way first, then history notes, then rows.
  const { details, rendered } = renderWithDetails(
    {
      most: budget.details ?? NO_DETAILS,
      room: budget.limit,
      measure: budget.measure,
      entries: collected.runs.flatMap((run) => run.set?.entries ?? [])
    },
    (each) => head(rows.length, each),
    fits
  )
  const top = fits(rendered)
    ? rendered
    : head(
        largestFitting(rows.length, (n) => fits(head(n, details))),
        details
      )
  // What is left goes to each platform's own report, in equal shares.
  const withSets = collected.runs.filter((run) => run.set !== null)
  const share = Math.floor((budget.limit - budget.measure(top)) / Math.max(1, withSets.length))
  // The diffs are above already: each platform's own report keeps the history notes only.
  const folded = withSets.map((run) =>
    platformDetails(run, apiUrl, {
      ...budget,
      limit: share,
      details: { diffLines: 0, history: details.history }
    })
  )
  return `${[top, ...folded.filter((part) => part !== '')].join('\n\n')}\n`
}

/** One sample across platforms: its entry on each, where it has one. */
interface ProblemRow {
  sampleId: number
  byPlatform: (SampleEntry | undefined)[]
}

/** The samples that do not pass on at least one platform, in sample order. */
function problemRows(collected: Collected): ProblemRow[] {
  const ids = new Set<number>()
  for (const run of collected.runs)
    for (const entry of run.set?.entries ?? []) if (!entryPasses(entry)) ids.add(entry.sampleId)
  return [...ids]
    .sort((a, b) => a - b)
    .map((sampleId) => ({
      sampleId,
      byPlatform: collected.runs.map((run) =>
        run.set?.entries.find((entry) => entry.sampleId === sampleId)
      )
    }))
}

function heading(collected: Collected, counts: SetCounts): string {
  const complete = collected.runs.every((run) => run.set !== null && !run.set.incomplete)
  const testing = collected.runs.filter((run) => run.set === null && run.unfinished)
  const waitedFor = collected.runs.every(
    (run) => (run.set !== null && !run.set.incomplete) || (run.set === null && run.unfinished)
  )
  // Nothing wrong yet, and the rest still testing: say that, not "the results read".
  const names = testing.map((run) => run.platform ?? `run ${run.runId ?? '?'}`).join(', ')
  const sofar =
    testing.length === collected.runs.length
      ? `⏳ ${names} still testing`
      : `⏳ ${describeCounts(counts, true, false, resultsPerPlatform(collected))} so far; ${names} still testing`
  const verdict =
    counts.failed === 0 && testing.length > 0 && waitedFor
      ? sofar
      : describeCounts(counts, complete, true, resultsPerPlatform(collected))
  const what = collected.commit ? `commit ${collected.commit.slice(0, 7)}` : 'the runs'
  return `### ${verdict}: ${what} on ${collected.runs.map((run) => run.platform ?? '?').join(', ')}`
}

function platformTable(collected: Collected, apiUrl: string): string {
  const rows = collected.runs.map((run) => [
    run.platform ?? '–',
    run.runId === null ? 'no run' : link(`run ${run.runId}`, runPage(apiUrl, run.runId)),
    resultsCell(run),
    run.set?.baselineRunId
      ? `${link(`run ${run.set.baselineRunId}`, runPage(apiUrl, run.set.baselineRunId))}${baselineChoice(run.set)}`
      : '–'
  ])
  return table(['Platform', 'Run', 'Results', 'Compared with'], rows)
}

/** "❌ 3 of 230 do not pass · **2 regressions**", or why there are no results. */
function resultsCell(run: PlatformRun): string {
  if (!run.set) {
    const status = run.runId === null ? 'no run yet' : (run.run?.status ?? 'no results')
    // Still testing (unfinished: report): coming, not failed.
    if (run.unfinished) return `⏳ ${escapeMarkdown(status)}: no results yet`
    // The test machine's reason, where the progress trail gave one: not a test failure.
    if (run.endReason)
      return `⚠️ ${escapeMarkdown(status)}: ${escapeMarkdown(run.endReason, 120)}; not a test failure`
    return `⚠️ ${escapeMarkdown(status)}: no results`
  }
  const counts = countResults(run.set)
  const { regressions } = counts
  const verdict = describeCounts(counts, !run.set.incomplete)
  const regressed =
    regressions.length > 0
      ? ` · **${regressions.length} regression${regressions.length === 1 ? '' : 's'}**`
      : ''
  return `${verdict}${regressed}${run.set.incomplete ? ' · ⚠️ list incomplete' : ''}`
}

function problemSection(
  collected: Collected,
  rows: ProblemRow[],
  shown: number,
  apiUrl: string,
  budget: ReportBudget,
  details: DetailBudget
): string {
  if (rows.length === 0) return ''
  const body = rows.slice(0, shown).map((row) => {
    const result = row.byPlatform.find((entry) => entry?.result)?.result
    return [
      sampleCell(row.sampleId, result, apiUrl),
      result?.category ? escapeMarkdown(result.category) : '–',
      ...row.byPlatform.map((entry, index) =>
        // A platform still testing has no result yet, not a missing one.
        !entry && collected.runs[index]?.unfinished ? '⏳' : statusCell(entry, details)
      )
    ]
  })
  const left = shown < rows.length ? `\n\n${leftOut(rows.length - shown, 'more', budget)}` : ''
  const header = ['Sample', 'Category', ...collected.runs.map((run) => run.platform ?? '–')]
  // One command per sample: the first platform's result that has one.
  const firsts = rows.slice(0, shown).flatMap((row) => {
    const entry = row.byPlatform.find((each) => each?.result)
    return entry ? [entry] : []
  })
  const reproduce = reproduceList(firsts, apiUrl)
  return `#### Samples that do not pass on at least one platform (${rows.length})\n\n${table(header, body)}${reproduce ? `\n\n${reproduce}` : ''}${left}`
}

function statusCell(entry: SampleEntry | undefined, details: DetailBudget): string {
  if (!entry) return '–'
  const change =
    entry.change === 'regression' || entry.change === 'failing-differently'
      ? ` (${describeChange(entry)})`
      : ''
  return `${statusLabel(entryStatus(entry))}${change}${historyNote(entry, details)}`
}

/** The diffs of every platform in one list: the regressions first, then the others, by sample. */
function diffSection(collected: Collected, apiUrl: string, details: DetailBudget): string {
  const pairs = collected.runs
    .flatMap((run) =>
      run.set
        ? run.set.entries
            .filter((entry) => (entry.diffs ?? []).length > 0)
            .map((entry) => ({ entry, runId: run.set?.runId ?? 0, platform: run.platform }))
        : []
    )
    .sort(
      (a, b) =>
        Number(b.entry.change === 'regression') - Number(a.entry.change === 'regression') ||
        a.entry.sampleId - b.entry.sampleId
    )
  const parts = pairs
    .map(({ entry, runId, platform }) => renderDiffs([entry], { apiUrl, runId, platform }, details))
    .filter((part) => part !== '')
  return parts.length > 0 ? `#### What differs\n\n${parts.join('\n\n')}` : ''
}

/** One platform's own report, folded; empty when not even its heading fits. */
function platformDetails(run: PlatformRun, apiUrl: string, budget: ReportBudget): string {
  if (!run.set) return ''
  const summary = escapeHtml(`${run.platform ?? 'run'}: run ${run.set.runId} in full`)
  const frame = (body: string) => `<details><summary>${summary}</summary>\n\n${body}\n</details>`
  const inner = { ...budget, limit: budget.limit - budget.measure(frame('')) }
  if (inner.limit <= 0) return ''
  const framed = frame(renderRunReport(run.set, countResults(run.set), apiUrl, inner))
  return budget.measure(framed) <= budget.limit ? framed : ''
}
