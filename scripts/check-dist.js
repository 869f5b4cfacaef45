// @ts-check
/**
 * Fails when dist/ is not what the current sources build: the action runs the
 * committed bundle, so a stale one would ship code nobody tested.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const fresh = mkdtempSync(join(tmpdir(), 'dist-check-'))
try {
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      'src/index.ts',
      '-o',
      fresh,
      '--license',
      'licenses.txt',
      '--quiet'
    ],
    { stdio: 'inherit' }
  )
  const names = new Set([...readdirSync('dist'), ...readdirSync(fresh)])
  const stale = [...names].filter((name) => {
    try {
      return !readFileSync(join('dist', name)).equals(readFileSync(join(fresh, name)))
    } catch {
      return true
    }
  })
  if (stale.length > 0) {
    console.error(
      `dist/ is not what the sources build (differs: ${stale.join(', ')}). Run "npm run bundle" and commit dist/.`
    )
    process.exit(1)
  }
  console.log('dist/ matches the sources.')
} finally {
  rmSync(fresh, { recursive: true, force: true })
}
