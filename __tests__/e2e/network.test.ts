/**
 * The bundle under Node 24 against real TLS and a real proxy: certificates
 * from __fixtures__/tls, a CONNECT proxy on loopback, and the runner's proxy
 * and CA variables as a self-hosted runner sets them.
 */
import { afterEach, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { startConnectProxy, type ConnectProxy } from '../../test-support/connect-proxy.js'
import { DEMO } from '../../test-support/fake-platform.js'
import { NODE_24, describeUnderNode24 } from '../../test-support/node24-suite.js'
import { useFakePlatform } from '../../test-support/platform-fixture.js'
import { runAction } from '../../test-support/runner.js'
import { TLS_FIXTURES, startTlsFront, type TlsFront } from '../../test-support/tls-front.js'

const CA = join(TLS_FIXTURES, 'ca.pem')
/** A name only the proxy can resolve: the runner itself cannot reach it. */
const PUBLIC_NAME = 'sampleplatform.test'

const platform = useFakePlatform()
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

async function front(certificate: 'valid' | 'expired' | 'wrong-host' | 'self-signed') {
  const started: TlsFront = await startTlsFront({ certificate, target: platform().url })
  closers.push(started.close)
  return started
}

/** A proxy that takes every CONNECT to the TLS front. */
async function proxyTo(tls: TlsFront) {
  const proxy: ConnectProxy = await startConnectProxy({
    route: () => ({ host: '127.0.0.1', port: tls.port })
  })
  closers.push(proxy.close)
  return proxy
}

const step = (apiUrl: string, env: Record<string, string>, extra: Record<string, string> = {}) =>
  runAction({
    node: NODE_24,
    inputs: {
      'run-id': String(DEMO.runId),
      'sample-id': String(DEMO.passingSample),
      'api-token': DEMO.token,
      'api-url': apiUrl,
      ...extra
    },
    env
  })

describeUnderNode24('proxies, under Node 24', () => {
  it.each(['HTTPS_PROXY', 'https_proxy'])(
    'go through %s with CONNECT, trusting a private authority from NODE_EXTRA_CA_CERTS',
    async (variable) => {
      const tls = await front('valid')
      const proxy = await proxyTo(tls)
      const run = await step(`https://${PUBLIC_NAME}/api/v1`, {
        [variable]: proxy.url,
        NODE_EXTRA_CA_CERTS: CA
      })
      expect(run.stdout).not.toContain('::error::')
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('pass')
      // A tunnel for each request: the run, then its result.
      expect(proxy.connects.length).toBeGreaterThan(0)
      expect(new Set(proxy.connects)).toEqual(new Set([`${PUBLIC_NAME}:443`]))
    }
  )

  it('leave hosts in NO_PROXY alone', async () => {
    const tls = await front('valid')
    const proxy = await proxyTo(tls)
    const run = await step(
      `https://${PUBLIC_NAME}/api/v1`,
      { HTTPS_PROXY: proxy.url, NO_PROXY: `localhost,${PUBLIC_NAME}`, NODE_EXTRA_CA_CERTS: CA },
      { 'max-retries': '0' }
    )
    expect(proxy.connects).toEqual([])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(`ENOTFOUND ${PUBLIC_NAME}`)
  })
})

describeUnderNode24('certificates, under Node 24', () => {
  it('are trusted from NODE_EXTRA_CA_CERTS without a proxy', async () => {
    const tls = await front('valid')
    const run = await step(`https://localhost:${tls.port}/api/v1`, { NODE_EXTRA_CA_CERTS: CA })
    expect(run.code).toBe(0)
  })

  it.each([
    ['self-signed', {}, 'it is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT'],
    ['expired', { NODE_EXTRA_CA_CERTS: CA }, 'it has expired (CERT_HAS_EXPIRED'],
    [
      'wrong-host',
      { NODE_EXTRA_CA_CERTS: CA },
      'it is for another host name (ERR_TLS_CERT_ALTNAME_INVALID'
    ]
  ] as const)(
    'refused (%s) end the step after one attempt, naming the problem and NODE_EXTRA_CA_CERTS',
    async (certificate, env, problem) => {
      const tls = await front(certificate)
      const run = await step(`https://localhost:${tls.port}/api/v1`, env)
      expect(run.code).toBe(1)
      const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error::'))
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain(
        `::error::The Sample Platform's TLS certificate was refused for run ${DEMO.runId}, sample ${DEMO.passingSample}: ${problem}`
      )
      expect(errors[0]).toContain('NODE_EXTRA_CA_CERTS')
      expect(tls.connections()).toBe(1)
    }
  )
})
