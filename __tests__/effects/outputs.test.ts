import { describe, expect, it } from '@jest/globals'
import { resultOutputs } from '../../src/effects/outputs.js'
import { failing, passing } from '../../__fixtures__/results.js'

const API = 'https://sampleplatform.ccextractor.org/api/v1'

describe('resultOutputs', () => {
  it('gives every output as text, null as empty', () => {
    const result = { ...failing, runtime_ms: null, result_message: null }
    const outputs = resultOutputs(result, API)
    expect(outputs).toEqual({
      status: 'fail',
      passed: 'false',
      'regression-id': '42',
      category: 'DVB',
      command: '-codec dvbsub -out=spupng',
      'runtime-ms': '',
      'exit-code': '139',
      'expected-exit-code': '0',
      'result-message': '',
      tags: '[]',
      outputs: JSON.stringify(failing.outputs),
      result: JSON.stringify(result),
      url: 'https://sampleplatform.ccextractor.org/test/9412'
    })
    expect(resultOutputs(passing, API).passed).toBe('true')
  })
})
