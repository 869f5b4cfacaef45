/** The history endpoint's answer: a regression test's runs on a branch, newest first. */
import * as v from 'valibot'
import { unreadable } from './errors.js'

export interface HistoryEntry {
  runId: number
  status: string
  failureSignature: string | null
  /** As the server said; null when it did not. */
  regressionTestId: number | null
  platform: string | null
  branch: string | null
}

const historySchema = v.object({
  data: v.array(
    v.object({
      run_id: v.pipe(v.number(), v.integer()),
      status: v.string(),
      failure_signature: v.nullish(v.string()),
      regression_test_id: v.nullish(v.pipe(v.number(), v.integer())),
      platform: v.nullish(v.string()),
      branch: v.nullish(v.string())
    })
  )
})

export function parseHistory(body: unknown, what: string): HistoryEntry[] {
  const parsed = v.safeParse(historySchema, body)
  if (!parsed.success) throw unreadable(what)
  return parsed.output.data.map((entry) => ({
    runId: entry.run_id,
    status: entry.status,
    failureSignature: entry.failure_signature ?? null,
    regressionTestId: entry.regression_test_id ?? null,
    platform: entry.platform ?? null,
    branch: entry.branch ?? null
  }))
}
