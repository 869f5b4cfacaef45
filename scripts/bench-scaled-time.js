// @ts-check
/**
 * Preload for `npm run bench` (case 6): time passes BENCH_TIME_SCALE times
 * faster in this process, so a half-hour wait takes half a minute, without
 * touching src/. Load it with `node --import ./scripts/bench-scaled-time.js`.
 *
 * - Date.now(), `new Date()` and Date() without arguments, and performance.now()
 *   read a clock that runs S times faster from BENCH_TIME_ORIGIN (ms since the
 *   epoch, default: now): the bench gives its fake Sample Platform the same
 *   clock, so both agree on when a run ends.
 * - setTimeout and setInterval (global and node:timers) and setTimeout and
 *   setInterval of node:timers/promises wait delay / S. The bundle reaches
 *   node:timers/promises through require() and reads the property at each
 *   call, so patching the module object is enough for it; syncBuiltinESMExports()
 *   updates the named exports that `import { setTimeout } from ...` binds to.
 *
 * Not scaled: AbortSignal.timeout and other timers inside Node itself, and
 * real work: a 10 ms request looks like S × 10 ms on the scaled clock.
 * Without BENCH_TIME_SCALE, or with 1, it changes nothing.
 */
import { syncBuiltinESMExports } from 'node:module'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import timers from 'node:timers'
import timersPromises from 'node:timers/promises'

const SCALE = Number(process.env.BENCH_TIME_SCALE ?? 1)
if (!(SCALE > 0)) throw new Error(`BENCH_TIME_SCALE must be a positive number, not "${SCALE}"`)

if (SCALE !== 1) {
  const RealDate = Date
  const realNow = RealDate.now
  const origin = Number(process.env.BENCH_TIME_ORIGIN ?? realNow())
  const scaledNow = () => origin + (realNow() - origin) * SCALE
  const realPerformanceNow = performance.now.bind(performance)

  /**
   * Date on the scaled clock: with arguments as before; without, the scaled now.
   * @param {...any} args
   */
  function ScaledDate(...args) {
    if (!new.target) return new RealDate(scaledNow()).toString()
    return Reflect.construct(RealDate, args.length > 0 ? args : [scaledNow()], new.target)
  }
  Object.setPrototypeOf(ScaledDate, RealDate) // Date.parse, Date.UTC
  ScaledDate.prototype = RealDate.prototype
  ScaledDate.now = scaledNow
  globalThis.Date = /** @type {DateConstructor} */ (/** @type {unknown} */ (ScaledDate))
  performance.now = () => realPerformanceNow() * SCALE

  const shorter = (/** @type {unknown} */ delay) => (Number(delay) || 0) / SCALE
  const { setTimeout, setInterval } = timers
  const scaledTimeout = /** @type {typeof setTimeout} */ (
    /** @type {unknown} */ (
      (/** @type {any} */ callback, /** @type {unknown} */ delay, /** @type {any[]} */ ...args) =>
        setTimeout(callback, shorter(delay), ...args)
    )
  )
  const scaledInterval = /** @type {typeof setInterval} */ (
    /** @type {unknown} */ (
      (/** @type {any} */ callback, /** @type {unknown} */ delay, /** @type {any[]} */ ...args) =>
        setInterval(callback, shorter(delay), ...args)
    )
  )
  const promised = timersPromises
  const { setTimeout: sleep, setInterval: every } = promised
  promised.setTimeout = (delay, value, options) => sleep(shorter(delay), value, options)
  promised.setInterval = (delay, value, options) => every(shorter(delay), value, options)
  // util.promisify(setTimeout) is timers/promises' setTimeout, as for the real one.
  Object.assign(scaledTimeout, { [promisify.custom]: promised.setTimeout })
  timers.setTimeout = globalThis.setTimeout = scaledTimeout
  timers.setInterval = globalThis.setInterval = scaledInterval
  syncBuiltinESMExports()
}
