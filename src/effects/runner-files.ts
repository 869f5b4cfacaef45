/**
 * What the step writes on the runner: its outputs, the report file, the job
 * summary and its log. A file that cannot be written costs that file, never
 * the verdict: the log and the job summary still say how the run went.
 */
import * as core from '@actions/core'
import { appendFile, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { logLine, logSnippet } from '../shared/text.js'

/** The step's log and annotations: every line inert and bounded, whatever it quotes. */
export const stepLog = {
  debug: (line: string) => core.debug(logLine(line)),
  info: (line: string) => core.info(logLine(line)),
  warning: (line: string) => core.warning(logLine(line)),
  fail: (message: string) => core.setFailed(logLine(message))
}

/** Sets outputs; after the first that cannot be written, says why instead of trying the rest. */
export interface OutputWriter {
  set(outputs: Record<string, string>): void
  /** Why the outputs could not be written; null when they were. */
  problem(): string | null
}

export function createOutputWriter(): OutputWriter {
  let problem: string | null = null
  return {
    set(outputs) {
      if (problem !== null) return
      try {
        for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
      } catch (error) {
        problem = `Could not write the step outputs to the file GITHUB_OUTPUT names (${logSnippet(errorText(error))}): later steps cannot read them. The verdict is in the log above and the report in the job summary.`
      }
    },
    problem: () => problem
  }
}

/** Writes the whole report where later steps can read it; returns its path, '' when it could not. */
export async function writeReportFile(runs: string, markdown: string): Promise<string> {
  const file = join(process.env.RUNNER_TEMP || tmpdir(), `sample-results-run-${runs}.md`)
  try {
    await writeFile(file, markdown)
    return file
  } catch (error) {
    stepLog.warning(
      `Could not write the report file (${logSnippet(errorText(error))}); the report-file output is empty.`
    )
    return ''
  }
}

/**
 * Writes a file for other tools (junit-file, ctrf-file) where the input says,
 * relative to the workspace, creating its folder; returns the path written, ''
 * when it could not be (one warning: the verdict does not depend on it).
 */
export async function writeTestReportFile(
  input: string,
  path: string,
  content: string
): Promise<string> {
  const file = resolve(process.env.GITHUB_WORKSPACE || process.cwd(), path)
  try {
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, content)
    return file
  } catch (error) {
    stepLog.warning(
      `Could not write ${input} (${logSnippet(errorText(error))}); the ${input} output is empty.`
    )
    return ''
  }
}

/**
 * Appends to the file the runner names. (core.summary caches that name for the
 * life of the process, which is one step on a runner but not in tests.)
 */
export async function appendJobSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) {
    stepLog.warning(
      'Could not write the job summary: GITHUB_STEP_SUMMARY is not set (not on a GitHub runner?).'
    )
    return
  }
  try {
    await appendFile(file, markdown)
  } catch (error) {
    stepLog.warning(`Could not write the job summary: ${logSnippet(errorText(error))}`)
  }
}

/** The message of anything thrown. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
