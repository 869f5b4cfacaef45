/** action.yml, the README (with docs/) and the code must agree on every input and output. */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { INPUT_DEFAULTS } from '../src/inputs.js'
import { resultOutputs, setOutputs } from '../src/effects/outputs.js'
import { countResults, type ResultSet } from '../src/platform/model.js'
import { collectedOf, passing } from '../__fixtures__/results.js'
import { updateReadme } from '../scripts/docs.js'

interface Field {
  description?: string
  required?: boolean
  default?: string
}
const actionYml = readFileSync('action.yml', 'utf8')
const action = parse(actionYml) as {
  inputs: Record<string, Field>
  outputs: Record<string, Field>
  runs: { using: string; main: string }
}
const readme = readFileSync('README.md', 'utf8')
/** The README and the pages in docs/: every workflow shown to users. */
const pages = [
  'README.md',
  ...readdirSync('docs')
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`)
].map((path) => ({ path, text: readFileSync(path, 'utf8') }))

describe('action.yml', () => {
  it('runs the bundle on Node 24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('describes every input and output', () => {
    for (const field of [...Object.values(action.inputs), ...Object.values(action.outputs)]) {
      expect(field.description?.length).toBeGreaterThan(10)
    }
  })

  it('declares the defaults the code applies', () => {
    // The runner expands ${{ github.token }}; the code never sees the expression.
    const defaults = Object.fromEntries(
      Object.entries(action.inputs)
        .filter(([, field]) => field.default !== undefined && !field.default.startsWith('${{'))
        .map(([name, field]) => [name, field.default])
    )
    expect(defaults).toEqual(INPUT_DEFAULTS)
    const required = Object.keys(action.inputs).filter((name) => action.inputs[name]?.required)
    expect(required).toEqual(['sample-id', 'api-token'])
  })

  it('declares exactly the outputs the action sets', () => {
    const results: ResultSet = { runId: 1, baselineRunId: null, layout: 'run', entries: [] }
    const set = [
      ...Object.keys(resultOutputs(passing, 'https://sampleplatform.ccextractor.org/api/v1')),
      ...Object.keys(
        setOutputs(collectedOf(results), countResults(results), 'https://x.example/api/v1')
      ),
      'report-file',
      'junit-file',
      'ctrf-file',
      'comment-id',
      'comment-url',
      'comment-action'
    ]
    expect(Object.keys(action.outputs).sort()).toEqual([...new Set(set)].sort())
  })
})

describe('README.md', () => {
  it('has the input and output tables of action.yml (npm run docs)', () => {
    expect(readme).toBe(updateReadme(readme, actionYml))
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      expect(readme).toContain(`| \`${name}\` |`)
    }
  })

  it('has workflows, with docs/, that are valid YAML and use only inputs the action has', () => {
    const blocks = pages.flatMap(({ text }) =>
      [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '')
    )
    expect(blocks.length).toBeGreaterThanOrEqual(6)
    let uses = 0
    for (const block of blocks) {
      const doc: unknown = parse(block)
      const steps = findSteps(doc)
      for (const step of steps.filter((s) => s.uses === 'ccextractor/sample-result-action@v1')) {
        uses++
        const given = Object.keys(step.with ?? {})
        expect(given.filter((name) => !(name in action.inputs))).toEqual([])
        // Every input action.yml requires is given.
        const required = Object.keys(action.inputs).filter((name) => action.inputs[name]?.required)
        expect(given).toEqual(expect.arrayContaining(required))
      }
      if (typeof doc === 'object' && doc !== null && 'on' in doc) {
        expect(doc).toHaveProperty('jobs')
        expect(doc).toHaveProperty('permissions')
      }
    }
    expect(uses).toBe(8)
  })
})

describe('CONTRIBUTING.md', () => {
  it('starts with a quick start of exactly two commands', () => {
    const contributing = readFileSync('CONTRIBUTING.md', 'utf8')
    const quickStart = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(contributing)?.[1] ?? ''
    const commands = quickStart
      .trim()
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, ''))
    expect(commands).toEqual(['node scripts/demo.js', 'npm cit'])
  })
})

interface Step {
  uses?: string
  with?: Record<string, unknown>
}

/** Every step of a workflow, or of a list of steps. */
function findSteps(doc: unknown): Step[] {
  if (Array.isArray(doc)) return doc as Step[]
  if (typeof doc !== 'object' || doc === null || !('jobs' in doc)) return []
  const jobs = Object.values((doc as { jobs: Record<string, { steps?: Step[] }> }).jobs)
  return jobs.flatMap((job) => job.steps ?? [])
}
