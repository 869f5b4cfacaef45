// @ts-check
/**
 * Preloaded into the bundle's process by the memory test (`NODE_OPTIONS=--import=…`):
 * when the process exits, writes its peak resident set size in KiB (getrusage's
 * ru_maxrss, as process.resourceUsage() reports it) to the file PEAK_RSS_FILE
 * names. A process that dies before its exit handlers writes nothing.
 */
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  const file = process.env.PEAK_RSS_FILE
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS))
})
