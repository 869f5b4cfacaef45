/** The first command of CONTRIBUTING.md's quick start: the demo must run on what is committed. */
import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

describe('node scripts/demo.js', () => {
  it('runs the bundle against the demo server and shows log, outputs and summary', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/demo.js'])
    expect(stdout).toContain('the step passes')
    expect(stdout).toContain('the step fails')
    expect(stdout).toMatch(/^status\s+"pass"$/m)
    expect(stdout).toMatch(/^status\s+"fail"$/m)
    expect(stdout).toContain('### ✅ pass: run 9412, sample 159')
    expect(stdout).toContain('### ❌ fail: run 9412, sample 132')
    expect(stdout).not.toContain('spci_')
  })
})
