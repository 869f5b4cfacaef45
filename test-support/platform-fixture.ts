import { afterAll, beforeAll, beforeEach } from '@jest/globals'
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
