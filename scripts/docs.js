// @ts-check
/**
 * Keeps the README's input and output tables in step with action.yml: `npm run
 * docs` rewrites them, and a test fails when they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

/**
 * @typedef {{ description?: string, required?: boolean, default?: string }} ActionField
 * @typedef {{ inputs?: Record<string, ActionField>, outputs?: Record<string, ActionField> }} ActionMetadata
 */

/** @param {string} text */
function cell(text) {
  return text.replace(/\s+/g, ' ').trim().replaceAll('|', '\\|')
}

/**
 * The two tables, as markdown, from the text of action.yml.
 * @param {string} actionYml
 */
export function renderTables(actionYml) {
  /** @type {ActionMetadata} */
  const action = parse(actionYml)
  const inputs = Object.entries(action.inputs ?? {}).map(
    ([name, field]) =>
      `| \`${name}\` | ${field.required ? 'yes' : 'no'} | ${field.default === undefined ? '' : `\`${field.default}\``} | ${cell(field.description ?? '')} |`
  )
  const outputs = Object.entries(action.outputs ?? {}).map(
    ([name, field]) => `| \`${name}\` | ${cell(field.description ?? '')} |`
  )
  return {
    inputs: [
      '| input | required | default | description |',
      '| --- | --- | --- | --- |',
      ...inputs
    ].join('\n'),
    outputs: ['| output | value |', '| --- | --- |', ...outputs].join('\n')
  }
}

/**
 * The README with its tables replaced, between `<!-- inputs:start -->` and
 * `<!-- inputs:end -->` (and the same for outputs).
 * @param {string} readme
 * @param {string} actionYml
 */
export function updateReadme(readme, actionYml) {
  const tables = renderTables(actionYml)
  let updated = readme
  for (const [name, table] of Object.entries(tables)) {
    const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`)
    if (!pattern.test(updated))
      throw new Error(`README.md has no <!-- ${name}:start --> ... <!-- ${name}:end --> markers`)
    updated = updated.replace(pattern, (_match, start, end) => `${start}${table}${end}`)
  }
  return updated
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync('README.md', 'utf8')
  writeFileSync('README.md', updateReadme(readme, readFileSync('action.yml', 'utf8')))
  console.log('README.md tables updated from action.yml.')
}
