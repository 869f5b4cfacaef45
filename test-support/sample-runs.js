// @ts-check
/**
 * Deterministic, realistic Sample Platform results for the tests and the demo.
 * Every call returns the same data: a seeded PRNG drives all the choices.
 */
import { createHash } from 'node:crypto'

/** @typedef {{ output_id: number, filename: string, status: string }} Output */

/**
 * One result as the fake stores it, in the documented vocabulary (see shared/api/CONTRACT.md).
 * Only regression_id, sample_id and status are required, as on the deployed server:
 * a field left out here is left out of the deployed shape too (see minimalResult).
 * @typedef {object} SampleResult
 * @property {number} [run_id] absent: the documented shape sends the run asked for
 * @property {number | null} sample_id the media sample; null when the regression test has none
 * @property {number} regression_id
 * @property {string} status
 * @property {string} [category] several are joined with ", "
 * @property {string | null} [command]
 * @property {number | null} [runtime_ms]
 * @property {number | null} [exit_code]
 * @property {number | null} [expected_exit_code]
 * @property {string | null} [result_message]
 * @property {string[]} [tags]
 * @property {Output[]} [outputs]
 * @property {string | null} [sample_name]
 */

/**
 * A result with every field, as generateRun makes them: it fits the action's documented shape.
 * @typedef {Required<SampleResult> & { command: string }} CompleteResult
 */

/**
 * One result in the shape the deployed server sends; absent fields stay absent.
 * @typedef {object} DeployedResult
 * @property {number} regression_test_id
 * @property {number | null} sample_id
 * @property {string | null} [sample_name]
 * @property {string[]} [categories]
 * @property {string | null} [command]
 * @property {string} status
 * @property {number | null} [runtime_ms]
 * @property {number | null} [exit_code]
 * @property {number | null} [expected_rc]
 * @property {Output[]} [outputs]
 */

/**
 * How a result deviates from a clean pass:
 * - exit: wrong exit code, outputs fine
 * - output: exit code fine, first output differs
 * - both: read error (exit 8) and a differing partial output
 * - missing_output: crash (exit 139) before any output was written
 * - timeout: runner time-out (exit -1 after 600000 ms), partial outputs
 * - alternative: last output differs from the main baseline but an alternative is accepted (pass)
 * - missing_expected: the platform has no expected file for the last output
 * @typedef {'exit' | 'output' | 'both' | 'missing_output' | 'timeout' | 'alternative' | 'missing_expected'} Failure
 */

/**
 * @typedef {object} GenerateOptions
 * @property {number} [size] number of results (default 230)
 * @property {number} [seed] seed of the regression test catalog (same seed, same tests)
 * @property {Record<number, Failure>} [failures] by regression ID; every other result passes
 */

/**
 * A regression test, the part of a result that does not change between runs.
 * @typedef {object} RegressionTest
 * @property {number} id
 * @property {string} category
 * @property {string} command
 * @property {number} expectedExit
 * @property {string[]} extensions
 * @property {number} firstOutputId
 * @property {number} baseRuntime
 * @property {string[]} tags
 * @property {string | null} sampleName
 */

/** @typedef {[command: string, extensions: string[], expectedExit?: number]} CommandSpec */
/** @typedef {() => number} Random */

const CATALOG_SEED = 0x5a17

/**
 * Each kind of number has a range of its own, so a field read in place of another
 * fails loudly: regression tests are 1 to about 250 (as on the real platform), the
 * media sample of test N is MEDIA_BASE + N, output files start after OUTPUT_BASE,
 * and runs are around 9400.
 */
export const MEDIA_BASE = 1000
const OUTPUT_BASE = 4000

/** The media sample of regression test `id` in the generated data. */
export function mediaOf(/** @type {number} */ id) {
  return MEDIA_BASE + id
}
const TIMEOUT_MS = 600000

/** Category sizes of a real 230-result run; Options is the largest. */
const CATEGORY_COUNTS = /** @type {const} */ ([
  ['Options', 86],
  ['General', 30],
  ['Teletext', 20],
  ['DVB', 15],
  ['CEA-708', 14],
  ['MP4', 12],
  ['NoCC', 12],
  ['DVD', 8],
  ['Broken', 7],
  ['DVR-MS', 6],
  ['WTV', 6],
  ['XDS', 5],
  ['Hauppage', 5],
  ['Hardsubx', 4]
])

/**
 * Commands seen per category, with the outputs they produce and the exit code they expect.
 * @type {Record<string, CommandSpec[]>}
 */
