// @ts-check
/**
 * What the fake knows of a run besides its results (GET /runs/{run_id}): platform,
 * commit, branch, times. Deterministic, like the results in sample-runs.js.
 */
import { createHash } from 'node:crypto'
import { DEMO } from './sample-runs.js'

/**
 * What the platform knows of a run besides its results (GET /runs/{run_id}).
 * Times are milliseconds since the epoch; the fake sends them as ISO 8601.
 * @typedef {object} RunFields
 * @property {'linux' | 'windows'} platform
 * @property {'pr' | 'commit'} test_type
 * @property {string} repository owner/name the commit was tested from (a fork's for a fork PR)
 * @property {string | null} branch `pull_request` for runs of pull requests
 * @property {string} commit_sha
 * @property {number | null} pr_number
 * @property {string | null} github_link
 * @property {number | null} created_at
 * @property {number | null} queued_at
 * @property {number | null} started_at
 * @property {number | null} completed_at
 */

const UPSTREAM = 'CCExtractor/ccextractor'
/** When the demo pull request run was created; other runs are spaced from it by run ID. */
const PR_RUN_CREATED_AT = Date.UTC(2026, 6, 14, 10, 2, 11)
const RUN_SPACING_MS = 2 * 3600_000
/** Time a run waits for the builds of its commit before a test machine takes it. */
const BUILD_WAIT_MS = 17 * 60_000 + 29_000

/** A deterministic commit SHA (40 hex digits) for any text. */
export function commitSha(/** @type {string} */ seed) {
  return createHash('sha1').update(seed).digest('hex')
}

/** The pull request of a pull request's run, else the commit, on GitHub. */
export function githubLink(/** @type {Pick<RunFields, 'pr_number' | 'commit_sha'>} */ run) {
  const path = run.pr_number !== null ? `pull/${run.pr_number}` : `commit/${run.commit_sha}`
  return `https://github.com/${UPSTREAM}/${path}`
}

/**
 * The fields of a run nobody described: a finished linux run of a push to master,
 * created two hours after run ID - 1, with a commit SHA of its own.
 * @param {number} runId
 * @returns {RunFields}
 */
export function defaultRunFields(runId) {
  const createdAt = PR_RUN_CREATED_AT + (runId - DEMO.runId) * RUN_SPACING_MS
  const startedAt = createdAt + BUILD_WAIT_MS
  const sha = commitSha(`run ${runId}`)
  return {
    platform: 'linux',
    test_type: 'commit',
    repository: UPSTREAM,
    branch: 'master',
    commit_sha: sha,
    pr_number: null,
    github_link: githubLink({ pr_number: null, commit_sha: sha }),
    created_at: createdAt,
    queued_at: createdAt,
    started_at: startedAt,
    completed_at: startedAt + (24 + (runId % 7)) * 60_000
  }
}

/**
 * How the demo runs differ from defaultRunFields: 9412 tests pull request 1789 from a
 * fork, 9410 is the windows twin of 9411 (same commit, created with it). A github_link
 * left out follows the pull request or the commit.
 * @returns {Map<number, Partial<RunFields>>}
 */
export function demoRunFields() {
  const baseline = defaultRunFields(DEMO.baselineRunId)
  return new Map([
    [
      DEMO.runId,
      {
        test_type: /** @type {const} */ ('pr'),
        repository: 'someone/ccextractor',
        branch: 'pull_request',
        commit_sha: '0b1a967b732898e705ea8f2fda5d08eb00328579',
        pr_number: 1789
      }
    ],
    [
      DEMO.windowsBaselineRunId,
      {
        ...baseline,
        platform: /** @type {const} */ ('windows'),
        completed_at: (baseline.completed_at ?? 0) + 9 * 60_000
      }
    ]
  ])
}
