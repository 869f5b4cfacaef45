// @ts-check
/** The results of a run: GET /runs/{run_id}/samples and /runs/{run_id}/samples/{regression_test_id}. */
import { toDeployedShape } from '../../sample-runs.js'
import { json, notFound, page, readParams } from '../http.js'

/** @typedef {import('./context.js').Route} Route */
/** @typedef {import('../../sample-runs.js').SampleResult} SampleResult */

const RESULT_STATUSES = /** @type {const} */ ([
  'pass',
  'fail',
  'skipped',
  'missing_output',
  'running',
  'not_started'
])

/** @type {Route} */
const listResults = {
  pattern: /^\/runs\/([^/]+)\/samples$/,
  scope: 'runs:read',
  handle([runText = ''], { store, query, quirks }) {
    const params = readParams(query)
    const runId = params.id('run_id', runText)
    const paging = params.paging()
    const status = params.oneOf('status', RESULT_STATUSES)
    const name = params.text('name', 100)?.toLowerCase()
    const tag = params.text('tag', 50)
    const category = params.text('category', 50)
    const rejected = params.rejection()
    if (rejected) return rejected
    const run = store.view(runId)
    if (!run) return notFound(`Run ${runId} not found.`, 'run')
    /** Whether a result passes every filter given; a filter on a field it lacks drops it. */
    const matches = (/** @type {SampleResult} */ result) =>
      (status === null || result.status === status) &&
      (name === undefined || (result.sample_name ?? '').toLowerCase().includes(name)) &&
      (tag === null || (result.tags ?? []).includes(tag)) &&
      (category === null || (result.category?.split(', ') ?? []).includes(category))
    const matching = [...run.results.values()].filter(matches).map(toDeployedShape)
    return page(matching, paging, quirks)
  }
}

/**
 * One result of a run, or the 404 the server answers when the run or the result is not there
 * (a result the run has not finished yet is not there either, as on the deployed server).
 * @param {import('../run-store.js').RunStore} store
 * @param {number} runId
 * @param {number} regressionId
 * @returns {{ result: SampleResult } | { answer: import('../http.js').Reply }}
 */
export function findResult(store, runId, regressionId) {
  const run = store.view(runId)
  if (!run) return { answer: notFound(`Run ${runId} not found.`, 'run') }
  const result = run.results.get(regressionId)
  if (result) return { result }
  return {
    answer: notFound(
      `Regression test ${regressionId} not found in run ${runId}.`,
      'regression_test'
    )
  }
}

/** @type {Route} */
const getResult = {
  pattern: /^\/runs\/([^/]+)\/samples\/([^/]+)$/,
  scope: 'runs:read',
  handle([runText = '', regressionText = ''], { store, query, shape }) {
    const params = readParams(query)
    const runId = params.id('run_id', runText)
    const regressionId = params.id('regression_test_id', regressionText)
    const rejected = params.rejection()
    if (rejected) return rejected
    const found = findResult(store, runId, regressionId)
    if ('answer' in found) return found.answer
    const { result } = found
    if (shape === 'deployed') return json(200, toDeployedShape(result))
    return json(200, { run_id: runId, ...result, sample_id: result.sample_id ?? regressionId })
  }
}

export const resultRoutes = [listResults, getResult]
