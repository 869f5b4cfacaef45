// @ts-check
/**
 * `npm run check:fake-platform`: checks the fake Sample Platform against the deployed
 * server's own OpenAPI description, by hand (not part of npm test, which must pass
 * on a clone without that file).
 *
 * Starts the fake, puts Prism (@stoplight/prism-cli, through npx) in front of it as a
 * validating proxy, sends a representative set of requests (every endpoint the fake
 * serves, success and each error) and fails on every response Prism finds at odds with
 * the description. On top it checks what the description leaves open but the server
 * does (shared/api/CONTRACT.md): rate-limit headers on every answer, error codes,
 * `details.fields` as an object, the 403 and 429 details.
 *
 *   OPENAPI_YAML   the description, default ../shared/api/openapi-ci-api.yaml
 *                  (beside the repository); absent: says so and exits 0
 *   PRISM          the Prism package, default @stoplight/prism-cli@5.16.0
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEMO, mediaOf, minimalResult, startFakePlatform } from '../test-support/fake-platform.js'
import { srtFile } from '../test-support/output-files.js'
import { defaultRunFields } from '../test-support/run-fields.js'
import { generateRun } from '../test-support/sample-runs.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const yamlPath = resolve(root, process.env.OPENAPI_YAML ?? '../shared/api/openapi-ci-api.yaml')
const prismPackage = process.env.PRISM ?? '@stoplight/prism-cli@5.16.0'
const PRISM_START_MS = 180_000

/**
 * One request and what must come back.
 * @typedef {object} Case
 * @property {string} path under /api/v1, query included
 * @property {number} status
 * @property {string | null} [token] default DEMO.token; null sends none
 * @property {boolean} [invalidRequest] the request breaks the description on purpose (a 400, a
 *   missing token): Prism's request violations are expected, its response ones are not
 * @property {() => unknown} [before] changes the fake first (list quirks, output files); awaited
 */

/** Error codes per status (CONTRACT.md, "Errors"). */
const ERROR_CODES = /** @type {Record<number, string>} */ ({
  400: 'validation_error',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  422: 'unprocessable',
  429: 'rate_limited'
})

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)

/** @param {unknown} value */
const isStringArray = (value) =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')

/**
 * What CONTRACT.md says of every answer that the OpenAPI schema leaves open.
 * @param {number} status
 * @param {unknown} body
 * @param {Headers} headers
 */
function contractProblems(status, body, headers) {
  const problems = []
  for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'])
    if (!/^\d+$/.test(headers.get(name) ?? '')) problems.push(`header ${name} is not an integer`)
  if (!headers.get('content-type')?.startsWith('application/json'))
    problems.push('the body is not JSON')
  if (status < 400) {
    if (isObject(body) && 'pagination' in body && !('meta' in body && isObject(body.meta)))
      problems.push('a page without meta {}')
    return problems
  }
  if (!isObject(body) || typeof body.code !== 'string' || typeof body.message !== 'string')
    return [...problems, 'the error body is not {code, message, details}']
  const details = isObject(body.details)
    ? /** @type {Record<string, unknown>} */ (body.details)
    : null
  if (!details) problems.push('details is not an object')
  if (body.code !== (ERROR_CODES[status] ?? body.code))
    problems.push(`code ${body.code} for ${status}`)
  if (status === 400) {
    const fields = details?.fields
    if (!isObject(fields) || Object.keys(fields).length === 0)
      problems.push('details.fields is not an object from field name to message')
    else if (!Object.values(fields).every((message) => typeof message === 'string'))
      problems.push('a message in details.fields is not a string')
  }
  if (status === 403)
    for (const name of ['required_scopes', 'missing_scopes', 'token_scopes'])
      if (!isStringArray(details?.[name])) problems.push(`details.${name} is not a list`)
  if (status === 429) {
    if (!/^\d+$/.test(headers.get('retry-after') ?? '')) problems.push('no Retry-After in seconds')
    if (typeof details?.retry_after !== 'number' || typeof details.limit !== 'number')
      problems.push('details.retry_after or details.limit missing')
    if (typeof details?.window !== 'string') problems.push('details.window missing')
  }
  return problems
}

