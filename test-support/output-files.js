// @ts-check
/**
 * Deterministic expected and actual output files for the fake's diff endpoint, in the
 * format the regression test's command makes CCExtractor write: the extension of the
 * output's file name picks the writer, and for .txt and .xml the command too (ttxt with
 * --ucla, --xds, --datets or teletext; spupng, SMPTE-TT or XMLTV). The same output gives
 * the same bytes on every call.
 *
 * The writers follow CCExtractor's encoders (src/lib_ccx/ccx_encoders_*.c, ts_tables_epg.c)
 * for pop-on 608 captions of one or two centred rows at the bottom of the screen, with two
 * simplifications: lines end in LF (CCExtractor writes CRLF unless -lf), and caption text
 * is trimmed of the spaces that pad a 608 row, as with --trim.
 *
 * .raw (McPoodle's broadcast format) and .bin (RCWT) are binary: the server diffs files as
 * text, so the fake shows their bytes in hex, .raw as `xxd` does (16 bytes a line: offset,
 * hex, printable characters; two bytes a frame keep the lines aligned) and .bin a line for
 * its header and for each record. Their captions are a broadcaster's 608 byte pairs, one
 * pair a frame at 29.97 fps, control codes sent twice; .mcc wraps the same pairs in one CDP
 * a frame.
 */
import { mulberry32 } from './sample-runs.js'

/**
 * What of a result its files depend on: the fake's stored results and the action's read ones alike.
 * @typedef {{ command?: string | null, sample_name?: string | null, exit_code?: number | null }} ResultOfFiles
 */
/** @typedef {import('./sample-runs.js').Output} Output */

/**
 * The two files the server compares for one output; null where there is none.
 * @typedef {{ expected: string | null, actual: string | null }} OutputFiles
 */

/**
 * Caption text in the upper case of line 21 captions, with the usual speaker marks; no
 * line is longer than a 608 row (32 columns), and every character is in the 608 set.
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

/** Columns of a 608 row. */
const COLUMNS = 32

/**
 * A timing off by one frame at 29.97 fps (33.4 ms), rounded up, so that formats that count
 * frames see it too.
 */
const FRAME_SHIFT_MS = 34

const pad = (/** @type {number | string} */ n, width = 2) => String(n).padStart(width, '0')
const hex = (/** @type {number} */ byte) => pad(byte.toString(16))

/** `HH:MM:SS` of a time in ms. */
function hms(/** @type {number} */ ms) {
  const hours = Math.floor(ms / 3600_000)
  const minutes = Math.floor(ms / 60_000) % 60
  const seconds = Math.floor(ms / 1000) % 60
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`
}

/** `HH:MM:SS,mmm`, the SRT time format. */
function srtTime(/** @type {number} */ ms) {
  return `${hms(ms)},${pad(ms % 1000, 3)}`
}

/** `HH:MM:SS.mmm`, as WebVTT and SMPTE-TT write times. */
function dotTime(/** @type {number} */ ms) {
  return `${hms(ms)}.${pad(ms % 1000, 3)}`
}

/** `YYYYMMDDHHMMSS` and the milliseconds, a time counted from 1970 (ttxt's absolute times). */
function dateTime(/** @type {number} */ ms, /** @type {string} */ separator) {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 19).replace(/\D/g, '')}${separator}${iso.slice(20, 23)}`
}

/** Seconds with three decimals, as spupng's `%.3f`. */
function seconds(/** @type {number} */ ms) {
  return `${Math.floor(ms / 1000)}.${pad(ms % 1000, 3)}`
}

/** The first vowel of the first line that has one, its 7-bit code off by one bit: E→D, I→H, O→N, U→T. */
function miscode(/** @type {readonly string[]} */ lines) {
  const index = lines.findIndex((line) => /[EIOUeiou]/.test(line))
  return lines.map((line, i) =>
    i === index
      ? line.replace(/[EIOUeiou]/, (vowel) => String.fromCharCode(vowel.charCodeAt(0) ^ 1))
      : line
  )
}

/**
 * What a regression does to the entries of a file: a timing off, a character decoded
 * wrongly, a last word lost.
 * @template Entry
 * @typedef {object} Changes
 * @property {(entry: Entry) => Entry} timing
 * @property {(entry: Entry) => Entry} character
 * @property {(entry: Entry) => Entry} lastWord
 */

/**
 * The entries of the actual file of a failing output: three small changes far apart.
 * @template Entry
 * @param {Entry[]} expected
 * @param {Changes<Entry>} changes
 * @returns {Entry[]}
 */
function failedEntries(expected, changes) {
  const at = (/** @type {number} */ fraction) => Math.floor(expected.length * fraction)
  return expected.map((entry, i) => {
    if (i === at(0.2)) return changes.timing(entry)
    if (i === at(0.5)) return changes.character(entry)
    if (i === at(0.8)) return changes.lastWord(entry)
    return entry
  })
}

// Captions ------------------------------------------------------------------------------

/**
 * A pop-on caption as a 608 decoder holds it.
 * @typedef {object} Caption
 * @property {number} start ms, when it shows
 * @property {number} end ms, its last millisecond on screen (SRT's end time): the decoder's
 *   end time is end + 1, and the writers that print end_time - 1 print end
 * @property {string[]} lines one or two, the rows at the bottom of the screen
 * @property {{ start: number, lines: string[] }} sent what the broadcaster sent: where the
 *   lines start and the frames the caption is loaded in follow it, so a caption a decoder
 *   shows a frame late, or without a word, was still loaded when and where it was
 */

/** The 608 column that centres a line. */
function centred(/** @type {string} */ line) {
  return Math.floor((COLUMNS - [...line].length) / 2)
}

/** The column where line `index` of a caption starts: where the broadcaster put it. */
function columnOf(/** @type {Caption} */ caption, /** @type {number} */ index) {
  return centred(caption.sent.lines[index] ?? caption.lines[index] ?? '')
}

