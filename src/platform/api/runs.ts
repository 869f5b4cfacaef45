/**
 * Runs: one test of one commit on one platform. The model, read leniently
 * from what the deployed server sends (GET /runs, GET /runs/{run_id}).
 */
import * as v from 'valibot'
import { ActionError } from '../../shared/errors.js'

export const PLATFORMS = ['linux', 'windows'] as const
export type Platform = (typeof PLATFORMS)[number]

/**
 * A run's state. `queued` and `running` are not finished; `pass` and `fail`
 * have results to report; `canceled` (canceled, a failed build, a machine
 * error) and `incomplete` ended without them. Another value is kept verbatim.
 */
export type RunStatus = string

export interface RunInfo {
  runId: number
  status: RunStatus
  /** Null when the server did not say. */
  platform: Platform | null
  /** A full SHA, lower case; null when the server sent none, or something that is not one. */
  commitSha: string | null
  /** The server sent as the commit something that is not 40 hexadecimal characters. */
  commitRefused?: true
  repository: string | null
  branch: string | null
  /** Milliseconds since the epoch, or null. */
  createdAt: number | null
}

export function isRunFinished(status: RunStatus): boolean {
  return status !== 'queued' && status !== 'running'
}

/** A run that ended with results to report. */
export function hasResults(status: RunStatus): boolean {
  return status === 'pass' || status === 'fail'
}

/**
 * A commit is 40 hexadecimal characters, or it is not a commit: whatever else
 * a server puts there never reaches an output a later `run:` step may read.
 */
const COMMIT_SHA = /^[0-9a-f]{40}$/i

const runSchema = v.object({
  run_id: v.pipe(v.number(), v.integer()),
  status: v.string(),
  platform: v.nullish(v.string()),
  commit_sha: v.nullish(v.string()),
  repository: v.nullish(v.string()),
  branch: v.nullish(v.string()),
  created_at: v.nullish(v.string())
})

const runPageSchema = v.object({ data: v.array(v.unknown()) })

/** A run from its JSON; fields the action does not need may be anything. */
export function parseRun(body: unknown, what: string): RunInfo {
  const parsed = v.safeParse(runSchema, body)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    const field = (issue && v.getDotPath(issue)) ?? 'body'
    throw new ActionError(
      'response',
      `The Sample Platform's answer for ${what} is not a run this action can read (field "${field}"). Check that api-url points at the Sample Platform API (it ends in /api/v1).`
    )
  }
  const raw = parsed.output
  const platform = PLATFORMS.find((name) => name === raw.platform) ?? null
  const commit = raw.commit_sha ?? null
  const created = raw.created_at ? Date.parse(raw.created_at) : NaN
  return {
    runId: raw.run_id,
    status: raw.status,
    platform,
    commitSha: commit !== null && COMMIT_SHA.test(commit) ? commit.toLowerCase() : null,
    ...(commit !== null && commit !== '' && !COMMIT_SHA.test(commit)
      ? { commitRefused: true }
      : {}),
    repository: raw.repository ?? null,
    branch: raw.branch ?? null,
    createdAt: Number.isNaN(created) ? null : created
  }
}

/** The runs of one page of GET /runs. */
export function parseRunPage(body: unknown, what: string): RunInfo[] {
  const parsed = v.safeParse(runPageSchema, body)
  if (!parsed.success) {
    throw new ActionError(
      'response',
      `The Sample Platform's answer for ${what} is not a list of runs this action can read. Check that api-url points at the Sample Platform API (it ends in /api/v1).`
    )
  }
  return parsed.output.data.map((entry) => parseRun(entry, what))
}
