import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { jobLogUrl, readGitHubContext } from '../../src/github/context.js'

const EVENTS = join(import.meta.dirname, '../../__fixtures__/events')

const RUNNER_ENV = {
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_EVENT_PATH: join(EVENTS, 'pull_request.json'),
  GITHUB_REPOSITORY: 'CCExtractor/ccextractor',
  GITHUB_SERVER_URL: 'https://github.example.com',
  GITHUB_API_URL: 'https://github.example.com/api/v3',
  GITHUB_RUN_ID: '8912345670',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_WORKFLOW: 'Sample result',
  GITHUB_JOB: 'result'
}

const scratch = mkdtempSync(join(tmpdir(), 'events-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** An event file holding `text`. */
function fileWith(text: string): string {
  const path = join(scratch, `${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(path, text)
  return path
}

describe('readGitHubContext', () => {
  it('reads every variable and the event file', () => {
    const context = readGitHubContext(RUNNER_ENV)
    expect(context).toMatchObject({
      eventName: 'pull_request',
      repo: { owner: 'CCExtractor', repo: 'ccextractor' },
      serverUrl: 'https://github.example.com',
      apiUrl: 'https://github.example.com/api/v3',
      runId: 8912345670,
      runAttempt: 2,
      workflow: 'Sample result',
      job: 'result'
    })
    expect(context.payload).toMatchObject({ action: 'synchronize', number: 1702 })
  })

  it('reads the environment when called, not when imported', () => {
    const env: NodeJS.ProcessEnv = { ...RUNNER_ENV }
    expect(readGitHubContext(env).job).toBe('result')
    env.GITHUB_JOB = 'matrix-42'
    env.GITHUB_EVENT_NAME = 'push'
    expect(readGitHubContext(env)).toMatchObject({ job: 'matrix-42', eventName: 'push' })
  })

  it('defaults to github.com outside GitHub Enterprise', () => {
    const context = readGitHubContext({ GITHUB_REPOSITORY: 'CCExtractor/ccextractor' })
    expect(context).toMatchObject({
      eventName: '',
      payload: {},
      serverUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
      runId: 0,
      runAttempt: 1,
      workflow: '',
      job: ''
    })
  })

  it('drops trailing slashes from the URLs', () => {
    const context = readGitHubContext({
      GITHUB_SERVER_URL: 'https://github.com/',
      GITHUB_API_URL: 'https://api.github.com//'
    })
    expect(context.serverUrl).toBe('https://github.com')
    expect(context.apiUrl).toBe('https://api.github.com')
  })

  it.each([
    ['is not set', undefined],
    ['does not exist', '/nonexistent/event.json'],
    ['is not JSON', fileWith('<html>not json</html>')],
    ['is a JSON array', fileWith('[1, 2]')],
    ['is JSON null', fileWith('null')]
  ])('gives an empty payload when the event file %s', (_name, path) => {
    expect(readGitHubContext({ GITHUB_EVENT_PATH: path }).payload).toEqual({})
  })

  it('takes the repository from the payload when GITHUB_REPOSITORY is not set', () => {
    const context = readGitHubContext({ GITHUB_EVENT_PATH: join(EVENTS, 'push.json') })
    expect(context.repo).toEqual({ owner: 'CCExtractor', repo: 'ccextractor' })
  })

  it.each([['not-a-repo'], ['/ccextractor'], ['']])(
    'gives an empty repository for GITHUB_REPOSITORY=%j and no payload',
    (repository) => {
      expect(readGitHubContext({ GITHUB_REPOSITORY: repository }).repo).toEqual({
        owner: '',
        repo: ''
      })
    }
  )

  it.each([['abc'], ['-3'], ['1.5'], ['0']])('ignores a run attempt of %j', (attempt) => {
    expect(readGitHubContext({ GITHUB_RUN_ATTEMPT: attempt }).runAttempt).toBe(1)
  })
})

describe('jobLogUrl', () => {
  it("links the run's first attempt without an attempt number", () => {
    const context = readGitHubContext({ ...RUNNER_ENV, GITHUB_RUN_ATTEMPT: '1' })
    expect(jobLogUrl(context)).toBe(
      'https://github.example.com/CCExtractor/ccextractor/actions/runs/8912345670'
    )
  })

  it('links a re-run to its own attempt', () => {
    expect(jobLogUrl(readGitHubContext(RUNNER_ENV))).toBe(
      'https://github.example.com/CCExtractor/ccextractor/actions/runs/8912345670/attempts/2'
    )
  })
})
