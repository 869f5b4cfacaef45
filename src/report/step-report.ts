/**
 * The step's report, for every place it goes: the report file, the job summary,
 * the pull request comment and the log. One platform's run is shown as before
 * (one result, or a run, as its set was collected); several platforms side by
 * side. Each target has its own size budget.
 */
import type { Collected, PlatformRun } from '../platform/model.js'
import { resultLinks, runPage } from '../platform/links.js'
import { entryPasses, singleEntry, type ResultSet, type SetCounts } from '../platform/model.js'
import { escapeMarkdown } from '../shared/text.js'
import { commentStatuses, renderFooter, type CommentStatuses } from './comment-state.js'
import { fitWithin, link, statusLabel } from './markdown.js'
import { renderPlatformsReport } from './platforms-report.js'
import { renderResultReport } from './result-report.js'
import { renderRunReport, type ReportBudget } from './run-report.js'
import { renderWithDetails, type DetailBudget } from './details.js'
import { describeEntry, type Verdict } from './verdict.js'

/** What every report is made of: the runs and their results, the counts and the verdict. */
export interface StepReport {
  collected: Collected
  /** Over every platform's results. */
  counts: SetCounts
  verdict: Verdict
  apiUrl: string
  /** Lines of each diff in the comment (diff-lines); the summary shows five times as many. */
  diffLines?: number
}

/** The diff-lines default: what a report shows when the step does not say. */
const DEFAULT_DIFF_LINES = 40
/** The job summary shows this many times the comment's lines of each diff. */
const SUMMARY_DIFF_FACTOR = 5

export type ReportTarget =
  /** The markdown file the report-file output names: the fullest report, 2 MiB at most. */
  | { kind: 'report-file' }
  /** The job summary: 1 MiB at most. */
  | { kind: 'job-summary' }
  /** The pull request comment: 65,536 characters at most, the marker included. */
  | {
      kind: 'comment'
      /** The job's page, where its log and full summary are. */
      jobUrl: string
      /** The statuses our previous comment showed; null when there was none. */
      previous: CommentStatuses | null
      /** Tells our comments apart; kept in the hidden marker that ends the body. */
      key: string
    }

/** GitHub refuses a job summary over 1 MiB. */
export const JOB_SUMMARY_LIMIT_BYTES = 1024 * 1024
/**
 * The report file's own limit: twice the job summary, so it has what the
 * summary leaves out, yet a hostile server's answers cannot make it hundreds of
 * MB, nor the step's memory with it.
 */
export const REPORT_FILE_LIMIT_BYTES = 2 * 1024 * 1024
const REPORT_FILE_LIMIT = '2 MiB'
/** GitHub refuses a comment body longer than this (in characters). */
export const COMMENT_LIMIT_CHARS = 65_536

/** Result messages in a comment are cut shorter than in the summary: the comment is a digest. */
const MAX_COMMENT_MESSAGE_CHARS = 5_000
/** A result message in the report file is cut past this: it leaves room for the rest of the report. */
const MAX_REPORT_FILE_MESSAGE_CHARS = 1_000_000
/** Changed samples named one by one, at most; then a count. */
const MAX_CHANGES_SHOWN = 20
/** Log lines for results that do not pass, at most; the summary has them all. */
const MAX_LOGGED_PROBLEMS = 50

/** How much a target holds, how it counts, and where to find what it leaves out. */
interface Budget {
  limit: number
  measure: (text: string) => number
  /** Said when a run's rows are left out: where every result is. */
  whereIsEveryResult: string
  /** One result's message is cut past this; undefined keeps the report's default. */
  maxMessageChars?: number
  /** Said when one result's message is cut: where it is whole. */
  whereIsWholeMessage?: string
  /** Diffs and history at most. */
  details: DetailBudget
  /** Whose limit a cut report fits; default "GitHub's size limit". */
  limitName?: string
}

const bytes = (text: string): number => Buffer.byteLength(text)
const characters = (text: string): number => text.length
const EVERY_RESULT_ELSEWHERE =
  'the file the report-file output names and the results output have more, and the Sample Platform every result'
/** Where the report file sends a reader for what even it leaves out. */
const ON_THE_PLATFORM = 'the run pages on the Sample Platform have every result and diff'

