/**
 * The results as JUnit XML, the format test reporters read (dorny/test-reporter,
 * EnricoMi/publish-unit-test-result-action, mikepenz/action-junit-report): one
 * <testsuite> per platform's run, one <testcase> per sample. Pure.
 */
import { removeHidden } from '../shared/text.js'
import type { Property, TestCase, TestSuite } from './test-cases.js'

/**
 * What XML 1.0 cannot hold beyond what removeHidden takes (controls, invisible
 * characters): the two non-characters at the end of the BMP and surrogates
 * without a partner.
 */
const NOT_XML =
  /[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

function xmlChars(text: string): string {
  return removeHidden(text).replace(NOT_XML, '')
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;'
}

/** An attribute's value: every special character and line break as a reference. */
export function xmlAttribute(text: string): string {
  return xmlChars(text).replace(/[&<>"'\n\r\t]/g, (c) => ENTITIES[c] ?? c)
}

/** Element text in CDATA: `]]>` inside is split across two sections, so it never closes one. */
export function xmlCdata(text: string): string {
  const body = xmlChars(text).replaceAll(']]>', ']]]]><![CDATA[>')
  return `<![CDATA[${body}]]>`
}

/** Seconds with millisecond precision, as JUnit's time attributes are written. */
function seconds(ms: number | null): string {
  return ((ms ?? 0) / 1000).toFixed(3)
}

/** ISO 8601 without the zone, as JUnit's schema has its timestamp (the time is UTC). */
function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '')
}

interface Tally {
  tests: number
  failures: number
  errors: number
  skipped: number
  timeMs: number
}

function tally(cases: readonly TestCase[]): Tally {
  return {
    tests: cases.length,
    failures: cases.filter((each) => each.outcome === 'failed').length,
    // A result not final yet has no verdict: an error, not a skip, so nobody reads it as fine.
    errors: cases.filter((each) => each.outcome === 'error' || each.outcome === 'pending').length,
    skipped: cases.filter((each) => each.outcome === 'skipped').length,
    timeMs: cases.reduce((sum, each) => sum + (each.durationMs ?? 0), 0)
  }
}

function counts({ tests, failures, errors, skipped, timeMs }: Tally): string {
  return `tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(timeMs)}"`
}

function properties(list: readonly Property[], indent: string): string {
  const kept = list.flatMap(([name, value]): [string, string][] =>
    value === null || value === '' ? [] : [[name, String(value)]]
  )
  if (kept.length === 0) return ''
  const items = kept.map(
    ([name, value]) =>
      `${indent}  <property name="${xmlAttribute(name)}" value="${xmlAttribute(value)}"/>`
  )
  return `${indent}<properties>\n${items.join('\n')}\n${indent}</properties>\n`
}

function testCase(each: TestCase): string {
  const open = `    <testcase classname="${xmlAttribute(each.category)}" name="${xmlAttribute(each.name)}" time="${seconds(each.durationMs)}"`
  const inner = properties(each.properties, '      ') + outcome(each)
  return inner === '' ? `${open}/>` : `${open}>\n${inner}    </testcase>`
}

function outcome(each: TestCase): string {
  const attributes = `type="${xmlAttribute(each.status)}" message="${xmlAttribute(each.message)}"`
  switch (each.outcome) {
    case 'passed':
      return ''
    case 'skipped':
      return `      <skipped message="${xmlAttribute(each.message || each.status)}"/>\n`
    case 'failed':
      return each.trace === ''
        ? `      <failure ${attributes}/>\n`
        : `      <failure ${attributes}>${xmlCdata(each.trace)}</failure>\n`
    case 'error':
    case 'pending':
      return `      <error ${attributes}/>\n`
  }
}

/** The whole document. */
export function renderJUnit(suites: readonly TestSuite[]): string {
  const all = tally(suites.flatMap((suite) => suite.cases))
  const body = suites.map((suite) => {
    const when = suite.createdAt === null ? '' : ` timestamp="${timestamp(suite.createdAt)}"`
    const head = `  <testsuite name="${xmlAttribute(suite.name)}" ${counts(tally(suite.cases))}${when}>`
    const cases = suite.cases.map(testCase)
    return [head, properties(suite.properties, '    ').trimEnd(), ...cases, '  </testsuite>']
      .filter((line) => line !== '')
      .join('\n')
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="CCExtractor Sample Platform" ${counts(all)}>\n${body.join('\n')}\n</testsuites>\n`
}
