/**
 * junit-file and ctrf-file through real HTTP: the files other tools read,
 * checked by their own readers (the ctrf package's validator; junitparser,
 * the library EnricoMi/publish-unit-test-result-action uses, where Debian's
 * python3-junitparser is installed; an XML validator always).
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { validate } from 'ctrf'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { DEMO, type FakePlatform, type FakePlatformOptions } from '../test-support/fake-platform.js'
import { startFakePlatformPerTest } from '../test-support/platform-fixture.js'
import { runStep } from '../test-support/run-step.js'
import { generateRun } from '../test-support/sample-runs.js'
import { testClock } from '../test-support/test-clock.js'

const startPlatform = startFakePlatformPerTest()
let workspace = ''
afterEach(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true })
  workspace = ''
})

/** A fake platform, and a workspace for the files the step writes. */
async function start(options: FakePlatformOptions = {}): Promise<FakePlatform> {
  workspace = mkdtempSync(join(tmpdir(), 'workspace-'))
  return startPlatform(options)
}

/** A step that writes both files into the workspace, under a folder that does not exist yet. */
function reportInputs(fake: FakePlatform, more: Record<string, string>): Record<string, string> {
  return {
    'api-url': fake.apiUrl,
    'api-token': DEMO.token,
    'junit-file': 'reports/junit.xml',
    'ctrf-file': 'reports/ctrf.json',
    ...more
  }
}

interface CtrfTest {
  name: string
  status: string
  duration: number
  message?: string
  trace?: string
  suite?: string[]
  flaky?: boolean
  extra?: Record<string, unknown>
}

function readBoth(outputs: Record<string, string>) {
  expect(outputs['junit-file']).toBe(join(workspace, 'reports/junit.xml'))
  expect(outputs['ctrf-file']).toBe(join(workspace, 'reports/ctrf.json'))
  const junit = readFileSync(outputs['junit-file'] ?? '', 'utf8')
  const ctrf = JSON.parse(readFileSync(outputs['ctrf-file'] ?? '', 'utf8')) as {
    results: { summary: Record<string, number>; tests: CtrfTest[] }
  }
  // The ctrf package's own validator, not a check of ours.
  expect(validate(ctrf)).toEqual({ valid: true, errors: [] })
  expect(XMLValidator.validate(junit)).toBe(true)
  return { junit, ctrf }
}

/** A JUnit document as a peer reads it: suites with their counts and cases. */
interface ReadSuite {
  name: string
  tests: number
  failures: number
  errors: number
  skipped: number
  cases: { name: string; classname: string; result: string[] }[]
}

/** The JUnit file through Debian's junitparser (EnricoMi's library); null where it is absent. */
function junitParser(file: string): ReadSuite[] | null {
  const python = '/usr/bin/python3'
  if (!existsSync(python)) return null
  const script = `
import json, sys
try:
    from junitparser import JUnitXml
except ImportError:
    print('null'); sys.exit(0)
xml = JUnitXml.fromfile(sys.argv[1])
print(json.dumps([{'name': s.name, 'tests': s.tests, 'failures': s.failures, 'errors': s.errors,
  'skipped': s.skipped, 'cases': [{'name': c.name, 'classname': c.classname,
  'result': [type(r).__name__ for r in c.result]} for c in s]} for s in xml]))
`
  const read = JSON.parse(execFileSync(python, ['-c', script, file], { encoding: 'utf8' })) as
    ReadSuite[] | null
  if (read === null)
    console.warn(
      'junitparser not installed (apt-get install python3-junitparser): the JUnit file was checked by the XML validator only.'
    )
  return read
}

/** The same counts, read by a JavaScript XML parser: what every environment can check. */
function xmlSuites(junit: string): ReadSuite[] {
  const doc = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(name)
  }).parse(junit) as {
    testsuites: { testsuite: Record<string, unknown>[] }
  }
  return doc.testsuites.testsuite.map((suite) => ({
    name: String(suite['@_name']),
    tests: Number(suite['@_tests']),
    failures: Number(suite['@_failures']),
    errors: Number(suite['@_errors']),
    skipped: Number(suite['@_skipped']),
    cases: ((suite.testcase ?? []) as Record<string, unknown>[]).map((each) => ({
      name: String(each['@_name']),
      classname: String(each['@_classname']),
      result: ['failure', 'error', 'skipped']
        .filter((kind) => kind in each)
        .map((kind) => (kind === 'failure' ? 'Failure' : kind === 'error' ? 'Error' : 'Skipped'))
    }))
  }))
}

