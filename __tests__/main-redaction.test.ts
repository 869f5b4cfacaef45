/**
 * The api-token echoed by a server in every form the redaction knows (issue 15,
 * finding 4), through real HTTP to the fake Sample Platform and the fake
 * GitHub API: it reaches none of the log (annotations included), the outputs,
 * the job summary, the report file or the pull request comment.
 */
import { describe, expect, it } from '@jest/globals'
import { DEMO } from '../test-support/fake-platform.js'
import { FAKE_GITHUB_TOKEN } from '../test-support/fake-github.js'
import { eventEnv, useFakeGitHub } from '../test-support/github-fixture.js'
import { useFakePlatform } from '../test-support/platform-fixture.js'
import { runStep, type StepRun } from '../test-support/run-step.js'
import { echoedForms, revealsToken } from '../test-support/token-echo.js'

const platform = useFakePlatform()
const github = useFakeGitHub()
const PR = 1702
const token = DEMO.token

const isResult = (path: string) =>
  path.includes(`/samples/${DEMO.failingSample}`) && !path.includes('/diff?')
const isDiff = (path: string) => path.includes('/diff?')

/** A step on the failing sample that comments on the pull request. */
async function step(): Promise<{ run: StepRun; comments: string[] }> {
  github().addPull({ number: PR, branch: 'dvb' })
  const run = await runStep(
    {
      'run-id': String(DEMO.runId),
      'sample-id': String(DEMO.failingSample),
      'api-url': platform().apiUrl,
      'api-token': token,
      'github-token': FAKE_GITHUB_TOKEN,
      comment: 'always'
    },
    eventEnv(github(), 'pull_request')
  )
  return { run, comments: github().comments.map((comment) => comment.body) }
}

/** Every place the step writes to, by name; the log without the line that masks the token. */
function places(run: StepRun, comments: string[]): [string, string][] {
  const log = run.lines.filter((line) => !line.startsWith('::add-mask::')).join('\n')
  return [
    ['log', log],
    ['summary', run.summary],
    ['report file', run.report ?? ''],
    ...Object.entries(run.outputs).map(([name, value]): [string, string] => [
      `output ${name}`,
      value
    ]),
    ...comments.map((body, i): [string, string] => [`comment ${i}`, body])
  ]
}

function expectNoToken(run: StepRun, comments: string[]) {
  const revealing = places(run, comments)
    .filter(([, text]) => revealsToken(text, token))
    .map(([name]) => name)
  expect(revealing).toEqual([])
}

describe('the token, echoed', () => {
  it.each(echoedForms(token))(
    'reaches nothing the step writes from a result message, a category or a diff (%s)',
    async (_name, echoed) => {
      expect(revealsToken(echoed, token)).toBe(true)
      const result = platform().runs.get(DEMO.runId)?.get(DEMO.failingSample)
      platform().enqueueFault({
        match: isResult,
        json: { ...result, result_message: `echo: ${echoed} end`, category: echoed }
      })
      platform().enqueueFault({
        match: isDiff,
        json: {
          run_id: DEMO.runId,
          sample_id: DEMO.failingSample,
          regression_id: DEMO.failingSample,
          output_id: DEMO.failingOutput,
          format: 'unified',
          content: `--- expected\n+++ actual\n@@ -1 +1 @@\n-the line\n+echo: ${echoed} end\n`
        }
      })
      const { run, comments } = await step()
      expectNoToken(run, comments)
      expect(comments).toHaveLength(1)
      expect(run.outputs['result-message']).toBe('echo: *** end')
      expect(run.outputs.category).toBe('***')
      for (const text of [run.summary, comments[0] ?? '']) expect(text).toContain('+echo: *** end')
    }
  )

  it.each(echoedForms(token))(
    'reaches nothing the step writes from the message of a 403 (%s)',
    async (_name, echoed) => {
      expect(revealsToken(echoed, token)).toBe(true)
      platform().enqueueFault({
        match: isResult,
        status: 403,
        json: {
          code: 'forbidden',
          message: `echo: ${echoed} end`,
          details: { token_scopes: [echoed] }
        }
      })
      const { run, comments } = await step()
      expectNoToken(run, comments)
      expect(run.failed).toBe(true)
      const errors = run.lines.filter((line) => line.startsWith('::error::'))
      expect(errors).toEqual([expect.stringContaining('403 forbidden: "echo: *** end"')])
      expect(errors[0]).toContain('(it has ***)')
    }
  )

  it.each(echoedForms(token))(
    "reaches nothing the step writes from the message of a diff's 404 (%s)",
    async (_name, echoed) => {
      expect(revealsToken(echoed, token)).toBe(true)
      platform().enqueueFault({
        match: isDiff,
        status: 404,
        json: { code: 'not_found', message: `echo: ${echoed} end`, details: { resource: 'output' } }
      })
      const { run, comments } = await step()
      expectNoToken(run, comments)
      for (const text of [run.summary, comments[0] ?? ''])
        expect(text).toContain('the server did not find it (404: echo: \\*\\*\\* end)')
      expect(run.log).toContain('404 not_found: "echo: *** end"')
    }
  )
})
