import * as v from 'valibot'
import { ActionError } from '../../shared/errors.js'

/**
 * The statuses the Sample Platform documents. Only `pass` is passing; a status
 * outside this list is still shown verbatim and counts as not passing.
 */
export const KNOWN_STATUSES = [
  'pass',
  'fail',
  'missing_output',
  'skipped',
  'running',
  'not_started'
] as const

/** Whether a result with this status passes. The one definition the action uses. */
export function isPassing(status: string): boolean {
  return status === 'pass'
}

/** Statuses that say the run has not finished this result yet. */
export function isFinal(status: string): boolean {
  return status !== 'running' && status !== 'not_started'
}

/**
 * One regression test result in a run, in the documented shape of the API.
 * The deployed server requires only the regression test, the sample and the
 * status: what it leaves out is null here, never a made-up value.
 */
export interface SampleResult {
  run_id: number
  /** The media sample; null when the server does not link one. */
  sample_id: number | null
  /** The regression test: the ID the action asks for and labels the result with. */
  regression_id: number
  /** Null when the server sent none. */
  category: string | null
  /** The ccextractor arguments; null when the server sent none. */
  command: string | null
  status: string
  runtime_ms: number | null
  exit_code: number | null
  expected_exit_code: number | null
  result_message: string | null
  tags: string[]
  /** The entries as the server sent them: their fields are not guaranteed. Null when not sent. */
  outputs: unknown[] | null
  /** Only the deployed server sends it; present here only when it did. */
  sample_name?: string | null
}

/** An expected output file, read leniently from one `outputs` entry. */
export interface OutputFile {
  outputId: number | null
  filename: string | null
  status: string | null
}

const integer = v.pipe(v.number(), v.integer())

/**
 * Both shapes in one schema: the documented one and the one the deployed server
 * sends (CONTRACT.md). Unknown fields are dropped, so extra ones never break us.
 */
const resultSchema = v.object({
  run_id: v.optional(integer),
  sample_id: v.nullish(integer),
  regression_id: v.optional(integer),
  regression_test_id: v.optional(integer),
  category: v.optional(v.string()),
  categories: v.optional(v.array(v.string())),
  command: v.nullish(v.string()),
  status: v.string(),
  runtime_ms: v.nullish(integer),
  exit_code: v.nullish(integer),
  expected_exit_code: v.nullish(integer),
  expected_rc: v.nullish(integer),
  result_message: v.nullish(v.string()),
  tags: v.nullish(v.array(v.string())),
  outputs: v.nullish(v.array(v.unknown())),
  sample_name: v.nullish(v.string())
})

/**
 * Which vocabulary a body speaks, which decides what the number asked for may
 * match: `documented` (it has `regression_id`) calls the number "a sample or
 * regression result ID"; `deployed` (`regression_test_id`) counts in
 * regression tests, and its `sample_id` is the media sample.
 */
export type ResultShape = 'documented' | 'deployed'

/** A result as read, with the shape its body had. */
export interface ReadResult {
  result: SampleResult
  shape: ResultShape
}

/**
 * Whether a result answers the number asked for: `regression` when it is the
 * result's regression test, `sample` when a documented body names it as its
 * sample, null when neither (the server mixed up its answers).
 */
export function answers(read: ReadResult, asked: number): 'regression' | 'sample' | null {
  if (read.result.regression_id === asked) return 'regression'
  if (read.shape === 'documented' && read.result.sample_id === asked) return 'sample'
  return null
}

/** "regression test 77 of sample 143": what a body says it is, for messages. */
export function describeAnswer(read: ReadResult): string {
  const { regression_id: regression, sample_id: sample } = read.result
  if (sample === null) return `regression test ${regression}`
  return read.shape === 'documented'
    ? `sample ${sample} (regression test ${regression})`
    : `regression test ${regression} (media sample ${sample})`
}

/** A body that is the result of another number than the one asked for. */
export class MixedUpAnswer extends ActionError {
  /** "sample 142 got regression test 77 (media sample 1077)" */
  readonly pairing: string

  constructor(runId: number, asked: number, read: ReadResult) {
    const what = describeAnswer(read)
    super(
      'response',
      `The Sample Platform answered run ${runId}, sample ${asked} with the result of ${what}, which is not ${asked}${read.shape === 'deployed' ? ' (the deployed server counts in regression tests)' : ''}. The server mixed up its answers: re-run the job, and report it to the Sample Platform if it persists.`
    )
    this.pairing = `sample ${asked} got ${what}`
  }
}

/** The IDs the action asked for, used where the deployed server leaves them out. */
export interface ResultRequest {
  runId: number
  /**
   * The number in the path: the body must answer it (see `answers`). Absent
   * for entries of the list endpoint.
   */
  sampleId?: number
  /** Where the result came from, for messages; "sample N" by default. */
  label?: string
}

/**
 * Validates a 200 body and normalises it to the documented shape. Throws an
 * ActionError of kind `response` that names the first field that is wrong,
 * or a MixedUpAnswer when it is the result of another number.
 */
