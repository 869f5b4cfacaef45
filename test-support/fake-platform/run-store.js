// @ts-check
/**
 * The fake's runs: their results, what is known of each run, and the life of runs
 * scheduled on the fake's clock. Every answer is computed from here at request time.
 */
import { outputFiles } from '../output-files.js'
import { commitSha, defaultRunFields, githubLink } from '../run-fields.js'
import { generateRun, mediaSampleId } from '../sample-runs.js'

/** @typedef {import('../sample-runs.js').SampleResult} SampleResult */
/** @typedef {import('../run-fields.js').RunFields} RunFields */
/** @typedef {import('../sample-runs.js').Output} Output */

/** @typedef {'queued' | 'running' | 'pass' | 'fail' | 'canceled' | 'incomplete'} RunStatus */

/**
 * A run's life on the fake's clock (ms): it does not exist before createdAt, is queued
 * until startAt, running until endAt (its results appearing one by one), then finished.
 * @typedef {object} Schedule
 * @property {number} createdAt
 * @property {number} queuedAt createdAt, or when the run was restarted
 * @property {number | null} startAt null: it never starts (a failed build)
 * @property {number} endAt
 * @property {'canceled' | 'incomplete' | null} outcome its final status; null: pass or fail from its results
 */

/**
 * A run somebody declared (setRun, scheduleRun): it exists even without results.
 * @typedef {object} RunRecord
 * @property {Partial<RunFields>} fields
 * @property {RunStatus} [status] the status of an unscheduled run; default pass or fail from its results
 * @property {Schedule} [schedule]
 */

/**
 * A run as the server sees it at one moment.
 * @typedef {object} RunView
 * @property {number} runId
 * @property {RunStatus} status
 * @property {RunFields} fields times as they are at that moment (null until they happen)
 * @property {Map<number, SampleResult>} results the finished ones, by regression ID in ascending order
 */

/**
 * One event of a run's progress trail, as the server keeps them (oldest first).
 * @typedef {object} ProgressEvent
 * @property {number} at ms on the fake's clock
 * @property {'queued' | 'preparation' | 'testing' | 'completed' | 'canceled' | 'error'} status
 * @property {string} message unstructured text from the test machine
 * @property {number | null} [step]
 */

/**
 * Fields of a run set by a test; the status forces that of an unscheduled run.
 * @typedef {Partial<RunFields> & { status?: RunStatus }} RunUpdate
 */

/**
 * How a scheduled run lives; fields of the run besides its times may be given too.
 * @typedef {Partial<Omit<RunFields, 'created_at' | 'queued_at' | 'started_at' | 'completed_at'>> & ScheduleTimes} ScheduleOptions
 */

/**
 * @typedef {object} ScheduleTimes
 * @property {number} [at] creation time on the fake's clock, default now
 * @property {number} [queuedMs] waiting for its build and a test machine, default 15 minutes
 * @property {number} [runningMs] testing, default 25 minutes; its results appear evenly over it
 * @property {'canceled' | 'incomplete'} [outcome] final status instead of pass or fail; canceled
 *   with runningMs 0 never starts, as when its build fails
 * @property {SampleResult[]} [results] what it produces, default generateRun(runId): all pass
 */

/**
 * Files of one output set by a test, instead of those derived from its status.
 * @typedef {object} OutputFilesUpdate
 * @property {string | null} [expected] the expected file; null: no baseline
 * @property {string | null} [actual] the file the run produced; null: none was produced
 * @property {'expected' | 'actual'} [missingOnDisk] the file is recorded but gone from disk: 404
 * @property {number} [sizeBytes] the size the server sees for the larger file (over 10 MiB: 422)
 */

/** The orders /runs offers; the first is its default, newest first. */
export const RUN_SORTS = /** @type {const} */ (['-created_at', 'created_at', 'run_id', '-run_id'])

/**
 * Orders runs for a sort parameter; a run without created_at goes last either way.
 * @param {(typeof RUN_SORTS)[number]} sort
 */
export function runOrder(sort) {
  const descending = sort.startsWith('-')
  const byRunId = (/** @type {RunView} */ a, /** @type {RunView} */ b) =>
    descending ? b.runId - a.runId : a.runId - b.runId
  if (sort.endsWith('run_id')) return byRunId
  return (/** @type {RunView} */ a, /** @type {RunView} */ b) => {
    const first = a.fields.created_at
    const second = b.fields.created_at
    if (first === second) return byRunId(a, b)
    if (first === null) return 1
    if (second === null) return -1
    return descending ? second - first : first - second
  }
}

const QUEUED_MS = 15 * 60_000
const RUNNING_MS = 25 * 60_000

/** pass when every result passes, else fail: the status of a finished run. */
function finishedStatus(/** @type {Iterable<SampleResult>} */ results) {
  for (const result of results) if (result.status !== 'pass') return 'fail'
  return 'pass'
}