const COMMANDS = {
  Options: [
    ['--autoprogram --out=srt --latin1', ['.srt']],
    ['--out=ttxt --latin1 --ucla --xds', ['.txt']],
    ['--out=webvtt', ['.vtt']],
    ['--out=sami', ['.smi']],
    ['--out=ass', ['.ass']],
    ['--out=raw', ['.raw']],
    ['--out=bin', ['.bin']],
    ['--out=scc', ['.scc']],
    ['-out=g608', ['.g608']],
    ['--out=mcc', ['.mcc']],
    ['--out=smptett', ['.xml']],
    ['--xmltv 1 --out=null', ['.xml']],
    ['-out=spupng', ['.xml']],
    ['-12 --out=srt', ['.srt', '.srt']],
    ['--startat 00:00:10 --endat 00:01:30 --out=srt', ['.srt']],
    ['--nofontcolor --out=srt', ['.srt']],
    ['--sentencecap --out=srt', ['.srt']],
    ['--autodash --trim --out=ttxt', ['.txt']],
    ['--datets --out=ttxt', ['.txt']],
    ['--help', [], 11],
    ['--stdin --out=srt', [], 2],
    ['--stdout --out=spupng', [], 4],
    ['-out=xyz', [], 7]
  ],
  General: [
    ['--autoprogram --out=srt --latin1', ['.srt']],
    ['--autoprogram --out=ttxt --latin1', ['.txt']],
    ['--out=ttxt --latin1 --ucla --xds', ['.txt']]
  ],
  Teletext: [
    ['--autoprogram --out=srt --latin1 --teletext', ['.srt']],
    ['--teletext --tpage 888 --out=srt', ['.srt']],
    ['--teletext --tpage 777 --out=ttxt --latin1', ['.txt']]
  ],
  DVB: [
    ['-codec dvbsub -out=spupng', ['.xml']],
    ['--codec dvbsub --out=srt --dvblang eng', ['.srt']]
  ],
  'CEA-708': [
    ['--service 1 --out=srt', ['.srt']],
    ['-svc 1,2 -out=srt', ['.srt', '.srt']],
    ['--service 1 --out=webvtt', ['.vtt']]
  ],
  MP4: [
    ['--mp4 --out=srt', ['.srt']],
    ['-in=mp4 -out=ttxt', ['.txt']]
  ],
  NoCC: [
    ['--autoprogram --out=srt --latin1', [], 10],
    ['--autoprogram --out=srt --latin1', [], 10],
    ['--autoprogram --out=srt --latin1', [], 10],
    ['--out=ttxt --latin1', ['.txt']]
  ],
  DVD: [
    ['--autoprogram --out=srt --latin1', ['.srt']],
    ['-in=ps --out=ttxt', ['.txt']]
  ],
  Broken: [
    ['--autoprogram --out=srt --latin1', ['.srt']],
    ['--autoprogram --out=srt --latin1', [], 8],
    ['--autoprogram --out=srt --latin1', [], 6],
    ['--autoprogram --out=srt --latin1 --split-by-file', [], 3]
  ],
  'DVR-MS': [['-in=asf --out=srt', ['.srt']]],
  WTV: [
    ['-in=wtv --out=srt --latin1', ['.srt']],
    ['--wtvconvertfix --out=srt', ['.srt']]
  ],
  XDS: [['--out=ttxt --latin1 --ucla --xds', ['.txt']]],
  Hauppage: [['--hauppauge --out=srt', ['.srt']]],
  Hardsubx: [['--hardsubx --ocr_mode word --out=srt', ['.srt']]]
}

/**
 * Recording names per category, as users uploaded them.
 * @type {Record<string, string[]>}
 */
const SAMPLE_PREFIXES = {
  General: ['CNN_608', 'KABC_ATSC', 'FOX_News_608', 'PBS_NewsHour', 'ESPN_HD', 'WNBC_608'],
  Teletext: ['BBC1_Teletext', 'ZDF_ttx', 'SVT1_Text-TV', 'RAI1_Televideo', 'NRK1_Tekst-TV'],
  DVB: ['Freeview_dvbsub', 'NRK1_dvbsub', 'TVE_dvbsub', 'CanalPlus_dvbsub'],
  'CEA-708': ['WFLA_708', 'KQED_HD_708', 'WGBH_708_svc2'],
  MP4: ['iPhone_608_track', 'tx3g_subtitles', 'HandBrake_cc_track'],
  NoCC: ['no_captions_DD51', 'ZDFinfo_nocc', 'radio_only'],
  Broken: ['truncated_header', 'corrupt_pes', 'split_recording'],
  'DVR-MS': ['MCE_Jeopardy', 'MCE_Simpsons'],
  WTV: ['WMC_Nightly_News', 'WMC_Letterman'],
  XDS: ['xds_program_info', 'KTLA_xds'],
  Hauppage: ['hauppauge_pvr250', 'hauppauge_hvr1600'],
  Hardsubx: ['hardsub_chinese_movie', 'hardsub_anime_ep01']
}

