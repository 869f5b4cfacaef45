// @ts-check
/**
 * The demo Sample Platform (the fake of the tests, with demo runs 9411 to 9413)
 * on a fixed loopback port, for the e2e workflow and for trying the action with
 * `npm run local-action`. Node built-ins only: works on a fresh clone.
 *
 *   node scripts/serve-demo-platform.js                serve on 127.0.0.1:8787 until Ctrl-C
 *   node scripts/serve-demo-platform.js --background   start it detached and return once it answers
 *   node scripts/serve-demo-platform.js --port 9000    another port (or PORT=9000)
 *
 * Either way it prints `api-url=…`, `token=…` (the demo token, not a secret) and
 * `pid=…`; with --background in a workflow step they are also step outputs
 * (GITHUB_OUTPUT). Stop a background server with `kill PID`.
 */
import { spawn } from 'node:child_process'
import { appendFileSync, mkdtempSync, openSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { DEMO, startFakePlatform } from '../test-support/fake-platform.js'

const DEFAULT_PORT = 8787
const READY_TIMEOUT_MS = 10_000

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT || String(DEFAULT_PORT) },
    background: { type: 'boolean', default: false }
  }
})
const port = Number(values.port)
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`serve-demo-platform: --port must be a port number, got "${values.port}".`)
  process.exit(2)
}
const apiUrl = `http://127.0.0.1:${port}${DEMO.apiPath}`

/** The lines a caller reads, also step outputs inside a workflow. */
function announce(/** @type {number} */ pid) {
  const lines = [`api-url=${apiUrl}`, `token=${DEMO.token}`, `pid=${pid}`]
  console.log(lines.join('\n'))
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${lines.join('\n')}\n`)
}

if (values.background) {
  // The child serves in its own process group, its output in a log file, so that it
  // outlives this step and no write to a closed pipe can kill it; it says it is
  // listening over the IPC channel, which is then closed.
  const log = join(mkdtempSync(join(tmpdir(), 'demo-platform-')), 'server.log')
  const fd = openSync(log, 'w')
  const { GITHUB_OUTPUT: _, ...env } = process.env
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--port', String(port)], {
    detached: true,
    env,
    stdio: ['ignore', fd, fd, 'ipc']
  })
  /** @type {NodeJS.Timeout | undefined} */
  let timer
  const ready = await new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS)
    child.once('message', () => resolve(true))
    child.once('exit', () => resolve(false))
    child.once('error', () => resolve(false))
  })
  clearTimeout(timer)
  if (!ready) {
    console.error(
      `serve-demo-platform: the server did not start on port ${port}. Its log (${log}):`
    )
    console.error(readFileSync(log, 'utf8').trimEnd())
    child.kill()
    process.exit(1)
  }
  child.disconnect()
  child.unref()
  announce(child.pid ?? 0)
} else {
  const platform = await startFakePlatform({ port }).catch((/** @type {Error} */ error) => {
    const inUse = 'code' in error && error.code === 'EADDRINUSE'
    console.error(
      `serve-demo-platform: cannot listen on 127.0.0.1:${port}: ${inUse ? 'the port is in use (is the demo platform already running?)' : error.message}`
    )
    process.exit(1)
  })
  announce(process.pid)
  process.send?.('listening')
  console.log(
    `Demo Sample Platform on ${platform.apiUrl}: runs ${DEMO.runId} (samples such as ` +
      `${DEMO.passingSample} pass, ${DEMO.failingSample} fails) and ${DEMO.baselineRunId} (baseline). Ctrl-C stops it.`
  )
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => void platform.close().then(() => process.exit(0)))
  }
}
