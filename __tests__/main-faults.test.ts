/**
 * The step as the deployed server really answers and under real faults: each
 * case goes through real HTTP to the fake Sample Platform (and, for the PR
 * comment, the fake GitHub API), as issue "As the real server answers" lists them.
 */
import { describe, expect, it } from '@jest/globals'
import MarkdownIt from 'markdown-it'
import { DEMO } from '../test-support/fake-platform.js'
import { FAKE_GITHUB_TOKEN } from '../test-support/fake-github.js'
import { eventEnv, useFakeGitHub } from '../test-support/github-fixture.js'
import { useFakePlatform } from '../test-support/platform-fixture.js'
import { runStep as runOnRunner } from '../test-support/run-step.js'

/** Faults for the results, not for the run's description read first. */
const onResults = (path: string) => /\/samples(\/|\?)/.test(path)

const platform = useFakePlatform()
const github = useFakeGitHub()
const markdown = new MarkdownIt({ html: true, linkify: true })
markdown.linkify.set({ fuzzyLink: false, fuzzyEmail: false })
const PR = 1702

const runStep = (inputs: Record<string, string>, env: Record<string, string | undefined> = {}) =>
  runOnRunner({ 'api-url': platform().apiUrl, 'api-token': DEMO.token, ...inputs }, env)

const sample = (id: number) => ({ 'run-id': String(DEMO.runId), 'sample-id': String(id) })
const errorsOf = (lines: string[]) => lines.filter((line) => line.startsWith('::error::'))
const warningsOf = (lines: string[]) => lines.filter((line) => line.startsWith('::warning::'))

/** The list endpoint's page body, as the deployed server sends it. */
function page(data: unknown[], pagination: Record<string, unknown> = {}) {
  return {
    data,
    pagination: { limit: 100, offset: 0, total: data.length, next_offset: null, ...pagination },
    meta: {}
  }
}

/** A result with only what the deployed schema requires. */
const minimal = (id: number, status = 'pass') => ({
  regression_test_id: id,
  sample_id: null,
  status
})

describe('results as the deployed schema allows them', () => {
  it('reports a result with only the required fields, showing what is absent as absent', async () => {
    platform().enqueueFault({
      match: onResults,
      json: { ...minimal(DEMO.passingSample), command: null }
    })
    const step = await runStep(sample(DEMO.passingSample))
    expect(errorsOf(step.lines)).toEqual([])
    expect(step.outputs).toMatchObject({
      status: 'pass',
      category: '',
      command: '',
      outputs: 'null'
    })
    expect(step.summary).toContain('**Command:** not given by the server')
    expect(step.summary).toContain('**Output files:** not given by the server')
    expect(step.summary).toContain(`[${DEMO.passingSample}](`)
  })

  it('reads a whole run in which one entry has only the required fields', async () => {
    const full = [...(platform().runs.get(DEMO.runId)?.values() ?? [])].slice(0, 3)
    const entries = [
      ...full.map((result) => ({ ...result, regression_test_id: result.regression_id })),
      minimal(999, 'fail')
    ]
    platform().enqueueFault({ match: (path) => path.includes('/samples?'), json: page(entries) })
    const step = await runStep({ 'run-id': String(DEMO.runId), 'sample-id': 'all' })
    expect(step.outputs.total).toBe('4')
    const results = JSON.parse(step.outputs.results ?? '[]') as { regression_id: number }[]
    expect(results.map((result) => result.regression_id)).toContain(999)
    expect(errorsOf(step.lines)).toEqual([
      expect.stringContaining(`Run ${DEMO.runId}: ❌ 1 of 4 results does not pass`)
    ])
  })

  it('says so when the body is the result of another test, instead of reporting it as asked', async () => {
    platform().enqueueFault({ match: onResults, json: minimal(DEMO.passingSample + 1) })
    const step = await runStep(sample(DEMO.passingSample))
    expect(errorsOf(step.lines)).toEqual([
      `::error::The Sample Platform answered run ${DEMO.runId}, sample ${DEMO.passingSample} with the result of regression test ${DEMO.passingSample + 1}, which is not ${DEMO.passingSample} (the deployed server counts in regression tests). The server mixed up its answers: re-run the job, and report it to the Sample Platform if it persists.`
    ])
  })

  it('labels a result by the ID asked for in the log, the summary and the comment alike', async () => {
    github().addPull({ number: PR, branch: 'dvb' })
    // The media sample (sample_id) is not the regression test the user asked for.
    const result = platform().runs.get(DEMO.runId)?.get(DEMO.failingSample)
    platform().enqueueFault({ match: onResults, json: { ...result, sample_id: 7 } })
    const step = await runStep(
      { ...sample(DEMO.failingSample), comment: 'always', 'github-token': FAKE_GITHUB_TOKEN },
      githubEnv()
    )
    const label = `sample ${DEMO.failingSample}`
    expect(step.lines.some((line) => line.startsWith(`Run ${DEMO.runId}, ${label}:`))).toBe(true)
    expect(step.summary).toContain(`run ${DEMO.runId}, ${label}`)
    expect(github().comments[0]?.body).toContain(`run ${DEMO.runId}, ${label}`)
    expect(step.summary).not.toContain('sample 7')
  })
})

