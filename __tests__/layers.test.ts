/** The lint rules that keep src/ importing one way and without circles (eslint.config.js). */
import { describe, expect, it } from '@jest/globals'
import { ESLint } from 'eslint'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const eslint = new ESLint()

/** The rules that report on `code` as if it were the file `path`. */
async function rulesBroken(path: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(`${code}\nexport type Used = typeof value\n`, {
    filePath: path
  })
  return result?.messages.map((message) => message.ruleId) ?? []
}

const LAYERS = 'import-x/no-restricted-paths'

describe('layers', () => {
  it.each([
    [
      'platform',
      'inputs',
      'src/platform/new.ts',
      "import type { Config as value } from '../inputs.js'"
    ],
    [
      'platform',
      'report',
      'src/platform/new.ts',
      "import { link as value } from '../report/markdown.js'"
    ],
    [
      'platform (a folder down)',
      'report',
      'src/platform/api/new.ts',
      "import { link as value } from '../../report/markdown.js'"
    ],
    [
      'shared',
      'platform',
      'src/shared/new.ts',
      "import { systemClock as value } from '../platform/api/clock.js'"
    ],
    [
      'inputs',
      'report',
      'src/inputs.ts',
      "import { renderReport as value } from './report/step-report.js'"
    ],
    [
      'report',
      'github',
      'src/report/new.ts',
      "import { statusOf as value } from '../github/errors.js'"
    ],
    [
      'report',
      'effects',
      'src/report/new.ts',
      "import { errorText as value } from '../effects/runner-files.js'"
    ],
    ['github', 'main', 'src/github/new.ts', "import { run as value } from '../main.js'"]
  ])('keeps %s from importing %s', async (_layer, _other, path, code) => {
    expect(await rulesBroken(path, code)).toContain(LAYERS)
  })

  it.each([
    [
      'report',
      'platform',
      'src/report/new.ts',
      "import { runPage as value } from '../platform/links.js'"
    ],
    [
      'platform',
      'shared',
      'src/platform/api/new.ts',
      "import { quote as value } from '../../shared/text.js'"
    ],
    [
      'github',
      'report',
      'src/github/new.ts',
      "import { renderReport as value } from '../report/step-report.js'"
    ]
  ])('lets %s import %s', async (_layer, _other, path, code) => {
    expect(await rulesBroken(path, code)).not.toContain(LAYERS)
  })

  it('refuses a circle of imports: a parser importing the model that imports it', async () => {
    // model.ts imports api/result.ts; api/result.ts importing model.ts closes a circle.
    const [result] = await eslint.lintText(
      "import { entryPasses } from '../model.js'\nexport const passes = entryPasses\n",
      { filePath: 'src/platform/api/result.ts' }
    )
    const broken = result?.messages.map((message) => message.ruleId)
    expect(broken).toContain('import-x/no-cycle')
  })

  it('the circle check finds a circle of types', () => {
    const dir = mkdtempSync(join(tmpdir(), 'circle-'))
    try {
      writeFileSync(join(dir, 'a.ts'), "import type { B } from './b.js'\nexport type A = B\n")
      writeFileSync(join(dir, 'b.ts'), "import type { A } from './a.js'\nexport type B = A\n")
      expect(findCircle(dir)).toMatch(/a\.ts -> .*b\.ts -> .*a\.ts|b\.ts -> .*a\.ts -> .*b\.ts/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('finds no circle in the sources, counting imports of types too', () => {
    expect(findCircle('src')).toBeNull()
  })
})

/**
 * The first circle of relative imports (of values or of types) among the
 * TypeScript files under `root`, as a path; null when there is none. The lint
 * rule sees only imports of values; a circle of types is a layer that does
 * not know what it is all the same.
 */
function findCircle(root: string): string | null {
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(root, file))
  const importsOf = (file: string) =>
    [...readFileSync(file, 'utf8').matchAll(/from\s+'(\.{1,2}\/[^']+)\.js'/g)]
      .map((match) => join(dirname(file), `${match[1]}.ts`))
      .filter((target) => files.includes(target))
  const state = new Map<string, 'open' | 'done'>()
  const visit = (file: string, path: string[]): string | null => {
    state.set(file, 'open')
    for (const target of importsOf(file)) {
      if (state.get(target) === 'open') return [...path, file, target].join(' -> ')
      const found = state.has(target) ? null : visit(target, [...path, file])
      if (found) return found
    }
    state.set(file, 'done')
    return null
  }
  for (const file of files) {
    const found = state.has(file) ? null : visit(file, [])
    if (found) return found
  }
  return null
}