/** The markdown of the report for one target, within that target's limit. */
export function renderReport(report: StepReport, target: ReportTarget): string {
  switch (target.kind) {
    case 'report-file': {
      const body = renderBody(report, {
        limit: REPORT_FILE_LIMIT_BYTES,
        measure: bytes,
        whereIsEveryResult: ON_THE_PLATFORM,
        limitName: `the report file's ${REPORT_FILE_LIMIT}`,
        maxMessageChars: MAX_REPORT_FILE_MESSAGE_CHARS,
        whereIsWholeMessage: 'the Sample Platform has it whole',
        details: { diffLines: Infinity, history: true }
      })
      const note = `*This report is shortened to its ${REPORT_FILE_LIMIT}; ${ON_THE_PLATFORM}.*`
      return fitWithin(body, REPORT_FILE_LIMIT_BYTES, bytes, note)
    }
    case 'job-summary': {
      const body = renderBody(report, {
        limit: JOB_SUMMARY_LIMIT_BYTES,
        measure: bytes,
        whereIsEveryResult: EVERY_RESULT_ELSEWHERE,
        details: {
          diffLines: SUMMARY_DIFF_FACTOR * (report.diffLines ?? DEFAULT_DIFF_LINES),
          history: true
        }
      })
      const note = `*This summary is shortened to fit GitHub's 1 MiB limit; the file that the report-file output names has more of the report.*`
      return fitWithin(body, JOB_SUMMARY_LIMIT_BYTES, bytes, note)
    }
    case 'comment':
      return renderComment(report, target)
  }
}

/**
 * The log: the verdict, each result that does not pass (in the run layout; on
 * several platforms, each with its platform), each run's page.
 */
export function renderLogLines(report: StepReport): string[] {
  const { collected, verdict, apiUrl } = report
  const several = collected.runs.length > 1
  const lines = [verdict.headline]
  const problems = collected.runs.flatMap((run) =>
    run.set && (several || run.set.layout === 'run')
      ? run.set.entries
          .filter((entry) => !entryPasses(entry))
          .map((entry) => `  ${several ? `${run.platform}: ` : ''}${describeEntry(entry)}`)
      : []
  )
  lines.push(...problems.slice(0, MAX_LOGGED_PROBLEMS))
  if (problems.length > MAX_LOGGED_PROBLEMS)
    lines.push(`  …and ${problems.length - MAX_LOGGED_PROBLEMS} more (see the job summary)`)
  for (const run of collected.runs) {
    if (run.runId === null) continue
    const name = several ? `${run.platform} run page` : 'Run page'
    lines.push(`${name}: ${runPage(apiUrl, run.runId)}`)
  }
  return lines
}

/** One platform's report (one result, a run, or why it has none), or several side by side. */
function renderBody(report: StepReport, budget: Budget): string {
  const { collected, counts, apiUrl } = report
  const [only] = collected.runs
  if (collected.runs.length > 1 || !only) {
    return renderPlatformsReport(collected, counts, apiUrl, runBudget(budget))
  }
  return only.set ? renderSet(only.set, counts, apiUrl, budget) : renderNoResults(only, apiUrl)
}

/** A target's budget for the report of a run, or of several. */
function runBudget(budget: Budget): ReportBudget {
  return {
    limit: budget.limit,
    measure: budget.measure,
    whereIsAll: budget.whereIsEveryResult,
    ...(budget.limitName === undefined ? {} : { limitName: budget.limitName }),
    details: budget.details
  }
}

/** A run that has no results to show: why, and its page. */
function renderNoResults(run: PlatformRun, apiUrl: string): string {
  const title =
    run.runId === null
      ? `⚠️ no run for ${run.platform}`
      : `⚠️ ${escapeMarkdown(run.run?.status ?? 'no results')}: run ${run.runId}`
  const page =
    run.runId === null
      ? ''
      : `\n\n${link(`Run ${run.runId} on the Sample Platform`, runPage(apiUrl, run.runId))}`
  return `### ${title}\n\n${escapeMarkdown(run.problem ?? '', 2000)}${page}\n`
}

