import { describe, expect, it } from '@jest/globals'
import { BACKOFF_CAP_MS, backoffDelay, rateLimitDelay } from '../../src/platform/api/retry.js'

describe('backoffDelay', () => {
  it('doubles from one second, with jitter in the upper half, and is capped', () => {
    expect(backoffDelay(0, () => 0)).toBe(500)
    expect(backoffDelay(0, () => 0.999)).toBe(1000)
    expect(backoffDelay(3, () => 0.5)).toBe(6000)
    expect(backoffDelay(20, () => 0.999)).toBeLessThanOrEqual(BACKOFF_CAP_MS)
  })
})

describe('rateLimitDelay', () => {
  const now = Date.UTC(2026, 10, 28, 12, 0, 0)

  it('reads Retry-After in seconds', () => {
    expect(rateLimitDelay(new Headers({ 'Retry-After': '17' }), now)).toBe(17_000)
  })

  it('reads Retry-After as an HTTP date', () => {
    const date = new Date(now + 42_000).toUTCString()
    expect(rateLimitDelay(new Headers({ 'Retry-After': date }), now)).toBe(42_000)
  })

  it('falls back to X-RateLimit-Reset, then to nothing', () => {
    const reset = String(now / 1000 + 30)
    expect(rateLimitDelay(new Headers({ 'X-RateLimit-Reset': reset }), now)).toBe(30_000)
    expect(rateLimitDelay(new Headers({ 'Retry-After': 'soon' }), now)).toBeNull()
    expect(rateLimitDelay(new Headers(), now)).toBeNull()
  })
})
