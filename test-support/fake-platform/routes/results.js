// @ts-check
/** The results of a run: GET /runs/{run_id}/samples and /runs/{run_id}/samples/{regression_test_id}. */
import { toDeployedShape, toDocumentedShape } from '../../sample-runs.js'
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
  handle([runText = ''], { store, query, quirks, shape }) {
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
    const matching = [...run.results.values()]
      .filter(matches)
      .map((result) =>
        shape === 'deployed' ? toDeployedShape(result) : toDocumentedShape(result, runId)
      )
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

/**
 * One result. The deployed server reads the number as a regression test; a server that
 * answers as the seed's document says reads it as "a sample or regression result ID":
 * the regression test of that number, else the first whose media sample it is.
 * @type {Route}
 */
export const getResult = {
  pattern: /^\/runs\/([^/]+)\/samples\/([^/]+)$/,
  scope: 'runs:read',
  handle([runText = '', idText = ''], { store, query, shape }) {
    const params = readParams(query)
    const runId = params.id('run_id', runText)
    const id = params.id(shape === 'deployed' ? 'regression_test_id' : 'sample_id', idText)
    const rejected = params.rejection()
    if (rejected) return rejected
    const found = findResult(store, runId, id)
    if ('result' in found)
      return json(
        200,
        shape === 'deployed'
          ? toDeployedShape(found.result)
          : toDocumentedShape(found.result, runId)
      )
    const run = shape === 'deployed' ? null : store.view(runId)
    const byMedia = [...(run?.results.values() ?? [])].find((result) => result.sample_id === id)
    return byMedia ? json(200, toDocumentedShape(byMedia, runId)) : found.answer
  }
}

export const resultRoutes = [listResults, getResult]