/** A TCP port nothing listens on right now. */
async function freePort() {
  const server = createServer()
  await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)))
  const address = server.address()
  await new Promise((done) => server.close(done))
  if (address === null || typeof address === 'string') throw new Error('no TCP port')
  return address.port
}

/**
 * Starts Prism as a validating proxy in front of `upstream`; resolves once it listens.
 * @param {string} upstream
 * @param {number} port
 */
async function startPrism(upstream, port) {
  const args = ['--yes', prismPackage, 'proxy', yamlPath, upstream, '--host', '127.0.0.1']
  const child = spawn('npx', [...args, '--port', String(port)], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let log = ''
  const listening = new Promise((ready, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`Prism did not start in ${PRISM_START_MS / 1000} s:\n${log}`)),
      PRISM_START_MS
    )
    const read = (/** @type {Buffer} */ chunk) => {
      log += chunk.toString()
      if (!log.includes('Prism is listening')) return
      clearTimeout(timer)
      ready(undefined)
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.on('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`Prism exited (${code}) before listening:\n${log}`))
    })
  })
  /** Stops npx and the Prism it started: they share the process group we created. */
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid)
  }
  try {
    await listening
  } catch (cause) {
    stop()
    throw cause
  }
  return { stop }
}

/**
 * @typedef {object} Violation
 * @property {string[]} location
 * @property {string} message
 */

/** Prism's findings on one exchange, from its sl-violations header. */
function violationsOf(/** @type {Headers} */ headers) {
  const header = headers.get('sl-violations')
  return header ? /** @type {Violation[]} */ (JSON.parse(header)) : []
}

if (!existsSync(yamlPath)) {
  console.log(`No OpenAPI description at ${yamlPath} (set OPENAPI_YAML): nothing to check.`)
  process.exit(0)
}

// A fixed clock: scheduled runs stay in the state each case expects.
const clock = Date.UTC(2026, 10, 30, 12)
const platform = await startFakePlatform({
  now: () => clock,
  tokens: {
    [DEMO.token]: { scopes: ['runs:read', 'results:read'] },
    spci_check_runs_only: { scopes: ['runs:read'] },
    spci_check_no_scope: { scopes: [] },
    spci_check_expired: { expired: true },
    spci_check_burst: {}
  }
})
const minute = 60_000
platform.scheduleCommit(
  { linux: 9500, windows: 9501 },
  {
    at: clock - 10 * minute,
    queuedMs: 5 * minute,
    runningMs: 20 * minute,
    windows: { runningMs: 0, outcome: 'canceled' }
  }
)
platform.scheduleRun(9502, { at: clock - minute, queuedMs: 15 * minute, branch: 'pull_request' })
platform.setResult(
  DEMO.runId,
  minimalResult({ regression_test_id: 250, sample_id: null, status: 'pass' })
)
platform.setResult(
  DEMO.runId,
  minimalResult({ regression_test_id: 251, sample_id: 251, status: 'fail', command: null })
)
// 9500 is a quarter through its results: its last one is not there yet.
const lastOf9500 = generateRun(9500).at(-1)?.regression_id ?? 0
const baselineSha = defaultRunFields(DEMO.baselineRunId).commit_sha
/** The diff of an output of regression test `regression` (its media sample is mediaOf(regression)). */
const diff = (/** @type {number} */ regression, /** @type {number} */ output, query = '') =>
  `/runs/${DEMO.runId}/samples/${mediaOf(regression)}/regression-tests/${regression}/outputs/${output}/diff${query}`

