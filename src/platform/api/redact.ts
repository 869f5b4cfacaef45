/**
 * The token must never reach the log, the summary, the outputs or a comment,
 * even when a server echoes it back encoded: the runner masks only the raw form.
 */
import { removeHidden } from '../../shared/text.js'

/** Named HTML entities of the punctuation a token may hold. */
const NAMED_ENTITIES = new Map([
  ['_', ['lowbar', 'UnderBar']],
  ['-', ['hyphen', 'dash']],
  ['.', ['period']],
  ['/', ['sol']],
  ['+', ['plus']],
  ['=', ['equals']]
])

/** A line break as text.ts reads one. */
const LINE_BREAK = '(?:\\r\\n?|[\\n\\u2028\\u2029\\u0085])'

/**
 * Removes what no reader sees (control and invisible characters, which could
 * split the token), then replaces the token with `***` in every form a server
 * may echo it: as it is; with its characters, each or some of them,
 * percent-encoded (once or more: `%2573`), as HTML character references (also
 * escaped again: `&amp;#115;`), or as `\uXXXX`, `\u{X}`, `\UXXXXXXXX` or `\xNN`
 * escapes; split across a line break, with spaces or a diff's `+` or `-` around
 * it; as hexadecimal of its bytes in either case; and in base64 or base64url
 * wherever it sits in the encoded bytes (the token alone, `Bearer <token>`, a
 * JSON document that holds it).
 *
 * The work stays linear in the text's length: a character's forms start
 * differently (with the character, `%`, `&` or `\`) and a break's spaces and
 * mark are never a character of the token, so there is one way at most to read
 * a stretch of text as the token, and trying it reads each character a few
 * times. (A token that holds `%`, `&` or `\` allows a few more ways, as many
 * as its own length allows, whatever the text.)
 */
export function createRedactor(token: string): (text: string) => string {
  if (token === '') return removeHidden
  const characters = [...token]
  const spread = characters
    .map((char, index) => {
      const next = characters[index + 1]
      return `(?:${characterForms(char).join('|')})${next === undefined ? '' : lineBreakWithin(next)}`
    })
    .join('')
  const bytes = Buffer.from(token, 'utf8')
  const encoded = base64Cores(bytes).flatMap((core) => [
    core,
    core.replaceAll('+', '-').replaceAll('/', '_')
  ])
  // Longest first, so a longer encoded form is replaced whole and not in part.
  const alternatives = [...new Set(encoded)].sort((a, b) => b.length - a.length).map(escapeRegExp)
  const pattern = new RegExp(
    [caseless(bytes.toString('hex')), ...alternatives, spread].join('|'),
    'g'
  )
  return (text) => {
    const visible = removeHidden(text)
    // The pattern has no capturing group: the second argument is the offset.
    return visible.replace(pattern, (_match: string, offset: number) =>
      escapedAt(visible, offset) ? '\\***' : '***'
    )
  }
}

/** The ways one character of the token may be written, as regular expressions. */
function characterForms(char: string): string[] {
  const code = char.codePointAt(0) ?? 0
  const hex = code.toString(16)
  const bytes = [...Buffer.from(char, 'utf8')].map((byte) => caseless(hex2(byte)))
  const units = Array.from({ length: char.length }, (_, i) =>
    caseless(char.charCodeAt(i).toString(16).padStart(4, '0'))
  )
  const references = [`#0*${code}`, `#[xX]0*${caseless(hex)}`, ...(NAMED_ENTITIES.get(char) ?? [])]
  return [
    escapeRegExp(char),
    bytes.map((byte) => `%(?:25)*${byte}`).join(''),
    `&(?:amp;)*(?:${references.join('|')});`,
    units.map((unit) => `\\\\u${unit}`).join(''),
    `\\\\u\\{0*${caseless(hex)}\\}`,
    `\\\\U${caseless(hex.padStart(8, '0'))}`,
    bytes.map((byte) => `\\\\x${byte}`).join('')
  ]
}

/**
 * An optional line break between two characters, with spaces or tabs around
 * it, and the `+` or `-` that starts a diff's line after it, unless that is
 * the next character itself (which would make two readings of one text).
 */
function lineBreakWithin(next: string): string {
  const marks = ['+', '-'].filter((mark) => mark !== next).map(escapeRegExp)
  return `(?:[ \\t]*${LINE_BREAK}[${marks.join('')}]?[ \\t]*)?`
}

/**
 * Whether the character at `offset` follows an odd run of backslashes, which
 * escapes it: a JSON body that holds the text `\x73pci…` has `\\x73pci…`, and
 * the match starts at the second backslash. The replacement then keeps a
 * backslash, so the body stays valid JSON.
 */
function escapedAt(text: string, offset: number): boolean {
  let start = offset
  while (start > 0 && text[start - 1] === '\\') start--
  return (offset - start) % 2 === 1
}

/**
 * The base64 characters that depend on the token's bytes only, for each of the
 * three places the token can start in a 3-byte group: whatever surrounds the
 * token in the encoded text, one of these is in it.
 */
function base64Cores(bytes: Buffer): string[] {
  return [0, 1, 2].flatMap((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64')
    const first = Math.ceil(offset / 3)
    const last = Math.floor((offset + bytes.length) / 3)
    return last > first ? [encoded.slice(4 * first, 4 * last)] : []
  })
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0')
}

/** A hex number's letters in either case: "2f" → "2[fF]". */
function caseless(hex: string): string {
  return hex.replace(/[a-f]/g, (letter) => `[${letter}${letter.toUpperCase()}]`)
}
