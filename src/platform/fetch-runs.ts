/**
 * From a run ID or a commit to results: the runs (find-runs), then the
 * results of each run compared with its baseline (fetch-results).
 */
import type { PlatformClient } from './api/client.js'
import { hasResults, isRunFinished, type RunInfo } from './api/runs.js'
import { fetchResults } from './fetch-results.js'
import { chooseBaseline, findRuns, type RunsOptions } from './find-runs.js'
import {
  entryPasses,
  type Collected,
  type PlatformRun,
  type ResultSet,
  type SampleSelection
} from './model.js'

export async function fetchRuns(client: PlatformClient, options: RunsOptions): Promise<Collected> {
  const { target, clock } = options
  const deadline = clock.now() + options.waitTimeoutMs
  const found = await findRuns(client, options, deadline)
  const runs: PlatformRun[] = []
  for (const [index, entry] of found.entries()) {
    if (entry.problem !== null || entry.runId === null) {
      runs.push({ ...entry, set: null })
      continue
    }
    const baseline = await chooseBaseline(client, options, entry, index)
    const set = await fetchResults(client, {
      runId: entry.runId,
      runFinished: entry.run !== null && isRunFinished(entry.run.status),
      samples: options.samples,
      baselineRunId: baseline?.runId ?? null,
      concurrency: options.concurrency,
      waitTimeoutMs: options.waitTimeoutMs,
      deadline,
      clock,
      progress: options.progress,
      log: options.log,
      warn: options.warn
    })
    const disagreement = set.incomplete ? null : disagreesWithRun(entry.run, set, options.samples)
    if (disagreement) options.warn(`The Sample Platform's run ${entry.runId}: ${disagreement}.`)
    runs.push({
      ...entry,
      set: {
        ...set,
        platform: entry.platform,
        ...(baseline?.how ? { baselineChoice: baseline.how } : {}),
        ...(disagreement ? { incomplete: disagreement } : {})
      }
    })
  }
  return { commit: target.kind === 'commit' ? target.sha : null, runs }
}

/**
 * When the whole run was read, what the results say must agree with the run:
 * a finished run lists results, and a run marked fail has one that fails.
 * Otherwise the list is not the whole run, and is never reported as all passing.
 */
function disagreesWithRun(
  run: RunInfo | null,
  set: ResultSet,
  samples: SampleSelection
): string | null {
  if (samples.kind !== 'all' || run === null || !hasResults(run.status)) return null
  if (set.entries.length === 0)
    return `it is marked ${run.status}, but its list of results is empty`
  if (run.status === 'fail' && set.entries.every(entryPasses))
    return 'it is marked fail, but every result it lists passes'
  return null
}
