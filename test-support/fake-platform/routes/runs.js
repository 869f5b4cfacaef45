// @ts-check
/** Runs: GET /runs, /runs/{run_id} and /runs/{run_id}/summary. */
import { isoTime, json, notFound, page, readParams } from '../http.js'
import { RUN_SORTS, runOrder } from '../run-store.js'

/** @typedef {import('./context.js').Route} Route */
/** @typedef {import('../run-store.js').RunView} RunView */

/** The statuses /runs filters on: a finished run's pass or fail is derived, not stored (CONTRACT.md). */
const FILTERABLE_STATUSES = /** @type {const} */ (['queued', 'running', 'canceled'])
const PLATFORMS = /** @type {const} */ (['linux', 'windows'])
const COMMIT_SHA = /^[a-fA-F0-9]{40}$/
const REPOSITORY = /^[a-zA-Z0-9_.-]+\/[a-zA-Z0-9_.-]+$/

/** A run as the server sends it. */
function runBody(/** @type {RunView} */ { runId, status, fields }) {
  return {
    run_id: runId,
    status,
    platform: fields.platform,
    test_type: fields.test_type,
    repository: fields.repository,
    branch: fields.branch,
    commit_sha: fields.commit_sha,
    pr_number: fields.pr_number,
    created_at: isoTime(fields.created_at),
    queued_at: isoTime(fields.queued_at),
    started_at: isoTime(fields.started_at),
    completed_at: isoTime(fields.completed_at),
    github_link: fields.github_link
  }
}

/** @type {Route} */
const listRuns = {
  pattern: /^\/runs$/,
  scope: 'runs:read',
  handle(_, { store, query, quirks }) {
    const params = readParams(query)
    const paging = params.paging()
    const filters = {
      commit_sha: params.text('commit_sha', 40, COMMIT_SHA)?.toLowerCase() ?? null,
      platform: params.oneOf('platform', PLATFORMS),
      branch: params.text('branch', 100),
      repository: params.text('repository', 100, REPOSITORY),
      status: params.oneOf('status', FILTERABLE_STATUSES)
    }
    const sort = params.oneOf('sort', RUN_SORTS) ?? '-created_at'
    const after = params.dateTime('created_after')
    const before = params.dateTime('created_before')
    const rejected = params.rejection()
    if (rejected) return rejected
    const matching = store
      .views()
      .filter(
        (run) =>
          (filters.commit_sha === null || run.fields.commit_sha === filters.commit_sha) &&
          (filters.platform === null || run.fields.platform === filters.platform) &&
          (filters.branch === null || run.fields.branch === filters.branch) &&
          (filters.repository === null || run.fields.repository === filters.repository) &&
          (filters.status === null || run.status === filters.status) &&
          (after === null || (run.fields.created_at ?? -Infinity) > after) &&
          (before === null || (run.fields.created_at ?? Infinity) < before)
      )
      .sort(runOrder(sort))
      .map(runBody)
    return page(matching, paging, quirks)
  }
}

/** @type {Route} */
const getRun = {
  pattern: /^\/runs\/([^/]+)$/,
  scope: 'runs:read',
  handle([runText = ''], { store, query }) {
    const params = readParams(query)
    const runId = params.id('run_id', runText)
    const rejected = params.rejection()
    if (rejected) return rejected
    const run = store.view(runId)
    return run ? json(200, runBody(run)) : notFound(`Run ${runId} not found.`, 'run')
  }
}

/** @type {Route} */
const getRunSummary = {
  pattern: /^\/runs\/([^/]+)\/summary$/,
  scope: 'runs:read',
  handle([runText = ''], { store, query }) {
    const params = readParams(query)
    const runId = params.id('run_id', runText)
    const rejected = params.rejection()
    if (rejected) return rejected
    const run = store.view(runId)
    if (!run) return notFound(`Run ${runId} not found.`, 'run')
    const statuses = [...run.results.values()].map((result) => result.status)
    const count = (/** @type {string} */ status) => statuses.filter((s) => s === status).length
    const buckets = {
      pass_count: count('pass'),
      fail_count: count('fail'),
      skipped_count: count('skipped'),
      missing_output_count: count('missing_output')
    }
    // The buckets are exclusive: any other status (not final, or unknown) is an error.
    const counted = Object.values(buckets).reduce((sum, n) => sum + n, 0)
    const { started_at, completed_at } = run.fields
    return json(200, {
      run_id: runId,
      status: run.status,
      total_samples: statuses.length,
      ...buckets,
      error_count: statuses.length - counted,
      duration_ms: started_at !== null && completed_at !== null ? completed_at - started_at : null
    })
  }
}

const PROGRESS_STATUSES = /** @type {const} */ ([
  'queued',
  'preparation',
  'testing',
  'completed',
  'canceled'
])

/**
 * A run's progress trail, oldest first, as the test machine reported it: unstructured
 * messages of at most 500 characters (the server's schema).
 * @type {Route}
 */
const getRunProgress = {
  pattern: /^\/runs\/([^/]+)\/progress$/,
  scope: 'runs:read',
  handle([runText = ''], { store, query, quirks }) {
    const params = readParams(query)
    const runId = params.id('run_id', runText)
    const paging = params.paging()
    const status = params.oneOf('status', PROGRESS_STATUSES)
    const rejected = params.rejection()
    if (rejected) return rejected
    const run = store.view(runId)
    if (!run) return notFound(`Run ${runId} not found.`, 'run')
    const events = store
      .progressOf(run)
      .filter((event) => status === null || event.status === status)
      .map((event) => ({
        timestamp: isoTime(event.at),
        status: event.status,
        message: event.message.slice(0, 500),
        step: event.step ?? null
      }))
    return page(events, paging, quirks)
  }
}

export const runRoutes = [listRuns, getRun, getRunSummary, getRunProgress]
