/**
 * The diff endpoint's answer as unified text: the server's own `content`, or
 * its structured hunks (its default format, which a server may send even when
 * asked for `format=unified`) written out as difflib writes a unified diff.
 */
import * as v from 'valibot'
import { oneLine } from '../../shared/text.js'
import { unreadable } from './errors.js'

/** What the server said of one output file. */
export type DiffAnswer =
  | { kind: 'text'; content: string }
  /** A structured answer's `missing_expected` or `missing_actual`: there was nothing to compare. */
  | { kind: 'missing_expected' | 'missing_output' }

/** Past this many lines the server cuts a unified diff; a structured one written out is cut there too. */
const MAX_LINES = 10_000
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
  if ('content' in diff) return { kind: 'text', content: diff.content }
  if (diff.status === 'missing_expected') return { kind: 'missing_expected' }
  if (diff.status === 'missing_actual') return { kind: 'missing_output' }
  return { kind: 'text', content: unifiedText(diff.hunks) }
}

const MARKS = { context: ' ', removed: '-', added: '+' } as const

/** The hunks as a unified diff, headers included, cut after MAX_LINES lines; '' without hunks. */
function unifiedText(hunks: readonly Hunk[]): string {
  if (hunks.length === 0) return ''
  const lines: string[] = []
  for (const line of unifiedLines(hunks)) {
    if (lines.length === MAX_LINES) {
      lines.push(CUT_LINE)
      break
    }
    lines.push(line)
  }
  return `${lines.join('\n')}\n`
}

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
