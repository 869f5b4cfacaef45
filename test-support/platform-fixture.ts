import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals'
import { startFakePlatform, type FakePlatform, type FakePlatformOptions } from './fake-platform.js'

/**
 * One fake Sample Platform for a test file: started before the first test,
 * reset (requests, faults, rate-limit windows) before each, closed at the end.
 */
export function useFakePlatform(options?: FakePlatformOptions): () => FakePlatform {
  let platform: FakePlatform | undefined
  beforeAll(async () => {
    platform = await startFakePlatform(options)
  })
  afterAll(async () => {
    await platform?.close()
  })
  beforeEach(() => {
    platform?.reset()
  })
  return () => {
    if (!platform) throw new Error('The fake platform is used outside a test')
    return platform
  }
}

/**
 * A fake Sample Platform that each test starts with options of its own (a shape,
 * a clock, quirks), closed after the test: `const start = startFakePlatformPerTest()`.
 */
export function startFakePlatformPerTest(): (
  options?: FakePlatformOptions
) => Promise<FakePlatform> {
  let platform: FakePlatform | null = null
  afterEach(async () => {
    await platform?.close()
    platform = null
  })
  return async (options = {}) => {
    platform = await startFakePlatform(options)
    return platform
  }
}
