import { describe, expect, it } from '@jest/globals'
import { ActionError } from '../src/errors.js'
import { readInputs } from '../src/inputs.js'

const TOKEN = 'spci_secret_token_value'

/** Reads inputs from a plain object, as core.getInput reads them from the environment. */
function reader(values: Record<string, string>): (name: string) => string {
  const all: Record<string, string> = {
    'run-id': '9412',
    'sample-id': '42',
    'api-token': TOKEN,
    ...values
  }
  return (name) => all[name] ?? ''
}

function inputError(values: Record<string, string>): string {
  try {
    readInputs(reader(values))
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError)
    expect((error as ActionError).kind).toBe('input')
    return (error as ActionError).message
  }
  throw new Error('readInputs accepted the inputs')
}

describe('readInputs', () => {
  it('applies the defaults and freezes the config', () => {
    const config = readInputs(reader({}))
    expect(config).toEqual({
      runId: 9412,
      sampleId: 42,
      apiToken: TOKEN,
      apiUrl: 'https://sampleplatform.ccextractor.org/api/v1',
      failOn: { mode: 'non-pass' },
      summary: true,
      requestTimeoutMs: 30_000,
      maxRetries: 4
    })
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('reads every input', () => {
    const config = readInputs(
      reader({
        'run-id': ' 7 ',
        'api-url': 'http://127.0.0.1:8080/api/v1/',
        'fail-on': 'FAIL, missing_output,fail',
        summary: 'False',
        'request-timeout': '2.5',
        'max-retries': '0'
      })
    )
    expect(config).toMatchObject({
      runId: 7,
      apiUrl: 'http://127.0.0.1:8080/api/v1',
      failOn: { mode: 'statuses', statuses: ['fail', 'missing_output'] },
      summary: false,
      requestTimeoutMs: 2500,
      maxRetries: 0
    })
  })

  it.each([
    ['run-id', 'abc', 'run-id: "abc" is not a positive integer'],
    ['run-id', '0', 'run-id: "0" is not a positive integer'],
    ['sample-id', '2147483648', 'sample-id: "2147483648" is not a positive integer'],
    ['sample-id', '-3', 'sample-id: "-3"'],
    ['sample-id', '1.5', 'sample-id: "1.5"'],
    ['run-id', '', 'run-id is required'],
    ['fail-on', 'fial', 'fail-on: "fial" is not one of non-pass, never'],
    ['fail-on', 'never, fail', 'mixes words that go alone'],
    ['summary', 'yes', 'summary: "yes" is not true or false'],
    ['request-timeout', 'abc', 'request-timeout: "abc" is not a number of seconds'],
    ['request-timeout', '0', 'request-timeout: "0"'],
    ['max-retries', '11', 'max-retries: "11" is not a whole number from 0 to 10'],
    ['api-url', 'not a url', 'api-url: "not a url" is not a URL'],
    ['api-url', 'http://sampleplatform.ccextractor.org/api/v1', 'must start with https://'],
    ['api-url', 'ftp://example.org/api/v1', 'must start with https://'],
    ['api-url', 'https://example.org/api/v1?x=1', 'must not have a query']
  ])('refuses %s %j', (name, value, message) => {
    expect(inputError({ [name]: value })).toContain(message)
  })

  it('accepts http only for loopback hosts', () => {
    for (const url of [
      'http://localhost:1/api/v1',
      'http://127.8.9.10/api/v1',
      'http://[::1]:9/api/v1'
    ]) {
      expect(readInputs(reader({ 'api-url': url })).apiUrl).toBe(url)
    }
    expect(inputError({ 'api-url': 'http://127.0.0.1.evil.example/api/v1' })).toContain('https://')
  })

  it('refuses a URL with credentials without echoing them', () => {
    const message = inputError({ 'api-url': 'https://admin:hunter2@example.org/api/v1' })
    expect(message).toContain('user name or password')
    expect(message).not.toContain('hunter2')
    expect(message).not.toContain('admin')
  })

  it('explains an empty token, with the reason forks see one', () => {
    const message = inputError({ 'api-token': '  ' })
    expect(message).toContain('api-token is empty')
    expect(message).toContain('forks')
  })

  it('never echoes a malformed token', () => {
    const message = inputError({ 'api-token': 'spci_abc def' })
    expect(message).toContain('api-token contains')
    expect(message).not.toContain('spci_abc')
  })

  it('reports every bad input at once', () => {
    const message = inputError({ 'run-id': 'x', 'max-retries': 'y' })
    expect(message).toContain('run-id: "x"')
    expect(message).toContain('max-retries: "y"')
  })

  it('cuts a pasted blob short in the message', () => {
    expect(inputError({ 'run-id': 'x'.repeat(5000) }).length).toBeLessThan(300)
  })
})
