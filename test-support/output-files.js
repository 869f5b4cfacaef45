// @ts-check
/**
 * Deterministic expected and actual output files for the fake's diff endpoint:
 * SRT captions as CCExtractor writes them, the same for every call.
 */
import { mulberry32 } from './sample-runs.js'

/** @typedef {import('./sample-runs.js').SampleResult} SampleResult */
/** @typedef {import('./sample-runs.js').Output} Output */

/**
 * The two files the server compares for one output; null where there is none.
 * @typedef {{ expected: string | null, actual: string | null }} OutputFiles
 */

/**
 * Caption text in the upper case of line 21 captions, with the usual speaker marks; no
 * line is longer than a 608 row (32 columns).
 */
const CAPTION_LINES = [
  ">> GOOD EVENING, I'M JIM CARVER.",
  'THANKS FOR JOINING US TONIGHT.',
  '[ MUSIC PLAYING ]',
  '>> THE STORM MOVED NORTH',
  'OVERNIGHT, LEAVING THOUSANDS',
  'WITHOUT POWER ACROSS THE REGION.',
  '>> WE WILL HAVE MORE ON THAT',
  'AFTER THE BREAK.',
  '( APPLAUSE )',
  '>> CAFÉ OWNERS SAY BUSINESS',
  'IS BACK TO WHERE IT WAS.',
  'CAPTIONING MADE POSSIBLE BY THE',
  'NATIONAL CAPTIONING INSTITUTE',
  '>> ¿QUÉ PASÓ AQUÍ?',
  '>> NOBODY KNOWS YET.'
]

/** `HH:MM:SS,mmm`, the SRT time format. */
function srtTime(/** @type {number} */ ms) {
  const pad = (/** @type {number} */ n, /** @type {number} */ width) =>
    String(n).padStart(width, '0')
  const hours = Math.floor(ms / 3600_000)
  const minutes = Math.floor(ms / 60_000) % 60
  const seconds = Math.floor(ms / 1000) % 60
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)},${pad(ms % 1000, 3)}`
}

/**
 * @typedef {object} Caption
 * @property {number} start ms
 * @property {number} end ms
 * @property {string[]} lines
 */

/** `count` captions from `seed`: one or two lines each, 1.5 to 3.5 s long, a gap between. */
function captions(/** @type {number} */ count, /** @type {number} */ seed) {
  const random = mulberry32(seed)
  /** @type {Caption[]} */
  const list = []
  let start = 1000
  for (let i = 0; i < count; i++) {
    const end = start + 1500 + Math.floor(random() * 2000)
    const first = Math.floor(random() * CAPTION_LINES.length)
    const lines = [CAPTION_LINES[first] ?? '']
    if (random() < 0.5) lines.push(CAPTION_LINES[(first + 1) % CAPTION_LINES.length] ?? '')
    list.push({ start, end, lines })
    start = end + 100 + Math.floor(random() * 900)
  }
  return list
}

/** Captions as an .srt file, numbered from 1, shifted by `shiftMs`. */
function toSrt(/** @type {Caption[]} */ list, shiftMs = 0) {
  return list
    .map(
      ({ start, end, lines }, i) =>
        `${i + 1}\n${srtTime(start + shiftMs)} --> ${srtTime(end + shiftMs)}\n${lines.join('\n')}\n`
    )
    .join('\n')
}

/**
 * An SRT file of `count` captions. The same seed gives the same captions; a shift
 * moves every timing, as a decoder regression that touches every caption does.
 * @param {number} count
 * @param {{ seed?: number, shiftMs?: number }} [options]
 */
export function srtFile(count, { seed = 1, shiftMs = 0 } = {}) {
  return toSrt(captions(count, seed), shiftMs)
}

/** The first vowel of the first line that has one, its 7-bit code off by one bit: E→D, I→H, O→N, U→T. */
function miscode(/** @type {readonly string[]} */ lines) {
  const index = lines.findIndex((line) => /[EIOU]/.test(line))
  return lines.map((line, i) =>
    i === index
      ? line.replace(/[EIOU]/, (vowel) => String.fromCharCode(vowel.charCodeAt(0) ^ 1))
      : line
  )
}

/**
 * The actual file of a failing output: three small changes far apart (a timing off by
 * one frame, a character decoded wrongly, a last word lost), or, after a runner time-out,
 * only the first half of the captions.
 * @param {Caption[]} expected
 * @param {boolean} timedOut
 */
function failedCaptions(expected, timedOut) {
  if (timedOut) return expected.slice(0, Math.ceil(expected.length / 2))
  const at = (/** @type {number} */ fraction) => Math.floor(expected.length * fraction)
  return expected.map((caption, i) => {
    if (i === at(0.2)) return { ...caption, start: caption.start + 33, end: caption.end + 33 }
    if (i === at(0.5)) return { ...caption, lines: miscode(caption.lines) }
    if (i === at(0.8))
      return { ...caption, lines: caption.lines.map((line) => line.replace(/ \S+$/, '')) }
    return caption
  })
}

/**
 * The expected and actual files of one output of a result, derived from its status:
 * identical for pass, a few differences for fail, no actual file for missing_output,
 * no expected file for missing_expected.
 * @param {SampleResult} result
 * @param {Output} output
 * @returns {OutputFiles}
 */
export function outputFiles(result, output) {
  const expected = captions(12 + (output.output_id % 29), output.output_id)
  const text = toSrt(expected)
  switch (output.status) {
    case 'fail':
      return { expected: text, actual: toSrt(failedCaptions(expected, result.exit_code === -1)) }
    case 'missing_output':
      return { expected: text, actual: null }
    case 'missing_expected':
      return { expected: null, actual: text }
    default:
      return { expected: text, actual: text }
  }
}
