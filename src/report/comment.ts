import { resultLinks, runPage } from '../platform/links.js'
import { createHash } from 'node:crypto'
import {
  entryPasses,
  entryStatus,
  type ResultSet,
  type SetSummary
} from '../platform/result-set.js'
import { fitWithin, link, statusLabel } from './markdown.js'
import { renderRunReport } from './run-report.js'
import { renderSummary } from './summary.js'

/** GitHub refuses a comment body longer than this (in characters). */
export const COMMENT_LIMIT_CHARS = 65_536

/** Result messages in a comment are cut shorter than in the summary: the comment is a digest. */
const MAX_COMMENT_MESSAGE_CHARS = 5_000
/** Changed samples named one by one, at most; then a count. */
const MAX_CHANGES_SHOWN = 20

export interface CommentParts {
  set: ResultSet
  summary: SetSummary
  apiUrl: string
  /** The job's page, where its log and full summary are. */
  jobUrl: string
  /** The statuses our previous comment showed; null when there was none. */
  previous: Record<string, string> | null
  /** The hidden marker that ends the body; counted in the budget. */
  marker: string
}

/** Past this, the marker keeps a digest of the statuses instead of the statuses. */
const MAX_MARKER_STATUS_CHARS = 8_000

/**
 * The statuses a comment shows, keyed by sample ID: what its hidden marker
 * keeps. For a set too large to keep (about 600 samples and more) it is one
 * entry, `#<digest>` → `pass` or `fail`, so comparing two comments still tells
 * whether anything changed and whether everything passed.
 */
export function commentStatuses(set: ResultSet): Record<string, string> {
  const statuses = Object.fromEntries(
    set.entries.map((entry) => [String(entry.sampleId), entryStatus(entry)])
  )
  const text = JSON.stringify(statuses)
  if (text.length <= MAX_MARKER_STATUS_CHARS) return statuses
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 16)
  return { [`#${digest}`]: set.entries.every(entryPasses) ? 'pass' : 'fail' }
}

/**
 * The pull request comment: what changed since our last one, the report (one
 * result's, or the run's within the comment's size budget), a link to the job,
 * and the marker. Never longer than GitHub accepts.
 */
export function renderComment(parts: CommentParts): string {
  const { set, summary, apiUrl, jobUrl, marker } = parts
  const changes = describeChanges(parts.previous, commentStatuses(set))
  const header = changes === null ? '' : `${changes}\n\n`
  // The report already links the run and the regression test; the job is what it cannot link.
  const footer = `\n---\n${link('Job log and full summary', jobUrl)}\n\n${marker}\n`
  const [entry] = set.entries
  const single = set.entries.length === 1 && entry?.result ? entry.result : null
  let report: string
  if (single && entry) {
    const baseline =
      set.baselineRunId !== null && entry.change
        ? {
            runId: set.baselineRunId,
            runUrl: runPage(apiUrl, set.baselineRunId),
            status: entry.baselineStatus ?? null,
            change: entry.change
          }
        : undefined
    report = renderSummary(single, resultLinks(apiUrl, single), baseline, {
      maxMessageChars: MAX_COMMENT_MESSAGE_CHARS,
      whereIsAll: `the ${link('job summary', jobUrl)} and the result-message output have it whole`
    })
  } else {
    report = renderRunReport(set, summary, apiUrl, {
      limit: COMMENT_LIMIT_CHARS - header.length - footer.length,
      measure: (text) => text.length,
      whereIsAll: `the ${link('job summary', jobUrl)} has every result`
    })
  }
  return fitComment(`${header}${report}`, COMMENT_LIMIT_CHARS - footer.length, jobUrl) + footer
}

/** "Since the last update: sample 132 was ✅ pass, now ❌ fail." Null with no earlier comment. */
export function describeChanges(
  previous: Record<string, string> | null,
  now: Record<string, string>
): string | null {
  if (previous === null) return null
  const changed = Object.keys(now).filter((id) => previous[id] !== now[id])
  const digestOnly = [...Object.keys(previous), ...Object.keys(now)].some((id) =>
    id.startsWith('#')
  )
  if (digestOnly) {
    return changed.length > 0
      ? '🔁 The statuses changed since the last update (too many results to list each change here).'
      : '🔁 No change since the last update.'
  }
  if (changed.length === 0) {
    const count = Object.keys(now).length
    return `🔁 No change since the last update (${count === 1 ? 'same status' : `same ${count} statuses`}).`
  }
  const shown = changed.slice(0, MAX_CHANGES_SHOWN).map((id) => {
    const before = previous[id]
    return `sample ${id} ${before === undefined ? 'is new' : `was ${statusLabel(before)}`}, now ${statusLabel(now[id] ?? null)}`
  })
  const more = changed.length - shown.length
  return `🔁 Since the last update: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`
}

/**
 * A last guard under the budget: the report is built to fit, but whatever it
 * holds, the comment is cut at a line, an open code block is closed, and the
 * cut is said.
 */
export function fitComment(body: string, limit: number, jobUrl: string): string {
  const note = `*This comment is shortened to fit GitHub's limit; the ${link('job summary', jobUrl)} has the whole report.*`
  return fitWithin(body, limit, (text) => text.length, note)
}