/** @type {Case[]} */
const cases = [
  { path: '/runs', status: 200 },
  { path: `/runs?commit_sha=${baselineSha}&platform=linux&sort=-created_at&limit=5`, status: 200 },
  {
    path: '/runs?branch=master&platform=linux&repository=CCExtractor/ccextractor&limit=20',
    status: 200
  },
  { path: '/runs?status=running', status: 200 },
  { path: '/runs?status=queued&platform=linux', status: 200 },
  { path: '/runs?status=canceled&platform=windows', status: 200 },
  { path: '/runs?sort=created_at&limit=2&offset=1', status: 200 },
  { path: '/runs?sort=-run_id&created_after=2026-07-14T00:00:00Z', status: 200 },
  { path: '/runs?status=pass', status: 400 },
  { path: '/runs?platform=mac', status: 400, invalidRequest: true },
  { path: '/runs?commit_sha=0b1a967', status: 400, invalidRequest: true },
  { path: '/runs?limit=0&offset=-1', status: 400, invalidRequest: true },
  { path: `/runs/${DEMO.runId}`, status: 200 },
  { path: '/runs/9500', status: 200 },
  { path: '/runs/9501', status: 200 },
  { path: '/runs/9502', status: 200 },
  { path: `/runs/${DEMO.inProgressRunId}`, status: 404 },
  { path: '/runs/abc', status: 400, invalidRequest: true },
  { path: `/runs/${DEMO.runId}/summary`, status: 200 },
  { path: '/runs/9500/summary', status: 200 },
  { path: '/runs/9502/summary', status: 200 },
  { path: `/runs/${DEMO.inProgressRunId}/summary`, status: 404 },
  { path: `/runs/${DEMO.runId}/samples`, status: 200 },
  { path: `/runs/${DEMO.runId}/samples?limit=100&offset=200`, status: 200 },
  { path: `/runs/${DEMO.runId}/samples?status=fail&category=DVB`, status: 200 },
  { path: `/runs/${DEMO.runId}/samples?tag=teletext&name=bbc`, status: 200 },
  { path: '/runs/9500/samples?limit=100', status: 200 },
  {
    path: `/runs/${DEMO.runId}/samples?limit=100`,
    status: 200,
    before: () => platform.setListQuirks({ scanLimit: 60, total: null })
  },
  {
    path: `/runs/${DEMO.runId}/samples?limit=10&offset=20`,
    status: 200,
    before: () => platform.setListQuirks({ total: -1, stuckNextOffset: true })
  },
  {
    path: `/runs/${DEMO.runId}/samples?limit=101`,
    status: 400,
    invalidRequest: true,
    before: () => platform.setListQuirks(null)
  },
  { path: `/runs/${DEMO.runId}/samples?status=passed`, status: 400, invalidRequest: true },
  { path: `/runs/${DEMO.inProgressRunId}/samples`, status: 404 },
  { path: `/runs/${DEMO.runId}/samples/${DEMO.failingSample}`, status: 200 },
  { path: `/runs/${DEMO.runId}/samples/47`, status: 200 },
  { path: `/runs/${DEMO.runId}/samples/250`, status: 200 },
  { path: `/runs/${DEMO.runId}/samples/251`, status: 200 },
  { path: `/runs/${DEMO.runId}/samples/999`, status: 404 },
  { path: `/runs/9500/samples/${lastOf9500}`, status: 404 },
  { path: `/runs/${DEMO.runId}/samples/0`, status: 400, invalidRequest: true },
  { path: diff(132, 4117, '?format=unified'), status: 200 },
  { path: diff(132, 4117), status: 200 },
  { path: diff(132, 4117, '?format=structured&context_lines=10'), status: 200 },
  { path: diff(42, 4038), status: 200 },
  { path: diff(201, 4170, '?format=unified'), status: 200 },
  { path: diff(DEMO.passingSample, 4138), status: 200 },
  {
    path: diff(DEMO.timeoutSample, 4110, '?format=unified'),
    status: 200,
    before: () =>
      platform.setOutputFiles(DEMO.runId, DEMO.timeoutSample, 110, {
        expected: srtFile(3000),
        actual: srtFile(3000, { shiftMs: 40 })
      })
  },
  { path: diff(DEMO.timeoutSample, 4110), status: 200 },
  {
    path: diff(DEMO.alternativeSample, 4103),
    status: 200,
    before: () =>
      platform.setOutputFiles(DEMO.runId, DEMO.alternativeSample, 103, {
        actual:
          '```\n@everyone <img src=x onerror=alert(1)>\n::error::pwned\n[x](javascript:alert(1))\n'
      })
  },
  { path: diff(132, 4117), status: 403, token: 'spci_check_runs_only' },
  { path: diff(132, 4117, '?context_lines=0'), status: 400, invalidRequest: true },
  {
    path: `/runs/${DEMO.runId}/samples/${mediaOf(131)}/regression-tests/132/outputs/4117/diff`,
    status: 404
  },
  {
    path: diff(92, 4083),
    status: 404,
    before: () => platform.setOutputFiles(DEMO.runId, 92, 4083, { missingOnDisk: 'expected' })
  },
  {
    path: diff(165, 4144),
    status: 422,
    before: () => platform.setOutputFiles(DEMO.runId, 165, 4144, { sizeBytes: 11 << 20 })
  },
  {
    path: `/samples/${mediaOf(DEMO.failingSample)}/history?regression_test_id=${DEMO.failingSample}&branch=master&platform=linux&limit=10`,
    status: 200
  },
  { path: `/samples/${mediaOf(DEMO.timeoutSample)}/history?status=fail`, status: 200 },
  { path: `/samples/${mediaOf(17)}/history?platform=windows&offset=0`, status: 200 },
  { path: `/runs/${DEMO.runId}/progress`, status: 200 },
  { path: `/runs/${DEMO.runId}/progress?status=completed&limit=5`, status: 200 },
  { path: '/runs/9999/progress', status: 404 },
  { path: '/samples/999/history', status: 404 },
  { path: `/samples/${mediaOf(DEMO.failingSample)}/history?regression_test_id=131`, status: 400 },
  {
    path: `/samples/${mediaOf(DEMO.failingSample)}/history?platform=mac`,
    status: 400,
    invalidRequest: true
  },
  { path: `/runs/${DEMO.runId}`, status: 401, token: null, invalidRequest: true },
  { path: `/runs/${DEMO.runId}`, status: 401, token: 'spci_check_expired' },
  { path: `/runs/${DEMO.runId}/samples/1`, status: 403, token: 'spci_check_no_scope' },
  {
    path: `/runs/${DEMO.runId}`,
    status: 429,
    token: 'spci_check_burst',
    // The token's window is used up by requests straight to the fake.
    before: () => Promise.all(Array.from({ length: 120 }, spendOneRequest))
  }
]

