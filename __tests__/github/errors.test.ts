import { describe, expect, it } from '@jest/globals'
import { describeGitHubError } from '../../src/github/errors.js'

describe('describeGitHubError', () => {
  it.each([
    [
      'a 502 with a message',
      { status: 502, message: 'Bad Gateway - https://docs.github.com/rest', response: {} },
      'The GitHub API answered 502: Bad Gateway - https://docs.github.com/rest'
    ],
    [
      'a 403 that is not about the token',
      { status: 403, message: 'API rate limit exceeded for installation ID 1.', response: {} },
      'The GitHub API answered 403: API rate limit exceeded for installation ID 1.'
    ],
    [
      'a message over several lines with workflow commands',
      { status: 500, message: 'oops\n::error::injected\r\n##[group]x', response: {} },
      'The GitHub API answered 500: oops :\u200b:error:\u200b:injected #\u200b#[group]x'
    ],
    [
      'an empty message',
      { status: 500, message: '', response: {} },
      'The GitHub API answered 500: no message'
    ],
    [
      'no answer',
      {
        status: 500,
        message: 'fetch failed',
        cause: new Error('getaddrinfo ENOTFOUND api.github.com')
      },
      'Could not reach the GitHub API: getaddrinfo ENOTFOUND api.github.com'
    ],
    ['an error without a status', new Error('boom'), 'The GitHub API request failed: boom'],
    ['a string', 'boom', 'The GitHub API request failed: boom']
  ])('describes %s in one line', (_name, error, expected) => {
    expect(describeGitHubError(error)).toBe(expected)
  })

  it('says the token cannot read when a read is refused', () => {
    const error = {
      status: 403,
      message: 'Resource not accessible by integration - https://docs.github.com/rest',
      request: { method: 'GET' },
      response: {}
    }
    expect(describeGitHubError(error)).toMatch(/^The github-token cannot read the pull request /)
  })

  it('cuts a long message (a proxy page) short', () => {
    const message = describeGitHubError({
      status: 502,
      message: `<html>${'x'.repeat(5000)}`,
      response: {}
    })
    expect(message.length).toBeLessThan(400)
    expect(message).toMatch(/…$/)
  })
})
