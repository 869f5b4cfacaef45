// @ts-check
/**
 * A fake GitHub REST API on 127.0.0.1: the routes the pull request comment uses
 * (the token's user, open pull requests, issue comments), paginated and shaped
 * like GitHub's answers, with a fork mode whose token may not write.
 * Node built-ins only. See startFakeGitHub for the knobs.
 */
import { createServer, STATUS_CODES } from 'node:http'
import { closeServer, listenOnLoopback } from './loopback-server.js'

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

/** The token the fake accepts unless told otherwise. */
export const FAKE_GITHUB_TOKEN = 'ghs_fakeGitHubToken000000000000000000'
/** The repository the helpers use unless told otherwise. */
export const FAKE_REPOSITORY = 'CCExtractor/ccextractor'
/** GitHub's limit on a comment body, in characters. */
export const MAX_COMMENT_LENGTH = 65536
export const NOT_ACCESSIBLE = 'Resource not accessible by integration'

/**
 * @typedef {object} GitHubUser
 * @property {string} login
 * @property {number} id
 * @property {'User' | 'Bot' | 'Organization'} type
 */

/**
 * An issue comment as GitHub serializes it (the fields this action reads, and a few more).
 * @typedef {object} Comment
 * @property {number} id
 * @property {string} node_id
 * @property {string} url
 * @property {string} html_url
 * @property {string} issue_url says which issue the comment is on
 * @property {string} body
 * @property {GitHubUser} user
 * @property {string} created_at
 * @property {string} updated_at
 * @property {string} author_association
 */

/**
 * @typedef {object} PullRequestRepo
 * @property {number} id
 * @property {string} name
 * @property {string} full_name
 * @property {{ login: string }} owner
 * @property {boolean} fork
 */

/**
 * A pull request as the list endpoint serializes it (trimmed).
 * @typedef {object} PullRequest
 * @property {number} id
 * @property {number} number
 * @property {'open' | 'closed'} state
 * @property {string} title
 * @property {string} url
 * @property {string} html_url
 * @property {GitHubUser} user
 * @property {string} created_at
 * @property {string} updated_at
 * @property {{ label: string, ref: string, sha: string, repo: PullRequestRepo | null }} head
 * @property {{ label: string, ref: string, sha: string, repo: PullRequestRepo }} base
 */

/**
 * A commit status as GitHub serializes it (POST /repos/{o}/{r}/statuses/{sha}).
 * @typedef {object} CommitStatus
 * @property {number} id
 * @property {string} node_id
 * @property {string} url
 * @property {string} avatar_url
 * @property {string} sha the commit it is on (not in GitHub's answer: the fake's own index)
 * @property {'error' | 'failure' | 'pending' | 'success'} state
 * @property {string | null} description
 * @property {string | null} target_url
 * @property {string} context
 * @property {string} created_at
 * @property {string} updated_at
 * @property {GitHubUser} creator
 */

/**
 * A canned answer for the next matching request, given before auth and routing.
 * @typedef {object} Fault
 * @property {number} [status] default 200 with json/body; alone it sends GitHub's error body for it
 * @property {Record<string, string>} [headers] added to (and overriding) the default headers
 * @property {unknown} [json] body sent as JSON
 * @property {string} [body] raw body, sent as is (content type text/html unless contentType says)
 * @property {string} [contentType] the Content-Type of json or body
 * @property {boolean} [afterRoute] carry the request out first, then answer with the fault
 *   (GitHub stored the comment, then its proxy failed)
 * @property {number} [times] requests it answers, default 1
 * @property {(path: string, method: string) => boolean} [match] gets the request target (query included) and method
 */

/**
 * @typedef {object} FakeGitHubOptions
 * @property {string} [token] the token accepted as `token X` or `Bearer X`; default FAKE_GITHUB_TOKEN
 * @property {string | null} [login] what GET /user answers; null answers 403 as for a GITHUB_TOKEN (default)
 * @property {string} [botLogin] author of comments written with the token; default login, else github-actions[bot]
 * @property {boolean} [forkMode] every write answers 403 "Resource not accessible by integration"
 * @property {number} [pageSize] the largest per_page honoured, default 100 as on GitHub
 * @property {number} [port] default 0 (any free port)
 */