export function parseResult(body: unknown, request: ResultRequest): SampleResult {
  const read = readResult(body, request)
  if (request.sampleId !== undefined && answers(read, request.sampleId) === null) {
    throw new MixedUpAnswer(request.runId, request.sampleId, read)
  }
  return read.result
}

/** A body in either shape, normalised to the documented one, with the shape it had. */
function readResult(body: unknown, request: ResultRequest): ReadResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw notAResult(request, `the body is ${describeJsonType(body)}, not an object`)
  }
  const parsed = v.safeParse(resultSchema, body)
  if (!parsed.success) {
    const [issue] = parsed.issues
    throw notAResult(request, describeIssue(issue))
  }
  const raw = parsed.output
  const regressionId = raw.regression_id ?? raw.regression_test_id
  if (regressionId === undefined) {
    throw notAResult(request, 'field "regression_id" is missing')
  }
  const result: SampleResult = {
    run_id: raw.run_id ?? request.runId,
    sample_id: raw.sample_id ?? null,
    regression_id: regressionId,
    category: raw.category ?? (raw.categories ? raw.categories.join(', ') : null),
    command: raw.command ?? null,
    status: raw.status,
    runtime_ms: raw.runtime_ms ?? null,
    exit_code: raw.exit_code ?? null,
    expected_exit_code: raw.expected_exit_code ?? raw.expected_rc ?? null,
    result_message: raw.result_message ?? null,
    tags: raw.tags ?? [],
    outputs: raw.outputs ?? null
  }
  if (raw.sample_name !== undefined) result.sample_name = raw.sample_name
  return { result, shape: raw.regression_id === undefined ? 'deployed' : 'documented' }
}

/** Reads the filename and status of an `outputs` entry, whatever else it holds. */
export function readOutputFile(entry: unknown): OutputFile {
  const fields =
    typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {}
  return {
    outputId: Number.isSafeInteger(fields.output_id) ? (fields.output_id as number) : null,
    filename: typeof fields.filename === 'string' ? fields.filename : null,
    status: typeof fields.status === 'string' ? fields.status : null
  }
}

const pageSchema = v.object({
  data: v.array(v.unknown()),
  pagination: v.object({
    limit: v.nullish(integer),
    next_offset: v.nullish(integer),
    total: v.nullish(integer),
    truncated: v.nullish(v.boolean())
  })
})

/** One page of the list endpoint. */
export interface ResultPage {
  data: ReadResult[]
  nextOffset: number | null
  /** What the server counted; null when it did not (null or -1). */
  total: number | null
  /** The server stopped scanning early: the list is not the whole run. */
  truncated: boolean
}

/** One page of the list endpoint, each entry validated and normalised like a single result. */
export function parseResultPage(
  body: unknown,
  page: { runId: number; offset: number; limit: number }
): ResultPage {
  const parsed = v.safeParse(pageSchema, body)
  if (!parsed.success) {
    throw notAResult(
      { runId: page.runId, label: `the list at offset ${page.offset}` },
      describeIssue(parsed.issues[0])
    )
  }
  const data = parsed.output.data.map((entry, index) =>
    readResult(entry, { runId: page.runId, label: `entry ${page.offset + index} of the list` })
  )
  const { limit, next_offset, total: counted, truncated } = parsed.output.pagination
  const total = counted !== null && counted !== undefined && counted >= 0 ? counted : null
  return {
    data,
    nextOffset:
      next_offset === undefined
        ? followingOffset(page.offset, limit ?? page.limit, data.length, total)
        : next_offset,
    total,
    truncated: truncated === true
  }
}

/**
 * Where the next page starts when a page does not say (the deployed schema
 * requires only limit, offset and total): after this one, while that is below
 * the total, or, without a total, while pages come full.
 */
function followingOffset(
  offset: number,
  limit: number,
  received: number,
  total: number | null
): number | null {
  const next = offset + limit
  if (received === 0) return null
  return (total === null ? received >= limit : next < total) ? next : null
}

function notAResult(request: ResultRequest, problem: string): ActionError {
  const what = request.label ?? `sample ${request.sampleId}`
  return new ActionError(
    'response',
    `The Sample Platform's answer for run ${request.runId}, ${what} is not what this action can read: ${problem}. Check that api-url points at the Sample Platform API (it ends in /api/v1).`
  )
}

function describeIssue(issue: v.BaseIssue<unknown> | undefined): string {
  if (issue === undefined) return 'it does not match the documented shape'
  const field = v.getDotPath(issue) ?? 'body'
  if (issue.received === 'undefined') return `field "${field}" is missing`
  const expected = EXPECTED_BY_TYPE[issue.type] ?? `of type ${issue.expected ?? issue.type}`
  return `field "${field}" should be ${expected}, not ${issue.received}`
}

const EXPECTED_BY_TYPE: Record<string, string> = {
  number: 'an integer',
  integer: 'an integer',
  string: 'a string',
  array: 'an array'
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}