/** The row (0 to 14) of a caption's first line: its lines end on the bottom row. */
function firstRow(/** @type {Caption} */ caption) {
  return 15 - caption.lines.length
}

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
    list.push({ start, end, lines, sent: { start, lines } })
    start = end + 100 + Math.floor(random() * 900)
  }
  return list
}

/** @type {Changes<Caption>} */
const CAPTION_CHANGES = {
  timing: (caption) => ({
    ...caption,
    start: caption.start + FRAME_SHIFT_MS,
    end: caption.end + FRAME_SHIFT_MS
  }),
  character: (caption) => ({ ...caption, lines: miscode(caption.lines) }),
  lastWord: (caption) => ({
    ...caption,
    lines: caption.lines.map((line) => line.replace(/ \S+$/, ''))
  })
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

/** Where ccx_encoders_webvtt.c puts each 608 row, in percent of the height. */
const WEBVTT_ROW_PERCENT =
  '10 15.33 20.66 26 31.33 36.66 42 47.33 52.66 58 63.33 68.66 74 79.33 84.66'.split(' ')

/** WebVTT: a header, then a cue for each row of a caption, placed with `line:`. */
function toWebVtt(/** @type {Caption[]} */ list) {
  const cues = list.flatMap((caption) =>
    caption.lines.map((line, i) => {
      const row = WEBVTT_ROW_PERCENT[firstRow(caption) + i] ?? '84.66'
      return `${dotTime(caption.start)} --> ${dotTime(caption.end)} line:${row}%\n${line}\n\n`
    })
  )
  return `WEBVTT\n\n${cues.join('')}`
}

/** CCExtractor's SAMI header (McPoodle's CCASDI). */
const SAMI_HEADER = `<SAMI>
<HEAD>
<STYLE TYPE="text/css">
<!--
P {margin-left: 16pt; margin-right: 16pt; margin-bottom: 16pt; margin-top: 16pt;
text-align: center; font-size: 18pt; font-family: arial; font-weight: bold; color: #f0f0f0;}
.UNKNOWNCC {Name:Unknown; lang:en-US; SAMIType:CC;}
-->
</STYLE>
</HEAD>

<BODY>
`

/** SAMI: a SYNC that shows each caption (rows above the last end in <br>) and one that clears it. */
function toSami(/** @type {Caption[]} */ list, /** @type {boolean} */ complete) {
  const syncs = list.map((caption) => {
    const rows = caption.lines
      .map((line, i) => `${line}${firstRow(caption) + i < 14 ? '<br>' : ''}\n`)
      .join('')
    return (
      `<SYNC start=${caption.start}><P class="UNKNOWNCC">\n${rows}</P></SYNC>\n` +
      `<SYNC start=${caption.end}><P class="UNKNOWNCC">&nbsp;</P></SYNC>\n\n`
    )
  })
  return `${SAMI_HEADER}${syncs.join('')}${complete ? '</BODY></SAMI>\n' : ''}`
}

/** CCExtractor's SSA/ASS header. */
const ASS_HEADER = `[Script Info]
Title: Default file
ScriptType: v4.00+
PlayResX: 384
PlayResY: 288

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,1,1,2,10,10,10,0

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text

`

/**
 * ASS: a Dialogue line for each caption, placed with {\an7\pos(x,y)} in the 384x288 script
 * resolution, rows joined with \N. As ccx_encoders_ssa.c does, the start's hundredths are
 * printed with `%01u` and the end's with `%02u`: 1.050 s starts at `00:00:01.5`.
 */
function toAss(/** @type {Caption[]} */ list) {
  const dialogues = list.map((caption) => {
    const column = Math.min(...caption.lines.map((_, i) => columnOf(caption, i)))
    const x = Math.trunc(384 * 0.1 + column * 384 * 0.025 + 0.5)
    const y = Math.trunc(288 * 0.1 + firstRow(caption) * ((288 * 0.8) / 15) + 0.5)
    const start = `${hms(caption.start)}.${Math.floor((caption.start % 1000) / 10)}`
    const end = `${hms(caption.end)}.${pad(Math.floor((caption.end % 1000) / 10))}`
    return `Dialogue: 0,${start},${end},Default,,0000,0000,0000,,{\\an7\\pos(${x},${y})}${caption.lines.join('\\N')}\n`
  })
  return `${ASS_HEADER}${dialogues.join('')}`
}

/** CCExtractor's SMPTE-TT header, indentation and all. */
const SMPTE_TT_HEADER = `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
  <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:dropMode="dropNTSC" ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001" ttp:timeBase="smpte" xmlns:m608="http://www.smpte-ra.org/schemas/2052-1/2010/smpte-tt#cea608" xmlns:smpte="http://www.smpte-ra.org/schemas/2052-1/2010/smpte-tt" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xmlns:tts="http://www.w3.org/ns/ttml#styling">
  <head>
    <styling>
      <style tts:color="white" tts:fontFamily="monospace" tts:fontWeight="normal" tts:textAlign="left" xml:id="basic"/>
    </styling>
    <layout>
      <region tts:backgroundColor="transparent" xml:id="pop1"/>
      <region tts:backgroundColor="transparent" xml:id="paint"/>
      <region tts:backgroundColor="transparent" xml:id="rollup2"/>
      <region tts:backgroundColor="transparent" xml:id="rollup3"/>
      <region tts:backgroundColor="transparent" xml:id="rollup4"/>
    </layout>
    <metadata/>
    <smpte:information m608:captionService="F1C1CC" m608:channel="cc1"/>
  </head>
  <body>
    <div>
`

/** SMPTE-TT (TTML): a <p> for each row, placed with tts:origin in percent of the screen. */
function toSmpteTt(/** @type {Caption[]} */ list, /** @type {boolean} */ complete) {
  const paragraphs = list.flatMap((caption) =>
    caption.lines.map((line, i) => {
      const column = ((100 * columnOf(caption, i)) / (COLUMNS / 0.8) + 10).toFixed(3)
      const row = ((100 * (firstRow(caption) + i)) / (15 / 0.8) + 10).toFixed(3)
      return (
        `      <p begin="${dotTime(caption.start)}" end="${dotTime(caption.end)}" tts:origin="${column}% ${row}%">\n` +
        `        <span>${line}\n` +
        '        <style tts:backgroundColor="#000000FF" tts:fontSize="18px"/></span>\n' +
        '      </p>\n'
      )
    })
  )
  return `${SMPTE_TT_HEADER}${paragraphs.join('')}${complete ? '    </div>\n  </body>\n</tt>\n' : ''}`
}

/**
 * spupng's XML index: an <spu> for each caption's image, in `<name>.d/`, with its text in
 * a comment (a 608 caption's text, or a DVB bitmap's OCR). 608 images are 600 pixels wide,
 * centred on a 720x480 screen; DVB bitmaps on a 720x576 one.
 */
function toSpupng(
  /** @type {Caption[]} */ list,
  /** @type {{ dvb: boolean, name: string }} */ { dvb, name },
  /** @type {boolean} */ complete
) {
  const spus = list.map((caption, i) => {
    const longest = Math.max(...caption.lines.map((line) => [...line].length))
    const width = dvb ? 24 + 18 * longest : 600
    const height = dvb ? 12 + 40 * caption.lines.length : caption.lines.length > 1 ? 122 : 70
    const xOffset = Math.floor((720 - width) / 2)
    const yOffset = Math.floor(((dvb ? 576 : 480) - height) / 2)
    // A 608 caption's text ends at the decoder's end time; a bitmap ends a millisecond before.
    const end = dvb ? caption.end : caption.end + 1
    return (
      `<spu start="${seconds(caption.start)}" end="${seconds(end)}" image="${name}.d/sub${pad(i, 4)}.png"` +
      ` xoffset="${xOffset}" yoffset="${yOffset + (yOffset % 2)}">\n` +
      `<!--\n${caption.lines.join('\n')}\n-->\n</spu>\n`
    )
  })
  return `<subpictures>\n<stream>\n${spus.join('')}${complete ? '</stream>\n</subpictures>\n' : ''}`
}

/** G608: the whole 608 grid, 15 rows of 32 characters, 32 colours (0 white, 9 transparent), 32 fonts. */
function toG608(/** @type {Caption[]} */ list) {
  return list
    .map((caption, n) => {
      const rows = Array.from({ length: 15 }, (_, row) => {
        const text = Array.from({ length: COLUMNS }, () => ' ')
        const colours = Array.from({ length: COLUMNS }, () => '9')
        const index = row - firstRow(caption)
        const column = columnOf(caption, index)
        ;[...(caption.lines[index] ?? '')].forEach((character, k) => {
          text[column + k] = character
          colours[column + k] = '0'
        })
        return `${text.join('')}${colours.join('')}${'R'.repeat(COLUMNS)}\n`
      })
      return `${n + 1}\n${srtTime(caption.start)} --> ${srtTime(caption.end)}\n${rows.join('')}\n`
    })
    .join('')
}

// Transcripts ---------------------------------------------------------------------------

/**
 * @typedef {object} TranscriptOptions
 * @property {boolean} ucla --ucla: absolute times with a '.', the channel (CC1) before the mode
 * @property {boolean} xds --xds: XDS packets as lines of their own
 * @property {boolean} datets --datets: times as YYYYMMDDHHMMSS,mmm
 * @property {boolean} teletext teletext subtitles: mode TLT
 */

/** Stations that send XDS: call letters and network. */
const XDS_STATIONS = [
  ['KTLA', 'CW'],
  ['KABC', 'ABC'],
  ['WNBC', 'NBC'],
  ['KQED', 'PBS'],
  ['WFLA', 'NBC']
]
const XDS_PROGRAMS = ['NEWS AT TEN', 'EYEWITNESS NEWS', 'THE EVENING REPORT', 'WEATHER WATCH']

/** The XDS packets of a recording: its channel's network and call letters, the program's name. */
function xdsPackets(/** @type {number} */ seed) {
  const random = mulberry32(seed ^ 0x0d5)
  const [call = 'KTLA', network = 'CW'] =
    XDS_STATIONS[Math.floor(random() * XDS_STATIONS.length)] ?? []
  const program = XDS_PROGRAMS[Math.floor(random() * XDS_PROGRAMS.length)] ?? 'NEWS AT TEN'
  return [
    { start: 1300, end: 1734, packetClass: 'CHN', text: `Network: ${network}` },
    { start: 2102, end: 2469, packetClass: 'CHN', text: `Call Letters: ${call}` },
    { start: 2903, end: 3437, packetClass: 'CUR', text: `Program name: ${program}` }
  ]
}

/**
 * ttxt, CCExtractor's timed transcript: a line for each row, `start|end|mode|text`, written
 * when the caption leaves the screen. With --ucla the times are absolute (the recording has
 * no time of its own, so 1970) and the channel comes first; with --xds, XDS lines too.
 */
function toTranscript(
  /** @type {Caption[]} */ list,
  /** @type {TranscriptOptions} */ options,
  /** @type {number} */ seed
) {
  const time = (/** @type {number} */ ms) =>
    options.ucla ? dateTime(ms, '.') : options.datets ? dateTime(ms, ',') : srtTime(ms)
  const mode = options.teletext ? 'TLT|' : options.ucla ? 'CC1|POP|' : 'POP|'
  const written = list.map((caption) => ({
    at: caption.end + 1,
    lines: caption.lines.map(
      (line) => `${time(caption.start)}|${time(caption.end + 1)}|${mode}${line}`
    )
  }))
  const xds = options.xds
    ? xdsPackets(seed).map((packet) => ({
        at: packet.end,
        lines: [
          `${time(packet.start)}|${time(packet.end)}|XDS|${options.ucla ? `${packet.packetClass}|` : ''}${packet.text}`
        ]
      }))
    : []
  return [...xds, ...written]
    .sort((a, b) => a.at - b.at)
    .flatMap((entry) => entry.lines)
    .map((line) => `${line}\n`)
    .join('')
}

// 608 byte pairs --------------------------------------------------------------------------

/** 608 characters whose code in the basic set is not their ASCII code, and their codes. */
const BASIC_608 = 'áéíóúç÷Ññ■'
const BASIC_608_CODES = [0x2a, 0x5c, 0x5e, 0x5f, 0x60, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f]
/** ASCII characters the basic set puts others in place of. */
const NOT_BASIC_608 = '*\\^_`{|}~'
/** The special characters, 0x11 0x30 to 0x3f (0x39, the transparent space, left out). */
const SPECIAL_608 = '®°½¿™¢£♪à\u0000èâêîôû'
/**
 * The extended characters, 0x12 and 0x13 with 0x20 to 0x3f, as CCExtractor decodes them
 * (ccxr's line21_to_utf8).
 * @type {[number, string][]}
 */
const EXTENDED_608 = [
  [0x12, 'ÁÉÓÚÜü‘¡*’—©℠•“”ÀÂÇÈÊËëÎÏïÔÙùÛ«»'],
  [0x13, 'ÃãÍÌìÒòÕõ{}\\^_¦~ÄäÖöß¥¤|ÅåØø┌┐└┘']
]

/**
 * A character as line 21 sends it (channel 1): one byte of the basic set, or a two-byte
 * special character, or an extended one, which replaces the character before it.
 * @typedef {{ kind: 'basic', code: number } | { kind: 'special' | 'extended', pair: [number, number], fallback: number }} Code608
 */

/**
 * The 608 code of a character; throws for one that a 608 caption cannot hold.
 * @param {string} character
 * @returns {Code608}
 */
export function code608(character) {
  const code = character.codePointAt(0) ?? 0
  const basic = BASIC_608_CODES[[...BASIC_608].indexOf(character)]
  if (basic !== undefined) return { kind: 'basic', code: basic }
  if (code >= 0x20 && code < 0x7f && !NOT_BASIC_608.includes(character))
    return { kind: 'basic', code }
  const special = [...SPECIAL_608].indexOf(character)
  if (special >= 0) return { kind: 'special', pair: [0x11, 0x30 + special], fallback: 0x20 }
  for (const [first, set] of EXTENDED_608) {
    const index = [...set].indexOf(character)
    if (index < 0) continue
    const plain = character.normalize('NFD')[0] ?? ' '
    return {
      kind: 'extended',
      pair: [first, 0x20 + index],
      fallback: /^[A-Za-z]$/.test(plain) ? plain.charCodeAt(0) : 0x20
    }
  }
  throw new Error(`${JSON.stringify(character)} is not a 608 character`)
}

/** A byte with the odd parity line 21 sends it with. */
function oddParity(/** @type {number} */ byte) {
  let bits = 0
  for (let rest = byte; rest > 0; rest >>= 1) bits += rest & 1
  return bits % 2 === 0 ? byte | 0x80 : byte
}

/** @typedef {[number, number]} Pair two 7-bit bytes, before parity */

/** Resume caption loading, erase non-displayed and displayed memory, end of caption (swap). */
const RCL = /** @type {Pair} */ ([0x14, 0x20])
const ENM = /** @type {Pair} */ ([0x14, 0x2e])
const EDM = /** @type {Pair} */ ([0x14, 0x2c])
const EOC = /** @type {Pair} */ ([0x14, 0x2f])

/** The first byte of the preamble of each row. */
const PREAMBLE_ROW = [
  0x11, 0x11, 0x12, 0x12, 0x15, 0x15, 0x16, 0x16, 0x17, 0x17, 0x10, 0x13, 0x13, 0x14, 0x14
]

/** The preamble address code that puts the cursor on `row` at the indent before `column` (white). */
function preamble(/** @type {number} */ row, /** @type {number} */ column) {
  const high = [1, 3, 5, 7, 9, 12, 14].includes(row)
  return /** @type {Pair} */ ([
    PREAMBLE_ROW[row] ?? 0x14,
    (high ? 0x70 : 0x50) + 2 * Math.floor(column / 4)
  ])
}

/** The tab offset of 1 to 3 columns past a preamble's indent. */
function tabOffset(/** @type {number} */ columns) {
  return /** @type {Pair} */ ([0x17, 0x20 + columns])
}

/** `HH:MM:SS:FF` at 29.97 fps, as the SCC writer counts frames within a second. */
function sccTime(/** @type {number} */ ms) {
  return `${hms(ms)}:${pad(Math.min(29, Math.floor(((ms % 1000) * 29.97) / 1000)))}`
}

/**
 * The words CCExtractor's SCC writer sends to load and show a caption
 * (write_cc_buffer_as_scenarist): each control code once, characters two to a word,
 * 80 to fill a word, and a space before an extended character for it to replace.
 */
function sccWords(/** @type {Caption} */ caption) {
  let text = ''
  let written = 0
  const byte = (/** @type {number} */ value) => {
    if (written % 2 === 0) text += ' '
    text += hex(oddParity(value))
    written++
  }
  const padding = () => {
    if (written % 2 === 1) {
      text += '80'
      written++
    }
  }
  const pair = (/** @type {Pair} */ [first, second]) => {
    padding()
    byte(first)
    byte(second)
  }
  pair(RCL)
  caption.lines.forEach((line, i) => {
    const column = columnOf(caption, i)
    pair(preamble(firstRow(caption) + i, column))
    if (column % 4) pair(tabOffset(column % 4))
    for (const character of line) {
      const code = code608(character)
      if (code.kind === 'basic') byte(code.code)
      else {
        if (code.kind === 'extended') byte(0x20)
        pair(code.pair)
      }
    }
    padding()
  })
  pair(EOC)
  pair(ENM)
  return text
}

/** Scenarist SCC: each caption loaded and shown at its start, erased (942c) at its end. */
function toScc(/** @type {Caption[]} */ list, /** @type {boolean} */ complete) {
  const blocks = list.map(
    (caption) =>
      `\n\n${sccTime(caption.start)}\t${sccWords(caption)}\n\n${sccTime(caption.end + 1)}\t 942c`
  )
  return `Scenarist_SCC V1.0${blocks.join('')}${complete ? '\n' : ''}`
}

/** The frame (29.97 fps) that a time in ms falls in. */
function frameOf(/** @type {number} */ ms) {
  return Math.floor((ms * 30) / 1001)
}

/**
 * The pairs a broadcaster sends to load a caption with these lines, in groups (the
 * commands, then each row): control codes twice, text two characters a pair.
 */
function loadPairs(/** @type {Caption} */ caption, /** @type {string[]} */ lines) {
  /** @type {Pair[][]} */
  const groups = [[RCL, RCL, ENM, ENM]]
  lines.forEach((line, i) => {
    const column = columnOf(caption, i)
    const address = preamble(firstRow(caption) + i, column)
    /** @type {Pair[]} */
    const pairs = [address, address]
    if (column % 4) pairs.push(tabOffset(column % 4), tabOffset(column % 4))
    /** @type {number[]} */
    let bytes = []
    const flush = () => {
      if (bytes.length % 2) bytes.push(0)
      for (let k = 0; k < bytes.length; k += 2) pairs.push([bytes[k] ?? 0, bytes[k + 1] ?? 0])
      bytes = []
    }
    for (const character of line) {
      const code = code608(character)
      if (code.kind === 'basic') bytes.push(code.code)
      else {
        if (code.kind === 'extended') bytes.push(code.fallback)
        flush()
        pairs.push(code.pair, code.pair)
      }
    }
    flush()
    groups.push(pairs)
  })
  return groups
}

/**
 * The 608 pairs of field 1 by frame, as a broadcaster sends pop-on captions: each loaded
 * from a few frames after the one before it was planned to show, shown with EOC (twice) at
 * its start, erased with EDM (twice) at its end. A pair the decoder did not get (a lost
 * word) leaves its frame empty (null); frames without a pair carry padding.
 */
function broadcastFrames(/** @type {Caption[]} */ list) {
  /** @type {Map<number, Pair | null>} */
  const frames = new Map()
  /** @type {number[]} */
  const ends = []
  /** Puts a pair in the first free frame from `from` on; returns that frame. */
  const put = (/** @type {number} */ from, /** @type {Pair | null} */ pair) => {
    let frame = from
    while (frames.has(frame)) frame++
    frames.set(frame, pair)
    return frame
  }
  list.forEach((caption, i) => {
    const previous = list[i - 1]
    let next = previous ? frameOf(previous.sent.start) + 4 : 0
    const received = loadPairs(caption, caption.lines)
    loadPairs(caption, caption.sent.lines).forEach((group, g) => {
      group.forEach((_, k) => {
        next = put(next, received[g]?.[k] ?? null) + 1
      })
    })
    put(put(Math.max(frameOf(caption.start) - 1, next), EOC) + 1, EOC)
    ends.push(put(put(frameOf(caption.end + 1), EDM) + 1, EDM))
  })
  return { frames, ends }
}

/**
 * The frames of a stream: all of them and a second of padding after the last pair, or,
 * for a run the runner stopped after `kept` captions, up to the one that erased the last.
 */
function streamFrames(/** @type {Caption[]} */ list, /** @type {number} */ kept) {
  const { frames, ends } = broadcastFrames(list)
  const last = kept < list.length ? (ends[kept - 1] ?? 0) : Math.max(0, ...frames.keys()) + 30
  return { frames, last }
}

/** Bytes as `xxd` shows them: offset, 16 bytes in groups of two, printable characters. */
function hexDump(/** @type {number[]} */ bytes) {
  let text = ''
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.slice(offset, offset + 16)
    const groups = []
    for (let k = 0; k < row.length; k += 2)
      groups.push(
        row
          .slice(k, k + 2)
          .map(hex)
          .join('')
      )
    const printable = row
      .map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.'))
      .join('')
    text += `${pad(offset.toString(16), 8)}: ${groups.join(' ').padEnd(39)}  ${printable}\n`
  }
  return text
}

