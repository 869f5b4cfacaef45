import type { SampleSelection } from './platform/model.js'
import { PLATFORMS, type Platform } from './platform/api/runs.js'
import { KNOWN_STATUSES } from './platform/api/result.js'
import { ActionError } from './shared/errors.js'
import { quote, thousands } from './shared/text.js'

/**
 * When the step fails: never, when any status is not `pass`, when any status is
 * one of a list, or when a sample that passed in the baseline run does not now.
 */
export type FailOn =
  | { readonly mode: 'never' }
  | { readonly mode: 'non-pass' }
  | { readonly mode: 'regression' }
  | { readonly mode: 'new-failure' }
  | { readonly mode: 'statuses'; readonly statuses: readonly string[] }

/** The pull request comment: whether to write it, how, and under which key. */
export interface CommentConfig {
  readonly policy: 'off' | 'always' | 'failure' | 'change'
  readonly mode: 'update' | 'recreate'
  /** Tells our comments apart; null: derived from the workflow, the job and the samples. */
  readonly key: string | null
  /** Null: the pull request of the event. */
  readonly prNumber: number | null
  readonly githubToken: string
}

/** Whose runs to report: one run by its ID, or a commit's runs on each platform. */
export type Target =
  | {
      readonly kind: 'run'
      readonly runId: number
      /** What the run is taken for when the server does not describe it. */
      readonly platform: Platform
    }
  | {
      readonly kind: 'commit'
      /** Null: the commit of the event. */
      readonly sha: string | null
      readonly platforms: readonly Platform[]
    }

/** What to compare with: nothing, given runs (one per platform), or found per platform. */
export type BaselineInput =
  | { readonly kind: 'none' }
  | { readonly kind: 'runs'; readonly runIds: readonly number[] }
  /** Found per platform, on details.branch (baseline-branch) when the base commit has none. */
  | { readonly kind: 'auto' }

/** Diffs and history: how much of each to fetch and show. */
export interface DetailConfig {
  /** Failing output files to fetch a diff for (0: none). */
  readonly diffs: number
  /** Lines of each diff in the comment; the job summary shows five times as many. */
  readonly diffLines: number
  /** Runs of baseline-branch to look at for each result that does not pass (0: none). */
  readonly history: number
  readonly branch: string
}

/** Where to write the results for other tools (junit-file, ctrf-file); null: nowhere. */
export interface TestReportFiles {
  readonly junit: string | null
  readonly ctrf: string | null
}

/** What a run not finished once wait-timeout is over means: an error, or a run reported as running. */
export type Unfinished = 'fail' | 'report'

/** Our own commit status with the verdict: whether to post it, and under which name. */
export interface CommitStatusConfig {
  readonly enabled: boolean
  /** The status's name in the merge box and in branch protection. */
  readonly context: string
}

/** The Sample Platform's own statuses: ours must never take their names. */
export const PLATFORM_STATUS_CONTEXTS = ['CI - linux', 'CI - windows'] as const

/** Every input, read and checked once. */
export interface Config {
  readonly target: Target
  readonly samples: SampleSelection
  readonly baseline: BaselineInput
  readonly apiToken: string
  /** Validated, without a trailing slash. */
  readonly apiUrl: string
  readonly failOn: FailOn
  /** A result whose history is flaky never fails the step. */
  readonly ignoreFlaky: boolean
  readonly details: DetailConfig
  /** Whether to write the job summary (the `summary` input). */
  readonly jobSummary: boolean
  /** Files for other tools to read; null: not written. */
  readonly testReports: TestReportFiles
  readonly requestTimeoutMs: number
  readonly maxRetries: number
  readonly concurrency: number
  /** 0: do not wait for results that are not there or not final yet. */
  readonly waitTimeoutMs: number
  readonly unfinished: Unfinished
  readonly commitStatus: CommitStatusConfig
  readonly comment: CommentConfig
}

/** Defaults of the optional inputs. action.yml declares the same (a test checks). */
export const INPUT_DEFAULTS = {
  'api-url': 'https://sampleplatform.ccextractor.org/api/v1',
  'fail-on': 'non-pass',
  summary: 'true',
  'request-timeout': '30',
  'max-retries': '4',
  concurrency: '4',
  'wait-timeout': '0',
  unfinished: 'fail',
  'commit-status': 'off',
  'commit-status-context': 'Sample Platform results',
  comment: 'off',
  'comment-mode': 'update',
  platform: 'linux',
  'baseline-branch': 'master',
  diffs: '10',
  'diff-lines': '40',
  history: '10',
  'ignore-flaky': 'false'
} as const

