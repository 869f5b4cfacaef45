/** The README's pictures: made from what the renderers produce now (npm run screenshots). */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { docReports } from '../scripts/doc-reports.js'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

describe('docs/', () => {
  it.each(docReports().map((report) => ({ name: report.name, report })))(
    'has the $name the renderers make now, and its picture',
    ({ name, report }) => {
      const committed = existsSync(`docs/${name}.md`) ? readFileSync(`docs/${name}.md`, 'utf8') : ''
      // When this fails, the report changed: run `npm run screenshots` and commit docs/.
      expect(committed).toBe(report.markdown)
      expect(readFileSync(`docs/${name}.png`).subarray(0, 8)).toEqual(PNG_SIGNATURE)
      expect(readFileSync('README.md', 'utf8')).toContain(`](docs/${name}.png)`)
    }
  )
})