/**
 * @typedef {object} RequestRecord
 * @property {string} method
 * @property {string} path request target, query string included
 * @property {string | undefined} authorization
 * @property {string} body the request body as received
 * @property {number} status 0 while pending
 */

/**
 * @typedef {object} SeedComment
 * @property {number} issue the pull request (or issue) number
 * @property {string} body
 * @property {string} [login] author, default 'someone-else'
 * @property {'User' | 'Bot'} [type] default 'User', or 'Bot' for a login ending in [bot]
 * @property {string} [repository] 'owner/repo', default FAKE_REPOSITORY
 */

/**
 * @typedef {object} SeedPull
 * @property {number} number
 * @property {string} branch head branch
 * @property {string} [headRepository] 'owner/repo' of the head, default the base (not a fork)
 * @property {string} [sha] head commit
 * @property {string} [baseSha] base commit, default 'b' × 40
 * @property {'open' | 'closed'} [state] default 'open'
 * @property {string} [repository] base 'owner/repo', default FAKE_REPOSITORY
 */

/**
 * @typedef {object} FakeGitHub
 * @property {string} url origin, `http://127.0.0.1:PORT`: the API base URL
 * @property {RequestRecord[]} requests every request, in arrival order
 * @property {Comment[]} comments mutable: the server reads it on every request
 * @property {PullRequest[]} pulls mutable, as comments
 * @property {CommitStatus[]} statuses every status posted, in order
 * @property {(seed: SeedComment) => Comment} addComment a comment written by anyone
 * @property {(seed: SeedPull) => PullRequest} addPull
 * @property {(fault: Fault) => void} enqueueFault
 * @property {() => void} reset forget requests, faults, comments, pull requests and statuses
 * @property {() => Promise<void>} close
 */

/** @typedef {{ status: number, body: string, contentType: string, headers?: Record<string, string> }} Reply */

const JSON_TYPE = 'application/json; charset=utf-8'
const DOCS = 'https://docs.github.com/rest'
const FIRST_COMMENT_ID = 2000000001
const FIRST_PULL_ID = 1800000001
const FIRST_STATUS_ID = 31000000001
/** GitHub's limit on a status description, in characters. */
export const MAX_STATUS_DESCRIPTION = 140
const COMMIT_STATES = ['error', 'failure', 'pending', 'success']
/** Comment timestamps start here and advance one second per comment, so order is stable. */
const EPOCH_MS = Date.parse('2024-05-01T12:00:00Z')
/**
 * The IDs of the repositories in __fixtures__/events/, so that a pull request
 * the fake serves has the head repository ID the event names; others get an
 * ID made from their name.
 */
const REPOSITORY_IDS = new Map([
  ['ccextractor/ccextractor', 13402733],
  ['ramya-dev/ccextractor', 783216540]
])

/** @returns {Reply} */
function json(/** @type {number} */ status, /** @type {unknown} */ value) {
  return { status, body: JSON.stringify(value), contentType: JSON_TYPE }
}

/**
 * GitHub's error body.
 * @param {number} status
 * @param {string} message
 * @param {string} [documentation] documentation_url
 * @param {unknown[]} [errors]
 * @returns {Reply}
 */
function error(status, message, documentation = DOCS, errors) {
  return json(status, {
    message,
    ...(errors ? { errors } : {}),
    documentation_url: documentation,
    status: String(status)
  })
}

/** GitHub's timestamps: ISO 8601 to the second. */
function timestamp(/** @type {number} */ ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** @returns {GitHubUser} */
function user(/** @type {string} */ login, /** @type {'User' | 'Bot' | undefined} */ type) {
  let id = 0
  for (const c of login) id = (id * 31 + c.charCodeAt(0)) % 100000000
  return { login, id: id + 1, type: type ?? (login.endsWith('[bot]') ? 'Bot' : 'User') }
}

/** `owner/repo` as GitHub compares it: without regard to case. */
function sameName(/** @type {string} */ a, /** @type {string} */ b) {
  return a.toLowerCase() === b.toLowerCase()
}

/** The token of `Authorization: token X` or `Bearer X`. */
function tokenOf(/** @type {IncomingMessage} */ req) {
  return /^(?:token|bearer)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1]
}

