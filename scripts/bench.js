// @ts-check
/**
 * `npm run bench`: wall times of the bundled action against what users would
 * otherwise run, medians of several runs in one process tree, with ratios.
 *
 *   1. one sample: the action (and how many requests it made), a minimal Node
 *      script (the floor), curl | jq; 1b. the same over a 100 ms round trip
 *   2. 230 listed samples, 20 ms server latency, no rate limit: the action (through
 *      the list endpoint, and one request per sample on a server without it), a curl loop
 *   3. 230 samples under 40 requests per 2 s window, one request each (a server
 *      without the list endpoint): the action against the bound the limit allows,
 *      and the 429s it received
 *   4. a run that finishes 100 s after the step starts: requests while waiting,
 *      and how long after the end the action notices it (one run, real time)
 *   5. a commit's two runs of 230 results: what writing junit-file and ctrf-file adds
 *   6. a commit whose two runs end 30 min after the step would start, in both of the README's
 *      set-ups: the status set-up (a job for each platform's `CI - ` status, after its run's
 *      end; real time, medians) and the waiting set-up (a job that polls until both end; one
 *      run on a clock 60 times faster, scripts/bench-scaled-time.js, times shown scaled back)
 *
 * BENCH_RUNS sets the runs per case (default 5), BENCH_CASES which cases run
 * (e.g. 1,2; default all). Not a test: CI does not run it.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { DEMO, startFakePlatform } from '../test-support/fake-platform.js'
import { FAKE_GITHUB_TOKEN, FAKE_REPOSITORY, startFakeGitHub } from '../test-support/fake-github.js'
import { generateRun } from '../test-support/sample-runs.js'
import { findNode24 } from '../test-support/node24.js'
import { createRunnerEnv } from '../test-support/runner.js'

// Timings under another Node than the runner's would mislead: skip, saying why.
const node24 = findNode24()
if (node24.path === null) {
  console.warn(`bench: skipped. ${node24.reason}`)
  process.exit(0)
}
const NODE = node24.path
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
/** BENCH_CASES=1,3 runs only those cases; default all. */
const CASES = process.env.BENCH_CASES?.split(',').map((name) => name.trim()) ?? null
const wanted = (/** @type {string} */ name) => CASES === null || CASES.includes(name)

/**
 * Wall time of one child process, from spawn to exit.
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} env
 */
async function timeProcess(command, args, env) {
  const started = performance.now()
  const code = await new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: 'ignore'
    })
    child.on('error', reject)
    child.on('close', resolve)
  })
  const ms = performance.now() - started
  return { ms, code }
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/**
 * Runs each variant RUNS times, interleaved so that drift hits all alike, after one warm-up each.
 * @param {Record<string, () => Promise<number>>} variants each returns a wall time in ms
 */
async function measure(variants) {
  /** @type {Record<string, number[]>} */
  const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]))
  for (const run of Object.values(variants)) await run()
  for (let i = 0; i < RUNS; i++) {
    for (const [name, run] of Object.entries(variants)) times[name]?.push(await run())
  }
  return Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]))
}

/**
 * A server that answers the list endpoint with 405, as one without it would:
 * the action then reads each sample with a request of its own.
 * @param {import('../test-support/fake-platform.js').FakePlatform} platform
 */
function withoutList(platform) {
  platform.enqueueFault({ match: (path) => /\/samples\?/.test(path), status: 405, times: 1e9 })
}

/**
 * The action as the runner starts it.
 * @param {Record<string, string>} inputs
 * @param {{ env?: Record<string, string>, nodeArgs?: string[] }} [more] runner variables
 *   besides the inputs (an event's), Node options before the bundle
 */
async function runActionOnce(inputs, { env = {}, nodeArgs = [] } = {}) {
  const runner = createRunnerEnv({
    'api-token': DEMO.token,
    'run-id': String(DEMO.runId),
    ...inputs
  })
  try {
    const { ms, code } = await timeProcess(NODE, [...nodeArgs, 'dist/index.js'], {
      ...runner.env,
      ...env
    })
    if (code !== 0)
      throw new Error(`the action failed (exit ${code}): ${runner.readOutputs().status ?? ''}`)
    return ms
  } finally {
    runner.cleanup()
  }
}

