import { setTimeout as delay } from 'node:timers/promises'

/** Time and chance, passed in so tests can wait without sleeping for real. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
  sleep(ms: number): Promise<void>
  /** A number in [0, 1), for jitter. */
  random(): number
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms) => {
    await delay(ms)
  },
  random: () => Math.random()
}
