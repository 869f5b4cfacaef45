// @ts-check
/**
 * The action end to end against the embedded fake Sample Platform: starts it on
 * a free loopback port, runs dist/index.js as the runner does, and prints the
 * log, the outputs and the job summary. Needs nothing but Node (no npm install).
 *
 *   node scripts/demo.js                  a passing and a failing sample
 *   node scripts/demo.js 42 123           each sample of run 9412 you name, one step each
 *   node scripts/demo.js all "40-45, 132" one step for the whole run, one for a list,
 *                                         each compared with the baseline run 9411
 *   node scripts/demo.js --commit         a pull request's commit: its linux and windows runs
 *                                         appear, are waited for (a few seconds), and are
 *                                         compared with the runs of the base commit
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO, startFakePlatform } from '../test-support/fake-platform.js'
import { runAction } from '../test-support/runner.js'
import { generateRun } from '../test-support/sample-runs.js'

const commitMode = process.argv.includes('--commit')
const asked = process.argv.slice(2).filter((word) => word !== '--commit')
const platform = await startFakePlatform()
const bold = process.stdout.isTTY ? (/** @type {string} */ text) => `\x1b[1m${text}\x1b[0m` : String
const rule = (/** @type {string} */ title) =>
  `\n${bold(`━━ ${title} ${'━'.repeat(Math.max(0, 72 - title.length))}`)}`

/**
 * A pull request event whose commit the platform tests on both platforms: the runs
 * appear a second after the step starts and finish within seconds; the base commit's
 * runs are finished already.
 */
function scheduleCommit() {
  const head = '5e1f3b7c9a2d4e6f8a0b1c3d5e7f9a1b3c5d7e9f'
  const base = '7d3a1c5e9b2f4a6c8e0d1b3f5a7c9e1b3d5f7a9c'
  const now = Date.now()
  platform.scheduleCommit(
    { linux: 9490, windows: 9491 },
    { at: now - 3 * 3600_000, commit_sha: base, branch: 'master' }
  )
  platform.scheduleCommit(
    { linux: 9500, windows: 9501 },
    {
      at: now + 1000,
      queuedMs: 500,
      runningMs: 4000,
      commit_sha: head,
      branch: 'pull_request',
      linux: { results: generateRun(9500, { failures: { [DEMO.failingSample]: 'both' } }) },
      windows: {
        results: generateRun(9501, { failures: { [DEMO.missingOutputSample]: 'missing_output' } })
      }
    }
  )
  const dir = mkdtempSync(join(tmpdir(), 'demo-event-'))
  const event = join(dir, 'event.json')
  const repo = { full_name: 'CCExtractor/ccextractor' }
  writeFileSync(
    event,
    JSON.stringify({
      pull_request: { number: 1789, head: { sha: head }, base: { sha: base, repo } }
    })
  )
  return {
    env: {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: 'CCExtractor/ccextractor'
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  }
}

try {
  const commit = commitMode ? scheduleCommit() : null
  const steps = commitMode
    ? ['all']
    : asked.length > 0
      ? asked
      : [DEMO.passingSample, DEMO.failingSample]
  for (const sampleId of steps) {
    const several = !/^\d+$/.test(String(sampleId).trim())
    /** @type {Record<string, string>} */
    const inputs = commitMode
      ? {
          'sample-id': 'all',
          platform: 'linux, windows',
          'baseline-run-id': 'auto',
          'wait-timeout': '120',
          'fail-on': 'regression',
          'api-token': DEMO.token,
          'api-url': platform.apiUrl
        }
      : {
          'run-id': String(DEMO.runId),
          'sample-id': String(sampleId),
          ...(several ? { 'baseline-run-id': String(DEMO.baselineRunId) } : {}),
          'api-token': DEMO.token,
          'api-url': platform.apiUrl
        }
    const step = await runAction({ inputs, env: commit?.env ?? {} })
    commit?.cleanup()
    // The runner replaces masked secrets with *** in the log; so does the demo.
    const masked = (/** @type {string} */ text) => text.replaceAll(DEMO.token, '***')

    console.log(
      rule(
        commitMode
          ? 'the commit of pull request 1789, linux and windows: node dist/index.js'
          : `run-id ${DEMO.runId}, sample-id ${sampleId}: node dist/index.js`
      )
    )
    console.log(
      `inputs: ${Object.entries({ ...inputs, 'api-token': '***' })
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`
    )
    console.log(rule('log (the runner hides ::debug:: lines unless debug logging is on)'))
    console.log(masked(step.stdout + step.stderr).trimEnd())
    console.log(rule(`exit code ${step.code}: the step ${step.code === 0 ? 'passes' : 'fails'}`))
    console.log(rule('outputs'))
    for (const [name, value] of Object.entries(step.outputs)) {
      const shown =
        value.length > 100 ? `${value.slice(0, 100)}… (${value.length} characters)` : value
      console.log(`${name.padEnd(19)} ${JSON.stringify(shown)}`)
    }
    console.log(rule('job summary (markdown)'))
    console.log(step.summary.trimEnd())
  }
} finally {
  await platform.close()
}
