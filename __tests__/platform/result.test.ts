import { describe, expect, it } from '@jest/globals'
import { ActionError } from '../../src/shared/errors.js'
import {
  isPassing,
  MixedUpAnswer,
  parseResult,
  readOutputFile
} from '../../src/platform/api/result.js'
import { failing } from '../../__fixtures__/results.js'

const request = { runId: 9412, sampleId: 42 }

function problem(body: unknown): string {
  try {
    parseResult(body, request)
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError)
    expect((error as ActionError).kind).toBe('response')
    return (error as ActionError).message
  }
  throw new Error('parseResult accepted the body')
}

describe('parseResult', () => {
  it('reads the documented shape as it is, ignoring extra fields', () => {
    expect(parseResult({ ...failing, surprise: { nested: 1 } }, request)).toEqual(failing)
  })

  it('normalises the deployed shape to the documented one', () => {
    const deployed = {
      regression_test_id: 42,
      sample_id: null,
      sample_name: 'BBC_HD_dvbsub_2013.ts',
      categories: ['DVB', 'Broken'],
      command: '-codec dvbsub -out=spupng',
      status: 'fail',
      runtime_ms: 12_408,
      exit_code: 139,
      expected_rc: 0,
      outputs: [{ output_id: 871, filename: 'abc.xml', status: 'fail' }]
    }
    expect(parseResult(deployed, request)).toEqual({
      run_id: 9412,
      // The server links no media sample: absent stays absent, not the ID asked for.
      sample_id: null,
      regression_id: 42,
      category: 'DVB, Broken',
      command: '-codec dvbsub -out=spupng',
      status: 'fail',
      runtime_ms: 12_408,
      exit_code: 139,
      expected_exit_code: 0,
      result_message: null,
      tags: [],
      outputs: [{ output_id: 871, filename: 'abc.xml', status: 'fail' }],
      sample_name: 'BBC_HD_dvbsub_2013.ts'
    })
  })

  it('keeps an unknown status verbatim, and it does not pass', () => {
    const result = parseResult({ ...failing, status: 'Flaky-ish' }, request)
    expect(result.status).toBe('Flaky-ish')
    expect(isPassing(result.status)).toBe(false)
    expect(isPassing('pass')).toBe(true)
    expect(isPassing('PASS')).toBe(false)
  })

  it.each([
    [{ ...failing, status: undefined }, 'field "status" is missing'],
    [{ ...failing, exit_code: '0' }, 'field "exit_code" should be an integer, not "0"'],
    [{ ...failing, runtime_ms: 1.5 }, 'field "runtime_ms" should be an integer, not 1.5'],
    [{ ...failing, tags: ['ok', 3] }, 'field "tags.1" should be a string, not 3'],
    [{ ...failing, outputs: {} }, 'field "outputs" should be an array'],
    [{ ...failing, regression_id: undefined }, 'field "regression_id" is missing'],
    [{ ...failing, command: 7 }, 'field "command" should be a string, not 7'],
    [[failing], 'the body is an array, not an object'],
    [null, 'the body is null'],
    ['pass', 'the body is a string']
  ])('names what is wrong: %#', (body, message) => {
    const text = problem(body)
    expect(text).toContain(message)
    expect(text).toContain('run 9412, sample 42')
  })
})

describe('readOutputFile', () => {
  it('reads what it can and never throws', () => {
    expect(readOutputFile({ output_id: 871, filename: 'a.srt', status: 'pass', extra: 1 })).toEqual(
      { outputId: 871, filename: 'a.srt', status: 'pass' }
    )
    const nothing = { outputId: null, filename: null, status: null }
    expect(readOutputFile({ output_id: '871', filename: 7 })).toEqual(nothing)
    expect(readOutputFile(null)).toEqual(nothing)
    expect(readOutputFile('x')).toEqual(nothing)
  })
})

describe('parseResult with what the deployed schema allows', () => {
  it('reads a result with only the required fields, keeping what is absent as null', () => {
    const minimal = { regression_test_id: 42, sample_id: null, status: 'pass' }
    expect(parseResult(minimal, request)).toEqual({
      run_id: 9412,
      sample_id: null,
      regression_id: 42,
      category: null,
      command: null,
      status: 'pass',
      runtime_ms: null,
      exit_code: null,
      expected_exit_code: null,
      result_message: null,
      tags: [],
      outputs: null
    })
    expect(parseResult({ ...minimal, command: null }, request).command).toBeNull()
  })
})

describe('which number is which (CONTRACT.md)', () => {
  // The seed's own example: GET /runs/9321/samples/142 answers sample 142, regression test 77.
  const seed = { ...failing, run_id: 9321, sample_id: 142, regression_id: 77 }
  const asked = (sampleId: number) => ({ runId: 9321, sampleId })

  it('reads a documented body whose sample_id is the number asked for, whatever its regression test', () => {
    expect(parseResult(seed, asked(142))).toMatchObject({ sample_id: 142, regression_id: 77 })
  })

  it('reads a documented body whose regression_id is the number asked for', () => {
    expect(parseResult(seed, asked(77))).toMatchObject({ sample_id: 142, regression_id: 77 })
  })

  it('refuses a documented body that is neither, naming the number asked and both of its own', () => {
    const error = thrown(() => parseResult(seed, asked(143)))
    expect(error).toBeInstanceOf(MixedUpAnswer)
    expect(error.message).toContain(
      'answered run 9321, sample 143 with the result of sample 142 (regression test 77), which is not 143.'
    )
    expect((error as MixedUpAnswer).pairing).toBe('sample 143 got sample 142 (regression test 77)')
  })

  it('reads a deployed body by its regression test only: its sample_id is the media sample', () => {
    const deployed = { regression_test_id: 42, sample_id: 1042, status: 'pass' }
    expect(parseResult(deployed, asked(42))).toMatchObject({ sample_id: 1042, regression_id: 42 })
    const error = thrown(() => parseResult(deployed, asked(1042)))
    expect(error).toBeInstanceOf(MixedUpAnswer)
    expect(error.message).toContain(
      'sample 1042 with the result of regression test 42 (media sample 1042), which is not 1042 (the deployed server counts in regression tests)'
    )
  })

  it('names the regression test alone when a body has no media sample', () => {
    const error = thrown(() =>
      parseResult({ regression_test_id: 43, sample_id: null, status: 'pass' }, asked(42))
    )
    expect(error.message).toContain(
      'sample 42 with the result of regression test 43, which is not 42'
    )
  })
})

function thrown(action: () => unknown): ActionError {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError)
    return error as ActionError
  }
  throw new Error('it did not throw')
}