/**
 * A page of `items` and its Link header, as GitHub paginates (per_page 30 by default).
 * @template T
 * @param {T[]} items
 * @param {URL} url the request URL, whose other query parameters the links keep
 * @param {string} origin
 * @param {number} pageSize cap on per_page
 * @returns {Reply}
 */
function paginate(items, url, origin, pageSize) {
  const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page')) || 30, 1), pageSize)
  const page = Math.max(Number(url.searchParams.get('page')) || 1, 1)
  const last = Math.max(Math.ceil(items.length / perPage), 1)
  const link = (/** @type {number} */ n, /** @type {string} */ rel) => {
    const target = new URL(url.pathname, origin)
    for (const [name, value] of url.searchParams) target.searchParams.set(name, value)
    target.searchParams.set('per_page', String(perPage))
    target.searchParams.set('page', String(n))
    return `<${target}>; rel="${rel}"`
  }
  const links = []
  if (page > 1) links.push(link(page - 1, 'prev'))
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
  if (page > 1) links.push(link(1, 'first'))
  const reply = json(200, items.slice((page - 1) * perPage, page * perPage))
  return links.length > 0 ? { ...reply, headers: { Link: links.join(', ') } } : reply
}

/**
 * Starts the fake on 127.0.0.1.
 * @param {FakeGitHubOptions} [options]
 * @returns {Promise<FakeGitHub>}
 */