/** .raw: the broadcast header ff ff ff ff, then field 1's two bytes for every frame, padding (80 80) included. */
function toRaw(/** @type {Caption[]} */ list, /** @type {number} */ kept) {
  const { frames, last } = streamFrames(list, kept)
  const bytes = [0xff, 0xff, 0xff, 0xff]
  for (let frame = 0; frame <= last; frame++) {
    const pair = frames.get(frame)
    bytes.push(...(pair ? pair.map(oddParity) : [0x80, 0x80]))
  }
  return hexDump(bytes)
}

/** A number as `count` little-endian bytes. */
function littleEndian(/** @type {number} */ value, /** @type {number} */ count) {
  return Array.from({ length: count }, (_, i) => (i < 4 ? (value >>> (8 * i)) & 0xff : 0))
}

/**
 * .bin, CCExtractor's RCWT: an 11-byte header, then for each frame with caption data its
 * time in ms (8 bytes, little-endian), how many 3-byte blocks follow (2 bytes) and the
 * blocks (608 padding left out); a finished run ends with a padding block for each field.
 * Shown in hex, a line for the header and for each record, a space between fields and
 * blocks: a caption lost or moved changes its records' lines, not every line after it.
 */
function toRcwt(/** @type {Caption[]} */ list, /** @type {number} */ kept) {
  const { frames, last } = streamFrames(list, kept)
  const fts = (/** @type {number} */ frame) => Math.floor((frame * 1001) / 30)
  const bytes = (/** @type {number[]} */ values) => values.map(hex).join('')
  const record = (/** @type {number} */ ms, /** @type {number[][]} */ blocks) =>
    `${bytes(littleEndian(ms, 8))} ${bytes(littleEndian(blocks.length, 2))} ${blocks.map(bytes).join(' ')}\n`
  let text = `${bytes([0xcc, 0xcc, 0xed])} ${bytes([0xcc])} ${bytes([0x00, 0x50])} ${bytes([0x00, 0x01])} ${bytes([0, 0, 0])}\n`
  for (const [frame, pair] of [...frames].sort(([a], [b]) => a - b))
    if (pair && frame <= last) text += record(fts(frame), [[0xfc, ...pair.map(oddParity)]])
  if (kept === list.length)
    text += record(fts(last + 1) - 33, [
      [0x04, 0x80, 0x80],
      [0x05, 0x80, 0x80]
    ])
  return text
}