describe('a list the server says is incomplete', () => {
  const passing = () =>
    [...(platform().runs.get(DEMO.runId)?.values() ?? [])]
      .filter((result) => result.status === 'pass')
      .slice(0, 5)
      .map((result) => ({ ...result, regression_test_id: result.regression_id }))

  it.each([
    ['truncated: true', { truncated: true, total: null }, 'the server marked it truncated'],
    [
      'a total of -1 and a next_offset that does not advance',
      { total: -1, next_offset: 0 },
      'its next page would start at 0'
    ],
    ['fewer results than its total', { total: 230 }, 'the server counted 230 results but listed 5']
  ])('is never reported as all passing (%s)', async (_name, pagination, reason) => {
    platform().enqueueFault({
      match: (path) => path.includes('/samples?'),
      json: page(passing(), pagination)
    })
    const step = await runStep({ 'run-id': String(DEMO.runId), 'sample-id': 'all' })
    expect(step.summary).not.toContain('all 5 results pass')
    expect(step.summary).toContain('⚠️ the 5 results read pass')
    expect(step.summary).toContain("The server's list of this run is incomplete")
    expect(warningsOf(step.lines).join('\n')).toContain(reason)
    expect(step.outputs.status).toBe('fail')
    expect(step.failed).toBe(true)
    expect(errorsOf(step.lines)[0]).toContain("the server's list is incomplete")
  })

  it('gets a comment with comment: failure, as the step fails', async () => {
    github().addPull({ number: PR, branch: 'dvb' })
    platform().enqueueFault({
      match: (path) => path.includes('/samples?'),
      json: page(passing(), { truncated: true, total: null })
    })
    const step = await runStep(
      {
        'run-id': String(DEMO.runId),
        'sample-id': 'all',
        comment: 'failure',
        'github-token': FAKE_GITHUB_TOKEN
      },
      githubEnv()
    )
    expect(step.failed).toBe(true)
    expect(step.outputs['comment-action']).toBe('created')
    expect(github().comments[0]?.body).toContain("The server's list of this run is incomplete")
  })
})

it.each(['regression', 'fail'])(
  'an incomplete list fails fail-on %s too: what was left out may regress or fail',
  async (failOn) => {
    const passing = [...(platform().runs.get(DEMO.runId)?.values() ?? [])]
      .filter((result) => result.status === 'pass')
      .slice(0, 5)
      .map((result) => ({ ...result, regression_test_id: result.regression_id }))
    platform().enqueueFault({
      match: (path) => path.startsWith(`/api/v1/runs/${DEMO.runId}/samples?`),
      json: page(passing, { truncated: true, total: null })
    })
    const step = await runStep({
      'run-id': String(DEMO.runId),
      'sample-id': 'all',
      'baseline-run-id': String(DEMO.baselineRunId),
      'fail-on': failOn
    })
    expect(step.failed).toBe(true)
    expect(errorsOf(step.lines)[0]).toContain("the server's list is incomplete")
  }
)