export async function startFakeGitHub(options = {}) {
  const {
    token = FAKE_GITHUB_TOKEN,
    login = null,
    forkMode = false,
    pageSize = 100,
    port = 0
  } = options
  const botLogin = options.botLogin ?? login ?? 'github-actions[bot]'
  let closed = false
  /** @type {RequestRecord[]} */
  const requests = []
  /** @type {{ fault: Fault, remaining: number }[]} */
  const faults = []
  /** @type {Comment[]} */
  const comments = []
  /** @type {PullRequest[]} */
  const pulls = []
  /** @type {CommitStatus[]} */
  const statuses = []
  let nextStatusId = FIRST_STATUS_ID
  /** @type {Set<ServerResponse>} */
  const open = new Set()
  let nextCommentId = FIRST_COMMENT_ID
  let nextPullId = FIRST_PULL_ID
  let url = ''

  /** The first queued fault that matches, used up after `times` requests. */
  const takeFault = (/** @type {string} */ path, /** @type {string} */ method) => {
    const index = faults.findIndex(({ fault }) => !fault.match || fault.match(path, method))
    const entry = faults[index]
    if (!entry) return undefined
    entry.remaining -= 1
    if (entry.remaining <= 0) faults.splice(index, 1)
    return entry.fault
  }

  const webUrl = (/** @type {string} */ repository) => `https://github.com/${repository}`
  const apiRepoUrl = (/** @type {string} */ repository) => `${url}/repos/${repository}`
  const issueUrl = (/** @type {string} */ repository, /** @type {number} */ issue) =>
    `${apiRepoUrl(repository)}/issues/${issue}`

  /**
   * @param {string} repository
   * @param {number} issue
   * @param {string} body
   * @param {GitHubUser} author
   * @returns {Comment}
   */
  const storeComment = (repository, issue, body, author) => {
    const id = nextCommentId++
    const at = timestamp(EPOCH_MS + (id - FIRST_COMMENT_ID) * 1000)
    /** @type {Comment} */
    const comment = {
      id,
      node_id: `IC_kwDOfake${id}`,
      url: `${apiRepoUrl(repository)}/issues/comments/${id}`,
      html_url: `${webUrl(repository)}/pull/${issue}#issuecomment-${id}`,
      issue_url: issueUrl(repository, issue),
      body,
      user: author,
      created_at: at,
      updated_at: at,
      author_association: author.type === 'Bot' ? 'NONE' : 'CONTRIBUTOR'
    }
    comments.push(comment)
    return comment
  }

  /** @returns {PullRequestRepo} */
  const pullRepo = (/** @type {string} */ repository, /** @type {boolean} */ fork) => {
    const [owner = '', name = ''] = repository.split('/')
    return {
      id: REPOSITORY_IDS.get(repository.toLowerCase()) ?? user(repository, 'User').id,
      name,
      full_name: repository,
      owner: { login: owner },
      fork
    }
  }

  /** @returns {PullRequest} */
  const addPull = (/** @type {SeedPull} */ seed) => {
    const repository = seed.repository ?? FAKE_REPOSITORY
    const headRepository = seed.headRepository ?? repository
    const [headOwner = ''] = headRepository.split('/')
    const sha = seed.sha ?? 'a'.repeat(40)
    const id = nextPullId++
    const at = timestamp(EPOCH_MS + (id - FIRST_PULL_ID) * 1000)
    /** @type {PullRequest} */
    const pull = {
      id,
      number: seed.number,
      state: seed.state ?? 'open',
      title: `Pull request ${seed.number}`,
      url: `${apiRepoUrl(repository)}/pulls/${seed.number}`,
      html_url: `${webUrl(repository)}/pull/${seed.number}`,
      user: user(headOwner, 'User'),
      created_at: at,
      updated_at: at,
      head: {
        label: `${headOwner}:${seed.branch}`,
        ref: seed.branch,
        sha,
        repo: pullRepo(headRepository, !sameName(headRepository, repository))
      },
      base: {
        label: `${repository.split('/')[0]}:master`,
        ref: 'master',
        sha: seed.baseSha ?? 'b'.repeat(40),
        repo: pullRepo(repository, false)
      }
    }
    pulls.push(pull)
    return pull
  }

  /** The pull request `number` of `repository`, if there is one. */
  const findPull = (/** @type {string} */ repository, /** @type {number} */ number) =>
    pulls.find((pull) => pull.number === number && sameName(pull.base.repo.full_name, repository))

  /** GET /repos/{owner}/{repo}/pulls?state&head */
  const listPulls = (/** @type {string} */ repository, /** @type {URL} */ target) => {
    const state = target.searchParams.get('state') ?? 'open'
    const head = target.searchParams.get('head')
    const matching = pulls.filter((pull) => {
      if (!sameName(pull.base.repo.full_name, repository)) return false
      if (state !== 'all' && pull.state !== state) return false
      if (head === null) return true
      const [owner = '', branch = ''] = head.includes(':') ? head.split(/:(.*)/s) : ['', head]
      return sameName(pull.head.repo?.owner.login ?? '', owner) && pull.head.ref === branch
    })
    return paginate([...matching].reverse(), target, url, pageSize)
  }

  /**
   * A comment body from a request, or the 422 GitHub answers.
   * @returns {{ body: string } | { reply: Reply }}
   */
  const readBody = (/** @type {string} */ raw, /** @type {string} */ documentation) => {
    let parsed
    try {
      parsed = JSON.parse(raw)
    } catch {
      return { reply: error(400, 'Problems parsing JSON', documentation) }
    }
    const body = typeof parsed === 'object' && parsed !== null ? parsed.body : undefined
    if (typeof body !== 'string') {
      return { reply: error(422, 'Invalid request.\n\n"body" wasn\'t supplied.', documentation) }
    }
    if ([...body].length > MAX_COMMENT_LENGTH) {
      return {
        reply: error(422, 'Validation Failed', documentation, [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`
          }
        ])
      }
    }
    return { body }
  }

  /**
   * POST /repos/{owner}/{repo}/statuses/{sha}, checked as GitHub checks it:
   * a known state, a description of at most 140 characters, a full SHA.
   * @returns {Reply}
   */
  const createStatus = (
    /** @type {string} */ repository,
    /** @type {string} */ sha,
    /** @type {string} */ raw
  ) => {
    const documentation = `${DOCS}/commits/statuses#create-a-commit-status`
    let parsed
    try {
      parsed = JSON.parse(raw)
    } catch {
      return error(400, 'Problems parsing JSON', documentation)
    }
    if (typeof parsed !== 'object' || parsed === null) {
      return error(400, 'Problems parsing JSON', documentation)
    }
    const { state, description = null, target_url = null, context = 'default' } = parsed
    if (!COMMIT_STATES.includes(state)) {
      return error(422, 'Validation Failed', documentation, [
        {
          resource: 'Status',
          code: 'custom',
          field: 'state',
          message: 'state is not included in the list'
        }
      ])
    }
    if (typeof description === 'string' && [...description].length > MAX_STATUS_DESCRIPTION) {
      return error(422, 'Validation Failed', documentation, [
        {
          resource: 'Status',
          code: 'custom',
          field: 'description',
          message: `description is too long (maximum is ${MAX_STATUS_DESCRIPTION} characters)`
        }
      ])
    }
    if (!/^[0-9a-f]{40}$/i.test(sha)) {
      return error(422, `No commit found for SHA: ${sha}`, documentation)
    }
    const id = nextStatusId++
    const at = timestamp(EPOCH_MS + (id - FIRST_STATUS_ID) * 1000)
    /** @type {CommitStatus} */
    const status = {
      id,
      node_id: `SC_kwDOfake${id}`,
      url: `${apiRepoUrl(repository)}/statuses/${sha.toLowerCase()}`,
      avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
      sha: sha.toLowerCase(),
      state,
      description,
      target_url,
      context: String(context),
      created_at: at,
      updated_at: at,
      creator: user(botLogin, undefined)
    }
    statuses.push(status)
    const { sha: _index, ...answer } = status
    return json(201, answer)
  }

  /** @returns {Reply} */
  const route = (
    /** @type {string} */ method,
    /** @type {URL} */ target,
    /** @type {string} */ raw
  ) => {
    const path = target.pathname
    if (path === '/user' && method === 'GET') {
      if (login === null)
        return error(403, NOT_ACCESSIBLE, `${DOCS}/users/users#get-the-authenticated-user`)
      return json(200, { ...user(login, 'User'), html_url: `https://github.com/${login}` })
    }
    const repoRoute = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(path)
    if (!repoRoute?.[1] || !repoRoute[2] || !repoRoute[3]) return error(404, 'Not Found')
    const repository = `${decodeURIComponent(repoRoute[1])}/${decodeURIComponent(repoRoute[2])}`
    const rest = repoRoute[3]
    const isWrite = method === 'POST' || method === 'PATCH' || method === 'DELETE'
    if (isWrite && forkMode) {
      return error(403, NOT_ACCESSIBLE, `${DOCS}/issues/comments`)
    }

    if (rest === '/pulls' && method === 'GET') return listPulls(repository, target)
    const statusRoute = /^\/statuses\/([^/]+)$/.exec(rest)
    if (statusRoute?.[1] && method === 'POST') {
      return createStatus(repository, decodeURIComponent(statusRoute[1]), raw)
    }
    const statusesRoute = /^\/commits\/([^/]+)\/statuses$/.exec(rest)
    if (statusesRoute?.[1] && method === 'GET') {
      const ref = decodeURIComponent(statusesRoute[1]).toLowerCase()
      const own = statuses.filter(
        (status) => status.sha === ref && status.url.startsWith(`${apiRepoUrl(repository)}/`)
      )
      return paginate([...own].reverse(), target, url, pageSize)
    }
    const pullRoute = /^\/pulls\/(\d+)$/.exec(rest)
    if (pullRoute?.[1] && method === 'GET') {
      const pull = findPull(repository, Number(pullRoute[1]))
      return pull
        ? json(200, pull)
        : error(404, 'Not Found', `${DOCS}/pulls/pulls#get-a-pull-request`)
    }

    const issueRoute = /^\/issues\/(\d+)\/comments$/.exec(rest)
    if (issueRoute?.[1]) {
      const issue = Number(issueRoute[1])
      if (!findPull(repository, issue)) return error(404, 'Not Found', `${DOCS}/issues/comments`)
      if (method === 'GET') {
        const own = comments.filter((comment) => comment.issue_url === issueUrl(repository, issue))
        return paginate(own, target, url, pageSize)
      }
      if (method === 'POST') {
        const read = readBody(raw, `${DOCS}/issues/comments#create-an-issue-comment`)
        if ('reply' in read) return read.reply
        return json(201, storeComment(repository, issue, read.body, user(botLogin, undefined)))
      }
      return error(404, 'Not Found')
    }

    const commentRoute = /^\/issues\/comments\/(\d+)$/.exec(rest)
    if (commentRoute?.[1]) {
      const id = Number(commentRoute[1])
      const index = comments.findIndex(
        (comment) =>
          comment.id === id && comment.url === `${apiRepoUrl(repository)}/issues/comments/${id}`
      )
      const comment = comments[index]
      if (!comment) return error(404, 'Not Found', `${DOCS}/issues/comments`)
      if (method === 'GET') return json(200, comment)
      if (method === 'PATCH') {
        const read = readBody(raw, `${DOCS}/issues/comments#update-an-issue-comment`)
        if ('reply' in read) return read.reply
        comment.body = read.body
        comment.updated_at = timestamp(Date.parse(comment.updated_at) + 1000)
        return json(200, comment)
      }
      if (method === 'DELETE') {
        comments.splice(index, 1)
        return { status: 204, body: '', contentType: '' }
      }
    }
    return error(404, 'Not Found')
  }

  /** A fault's answer: its JSON, its body, or GitHub's error body for its status. */
  const faultReply = (/** @type {Fault} */ fault) => {
    const status = fault.status ?? 200
    /** @type {Reply} */
    let reply
    if (fault.json !== undefined) reply = json(status, fault.json)
    else if (fault.body !== undefined)
      reply = { status, body: fault.body, contentType: 'text/html; charset=utf-8' }
    else reply = error(status, STATUS_CODES[status] ?? 'Error')
    if (fault.contentType !== undefined) reply.contentType = fault.contentType
    return { ...reply, headers: fault.headers }
  }

  /** Rate-limit headers as on every GitHub answer, never exhausted unless a fault says so. */
  const rateHeaders = () => ({
    'X-RateLimit-Limit': '5000',
    'X-RateLimit-Remaining': '4999',
    'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 3600),
    'X-RateLimit-Used': '1',
    'X-RateLimit-Resource': 'core'
  })

  const send = (/** @type {ServerResponse} */ res, /** @type {Reply} */ reply) => {
    res.statusCode = reply.status
    if (reply.contentType) res.setHeader('Content-Type', reply.contentType)
    for (const [name, value] of Object.entries({ ...rateHeaders(), ...reply.headers }))
      res.setHeader(name, value)
    res.end(reply.body)
  }

  /** Records the request, applies faults, checks the token, then routes it. */
  const handle = async (/** @type {IncomingMessage} */ req, /** @type {ServerResponse} */ res) => {
    const method = req.method ?? 'GET'
    const path = req.url ?? '/'
    /** @type {RequestRecord} */
    const record = { method, path, authorization: req.headers.authorization, body: '', status: 0 }
    requests.push(record)
    open.add(res)
    res.on('close', () => {
      open.delete(res)
      record.status = res.headersSent ? res.statusCode : 0
    })
    const chunks = []
    for await (const chunk of req) chunks.push(chunk)
    record.body = Buffer.concat(chunks).toString('utf8')
    if (closed || res.destroyed) return

    const fault = takeFault(path, method)
    if (fault && !fault.afterRoute) return send(res, faultReply(fault))
    if (tokenOf(req) !== token) return send(res, error(401, 'Bad credentials'))
    const reply = route(method, new URL(path, url), record.body)
    send(res, fault ? faultReply(fault) : reply)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((/** @type {unknown} */ cause) => {
      if (closed || res.headersSent) return
      send(res, error(500, `Fake GitHub failure: ${String(cause)}`))
    })
  })
  url = await listenOnLoopback(server, port, 'Fake GitHub')

  return {
    url,
    requests,
    comments,
    pulls,
    statuses,
    addComment(seed) {
      const repository = seed.repository ?? FAKE_REPOSITORY
      return storeComment(
        repository,
        seed.issue,
        seed.body,
        user(seed.login ?? 'someone-else', seed.type)
      )
    },
    addPull,
    enqueueFault(fault) {
      faults.push({ fault, remaining: fault.times ?? 1 })
    },
    reset() {
      requests.length = 0
      faults.length = 0
      comments.length = 0
      pulls.length = 0
      statuses.length = 0
    },
    async close() {
      closed = true
      await closeServer(server, open)
    }
  }
}