/** MacCaption's header, as CCExtractor writes it, its comment's repeated lines included. */
const MCC_COMMENT = `File Format=MacCaption_MCC V1.0

///////////////////////////////////////////////////////////////////////////////////
// Telestream, LLC
// Ancillary Data Packet Transfer File
//
// Permission to generate this format is granted provided that
//   1. This ANC Transfer file format is used on an as-is basis and no warranty is given, and
//   2. This entire descriptive information text is included in a generated .mcc file.
//
// General file format:
//   HH:MM:SS:FF(tab)[Hexadecimal ANC data in groups of 2 characters]
//     Hexadecimal data starts with the Ancillary Data Packet DID (Data ID defined in S291M)
//       and concludes with the Check Sum following the User Data Words.
//     Each time code line must contain at most one complete ancillary data packet.
//     To transfer additional ANC Data successive lines may contain identical time code.
//     Time Code Rate=[24, 25, 30, 30DF, 50, 60, 60DF]
//
//   ANC data bytes may be represented by one ASCII character according to the following schema:
//     G  FAh 00h 00h
//     H  2 x (FAh 00h 00h)
//     I  3 x (FAh 00h 00h)
//     J  4 x (FAh 00h 00h)
//     K  5 x (FAh 00h 00h)
//     L  6 x (FAh 00h 00h)
//     M  7 x (FAh 00h 00h)
//     N  8 x (FAh 00h 00h)
//     O  9 x (FAh 00h 00h)
//     P  FBh 80h 80h
//     Q  FCh 80h 80h
//     R  FDh 80h 80h
//     S  96h 69h
//     T  61h 01h
//     U  E1h 00h 00h 00h
//     Q  FCh 80h 80h
//     Q  FCh 80h 80h
//     Z  00h
//
///////////////////////////////////////////////////////////////////////////////////

`