/** "1 request", "3 requests" */
const requestCount = (/** @type {number | undefined} */ count) =>
  `${count} request${count === 1 ? '' : 's'}`

/** @type {string[][]} */
const rows = []
/**
 * @param {string} benchCase
 * @param {string} variant
 * @param {number | string} ms a time in ms, or the cell as it is to be shown
 * @param {string} ratio
 * @param {string} target
 */
const row = (benchCase, variant, ms, ratio, target) =>
  rows.push([
    benchCase,
    variant,
    typeof ms === 'number' ? `${Math.round(ms)} ms` : ms,
    ratio,
    target
  ])

// Case 1: one sample, on loopback and over a link with a 100 ms round trip.
/** @type {[label: string, latencyMs: number, target: string][]} */
const ONE_SAMPLE_CASES = [
  ['1. one sample', 0, '≤ 1.5 × floor'],
  ['1b. one sample, 100 ms round trip', 100, '≤ 1.3 × floor']
]
for (const [label, latencyMs, target] of wanted('1') ? ONE_SAMPLE_CASES : []) {
  const platform = await startFakePlatform({ rateLimit: null, latencyMs })
  const url = `${platform.apiUrl}/runs/${DEMO.runId}/samples/${DEMO.passingSample}`
  const floorScript = `import { writeFileSync } from 'node:fs'
const response = await fetch(process.env.URL, { headers: { Authorization: 'Bearer ' + process.env.TOKEN } })
const result = await response.json()
writeFileSync(process.env.OUT, 'status=' + result.status + '\\n')`
  const env = { URL: url, TOKEN: DEMO.token, OUT: '/dev/null' }
  /** Requests of the action's last run: the seed's job is one. */
  let actionRequests = 0
  const times = await measure({
    action: async () => {
      platform.reset()
      const ms = await runActionOnce({
        'sample-id': String(DEMO.passingSample),
        'api-url': platform.apiUrl
      })
      actionRequests = platform.requests.length
      return ms
    },
    floor: async () =>
      (await timeProcess(NODE, ['--input-type=module', '-e', floorScript], env)).ms,
    curl: async () =>
      (
        await timeProcess(
          'bash',
          ['-c', 'curl -s -H "Authorization: Bearer $TOKEN" "$URL" | jq -r .status > "$OUT"'],
          env
        )
      ).ms
  })
  const floor = times.floor ?? NaN
  row(label, 'minimal Node script: one fetch, one output file (floor)', floor, '1.00', '')
  row(label, 'curl -s | jq', times.curl ?? NaN, ((times.curl ?? NaN) / floor).toFixed(2), '')
  row(
    label,
    `node dist/index.js (${requestCount(actionRequests)})`,
    times.action ?? NaN,
    ((times.action ?? NaN) / floor).toFixed(2),
    target
  )
  await platform.close()
}

