import { describe, expect, it } from '@jest/globals'
import { runInNewContext } from 'node:vm'
import { createRedactor } from '../../src/platform/api/redact.js'
import { DEMO } from '../../test-support/fake-platform.js'
import { echoedForms } from '../../test-support/token-echo.js'

const token = DEMO.token
const redact = createRedactor(token)
const hex = Buffer.from(token).toString('hex')
const unicode = (text: string) =>
  [...text].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')

describe('createRedactor', () => {
  it.each(echoedForms(token))('replaces the token %s, and only it', (_name, echoed) => {
    expect(redact(`line\nbefore ${echoed} after\nline`)).toBe('line\nbefore *** after\nline')
  })

  it('splits at any character, with a + or - mark unless the next character is that mark', () => {
    for (let at = 1; at < token.length; at++) {
      const [head, tail] = [token.slice(0, at), token.slice(at)]
      expect(redact(`${head}\n-${tail}`)).toBe('***')
      expect(redact(`${head} \r\n+ ${unicode(tail)}`)).toBe('***')
    }
    const dashed = createRedactor('ab-cd')
    expect(dashed('ab\n+-cd')).toBe('***')
    expect(dashed('ab\n--cd')).toBe('ab\n--cd')
  })

  it('removes hidden characters everywhere, but keeps what an emoji needs', () => {
    expect(redact('\u00adnothing\u200b to\u2060 hide\ufeff\u0007 ⚠️')).toBe('nothing to hide ⚠️')
  })

  it('keeps a JSON body valid when an escape of the token is itself escaped', () => {
    const body = JSON.stringify({ message: `\\x73${token.slice(1)}`, other: `\\${token}` })
    expect(JSON.parse(redact(body))).toEqual({ message: '\\***', other: '\\***' })
  })

  it('gives hidden characters no way around it through the line break', () => {
    expect(redact(`${token.slice(0, 5)}\u200b\r\u00ad\n\u2060${token.slice(5)}`)).toBe('***')
  })

  /**
   * 8 MB, the most a body may be, of near misses of each form: a pattern that
   * backtracks catastrophically takes minutes to hours on one of them, this one
   * well under a second on each (a few seconds for four million hidden
   * characters to remove). It runs under a time-out of 30 s that stops it
   * where it is: Jest's own cannot stop code that never yields.
   */
  describe('stays linear on 8 MB of near misses', () => {
    const redactWithin = (text: string) =>
      String(runInNewContext('redact(text)', { redact, text }, { timeout: 30_000 }))
    const size = 8 * 1024 * 1024
    const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size)
    const near = token.slice(0, -1)
    const last = token.slice(-1)
    it.each([
      ['the token but its last character', fill(`${near} `), `${near}\r\n${last}`],
      ['hexadecimal but its last byte', fill(`${hex.slice(0, -2)}.`), hex.toUpperCase()],
      ['\\u escapes but the last one', fill(unicode(near)), unicode(token)],
      ['percent-encoding, nested ever deeper', `%${fill('25')}`, `%2573${token.slice(1)}`],
      ['references escaped ever again', `&${fill('amp;')}`, `&amp;#115;${token.slice(1)}`],
      ['spaces after a line break', `${near}\n${fill(' ')}`, `${near}\n ${last}`],
      ['spaces before no line break', fill(`${near}${' '.repeat(4096)}`), `${near} \n${last}`],
      [
        'a line break after each character',
        fill(`${[...near].join(' \n+ ')}.`),
        `${near}\n${last}`
      ],
      ['backslashes before an escape', fill('\\'), `\\x73${token.slice(1)}`],
      ['zero-width spaces', fill(`${near[0] ?? ''}\u200b`), [...token].join('\u200b')]
    ])(
      '%s',
      (_name, body, echoed) => {
        expect(redactWithin(`${body}${echoed}`).endsWith('***')).toBe(true)
      },
      60_000
    )
  })
})
