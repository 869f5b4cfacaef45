// @ts-check
/**
 * A TLS server on 127.0.0.1 in front of a plain TCP server (the fake Sample
 * Platform): it ends TLS with the certificate it is given and passes the bytes
 * on, so a test meets a real certificate (self-signed, expired, for another
 * host) without the fake knowing about TLS. Node built-ins only.
 */
import { readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { createServer } from 'node:tls'

/** The certificates of __fixtures__/tls (scripts/make-test-certs.sh makes them). */
export const TLS_FIXTURES = join(import.meta.dirname, '..', '__fixtures__', 'tls')

/**
 * @typedef {object} TlsFront
 * @property {number} port
 * @property {() => number} connections TCP connections received, handshakes that failed included
 * @property {() => Promise<void>} close
 */

/**
 * @param {{ certificate: 'valid' | 'expired' | 'wrong-host' | 'self-signed', target: string }} options
 *   target: the origin (`http://127.0.0.1:PORT`) the decrypted bytes go to
 * @returns {Promise<TlsFront>}
 */
export async function startTlsFront({ certificate, target }) {
  const { hostname, port } = new URL(target)
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set()
  const server = createServer(
    {
      cert: readFileSync(join(TLS_FIXTURES, `${certificate}.pem`)),
      key: readFileSync(join(TLS_FIXTURES, `${certificate}.key`))
    },
    (secure) => {
      const plain = connect(Number(port), hostname)
      secure.pipe(plain).pipe(secure)
      for (const socket of [secure, plain]) {
        sockets.add(socket)
        socket.on('close', () => sockets.delete(socket))
        socket.on('error', () => {
          secure.destroy()
          plain.destroy()
        })
      }
    }
  )
  // A client that refuses the certificate resets the handshake: that is the point.
  server.on('tlsClientError', () => undefined)
  let connections = 0
  server.on('connection', () => connections++)
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(undefined))
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('TLS front has no address')
  return {
    port: address.port,
    connections: () => connections,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(() => resolve(undefined)))
    }
  }
}
