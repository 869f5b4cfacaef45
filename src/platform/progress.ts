/** Progress lines for long fetches; the client reports its pacing waits here too. */
export interface Progress {
  /** More requests are coming. */
  expect(count: number): void
  /** One of them is done. */
  advance(): void
  /** Requests pause for the rate-limit window. */
  waiting(ms: number): void
}

/** A progress line every this many results. */
const PROGRESS_EVERY = 50

export function createProgress(log: (line: string) => void): Progress {
  let total = 0
  let done = 0
  return {
    expect(count) {
      total += count
    },
    advance() {
      done++
      if (done % PROGRESS_EVERY === 0 && done < total) log(`fetched ${done}/${total}`)
    },
    waiting(ms) {
      log(`fetched ${done}/${total}, waiting ${Math.ceil(ms / 1000)} s for the rate-limit window`)
    }
  }
}

/**
 * "after waiting 14 s (wait-timeout: 15)": the time really waited, beside the
 * wait-timeout given, so a message never claims a wait that did not happen.
 */
export function afterWaiting(waitedMs: number, waitTimeoutMs: number): string {
  return `after waiting ${Math.round(waitedMs / 1000)} s (wait-timeout: ${Math.round(waitTimeoutMs / 1000)})`
}