// Case 2: 230 listed samples, 20 ms latency, no rate limit.
if (wanted('2')) {
  const platform = await startFakePlatform({ rateLimit: null, latencyMs: 20 })
  const ids = [...(platform.runs.get(DEMO.runId)?.keys() ?? [])]
  const loop =
    'for id in $IDS; do curl -s -H "Authorization: Bearer $TOKEN" "$BASE/$id" > /dev/null; done'
  const env = {
    IDS: ids.join(' '),
    TOKEN: DEMO.token,
    BASE: `${platform.apiUrl}/runs/${DEMO.runId}/samples`
  }
  // Results only: diffs and history cost a request each, and are measured by what they add.
  const inputs = {
    'sample-id': ids.join(','),
    'api-url': platform.apiUrl,
    'fail-on': 'never',
    summary: 'false',
    diffs: '0',
    history: '0'
  }
  const one = { ...inputs, 'sample-id': String(DEMO.passingSample) }
  const requestsOf = async (/** @type {Record<string, string>} */ asked) => {
    platform.reset()
    const ms = await runActionOnce(asked)
    return { ms, requests: platform.requests.length }
  }
  /** @type {Record<string, number>} */
  const requests = {}
  const times = await measure({
    curl: async () => (await timeProcess('bash', ['-c', loop], env)).ms,
    one: async () => {
      const { ms, requests: count } = await requestsOf(one)
      requests.one = count
      return ms
    },
    listed: async () => {
      const { ms, requests: count } = await requestsOf(inputs)
      requests.listed = count
      return ms
    },
    each: async () => {
      platform.reset()
      withoutList(platform)
      const ms = await runActionOnce(inputs)
      requests.each = platform.requests.length
      return ms
    }
  })
  const label = `2. ${ids.length} listed samples, 20 ms latency`
  const curl = times.curl ?? NaN
  const single = times.one ?? NaN
  row(label, 'sequential curl loop', curl, '1.00', '')
  row(
    label,
    `action, one sample (${requestCount(requests.one)})`,
    single,
    `${(curl / single).toFixed(1)}× faster`,
    ''
  )
  row(
    label,
    `action, through the list endpoint (${requestCount(requests.listed)})`,
    times.listed ?? NaN,
    `${(curl / (times.listed ?? NaN)).toFixed(1)}× faster; ${((times.listed ?? NaN) / single).toFixed(2)} × one sample`,
    '≤ 4 requests, ≤ 2 × one sample'
  )
  row(
    label,
    `action, one request per sample, concurrency 4 (${requestCount(requests.each)})`,
    times.each ?? NaN,
    `${(curl / (times.each ?? NaN)).toFixed(1)}× faster`,
    '≥ 5× faster'
  )
  await platform.close()
}

// Case 3: 230 samples under 40 requests per 2 s window.
for (const aligned of wanted('3') ? [false, true] : []) {
  const limit = 40
  const windowMs = 2000
  const platform = await startFakePlatform({ rateLimit: { limit, windowMs, aligned } })
  const ids = [...(platform.runs.get(DEMO.runId)?.keys() ?? [])]
  // Pacing shows on many requests: a server without the list endpoint makes one per sample.
  // Results only: diffs and history cost a request each, and are measured by what they add.
  const inputs = {
    'sample-id': ids.join(','),
    'api-url': platform.apiUrl,
    'fail-on': 'never',
    summary: 'false',
    diffs: '0',
    history: '0'
  }
  /** @type {number[]} */
  const ratios = []
  /** @type {number[]} */
  const walls = []
  /** @type {number[]} */
  const bounds = []
  let tooMany = 0
  for (let i = 0; i < RUNS; i++) {
    platform.reset()
    withoutList(platform)
    const wall = await runActionOnce(inputs)
    // The run's description, then the list's 405: the paced requests follow.
    const first = platform.requests[2]?.startedAt ?? 0
    // The limit forces every batch after the first to wait for a new window;
    // a clock-aligned window that began before the first request ends earlier.
    const phase = aligned ? first % windowMs : 0
    const bound = (Math.ceil(ids.length / limit) - 1) * windowMs - phase
    walls.push(wall)
    bounds.push(bound)
    ratios.push(wall / bound)
    tooMany += platform.stats().byStatus[429] ?? 0
  }
  // The bound counts the paced requests only; the two before them are in no window's way.
  const label = `3. ${ids.length} samples, ${limit} per ${windowMs / 1000} s window`
  const kind = aligned ? 'windows aligned to the clock' : 'window starts at its first request'
  row(label, `bound the limit allows (${kind})`, median(bounds), '1.00', '')
  row(
    label,
    `action, ${tooMany} × 429 in ${RUNS} runs`,
    median(walls),
    median(ratios).toFixed(2),
    '≤ 1.1 × bound, no 429'
  )
  await platform.close()
}

