import { describe, expect, it } from '@jest/globals'
import MarkdownIt from 'markdown-it'
import {
  codeBlock,
  codeSpan,
  escapeHtml,
  escapeLogText,
  escapeMarkdown,
  logLine,
  oneLine,
  removeHidden,
  truncate
} from '../../src/shared/text.js'

// A CommonMark renderer with GFM tables: what the markdown turns into is what matters.
const markdown = new MarkdownIt({ html: true })
const ZWSP = '\u200b'

describe('escapeMarkdown', () => {
  it('keeps a table cell one cell', () => {
    const html = markdown.render(`| a | b |\n| --- | --- |\n| ${escapeMarkdown('x | y\nz')} | 2 |`)
    expect(html.match(/<td>/g)).toHaveLength(2)
    expect(html).toContain('<td>x | y z</td>')
  })

  it('opens no HTML and no code span, and keeps emphasis literal', () => {
    const html = markdown.render(
      `text ${escapeMarkdown('<img src=x onerror=alert(1)> <details> `code` **bold** [l](http://x)')}`
    )
    expect(html).not.toMatch(/<img|<details|<code>|<strong>|<a /)
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('breaks @mentions with an invisible space', () => {
    expect(escapeMarkdown('hi @octocat and @org/team')).toBe(
      `hi @${ZWSP}octocat and @${ZWSP}org/team`
    )
  })

  it('cuts inline text at 300 characters', () => {
    expect(escapeMarkdown('a'.repeat(5000))).toBe(`${'a'.repeat(300)}…`)
    expect(codeSpan('b'.repeat(5000))).toBe(`\`${'b'.repeat(300)}…\``)
  })

  it('drops control and bidi characters', () => {
    expect(escapeMarkdown('a\u0000b\u202ec\u0007')).toBe('abc')
  })
})

describe('codeSpan', () => {
  it('holds backticks inside without closing early', () => {
    const html = markdown.render(`x ${codeSpan('a `b` ``c``')} y`)
    expect(html).toContain('<code>a `b` ``c``</code>')
  })

  it('escapes pipes inside a table', () => {
    const html = markdown.render(`| a |\n| --- |\n| ${codeSpan('x|y', 'table')} |`)
    expect(html.match(/<td>/g)).toHaveLength(1)
    expect(html).toContain('<code>x|y</code>')
  })

  it('pads a span that starts with a backtick', () => {
    expect(codeSpan('`x')).toBe('`` `x ``')
    expect(codeSpan('')).toBe('')
  })
})

describe('codeBlock', () => {
  it('cannot be closed by the content', () => {
    const text = 'a\n```\n<script>x</script>\n````'
    const html = markdown.render(`${codeBlock(text)}\n\nafter`)
    expect(html).toContain('&lt;script&gt;')
    expect(html).not.toContain('<script>')
    expect(html.match(/<pre>/g)).toHaveLength(1)
    expect(html).toContain('<p>after</p>')
  })
})

describe('escapeLogText', () => {
  it('cannot start or contain a workflow command', () => {
    const text = escapeLogText('ok\n::error::boom\r\n##[group]x ::set-output name=a::b')
    expect(text).not.toContain('\n')
    expect(text).not.toContain('::')
    expect(text).not.toContain('##[')
    expect(text.replaceAll(ZWSP, '')).toBe('ok ::error::boom ##[group]x ::set-output name=a::b')
  })
})

describe('hidden characters', () => {
  // Soft hyphen, zero-width space, non-joiner and joiner, word joiner, byte order
  // mark, Mongolian vowel separator, a tag, a variation selector, the combining
  // grapheme joiner, a Hangul filler, a control character.
  const hidden = '\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e\u{e0041}\ufe0f\u034f\u115f\u0007'

  it.each([
    ['removeHidden', removeHidden],
    ['oneLine', oneLine],
    ['escapeLogText', escapeLogText],
    ['logLine', logLine],
    ['escapeMarkdown', (text: string) => escapeMarkdown(text)],
    ['escapeHtml', escapeHtml],
    ['codeSpan', (text: string) => codeSpan(text)],
    ['codeBlock', (text: string) => codeBlock(text)]
  ])('are gone from what %s gives', (_name, escape) => {
    expect(escape(`to${hidden}ken`)).toBe(escape('token'))
  })

  it('go before the zero-width spaces of the escaping, which stay', () => {
    expect(escapeMarkdown(`@\u200b\u00adoctocat w\u2060ww.x`)).toBe(`@${ZWSP}octocat www${ZWSP}.x`)
    expect(escapeLogText(':\u00ad:error::x')).toBe(`:${ZWSP}:error:${ZWSP}:x`)
  })

  it("keep an emoji's variation selector, tabs and line breaks", () => {
    expect(removeHidden('⚠️ ⏭️ a\tb\r\nc\u2028d')).toBe('⚠️ ⏭️ a\tb\r\nc\u2028d')
    expect(codeBlock('a\u200b\tb\n\ufeffc')).toBe('```\na\tb\nc\n```')
  })
})

describe('truncate', () => {
  it('says how much it left out', () => {
    expect(truncate('abcdef', 4)).toBe('abcd… (2 more characters)')
    expect(truncate('abc', 4)).toBe('abc')
  })
})
