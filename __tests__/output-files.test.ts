/**
 * The fake's output files (test-support/output-files.js) are in the format each regression
 * test's command makes CCExtractor write, for every extension of the catalog: what the
 * files and the fake's diffs (through real HTTP) hold, passing, failing and timed out.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { DEMO, startFakePlatform, type FakePlatform } from '../test-support/fake-platform.js'
import { outputFiles } from '../test-support/output-files.js'
import { generateRun, mediaOf } from '../test-support/sample-runs.js'

/** What a file of one format is made of. */
interface Grammar {
  /** How the file starts. */
  starts: RegExp
  /** Every line of the file, where the format has a grammar for each line. */
  line?: RegExp
  /** The lines after the header, where only those have one. */
  body?: { after: RegExp; line: RegExp }
  /** A line of the format's own that a regression changes: a timing or a caption. */
  changed: RegExp
  /** An XML document: tags balance, text holds no bare < or &. */
  xml?: boolean
}

const SRT_TIMES = String.raw`\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}`
const TTXT_TIMES = String.raw`\d\d:\d\d:\d\d,\d{3}\|\d\d:\d\d:\d\d,\d{3}`
const REPLACEMENT_CHARACTER = '\uFFFD'

/** The grammar of each output format, by extension, or for .txt and .xml by the command too. */
const GRAMMARS: Record<string, Grammar> = {
  srt: {
    starts: new RegExp(`^1\\n${SRT_TIMES}\\n\\S`),
    // Caption lines no longer than a 608 row.
    line: new RegExp(`^(\\d+|${SRT_TIMES}|\\S.{0,31}|)$`, 'u'),
    changed: new RegExp(`^[-+]${SRT_TIMES}$`, 'm')
  },
  webvtt: {
    starts: /^WEBVTT\n\n\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3} line:[\d.]+%\n\S/,
    line: /^(WEBVTT|\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3} line:[\d.]+%|\S.*|)$/,
    changed: /^[-+]\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3} line:[\d.]+%$/m
  },
  sami: {
    starts: /^<SAMI>\n<HEAD>\n<STYLE TYPE="text\/css">\n/,
    body: {
      after: /^<BODY>$/,
      line: /^(<SYNC start=\d+><P class="UNKNOWNCC">(&nbsp;<\/P><\/SYNC>)?|\S.*?(<br>)?|<\/P><\/SYNC>|<\/BODY><\/SAMI>|)$/
    },
    changed: /^[-+]<SYNC start=\d+><P class="UNKNOWNCC">$/m
  },
  ass: {
    starts: /^\[Script Info\]\nTitle: /,
    body: {
      after: /^Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text$/,
      line: /^(Dialogue: 0,\d\d:\d\d:\d\d\.\d\d?,\d\d:\d\d:\d\d\.\d\d,Default,,0000,0000,0000,,\{\\an7\\pos\(\d+,\d+\)\}\S.*|)$/
    },
    changed: /^[-+]Dialogue: 0,/m
  },
  ttxt: {
    starts: new RegExp(`^${TTXT_TIMES}\\|(POP|TLT)\\|\\S`),
    line: new RegExp(`^${TTXT_TIMES}\\|(POP|TLT)\\|\\S.*$`),
    changed: new RegExp(`^[-+]${TTXT_TIMES}\\|(POP|TLT)\\|\\S`, 'm')
  },
  'ttxt --ucla --xds': {
    starts: /^\d{14}\.\d{3}\|\d{14}\.\d{3}\|XDS\|CHN\|Network: /,
    line: /^\d{14}\.\d{3}\|\d{14}\.\d{3}\|(CC1\|POP|XDS\|(CHN|CUR))\|\S.*$/,
    changed: /^[-+]\d{14}\.\d{3}\|\d{14}\.\d{3}\|CC1\|POP\|\S/m
  },
  'ttxt --datets': {
    starts: /^\d{14},\d{3}\|\d{14},\d{3}\|POP\|\S/,
    line: /^\d{14},\d{3}\|\d{14},\d{3}\|POP\|\S.*$/,
    changed: /^[-+]\d{14},\d{3}\|\d{14},\d{3}\|POP\|\S/m
  },
  spupng: {
    starts:
      /^<subpictures>\n<stream>\n<spu start="\d+\.\d{3}" end="\d+\.\d{3}" image="\w+\.d\/sub0000\.png" xoffset="\d+" yoffset="\d*[02468]">\n<!--\n/,
    changed: /^[-+]<spu start="\d+\.\d{3}" end="\d+\.\d{3}" image="/m,
    xml: true
  },
  smptett: {
    starts:
      /^<\?xml version="1\.0" encoding="UTF-8" standalone="no" \?>\n {2}<tt xmlns="http:\/\/www\.w3\.org\/ns\/ttml" /,
    changed:
      /^[-+] {6}<p begin="\d\d:\d\d:\d\d\.\d{3}" end="\d\d:\d\d:\d\d\.\d{3}" tts:origin="\d+\.\d{3}% \d+\.\d{3}%">$/m,
    xml: true
  },
  xmltv: {
    starts:
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<!DOCTYPE tv SYSTEM "xmltv\.dtd">\n\n<tv>\n {2}<channel id="\d+">\n/,
    changed: /^[-+]\t<programme start="\d{14} \+0000" stop="\d{14} \+0000" channel="\d+">$/m,
    xml: true
  },
  scc: {
    starts: /^Scenarist_SCC V1\.0\n\n00:00:01:00\t 9420( [0-9a-f]{4})+\n\n/,
    line: /^(Scenarist_SCC V1\.0|\d\d:\d\d:[0-5]\d:[0-2]\d\t( [0-9a-f]{4})+|)$/,
    changed: /^[-+]\d\d:\d\d:\d\d:\d\d\t 9420( [0-9a-f]{4})+ 942f 94ae$/m
  },
  g608: {
    starts: new RegExp(`^1\\n${SRT_TIMES}\\n {32}9{32}R{32}\\n`),
    line: new RegExp(`^(\\d+|${SRT_TIMES}|.{32}[0-9]{32}[RIUB]{32}|)$`, 'u'),
    changed: new RegExp(`^[-+](${SRT_TIMES}|.{32}[0-9]{32}[RIUB]{32})$`, 'mu')
  },
  mcc: {
    starts: /^File Format=MacCaption_MCC V1\.0\n\n\/{83}\n\/\/ Telestream, LLC\n/,
    body: {
      after: /^Time Code Rate=30$/,
      line: /^(\d\d:\d\d:[0-5]\d:[0-2]\d\tT48S484F43[0-9A-FZ]{2,4}72F4(Q|FC[0-9A-F]{4})ROO74[0-9A-FSZ]{1,6}|)$/
    },
    changed: /^[-+]\d\d:\d\d:\d\d:\d\d\tT48S484F43\w+$/m
  },
  raw: {
    starts: /^00000000: ffff ffff /,
    line: /^[0-9a-f]{8}: [0-9a-f ]{39} {2}[ -~]{1,16}$/,
    changed: /^[-+][0-9a-f]{8}: [0-9a-f ]{39} {2}[ -~]{1,16}$/m
  },
  bin: {
    starts: /^cccced cc 0050 0001 000000\n0{16} 0100 fc9420\n/,
    line: /^(cccced cc 0050 0001 000000|[0-9a-f]{16} 0[12]00( [0-9a-f]{6})+)$/,
    changed: /^[-+][0-9a-f]{16} 0100 fc[0-9a-f]{4}$/m
  }
}

