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
 * them), and base64 or base64url of the token or of `Bearer <token>`.
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
  const encoded = [token, `Bearer ${token}`].flatMap((text) => {
    const base64 = Buffer.from(text, 'utf8').toString('base64')
    return [base64, base64.replace(/=+$/, ''), Buffer.from(text, 'utf8').toString('base64url')]
  })
  // Longest first, so a base64 form is replaced whole and not in part.
  const alternatives = [...new Set(encoded)].sort((a, b) => b.length - a.length).map(escapeRegExp)
  const pattern = new RegExp([...alternatives, characters.join('')].join('|'), 'g')
  return (text) => text.replace(pattern, '***')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}

/** A hex number's letters in either case: "2f" → "2[fF]". */
function caseless(hex: string): string {
  return hex.replace(/[a-f]/g, (letter) => `[${letter}${letter.toUpperCase()}]`)
}
