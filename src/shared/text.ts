/**
 * Everything the Sample Platform (or a pull request) sends is untrusted text.
 * These are the only ways such text reaches markdown or the log, and the only
 * ways any text is shortened. Every layer may use them; they use nothing.
 */

const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085]/g
/** C0/C1 controls except tab and line breaks, plus bidi overrides that can disguise text. */
const CONTROLS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\u202a-\u202e\u2066-\u2069]/g
/**
 * Characters no reader sees, which can hide text or split a word (the token)
 * so that no search finds it: every format character (soft hyphen, zero-width
 * space and joiners, word joiner, byte order mark, bidi controls, tags) and
 * every other default-ignorable one (variation selectors, Hangul fillers,
 * combining grapheme joiner). A variation selector right after a pictograph
 * stays: it only says how the emoji looks (the step's own ⚠️ has one).
 */
const INVISIBLE =
  /(?![\uFE0E\uFE0F])[\p{Cf}\p{Default_Ignorable_Code_Point}]|(?<!\p{Extended_Pictographic})[\uFE0E\uFE0F]/gu
/** Characters with inline meaning in GitHub markdown ($ starts math). */
const MARKDOWN_SPECIALS = /[\\`*_[\]<>|~&#$]/g
const ZERO_WIDTH_SPACE = '\u200b'
/**
 * Inline text (a cell, a heading, a label) never needs more: a server that
 * sends a megabyte of category cannot blow up a table.
 */
export const MAX_INLINE_CHARS = 300

/** Log lines and error messages quote server text up to this many characters. */
export const MAX_LOG_SNIPPET_CHARS = 300

/** "1 result", "2 results", "1,000 results": a count with its noun in the right number. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${thousands(count)} ${count === 1 ? singular : plural}`
}

/**
 * "1,500": digits grouped by three with commas. Not toLocaleString: its first
 * call loads the locale data, some 15 ms of the one-request path.
 */
export function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Cuts text to at most `max` characters, marking the cut with an ellipsis. */
export function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/** Cuts text to at most `max` characters, saying how much was left out. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  const omitted = text.length - max
  return `${text.slice(0, max)}… (${thousands(omitted)} more characters)`
}

/** Quotes a value for an error message, cut short so a pasted file cannot flood the log. */
export function quote(value: string, max = 80): string {
  return JSON.stringify(shorten(value, max))
}

/**
 * Text without what no reader sees: control characters (tab and line breaks
 * stay) and invisible ones. The escaping below inserts its zero-width spaces
 * after this, so they stay; the client applies it to everything the server
 * sends, so that the token's redaction sees the text as a reader does.
 */
export function removeHidden(text: string): string {
  return text.replace(CONTROLS, '').replace(INVISIBLE, '')
}

/** Text on one line, without control or invisible characters. */
export function oneLine(text: string): string {
  return removeHidden(text).replace(LINE_BREAKS, ' ')
}

/**
 * Text for a log line: one line, and no `::` or `##[` that the runner could
 * read as a workflow command.
 */
export function escapeLogText(text: string): string {
  return oneLine(text)
    .replaceAll('::', `:${ZERO_WIDTH_SPACE}:`)
    .replaceAll('##[', `#${ZERO_WIDTH_SPACE}#[`)
}

/** Server text quoted in a log line or an error: one line, inert, not too long. */
export function logSnippet(text: string, max = MAX_LOG_SNIPPET_CHARS): string {
  return shorten(escapeLogText(text).trim(), max)
}

/**
 * No log line or annotation is longer than this, whatever it quotes: a status
 * of megabytes must not become a megabyte `::error::`.
 */
export const MAX_LOG_LINE_CHARS = 4_000

/** Any line bound for the log: inert, and at most MAX_LOG_LINE_CHARS long. */
export function logLine(text: string): string {
  return shorten(escapeLogText(text), MAX_LOG_LINE_CHARS)
}

/** `https://`, `http://` and `www.` start a link in GitHub markdown even without brackets. */
const AUTOLINK_STARTS = /\b(https?)(:\/\/)|\b(www)(\.)/gi

/**
 * Text for inline markdown (a table cell, a heading, a link's text): it cannot
 * break the table, open HTML, start a code span, mention anyone or become a link.
 */
export function escapeMarkdown(text: string, max = MAX_INLINE_CHARS): string {
  return oneLine(shorten(text, max))
    .replace(MARKDOWN_SPECIALS, (c) => `\\${c}`)
    .replaceAll('@', `@${ZERO_WIDTH_SPACE}`)
    .replace(AUTOLINK_STARTS, (_match, scheme, colon, www, dot) =>
      scheme ? `${scheme}${ZERO_WIDTH_SPACE}${colon}` : `${www}${ZERO_WIDTH_SPACE}${dot}`
    )
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}

/**
 * Text inside an HTML element or attribute, such as a `<summary>`: one line, no
 * markup, and no mention (GitHub finds those in HTML text too).
 */
export function escapeHtml(text: string): string {
  return oneLine(shorten(text, MAX_INLINE_CHARS))
    .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c)
    .replaceAll('@', `@${ZERO_WIDTH_SPACE}`)
}

/**
 * Inline code. Inside a table a `|` must be written `\|` even in code, so
 * callers say where the span goes.
 */
export function codeSpan(text: string, where: 'table' | 'text' = 'text'): string {
  let body = oneLine(shorten(text, MAX_INLINE_CHARS))
  if (body === '') return ''
  if (where === 'table') body = body.replaceAll('|', '\\|')
  const fence = '`'.repeat(longestRun(body, '`') + 1)
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${body}${pad}${fence}`
}

/** A fenced code block that no content can close early. */
export function codeBlock(text: string, language = ''): string {
  const body = removeHidden(text).replace(LINE_BREAKS, '\n')
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1))
  return `${fence}${language}\n${body}\n${fence}`
}

function longestRun(text: string, char: string): number {
  let longest = 0
  let current = 0
  for (const c of text) {
    current = c === char ? current + 1 : 0
    longest = Math.max(longest, current)
  }
  return longest
}
