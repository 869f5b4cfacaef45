/**
 * What went wrong, as a value: a kind that callers can branch on and a message
 * written for the person reading the workflow log.
 */
export type ErrorKind =
  'input' | 'auth' | 'not-found' | 'rate-limit' | 'server' | 'network' | 'response'

/** An error whose message is fit to show to users as it is (no stack trace needed). */
export class ActionError extends Error {
  readonly kind: ErrorKind
  /** The API's own `message`, when the error is an answer of the API: callers may tell "Run N not found." apart. */
  readonly apiMessage: string | null
  /** The HTTP status, when the error is an answer. */
  readonly status: number | null

  constructor(
    kind: ErrorKind,
    message: string,
    apiMessage: string | null = null,
    status: number | null = null
  ) {
    super(message)
    this.name = 'ActionError'
    this.kind = kind
    this.apiMessage = apiMessage
    this.status = status
  }
}