/** What both readers say of the file, which must agree. */
function suitesOf(file: string, junit: string): ReadSuite[] {
  const ours = xmlSuites(junit)
  const peer = junitParser(file)
  if (peer !== null) expect(peer).toEqual(ours)
  return ours
}

describe('junit-file and ctrf-file', () => {
  it('for one passing sample: one suite, one test case that passed', async () => {
    const fake = await start()
    const step = await runStep(
      reportInputs(fake, { 'run-id': String(DEMO.runId), 'sample-id': String(DEMO.passingSample) }),
      { GITHUB_WORKSPACE: workspace }
    )
    expect(step.failed).toBe(false)
    const { junit, ctrf } = readBoth(step.outputs)
    const [suite] = suitesOf(step.outputs['junit-file'] ?? '', junit)
    expect(suite).toMatchObject({
      name: `Sample Platform run ${DEMO.runId}`,
      tests: 1,
      failures: 0,
      errors: 0,
      skipped: 0
    })
    expect(suite?.cases).toEqual([
      {
        name: expect.stringMatching(new RegExp(`^sample ${DEMO.passingSample}: --`)),
        classname: 'Teletext',
        result: []
      }
    ])
    expect(ctrf.results.summary).toMatchObject({ tests: 1, passed: 1, failed: 0, other: 0 })
    expect(ctrf.results.tests[0]).toMatchObject({
      status: 'passed',
      suite: [`Sample Platform run ${DEMO.runId}`, 'Teletext'],
      extra: { run_id: DEMO.runId, regression_id: DEMO.passingSample }
    })
  })

  it('for a whole run on two platforms compared with a baseline, with history and diffs', async () => {
    const clock = testClock({ start: Date.UTC(2026, 11, 1, 12) })
    const fake = await start({ now: clock.now })
    const sha = fake.scheduleCommit(
      { linux: 9500, windows: 9501 },
      {
        at: clock.now() - 3 * 3600_000,
        branch: 'pull_request',
        linux: {
          results: generateRun(9500, { failures: { [DEMO.failingSample]: 'both', 92: 'output' } })
        },
        windows: {
          results: generateRun(9501, { failures: { [DEMO.missingOutputSample]: 'missing_output' } })
        }
      }
    )
    const step = await runStep(
      reportInputs(fake, {
        commit: sha,
        platform: 'linux, windows',
        'sample-id': 'all',
        'baseline-run-id': `${DEMO.baselineRunId}, ${DEMO.windowsBaselineRunId}`,
        'fail-on': 'regression'
      }),
      { GITHUB_WORKSPACE: workspace },
      { clock }
    )
    expect(step.failed).toBe(true)
    const { junit, ctrf } = readBoth(step.outputs)
    const suites = suitesOf(step.outputs['junit-file'] ?? '', junit)
    expect(
      suites.map(({ name, tests, failures, errors, skipped }) => ({
        name,
        tests,
        failures,
        errors,
        skipped
      }))
    ).toEqual([
      { name: 'Sample Platform linux run 9500', tests: 230, failures: 2, errors: 0, skipped: 0 },
      { name: 'Sample Platform windows run 9501', tests: 230, failures: 1, errors: 0, skipped: 0 }
    ])
    expect(junit).toContain('<property name="baseline_run_id" value="9411"/>')
    expect(junit).toContain(`<property name="commit" value="${sha}"/>`)
    expect(junit).toMatch(
      /<testsuite name="Sample Platform linux run 9500" [^>]*timestamp="2026-12-01T09:00:00"/
    )
    // 132 regressed on linux: its failure carries the exit codes, the output and its diff.
    const failing = ctrf.results.tests.find(
      (test) => test.extra?.platform === 'linux' && test.extra.regression_id === DEMO.failingSample
    )
    expect(failing).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(
        /^fail: exit code 8, expected 0; 1 of 1 output files differ from the expected; outputs: 4117 \(/
      ),
      trace: expect.stringMatching(
        /^output 4117 \([0-9a-f]+\.txt\)\n--- expected\n\+\+\+ actual\n@@ /
      ),
      extra: { change: 'regression', baseline_status: 'pass', history: 'new', run_id: 9500 }
    })
    expect(junit).toMatch(
      /<failure type="fail" message="fail: exit code 8, expected 0;[^"]*"><!\[CDATA\[output 4117/
    )
    expect(ctrf.results.summary).toMatchObject({ tests: 460, passed: 457, failed: 3, suites: 2 })
  })

  it('for an incomplete list: what was read, and the rest as an error', async () => {
    const fake = await start({ listQuirks: { scanLimit: 200 } })
    const step = await runStep(
      reportInputs(fake, {
        'run-id': String(DEMO.runId),
        'sample-id': 'all',
        diffs: '0',
        history: '0'
      }),
      { GITHUB_WORKSPACE: workspace }
    )
    expect(step.failed).toBe(true)
    const { junit, ctrf } = readBoth(step.outputs)
    const [suite] = suitesOf(step.outputs['junit-file'] ?? '', junit)
    expect(suite).toMatchObject({ tests: 101, errors: 1 })
    expect(suite?.cases.at(-1)).toEqual({
      name: 'the whole run',
      classname: '(the run)',
      result: ['Error']
    })
    expect(ctrf.results.tests.at(-1)).toMatchObject({
      status: 'other',
      message: expect.stringContaining('incomplete')
    })
  })

  it('for samples that could not be fetched and a run without results: errors', async () => {
    const fake = await start()
    fake.enqueueFault({
      match: (path) => path.endsWith(`/samples/${DEMO.failingSample}`),
      status: 500,
      times: 10
    })
    const step = await runStep(
      reportInputs(fake, {
        'run-id': String(DEMO.runId),
        'sample-id': `${DEMO.passingSample}, ${DEMO.failingSample}`,
        'max-retries': '0'
      }),
      { GITHUB_WORKSPACE: workspace }
    )
    const { junit, ctrf } = readBoth(step.outputs)
    const [suite] = suitesOf(step.outputs['junit-file'] ?? '', junit)
    expect(suite?.cases.map((each) => [each.name.split(':')[0], each.result])).toEqual([
      [`sample ${DEMO.passingSample}`, []],
      [`sample ${DEMO.failingSample}`, ['Error']]
    ])
    expect(ctrf.results.summary).toMatchObject({ tests: 2, passed: 1, other: 1 })
  })

  it('keep hostile text inert: no markup, no CDATA end, no control characters, no token', async () => {
    const fake = await start()
    const hostile = `x]]><injected attr="1"/>&amp;\u0000\u0007\u001b[31m"'<![CDATA[ ${DEMO.token}`
    fake.enqueueFault({
      match: (path) => path.endsWith(`/samples/${DEMO.failingSample}`),
      json: {
        regression_test_id: DEMO.failingSample,
        sample_id: null,
        categories: [hostile],
        command: hostile,
        status: `fail${hostile}`,
        outputs: [{ output_id: 7, filename: hostile, status: 'fail' }]
      }
    })
    const step = await runStep(
      reportInputs(fake, { 'run-id': String(DEMO.runId), 'sample-id': String(DEMO.failingSample) }),
      { GITHUB_WORKSPACE: workspace }
    )
    const { junit, ctrf } = readBoth(step.outputs)
    const [suite] = suitesOf(step.outputs['junit-file'] ?? '', junit)
    expect(suite?.cases).toHaveLength(1)
    expect(junit).not.toContain('<injected')
    // eslint-disable-next-line no-control-regex -- no control character may be left
    expect(junit).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/)
    for (const text of [junit, JSON.stringify(ctrf)]) expect(text).not.toContain(DEMO.token)
    expect(suite?.cases[0]?.classname).toContain(']]><injected attr="1"/>&amp;')
  })

  it('are not written when not asked for, and the outputs say so', async () => {
    const fake = await start()
    const step = await runStep(
      {
        'api-url': fake.apiUrl,
        'api-token': DEMO.token,
        'run-id': String(DEMO.runId),
        'sample-id': String(DEMO.passingSample)
      },
      { GITHUB_WORKSPACE: workspace }
    )
    expect(step.outputs).toMatchObject({ 'junit-file': '', 'ctrf-file': '' })
    expect(existsSync(join(workspace, 'reports'))).toBe(false)
  })
})