/**
 * The rest of the header: a UUID and a creation date, random and the clock's in
 * CCExtractor, fixed by the seed here so that a passing output's files are identical.
 */
function mccHeader(/** @type {number} */ seed) {
  const random = mulberry32(seed ^ 0x3cc)
  const digits = (/** @type {number} */ count) =>
    Array.from({ length: count }, () => '0123456789ABCDEF'[Math.floor(random() * 16)]).join('')
  const variant = '89AB'[Math.floor(random() * 4)] ?? '8'
  const uuid = `${digits(8)}-${digits(4)}-4${digits(3)}-${variant}${digits(3)}-${digits(12)}`
  return (
    `${MCC_COMMENT}UUID=${uuid}\nCreation Program=CCExtractor\n` +
    'Creation Date=Thursday, March 6, 2025\nCreation Time=14:03:27\nTime Code Rate=30\n\n'
  )
}

/** A CDP (29.97 fps, 20 cc triples: field 1, field 2 padding, 18 DTVCC padding) in its ANC packet. */
function cdp(/** @type {number} */ sequence, /** @type {Pair | null | undefined} */ pair) {
  const counter = [(sequence >> 8) & 0xff, sequence & 0xff]
  const ccData = [0xfc, ...(pair ? pair.map(oddParity) : [0x80, 0x80]), 0xfd, 0x80, 0x80]
  for (let i = 0; i < 18; i++) ccData.push(0xfa, 0x00, 0x00)
  const bytes = [0x61, 0x01, 72, 0x96, 0x69, 72, 0x4f, 0x43, ...counter, 0x72, 0xf4]
  bytes.push(...ccData, 0x74, ...counter)
  // CCExtractor's sum: every byte from the ANC DID on, modulo 256.
  bytes.push(bytes.reduce((sum, byte) => (sum + byte) & 0xff, 0))
  return bytes
}