// Case 4: a run that finishes 100 s after the step starts, waited for in real time.
if (wanted('4')) {
  const platform = await startFakePlatform()
  const start = Date.now()
  const finish = start + 100_000
  const sha = platform.scheduleCommit(
    { linux: 9600, windows: 9601 },
    { at: start, queuedMs: 40_000, runningMs: 60_000 }
  )
  const started = performance.now()
  const runner = createRunnerEnv({
    'api-token': DEMO.token,
    'api-url': platform.apiUrl,
    commit: sha,
    'sample-id': 'all',
    'wait-timeout': '600',
    'fail-on': 'never',
    summary: 'false',
    diffs: '0',
    history: '0'
  })
  try {
    const { code } = await timeProcess(NODE, ['dist/index.js'], runner.env)
    if (code !== 0) throw new Error(`the action failed waiting (exit ${code})`)
  } finally {
    runner.cleanup()
  }
  const wall = performance.now() - started
  const polls = platform.requests.filter((request) => request.path.startsWith('/api/v1/runs?'))
  const times = polls.map((request) => request.startedAt)
  const afterFirstMinute = times.filter((at) => at >= start + 60_000)
  const perMinute = Math.max(
    0,
    ...afterFirstMinute.map(
      (at) => times.filter((other) => other >= at && other < at + 60_000).length
    )
  )
  const noticed = (times.find((at) => at >= finish) ?? NaN) - finish
  const label = '4. a run that ends 100 s after the step starts'
  row(
    label,
    `polls while waiting: ${polls.length}; most in a minute after the first: ${perMinute}`,
    wall,
    '',
    '≤ 4 a minute'
  )
  row(label, 'from the end of the run to the poll that saw it', noticed, '', '≤ 15 s')
  await platform.close()
}

// Case 5: a commit's two runs of 230 results with failures to report, with and without the
// JUnit and CTRF files: what writing them adds.
if (wanted('5')) {
  const platform = await startFakePlatform({ rateLimit: null })
  const failures = Object.fromEntries(
    [3, 17, 42, 92, 107, 132, 165, 201].map((id) => [id, /** @type {const} */ ('output')])
  )
  const sha = platform.scheduleCommit(
    { linux: 9600, windows: 9601 },
    {
      at: Date.now() - 3 * 3600_000,
      linux: { results: generateRun(9600, { failures }) },
      windows: { results: generateRun(9601, { failures }) }
    }
  )
  const inputs = {
    'api-url': platform.apiUrl,
    'run-id': '',
    commit: sha,
    platform: 'linux, windows',
    'sample-id': 'all',
    'fail-on': 'never'
  }
  const files = { ...inputs, 'junit-file': 'bench/junit.xml', 'ctrf-file': 'bench/ctrf.json' }
  const times = await measure({
    plain: () => runActionOnce(inputs),
    files: () => runActionOnce(files)
  })
  const label = '5. 2 × 230 results, 8 failing on each'
  row(label, 'without junit-file and ctrf-file', times.plain ?? NaN, '1.00', '')
  row(
    label,
    'with both files',
    times.files ?? NaN,
    ((times.files ?? NaN) / (times.plain ?? NaN)).toFixed(2),
    '< 1.10 × without'
  )
  await platform.close()
}