/** Reads one input by its action.yml name, e.g. `core.getInput`. */
export type InputReader = (name: string) => string

const MAX_ID = 2_147_483_647
const MAX_TIMEOUT_SECONDS = 600
const MAX_RETRIES = 10
const MAX_CONCURRENCY = 16
/** Six hours, the longest a job may run on GitHub-hosted runners. */
const MAX_WAIT_SECONDS = 21_600
/** Diffs a step fetches at most, lines of each shown, runs of history looked at. */
const MAX_DIFFS = 100
const MAX_DIFF_LINES = 1000
const MAX_HISTORY = 100
/** A run has about 230 results; a list far longer is a typo in a range. */
export const MAX_SAMPLES = 10_000

/**
 * Reads and validates every input before any request is made. All problems are
 * reported together, each naming the input and the bad value (never the token).
 */
export function readInputs(read: InputReader): Config {
  const problems: string[] = []
  const input = (name: string): string => {
    const value = read(name).trim()
    return value !== '' ? value : (INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS] ?? '')
  }
  const check = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse()
    } catch (error) {
      if (!(error instanceof ActionError)) throw error
      problems.push(error.message)
      return fallback
    }
  }

  const runText = input('run-id')
  const platforms = check(() => parsePlatforms(input('platform')), null)
  const target = check(() => parseTarget(runText, input('commit'), platforms ?? []), {
    kind: 'run',
    runId: 0
  } as Target)
  const runCount = runsToCompare(runText, platforms)
  const history = check(() => parseWholeNumber('history', input('history'), 0, MAX_HISTORY), null)
  const config: Config = {
    target,
    samples: check(() => parseSamples(input('sample-id')), { kind: 'all' }),
    baseline: check(() => parseBaseline(input('baseline-run-id'), runCount), { kind: 'none' }),
    apiToken: check(() => parseToken(input('api-token')), ''),
    apiUrl: check(() => parseApiUrl(input('api-url')), ''),
    failOn: check(() => parseFailOn(input('fail-on')), { mode: 'non-pass' }),
    ignoreFlaky: check(() => parseBoolean('ignore-flaky', input('ignore-flaky')), false),
    details: {
      diffs: check(() => parseWholeNumber('diffs', input('diffs'), 0, MAX_DIFFS), 0),
      diffLines: check(
        () => parseWholeNumber('diff-lines', input('diff-lines'), 1, MAX_DIFF_LINES),
        1
      ),
      history: history ?? 0,
      branch: check(() => parseBranch(input('baseline-branch')), 'master')
    },
    jobSummary: check(() => parseBoolean('summary', input('summary')), true),
    testReports: {
      junit: check(() => parseFilePath('junit-file', input('junit-file')), null),
      ctrf: check(() => parseFilePath('ctrf-file', input('ctrf-file')), null)
    },
    requestTimeoutMs: check(() => parseTimeout(input('request-timeout')), 0),
    maxRetries: check(
      () => parseWholeNumber('max-retries', input('max-retries'), 0, MAX_RETRIES),
      0
    ),
    concurrency: check(
      () => parseWholeNumber('concurrency', input('concurrency'), 1, MAX_CONCURRENCY),
      1
    ),
    comment: {
      policy: check(
        () =>
          parseChoice('comment', input('comment'), ['off', 'always', 'failure', 'change'] as const),
        'off'
      ),
      mode: check(
        () => parseChoice('comment-mode', input('comment-mode'), ['update', 'recreate'] as const),
        'update'
      ),
      key: input('comment-key') || null,
      prNumber:
        input('pr-number') === ''
          ? null
          : check(() => parseId('pr-number', input('pr-number')), null),
      githubToken: input('github-token')
    },
    unfinished: check(
      () => parseChoice('unfinished', input('unfinished'), ['fail', 'report'] as const),
      'fail'
    ),
    commitStatus: {
      enabled:
        check(
          () => parseChoice('commit-status', input('commit-status'), ['off', 'on'] as const),
          'off'
        ) === 'on',
      context: check(() => parseStatusContext(input('commit-status-context')), '')
    },
    waitTimeoutMs:
      check(() => parseWholeNumber('wait-timeout', input('wait-timeout'), 0, MAX_WAIT_SECONDS), 0) *
      1000
  }
  if (config.comment.policy !== 'off' && config.comment.githubToken === '') {
    problems.push(
      `comment: "${config.comment.policy}" needs github-token, which is empty; leave it unset to use the workflow's token.`
    )
  }
  if (config.failOn.mode === 'new-failure' && history === 0) {
    problems.push(
      'fail-on: "new-failure" tells new failures by their history on baseline-branch: set history above 0 (the default is 10).'
    )
  }
  if (config.failOn.mode === 'regression' && input('baseline-run-id') === '') {
    problems.push(
      'fail-on: "regression" compares with a baseline run: set baseline-run-id (auto, or the run ID of the latest run on master).'
    )
  }
  if (config.commitStatus.enabled && config.comment.githubToken === '') {
    problems.push(
      'commit-status: "on" needs github-token, which is empty; leave it unset to use the workflow\'s token (with permissions: statuses: write).'
    )
  }
  const { junit, ctrf } = config.testReports
  if (junit !== null && junit === ctrf) {
    problems.push(
      `junit-file and ctrf-file are both ${quote(junit)}: give each report a file of its own.`
    )
  }
  if (problems.length > 0) throw new ActionError('input', problems.join(' '))
  return Object.freeze(config)
}