/** The MCC letters for runs of bytes (FA 00 00 up to nine times, FC 80 80, 96 69...), else hex. */
function mccCompress(/** @type {number[]} */ bytes) {
  let text = ''
  let i = 0
  const at = (/** @type {number} */ k) => bytes[i + k]
  while (i < bytes.length) {
    const left = bytes.length - i
    const byte = at(0) ?? 0
    if (byte === 0xfa && left >= 3 && at(1) === 0 && at(2) === 0) {
      let runs = 0
      while (runs < 9 && bytes.length - i >= 3 && at(0) === 0xfa && at(1) === 0 && at(2) === 0) {
        i += 3
        runs++
      }
      text += 'GHIJKLMNO'[runs - 1]
    } else if (byte >= 0xfb && byte <= 0xfd && left >= 3 && at(1) === 0x80 && at(2) === 0x80) {
      text += 'PQR'[byte - 0xfb]
      i += 3
    } else if (byte === 0x96 && left >= 2 && at(1) === 0x69) {
      text += 'S'
      i += 2
    } else if (byte === 0x61 && left >= 2 && at(1) === 0x01) {
      text += 'T'
      i += 2
    } else if (byte === 0xe1 && left >= 4 && at(1) === 0 && at(2) === 0 && at(3) === 0) {
      text += 'U'
      i += 4
    } else if (byte === 0) {
      text += 'Z'
      i++
    } else {
      text += hex(byte).toUpperCase()
      i++
    }
  }
  return text
}

