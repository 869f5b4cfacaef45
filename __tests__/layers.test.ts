/** The lint rule that keeps the layers of src/ importing one way (eslint.config.js). */
import { describe, expect, it } from '@jest/globals'
import { ESLint } from 'eslint'

const eslint = new ESLint()

/** The rules that report on `code` as if it were the file `path`. */
async function rulesBroken(path: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(`${code}\nexport type Used = typeof value\n`, {
    filePath: path
  })
  return result?.messages.map((message) => message.ruleId) ?? []
}

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
      'shared',
      'platform',
      'src/shared/new.ts',
      "import { systemClock as value } from '../platform/clock.js'"
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
    expect(await rulesBroken(path, code)).toContain('no-restricted-imports')
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
      'src/platform/new.ts',
      "import { quote as value } from '../shared/text.js'"
    ],
    [
      'github',
      'report',
      'src/github/new.ts',
      "import { renderReport as value } from '../report/step-report.js'"
    ]
  ])('lets %s import %s', async (_layer, _other, path, code) => {
    expect(await rulesBroken(path, code)).not.toContain('no-restricted-imports')
  })
})
