// @ts-check
/** Replies, parameter checks and pages in the form the Sample Platform API uses them. */
import { STATUS_CODES } from 'node:http'

/** @typedef {{ status: number, body: string, contentType: string, headers?: Record<string, string> }} Reply */

/**
 * Quirks of list answers, for testing clients against a server that cuts corners.
 * @typedef {object} ListQuirks
 * @property {number} [scanLimit] the server stops scanning after this many matches: pages end
 *   there and carry `truncated: true` (and total counts only what was scanned)
 * @property {null | -1} [total] sent instead of the number of matches, as when they were not counted
 * @property {boolean} [stuckNextOffset] next_offset repeats the offset asked for, on every page
 * @property {boolean} [noNextOffset] pages leave next_offset out (the deployed schema requires
 *   only limit, offset and total)
 * @property {(path: string) => boolean} [match] only lists whose request target (query
 *   included) matches; default every list
 */

export const JSON_TYPE = 'application/json'
export const MAX_ID = 2147483647

/** @type {Record<number, string>} */
const ERROR_CODES = {
  400: 'validation_error',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  422: 'unprocessable',
  429: 'rate_limited'
}

/** @returns {Reply} */
export function json(/** @type {number} */ status, /** @type {unknown} */ value) {
  return { status, body: JSON.stringify(value), contentType: JSON_TYPE }
}

/**
 * The platform's error body: `details` is always an object.
 * @param {number} status
 * @param {string} message default: the HTTP reason phrase
 * @param {Record<string, unknown>} [details]
 * @returns {Reply}
 */
export function error(status, message = `${STATUS_CODES[status] ?? 'Error'}.`, details = {}) {
  const code = ERROR_CODES[status] ?? (status >= 500 ? 'internal_error' : 'error')
  return json(status, { code, message, details })
}

/** 404 naming the kind of resource, as the server's `details.resource` does. */
export function notFound(/** @type {string} */ message, /** @type {string} */ resource) {
  return error(404, message, { resource })
}

const ID_RULE = `Must be an integer between 1 and ${MAX_ID}.`

/**
 * Reads the path and query parameters of one request, collecting every invalid one
 * into the 400 the server sends: `details.fields` maps each name to what is wrong.
 * Absent optional parameters read as their fallback (or null); so do invalid ones,
 * so a route must send rejection() when there is one before it uses any value.
 * @param {URLSearchParams} query
 */
export function readParams(query) {
  /** @type {Record<string, string>} */
  const fields = {}
  /**
   * Records an invalid parameter and reads it as `fallback`.
   * @template T
   * @param {string} name
   * @param {string} rule what a valid value is
   * @param {T} fallback
   */
  const reject = (name, rule, fallback) => {
    fields[name] = rule
    return fallback
  }
  /** An integer in [min, max] from text, else null. */
  const integer = (
    /** @type {string} */ text,
    /** @type {number} */ min,
    /** @type {number} */ max
  ) => {
    const value = /^-?\d{1,10}$/.test(text) ? Number(text) : NaN
    return value >= min && value <= max ? value : null
  }
  return {
    /** A path ID: an integer in 1..2147483647 (0 when invalid). */
    id(/** @type {string} */ name, /** @type {string} */ text) {
      return integer(text, 1, MAX_ID) ?? reject(name, ID_RULE, 0)
    },
    /** An optional query integer in [min, max]. */
    int(
      /** @type {string} */ name,
      /** @type {number} */ fallback,
      /** @type {number} */ min,
      /** @type {number} */ max
    ) {
      const text = query.get(name)
      if (text === null) return fallback
      return integer(text, min, max) ?? reject(name, `Must be between ${min} and ${max}.`, fallback)
    },
    /** An optional query ID, null when absent. */
    optionalId(/** @type {string} */ name) {
      const text = query.get(name)
      return text === null ? null : (integer(text, 1, MAX_ID) ?? reject(name, ID_RULE, null))
    },
    /**
     * An optional query value from a fixed list.
     * @template {string} T
     * @param {string} name
     * @param {readonly T[]} allowed
     * @returns {T | null}
     */
    oneOf(name, allowed) {
      const text = query.get(name)
      if (text === null) return null
      const found = allowed.find((value) => value === text)
      return found ?? reject(name, `Must be one of [${allowed.join(', ')}].`, null)
    },
    /** An optional query string, at most maxLength long and matching pattern when given. */
    text(
      /** @type {string} */ name,
      /** @type {number} */ maxLength,
      /** @type {RegExp | undefined} */ pattern = undefined
    ) {
      const text = query.get(name)
      if (text === null) return null
      if (text.length > maxLength)
        return reject(name, `Must be at most ${maxLength} characters.`, null)
      if (pattern && !pattern.test(text))
        return reject(name, `Must match pattern ${pattern.source}`, null)
      return text
    },
    /** An optional ISO 8601 date-time, as milliseconds. */
    dateTime(/** @type {string} */ name) {
      const text = query.get(name)
      if (text === null) return null
      const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(text) ? Date.parse(text) : NaN
      return Number.isNaN(ms) ? reject(name, 'Must be an ISO 8601 date-time.', null) : ms
    },
    /** limit (1-100, default 50) and offset (default 0) of a list. */
    paging() {
      return { limit: this.int('limit', 50, 1, 100), offset: this.int('offset', 0, 0, MAX_ID) }
    },
    /** The 400 for everything invalid so far, or null. */
    rejection() {
      if (Object.keys(fields).length === 0) return null
      return error(400, 'Request failed schema validation.', { fields: { ...fields } })
    }
  }
}

/**
 * One page of a list in the platform's body: `{data, pagination, meta}`.
 * @template T
 * @param {T[]} items every match, in order
 * @param {{ limit: number, offset: number }} paging
 * @param {ListQuirks | null} quirks
 * @returns {Reply}
 */
export function page(items, { limit, offset }, quirks) {
  const scanLimit = quirks?.scanLimit
  const scanned =
    scanLimit !== undefined && items.length > scanLimit ? items.slice(0, scanLimit) : items
  const end = offset + limit
  return json(200, {
    data: scanned.slice(offset, end),
    pagination: {
      limit,
      offset,
      total: quirks?.total !== undefined ? quirks.total : scanned.length,
      ...(!quirks?.noNextOffset && {
        next_offset: quirks?.stuckNextOffset ? offset : end < scanned.length ? end : null
      }),
      ...(scanned.length < items.length && { truncated: true })
    },
    meta: {}
  })
}

/** ISO 8601 in UTC to the second, as the platform writes times; null stays null. */
export function isoTime(/** @type {number | null} */ ms) {
  return ms === null ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}
