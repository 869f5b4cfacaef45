import { expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

/** A workflow as the README shows it, the parts the tests read. */
export interface ReadmeWorkflow {
  on: Record<string, unknown>
  concurrency?: { group: string; 'cancel-in-progress': boolean }
  jobs: Record<
    string,
    {
      if?: string
      permissions?: Record<string, string>
      steps: { uses?: string; with?: Record<string, unknown> }[]
    }
  >
}

/** The one workflow of the README whose YAML block `matches`, parsed. */
export function readmeWorkflow(
  matches: (text: string, workflow: ReadmeWorkflow) => boolean
): ReadmeWorkflow {
  const readme = readFileSync('README.md', 'utf8')
  const found = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? '')
    .map((text) => ({ text, workflow: parse(text) as ReadmeWorkflow }))
    .filter(({ text, workflow }) => typeof workflow?.on === 'object' && matches(text, workflow))
  expect(found).toHaveLength(1)
  return (found[0] as { workflow: ReadmeWorkflow }).workflow
}

/**
 * The inputs the workflow gives the action, as strings, its token the
 * repository secret; the caller puts its test servers and tokens over them.
 */
export function actionInputs(workflow: ReadmeWorkflow): Record<string, string> {
  const step = Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .find((each) => each.uses?.startsWith('ccextractor/sample-result-action'))
  const inputs = Object.fromEntries(
    Object.entries(step?.with ?? {}).map(([name, value]) => [name, String(value)])
  )
  expect(inputs['api-token']).toBe('${{ secrets.SAMPLE_PLATFORM_TOKEN }}')
  return inputs
}
