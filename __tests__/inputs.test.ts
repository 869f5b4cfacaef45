import { describe, expect, it } from '@jest/globals'
import { ActionError } from '../src/shared/errors.js'
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
      target: { kind: 'run', runId: 9412, platform: 'linux' },
      samples: { kind: 'ids', ids: [42] },
      baseline: { kind: 'none' },
      apiToken: TOKEN,
      apiUrl: 'https://sampleplatform.ccextractor.org/api/v1',
      failOn: { mode: 'non-pass' },
      ignoreFlaky: false,
      details: { diffs: 10, diffLines: 40, history: 10, branch: 'master' },
      jobSummary: true,
      requestTimeoutMs: 30_000,
      maxRetries: 4,
      concurrency: 4,
      waitTimeoutMs: 0,
      testReports: { junit: null, ctrf: null },
      unfinished: 'fail',
      commitStatus: { enabled: false, context: 'Sample Platform results' },
      comment: { policy: 'off', mode: 'update', key: null, prNumber: null, githubToken: '' }
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
      target: { kind: 'run', runId: 7, platform: 'linux' },
      apiUrl: 'http://127.0.0.1:8080/api/v1',
      failOn: { mode: 'statuses', statuses: ['fail', 'missing_output'] },
      jobSummary: false,
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

  it.each([
    ['12, 40-43\n7 12', [12, 40, 41, 42, 43, 7]],
    ['5 5 5', [5]],
    ['3-3', [3]],
    ['1,2,,3', [1, 2, 3]]
  ])('reads the sample list %j', (text, ids) => {
    expect(readInputs(reader({ 'sample-id': text })).samples).toEqual({ kind: 'ids', ids })
  })

  it('reads all, a baseline, concurrency and wait-timeout', () => {
    const config = readInputs(
      reader({
        'sample-id': ' ALL ',
        'baseline-run-id': '9411',
        concurrency: '16',
        'wait-timeout': '900',
        'fail-on': 'regression'
      })
    )
    expect(config).toMatchObject({
      samples: { kind: 'all' },
      baseline: { kind: 'runs', runIds: [9411] },
      concurrency: 16,
      waitTimeoutMs: 900_000,
      failOn: { mode: 'regression' }
    })
  })

  it.each([
    ['sample-id', '10-5', 'the range "10-5" runs backwards; write 5-10'],
    [
      'sample-id',
      '1, all',
      '"all" is not a sample ID, a range such as 10-25, or all (all goes alone)'
    ],
    ['sample-id', '4, x7', '"x7" is not a sample ID'],
    ['sample-id', '1-20000', 'more than 10,000 samples'],
    ['sample-id', '0-4', 'sample-id: "0" is not a positive integer'],
    ['baseline-run-id', 'master', 'baseline-run-id: "master" is not a positive integer'],
    ['concurrency', '0', 'concurrency: "0" is not a whole number from 1 to 16'],
    ['concurrency', '17', 'concurrency: "17"'],
    ['wait-timeout', '-1', 'wait-timeout: "-1" is not a whole number from 0 to 21600'],
    ['fail-on', 'regression', 'set baseline-run-id'],
    ['fail-on', 'regression, fail', 'mixes words that go alone'],
    ['comment', 'sometimes', 'comment: "sometimes" is not one of off, always, failure, change'],
    ['comment-mode', 'append', 'comment-mode: "append" is not one of update, recreate'],
    ['pr-number', '0', 'pr-number: "0" is not a positive integer'],
    ['comment', 'always', 'comment: "always" needs github-token']
  ])('refuses %s %j', (name, value, message) => {
    expect(inputError({ [name]: value })).toContain(message)
  })

  it('takes the commit of the event when neither run-id nor commit is given, on linux', () => {
    expect(readInputs(reader({ 'run-id': '' })).target).toEqual({
      kind: 'commit',
      sha: null,
      platforms: ['linux']
    })
  })

  it('reads a commit, both platforms in the order given, and one baseline run for each', () => {
    const sha = '0B1A967B732898E705EA8F2FDA5D08EB00328579'
    const config = readInputs(
      reader({
        'run-id': '',
        commit: sha,
        platform: 'windows linux windows',
        'baseline-run-id': '9410, 9411'
      })
    )
    expect(config.target).toEqual({
      kind: 'commit',
      sha: sha.toLowerCase(),
      platforms: ['windows', 'linux']
    })
    expect(config.baseline).toEqual({ kind: 'runs', runIds: [9410, 9411] })
  })

  it('reads baseline-run-id auto with its branch', () => {
    const config = readInputs(
      reader({
        'baseline-run-id': 'AUTO',
        'baseline-branch': 'release/0.95',
        'fail-on': 'regression'
      })
    )
    expect(config.baseline).toEqual({ kind: 'auto' })
    expect(config.details.branch).toBe('release/0.95')
    const byDefault = readInputs(reader({ 'baseline-run-id': 'auto' }))
    expect(byDefault.baseline).toEqual({ kind: 'auto' })
    expect(byDefault.details.branch).toBe('master')
  })

  it.each([
    [
      { commit: '0b1a967b732898e705ea8f2fda5d08eb00328579' },
      'run-id and commit are both set: give run-id to report one run, or commit'
    ],
    [
      { 'run-id': '', commit: '0b1a967' },
      'commit: "0b1a967" is not a full commit SHA (40 hexadecimal characters); an abbreviated SHA cannot be looked up'
    ],
    [{ 'run-id': '', commit: 'main' }, 'commit: "main" is not a full commit SHA'],
    [{ platform: 'macos' }, 'platform: "macos" is not linux, windows, or both ("linux, windows").'],
    [
      { platform: 'linux, windows' },
      'platform: "linux, windows" names several platforms, but run-id names one run'
    ],
    [
      { 'run-id': '', platform: 'linux, windows', 'baseline-run-id': '9411' },
      'baseline-run-id: "9411" names 1 runs for 2 platforms; give one run ID per platform'
    ],
    [
      { 'baseline-run-id': 'auto', 'baseline-branch': 'a b' },
      'baseline-branch: "a b" is not a branch name.'
    ],
    [
      { 'baseline-run-id': 'auto', 'baseline-branch': 'a..b' },
      'baseline-branch: "a..b" is not a branch name.'
    ]
  ])('refuses %j', (values, message) => {
    expect(inputError(values)).toContain(message)
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

  it.each([
    [{ 'run-id': 'abc', platform: 'macos' }, ['platform: "macos"', 'run-id: "abc"']],
    [
      { 'run-id': 'abc', commit: 'main', platform: 'macos' },
      ['platform: "macos"', 'run-id and commit are both set', 'run-id: "abc"', 'commit: "main"']
    ],
    [
      { 'run-id': 'abc', platform: 'linux, windows' },
      ['"linux, windows" names several platforms', 'run-id: "abc"']
    ]
  ])('reports every problem of run-id, commit and platform at once: %j', (values, parts) => {
    const message = inputError(values)
    for (const part of parts) expect(message).toContain(part)
  })

  it.each<Record<string, string>>([
    // The runs to compare are one per platform, and platform is refused: any count is a guess.
    { 'run-id': '', platform: 'linux, macos', 'baseline-run-id': '9410, 9411' },
    // run-id and several platforms clash: one run or two, the count cannot be told yet.
    { platform: 'linux, windows', 'baseline-run-id': '9410, 9411' }
  ])('does not count baseline runs against platforms it could not read: %j', (values) => {
    const message = inputError(values)
    expect(message).toContain('platform: "linux')
    expect(message).not.toContain('baseline-run-id')
  })

  it('does not ask for history above 0 when history itself is refused', () => {
    const message = inputError({ 'fail-on': 'new-failure', history: 'ten' })
    expect(message).toBe('history: "ten" is not a whole number from 0 to 100.')
  })

  it('cuts a pasted blob short in the message', () => {
    expect(inputError({ 'run-id': 'x'.repeat(5000) }).length).toBeLessThan(300)
  })
})

describe('commit-status, commit-status-context and unfinished', () => {
  it('reads them', () => {
    const config = readInputs(
      reader({
        'commit-status': 'on',
        'commit-status-context': 'Regression tests',
        unfinished: 'report',
        'github-token': 'ghs_token'
      })
    )
    expect(config.commitStatus).toEqual({ enabled: true, context: 'Regression tests' })
    expect(config.unfinished).toBe('report')
  })

  it.each([
    [{ unfinished: 'wait' }, 'unfinished: "wait" is not one of fail, report.'],
    [{ 'commit-status': 'yes' }, 'commit-status: "yes" is not one of off, on.'],
    ...['CI - linux', 'ci - LINUX', 'CI - macos'].map((name): [Record<string, string>, string] => [
      { 'commit-status-context': name },
      `commit-status-context: "${name}" looks like one of the Sample Platform's own statuses (CI - linux, CI - windows); give ours a name that does not start with "CI - " (the default is "Sample Platform results").`
    ]),
    [
      { 'commit-status': 'on', 'github-token': '' },
      'commit-status: "on" needs github-token, which is empty'
    ]
  ])('refuses %j', (values, message) => {
    expect(inputError(values)).toContain(message)
  })
})
