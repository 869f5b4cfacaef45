// @ts-check
/**
 * Runs the action the way the GitHub runner does: inputs as INPUT_* variables,
 * outputs and the job summary through the files named by GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY. Node built-ins only, for the demo on a fresh clone.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * @typedef {object} ActionRun
 * @property {number | null} code exit code of the process
 * @property {string} stdout the log as the runner would show it
 * @property {string} stderr
 * @property {Record<string, string>} outputs parsed from GITHUB_OUTPUT
 * @property {string} summary contents of GITHUB_STEP_SUMMARY
 */

/**
 * A fresh runner environment: INPUT_* variables and empty output and summary files.
 * @param {Record<string, string>} inputs action inputs by their action.yml names
 */
export function createRunnerEnv(inputs) {
  const dir = mkdtempSync(join(tmpdir(), 'sample-result-action-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  // The workspace too, as on a runner: files the action writes by relative path land here.
  const workspace = join(dir, 'workspace')
  /** @type {Record<string, string>} */
  const env = {
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    GITHUB_WORKSPACE: workspace
  }
  for (const [name, value] of Object.entries(inputs)) {
    // The runner's rule: spaces become underscores, then upper case; hyphens stay.
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  return {
    env,
    readOutputs: () => parseOutputFile(readFileSync(outputFile, 'utf8')),
    readSummary: () => readFileSync(summaryFile, 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Reads a GITHUB_OUTPUT file: `name<<DELIMITER`, the value's lines, `DELIMITER`.
 * @param {string} text
 */
export function parseOutputFile(text) {
  /** @type {Record<string, string>} */
  const outputs = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const header = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!header) continue
    const [, name = '', delimiter] = header
    const end = lines.indexOf(delimiter ?? '', i + 1)
    outputs[name] = lines.slice(i + 1, end).join('\n')
    i = end
  }
  return outputs
}

/**
 * Runs dist/index.js in a child process as the runner would.
 * @param {{ node?: string, entry?: string, inputs: Record<string, string>, env?: Record<string, string> }} options
 * @returns {Promise<ActionRun>}
 */
export async function runAction({
  node = process.execPath,
  entry = 'dist/index.js',
  inputs,
  env = {}
}) {
  const runner = createRunnerEnv(inputs)
  try {
    const child = spawn(node, [entry], {
      env: { PATH: process.env.PATH ?? '', ...runner.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    /** @type {number | null} */
    const code = await new Promise((resolve, reject) => {
      child.on('error', reject)
      child.on('close', resolve)
    })
    return { code, stdout, stderr, outputs: runner.readOutputs(), summary: runner.readSummary() }
  } finally {
    runner.cleanup()
  }
}
