/** The diff endpoint's answer: the text of one output file's unified diff. */
import * as v from 'valibot'
import { unreadable } from './errors.js'

const diffSchema = v.object({ content: v.string() })

export function parseDiff(body: unknown, what: string): string {
  const parsed = v.safeParse(diffSchema, body)
  if (!parsed.success) throw unreadable(what)
  return parsed.output.content
}
