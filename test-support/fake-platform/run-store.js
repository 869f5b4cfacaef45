// @ts-check
/** The fake's runs and their results; every answer is computed from here at request time. */

/** @typedef {import('../sample-runs.js').SampleResult} SampleResult */

/**
 * A run as the server sees it.
 * @typedef {object} RunView
 * @property {number} runId
 * @property {Map<number, SampleResult>} results by regression ID in ascending order
 */

/**
 * @param {object} options
 * @param {Map<number, Map<number, SampleResult>>} options.runs results by run ID then regression ID; read on every request
 */
export function createRunStore({ runs }) {
  return {
    /**
     * The run, or null when it does not exist.
     * @param {number} runId
     * @returns {RunView | null}
     */
    view(runId) {
      const stored = runs.get(runId)
      if (!stored) return null
      const all = [...stored.values()].sort((a, b) => a.regression_id - b.regression_id)
      return { runId, results: new Map(all.map((result) => [result.regression_id, result])) }
    }
  }
}

/** @typedef {ReturnType<typeof createRunStore>} RunStore */
