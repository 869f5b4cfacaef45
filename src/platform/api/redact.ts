/**
 * The token must never reach the log, the summary, the outputs or a comment,
 * even when a server echoes it back encoded: the runner masks only the raw form.
 */

/** Named HTML entities of the punctuation a token may hold. */
const NAMED_ENTITIES = new Map([
  ['_', ['&lowbar;', '&UnderBar;']],
  ['-', ['&hyphen;', '&dash;']],
  ['.', ['&period;']],
  ['/', ['&sol;']],
  ['+', ['&plus;']],
  ['=', ['&equals;']]
])

/**
 * Replaces the token with `***` in every form a server may echo it: as it is,
 * percent-encoded or as HTML character references (each character, or some of
 * them), and in base64 or base64url wherever it sits in the encoded bytes (the
 * token alone, `Bearer <token>`, a JSON document that holds it).
 */
export function createRedactor(token: string): (text: string) => string {
  if (token === '') return (text) => text
  const characters = [...token].map((char) => {
    const code = char.codePointAt(0) ?? 0
    const hex = code.toString(16)
    return `(?:${[
      escapeRegExp(char),
      ...(code < 0x80 ? [`%${caseless(hex.padStart(2, '0'))}`] : []),
      `&#0*${code};`,
      `&#[xX]0*${caseless(hex)};`,
      ...(NAMED_ENTITIES.get(char) ?? [])
    ].join('|')})`
  })
  const encoded = base64Cores(Buffer.from(token, 'utf8')).flatMap((core) => [
    core,
    core.replaceAll('+', '-').replaceAll('/', '_')
  ])
  // Longest first, so a longer encoded form is replaced whole and not in part.
  const alternatives = [...new Set(encoded)].sort((a, b) => b.length - a.length).map(escapeRegExp)
  const pattern = new RegExp([...alternatives, characters.join('')].join('|'), 'g')
  return (text) => text.replace(pattern, '***')
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

/** A hex number's letters in either case: "2f" → "2[fF]". */
function caseless(hex: string): string {
  return hex.replace(/[a-f]/g, (letter) => `[${letter}${letter.toUpperCase()}]`)
}
