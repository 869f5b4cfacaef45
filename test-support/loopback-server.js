// @ts-check
/** Starting and stopping the fake servers on 127.0.0.1, shared by the fake platform and the fake GitHub API. */
import { once } from 'node:events'

/**
 * Listens on 127.0.0.1 and resolves with the server's origin.
 * @param {import('node:http').Server} server
 * @param {number} port 0 for any free port
 * @param {string} name for the error when there is no TCP address
 */
export async function listenOnLoopback(server, port, name) {
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(undefined))
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error(`${name} has no TCP address`)
  return `http://127.0.0.1:${address.port}`
}

/**
 * Closes the server and every open connection, hanging responses included, so Jest can exit.
 * @param {import('node:http').Server} server
 * @param {Iterable<import('node:http').ServerResponse>} open responses not closed yet
 */
export async function closeServer(server, open) {
  const responsesClosed = [...open].map((res) => once(res, 'close'))
  const serverClosed = new Promise((resolve) => server.close(resolve))
  server.closeAllConnections()
  await Promise.all([serverClosed, ...responsesClosed])
}
