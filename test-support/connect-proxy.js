// @ts-check
/**
 * An HTTP proxy on 127.0.0.1 that tunnels CONNECT requests, as a corporate
 * proxy in front of a self-hosted runner does. It records each CONNECT target
 * and may send it elsewhere, so a test can reach a loopback server under a
 * public-looking name. Node built-ins only.
 */
import { createServer } from 'node:http'
import { connect } from 'node:net'
import { closeServer, listenOnLoopback } from './loopback-server.js'

/**
 * @typedef {object} ConnectProxy
 * @property {string} url `http://127.0.0.1:PORT`, for HTTPS_PROXY
 * @property {string[]} connects every CONNECT target (`host:port`), in order
 * @property {() => Promise<void>} close
 */

/**
 * @param {{ route: (host: string, port: number) => { host: string, port: number } }} options
 *   where a CONNECT to host:port really goes
 * @returns {Promise<ConnectProxy>}
 */
export async function startConnectProxy({ route }) {
  /** @type {string[]} */
  const connects = []
  /** @type {Set<import('node:stream').Duplex>} */
  const sockets = new Set()
  const server = createServer((_req, res) => {
    // This proxy only tunnels: a plain request through it is a mistake of the test.
    res.statusCode = 405
    res.end('CONNECT only')
  })
  server.on('connect', (req, client, head) => {
    const target = req.url ?? ''
    connects.push(target)
    const [host = '', port = '443'] = target.split(/:(?=\d+$)/)
    const to = route(host, Number(port))
    const upstream = connect(to.port, to.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
    }
  })
  const url = await listenOnLoopback(server, 0, 'CONNECT proxy')
  return {
    url,
    connects,
    async close() {
      for (const socket of sockets) socket.destroy()
      await closeServer(server, [])
    }
  }
}
