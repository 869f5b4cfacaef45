/** The files the step writes on the runner: the report file and the job summary. */
import * as core from '@actions/core'
import { appendFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { logSnippet } from '../shared/text.js'

/** Writes the whole report where later steps can read it; returns its path. */
export async function writeReportFile(runId: number, markdown: string): Promise<string> {
  const file = join(process.env.RUNNER_TEMP || tmpdir(), `sample-results-run-${runId}.md`)
  await writeFile(file, markdown)
  return file
}

/**
 * Appends to the file the runner names. (core.summary caches that name for the
 * life of the process, which is one step on a runner but not in tests.)
 */
export async function appendJobSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) {
    core.warning(
      'Could not write the job summary: GITHUB_STEP_SUMMARY is not set (not on a GitHub runner?).'
    )
    return
  }
  try {
    await appendFile(file, markdown)
  } catch (error) {
    core.warning(`Could not write the job summary: ${logSnippet(errorText(error))}`)
  }
}

/** The message of anything thrown. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
