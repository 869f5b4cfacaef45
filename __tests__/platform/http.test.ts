/**
 * One GET under faults a test server really produces: bodies without end,
 * compression bombs, answers without content, hosts that do not resolve.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createGzip, gzipSync } from 'node:zlib'
import { createPlatformClient } from '../../src/platform/api/client.js'
import { MAX_BODY_BYTES } from '../../src/platform/api/http.js'
import { actionError } from '../../test-support/action-error.js'
import { closeServer, listenOnLoopback } from '../../test-support/loopback-server.js'
import { testClock } from '../../test-support/test-clock.js'

let stop: (() => Promise<void>) | null = null
afterEach(async () => {
  await stop?.()
  stop = null
})

/** A server on 127.0.0.1 that answers every request with `handler`; counts requests and bytes sent. */
async function serve(handler: (res: ServerResponse, req: IncomingMessage) => void) {
  const stats = { requests: 0, bytesSent: 0 }
  const open = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    stats.requests++
    open.add(res)
    res.on('close', () => open.delete(res))
    const write = res.write.bind(res)
    res.write = ((chunk: Buffer, ...rest: never[]) => {
      stats.bytesSent += chunk.length
      return write(chunk, ...rest)
    }) as typeof res.write
    handler(res, req)
  })
  const url = await listenOnLoopback(server, 0, 'hostile server')
  stop = () => closeServer(server, open)
  return { apiUrl: `${url}/api/v1`, stats }
}

function client(apiUrl: string, lines: string[] = []) {
  return createPlatformClient({
    apiUrl,
    token: 'spci_test',
    timeoutMs: 3_000,
    maxRetries: 3,
    clock: testClock(),
    log: { debug: () => undefined, info: (line) => lines.push(line) }
  })
}

/** Sends `chunk` again and again, as fast as the client reads, until the client goes. */
function endless(res: ServerResponse, chunk: Buffer): void {
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump)
  }
  pump()
}

/** The most the process's memory grows while `action` runs, sampled every few ms. */
async function peakGrowth(action: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 5)
  try {
    await action()
  } finally {
    clearInterval(sampler)
  }
  return Math.max(peak, process.memoryUsage().rss) - before
}

const limitMb = Math.round(MAX_BODY_BYTES / (1024 * 1024))

describe('bodies have a size limit', () => {
  it('stops an endless body at the limit, with one clear error and no retry', async () => {
    const { apiUrl, stats } = await serve((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      endless(res, Buffer.alloc(64 * 1024, 'x'))
    })
    let message = ''
    const growth = await peakGrowth(async () => {
      message = (await actionError(() => client(apiUrl).fetchResult(1, 2))).message
    })
    expect(message).toBe(
      `The Sample Platform answered 200 for run 1, sample 2 with more than ${limitMb} MB; a result is a few KB. The action stopped reading. Check that api-url points at the Sample Platform API.`
    )
    expect(stats.requests).toBe(1)
    expect(growth).toBeLessThan(256 * 1024 * 1024)
  })

  it('stops a compression bomb at the limit, counting what it decompresses to', async () => {
    // 256 MiB of zeros compress to about 256 KB.
    const gzip = createGzip()
    const parts: Buffer[] = []
    gzip.on('data', (part: Buffer) => parts.push(part))
    const zeros = Buffer.alloc(1024 * 1024)
    for (let i = 0; i < 256; i++) gzip.write(zeros)
    await new Promise((resolve) => gzip.end(resolve))
    const bomb = Buffer.concat(parts)
    const { apiUrl, stats } = await serve((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
      res.end(bomb)
    })
    let message = ''
    const growth = await peakGrowth(async () => {
      message = (await actionError(() => client(apiUrl).fetchResult(1, 2))).message
    })
    expect(message).toContain(`with more than ${limitMb} MB`)
    expect(stats.requests).toBe(1)
    expect(growth).toBeLessThan(128 * 1024 * 1024)
  })

  it('refuses a declared length past the limit without reading it', async () => {
    const { apiUrl, stats } = await serve((res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': String(MAX_BODY_BYTES + 1)
      })
      res.write('{')
    })
    const error = await actionError(() => client(apiUrl).fetchResult(1, 2))
    expect(error.message).toContain(`more than ${limitMb} MB`)
    expect(stats.bytesSent).toBe(1)
  })

  it('still reads a compressed body within the limit', async () => {
    const result = { regression_test_id: 2, sample_id: null, status: 'pass' }
    const { apiUrl } = await serve((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
      res.end(gzipSync(JSON.stringify(result)))
    })
    expect(await client(apiUrl).fetchResult(1, 2)).toMatchObject({ regression_id: 2 })
  })
})

describe('lists have a size limit too', () => {
  it('stops a list whose pages never end once it passes 32 MB, with one clear error', async () => {
    const message = 'x'.repeat(60_000)
    const { apiUrl, stats } = await serve((res, req) => {
      const offset = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('offset'))
      const data = Array.from({ length: 100 }, (_, i) => ({
        regression_test_id: offset + i + 1,
        sample_id: null,
        status: 'pass',
        result_message: message
      }))
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ data, pagination: { total: null, next_offset: offset + 100 } }))
    })
    const error = await actionError(() => client(apiUrl).listResults(1))
    expect(error.message).toMatch(
      /^The Sample Platform's list of run 1 passed 32 MB after \d+ results/
    )
    expect(stats.requests).toBeLessThan(10)
  })
})

describe('messages that name what failed', () => {
  it('calls a 204 a 204', async () => {
    const { apiUrl } = await serve((res) => {
      res.writeHead(204)
      res.end()
    })
    const error = await actionError(() => client(apiUrl).fetchResult(1, 2))
    expect(error.message).toMatch(
      /^The Sample Platform answered 204 for run 1, sample 2 with no content \(204\)\./
    )
  })

  it('names the host that does not resolve', async () => {
    const error = await actionError(() =>
      client('https://sampleplatform.invalid/api/v1').fetchResult(1, 2)
    )
    expect(error.kind).toBe('network')
    expect(error.message).toContain('ENOTFOUND sampleplatform.invalid')
  })
})