/** The format an output's extension and its test's command stand for, as named in GRAMMARS. */
function formatOf(command: string, extension: string): string {
  if (extension === '.xml') {
    if (/--xmltv\b/.test(command)) return 'xmltv'
    if (/-out=spupng\b/.test(command)) return 'spupng'
    return 'smptett'
  }
  if (extension === '.txt') {
    if (/--ucla\b/.test(command)) return 'ttxt --ucla --xds'
    if (/--datets\b/.test(command)) return 'ttxt --datets'
    return 'ttxt'
  }
  return { '.vtt': 'webvtt', '.smi': 'sami' }[extension] ?? extension.slice(1)
}

/** Tags balance, and text (outside comments) holds no < or & that starts no entity. */
function checkXml(text: string) {
  const stack: string[] = []
  const body = text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^<\?xml[^>]*\?>/, '')
    .replace(/<!DOCTYPE[^>]*>/, '')
  for (const [, text = '', tag = ''] of body.matchAll(/([^<]*)(<[^>]*>|$)/g)) {
    expect(text).not.toMatch(/<|&(?!(amp|lt|gt|quot|apos);)/)
    const name = /^<\/?([\w:-]+)/.exec(tag)?.[1]
    if (!name || tag.endsWith('/>')) continue
    if (tag.startsWith('</')) expect(stack.pop()).toBe(name)
    else stack.push(name)
  }
  expect(stack).toEqual([])
}

/** That a file is one its format's writer could make. */
function checkFile(text: string, grammar: Grammar) {
  expect(text).not.toContain(REPLACEMENT_CHARACTER)
  const lines = text.replace(/\n$/, '').split('\n')
  const { line, body } = grammar
  if (line) for (const each of lines) expect(each).toMatch(line)
  if (body) {
    const start = lines.findIndex((each) => body.after.test(each))
    expect(start).toBeGreaterThan(0)
    for (const each of lines.slice(start + 1)) expect(each).toMatch(body.line)
  }
}

/** Runs of the same catalog: every test's first output fails, or the runner times out, or all pass. */
const FAILING_RUN = 9700
const TIMED_OUT_RUN = 9701
const PASSING_RUN = 9702
const CATALOG_SIZE = 1000

