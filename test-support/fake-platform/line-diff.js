// @ts-check
/**
 * Line diffs of two text files, grouped into hunks with context, and the unified
 * text that Python's difflib writes (the platform is a Flask app).
 */

/**
 * @typedef {object} DiffLine
 * @property {'context' | 'added' | 'removed'} kind
 * @property {number | null} expected_line 1-based; null for an added line
 * @property {number | null} actual_line 1-based; null for a removed line
 * @property {string} text
 */

/**
 * A hunk; a start is the line before the hunk when it has no line of that file (difflib's rule).
 * @typedef {{ expected_start: number, actual_start: number, lines: DiffLine[] }} Hunk
 */

/** @typedef {'context' | 'added' | 'removed'} Kind */

/**
 * Beyond this many edits the changed middle is replaced as one block: a valid but longer
 * diff, so that a file where every caption moved costs milliseconds, not seconds.
 */
const MAX_EDITS = 1000

/** The lines of a file; a final newline does not start another line. */
export function splitLines(/** @type {string} */ text) {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/**
 * The shortest edit script (Myers, 1986) between a and b, or null past maxEdits edits.
 * @param {string[]} a
 * @param {string[]} b
 * @param {number} maxEdits
 * @returns {Kind[] | null}
 */
function shortestEdit(a, b, maxEdits) {
  const offset = maxEdits + 1
  const v = new Int32Array(2 * maxEdits + 3)
  /** The furthest x on diagonal k in a V array. */
  const far = (/** @type {Int32Array} */ array, /** @type {number} */ k) => array[offset + k] ?? 0
  /** Whether diagonal k is reached from k + 1 (a line of b added) rather than k - 1. */
  const fromAbove = (
    /** @type {Int32Array} */ array,
    /** @type {number} */ d,
    /** @type {number} */ k
  ) => k === -d || (k !== d && far(array, k - 1) < far(array, k + 1))
  /** @type {Int32Array[]} */
  const trace = []
  for (let d = 0; d <= maxEdits; d++) {
    trace.push(v.slice())
    for (let k = -d; k <= d; k += 2) {
      let x = fromAbove(v, d, k) ? far(v, k + 1) : far(v, k - 1) + 1
      let y = x - k
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= a.length && y >= b.length) return walkBack(trace, a.length, b.length)
    }
  }
  return null

  /** The edits, read back from the end through the saved V arrays. */
  function walkBack(
    /** @type {Int32Array[]} */ saved,
    /** @type {number} */ n,
    /** @type {number} */ m
  ) {
    /** @type {Kind[]} */
    const kinds = []
    let x = n
    let y = m
    for (let d = saved.length - 1; d >= 0; d--) {
      const before = saved[d] ?? v
      const k = x - y
      const previousK = fromAbove(before, d, k) ? k + 1 : k - 1
      const previousX = far(before, previousK)
      const previousY = previousX - previousK
      while (x > previousX && y > previousY) {
        kinds.push('context')
        x--
        y--
      }
      if (d > 0) kinds.push(x === previousX ? 'added' : 'removed')
      x = previousX
      y = previousY
    }
    return kinds.reverse()
  }
}

/**
 * Every line of both files in order, each kept, removed or added. The common start and
 * end are kept as they are; the middle gets the shortest edit script when it is small.
 * @param {string[]} expected
 * @param {string[]} actual
 * @returns {DiffLine[]}
 */
export function diffLines(expected, actual) {
  const shorter = Math.min(expected.length, actual.length)
  let prefix = 0
  while (prefix < shorter && expected[prefix] === actual[prefix]) prefix++
  let suffix = 0
  while (
    suffix < shorter - prefix &&
    expected[expected.length - 1 - suffix] === actual[actual.length - 1 - suffix]
  )
    suffix++
  const a = expected.slice(prefix, expected.length - suffix)
  const b = actual.slice(prefix, actual.length - suffix)
  /** @type {Kind[]} */
  const kinds = [
    ...Array.from({ length: prefix }, () => /** @type {Kind} */ ('context')),
    ...(shortestEdit(a, b, MAX_EDITS) ?? [
      ...a.map(() => /** @type {Kind} */ ('removed')),
      ...b.map(() => /** @type {Kind} */ ('added'))
    ]),
    ...Array.from({ length: suffix }, () => /** @type {Kind} */ ('context'))
  ]
  let i = 0
  let j = 0
  return kinds.map((kind) => {
    if (kind === 'added')
      return { kind, expected_line: null, actual_line: ++j, text: actual[j - 1] ?? '' }
    if (kind === 'removed')
      return { kind, expected_line: ++i, actual_line: null, text: expected[i - 1] ?? '' }
    return { kind, expected_line: ++i, actual_line: ++j, text: expected[i - 1] ?? '' }
  })
}

/**
 * The changes with `context` unchanged lines around them; changes closer than twice the
 * context share a hunk.
 * @param {DiffLine[]} lines
 * @param {number} context
 * @returns {Hunk[]}
 */
export function toHunks(lines, context) {
  /** @type {[start: number, stop: number][]} */
  const spans = []
  lines.forEach((line, index) => {
    if (line.kind === 'context') return
    const last = spans.at(-1)
    const stop = Math.min(lines.length, index + 1 + context)
    if (last && index - context <= last[1]) last[1] = stop
    else spans.push([Math.max(0, index - context), stop])
  })
  // Lines of each file before the current line, counted once for all the spans.
  let expectedBefore = 0
  let actualBefore = 0
  let position = 0
  return spans.map(([start, stop]) => {
    for (; position < start; position++) {
      if (lines[position]?.expected_line !== null) expectedBefore++
      if (lines[position]?.actual_line !== null) actualBefore++
    }
    const hunk = lines.slice(start, stop)
    const has = (/** @type {'expected_line' | 'actual_line'} */ side) =>
      hunk.some((line) => line[side] !== null) ? 1 : 0
    return {
      expected_start: expectedBefore + has('expected_line'),
      actual_start: actualBefore + has('actual_line'),
      lines: hunk
    }
  })
}

/** difflib's range: `start` alone for one line, else `start,count`. */
function range(/** @type {number} */ start, /** @type {number} */ count) {
  return count === 1 ? String(start) : `${start},${count}`
}

/**
 * The unified diff as lines, headers included; none when nothing changed.
 * @param {Hunk[]} hunks
 * @returns {string[]}
 */
export function unifiedLines(hunks) {
  if (hunks.length === 0) return []
  const marks = { context: ' ', removed: '-', added: '+' }
  return [
    '--- expected',
    '+++ actual',
    ...hunks.flatMap(({ expected_start, actual_start, lines }) => {
      const expectedCount = lines.filter((line) => line.expected_line !== null).length
      const actualCount = lines.filter((line) => line.actual_line !== null).length
      return [
        `@@ -${range(expected_start, expectedCount)} +${range(actual_start, actualCount)} @@`,
        ...lines.map((line) => `${marks[line.kind]}${line.text}`)
      ]
    })
  ]
}