/**
 * Container extensions where they differ from the usual .ts and .mpg.
 * @type {Record<string, string[]>}
 */
const SAMPLE_EXTENSIONS = {
  MP4: ['mp4', 'm4v', 'mov'],
  'DVR-MS': ['dvr-ms'],
  WTV: ['wtv'],
  Hauppage: ['mpg'],
  Hardsubx: ['mp4', 'mkv'],
  Broken: ['ts', 'mpg', 'bin']
}

/**
 * The tag a category's tests usually carry.
 * @type {Record<string, string>}
 */
const CATEGORY_TAGS = {
  Options: 'options',
  General: '608',
  Teletext: 'teletext',
  DVB: 'dvbsub',
  'CEA-708': '708',
  MP4: 'mp4',
  NoCC: 'nocc',
  DVD: 'dvd',
  Broken: 'broken-stream',
  'DVR-MS': 'dvr-ms',
  WTV: 'wtv',
  XDS: 'xds',
  Hauppage: 'hauppauge',
  Hardsubx: 'ocr'
}

const EXTRA_TAGS = ['regression', 'slow', 'windows', 'issue-1462']

/**
 * Run 9412 is a pull request's run, 9411 the master run it is compared with; master
 * ran on linux before it (masterRunIds) and on windows beside it (windowsBaselineRunId).
 */
export const DEMO = Object.freeze({
  token: 'spci_demo_0123456789abcdef',
  apiPath: '/api/v1',
  runId: 9412,
  baselineRunId: 9411,
  inProgressRunId: 9413,
  /** The windows run of 9411's commit: the same failures and one of its own, 17. */
  windowsBaselineRunId: 9410,
  /** The master runs on linux, oldest first; the last one is baselineRunId. */
  masterRunIds: Object.freeze([9398, 9402, 9405, 9408, 9411]),
  /** Teletext (BBC1_Teletext_20150808.mpg), passes in both runs. */
  passingSample: 159,
  /** Read error (exit 8 instead of 0) and a differing output; passes in 9411. */
  failingSample: 132,
  /** The one output file of 132, which differs in 9412. */
  failingOutput: 4117,
  /** Crash (exit 139) before writing its two outputs; passes in 9411. */
  missingOutputSample: 42,
  /** Runner time-out (exit -1, 600000 ms); passes in 9411. */
  timeoutSample: 123,
  /** Passes in both runs although one output says fail: an alternative baseline is accepted. */
  alternativeSample: 116,
  /** Fail (or missing_output) in 9412, pass in 9411. */
  regressed: Object.freeze([42, 123, 132, 165]),
  /** Fail (or missing_output) in 9411, pass in 9412. */
  fixed: Object.freeze([58, 63]),
  /** Fail in both runs. */
  stillFailing: Object.freeze([92, 107, 201]),
  /** Failures of 9412 that passed in every master run. */
  newFailures: Object.freeze([42, 132]),
  /** Failures of 9412 that the newest master run has too, with the same failure signature. */
  knownFailures: Object.freeze([92, 107, 201]),
  /** Failures of 9412 that passed in the newest master run but failed in some earlier ones. */
  flakyFailures: Object.freeze([123, 165])
})

/**
 * Failures of the pull request run 9412.
 * @type {Record<number, Failure>}
 */
const PR_FAILURES = {
  [DEMO.failingSample]: 'both',
  [DEMO.missingOutputSample]: 'missing_output',
  [DEMO.timeoutSample]: 'timeout',
  [DEMO.alternativeSample]: 'alternative',
  165: 'output',
  92: 'output',
  107: 'exit',
  201: 'missing_expected',
  150: 'alternative'
}

/**
 * Failures of the master run 9411.
 * @type {Record<number, Failure>}
 */
const BASELINE_FAILURES = {
  [DEMO.alternativeSample]: 'alternative',
  58: 'output',
  63: 'missing_output',
  92: 'output',
  107: 'exit',
  201: 'missing_expected'
}