/** One request of the burst token's window, bypassing Prism. */
async function spendOneRequest() {
  const response = await fetch(`${platform.apiUrl}/runs/${DEMO.runId}`, {
    headers: { Authorization: 'Bearer spci_check_burst' }
  })
  await response.arrayBuffer()
}

let prism = { stop: () => {} }
let failures = 0
try {
  const port = await freePort()
  console.log(`Checking the fake against ${yamlPath} with ${prismPackage} (may download it first)`)
  prism = await startPrism(platform.apiUrl, port)
  for (const entry of cases) {
    await entry.before?.()
    const token = entry.token === undefined ? DEMO.token : entry.token
    const response = await fetch(`http://127.0.0.1:${port}${entry.path}`, {
      headers: token === null ? {} : { Authorization: `Bearer ${token}` }
    })
    const text = await response.text()
    /** @type {unknown} */
    let body = null
    try {
      body = JSON.parse(text)
    } catch {
      body = text
    }
    const violations = violationsOf(response.headers)
    const problems = [
      ...(response.status === entry.status
        ? []
        : [`status ${response.status}, not ${entry.status}`]),
      ...violations
        .filter((violation) => violation.location[0] !== 'request' || !entry.invalidRequest)
        .map((violation) => `${violation.location.join('.')}: ${violation.message}`),
      ...contractProblems(response.status, body, response.headers)
    ]
    const expected = violations.filter((violation) => violation.location[0] === 'request')
    const note = entry.invalidRequest && expected.length ? ' (invalid request, as meant)' : ''
    console.log(
      `${problems.length ? 'FAIL' : 'ok  '} GET ${entry.path} -> ${response.status}${note}`
    )
    for (const problem of problems) console.log(`       ${problem}`)
    if (problems.length) failures += 1
  }
} finally {
  prism.stop()
  await platform.close()
}
console.log(
  failures
    ? `\n${failures} of ${cases.length} answers differ from the description or the contract.`
    : `\nAll ${cases.length} answers match the description and the contract.`
)
process.exitCode = failures ? 1 : 0
