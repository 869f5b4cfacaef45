/**
 * The state a pull request comment carries in its hidden marker (its key and
 * the statuses it shows), how that marker is written and read back, and
 * whether a new comment is worth writing. Pure: the GitHub calls are elsewhere.
 */
import { createHash } from 'node:crypto'
import { isPassing } from '../platform/api/result.js'
import { collectedPasses, type Collected } from '../platform/model.js'
import { entryStatus } from '../platform/model.js'
import { link } from './markdown.js'

/** Sample ID → status, as a comment shows them. */
export type CommentStatuses = Record<string, string>

export type CommentPolicy = 'always' | 'failure' | 'change'

// Both fields are base64url, so no text can close the HTML comment (`-->`) or hold `--`.
const MARKER_PREFIX = '<!-- sample-result-action'
const MARKER = /<!-- sample-result-action key=([A-Za-z0-9_-]*) statuses=([A-Za-z0-9_-]+) -->/g

/** Past this, the marker keeps a digest of the statuses instead of the statuses. */
const MAX_MARKER_STATUS_CHARS = 16_000

/**
 * The statuses a comment shows: what its hidden marker keeps. Keyed by sample
 * ID for one platform; `42@windows` for several, with `@windows` for a
 * platform's run that has no results (its status then). For sets too large to
 * keep (about 1,000 samples and more) it is one entry, `#<digest>` → `pass` or
 * `fail`, so comparing two comments still tells whether anything changed and
 * whether everything passed.
 */
export function commentStatuses(collected: Collected): CommentStatuses {
  const several = collected.runs.length > 1
  const pairs: [string, string][] = []
  for (const run of collected.runs) {
    const at = several ? `@${run.platform ?? run.runId}` : ''
    if (!run.set) {
      pairs.push([at || '@run', run.run?.status ?? 'no run'])
      continue
    }
    for (const entry of run.set.entries) pairs.push([`${entry.sampleId}${at}`, entryStatus(entry)])
  }
  const statuses = Object.fromEntries(pairs)
  const text = JSON.stringify(statuses)
  if (text.length <= MAX_MARKER_STATUS_CHARS) return statuses
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 16)
  return { [`#${digest}`]: collectedPasses(collected) ? 'pass' : 'fail' }
}

/** The hidden marker that ends our comment: its key and the statuses it shows. */
export function renderMarker(key: string, statuses: CommentStatuses): string {
  return `${MARKER_PREFIX} key=${encode(key)} statuses=${encode(JSON.stringify(statuses))} -->`
}

const FOOTER_LINK_TEXT = 'Job log and full summary'
/**
 * The whole end of one of our comments: the rule, the link to the job, and the
 * marker as the last line. Another bot quoting our marker in its own text
 * (a PR title, a pasted comment) does not end this way.
 */
const OUR_ENDING = new RegExp(
  `\\n---\\n\\[${FOOTER_LINK_TEXT}\\]\\(https?://[^\\s()]+\\)\\n\\n(<!-- sample-result-action key=[A-Za-z0-9_-]* statuses=[A-Za-z0-9_-]+ -->)\\n?$`
)

/** What ends every comment of ours: a link to the job's log and summary, then the marker. */
export function renderFooter(jobUrl: string, key: string, statuses: CommentStatuses): string {
  return `\n---\n${link(FOOTER_LINK_TEXT, jobUrl)}\n\n${renderMarker(key, statuses)}\n`
}

/**
 * The key and statuses of a comment that has our whole shape (it ends with our
 * footer); null for any other body, even one that holds our marker.
 */
export function readCommentState(body: string): { key: string; statuses: CommentStatuses } | null {
  const ending = OUR_ENDING.exec(body)
  return ending?.[1] === undefined ? null : parseMarker(ending[1])
}

/** The last well-formed marker in a comment body, or null. */
export function parseMarker(body: string): { key: string; statuses: CommentStatuses } | null {
  const match = [...body.matchAll(MARKER)].at(-1)
  if (match?.[1] === undefined || !match[2]) return null
  const key = decode(match[1])
  const statusText = decode(match[2])
  if (key === null || statusText === null) return null
  const statuses = parseStatuses(statusText)
  return statuses && { key, statuses }
}

/**
 * Whether to write the comment this time. always: yes. failure: when the result
 * does not pass, or when it passes and a comment of ours still shows a status
 * that does not (so that comment is brought up to date, once). change: when the
 * statuses differ from those our comment shows; with no comment yet, as failure.
 */
export function decideComment(
  policy: CommentPolicy,
  now: { passing: boolean; statuses: CommentStatuses },
  previous: CommentStatuses | null
): boolean {
  if (policy === 'always') return true
  if (policy === 'change' && previous !== null) return !sameStatuses(previous, now.statuses)
  // Once our comment says everything passes, a green run has nothing to add.
  return !now.passing || (previous !== null && !Object.values(previous).every(isPassing))
}

function sameStatuses(a: CommentStatuses, b: CommentStatuses): boolean {
  const keys = Object.keys(a)
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key])
  )
}

function encode(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url')
}

/** Null unless `text` is exactly what encode() makes of some UTF-8 text. */
function decode(text: string): string | null {
  const decoded = Buffer.from(text, 'base64url').toString('utf8')
  return encode(decoded) === text ? decoded : null
}

/** A JSON object of strings, else null. */
function parseStatuses(text: string): CommentStatuses | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null
  const entries = Object.entries(parsed)
  if (!entries.every((entry): entry is [string, string] => typeof entry[1] === 'string')) {
    return null
  }
  // fromEntries defines own properties, so a "__proto__" key stays a plain key.
  return Object.fromEntries(entries)
}
