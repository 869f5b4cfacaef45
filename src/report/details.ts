/**
 * What differs and whether it is new, as markdown: a result's history in a few
 * words beside its status, and its output files' diffs, folded, each cut at a
 * line budget. Diff text is untrusted: it only ever appears inside a fenced
 * block that it cannot close.
 */
import { DIFF_LINE_CHARS } from '../platform/api/diff.js'
import type { OutputDiff, SampleHistory } from '../platform/model.js'
import { runPage } from '../platform/links.js'
import type { SampleEntry } from '../platform/model.js'
import {
  codeBlock,
  codeSpan,
  escapeHtml,
  escapeMarkdown,
  shorten,
  thousands
} from '../shared/text.js'
import { link } from './markdown.js'

/** How much of the details a report shows: it gives them up first when space is short. */
export interface DetailBudget {
  /** Lines of each diff; 0 shows none. */
  diffLines: number
  /** Whether statuses carry their history ("· new", "· flaky: …"). */
  history: boolean
}

export const NO_DETAILS: DetailBudget = { diffLines: 0, history: false }

/** Why a history could not be read, beside a status in a table cell: a few words. */
const MAX_HISTORY_PROBLEM_CHARS = 120

/** The room a report has for its details, measured as its target measures. */
export interface DetailRoom {
  /** Diffs and history at most. */
  most: DetailBudget
  room: number
  measure: (text: string) => number
  /** The results whose diffs the report shows. */
  entries: readonly SampleEntry[]
}

/**
 * The report rendered with the most details that fit, `most` first and then
 * ever fewer; with none when none does. A budget whose diff lines alone pass
 * the room is not rendered: that would be megabytes made only to be measured.
 */
export function renderWithDetails<T>(
  { most, room, measure, entries }: DetailRoom,
  render: (details: DetailBudget) => T,
  fits: (rendered: T) => boolean
): { details: DetailBudget; rendered: T } {
  for (const details of [most, ...fewerDetails(most)]) {
    if (diffLinesSize(entries, details, measure, room) > room) continue
    const rendered = render(details)
    if (fits(rendered)) return { details, rendered }
  }
  return { details: NO_DETAILS, rendered: render(NO_DETAILS) }
}

/**
 * What the diff lines these entries show with this budget measure, line breaks
 * included: what their diffs measure at least. Counted until it passes `room`.
 */
function diffLinesSize(
  entries: readonly SampleEntry[],
  details: DetailBudget,
  measure: (text: string) => number,
  room: number
): number {
  let size = 0
  for (const entry of entries) {
    for (const diff of entry.diffs ?? []) {
      if (diff.kind !== 'diff') continue
      const shown = Math.min(diff.lines.length, Math.max(0, details.diffLines))
      for (let index = 0; index < shown && size <= room; index++)
        size += measure(diff.lines[index] ?? '') + 1
    }
  }
  return size
}

/** Ever smaller details: half the diff lines each time, then no diffs, then no history. */
function* fewerDetails(details: DetailBudget): Generator<DetailBudget> {
  // The report file asks for every line kept: halving starts from a finite number.
  const from = Number.isFinite(details.diffLines) ? details.diffLines : 1000
  for (let lines = Math.floor(from / 2); lines >= 5; lines = Math.floor(lines / 2))
    yield { ...details, diffLines: lines }
  if (details.diffLines > 0) yield { ...details, diffLines: 0 }
  if (details.history) yield NO_DETAILS
}

/** " · new", " · flaky: failed 3 of the last 10 master runs", " · history not read: …"; '' without a history. */
export function historyNote(entry: SampleEntry, budget: DetailBudget): string {
  if (!budget.history) return ''
  if (entry.historyProblem !== undefined) return ` · history ${describeEntryHistory(entry)}`
  return entry.history?.class ? ` · ${describeHistory(entry.history)}` : ''
}

/** An entry's history in a few words ("not read: …" when it could not be); '' without one. */
export function describeEntryHistory(entry: SampleEntry): string {
  if (entry.historyProblem !== undefined)
    return `not read: ${escapeMarkdown(entry.historyProblem, MAX_HISTORY_PROBLEM_CHARS)}`
  return entry.history?.class ? describeHistory(entry.history) : ''
}