/** Times that an unscheduled run with a forced status cannot have had yet. */
function timesOfStatus(/** @type {RunStatus} */ status) {
  if (status === 'queued') return { started_at: null, completed_at: null }
  if (status === 'running') return { completed_at: null }
  return {}
}

/**
 * @param {object} options
 * @param {Map<number, Map<number, SampleResult>>} options.runs results by run ID then regression ID; read on every request
 * @param {Map<number, Partial<RunFields>>} options.runFields what differs from defaultRunFields; does not create runs
 * @param {() => number} options.now
 */
export function createRunStore({ runs, runFields, now }) {
  /** @type {Map<number, RunRecord>} */
  const records = new Map()
  /** @type {Map<string, OutputFilesUpdate>} */
  const files = new Map()
  /** @type {Map<number, ProgressEvent[]>} */
  const trails = new Map()

  /** The fields of a run: defaults, then the described ones, then those set by tests. */
  const fieldsOf = (/** @type {number} */ runId, /** @type {RunRecord | undefined} */ record) => {
    const given = { ...runFields.get(runId), ...record?.fields }
    /** @type {RunFields} */
    const fields = { ...defaultRunFields(runId), ...given }
    if (given.github_link === undefined) fields.github_link = githubLink(fields)
    return fields
  }

  /**
   * The run at time t, or null when it does not exist (yet).
   * @param {number} runId
   * @param {number} t
   * @returns {RunView | null}
   */
  const viewAt = (runId, t) => {
    const stored = runs.get(runId)
    const record = records.get(runId)
    if (!stored && !record) return null
    const fields = fieldsOf(runId, record)
    const all = [...(stored?.values() ?? [])].sort((a, b) => a.regression_id - b.regression_id)
    const results = (/** @type {SampleResult[]} */ list) =>
      new Map(list.map((result) => [result.regression_id, result]))
    const schedule = record?.schedule
    if (!schedule) {
      const status = record?.status ?? finishedStatus(all)
      const timed = { ...fields, ...timesOfStatus(status), ...record?.fields }
      return { runId, status, fields: timed, results: results(all) }
    }
    const { createdAt, queuedAt, startAt, endAt, outcome } = schedule
    if (t < createdAt) return null
    const started = startAt !== null && t >= startAt
    const ended = t >= endAt
    /** @type {RunFields} */
    const timed = {
      ...fields,
      created_at: createdAt,
      queued_at: queuedAt,
      started_at: started ? startAt : null,
      completed_at: ended ? endAt : null
    }
    if (ended) {
      const finished = started ? all : []
      return {
        runId,
        status: outcome ?? finishedStatus(finished),
        fields: timed,
        results: results(finished)
      }
    }
    if (startAt === null || t < startAt)
      return { runId, status: 'queued', fields: timed, results: new Map() }
    const done = all.slice(0, Math.floor((all.length * (t - startAt)) / (endAt - startAt)))
    return { runId, status: 'running', fields: timed, results: results(done) }
  }

  /** Every run ID the store knows, existing now or not. */
  const runIds = () => new Set([...runs.keys(), ...records.keys()])

  /**
   * Declares a run that lives on the clock from `at`; a later call replaces its life.
   * @param {number} runId
   * @param {ScheduleOptions} options
   * @param {number} createdAt when it appears: `at`, or earlier for a restarted run
   */
  const plan = (runId, options, createdAt) => {
    const {
      at = now(),
      queuedMs = QUEUED_MS,
      runningMs = RUNNING_MS,
      outcome,
      results,
      ...fields
    } = options
    const startAt = outcome === 'canceled' && runningMs === 0 ? null : at + queuedMs
    const endAt = at + queuedMs + runningMs
    records.set(runId, {
      fields,
      schedule: { createdAt, queuedAt: at, startAt, endAt, outcome: outcome ?? null }
    })
    const list = results ?? generateRun(runId)
    runs.set(runId, new Map(list.map((result) => [result.regression_id, result])))
  }

  /**
   * Declares a run that lives on the clock from `at`; a later call replaces its life.
   * @param {number} runId
   * @param {ScheduleOptions} [options]
   */
  const scheduleRun = (runId, options = {}) => plan(runId, options, options.at ?? now())

  return {
    /** The run as it is now, or null. */
    view: (/** @type {number} */ runId) => viewAt(runId, now()),

    /** Every run that exists now, newest first. */
    views() {
      const t = now()
      return [...runIds()].flatMap((runId) => viewAt(runId, t) ?? []).sort(runOrder('-created_at'))
    },

    /**
     * Whether a stored result of any run, finished or not, belongs to the media sample;
     * with a regression test ID, whether that test does.
     * @param {number} sampleId
     * @param {number | null} [regressionId]
     */
    hasSample(sampleId, regressionId = null) {
      for (const results of runs.values())
        for (const result of results.values())
          if (
            mediaSampleId(result) === sampleId &&
            (regressionId === null || result.regression_id === regressionId)
          )
            return true
      return false
    },

    /**
     * Sets fields of a run, creating it (without results) when it does not exist.
     * @param {number} runId
     * @param {RunUpdate} update
     */
    setRun(runId, { status, ...fields }) {
      const record = records.get(runId) ?? { fields: {} }
      records.set(runId, {
        ...record,
        fields: { ...record.fields, ...fields },
        ...(status !== undefined && { status })
      })
    },

    scheduleRun,

    /**
     * Schedules the two runs a push or a pull request creates at once, one per platform,
     * for the same commit. Options apply to both, then `linux` and `windows` to each.
     * @param {{ linux: number, windows: number }} runIds
     * @param {ScheduleOptions & { linux?: ScheduleOptions, windows?: ScheduleOptions }} [options]
     * @returns {string} the commit SHA
     */
    scheduleCommit(runIds, { linux = {}, windows = {}, ...shared } = {}) {
      const at = shared.at ?? now()
      const sha = shared.commit_sha ?? commitSha(`commit ${runIds.linux}`)
      scheduleRun(runIds.linux, { ...shared, at, commit_sha: sha, ...linux, platform: 'linux' })
      scheduleRun(runIds.windows, {
        ...shared,
        at,
        commit_sha: sha,
        ...windows,
        platform: 'windows'
      })
      return sha
    },

    /**
     * Sends a run back to queued under the same ID, as the platform's restart does: its
     * results are gone until it runs again (the same ones, unless others are given).
     * @param {number} runId
     * @param {Omit<ScheduleTimes, 'results'> & { results?: SampleResult[] }} [options]
     */
    restartRun(runId, options = {}) {
      const record = records.get(runId)
      const at = options.at ?? now()
      const { created_at } = fieldsOf(runId, record)
      const createdAt = record?.schedule?.createdAt ?? Math.min(created_at ?? at, at)
      const results = options.results ?? [...(runs.get(runId)?.values() ?? [])]
      plan(runId, { ...record?.fields, ...options, at, results }, createdAt)
    },

    /**
     * The run's progress trail as the server would keep it at this moment: the one a test
     * set (events after now left out), or one derived from its times and status.
     * @param {RunView} run
     * @returns {ProgressEvent[]}
     */
    progressOf(run) {
      const t = now()
      const set = trails.get(run.runId)
      if (set) return set.filter((event) => event.at <= t)
      const { created_at, started_at, completed_at } = run.fields
      /** @type {ProgressEvent[]} */
      const events = []
      if (created_at !== null)
        events.push({ at: created_at, status: 'queued', message: 'Queued for a test machine.' })
      if (started_at !== null) {
        events.push({
          at: started_at,
          status: 'preparation',
          message: 'Preparing the test machine.'
        })
        events.push({ at: started_at, status: 'testing', message: 'Running the regression tests.' })
      }
      const end = completed_at ?? t
      if (run.status === 'pass' || run.status === 'fail')
        events.push({ at: end, status: 'completed', message: 'Tests completed.' })
      if (run.status === 'canceled')
        events.push({ at: end, status: 'canceled', message: 'Canceled.' })
      return events
    },

    /**
     * Sets a run's progress trail (oldest first), instead of the one derived from its life.
     * @param {number} runId
     * @param {ProgressEvent[]} events
     */
    setProgress(runId, events) {
      trails.set(runId, events)
    },

    /** Forgets a run, its results and its output files. */
    removeRun(/** @type {number} */ runId) {
      runs.delete(runId)
      records.delete(runId)
      trails.delete(runId)
      for (const key of files.keys()) if (key.startsWith(`${runId}/`)) files.delete(key)
    },

    /**
     * Replaces what the diff endpoint finds for one output of a result; a file left
     * out is the one derived from the output's status.
     * @param {number} runId
     * @param {number} regressionId
     * @param {number} outputId
     * @param {OutputFilesUpdate} update
     */
    setOutputFiles(runId, regressionId, outputId, update) {
      files.set(`${runId}/${regressionId}/${outputId}`, update)
    },

    /**
     * The files of an output: those set by a test, else derived from its status.
     * @param {number} runId
     * @param {SampleResult} result
     * @param {Output} output
     * @returns {OutputFilesUpdate & { expected: string | null, actual: string | null }}
     */
    filesOf(runId, result, output) {
      const update = files.get(`${runId}/${result.regression_id}/${output.output_id}`) ?? {}
      const derived = outputFiles(result, output)
      return {
        ...update,
        expected: update.expected === undefined ? derived.expected : update.expected,
        actual: update.actual === undefined ? derived.actual : update.actual
      }
    }
  }
}

/** @typedef {ReturnType<typeof createRunStore>} RunStore */
