// @ts-check
/**
 * Turns Jest's coverage summary (`--coverageReporters=json-summary`) into a
 * shields.io endpoint file for a README badge, and into a table in the job
 * summary when GITHUB_STEP_SUMMARY is set. Node built-ins only.
 *
 *   node scripts/coverage-badge.js [coverage/coverage-summary.json] [coverage/badge.json]
 *
 * The badge shows line coverage; https://img.shields.io/endpoint?url=<where badge.json is served>
 * draws it. See .github/workflows/ci.yml for where CI publishes it.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'

const [input = 'coverage/coverage-summary.json', output = 'coverage/badge.json'] =
  process.argv.slice(2)
const METRICS = /** @type {const} */ (['lines', 'statements', 'functions', 'branches'])

/** @typedef {{ total: number, covered: number, pct: number }} Metric */
const { total } = /** @type {{ total: Record<(typeof METRICS)[number], Metric> }} */ (
  JSON.parse(readFileSync(input, 'utf8'))
)

/** shields.io's named colours, from red to bright green. */
function color(/** @type {number} */ pct) {
  if (pct >= 90) return 'brightgreen'
  if (pct >= 80) return 'green'
  if (pct >= 70) return 'yellowgreen'
  if (pct >= 60) return 'yellow'
  if (pct >= 50) return 'orange'
  return 'red'
}

const lines = total.lines.pct
const badge = { schemaVersion: 1, label: 'coverage', message: `${lines}%`, color: color(lines) }
writeFileSync(output, `${JSON.stringify(badge)}\n`)
console.log(`${output}: ${JSON.stringify(badge)}`)

if (process.env.GITHUB_STEP_SUMMARY) {
  const rows = METRICS.map((name) => {
    const metric = total[name]
    return `| ${name} | ${metric.pct}% | ${metric.covered} / ${metric.total} |`
  })
  appendFileSync(
    process.env.GITHUB_STEP_SUMMARY,
    ['### Coverage of src/', '', '| metric | covered | count |', '| --- | --- | --- |', ...rows, '']
      .join('\n')
      .concat('\n')
  )
}
