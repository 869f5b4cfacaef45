import type { Clock } from '../src/platform/clock.js'

/** A clock whose sleeps return at once and move its time on; it records every wait. */
export interface TestClock extends Clock {
  readonly sleeps: number[]
}

export function testClock(start = Date.now()): TestClock {
  let now = start
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
    },
    random: () => 0.5
  }
}