/** MCC: the header, then a line for every frame, `HH:MM:SS:FF` and its compressed CDP. */
function toMcc(
  /** @type {Caption[]} */ list,
  /** @type {number} */ kept,
  /** @type {number} */ seed
) {
  const { frames, last } = streamFrames(list, kept)
  let text = mccHeader(seed)
  for (let frame = 0; frame <= last; frame++) {
    const time = `${hms(Math.floor(frame / 30) * 1000)}:${pad(frame % 30)}`
    text += `${time}\t${mccCompress(cdp(frame & 0xffff, frames.get(frame)))}\n`
  }
  return text
}

// XMLTV ---------------------------------------------------------------------------------

/**
 * A programme of an EPG as CCExtractor keeps it.
 * @typedef {object} Programme
 * @property {number} start seconds since 1970
 * @property {number} stop
 * @property {string} title
 * @property {string} desc
 * @property {string} category the DVB content type, as CCExtractor names it
 * @property {number} id the event's ID
 */

/** Channels: program number, display names (ATSC: virtual channel and call sign), DVB or not. */
const XMLTV_CHANNELS = [
  { id: 3, names: ['2.1', 'KTVU-HD'], dvb: false },
  { id: 1, names: ['7.1', 'KABC-DT'], dvb: false },
  { id: 4165, names: ['BBC ONE'], dvb: true },
  { id: 11110, names: ['ZDFinfo'], dvb: true }
]

/** Titles, descriptions and the DVB content type CCExtractor names. */
const XMLTV_SHOWS = [
  [
    'Evening News',
    "The day's headlines, with weather and sport.",
    'news/current affairs (general)'
  ],
  [
    'Weather & Traffic',
    'The forecast for the region and the roads tonight.',
    'news/weather report'
  ],
  ["Nature's Wonders", 'Cameras follow a family of otters through one winter.', 'documentary'],
  [
    'Late Night Movie',
    'A detective returns to the town she left twenty years ago.',
    'detective/thriller'
  ],
  ['Cup Highlights', 'Goals and saves from every match of the round.', 'football/soccer'],
  ['Cooking with Carla', 'Carla bakes bread with three ingredients.', 'show/game show (general)'],
  ['The Quiz Hour', 'Four teams answer questions on history and science.', 'game show/quiz/contest']
]

/** Text as EPG_fprintxml writes it, its five XML characters escaped. */
function xmlText(/** @type {string} */ text) {
  const entities = /** @type {Record<string, string>} */ ({
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    '&': '&amp;',
    "'": '&apos;'
  })
  return text.replace(/[<>"&']/g, (character) => entities[character] ?? character)
}

/** An XMLTV time: `YYYYMMDDHHMMSS +0000`. */
function xmltvTime(/** @type {number} */ secondsSince1970) {
  return `${new Date(secondsSince1970 * 1000).toISOString().slice(0, 19).replace(/\D/g, '')} +0000`
}

/** `count` programmes back to back on `day` (YYYYMMDD), from an hour the seed picks. */
function programmes(
  /** @type {number} */ count,
  /** @type {number} */ seed,
  /** @type {string} */ day
) {
  const random = mulberry32(seed)
  const midnight =
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))) / 1000
  let start = midnight + 3600 * (6 + Math.floor(random() * 14))
  let id = 1000 + Math.floor(random() * 8000)
  /** @type {Programme[]} */
  const list = []
  for (let i = 0; i < count; i++) {
    const [title = '', desc = '', category = ''] =
      XMLTV_SHOWS[Math.floor(random() * XMLTV_SHOWS.length)] ?? []
    const stop = start + (random() < 0.6 ? 1800 : 3600)
    list.push({ start, stop, title, desc, category, id: id++ })
    start = stop
  }
  return list
}

/** @type {Changes<Programme>} */
const PROGRAMME_CHANGES = {
  timing: (programme) => ({ ...programme, start: programme.start + 60, stop: programme.stop + 60 }),
  character: (programme) => ({ ...programme, title: miscode([programme.title])[0] ?? '' }),
  lastWord: (programme) => ({ ...programme, desc: programme.desc.replace(/ \S+$/, '') })
}

/** XMLTV, as --xmltv writes it: the channel, then its programmes, tab-indented. */
function toXmltv(
  /** @type {Programme[]} */ list,
  /** @type {number} */ seed,
  /** @type {boolean} */ complete
) {
  const channel = XMLTV_CHANNELS[seed % XMLTV_CHANNELS.length] ?? { id: 1, names: [], dvb: false }
  const names = channel.names.map((name) => `    <display-name>${xmlText(name)}</display-name>\n`)
  const events = list.map((programme) => {
    const category = channel.dvb
      ? `\n\t\t<category lang="en">${xmlText(programme.category)}</category>`
      : ''
    return (
      `\t<programme start="${xmltvTime(programme.start)}" stop="${xmltvTime(programme.stop)}" channel="${channel.id}">` +
      `\n\t\t<title lang="eng">${xmlText(programme.title)}</title>` +
      `\n\t\t<desc lang="eng">${xmlText(programme.desc)}</desc>${category}` +
      `\n\t\t<ts-meta-id>${programme.id}</ts-meta-id>\n\t</programme>\n`
    )
  })
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tv SYSTEM "xmltv.dtd">\n\n<tv>\n' +
    `  <channel id="${channel.id}">\n${names.join('')}  </channel>\n${events.join('')}` +
    (complete ? '</tv>' : '')
  )
}