function invalid(message: string): ActionError {
  return new ActionError('input', message)
}

/**
 * run-id, or the runs of commit (by default the event's) on each platform;
 * never both. Every problem of the three inputs is reported, not only the first.
 * `platforms` is empty when platform itself was refused (reported on its own).
 */
function parseTarget(runText: string, commitText: string, platforms: readonly Platform[]): Target {
  const problems: string[] = []
  if (runText !== '' && commitText !== '') {
    problems.push(
      'run-id and commit are both set: give run-id to report one run, or commit (or neither, for the commit of the event) to report its runs.'
    )
  }
  if (runText !== '' && platforms.length > 1) {
    problems.push(
      `platform: "${platforms.join(', ')}" names several platforms, but run-id names one run; leave run-id empty to report the runs of a commit on each platform.`
    )
  }
  let runId = 0
  if (runText !== '') {
    try {
      runId = parseId('run-id', runText)
    } catch (error) {
      if (!(error instanceof ActionError)) throw error
      problems.push(error.message)
    }
  }
  if (commitText !== '' && !/^[0-9a-fA-F]{40}$/.test(commitText)) {
    problems.push(
      `commit: ${quote(commitText)} is not a full commit SHA (40 hexadecimal characters); ${/^[0-9a-fA-F]{4,39}$/.test(commitText) ? 'an abbreviated SHA cannot be looked up: ' : ''}use \${{ github.event.pull_request.head.sha }} or similar, or leave it empty for the commit of the event.`
    )
  }
  if (problems.length > 0) throw invalid(problems.join(' '))
  if (runText !== '') return { kind: 'run', runId, platform: platforms[0] ?? 'linux' }
  return {
    kind: 'commit',
    sha: commitText === '' ? null : commitText.toLowerCase(),
    platforms: [...platforms]
  }
}

/**
 * How many runs baseline-run-id names: one for run-id, one per platform for a
 * commit. Null while platform is refused, or names several beside run-id
 * (reported already): any count would be a guess.
 */
function runsToCompare(runText: string, platforms: readonly Platform[] | null): number | null {
  if (platforms === null) return null
  if (runText === '') return platforms.length
  return platforms.length === 1 ? 1 : null
}

function parsePlatforms(raw: string): Platform[] {
  const words = raw
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((word) => word !== '')
  const unknown = words.filter((word) => !PLATFORMS.some((platform) => platform === word))
  if (unknown.length > 0 || words.length === 0) {
    throw invalid(`platform: ${quote(raw)} is not linux, windows, or both ("linux, windows").`)
  }
  return PLATFORMS.filter((platform) => words.includes(platform)).sort(
    (a, b) => words.indexOf(a) - words.indexOf(b)
  )
}

