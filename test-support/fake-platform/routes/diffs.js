// @ts-check
/** Output diffs: GET /runs/{run_id}/samples/{sample_id}/regression-tests/{regression_id}/outputs/{output_id}/diff. */
import { mediaSampleId } from '../../sample-runs.js'
import { error, json, notFound, readParams } from '../http.js'
import { diffLines, splitLines, toHunks, unifiedLines } from '../line-diff.js'
import { findResult } from './results.js'

/** @typedef {import('./context.js').Route} Route */
/** @typedef {import('../line-diff.js').Hunk} Hunk */

const FORMATS = /** @type {const} */ (['structured', 'unified'])
/** The server diffs no file over 10 MiB. */
const MAX_FILE_BYTES = 10 * 1024 * 1024
/** Past this many lines the server cuts a unified diff and says so on a last line. */
const MAX_UNIFIED_LINES = 10_000
const TRUNCATION_LINE = '... Diff truncated due to length ...'
/** The bounds of a structured diff (the server's schema: hunks, lines per hunk, characters per line). */
const MAX_HUNKS = 500
const MAX_HUNK_LINES = 500
const MAX_TEXT = 1000

/** The unified text, cut after MAX_UNIFIED_LINES lines; empty when nothing differs. */
function unifiedContent(/** @type {Hunk[]} */ hunks) {
  const lines = unifiedLines(hunks)
  if (lines.length === 0) return ''
  const kept =
    lines.length > MAX_UNIFIED_LINES
      ? [...lines.slice(0, MAX_UNIFIED_LINES), TRUNCATION_LINE]
      : lines
  return `${kept.join('\n')}\n`
}

/** Hunks within the structured diff's bounds. */
function boundedHunks(/** @type {Hunk[]} */ hunks) {
  return hunks.slice(0, MAX_HUNKS).map((hunk) => ({
    ...hunk,
    lines: hunk.lines
      .slice(0, MAX_HUNK_LINES)
      .map((line) => ({ ...line, text: line.text.slice(0, MAX_TEXT) }))
  }))
}

/** @type {Route} */
const getDiff = {
  pattern: /^\/runs\/([^/]+)\/samples\/([^/]+)\/regression-tests\/([^/]+)\/outputs\/([^/]+)\/diff$/,
  scope: 'results:read',
  handle([runText = '', sampleText = '', regressionText = '', outputText = ''], { store, query }) {
    const params = readParams(query)
    const ids = {
      run_id: params.id('run_id', runText),
      sample_id: params.id('sample_id', sampleText),
      regression_id: params.id('regression_id', regressionText),
      output_id: params.id('output_id', outputText)
    }
    const format = params.oneOf('format', FORMATS) ?? 'structured'
    const context = params.int('context_lines', 3, 1, 50)
    const rejected = params.rejection()
    if (rejected) return rejected
    const {
      run_id: runId,
      sample_id: sampleId,
      regression_id: regressionId,
      output_id: outputId
    } = ids
    const found = findResult(store, runId, regressionId)
    if ('answer' in found) return found.answer
    const { result } = found
    if (mediaSampleId(result) !== sampleId)
      return notFound(
        `Sample ${sampleId} has no regression test ${regressionId} in run ${runId}.`,
        'sample'
      )
    const output = result.outputs?.find((entry) => entry.output_id === outputId)
    if (!output)
      return notFound(
        `Output ${outputId} not found for regression test ${regressionId} in run ${runId}.`,
        'output'
      )
    const files = store.filesOf(runId, result, output)
    if (files.missingOnDisk)
      return notFound(
        `The ${files.missingOnDisk} file of output ${outputId} is missing on disk.`,
        'file'
      )
    const size =
      files.sizeBytes ??
      Math.max(...[files.expected, files.actual].map((text) => Buffer.byteLength(text ?? '')))
    if (size > MAX_FILE_BYTES)
      return error(422, `Output ${outputId} is over 10 MiB: it cannot be diffed.`, {
        size_bytes: size,
        max_bytes: MAX_FILE_BYTES
      })
    const { expected, actual } = files
    const lines =
      expected !== null && actual !== null
        ? diffLines(splitLines(expected), splitLines(actual))
        : []
    const hunks = toHunks(lines, context)
    if (format === 'unified') return json(200, { ...ids, format, content: unifiedContent(hunks) })
    const status =
      expected === null
        ? 'missing_expected'
        : actual === null
          ? 'missing_actual'
          : hunks.length > 0
            ? 'different'
            : 'identical'
    return json(200, {
      ...ids,
      format,
      status,
      summary: {
        added_lines: lines.filter((line) => line.kind === 'added').length,
        removed_lines: lines.filter((line) => line.kind === 'removed').length,
        changed_hunks: hunks.length
      },
      hunks: boundedHunks(hunks)
    })
  }
}

export const diffRoutes = [getDiff]
