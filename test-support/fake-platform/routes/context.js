// @ts-check
/** What a route handler gets besides its path parameters. */

/**
 * @typedef {object} RouteContext
 * @property {import('../run-store.js').RunStore} store
 * @property {URLSearchParams} query
 * @property {import('../http.js').ListQuirks | null} quirks the list quirks that apply to this request
 * @property {'documented' | 'deployed'} shape how results are serialized
 */

/**
 * A route: its path under /api/v1 (a pattern whose groups are the path parameters),
 * the scope a token needs, and the handler.
 * @typedef {object} Route
 * @property {RegExp} pattern
 * @property {'runs:read' | 'results:read'} scope
 * @property {(params: string[], context: RouteContext) => import('../http.js').Reply} handle
 */

export {}
