/**
 * The results as JUnit XML, the format test reporters read (dorny/test-reporter,
 * EnricoMi/publish-unit-test-result-action, mikepenz/action-junit-report): one
 * <testsuite> per platform's run, one <testcase> per sample. Pure.
 */
import type { Property, TestCase, TestSuite } from './test-cases.js'

/**
 * Characters XML 1.0 cannot hold at all (C0 controls but tab and line breaks,
 * the two non-characters at the end of the BMP, surrogates without a partner),
 * and the invisible ones that can hide text, removed from every string.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

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
  return text.replace(NOT_XML, '').replace(/[&<>"'\n\r\t]/g, (c) => ENTITIES[c] ?? c)
}

/** Element text in CDATA: `]]>` inside is split across two sections, so it never closes one. */
export function xmlCdata(text: string): string {
  const body = text.replace(NOT_XML, '').replaceAll(']]>', ']]]]><![CDATA[>')
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