// Case 6: a commit whose two runs end 30 min after the step would start, in the README's two
// set-ups, with the fake GitHub for the comment (and our commit status in the status set-up).
if (wanted('6')) {
  const MINUTE = 60_000
  /** The commit of __fixtures__/events/status.json, a fork's pull request's head, and its base. */
  const HEAD = '7e1d2c3b4a5f60718293a4b5c6d7e8f9a0b1c2d3'
  const BASE = '9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b'
  /** The commit of __fixtures__/events/workflow_run.json, which lists its pull request. */
  const WAIT_HEAD = '3f2c9e1d7b4a5c6e8f90a1b2c3d4e5f6a7b8c9d0'
  const github = await startFakeGitHub()
  const dir = mkdtempSync(join(tmpdir(), 'bench-events-'))
  /** The runner's variables for an event: the fixture's payload with `changes`. */
  const eventEnv = (
    /** @type {string} */ name,
    /** @type {Record<string, unknown>} */ changes = {}
  ) => {
    const fixture = JSON.parse(readFileSync(`__fixtures__/events/${name}.json`, 'utf8'))
    const path = join(dir, `${name}-${String(changes.context ?? '')}.json`)
    writeFileSync(path, JSON.stringify({ ...fixture, ...changes }))
    return {
      GITHUB_EVENT_NAME: name,
      GITHUB_EVENT_PATH: path,
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: FAKE_REPOSITORY,
      GITHUB_WORKFLOW: 'Sample Platform results',
      GITHUB_JOB: 'results',
      GITHUB_RUN_ID: '8123456789',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_SHA: 'c'.repeat(40)
    }
  }
  /** The base commit, tested on both platforms hours ago: the baseline (baseline-run-id: auto). */
  const scheduleBase = (
    /** @type {import('../test-support/fake-platform.js').FakePlatform} */ fake,
    /** @type {number} */ now
  ) =>
    fake.scheduleCommit(
      { linux: 9490, windows: 9491 },
      { at: now - 5 * 3600_000, commit_sha: BASE, branch: 'master' }
    )
  /** The README's inputs, common to both set-ups. */
  const readme = {
    'github-token': FAKE_GITHUB_TOKEN,
    'run-id': '',
    platform: 'linux, windows',
    'sample-id': 'all',
    'baseline-run-id': 'auto',
    'fail-on': 'regression',
    comment: 'always'
  }
  const label = '6. runs that end 30 min after the step would start'

  // The status set-up, in real time: a job for each platform's final status. Either both runs
  // have ended when the first job runs, or (as usual) the other platform's is still testing.
  const platform = await startFakePlatform({ rateLimit: null })
  scheduleBase(platform, Date.now())
  const statusInputs = {
    ...readme,
    'api-url': platform.apiUrl,
    unfinished: 'report',
    'commit-status': 'on'
  }
  const linuxEvent = eventEnv('status', { context: 'CI - linux', state: 'success' })
  const windowsEvent = eventEnv('status', { context: 'CI - windows', state: 'success' })
  /** The head's runs, created `ago` minutes before now, testing 25 min (windows: `windowsMinutes`). */
  const scheduleHead = (/** @type {number} */ ago, windowsMinutes = 25) =>
    platform.scheduleCommit(
      { linux: 9500, windows: 9501 },
      {
        at: Date.now() - ago * MINUTE,
        queuedMs: 5 * MINUTE,
        runningMs: 25 * MINUTE,
        commit_sha: HEAD,
        branch: 'pull_request',
        windows: { runningMs: windowsMinutes * MINUTE }
      }
    )
  /** A new commit on GitHub: its pull request, no comment or status yet. */
  const newCommit = () => {
    github.reset()
    github.addPull({
      number: 1702,
      branch: 'teletext-fix',
      headRepository: 'ramya-dev/ccextractor',
      sha: HEAD,
      baseSha: BASE
    })
  }
  /** After a commit's second job: one comment, our status final, as the README says. */
  const checkCommit = (/** @type {string[]} */ states) => {
    const posted = github.statuses.map((status) => status.state)
    if (github.comments.length !== 1 || posted.join() !== states.join())
      throw new Error(
        `status set-up: ${github.comments.length} comments and statuses ${posted.join()}, not 1 and ${states.join()}`
      )
  }
  const times = await measure({
    endedLinux: () => {
      newCommit()
      scheduleHead(60)
      return runActionOnce(statusInputs, { env: linuxEvent })
    },
    endedWindows: async () => {
      const ms = await runActionOnce(statusInputs, { env: windowsEvent })
      checkCommit(['success', 'success'])
      return ms
    },
    // Linux ended 1 min ago, windows tests 20 min more; at the second status both have ended.
    runningLinux: () => {
      newCommit()
      scheduleHead(31, 45)
      return runActionOnce(statusInputs, { env: linuxEvent })
    },
    runningWindows: async () => {
      scheduleHead(51, 45)
      const ms = await runActionOnce(statusInputs, { env: windowsEvent })
      checkCommit(['pending', 'success'])
      return ms
    }
  })
  await platform.close()
  /** @type {[string, number, number][]} */
  const pairs = [
    ['both runs ended', times.endedLinux ?? NaN, times.endedWindows ?? NaN],
    ['windows still testing at the first', times.runningLinux ?? NaN, times.runningWindows ?? NaN]
  ]
  for (const [when, first, second] of pairs) {
    row(label, `status set-up, ${when}: the CI - linux job`, first, '', '')
    row(label, `status set-up, ${when}: the CI - windows job`, second, '', '')
    row(
      label,
      `status set-up, ${when}: per commit (the two jobs)`,
      first + second,
      '',
      '≤ 10 s per commit'
    )
  }
  const statusPerCommit = Math.max(...pairs.map(([, first, second]) => first + second))

  // The waiting set-up on a clock SCALE times faster, in the child and in the fake platform
  // alike: the step starts at `start`, the runs are created then and end 30 min later.
  const SCALE = 60
  const start = Date.now()
  const scaled = () => start + (Date.now() - start) * SCALE
  const waiting = await startFakePlatform({ rateLimit: null, now: scaled })
  scheduleBase(waiting, start)
  waiting.scheduleCommit(
    { linux: 9500, windows: 9501 },
    { at: start, queuedMs: 5 * MINUTE, runningMs: 25 * MINUTE, commit_sha: WAIT_HEAD }
  )
  const finish = start + 30 * MINUTE
  github.reset()
  github.addPull({ number: 1702, branch: 'fix-dvb-timing', sha: WAIT_HEAD, baseSha: BASE })
  const wall = await runActionOnce(
    { ...readme, 'api-url': waiting.apiUrl, 'wait-timeout': '5400' },
    {
      env: {
        ...eventEnv('workflow_run'),
        BENCH_TIME_SCALE: String(SCALE),
        BENCH_TIME_ORIGIN: String(start)
      },
      nodeArgs: ['--import', './scripts/bench-scaled-time.js']
    }
  )
  const body = github.comments[0]?.body ?? ''
  if (github.comments.length !== 1 || body.includes('⏳'))
    throw new Error('waiting set-up: no comment, or one that shows a run still testing')
  const polls = waiting.requests.filter((request) =>
    request.path.startsWith(`/api/v1/runs?commit_sha=${WAIT_HEAD}`)
  )
  const seen = polls.find((request) => request.startedAt >= finish)?.startedAt ?? NaN
  // The runs end at a set time on the scaled clock, however long Node takes to start; the
  // report after the poll that saw the end is real work, which wall × SCALE counts SCALE times.
  const report = wall - (seen - start) / SCALE
  const held = wall * SCALE
  const minutes = (/** @type {number} */ ms) => `≈ ${(ms / MINUTE).toFixed(1)} min`
  await waiting.close()
  row(
    label,
    `waiting set-up, one job (one run), clock × ${SCALE}: ${polls.length} polls; wall ${(wall / 1000).toFixed(1)} s × ${SCALE}` +
      ` (the report after the last poll, ${Math.round(report)} ms, counted × ${SCALE} too)`,
    minutes(held),
    '',
    ''
  )
  row(
    label,
    "waiting set-up: from the runs' end to the poll that saw it",
    seen - finish,
    '',
    '≤ 15 s'
  )
  row(
    label,
    'waiting set-up, per commit: a job per build workflow, the second cancels the first: ≈ one job',
    minutes(held),
    `${Math.round(held / statusPerCommit)} × status set-up`,
    ''
  )
  await github.close()
  rmSync(dir, { recursive: true, force: true })
}

const header = ['case', 'variant', 'median', 'ratio', 'target']
const widths = header.map((title, i) =>
  Math.max(title.length, ...rows.map((cells) => (cells[i] ?? '').length))
)
const line = (/** @type {string[]} */ cells) =>
  `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`
console.log(
  `${RUNS} runs per case, medians. Node ${node24.version} (${node24.source}) runs the action and the floor.`
)
console.log(
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}\n`
)
console.log(
  [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n')
)
