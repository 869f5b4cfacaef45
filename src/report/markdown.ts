import { regressionPage } from '../platform/links.js'
import type { SampleResult } from '../platform/api/result.js'
import { escapeMarkdown } from '../shared/text.js'

/** Markdown building blocks shared by the job summary and the PR comment. */

// A Map: a status named "constructor" or "__proto__" must not find Object's members.
const STATUS_ICONS = new Map([
  ['pass', '✅'],
  ['fail', '❌'],
  ['missing_output', '📭'],
  ['missing_expected', '❓'],
  ['skipped', '⏭️'],
  ['running', '⏳'],
  ['not_started', '⏳'],
  ['unavailable', '⚠️']
])

/** The icon of a result or output status; unknown statuses get a question mark. */
export function statusIcon(status: string | null): string {
  return (status !== null && STATUS_ICONS.get(status)) || '❔'
}

/** Icon and word, the word escaped: statuses come from the server. */
export function statusLabel(status: string | null): string {
  return status === null ? '❔ unknown' : `${statusIcon(status)} ${escapeMarkdown(status)}`
}

/** A GFM table; cells must already be escaped markdown. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return tableOfRows(header, rows.map(tableRow))
}

/** One row of a GFM table; cells must already be escaped markdown. */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`
}

/** A GFM table of rows made by tableRow. */
export function tableOfRows(header: readonly string[], rows: readonly string[]): string {
  return [tableRow(header), tableRow(header.map(() => '---')), ...rows].join('\n')
}

/** A link; `text` must already be escaped, `url` is built by the action. */
export function link(text: string, url: string): string {
  return `[${text}](${url.replaceAll('(', '%28').replaceAll(')', '%29').replaceAll(' ', '%20')})`
}

/** A duration for people: 850 ms, 12.3 s, 10 min 0 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const totalSeconds = Math.round(ms / 1000)
  return `${Math.floor(totalSeconds / 60)} min ${totalSeconds % 60} s`
}

/** An exit code, bold with the expected one beside it when they differ. */
export function exitCodeCell(actual: number | null, expected: number | null): string {
  if (actual === null) return expected === null ? '–' : `– (expected ${expected})`
  if (expected === null || actual === expected) return String(actual)
  return `**${actual}** (expected ${expected})`
}

/** A runner time-out shows as 600,000 ms with exit code -1. */
const RUNNER_TIMEOUT_MS = 600_000

/** The runtime, naming a runner time-out as such. */
export function runtimeCell(runtimeMs: number | null, exitCode: number | null): string {
  if (runtimeMs === null) return '–'
  const timedOut = runtimeMs === RUNNER_TIMEOUT_MS && exitCode === -1
  return timedOut ? `${formatDuration(runtimeMs)} (runner time-out)` : formatDuration(runtimeMs)
}

/**
 * The last guard under a size limit: cut at a line, close the code block or the
 * `<details>` the cut left open, and say where the whole text is.
 */
export function fitWithin(
  text: string,
  limit: number,
  measure: (text: string) => number,
  note: string
): string {
  if (measure(text) <= limit) return text
  for (let end = Math.min(text.length, limit); ; end = Math.floor(end * 0.9)) {
    let cut = text.slice(0, end)
    cut = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')))
    const { fence, details } = openStructure(cut)
    const closing = `${fence === null ? '' : `\n${fence}`}${'\n\n</details>'.repeat(details)}`
    const fitted = `${cut}${closing}\n\n${note}\n`
    if (measure(fitted) <= limit || end === 0) return fitted
  }
}

/**
 * What is still open at the end of `markdown`: the fence of a code block, and
 * how many `<details>` (counted outside code blocks only: inside one,
 * `</details>` is text).
 */
function openStructure(markdown: string): { fence: string | null; details: number } {
  let details = 0
  let fence: string | null = null
  for (const line of markdown.split('\n')) {
    fence = nextFence(fence, line)
    if (fence !== null || /^ {0,3}(`{3,}|~{3,})/.test(line)) continue
    details += (line.match(/<details>/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length
  }
  return { fence, details: Math.max(0, details) }
}

/** The fence open after `line`, given the one open before it (null: none). */
function nextFence(open: string | null, line: string): string | null {
  const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line)
  if (!fence?.[1]) return open
  const char = fence[1].charAt(0)
  const rest = fence[2] ?? ''
  if (open === null) {
    // A backtick fence's info string may not hold a backtick.
    return char === '`' && rest.includes('`') ? null : fence[1]
  }
  const closes = char === open.charAt(0) && fence[1].length >= open.length && rest.trim() === ''
  return closes ? null : open
}
/** How a destination counts text: bytes for the job summary, characters for a comment. */
export type Measure = (text: string) => number

/** A section of many items (table rows, names in a line) and the room it may take. */
export interface ItemSection {
  count: number
  /** The item at `index`, rendered. */
  item: (index: number) => string
  /** The section around the first items, saying that `left` more were left out. */
  frame: (items: readonly string[], left: number) => string
  /** What `frame` puts between two items. */
  separator: string
  room: number
  measure: Measure
}

/**
 * The section with as many of its items as fit in its room; '' when not even
 * the frame fits. Items are rendered one at a time until one does not fit, so
 * a list of 100,000 costs what is shown, not what is left out.
 */
export function fitItems(section: ItemSection): string {
  const { count, item, frame, room, measure } = section
  let used = measure(frame([], count))
  if (used > room) return ''
  const gap = measure(section.separator)
  const items: string[] = []
  while (items.length < count) {
    const next = item(items.length)
    used += measure(next) + gap
    if (used > room) break
    items.push(next)
  }
  const framed = (shown: number) => frame(items.slice(0, shown), count - shown)
  // The count above is close, not exact (a table's header comes with its first row): check it.
  if (measure(framed(items.length)) <= room) return framed(items.length)
  return framed(largestFitting(items.length, (shown) => measure(framed(shown)) <= room))
}

/** The largest n in [0, max] for which `fits(n)` holds, `fits` shrinking as n grows. */
export function largestFitting(max: number, fits: (n: number) => boolean): number {
  let low = 0
  let high = max
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (fits(middle)) low = middle
    else high = middle - 1
  }
  return low
}

/**
 * A sample's cell: the number asked for, linked to its regression test's page;
 * "142 (test 77)" where the test is another number, as on the seed's server.
 */
export function sampleCell(
  sampleId: number,
  result: SampleResult | null | undefined,
  apiUrl: string
): string {
  if (!result) return String(sampleId)
  const { regression_id: regression } = result
  const text = regression === sampleId ? String(sampleId) : `${sampleId} (test ${regression})`
  return link(text, regressionPage(apiUrl, regression))
}
