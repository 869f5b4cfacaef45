/**
 * The results as a CTRF report (Common Test Report Format, ctrf.io), the JSON
 * that CTRF's reporters, notifications and flaky-test tools read: one test per
 * sample and platform. Pure.
 */
import type { CTRFReport, Test } from 'ctrf'
import { removeHidden } from '../shared/text.js'
import type { CaseOutcome, TestSuite } from './test-cases.js'

/** The spec version written, as the ctrf package names its current one. */
const SPEC_VERSION = '0.0.0'

const STATUSES: Record<CaseOutcome, Test['status']> = {
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
  pending: 'pending',
  // A sample that could not be fetched has no verdict: neither passed nor failed.
  error: 'other'
}

/** Surrogates without a partner: the file must be valid UTF-8. */
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** Untrusted text as a JSON string holds it: JSON escapes the rest itself. */
function clean(text: string): string {
  return removeHidden(text).replace(LONE_SURROGATES, '')
}

export interface CtrfOptions {
  /** This action's name and version, as the tool that wrote the report. */
  tool: { name: string; version?: string }
  /** When the step began and ended, in ms since the epoch. */
  start: number
  stop: number
}

export function renderCtrf(suites: readonly TestSuite[], options: CtrfOptions): string {
  const tests = suites.flatMap((suite) =>
    suite.cases.map((each): Test => {
      const extra: Record<string, unknown> = {
        run_id: suite.runId,
        platform: suite.platform,
        status: clean(each.status),
        ...Object.fromEntries(
          each.properties.map(([name, value]) => [
            name,
            typeof value === 'string' ? clean(value) : value
          ])
        )
      }
      return {
        name: clean(each.name),
        status: STATUSES[each.outcome],
        duration: Math.max(0, Math.round(each.durationMs ?? 0)),
        ...(each.message ? { message: clean(each.message) } : {}),
        ...(each.trace ? { trace: clean(each.trace) } : {}),
        suite: [clean(suite.name), clean(each.category)],
        ...(each.flaky ? { flaky: true } : {}),
        extra
      }
    })
  )
  const count = (status: Test['status']) => tests.filter((test) => test.status === status).length
  const report: CTRFReport = {
    reportFormat: 'CTRF',
    specVersion: SPEC_VERSION,
    timestamp: new Date(options.stop).toISOString(),
    generatedBy: options.tool.name,
    results: {
      tool: options.tool,
      summary: {
        tests: tests.length,
        passed: count('passed'),
        failed: count('failed'),
        skipped: count('skipped'),
        pending: count('pending'),
        other: count('other'),
        flaky: tests.filter((test) => test.flaky).length,
        suites: suites.length,
        start: options.start,
        stop: options.stop,
        duration: Math.max(0, options.stop - options.start)
      },
      tests,
      extra: {
        runs: suites.map((suite) => Object.fromEntries(suite.properties))
      }
    }
  }
  return `${JSON.stringify(report, null, 2)}\n`
}