/**
 * What fails on master all along, so that 9412's stillFailing are known failures.
 * @type {Record<number, Failure>}
 */
const LONG_STANDING = {
  [DEMO.alternativeSample]: 'alternative',
  92: 'output',
  107: 'exit',
  201: 'missing_expected'
}

/**
 * Failures of the master runs on linux, oldest first: the time-out of 123 and the
 * differing output of 165 come and go (flaky), 42 and 132 never fail (new in 9412).
 * @type {[runId: number, failures: Record<number, Failure>][]}
 */
const MASTER_FAILURES = [
  [9398, LONG_STANDING],
  [9402, { ...LONG_STANDING, [DEMO.timeoutSample]: 'timeout' }],
  [9405, { ...LONG_STANDING, 165: 'output' }],
  [9408, { ...LONG_STANDING, [DEMO.timeoutSample]: 'timeout', 58: 'output' }],
  [DEMO.baselineRunId, BASELINE_FAILURES]
]

/**
 * Failures of 9410, the windows run of 9411's commit.
 * @type {Record<number, Failure>}
 */
const WINDOWS_BASELINE_FAILURES = { ...BASELINE_FAILURES, 17: 'output' }

/** mulberry32: tiny, fast and good enough to make data look random but stay fixed. */
export function mulberry32(/** @type {number} */ seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * @template T
 * @param {Random} random
 * @param {readonly T[]} items non-empty
 * @returns {T}
 */
function pick(random, items) {
  return /** @type {T} */ (items[Math.floor(random() * items.length)])
}

/**
 * Fisher-Yates in place, so categories are spread over the ID range.
 * @template T
 * @param {Random} random
 * @param {T[]} items
 */
function shuffle(random, items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[items[i], items[j]] = [/** @type {T} */ (items[j]), /** @type {T} */ (items[i])]
  }
  return items
}

/** Category per result, scaled from the real distribution to `size`. */
function categoryList(/** @type {Random} */ random, /** @type {number} */ size) {
  const list = CATEGORY_COUNTS.flatMap(([name, count]) =>
    Array.from({ length: Math.round((count * size) / 230) }, () => name)
  )
  while (list.length < size) list.push('Options')
  return shuffle(random, list).slice(0, size)
}

/** Regression IDs from 1 up, with the gaps left by deleted tests. */
function regressionIds(/** @type {Random} */ random, /** @type {number} */ size) {
  const ids = []
  for (let id = 1; ids.length < size; id++) if (random() >= 0.08) ids.push(id)
  return ids
}

/** A file name like `BBC1_Teletext_20101022.ts`, or null when the upload had none. */
function sampleName(/** @type {Random} */ random, /** @type {string} */ category) {
  if (random() < 0.04) return null
  if (category === 'DVD') return `VTS_${pad2(1 + random() * 9)}_1.VOB`
  const date = `${2008 + Math.floor(random() * 9)}${pad2(1 + random() * 12)}${pad2(1 + random() * 28)}`
  const prefixes = SAMPLE_PREFIXES[category] ?? pick(random, Object.values(SAMPLE_PREFIXES))
  const extension = pick(random, SAMPLE_EXTENSIONS[category] ?? ['ts', 'ts', 'mpg'])
  return `${pick(random, prefixes)}_${date}.${extension}`
}

/** Two digits, as in dates and VOB names. */
function pad2(/** @type {number} */ n) {
  return String(Math.floor(n)).padStart(2, '0')
}

/** Mostly none, sometimes the category's tag, now and then one more. */
function tagsFor(/** @type {Random} */ random, /** @type {string} */ category) {
  const roll = random()
  const own = CATEGORY_TAGS[category] ?? 'general'
  if (roll < 0.55) return []
  if (roll < 0.8) return [own]
  return [own, pick(random, EXTRA_TAGS)]
}

/** A few tests belong to a second category; the platform lists them sorted. */
function categoryLabel(/** @type {Random} */ random, /** @type {string} */ category) {
  if (random() >= 0.05) return category
  return [category, category === 'Options' ? 'General' : 'Options'].sort().join(', ')
}

/** Mostly sub-second to tens of seconds; OCR is slow, rejected options are quick. */
function baseRuntime(
  /** @type {Random} */ random,
  /** @type {string} */ category,
  /** @type {number} */ expectedExit
) {
  if (expectedExit !== 0 && expectedExit !== 10) return Math.round(20 + random() * 200)
  const factor = category === 'Hardsubx' ? 4 : category === 'DVB' ? 2 : 1
  return Math.round(300 * Math.pow(150, random() ** 1.5) * factor)
}

