/**
 * The diff endpoint's answer as the lines of a unified diff: the server's own
 * `content`, or its structured hunks (its default format, which a server may
 * send even when asked for `format=unified`) written out as difflib writes a
 * unified diff. Read once, line by line, keeping only the first lines: a body
 * may be 8 MB, and a step reads up to 100 of them.
 */
import * as v from 'valibot'
import { oneLine } from '../../shared/text.js'
import { unreadable } from './errors.js'

/** What the server said of one output file. */
export type DiffAnswer =
  | ({ kind: 'text' } & DiffLines)
  /** Nothing but white space: the server found nothing to show. */
  | { kind: 'empty' }
  /** A structured answer's `missing_expected` or `missing_actual`: there was nothing to compare. */
  | { kind: 'missing_expected' | 'missing_output' }

/**
 * What the step keeps of one diff: its first lines, the most any report shows
 * of it, and counts of the whole, so that reports can say how much they leave out.
 */
export interface DiffLines {
  /**
   * The first lines, DIFF_KEPT_CHARS in all at most. A line longer than
   * DIFF_LINE_CHARS keeps one character more, for a report to cut it with a
   * mark: a mark here would make the whole text two bytes a character.
   */
  lines: string[]
  /** Lines of the whole diff, kept or not. */
  totalLines: number
  /** Lines of the whole diff that add or remove (not the `+++` and `---` headers). */
  changedLines: number
}

/** A line is cut past this many characters: one line of a binary or XML output can be megabytes. */
export const DIFF_LINE_CHARS = 300
/**
 * The characters of one diff's lines kept, line breaks included, and so the
 * most of it any report shows: 100 diffs of 8 MB hold 26 million characters
 * (52 MB at most, at two bytes a character), not 800 MB.
 */
export const DIFF_KEPT_CHARS = 256 * 1024

/** Past this many lines the server cuts a unified diff; a structured one written out is cut there too. */
const MAX_LINES = 10_000
/** Lines of one diff kept at most: the server's most, and its cut line. */
const KEPT_LINES = MAX_LINES + 1
/** The server's own last line of a diff it cut. */
const CUT_LINE = '... Diff truncated due to length ...'
/** The longest line text the server's schema allows; a longer one is cut. */
const MAX_TEXT_CHARS = 1000

const lineNumber = v.pipe(v.number(), v.integer(), v.minValue(0))

const unifiedSchema = v.object({ content: v.string() })

const structuredSchema = v.object({
  status: v.picklist(['identical', 'different', 'missing_expected', 'missing_actual']),
  hunks: v.optional(
    v.array(
      v.object({
        expected_start: lineNumber,
        actual_start: lineNumber,
        lines: v.array(
          v.object({ kind: v.picklist(['context', 'added', 'removed']), text: v.string() })
        )
      })
    ),
    []
  )
})

type Hunk = v.InferOutput<typeof structuredSchema>['hunks'][number]

const diffSchema = v.union([unifiedSchema, structuredSchema])

export function parseDiff(body: unknown, what: string): DiffAnswer {
  const parsed = v.safeParse(diffSchema, body)
  if (!parsed.success) throw unreadable(what)
  const diff = parsed.output
  if ('content' in diff) return readUnified(diff.content)
  if (diff.status === 'missing_expected') return { kind: 'missing_expected' }
  if (diff.status === 'missing_actual') return { kind: 'missing_output' }
  return readHunks(diff.hunks)
}

/** The server's unified text, walked line by line: its millions of lines are never an array. */
function readUnified(content: string): DiffAnswer {
  if (!/\S/.test(content)) return { kind: 'empty' }
  const keeper = new LineKeeper()
  // A final line break starts no line.
  for (let start = 0; start < content.length;) {
    const end = content.indexOf('\n', start)
    const stop = end === -1 ? content.length : end
    keeper.add(content, start, stop)
    start = stop + 1
  }
  return { kind: 'text', ...keeper.done() }
}

/** The hunks as a unified diff, headers included, cut after MAX_LINES lines. */
function readHunks(hunks: readonly Hunk[]): DiffAnswer {
  if (hunks.length === 0) return { kind: 'empty' }
  const keeper = new LineKeeper()
  let count = 0
  for (const line of unifiedLines(hunks)) {
    if (count++ === MAX_LINES) {
      keeper.add(CUT_LINE, 0, CUT_LINE.length)
      break
    }
    keeper.add(line, 0, line.length)
  }
  return { kind: 'text', ...keeper.done() }
}

/** Counts every line given, and keeps the first ones within KEPT_LINES and DIFF_KEPT_CHARS. */
class LineKeeper {
  private readonly kept: string[] = []
  private keptChars = 0
  private full = false
  private total = 0
  private changed = 0

  /** The line of `text` from `start` to `end` (its line break excluded). */
  add(text: string, start: number, end: number): void {
    this.total++
    if (isChange(text, start, end)) this.changed++
    if (this.full) return
    const line = text.slice(start, Math.min(end, start + DIFF_LINE_CHARS + 1))
    if (this.kept.length === KEPT_LINES || this.keptChars + line.length + 1 > DIFF_KEPT_CHARS) {
      this.full = true
      return
    }
    this.kept.push(line)
    this.keptChars += line.length + 1
  }

  done(): DiffLines {
    // In V8 a slice holds on to the whole string it was cut from: copied out
    // through one Buffer, the kept lines let the 8 MB body go.
    const copy = Buffer.from(this.kept.join('\n'), 'utf8').toString('utf8')
    return {
      lines: this.kept.length === 0 ? [] : copy.split('\n'),
      totalLines: this.total,
      changedLines: this.changed
    }
  }
}

/** A line that adds or removes: `+` or `-` first, and not a `+++` or `---` header. */
function isChange(text: string, start: number, end: number): boolean {
  const mark = text[start]
  if (mark !== '+' && mark !== '-') return false
  const header =
    text.startsWith(mark === '+' ? '+++' : '---', start) &&
    (end === start + 3 || text[start + 3] === ' ')
  return !header
}

const MARKS = { context: ' ', removed: '-', added: '+' } as const

function* unifiedLines(hunks: readonly Hunk[]): Generator<string> {
  yield '--- expected'
  yield '+++ actual'
  for (const { expected_start, actual_start, lines } of hunks) {
    const expected = lines.filter((line) => line.kind !== 'added').length
    const actual = lines.filter((line) => line.kind !== 'removed').length
    yield `@@ -${range(expected_start, expected)} +${range(actual_start, actual)} @@`
    // A line break in a line's text would make lines of its own; control characters go too.
    for (const line of lines)
      yield `${MARKS[line.kind]}${oneLine(line.text.slice(0, MAX_TEXT_CHARS))}`
  }
}

/** difflib's range: `start` alone for one line, else `start,count`. */
function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`
}
