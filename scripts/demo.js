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
 */
import { DEMO, startFakePlatform } from '../test-support/fake-platform.js'
import { runAction } from '../test-support/runner.js'

const asked = process.argv.slice(2)
const platform = await startFakePlatform()
const bold = process.stdout.isTTY ? (/** @type {string} */ text) => `\x1b[1m${text}\x1b[0m` : String
const rule = (/** @type {string} */ title) =>
  `\n${bold(`━━ ${title} ${'━'.repeat(Math.max(0, 72 - title.length))}`)}`

try {
  for (const sampleId of asked.length > 0 ? asked : [DEMO.passingSample, DEMO.failingSample]) {
    const several = !/^\d+$/.test(String(sampleId).trim())
    const inputs = {
      'run-id': String(DEMO.runId),
      'sample-id': String(sampleId),
      ...(several ? { 'baseline-run-id': String(DEMO.baselineRunId) } : {}),
      'api-token': DEMO.token,
      'api-url': platform.apiUrl
    }
    const step = await runAction({ inputs })
    // The runner replaces masked secrets with *** in the log; so does the demo.
    const masked = (/** @type {string} */ text) => text.replaceAll(DEMO.token, '***')

    console.log(rule(`run-id ${DEMO.runId}, sample-id ${sampleId}: node dist/index.js`))
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