/** The fixed part of every run: which regression tests exist and what they run. */
function buildCatalog(/** @type {number} */ size, /** @type {number} */ seed) {
  const random = mulberry32(seed)
  const categories = categoryList(random, size)
  let nextOutputId = OUTPUT_BASE + 1
  return regressionIds(random, size).map((id, index) => {
    const category = categories[index] ?? 'Options'
    const [command, extensions, expectedExit = 0] = pick(random, COMMANDS[category] ?? [])
    /** @type {RegressionTest} */
    const test = {
      id,
      category: categoryLabel(random, category),
      command,
      expectedExit,
      extensions,
      firstOutputId: nextOutputId,
      baseRuntime: baseRuntime(random, category, expectedExit),
      tags: tagsFor(random, category),
      sampleName: sampleName(random, category)
    }
    nextOutputId += extensions.length
    return test
  })
}

/** Looks like the sha256 of the expected file, as the platform names outputs. */
function expectedFilename(
  /** @type {number} */ seed,
  /** @type {RegressionTest} */ test,
  /** @type {number} */ index
) {
  const hash = createHash('sha256').update(`${seed}:${test.id}:${index}`).digest('hex')
  return `${hash}${test.extensions[index]}`
}

/**
 * The platform's status rule: a missing output first, then the exit code, then the outputs.
 * @param {number | null} exitCode
 * @param {number} expectedExit
 * @param {Output[]} outputs
 * @param {boolean} alternativeAccepted
 */
function statusOf(exitCode, expectedExit, outputs, alternativeAccepted) {
  if (outputs.some((output) => output.status === 'missing_output')) return 'missing_output'
  if (exitCode !== expectedExit) return 'fail'
  if (alternativeAccepted) return 'pass'
  return outputs.every((output) => output.status === 'pass') ? 'pass' : 'fail'
}

/** Free text in the server's style, derived from the data it explains. */
function messageOf(/** @type {CompleteResult} */ result) {
  if (result.status === 'pass') return null
  const parts = []
  if (result.exit_code === -1) parts.push(`Runner timed out after ${TIMEOUT_MS / 1000} s`)
  else if (result.exit_code !== result.expected_exit_code)
    parts.push(`Exit code ${result.exit_code} differs from expected ${result.expected_exit_code}`)
  const count = (/** @type {string} */ status) =>
    result.outputs.filter((output) => output.status === status).length
  if (count('missing_output'))
    parts.push(`${count('missing_output')} expected output(s) not produced`)
  if (count('fail')) parts.push(`${count('fail')} of ${result.outputs.length} output(s) differ`)
  if (count('missing_expected'))
    parts.push(`No expected file stored for ${count('missing_expected')} output(s)`)
  return `${parts.join('; ')}.`
}

/**
 * Output statuses, exit code and runtime for one failure kind (undefined: a clean pass).
 * @param {Failure | undefined} failure
 * @param {RegressionTest} test
 * @param {number} runtime
 * @returns {{ statuses: string[], exitCode: number, runtimeMs: number }}
 */
function applyFailure(failure, test, runtime) {
  const expected = test.expectedExit
  const last = test.extensions.length - 1
  const all = (/** @type {string} */ status) => test.extensions.map(() => status)
  const only = (/** @type {number} */ index, /** @type {string} */ status) =>
    test.extensions.map((_, i) => (i === index ? status : 'pass'))
  switch (failure) {
    case 'exit':
      return { statuses: all('pass'), exitCode: expected === 0 ? 8 : 0, runtimeMs: runtime }
    case 'output':
      return { statuses: only(0, 'fail'), exitCode: expected, runtimeMs: runtime }
    case 'both':
      return { statuses: only(0, 'fail'), exitCode: 8, runtimeMs: runtime }
    case 'missing_output':
      return { statuses: all('missing_output'), exitCode: 139, runtimeMs: Math.round(runtime / 3) }
    case 'timeout':
      return { statuses: all('fail'), exitCode: -1, runtimeMs: TIMEOUT_MS }
    case 'alternative':
      return { statuses: only(last, 'fail'), exitCode: expected, runtimeMs: runtime }
    case 'missing_expected':
      return { statuses: only(last, 'missing_expected'), exitCode: expected, runtimeMs: runtime }
    default:
      return { statuses: all('pass'), exitCode: expected, runtimeMs: runtime }
  }
}

