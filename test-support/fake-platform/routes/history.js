// @ts-check
/** A sample's history across runs: GET /samples/{sample_id}/history. */
import { mediaSampleId } from '../../sample-runs.js'
import { error, isoTime, notFound, page, readParams } from '../http.js'

/** @typedef {import('./context.js').Route} Route */
/** @typedef {import('../../sample-runs.js').SampleResult} SampleResult */

const STATUSES = /** @type {const} */ (['pass', 'fail', 'missing_output', 'not_started'])
const PLATFORMS = /** @type {const} */ (['linux', 'windows'])

/**
 * What failed, in a form that stays the same across runs for the same failure, as
 * the server computes it: for a `fail`, the first output that differs, else the exit
 * code; `missing_output` as it is. Null for anything else.
 * @param {SampleResult} result
 */
export function failureSignature(result) {
  if (result.status === 'missing_output') return 'missing_output'
  if (result.status !== 'fail') return null
  // The first output with a stored actual file: one that differs, or has no expected file.
  const output = result.outputs?.find(
    (entry) => entry.status === 'fail' || entry.status === 'missing_expected'
  )
  if (output) return `diff_mismatch:output:${output.output_id}`
  const { exit_code, expected_exit_code } = result
  return exit_code !== undefined &&
    expected_exit_code !== undefined &&
    exit_code !== expected_exit_code
    ? `exit_code_mismatch:rc:${exit_code}`
    : null
}

/** @type {Route} */
const getHistory = {
  pattern: /^\/samples\/([^/]+)\/history$/,
  scope: 'runs:read',
  handle([sampleText = ''], { store, query, quirks }) {
    const params = readParams(query)
    const sampleId = params.id('sample_id', sampleText)
    const paging = params.paging()
    const regressionId = params.optionalId('regression_test_id')
    const status = params.oneOf('status', STATUSES)
    const branch = params.text('branch', 100)
    const platform = params.oneOf('platform', PLATFORMS)
    const after = params.dateTime('created_after')
    const before = params.dateTime('created_before')
    const rejected = params.rejection()
    if (rejected) return rejected
    if (!store.hasSample(sampleId)) return notFound(`Sample ${sampleId} not found.`, 'sample')
    if (regressionId !== null && !store.hasSample(sampleId, regressionId))
      return error(400, 'Request failed schema validation.', {
        fields: { regression_test_id: `Must be a regression test of sample ${sampleId}.` }
      })
    const entries = store
      .views()
      .filter(
        ({ fields }) =>
          (branch === null || fields.branch === branch) &&
          (platform === null || fields.platform === platform) &&
          (after === null || (fields.created_at ?? -Infinity) > after) &&
          (before === null || (fields.created_at ?? Infinity) < before)
      )
      .flatMap(({ runId, fields, results }) =>
        [...results.values()]
          .filter(
            (result) =>
              mediaSampleId(result) === sampleId &&
              (regressionId === null || result.regression_id === regressionId) &&
              (status === null || result.status === status)
          )
          .map((result) => ({
            run_id: runId,
            regression_test_id: result.regression_id,
            status: result.status,
            platform: fields.platform,
            branch: fields.branch,
            commit_sha: fields.commit_sha,
            tested_at: isoTime(fields.completed_at ?? fields.started_at),
            failure_signature: failureSignature(result)
          }))
      )
    return page(entries, paging, quirks)
  }
}

export const historyRoutes = [getHistory]
