/**
 * The token as a server may echo it, and a reader that undoes every such
 * encoding it knows, so tests can tell whether any text still gives the token
 * away, whatever the redaction does.
 */

/** Each character in turn through one of the `forms`, so that plain and encoded ones mix. */
function alternating(token: string, ...forms: ((code: number, char: string) => string)[]) {
  return [...token]
    .map((char, i) => (forms[i % forms.length] ?? String)(char.charCodeAt(0), char))
    .join('')
}

const hex2 = (code: number) => code.toString(16).padStart(2, '0')
const plain = (_code: number, char: string) => char
const unicode = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`
const byte = (code: number) => `\\x${hex2(code)}`
const percentTwice = (code: number) => `%25${hex2(code)}`

/** Where the split forms break the token: after "spci_demo_" in DEMO.token. */
const SPLIT = 10
const split = (token: string, by: string) => `${token.slice(0, SPLIT)}${by}${token.slice(SPLIT)}`
const between = (token: string, by: string) => [...token].join(by)

/** The token in each form a server may echo it that passed the redaction before issue 15, finding 4. */
export function echoedForms(token: string): [string, string][] {
  const hex = Buffer.from(token).toString('hex')
  return [
    ['hexadecimal', hex],
    ['HEXADECIMAL', hex.toUpperCase()],
    ['hexadecimal in mixed case', alternating(hex, plain, (_code, char) => char.toUpperCase())],
    ['\\u escapes', alternating(token, unicode)],
    ['\\u escapes, upper case', alternating(token, unicode).toUpperCase().replaceAll('\\U', '\\u')],
    ['\\u escapes of some characters', alternating(token, unicode, plain)],
    ['\\u{…} escapes', alternating(token, (code) => `\\u{${code.toString(16)}}`)],
    ['\\U escapes', alternating(token, (code) => `\\U${code.toString(16).padStart(8, '0')}`)],
    ['\\x escapes', alternating(token, byte)],
    ['\\x escapes of some characters', alternating(token, plain, byte, plain)],
    ['percent-encoded twice', alternating(token, percentTwice)],
    ['percent-encoded twice, some characters', alternating(token, percentTwice, plain)],
    ['percent-encoded three times', alternating(token, (code) => `%2525${hex2(code)}`)],
    ['HTML character references escaped again', alternating(token, (code) => `&amp;#${code};`)],
    ['split by a line break', split(token, '\n')],
    ['split by CR LF with spaces around', split(token, '  \r\n\t ')],
    ['split by a CR', split(token, '\r')],
    ['split by a line break and a diff mark', split(token, '\n+')],
    ['with soft hyphens', between(token, '\u00ad')],
    ['with zero-width spaces', between(token, '\u200b')],
    ['with zero-width non-joiners and joiners', between(token, '\u200c\u200d')],
    ['with word joiners', between(token, '\u2060')],
    ['with byte order marks', between(token, '\ufeff')],
    ['with tag characters', between(token, '\u{e0020}')],
    ['with variation selectors', between(token, '\ufe0f')],
    ['with control characters', between(token, '\u0001\u007f')],
    ['hexadecimal with zero-width spaces', between(hex, '\u200b')],
    [
      '\\u escapes split by a line break, with soft hyphens',
      [token.slice(0, SPLIT), token.slice(SPLIT)]
        .map((part) => between(alternating(part, unicode), '\u00ad'))
        .join('\r\n')
    ]
  ]
}

const LINE_JOIN = /[ \t]*(?:\r\n?|[\n\u2028\u2029\u0085])[+-]?[ \t]*/g
const HIDDEN = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu
const NAMED: Record<string, string> = {
  lowbar: '_',
  UnderBar: '_',
  hyphen: '-',
  dash: '-',
  period: '.',
  sol: '/',
  plus: '+',
  equals: '='
}
const fromHex = (_match: string, digits: string) => String.fromCodePoint(parseInt(digits, 16))

/** Ways of reading a text, each on what the one before it gave. */
const READINGS: ((text: string) => string)[] = [
  (text) => text.replace(LINE_JOIN, ''),
  (text) => text.replace(HIDDEN, ''),
  // Markdown's backslash escapes (a summary's `spci\_demo` reads spci_demo).
  (text) => text.replace(/\\([\\`*_[\]<>|~&#$])/g, '$1'),
  (text) => text.replaceAll(/&amp;/gi, '&'),
  (text) =>
    text
      .replace(/&#(\d+);/g, (_match, digits: string) => String.fromCodePoint(Number(digits)))
      .replace(/&#x([0-9a-f]+);/gi, fromHex)
      .replace(/&(\w+);/g, (match, name: string) => NAMED[name] ?? match),
  (text) => text.replaceAll(/%25/gi, '%'),
  (text) => text.replace(/%([0-9a-f]{2})/gi, fromHex),
  (text) =>
    text
      .replace(/\\u\{([0-9a-f]+)\}/gi, fromHex)
      .replace(/\\U([0-9a-f]{8})/g, fromHex)
      .replace(/\\u([0-9a-f]{4})/gi, fromHex)
      .replace(/\\x([0-9a-f]{2})/gi, fromHex)
]

/**
 * Whether `text` gives `token` away: as it is, in hexadecimal or in base64 at
 * any offset, once lines are joined, hidden characters dropped and escapes,
 * character references and percent-encoding undone, as often as they nest.
 */
export function revealsToken(text: string, token: string): boolean {
  const hex = Buffer.from(token).toString('hex')
  const base64 = [0, 1, 2].flatMap((offset) => {
    const encoded = Buffer.from(`${'x'.repeat(offset)}${token}`).toString('base64')
    // The characters that depend on the token's bytes alone.
    const core = encoded.slice(
      4 * Math.ceil(offset / 3),
      4 * Math.floor((offset + token.length) / 3)
    )
    return [core, core.replaceAll('+', '-').replaceAll('/', '_')]
  })
  let read = text
  for (let round = 0; round < 4; round++) {
    for (const reading of READINGS) {
      read = reading(read)
      if (read.includes(token) || read.toLowerCase().includes(hex)) return true
      if (base64.some((core) => read.includes(core))) return true
    }
  }
  return false
}
