/**
 * `npm run screenshots`: the README's pictures of a job summary and a pull
 * request comment, made from what the renderers produce now (docReports), as
 * GitHub would show them: markdown-it with GitHub's stylesheet, in headless
 * Chromium. Writes docs/<name>.md and docs/<name>.png.
 *
 * Needs Chromium (Debian: apt-get install chromium fonts-noto-color-emoji);
 * CHROMIUM names another binary. Not part of npm test: a test checks that the
 * committed markdown is current, so a stale picture shows as a failing test.
 */
import MarkdownIt from 'markdown-it'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { docReports } from './doc-reports.js'

const DOCS = 'docs'
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium'
if (!existsSync(executablePath)) {
  console.error(
    `screenshots: no Chromium at ${executablePath}. Install it (apt-get install chromium fonts-noto-color-emoji) or set CHROMIUM.`
  )
  process.exit(1)
}

const css = readFileSync(
  createRequire(import.meta.url).resolve('github-markdown-css/github-markdown-light.css'),
  'utf8'
)
// GitHub renders raw HTML (details, summary) and leaves bare URLs alone unless they start with a scheme or www.
const markdown = new MarkdownIt({ html: true, linkify: true })
markdown.linkify.set({ fuzzyLink: false, fuzzyEmail: false })

/** A page framed like a comment or summary box on github.com. */
function page(body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; background: #ffffff; }
.frame { width: 880px; margin: 16px; border: 1px solid #d0d7de; border-radius: 6px; padding: 16px 24px; }
</style></head><body><div class="frame markdown-body">${body}</div></body></html>`
}

mkdirSync(DOCS, { recursive: true })
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run'
  ]
})
try {
  const tab = await browser.newPage({ viewport: { width: 930, height: 800 }, deviceScaleFactor: 1 })
  for (const report of docReports()) {
    writeFileSync(join(DOCS, `${report.name}.md`), report.markdown)
    await tab.setContent(page(markdown.render(report.markdown)), { waitUntil: 'load' })
    await tab.locator('.frame').screenshot({ path: join(DOCS, `${report.name}.png`) })
    console.log(`docs/${report.name}.md and docs/${report.name}.png: ${report.title}`)
  }
} finally {
  await browser.close()
}
