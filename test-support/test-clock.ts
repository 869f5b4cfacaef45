import type { Clock } from '../src/platform/api/clock.js'

/** A clock whose sleeps return at once and move its time on; it records every wait. */
export interface TestClock extends Clock {
  readonly sleeps: number[]
}

export interface TestClockOptions {
  start?: number
  /** Called after each sleep (1 for the first): lets a test change the world between polls. */
  onSleep?: (count: number) => void
}

export function testClock({ start = Date.now(), onSleep }: TestClockOptions = {}): TestClock {
  let now = start
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
      onSleep?.(sleeps.length)
    },
    random: () => 0.5
  }
}
