/** Pages of the Sample Platform's web interface, derived from api-url. */

export interface ResultLinks {
  run: string
  regression: string
  /** The media sample's page; null when the result names none. */
  sample: string | null
}

/** The web interface lives where the API's `/api/v1` path begins. */
export function webBase(apiUrl: string): string {
  const url = new URL(apiUrl)
  const path = url.pathname.replace(/\/api\/v\d+\/?$/, '').replace(/\/$/, '')
  return `${url.origin}${path}`
}

export function runPage(apiUrl: string, runId: number): string {
  return `${webBase(apiUrl)}/test/${runId}`
}

/** A media sample's page, where it can be downloaded. */
export function samplePage(apiUrl: string, sampleId: number): string {
  return `${webBase(apiUrl)}/sample/${sampleId}`
}

export function regressionPage(apiUrl: string, regressionId: number): string {
  return `${webBase(apiUrl)}/regression/test/${regressionId}/view`
}

export function resultLinks(
  apiUrl: string,
  result: { run_id: number; regression_id: number; sample_id: number | null }
): ResultLinks {
  return {
    run: runPage(apiUrl, result.run_id),
    regression: regressionPage(apiUrl, result.regression_id),
    sample: result.sample_id === null ? null : samplePage(apiUrl, result.sample_id)
  }
}
