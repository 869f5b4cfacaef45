/** The progress trail of a run: what its test machine reported, step by step. */
import * as v from 'valibot'
import { unreadable } from './errors.js'

/** One event, as the run's test machine reported it; the message is untrusted text. */
export interface ProgressEvent {
  status: string
  message: string
  /** Milliseconds since the epoch; null when the server sent none it could say. */
  at: number | null
}

const progressSchema = v.object({
  data: v.array(
    v.object({
      status: v.string(),
      message: v.nullish(v.string()),
      timestamp: v.nullish(v.string())
    })
  ),
  pagination: v.object({ total: v.nullish(v.pipe(v.number(), v.integer())) })
})

/** A page of events, oldest first, and how many the run has in all (null when not counted). */
export function parseProgress(
  body: unknown,
  what: string
): { events: ProgressEvent[]; total: number | null } {
  const parsed = v.safeParse(progressSchema, body)
  if (!parsed.success) throw unreadable(what)
  const { data, pagination } = parsed.output
  return {
    events: data.map((event) => {
      const at = event.timestamp ? Date.parse(event.timestamp) : NaN
      return {
        status: event.status,
        message: event.message ?? '',
        at: Number.isNaN(at) ? null : at
      }
    }),
    total:
      pagination.total !== undefined && pagination.total !== null && pagination.total >= 0
        ? pagination.total
        : null
  }
}