// Formats -------------------------------------------------------------------------------

/**
 * The writer an output's file name and the command pick.
 * @typedef {'srt' | 'webvtt' | 'sami' | 'ass' | 'transcript' | 'smptett' | 'spupng' | 'xmltv' | 'scc' | 'g608' | 'mcc' | 'raw' | 'rcwt'} Format
 */

/** The writer of each extension; .xml depends on the command. */
const FORMATS_BY_EXTENSION = /** @type {Record<string, Format>} */ ({
  '.srt': 'srt',
  '.vtt': 'webvtt',
  '.smi': 'sami',
  '.ass': 'ass',
  '.ssa': 'ass',
  '.txt': 'transcript',
  '.scc': 'scc',
  '.g608': 'g608',
  '.mcc': 'mcc',
  '.raw': 'raw',
  '.bin': 'rcwt'
})

/** Whether the command has an option, with one dash or two as CCExtractor accepts. */
function hasOption(/** @type {string} */ command, /** @type {string} */ option) {
  return new RegExp(`(^|\\s)--?${option}(?=\\s|=|$)`, 'i').test(command)
}

/**
 * The format of an output: by the extension of its file name, and for .xml by the
 * command (spupng, XMLTV, else SMPTE-TT). An unknown extension gets SRT.
 * @param {string} command
 * @param {string} filename
 * @returns {Format}
 */
export function formatOf(command, filename) {
  const extension = /\.[^.]+$/.exec(filename)?.[0]?.toLowerCase() ?? ''
  if (extension === '.xml') {
    if (hasOption(command, 'xmltv')) return 'xmltv'
    if (/(^|\s)--?out=spupng\b/i.test(command)) return 'spupng'
    return 'smptett'
  }
  return FORMATS_BY_EXTENSION[extension] ?? 'srt'
}

/** The day a recording's name says it was made (`..._20150808.ts`), else a day in 2015. */
function recordingDay(/** @type {string | null | undefined} */ sampleName) {
  return (
    /_((?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d))\./.exec(sampleName ?? '')?.[1] ?? '20150808'
  )
}

/**
 * The expected and actual files of one output of a result, derived from its status:
 * identical for pass, a few differences for fail, no actual file for missing_output,
 * no expected file for missing_expected.
 * @param {ResultOfFiles} result
 * @param {Output} output
 * @returns {OutputFiles}
 */
export function outputFiles(result, output) {
  const command = result.command ?? ''
  const format = formatOf(command, output.filename)
  const seed = output.output_id
  const { expected, actual } =
    format === 'xmltv'
      ? filesOf(
          programmes(8 + (seed % 7), seed, recordingDay(result.sample_name)),
          PROGRAMME_CHANGES,
          result,
          (list, kept) => toXmltv(list.slice(0, kept), seed, kept === list.length)
        )
      : filesOf(captions(12 + (seed % 29), seed), CAPTION_CHANGES, result, (list, kept) =>
          writeCaptions(format, list, kept, {
            seed,
            command,
            name: output.filename.replace(/\.[^.]+$/, '')
          })
        )
  switch (output.status) {
    case 'fail':
      return { expected, actual: actual() }
    case 'missing_output':
      return { expected, actual: null }
    case 'missing_expected':
      return { expected: null, actual: expected }
    default:
      return { expected, actual: expected }
  }
}

/**
 * The expected file, and (made when asked for) the actual file of a failing output: three
 * small changes far apart, or, after a runner time-out, the file cut after the first half
 * of its entries.
 * @template Entry
 * @param {Entry[]} entries
 * @param {Changes<Entry>} changes
 * @param {ResultOfFiles} result
 * @param {(list: Entry[], kept: number) => string} write the file of a run that wrote the
 *   first `kept` entries of the list, and had written the whole file at list.length
 */
function filesOf(entries, changes, result, write) {
  const timedOut = result.exit_code === -1
  return {
    expected: write(entries, entries.length),
    actual: () =>
      timedOut
        ? write(entries, Math.ceil(entries.length / 2))
        : write(failedEntries(entries, changes), entries.length)
  }
}

/**
 * Captions in a format, the first `kept` of them: fewer than all for a run the runner
 * stopped, which never wrote the lines a finished file ends with.
 * @param {Format} format
 * @param {Caption[]} list
 * @param {number} kept
 * @param {{ seed: number, command: string, name: string }} context
 */
function writeCaptions(format, list, kept, { seed, command, name }) {
  const written = list.slice(0, kept)
  const complete = kept === list.length
  switch (format) {
    case 'webvtt':
      return toWebVtt(written)
    case 'sami':
      return toSami(written, complete)
    case 'ass':
      return toAss(written)
    case 'transcript':
      return toTranscript(
        written,
        {
          ucla: hasOption(command, 'ucla'),
          xds: hasOption(command, 'xds'),
          datets: hasOption(command, 'datets'),
          teletext: hasOption(command, 'teletext') || /codec[= ]teletext/i.test(command)
        },
        seed
      )
    case 'smptett':
      return toSmpteTt(written, complete)
    case 'spupng':
      return toSpupng(written, { dvb: /dvbsub/i.test(command), name }, complete)
    case 'scc':
      return toScc(written, complete)
    case 'g608':
      return toG608(written)
    case 'mcc':
      return toMcc(list, kept, seed)
    case 'raw':
      return toRaw(list, kept)
    case 'rcwt':
      return toRcwt(list, kept)
    default:
      return toSrt(written)
  }
}
