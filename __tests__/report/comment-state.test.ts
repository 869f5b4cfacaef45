/** The comment's state: its marker, read and written back, and whether to write. */
import { describe, expect, it } from '@jest/globals'
import {
  decideComment,
  parseMarker,
  renderMarker,
  type CommentPolicy
} from '../../src/report/comment-state.js'

const KEY = 'Sample result / result / 42'

describe('the marker', () => {
  it.each([
    ['a plain key', KEY],
    ['a key that closes the HTML comment', 'x --> <script>alert(1)</script> <!--'],
    ['a key with double dashes', 'a--b---c'],
    ['a key with line breaks', 'line one\nline two\r\n'],
    ['a key that is a marker itself', renderMarker('other', { '1': 'pass' })],
    ['a key with emoji and quotes', '✅ "sample" \'42\' `x`'],
    ['an empty key', '']
  ])('round-trips %s', (_name, key) => {
    const statuses = { '42': 'fail', '159': 'pass', 'we--ird -->': 'missing_output' }
    const marker = renderMarker(key, statuses)
    expect(marker).toMatch(/^<!-- sample-result-action key=[\w-]* statuses=[\w-]+ -->$/)
    expect(marker.slice('<!--'.length, -'-->'.length)).not.toMatch(/--|>/)
    expect(parseMarker(`Some comment\n\n${marker}`)).toEqual({ key, statuses })
  })

  it('keeps a "__proto__" status as a plain entry', () => {
    const parsed = parseMarker(renderMarker('k', JSON.parse('{"__proto__": "pass"}')))
    expect(parsed?.statuses).toEqual(JSON.parse('{"__proto__": "pass"}'))
    expect(Object.getPrototypeOf(parsed?.statuses)).toBe(Object.prototype)
  })

  it('reads the last marker of a body', () => {
    const body = `${renderMarker('quoted', {})}\n\n${renderMarker(KEY, { '42': 'pass' })}`
    expect(parseMarker(body)).toEqual({ key: KEY, statuses: { '42': 'pass' } })
  })

  const encode = (text: string) => Buffer.from(text).toString('base64url')
  it.each([
    ['an empty body', ''],
    ['a body without a marker', 'Looks good to me'],
    ['a cut marker', renderMarker(KEY, {}).slice(0, -4)],
    ['another tool’s marker', '<!-- Sticky Pull Request Comment -->'],
    [
      'characters outside base64url',
      `<!-- sample-result-action key=a+b/ statuses=${encode('{}')} -->`
    ],
    [
      'base64 that is not canonical',
      `<!-- sample-result-action key=YR statuses=${encode('{}')} -->`
    ],
    ['statuses that are not JSON', `<!-- sample-result-action key=YQ statuses=${encode('{x')} -->`],
    ['statuses that are a list', `<!-- sample-result-action key=YQ statuses=${encode('[]')} -->`],
    ['statuses that are null', `<!-- sample-result-action key=YQ statuses=${encode('null')} -->`],
    [
      'a status that is a number',
      `<!-- sample-result-action key=YQ statuses=${encode('{"42":1}')} -->`
    ],
    ['an empty statuses field', '<!-- sample-result-action key=YQ statuses= -->']
  ])('gives null for %s', (_name, body) => {
    expect(parseMarker(body)).toBeNull()
  })
})

describe('decideComment', () => {
  const failing = { passing: false, statuses: { '42': 'fail' } }
  const passing = { passing: true, statuses: { '42': 'pass' } }
  const twoFailing = { passing: false, statuses: { '42': 'fail', '159': 'fail' } }

  it.each<[CommentPolicy, string, typeof failing, Record<string, string> | null, boolean]>([
    ['always', 'passing, no comment yet', passing, null, true],
    ['always', 'passing, unchanged', passing, { '42': 'pass' }, true],
    ['failure', 'failing, no comment yet', failing, null, true],
    ['failure', 'passing, no comment yet', passing, null, false],
    ['failure', 'failing, comment exists', failing, { '42': 'fail' }, true],
    ['failure', 'passing now, comment said fail', passing, { '42': 'fail' }, true],
    [
      'failure',
      'passing, comment already said pass: nothing to update',
      passing,
      { '42': 'pass' },
      false
    ],
    ['change', 'failing, no comment yet', failing, null, true],
    ['change', 'passing, no comment yet', passing, null, false],
    ['change', 'failing, unchanged', failing, { '42': 'fail' }, false],
    ['change', 'passing, unchanged', passing, { '42': 'pass' }, false],
    ['change', 'was fail, now pass', passing, { '42': 'fail' }, true],
    ['change', 'was pass, now fail', failing, { '42': 'pass' }, true],
    ['change', 'a sample was added', twoFailing, { '42': 'fail' }, true],
    ['change', 'a sample was removed', failing, { '42': 'fail', '159': 'fail' }, true],
    [
      'change',
      'same statuses in another order',
      twoFailing,
      { '159': 'fail', '42': 'fail' },
      false
    ],
    ['change', 'another sample of the same size', failing, { '43': 'fail' }, true]
  ])('%s: %s', (policy, _name, now, previous, expected) => {
    expect(decideComment(policy, now, previous)).toBe(expected)
  })
})