export function describeHistory(history: SampleHistory): string {
  const branch = escapeMarkdown(history.branch, 100)
  switch (history.class) {
    case 'new':
      return `🆕 new: passed in the last ${history.lookedAt} ${branch} runs`
    case 'known':
      return `known: fails on ${branch} too`
    case 'flaky':
      return `flaky: failed ${history.failed} of the last ${history.lookedAt} ${branch} runs`
    default:
      return ''
  }
}

/**
 * The flaky results, in a short list of their own: they fail now and then on
 * the branch anyway. '' when there are none or history is not shown.
 */
export function renderFlaky(
  entries: readonly { entry: SampleEntry; platform?: string | null }[],
  budget: DetailBudget
): string {
  if (!budget.history) return ''
  const flaky = entries.filter(({ entry }) => entry.history?.class === 'flaky')
  if (flaky.length === 0) return ''
  const lines = flaky.map(({ entry, platform }) => {
    const on = platform ? ` on ${platform}` : ''
    return `- sample ${entry.sampleId}${on}: ${entry.history ? describeHistory(entry.history) : ''}`
  })
  return `#### Flaky (${flaky.length})\n\n${lines.join('\n')}`
}

/**
 * The diffs of these results, folded one per output file, and a sentence for
 * each output that was not produced or has no expected file. '' when there is
 * nothing to show or no lines to show it in.
 */
export function renderDiffs(
  entries: readonly SampleEntry[],
  where: { apiUrl: string; runId: number; platform?: string | null },
  budget: DetailBudget
): string {
  if (budget.diffLines <= 0) return ''
  const parts: string[] = []
  for (const entry of entries) {
    for (const diff of entry.diffs ?? []) parts.push(renderDiff(entry, diff, where, budget))
  }
  return parts.join('\n\n')
}

function renderDiff(
  entry: SampleEntry,
  diff: OutputDiff,
  where: { apiUrl: string; runId: number; platform?: string | null },
  budget: DetailBudget
): string {
  const on = where.platform ? ` on ${where.platform}` : ''
  const file = describeFile(diff)
  const sample = `Sample ${entry.sampleId}${on}`
  switch (diff.kind) {
    case 'missing_output':
      return `- ${sample}: output ${file} was not produced, so there is nothing to compare.`
    case 'missing_expected':
      return `- ${sample}: the platform has no expected file for output ${file}.`
    case 'no-diff':
      return `- ${sample}: no diff for output ${file}: ${escapeMarkdown(diff.reason)}.`
    case 'diff': {
      const { shown, left } = diffLinesShown(diff, budget.diffLines)
      const page = link(
        `run ${where.runId} on the Sample Platform`,
        runPage(where.apiUrl, where.runId)
      )
      const rest =
        left > 0 ? `\n\n…and ${thousands(left)} more lines of this diff: see ${page}.` : ''
      const title = escapeHtml(
        `${sample}: output ${diff.filename === null ? (diff.outputId ?? '?') : shorten(diff.filename, 40)}, ${diff.changedLines} changed line${diff.changedLines === 1 ? '' : 's'}`
      )
      return `<details><summary>${title}</summary>\n\n${codeBlock(shown.join('\n'), 'diff')}${rest}\n\n</details>`
    }
  }
}

type ShownDiff = Extract<OutputDiff, { kind: 'diff' }>

/**
 * The first `maxLines` lines of a diff, each cut: one line of a binary or XML
 * output can be megabytes, and no line may cost the others their place.
 */
function diffLinesShown(diff: ShownDiff, maxLines: number): { shown: string[]; left: number } {
  // The lines kept when the diff was read; the rest only counted.
  const shown = diff.lines.slice(0, maxLines).map((line) => shorten(line, DIFF_LINE_CHARS))
  return { shown, left: diff.totalLines - shown.length }
}

/** A diff as plain text, as the job summary shows it: for files other tools read. */
export function diffExcerpt(diff: ShownDiff, maxLines: number): string {
  const { shown, left } = diffLinesShown(diff, maxLines)
  return `${shown.join('\n')}${left > 0 ? `\n… and ${thousands(left)} more lines of this diff on the Sample Platform` : ''}`
}

function describeFile(diff: OutputDiff): string {
  if (diff.filename !== null) return codeSpan(shorten(diff.filename, 40))
  return diff.outputId === null ? '(unnamed)' : String(diff.outputId)
}
