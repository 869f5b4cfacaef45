/**
 * What main and the collect step load only when needed (the comment, the
 * event's commits), from one module, so the bundle keeps the GitHub code in
 * one chunk rather than a copy for each.
 */
export { readEvent } from './event-commits.js'
export { commentOnPullRequest } from './pull-request-comment.js'
export { openStatusPoster } from './commit-status.js'
