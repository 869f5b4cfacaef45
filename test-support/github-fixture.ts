import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import { resolve } from 'node:path'
import { createOctokit, type GitHubClient } from '../src/github/octokit.js'
import {
  FAKE_GITHUB_TOKEN,
  FAKE_REPOSITORY,
  startFakeGitHub,
  type FakeGitHub,
  type FakeGitHubOptions
} from './fake-github.js'

/**
 * One fake GitHub API for a test file: started before the first test, reset
 * (requests, faults, comments, pull requests) before each, closed at the end.
 */
export function useFakeGitHub(options?: FakeGitHubOptions): () => FakeGitHub {
  let github: FakeGitHub | undefined
  beforeAll(async () => {
    github = await startFakeGitHub(options)
  })
  afterAll(async () => {
    await github?.close()
  })
  beforeEach(() => {
    github?.reset()
  })
  return () => {
    if (!github) throw new Error('The fake GitHub is used outside a test')
    return github
  }
}

/**
 * A client of the fake whose waits are milliseconds (a plugin's "2 s" is 2 ms);
 * its log lines go to `lines`, prefixed with their level.
 */
export function testOctokit(github: FakeGitHub, lines: string[] = []): GitHubClient {
  return createOctokit({
    token: FAKE_GITHUB_TOKEN,
    baseUrl: github.url,
    waitUnitMs: 1,
    log: {
      debug: (line) => lines.push(`debug: ${line}`),
      info: (line) => lines.push(`info: ${line}`),
      warning: (line) => lines.push(`warning: ${line}`)
    }
  })
}

/**
 * The runner's GITHUB_* variables for a workflow run of `eventName`, with the
 * event payload of __fixtures__/events/<file>.json and the fake GitHub's URL.
 */
export function eventEnv(
  github: FakeGitHub,
  eventName: string,
  file = eventName
): Record<string, string> {
  return {
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: resolve('__fixtures__/events', `${file}.json`),
    GITHUB_API_URL: github.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: FAKE_REPOSITORY,
    GITHUB_WORKFLOW: 'Sample Platform',
    GITHUB_JOB: 'results',
    GITHUB_RUN_ID: '8123456789',
    GITHUB_RUN_ATTEMPT: '1'
  }
}