describe('error details as the server sends them', () => {
  it('names each rejected field with its message (400 details.fields as an object)', async () => {
    platform().enqueueFault({
      match: onResults,
      status: 400,
      json: {
        code: 'validation_error',
        message: 'Invalid request.',
        details: { fields: { sample_id: 'Must be between 1 and 2147483647.' } }
      }
    })
    const step = await runStep(sample(5))
    expect(errorsOf(step.lines)[0]).toContain(
      'The server rejected the field(s) sample_id (Must be between 1 and 2147483647.)'
    )
  })

  it('names the scope to add and the scopes the token has (403 details)', async () => {
    platform().enqueueFault({
      match: onResults,
      status: 403,
      json: {
        code: 'forbidden',
        message: 'Token lacks required scope.',
        details: {
          required_scopes: ['runs:read'],
          missing_scopes: ['runs:read'],
          token_scopes: ['samples:read']
        }
      }
    })
    const step = await runStep(sample(5))
    expect(errorsOf(step.lines)[0]).toContain(
      'The api-token lacks the scope runs:read (it has samples:read): create a token with runs:read and update the secret.'
    )
  })
})

describe('a baseline that cannot be read', () => {
  const asked = `${DEMO.passingSample}, ${DEMO.failingSample}`

  it('fails fail-on regression with a clear error, outputs still set', async () => {
    platform().enqueueFault({
      match: (path) => path.startsWith(`/api/v1/runs/${DEMO.baselineRunId}/`),
      status: 503,
      times: 100
    })
    const step = await runStep({
      'run-id': String(DEMO.runId),
      'sample-id': asked,
      'baseline-run-id': String(DEMO.baselineRunId),
      'fail-on': 'regression',
      'max-retries': '1'
    })
    expect(step.failed).toBe(true)
    expect(step.outputs.regressions).toBe('[]')
    const changes = (JSON.parse(step.outputs.results ?? '[]') as { change: string }[]).map(
      (entry) => entry.change
    )
    expect(changes).toEqual(['unknown', 'unknown'])
    expect(errorsOf(step.lines)).toEqual([
      expect.stringMatching(
        /^::error::fail-on: "regression" could not be decided: 2 of 2 samples could not be compared with run 9411, whose results could not be read \(samples 159, 132 could not be read \(The Sample Platform answered 503/
      )
    ])
    expect(step.summary).toContain('2 not compared (the baseline could not be read)')
  })

  it('fails fail-on regression when the whole baseline run cannot be read', async () => {
    platform().enqueueFault({
      match: (path) => path.startsWith(`/api/v1/runs/${DEMO.baselineRunId}/samples?`),
      body: '<html>Bad gateway</html>',
      status: 200
    })
    const step = await runStep({
      'run-id': String(DEMO.runId),
      'sample-id': 'all',
      'baseline-run-id': String(DEMO.baselineRunId),
      'fail-on': 'regression'
    })
    expect(step.failed).toBe(true)
    expect(errorsOf(step.lines).join('\n')).toContain('HTML page instead of JSON')
    expect(step.outputs.total).toBe('230')
  })

  it('counts a sample the baseline run really lacks as new, and passes', async () => {
    const result = platform().runs.get(DEMO.runId)?.get(DEMO.passingSample)
    if (!result) throw new Error('no demo result')
    platform().setResult(DEMO.runId, { ...result, regression_id: 901, sample_id: 901 })
    try {
      const step = await runStep({
        'run-id': String(DEMO.runId),
        'sample-id': `${DEMO.passingSample}, 901`,
        'baseline-run-id': String(DEMO.baselineRunId),
        'fail-on': 'regression'
      })
      expect(step.failed).toBe(false)
      const changes = (JSON.parse(step.outputs.results ?? '[]') as { change: string }[]).map(
        (entry) => entry.change
      )
      expect(changes).toEqual(['still-passing', 'new'])
    } finally {
      platform().runs.get(DEMO.runId)?.delete(901)
    }
  })
})

describe('outputs that cannot be written', () => {
  it.each([
    ['a full disk', '/dev/full', 'ENOSPC'],
    ['a missing folder', '/nonexistent/folder/output', 'Missing file at path']
  ])(
    'still give the verdict and the summary, and say what was not written (%s)',
    async (_name, file, reason) => {
      const step = await runStep(sample(DEMO.failingSample), { GITHUB_OUTPUT: file })
      expect(step.lines).toContain(
        `Run ${DEMO.runId}, sample ${DEMO.failingSample}: ❌ fail (exit code 8, expected 0; 1 of 1 output files differ from the expected)`
      )
      expect(step.summary).toContain(`### ❌ fail: run ${DEMO.runId}`)
      const errors = errorsOf(step.lines)
      expect(errors).toHaveLength(2)
      expect(errors[1]).toMatch(
        /^::error::Could not write the step outputs to the file GITHUB_OUTPUT names \(/
      )
      expect(errors[1]).toContain(reason)
      expect(step.log).not.toContain('Unexpected error')
    }
  )
})

describe('bounded text', () => {
  it('measures outputs in bytes: 25 tags of 9,000 é stay within 1 MB', async () => {
    const result = platform().runs.get(DEMO.runId)?.get(DEMO.passingSample)
    platform().enqueueFault({
      match: onResults,
      json: { ...result, tags: Array.from({ length: 25 }, () => 'é'.repeat(9_000)) }
    })
    const step = await runStep(sample(DEMO.passingSample))
    const bytes = Object.entries(step.outputs).reduce(
      (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value),
      0
    )
    expect(bytes).toBeLessThanOrEqual(1_000_000)
    expect(warningsOf(step.lines).join('\n')).toContain("would pass GitHub's 1 MB per job")
    expect(step.report).toContain('é'.repeat(100))
  })

  it('keeps every log line and annotation to a few KB, whatever the status', async () => {
    const result = platform().runs.get(DEMO.runId)?.get(DEMO.passingSample)
    platform().enqueueFault({
      match: onResults,
      json: { ...result, status: `odd${'x'.repeat(2_000_000)}` }
    })
    const step = await runStep(sample(DEMO.passingSample))
    expect(step.failed).toBe(true)
    expect(Math.max(...step.lines.map((line) => line.length))).toBeLessThan(5_000)
    expect(step.outputs.status?.length).toBeLessThan(1_000_000)
  })

  it('never lists thousands of results past the limit, even lean', async () => {
    const big = Array.from({ length: 3_000 }, (_, i) => ({
      ...minimal(i + 1, `${'odd'.repeat(30)}`),
      categories: ['é'.repeat(500)]
    }))
    platform().enqueueFault({ match: (path) => path.includes('/samples?'), json: page(big) })
    const step = await runStep({ 'run-id': String(DEMO.runId), 'sample-id': 'all' })
    const bytes = Object.values(step.outputs).reduce(
      (sum, value) => sum + Buffer.byteLength(value),
      0
    )
    expect(bytes).toBeLessThanOrEqual(1_000_000)
    expect(JSON.parse(step.outputs.results ?? '[]')).toHaveLength(3_000)
  })
})

describe('the token, encoded', () => {
  const token = DEMO.token
  const entities = [...token].map((char) => `&#${char.codePointAt(0)};`).join('')
  it.each([
    ['percent-encoded', [...token].map((char) => `%${char.charCodeAt(0).toString(16)}`).join('')],
    ['base64', Buffer.from(token).toString('base64')],
    ['base64 of the Authorization header', Buffer.from(`Bearer ${token}`).toString('base64')],
    ['base64url', Buffer.from(token).toString('base64url')],
    [
      'base64 of a JSON document that holds it',
      Buffer.from(JSON.stringify({ token })).toString('base64')
    ],
    ['base64 at the other offset', Buffer.from(`x${token}`).toString('base64')],
    ['as HTML character references', entities],
    ['as hexadecimal character references, partly', `spci&#x5F;${token.slice(5)}`]
  ])('never reaches the summary, outputs, report file or log (%s)', async (_name, echoed) => {
    const result = platform().runs.get(DEMO.runId)?.get(DEMO.failingSample)
    platform().enqueueFault({
      match: onResults,
      json: { ...result, result_message: `echo: ${echoed} end`, tags: [echoed] }
    })
    const step = await runStep(sample(DEMO.failingSample))
    for (const text of [step.summary, step.report ?? '', JSON.stringify(step.outputs), step.log]) {
      expect(text).not.toContain(echoed)
    }
    const message = step.outputs['result-message'] ?? ''
    expect(message).toMatch(/^echo: \S*\*\*\*\S* end$/)
    // What is left around *** (a base64 edge) decodes to no more than a few bytes of it.
    for (const word of message.split(/\s|\*\*\*/)) {
      expect(Buffer.from(word, 'base64').toString('latin1')).not.toContain(token.slice(4))
    }
  })
})

describe('markdown that survives cutting', () => {
  it('keeps the note, the links and the marker out of a code block a message opened', async () => {
    github().addPull({ number: PR, branch: 'dvb' })
    const result = platform().runs.get(DEMO.runId)?.get(DEMO.failingSample)
    // A message with fence lines of its own, then enough output files to cut the comment after it.
    const message = `${'```\nnot a fence of ours\n'.repeat(3)}caption line`
    const outputs = Array.from({ length: 100 }, (_, i) => ({
      output_id: i,
      filename: `${'f'.repeat(300)}.srt`,
      status: 's'.repeat(300)
    }))
    const tags = Array.from({ length: 50 }, () => 't'.repeat(300))
    platform().enqueueFault({
      match: onResults,
      json: { ...result, result_message: message, outputs, tags }
    })
    await runStep(
      { ...sample(DEMO.failingSample), comment: 'always', 'github-token': FAKE_GITHUB_TOKEN },
      githubEnv()
    )
    const body = github().comments[0]?.body ?? ''
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toContain("*This comment is shortened to fit GitHub's limit")
    const html = markdown.render(body)
    expect(html).toContain(
      '<a href="https://github.com/CCExtractor/ccextractor/actions/runs/8123456789">Job log and full summary</a>'
    )
    expect(html).toContain('<!-- sample-result-action')
    expect(html).toContain("<em>This comment is shortened to fit GitHub's limit")
  })
})

describe('small ones', () => {
  it.each(['constructor', '__proto__', 'toString'])(
    'renders a status named %s as itself',
    async (status) => {
      const result = platform().runs.get(DEMO.runId)?.get(DEMO.failingSample)
      platform().enqueueFault({
        match: onResults,
        json: {
          ...result,
          status,
          outputs: [{ output_id: 1, filename: 'a.srt', status }]
        }
      })
      const step = await runStep(sample(DEMO.failingSample))
      const text = `${step.summary}\n${step.log}`
      expect(text).not.toMatch(/function Object|\[object Object\]|native code/)
      expect(step.summary).toContain(`❔ ${status.replaceAll('_', '\\_')}`)
    }
  )

  it('turns no bare URL of the server into a link', async () => {
    github().addPull({ number: PR, branch: 'dvb' })
    const result = platform().runs.get(DEMO.runId)?.get(DEMO.failingSample)
    platform().enqueueFault({
      match: onResults,
      json: {
        ...result,
        category: 'see https://evil.example/x and www.evil.example',
        sample_name: 'http://evil.example/name'
      }
    })
    await runStep(
      { ...sample(DEMO.failingSample), comment: 'always', 'github-token': FAKE_GITHUB_TOKEN },
      githubEnv()
    )
    const [comment] = github().comments
    expect(comment?.body).toContain('evil.example/x')
    const html = markdown.render(comment?.body ?? '')
    expect(html).not.toMatch(/href="[^"]*evil/)
  })
})

function githubEnv(): Record<string, string> {
  return eventEnv(github(), 'pull_request')
}