/** One regression test for each command and extension of the catalog, with a media sample. */
const CASES = (() => {
  const seen = new Map<string, { regressionId: number; command: string; extension: string }>()
  for (const result of generateRun(PASSING_RUN, { size: CATALOG_SIZE })) {
    const extension = /\.\w+$/.exec(result.outputs[0]?.filename ?? '')?.[0]
    const key = `${result.command} ${extension}`
    if (!extension || result.sample_id === null || seen.has(key)) continue
    seen.set(key, { regressionId: result.regression_id, command: result.command, extension })
  }
  return [...seen.entries()].map(([name, entry]) => {
    const format = formatOf(entry.command, entry.extension)
    const grammar = GRAMMARS[format]
    if (!grammar) throw new Error(`${name}: no grammar for ${format} in this test`)
    return { name, format, grammar, ...entry }
  })
})()

/** A run of the catalog, every regression test failing as `failure` says. */
function runOf(runId: number, failure?: 'output' | 'timeout') {
  const failures = failure
    ? Object.fromEntries(CASES.map(({ regressionId }) => [regressionId, failure]))
    : {}
  const results = generateRun(runId, { size: CATALOG_SIZE, failures })
  return new Map(results.map((result) => [result.regression_id, result]))
}

const RUNS = new Map([
  [FAILING_RUN, runOf(FAILING_RUN, 'output')],
  [TIMED_OUT_RUN, runOf(TIMED_OUT_RUN, 'timeout')],
  [PASSING_RUN, runOf(PASSING_RUN)]
])

/** The result of a case in a run, and its first output. */
function resultOf(runId: number, regressionId: number) {
  const result = RUNS.get(runId)?.get(regressionId)
  const output = result?.outputs[0]
  if (!result || !output) throw new Error(`no output of ${regressionId} in run ${runId}`)
  return { result, output }
}

describe('output files', () => {
  let platform: FakePlatform

  beforeAll(async () => {
    platform = await startFakePlatform({ runs: RUNS })
  })

  afterAll(async () => {
    await platform.close()
  })

  /** The fake's diff of a case's output in a run. */
  async function diff<Body>(runId: number, regressionId: number, query: string) {
    const { output } = resultOf(runId, regressionId)
    const path = `/runs/${runId}/samples/${mediaOf(regressionId)}/regression-tests/${regressionId}/outputs/${output.output_id}/diff`
    const response = await fetch(`${platform.apiUrl}${path}?${query}`, {
      headers: { Authorization: `Bearer ${DEMO.token}` }
    })
    expect(response.status).toBe(200)
    return (await response.json()) as Body
  }

  it.each(CASES)(
    '$name: the expected file is $format from first line to last, the same on every call, and a passing output has identical files',
    async ({ regressionId, grammar }) => {
      const { result, output } = resultOf(PASSING_RUN, regressionId)
      const files = outputFiles(result, output)
      expect(files.expected).toMatch(grammar.starts)
      checkFile(files.expected ?? '', grammar)
      if (grammar.xml) checkXml(files.expected ?? '')
      expect(files.actual).toBe(files.expected)
      expect(outputFiles(result, output)).toEqual(files)
      const body = await diff<{ status: string; hunks: unknown[] }>(PASSING_RUN, regressionId, '')
      expect(body).toMatchObject({ status: 'identical', hunks: [] })
    }
  )

  it.each(CASES)(
    '$name: a failing output differs in a few small hunks of $format lines, and a timed-out one is the expected file cut short',
    async ({ regressionId, format, grammar }) => {
      const failing = resultOf(FAILING_RUN, regressionId)
      expect(failing.output.status).toBe('fail')
      const files = outputFiles(failing.result, failing.output)
      checkFile(files.actual ?? '', grammar)
      if (grammar.xml) checkXml(files.actual ?? '')
      const { content } = await diff<{ content: string }>(
        FAILING_RUN,
        regressionId,
        'format=unified'
      )
      expect(content).not.toContain(REPLACEMENT_CHARACTER)
      expect(content).toMatch(/^--- expected\n\+\+\+ actual\n@@ /)
      expect(content).toMatch(grammar.changed)
      const hunks = content.split(/^@@ .*$/m).slice(1)
      expect(hunks.length).toBeGreaterThanOrEqual(1)
      expect(hunks.length).toBeLessThanOrEqual(5)
      for (const hunk of hunks) {
        const changed = hunk.split('\n').filter((line) => /^[-+]/.test(line))
        expect(changed.length).toBeLessThanOrEqual(12)
      }

      const timedOut = resultOf(TIMED_OUT_RUN, regressionId)
      expect(timedOut.result.exit_code).toBe(-1)
      const cut = outputFiles(timedOut.result, timedOut.output).actual ?? ''
      expect(cut).toMatch(grammar.starts)
      checkFile(cut, grammar)
      const { summary } = await diff<{ summary: { added_lines: number; removed_lines: number } }>(
        TIMED_OUT_RUN,
        regressionId,
        ''
      )
      expect(summary.removed_lines).toBeGreaterThan(0)
      // .raw's last line of hex is cut short too.
      expect(summary.added_lines).toBeLessThanOrEqual(format === 'raw' ? 1 : 0)
    }
  )
})