/**
 * baseline-run-id: empty, auto, or one run ID per platform (in platform's order).
 * runCount null: how many runs there are is not known, so it is not checked.
 */
function parseBaseline(raw: string, runCount: number | null): BaselineInput {
  if (raw === '') return { kind: 'none' }
  if (raw.toLowerCase() === 'auto') return { kind: 'auto' }
  const runIds = raw
    .split(/[\s,]+/)
    .filter((word) => word !== '')
    .map((word) => parseId('baseline-run-id', word))
  if (runCount !== null && runIds.length !== runCount) {
    throw invalid(
      `baseline-run-id: ${quote(raw)} names ${runIds.length} runs for ${runCount} platform${runCount === 1 ? '' : 's'}; give one run ID per platform, in the order of platform, or auto.`
    )
  }
  return { kind: 'runs', runIds }
}

/** baseline-branch: a branch name, read for baseline-run-id auto and for history alike. */
function parseBranch(raw: string): string {
  if (!/^[A-Za-z0-9._/-]{1,100}$/.test(raw) || raw.includes('..')) {
    throw invalid(`baseline-branch: ${quote(raw)} is not a branch name.`)
  }
  return raw
}

function parseId(name: string, raw: string): number {
  if (raw === '')
    throw invalid(
      `${name} is required: the Sample Platform's numeric ${name === 'run-id' ? 'run' : 'sample'} ID.`
    )
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (!(value >= 1 && value <= MAX_ID)) {
    throw invalid(`${name}: ${quote(raw)} is not a positive integer (1 to ${MAX_ID}).`)
  }
  return value
}

/**
 * IDs separated by commas, spaces or newlines, ranges such as `10-25`, or
 * `all`. Duplicates are dropped; the first place an ID is named sets its order.
 */
function parseSamples(raw: string): SampleSelection {
  if (raw === '')
    throw invalid('sample-id is required: a sample ID, a list such as "12, 40-45", or all.')
  const words = raw.split(/[\s,]+/).filter((word) => word !== '')
  if (words.length === 1 && words[0]?.toLowerCase() === 'all') return { kind: 'all' }
  const ids = new Set<number>()
  for (const word of words) {
    const range = /^(\d+)-(\d+)$/.exec(word)
    if (range) {
      const first = parseId('sample-id', range[1] ?? '')
      const last = parseId('sample-id', range[2] ?? '')
      if (last < first)
        throw invalid(`sample-id: the range ${quote(word)} runs backwards; write ${last}-${first}.`)
      if (last - first >= MAX_SAMPLES) throw tooMany()
      for (let id = first; id <= last; id++) ids.add(id)
    } else if (/^\d+$/.test(word)) {
      ids.add(parseId('sample-id', word))
    } else {
      throw invalid(
        `sample-id: ${quote(word)} is not a sample ID, a range such as 10-25, or all${word.toLowerCase() === 'all' ? ' (all goes alone)' : ''}.`
      )
    }
    if (ids.size > MAX_SAMPLES) throw tooMany()
  }
  return { kind: 'ids', ids: [...ids] }
}

function tooMany(): ActionError {
  return invalid(
    `sample-id names more than ${thousands(MAX_SAMPLES)} samples; use all for a whole run.`
  )
}

function parseToken(raw: string): string {
  if (raw === '') {
    throw invalid(
      'api-token is empty. Pass it from a secret (api-token: ${{ secrets.SAMPLE_PLATFORM_TOKEN }}). Secrets are not passed to workflows run from forks: for pull requests from forks use the workflow_run pattern in the README.'
    )
  }
  if (!/^[\x21-\x7e]+$/.test(raw)) {
    throw invalid(
      'api-token contains spaces, line breaks or other characters a token cannot have; copy the token into the secret again.'
    )
  }
  return raw
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  )
}

function parseApiUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw invalid(
      `api-url: ${raw.includes('@') ? 'the value' : quote(raw)} is not a URL (for example ${INPUT_DEFAULTS['api-url']}).`
    )
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid(
      'api-url contains a user name or password. Remove them: the token goes in api-token.'
    )
  }
  if (url.search !== '' || url.hash !== '') {
    throw invalid(
      'api-url must not have a query (?…) or fragment (#…): give the base URL of the API, such as ' +
        INPUT_DEFAULTS['api-url'] +
        '.'
    )
  }
  const allowed =
    url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))
  if (!allowed) {
    throw invalid(
      `api-url: ${quote(raw)} must start with https:// (http:// is accepted only for localhost, 127.0.0.0/8 and [::1]), so the token is never sent in clear text.`
    )
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

function parseFailOn(raw: string): FailOn {
  const words = raw
    .toLowerCase()
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '')
  const alone = ['never', 'non-pass', 'regression', 'new-failure'] as const
  const isAlone = (word: string): word is (typeof alone)[number] =>
    (alone as readonly string[]).includes(word)
  const known: readonly string[] = KNOWN_STATUSES
  const unknown = words.filter((word) => !isAlone(word) && !known.includes(word))
  const choices = `non-pass, never, regression, new-failure, or a comma-separated list of statuses (${KNOWN_STATUSES.join(', ')})`
  if (unknown.length > 0) {
    throw invalid(
      `fail-on: ${unknown.map((word) => quote(word)).join(', ')} is not one of ${choices}.`
    )
  }
  const [first = ''] = words
  if (words.length === 1 && isAlone(first)) return { mode: first }
  if (words.some(isAlone) || words.length === 0) {
    throw invalid(`fail-on: ${quote(raw)} mixes words that go alone; use ${choices}.`)
  }
  return { mode: 'statuses', statuses: [...new Set(words)] }
}

function parseChoice<const T extends string>(name: string, raw: string, choices: readonly T[]): T {
  const value = raw.toLowerCase()
  const choice = choices.find((option) => option === value)
  if (choice === undefined)
    throw invalid(`${name}: ${quote(raw)} is not one of ${choices.join(', ')}.`)
  return choice
}

function parseBoolean(name: string, raw: string): boolean {
  if (['true', 'True', 'TRUE'].includes(raw)) return true
  if (['false', 'False', 'FALSE'].includes(raw)) return false
  throw invalid(`${name}: ${quote(raw)} is not true or false.`)
}

function parseTimeout(raw: string): number {
  const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN
  if (!(value > 0 && value <= MAX_TIMEOUT_SECONDS)) {
    throw invalid(
      `request-timeout: ${quote(raw)} is not a number of seconds between 0 and ${MAX_TIMEOUT_SECONDS} (for example 30).`
    )
  }
  return Math.round(value * 1000)
}

function parseWholeNumber(name: string, raw: string, min: number, max: number): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (!(value >= min && value <= max)) {
    throw invalid(`${name}: ${quote(raw)} is not a whole number from ${min} to ${max}.`)
  }
  return value
}

/** A file to write: empty for none; one line, not a folder. */
function parseFilePath(name: string, raw: string): string | null {
  if (raw === '') return null
  // eslint-disable-next-line no-control-regex -- a control character is what is refused
  if (/[\u0000-\u001f]/.test(raw) || raw.length > 4096) {
    throw invalid(
      `${name}: ${quote(raw)} is not a file path (one line, without control characters).`
    )
  }
  if (/[\\/]$/.test(raw) || raw === '.' || raw === '..') {
    throw invalid(
      `${name}: ${quote(raw)} names a folder; give a file, such as results/${name === 'junit-file' ? 'junit.xml' : 'ctrf.json'}.`
    )
  }
  return raw
}

/** commit-status-context: a name of its own, one line, not one of the platform's. */
function parseStatusContext(raw: string): string {
  // eslint-disable-next-line no-control-regex -- a control character is what is refused
  if (raw.trim() === '' || raw.length > 100 || /[\u0000-\u001f\u007f]/.test(raw)) {
    throw invalid(
      `commit-status-context: ${quote(raw)} is not a status name (one line, at most 100 characters).`
    )
  }
  // GitHub tells contexts apart without regard to case; "CI - " names are the platform's.
  if (/^ci - /i.test(raw.trim())) {
    throw invalid(
      `commit-status-context: ${quote(raw)} looks like one of the Sample Platform's own statuses (${PLATFORM_STATUS_CONTEXTS.join(', ')}); give ours a name that does not start with "CI - " (the default is "${INPUT_DEFAULTS['commit-status-context']}").`
    )
  }
  return raw.trim()
}