/**
 * One run's results in the documented shape, ordered by regression ID.
 * The same seed gives the same tests; the run ID only varies the runtimes.
 * @param {number} runId
 * @param {GenerateOptions} [options]
 * @returns {CompleteResult[]}
 */
export function generateRun(runId, options = {}) {
  const { size = 230, seed = CATALOG_SEED, failures = {} } = options
  const jitter = mulberry32(seed ^ runId)
  return buildCatalog(size, seed).map((test) => {
    const runtime = Math.round(test.baseRuntime * (0.9 + 0.2 * jitter()))
    const { statuses, exitCode, runtimeMs } = applyFailure(failures[test.id], test, runtime)
    const outputs = statuses.map((status, index) => ({
      output_id: test.firstOutputId + index,
      filename: expectedFilename(seed, test, index),
      status
    }))
    const accepted = failures[test.id] === 'alternative'
    /** @type {CompleteResult} */
    const result = {
      run_id: runId,
      // Some real regression tests have no media sample: here those whose ID is a multiple of 47.
      sample_id: test.id % 47 === 0 ? null : mediaOf(test.id),
      regression_id: test.id,
      category: test.category,
      command: test.command,
      status: statusOf(exitCode, test.expectedExit, outputs, accepted),
      runtime_ms: runtimeMs,
      exit_code: exitCode,
      expected_exit_code: test.expectedExit,
      result_message: null,
      tags: [...test.tags],
      outputs,
      sample_name: test.sampleName
    }
    result.result_message = messageOf(result)
    return result
  })
}

/**
 * The media sample the server links a result to; null when the regression test has none.
 * @param {SampleResult} result
 */
export function mediaSampleId(result) {
  return result.sample_id ?? null
}

/**
 * The deployed server's serialization of a result (CONTRACT.md, "The shape the deployed server sends").
 * A field the stored result lacks is left out, not sent as null.
 * @param {SampleResult} result
 * @returns {DeployedResult}
 */
export function toDeployedShape(result) {
  const { sample_name, category, command, runtime_ms, exit_code, expected_exit_code, outputs } =
    result
  return {
    regression_test_id: result.regression_id,
    sample_id: mediaSampleId(result),
    ...(sample_name !== undefined && { sample_name }),
    ...(category !== undefined && { categories: category.split(', ') }),
    ...(command !== undefined && { command }),
    status: result.status,
    ...(runtime_ms !== undefined && { runtime_ms }),
    ...(exit_code !== undefined && { exit_code }),
    ...(expected_exit_code !== undefined && { expected_rc: expected_exit_code }),
    ...(outputs !== undefined && { outputs: outputs.map((output) => ({ ...output })) })
  }
}

/**
 * A result as the seed's API document describes it: `regression_id`, `category`,
 * `expected_exit_code`, and the run asked for; a field the stored result lacks stays absent.
 * @param {SampleResult} result
 * @param {number} runId
 */
export function toDocumentedShape(result, runId) {
  return { run_id: runId, ...result, sample_id: result.sample_id ?? null }
}

/**
 * A result with only what the deployed server's schema requires, plus the optional
 * fields given (e.g. `command: null`); every other field is absent from what the fake sends.
 * @param {{ regression_test_id: number, sample_id: number | null, status: string } & Omit<SampleResult, 'regression_id' | 'sample_id' | 'status'>} fields
 * @returns {SampleResult}
 */
export function minimalResult({ regression_test_id, ...fields }) {
  return { regression_id: regression_test_id, ...fields }
}

/**
 * @template {SampleResult} T
 * @param {T[]} results
 */
function byRegressionId(results) {
  return new Map(results.map((result) => [result.regression_id, result]))
}

/**
 * The demo runs, keyed by run ID then regression ID: the pull request run 9412, the
 * master runs before it on linux (9411 the newest) and 9410, 9411's windows twin.
 * Run 9413 is absent: it is still in progress, so the server answers 404.
 * @returns {Map<number, Map<number, CompleteResult>>}
 */
export function defaultRuns() {
  /** @type {[runId: number, failures: Record<number, Failure>][]} */
  const runs = [
    ...MASTER_FAILURES,
    [DEMO.windowsBaselineRunId, WINDOWS_BASELINE_FAILURES],
    [DEMO.runId, PR_FAILURES]
  ]
  return new Map(
    runs.map(([runId, failures]) => [runId, byRegressionId(generateRun(runId, { failures }))])
  )
}