/** One result's report, or the run's, as the set's layout says. */
function renderSet(set: ResultSet, counts: SetCounts, apiUrl: string, budget: Budget): string {
  const single = singleEntry(set)
  if (!single) {
    return renderRunReport(set, counts, apiUrl, runBudget(budget))
  }
  const { entry, result } = single
  const baseline =
    set.baselineRunId !== null && entry.change
      ? {
          runId: set.baselineRunId,
          runUrl: runPage(apiUrl, set.baselineRunId),
          status: entry.baselineStatus ?? null,
          change: entry.change
        }
      : undefined
  const render = (details: DetailBudget) =>
    renderResultReport(result, resultLinks(apiUrl, result), baseline, {
      ...(budget.maxMessageChars === undefined ? {} : { maxMessageChars: budget.maxMessageChars }),
      ...(budget.whereIsWholeMessage === undefined
        ? {}
        : { whereIsAll: budget.whereIsWholeMessage }),
      entry,
      details,
      apiUrl
    })
  // Diffs give way first, then the history, as in a run's report.
  return renderWithDetails(
    { most: budget.details, room: budget.limit, measure: budget.measure, entries: [entry] },
    render,
    (text) => budget.measure(text) <= budget.limit
  ).rendered
}

/**
 * The pull request comment: what changed since our last one, the report, a
 * link to the job, and the marker. Never longer than GitHub accepts.
 */
function renderComment(
  report: StepReport,
  target: Extract<ReportTarget, { kind: 'comment' }>
): string {
  const { jobUrl } = target
  const statuses = commentStatuses(report.collected)
  const changes = describeChanges(target.previous, statuses)
  const header = changes === null ? '' : `${changes}\n\n`
  // The report already links the run and the regression test; the job is what it cannot link.
  const footer = renderFooter(jobUrl, target.key, statuses)
  const jobSummary = link('job summary', jobUrl)
  const body = renderBody(report, {
    limit: COMMENT_LIMIT_CHARS - header.length - footer.length,
    measure: characters,
    whereIsEveryResult: `the ${jobSummary} has every result`,
    maxMessageChars: MAX_COMMENT_MESSAGE_CHARS,
    whereIsWholeMessage: `the ${jobSummary} and the result-message output have it whole`,
    details: { diffLines: report.diffLines ?? DEFAULT_DIFF_LINES, history: true }
  })
  return fitComment(`${header}${body}`, COMMENT_LIMIT_CHARS - footer.length, jobUrl) + footer
}

/** "Since the last update: sample 132 was ✅ pass, now ❌ fail." Null with no earlier comment. */
export function describeChanges(
  previous: CommentStatuses | null,
  now: CommentStatuses
): string | null {
  if (previous === null) return null
  const has = (statuses: CommentStatuses, key: string) => Object.hasOwn(statuses, key)
  // What moved, what came, and what is no longer reported (a platform that lost its results).
  const changed = [
    ...Object.keys(now).filter((key) => !has(previous, key) || previous[key] !== now[key]),
    ...Object.keys(previous).filter((key) => !has(now, key))
  ]
  const digestOnly = [...Object.keys(previous), ...Object.keys(now)].some((key) =>
    key.startsWith('#')
  )
  if (digestOnly) {
    return changed.length > 0
      ? '🔁 The statuses changed since the last update (too many results to list each change here).'
      : '🔁 No change since the last update.'
  }
  if (changed.length === 0) {
    const count = Object.keys(now).length
    return `🔁 No change since the last update (${count === 1 ? 'same status' : `same ${count} statuses`}).`
  }
  const shown = changed.slice(0, MAX_CHANGES_SHOWN).map((key) => {
    const before = has(previous, key) ? `was ${statusLabel(previous[key] ?? null)}` : 'is new'
    const after = has(now, key) ? `now ${statusLabel(now[key] ?? null)}` : 'now not reported'
    return `${describeKey(key)} ${before}, ${after}`
  })
  const more = changed.length - shown.length
  return `🔁 Since the last update: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`
}

/** "sample 132", "sample 132 on linux", or "the windows run" for a run without results. */
function describeKey(key: string): string {
  const [id = '', platform] = key.split('@')
  const on = platform ? escapeMarkdown(platform, 20) : ''
  if (id === '') return `the ${on} run`
  return `sample ${escapeMarkdown(id, 20)}${on ? ` on ${on}` : ''}`
}

/**
 * A last guard under the budget: the report is built to fit, but whatever it
 * holds, the comment is cut at a line, an open code block is closed, and the
 * cut is said.
 */
export function fitComment(body: string, limit: number, jobUrl: string): string {
  const note = `*This comment is shortened to fit GitHub's limit; the ${link('job summary', jobUrl)} has the whole report.*`
  return fitWithin(body, limit, characters, note)
}
