export const id = 935;
export const ids = [935];
export const modules = {

/***/ 9935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  commentOnPullRequest: () => (/* binding */ commentOnPullRequest)
});

// UNUSED EXPORTS: defaultCommentKey

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/platform/result-set.ts
var result_set = __webpack_require__(6203);
// EXTERNAL MODULE: ./src/platform/links.ts
var links = __webpack_require__(9330);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/report/run-report.ts
var run_report = __webpack_require__(7330);
// EXTERNAL MODULE: ./src/report/summary.ts
var report_summary = __webpack_require__(7994);
;// CONCATENATED MODULE: ./src/report/comment.ts






/** GitHub refuses a comment body longer than this (in characters). */
const COMMENT_LIMIT_CHARS = 65_536;
/** Result messages in a comment are cut shorter than in the summary: the comment is a digest. */
const MAX_COMMENT_MESSAGE_CHARS = 5_000;
/** Changed samples named one by one, at most; then a count. */
const MAX_CHANGES_SHOWN = 20;
/** Past this, the marker keeps a digest of the statuses instead of the statuses. */
const MAX_MARKER_STATUS_CHARS = 8_000;
/**
 * The statuses a comment shows, keyed by sample ID: what its hidden marker
 * keeps. For a set too large to keep (about 600 samples and more) it is one
 * entry, `#<digest>` → `pass` or `fail`, so comparing two comments still tells
 * whether anything changed and whether everything passed.
 */
function commentStatuses(set) {
    const statuses = Object.fromEntries(set.entries.map((entry) => [String(entry.sampleId), (0,result_set/* entryStatus */.RM)(entry)]));
    const text = JSON.stringify(statuses);
    if (text.length <= MAX_MARKER_STATUS_CHARS)
        return statuses;
    const digest = (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex').slice(0, 16);
    return { [`#${digest}`]: set.entries.every(result_set/* entryPasses */.OB) ? 'pass' : 'fail' };
}
/**
 * The pull request comment: what changed since our last one, the report (one
 * result's, or the run's within the comment's size budget), a link to the job,
 * and the marker. Never longer than GitHub accepts.
 */
function renderComment(parts) {
    const { set, summary, apiUrl, jobUrl, marker } = parts;
    const changes = describeChanges(parts.previous, commentStatuses(set));
    const header = changes === null ? '' : `${changes}\n\n`;
    // The report already links the run and the regression test; the job is what it cannot link.
    const footer = `\n---\n${(0,markdown/* link */.nf)('Job log and full summary', jobUrl)}\n\n${marker}\n`;
    const [entry] = set.entries;
    const single = set.entries.length === 1 && entry?.result ? entry.result : null;
    let report;
    if (single && entry) {
        const baseline = set.baselineRunId !== null && entry.change
            ? {
                runId: set.baselineRunId,
                runUrl: (0,links/* runPage */.fL)(apiUrl, set.baselineRunId),
                status: entry.baselineStatus ?? null,
                change: entry.change
            }
            : undefined;
        report = (0,report_summary/* renderSummary */.B)(single, (0,links/* resultLinks */.dI)(apiUrl, single), baseline, {
            maxMessageChars: MAX_COMMENT_MESSAGE_CHARS,
            whereIsAll: `the ${(0,markdown/* link */.nf)('job summary', jobUrl)} and the result-message output have it whole`
        });
    }
    else {
        report = (0,run_report/* renderRunReport */.A)(set, summary, apiUrl, {
            limit: COMMENT_LIMIT_CHARS - header.length - footer.length,
            measure: (text) => text.length,
            whereIsAll: `the ${(0,markdown/* link */.nf)('job summary', jobUrl)} has every result`
        });
    }
    return fitComment(`${header}${report}`, COMMENT_LIMIT_CHARS - footer.length, jobUrl) + footer;
}
/** "Since the last update: sample 132 was ✅ pass, now ❌ fail." Null with no earlier comment. */
function describeChanges(previous, now) {
    if (previous === null)
        return null;
    const changed = Object.keys(now).filter((id) => previous[id] !== now[id]);
    const digestOnly = [...Object.keys(previous), ...Object.keys(now)].some((id) => id.startsWith('#'));
    if (digestOnly) {
        return changed.length > 0
            ? '🔁 The statuses changed since the last update (too many results to list each change here).'
            : '🔁 No change since the last update.';
    }
    if (changed.length === 0) {
        const count = Object.keys(now).length;
        return `🔁 No change since the last update (${count === 1 ? 'same status' : `same ${count} statuses`}).`;
    }
    const shown = changed.slice(0, MAX_CHANGES_SHOWN).map((id) => {
        const before = previous[id];
        return `sample ${id} ${before === undefined ? 'is new' : `was ${(0,markdown/* statusLabel */.Rh)(before)}`}, now ${(0,markdown/* statusLabel */.Rh)(now[id] ?? null)}`;
    });
    const more = changed.length - shown.length;
    return `🔁 Since the last update: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
}
/**
 * A last guard under the budget: the report is built to fit, but whatever it
 * holds, the comment is cut at a line, an open code block is closed, and the
 * cut is said.
 */
function fitComment(body, limit, jobUrl) {
    const note = `*This comment is shortened to fit GitHub's limit; the ${(0,markdown/* link */.nf)('job summary', jobUrl)} has the whole report.*`;
    return (0,markdown/* fitWithin */.Hi)(body, limit, (text) => text.length, note);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/github/context.ts

const DEFAULT_SERVER_URL = 'https://github.com';
const DEFAULT_API_URL = 'https://api.github.com';
/** Reads the runner's `GITHUB_*` variables and the event payload file. */
function readGitHubContext(env = process.env) {
    const payload = readPayload(env.GITHUB_EVENT_PATH);
    return {
        eventName: env.GITHUB_EVENT_NAME ?? '',
        payload,
        repo: readRepo(env.GITHUB_REPOSITORY, payload),
        serverUrl: withoutTrailingSlash(env.GITHUB_SERVER_URL || DEFAULT_SERVER_URL),
        apiUrl: withoutTrailingSlash(env.GITHUB_API_URL || DEFAULT_API_URL),
        runId: positiveInteger(env.GITHUB_RUN_ID) ?? 0,
        runAttempt: positiveInteger(env.GITHUB_RUN_ATTEMPT) ?? 1,
        workflow: env.GITHUB_WORKFLOW ?? '',
        job: env.GITHUB_JOB ?? ''
    };
}
/** The run's page, where its log and job summaries are; a re-run links its own attempt. */
function jobLogUrl(context) {
    const { serverUrl, repo, runId, runAttempt } = context;
    const run = `${serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${runId}`;
    return runAttempt > 1 ? `${run}/attempts/${runAttempt}` : run;
}
/** A missing or broken event file means "no event details", not a failed step. */
function readPayload(path) {
    if (!path)
        return {};
    let parsed;
    try {
        parsed = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch {
        return {};
    }
    return isRecord(parsed) ? parsed : {};
}
/** GITHUB_REPOSITORY first; the payload's repository when run outside a runner. */
function readRepo(variable, payload) {
    const [owner = '', repo = ''] = (variable ?? '').split('/');
    if (owner && repo)
        return { owner, repo };
    const repository = payload.repository;
    if (isRecord(repository) && isRecord(repository.owner)) {
        const { login } = repository.owner;
        const { name } = repository;
        if (typeof login === 'string' && typeof name === 'string')
            return { owner: login, repo: name };
    }
    return { owner: '', repo: '' };
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function positiveInteger(text) {
    const value = /^\d{1,15}$/.test(text ?? '') ? Number(text) : 0;
    return value >= 1 ? value : null;
}
function withoutTrailingSlash(url) {
    return url.replace(/\/+$/, '');
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 20 modules
var utils = __webpack_require__(5250);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/bottleneck/lib/index.js
var lib = __webpack_require__(2203);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
// EXTERNAL MODULE: ./src/platform/retry.ts
var retry = __webpack_require__(385);
;// CONCATENATED MODULE: ./src/github/octokit.ts





/** Retries after a primary or secondary rate limit before giving up. */
const RATE_LIMIT_RETRIES = 2;
/** Retries after a 5xx or a network error; the retry plugin waits 1, 4, then 9 units. */
const SERVER_ERROR_RETRIES = 3;
/**
 * The retry plugin's default list plus 429: a rate limit is the throttling
 * plugin's to handle, with the wait GitHub asks for, not a fixed backoff.
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
/**
 * An Octokit for the GitHub REST API that retries 5xx answers and waits out
 * rate limits (@octokit/plugin-retry and @octokit/plugin-throttling).
 */
function createOctokit(options) {
    const { token, baseUrl, log, retryAfterBaseMs = 1000 } = options;
    const onLimit = (kind) => (retryAfter, request, _octokit, retryCount) => {
        const what = `GitHub ${kind} for ${request.method} ${request.url}`;
        if (retryCount >= RATE_LIMIT_RETRIES) {
            log.info(`${what}; giving up after ${retryCount} retries.`);
            return false;
        }
        if (retryAfter * 1000 > retry/* MAX_WAIT_MS */.um) {
            log.info(`${what}; it resets in ${retryAfter} s, longer than this action waits.`);
            return false;
        }
        log.info(`${what}; retrying in ${retryAfter} s (retry ${retryCount + 1} of ${RATE_LIMIT_RETRIES}).`);
        return true;
    };
    const Client = utils/* GitHub */.gq.plugin(requestLog(log), dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
    return new Client((0,utils/* getOctokitOptions */.EG)(token, {
        baseUrl,
        userAgent: 'ccextractor-sample-result-action',
        log: {
            debug: (line) => log.debug(line),
            info: (line) => log.debug(line),
            warn: (line) => log.warning(line),
            error: (line) => log.warning(line)
        },
        retry: {
            retries: SERVER_ERROR_RETRIES,
            doNotRetry: DO_NOT_RETRY,
            retryAfterBaseValue: retryAfterBaseMs
        },
        throttle: {
            retryAfterBaseValue: retryAfterBaseMs,
            // The plugin's own write groups space writes 1 s (3 s for those that
            // notify) apart in real time and are shared by every client in the process.
            write: new (lib_default()).Group({ maxConcurrent: 1, minTime: retryAfterBaseMs }),
            notifications: new (lib_default()).Group({ maxConcurrent: 1, minTime: 3 * retryAfterBaseMs }),
            onRateLimit: onLimit('rate limit'),
            onSecondaryRateLimit: onLimit('secondary rate limit')
        }
    }));
}
/**
 * A plugin registered before retry and throttling, so it sees every attempt:
 * one debug line per HTTP request.
 */
function requestLog(log) {
    return (octokit) => {
        octokit.hook.wrap('request', async (request, options) => {
            const started = Date.now();
            const line = (status) => `GitHub: ${options.method} ${String(options.url)} -> ${String(status)} in ${Date.now() - started} ms`;
            try {
                const response = await request(options);
                log.debug(line(response.status));
                return response;
            }
            catch (error) {
                log.debug(line(answeredStatus(error) ?? 'no answer'));
                throw error;
            }
        });
        return {};
    };
}
/** The HTTP status of a failed request; Octokit gives 500 to requests that got no answer. */
function answeredStatus(error) {
    const { status, response } = (typeof error === 'object' && error !== null ? error : {});
    return response === undefined ? undefined : status;
}

;// CONCATENATED MODULE: ./src/github/pull-request.ts

/** Events whose runs belong to a pull request; `workflow_run` may point at one. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
/**
 * The pull request the run is about: `explicitNumber` when given, else the
 * event's. Null for events that have none (push, schedule, workflow_dispatch).
 * The payload is untrusted JSON: a field of the wrong shape means "none".
 */
async function findPullRequest(octokit, context, explicitNumber) {
    const number = explicitNumber ?? (await numberFromEvent(octokit, context));
    if (number === null)
        return null;
    const { serverUrl, repo } = context;
    return { number, url: `${serverUrl}/${repo.owner}/${repo.repo}/pull/${number}` };
}
async function numberFromEvent(octokit, context) {
    const { eventName, payload } = context;
    if (PULL_REQUEST_EVENTS.has(eventName))
        return numberOf(payload.pull_request);
    if (eventName === 'issue_comment') {
        const issue = payload.issue;
        return isRecord(issue) && isRecord(issue.pull_request) ? numberOf(issue) : null;
    }
    if (eventName === 'workflow_run')
        return workflowRunNumber(octokit, context);
    return null;
}
/**
 * A `workflow_run` event lists the triggering run's pull requests, except for
 * runs from forks; those are found by their head repository and branch.
 */
async function workflowRunNumber(octokit, context) {
    const run = context.payload.workflow_run;
    if (!isRecord(run))
        return null;
    const listed = listedPullRequest(run.pull_requests, context.payload.repository);
    if (listed !== null)
        return listed;
    // A push or a schedule has no pull request, even when its branch has one open.
    if (typeof run.event === 'string' && !PULL_REQUEST_EVENTS.has(run.event))
        return null;
    return findForkPullRequest(octokit, context, run);
}
/** The first listed pull request into this repository. */
function listedPullRequest(pullRequests, repository) {
    if (!Array.isArray(pullRequests))
        return null;
    const repositoryId = isRecord(repository) ? repository.id : undefined;
    for (const pullRequest of pullRequests) {
        // GitHub also lists pull requests of other repositories whose head is the same branch.
        const base = isRecord(pullRequest) ? pullRequest.base : undefined;
        const baseRepo = isRecord(base) ? base.repo : undefined;
        const baseId = isRecord(baseRepo) ? baseRepo.id : undefined;
        if (typeof repositoryId === 'number' && typeof baseId === 'number' && baseId !== repositoryId) {
            continue;
        }
        const number = numberOf(pullRequest);
        if (number !== null)
            return number;
    }
    return null;
}
/** The open pull request whose head is the run's head repository and branch. */
async function findForkPullRequest(octokit, context, run) {
    const branch = run.head_branch;
    const headRepo = run.head_repository;
    if (typeof branch !== 'string' || branch === '' || !isRecord(headRepo))
        return null;
    const fullName = headRepo.full_name;
    const owner = isRecord(headRepo.owner) ? headRepo.owner.login : undefined;
    if (typeof fullName !== 'string' || typeof owner !== 'string')
        return null;
    const { data } = await octokit.rest.pulls.list({
        ...context.repo,
        state: 'open',
        head: `${owner}:${branch}`,
        per_page: 100
    });
    const candidates = data.filter((pull) => pull.head.ref === branch && pull.head.repo?.full_name === fullName);
    const sameCommit = candidates.find((pull) => pull.head.sha === run.head_sha);
    return (sameCommit ?? candidates[0])?.number ?? null;
}
function numberOf(value) {
    const number = isRecord(value) ? value.number : undefined;
    return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : null;
}

// EXTERNAL MODULE: ./src/platform/result.ts + 1 modules
var result = __webpack_require__(3784);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(6412);
;// CONCATENATED MODULE: ./src/github/sticky-comment.ts
/** One pull request comment per key: finding it by its hidden marker, writing it, cleaning up. */


/** The login comments written with a GITHUB_TOKEN carry. */
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
const FORK_GUIDE_URL = 'https://github.com/ccextractor/sample-result-action#pull-requests-from-forks';
// Both fields are base64url, so no text can close the HTML comment (`-->`) or hold `--`.
const MARKER_PREFIX = '<!-- sample-result-action';
const MARKER = /<!-- sample-result-action key=([A-Za-z0-9_-]*) statuses=([A-Za-z0-9_-]+) -->/g;
const MAX_SHOWN_ERROR_TEXT = 300;
/** The hidden marker that ends our comment: its key and the statuses it shows. */
function renderMarker(key, statuses) {
    return `${MARKER_PREFIX} key=${encode(key)} statuses=${encode(JSON.stringify(statuses))} -->`;
}
/** The last well-formed marker in a comment body, or null. */
function parseMarker(body) {
    const match = [...body.matchAll(MARKER)].at(-1);
    if (match?.[1] === undefined || !match[2])
        return null;
    const key = decode(match[1]);
    const statusText = decode(match[2]);
    if (key === null || statusText === null)
        return null;
    const statuses = parseStatuses(statusText);
    return statuses && { key, statuses };
}
/**
 * Our comments for `key` on the pull request, oldest first. "Ours" means written
 * by the token's user (a personal access token) or by github-actions[bot] (the
 * GITHUB_TOKEN, which may not read /user): anyone can paste our marker.
 */
async function findOurComments(octokit, repo, prNumber, key) {
    const login = (await tokenLogin(octokit)).toLowerCase();
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
        ...repo,
        issue_number: prNumber,
        per_page: 100
    });
    const ours = [];
    for (const comment of comments) {
        if (comment.user?.login.toLowerCase() !== login)
            continue;
        const marker = parseMarker(comment.body ?? '');
        if (marker?.key !== key)
            continue;
        ours.push({
            id: comment.id,
            url: comment.html_url,
            body: comment.body ?? '',
            statuses: marker.statuses,
            createdAt: comment.created_at
        });
    }
    return ours.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
}
/**
 * Writes the comment. update: edits the newest of ours (creates one when there
 * is none); recreate: posts a new one at the bottom, then deletes the old. Either
 * way no older duplicate (left by two runs racing) survives.
 */
async function writeStickyComment(options) {
    const { octokit, repo, prNumber, body, mode, existing } = options;
    const newest = existing.at(-1);
    let written;
    let obsolete;
    if (mode === 'update' && newest) {
        written = (await updateComment(octokit, repo, newest.id, body)) ?? {
            action: 'created',
            ...(await createComment(octokit, repo, prNumber, body))
        };
        obsolete = existing.slice(0, -1);
    }
    else {
        const created = await createComment(octokit, repo, prNumber, body);
        written = { action: newest ? 'recreated' : 'created', ...created };
        obsolete = existing;
    }
    for (const comment of obsolete)
        await deleteComment(octokit, repo, comment.id);
    return written;
}
/**
 * Whether to write the comment this time. always: yes. failure: when the result
 * does not pass, or when it passes and a comment of ours still shows a status
 * that does not (so that comment is brought up to date, once). change: when the statuses differ from those
 * our comment shows; with no comment yet, as failure.
 */
function decideComment(policy, now, previous) {
    if (policy === 'always')
        return true;
    if (policy === 'change' && previous !== null)
        return !sameStatuses(previous, now.statuses);
    // Once our comment says everything passes, a green run has nothing to add.
    return !now.passing || (previous !== null && !Object.values(previous).every(result/* isPassing */.WG));
}
/**
 * One line for a warning about a failed GitHub API call. A fork's read-only
 * token gets what to do about it; anything else its status and message.
 */
function describeGitHubError(error) {
    // Duck-typed: under Jest's VM modules, Octokit's errors come from another realm.
    const { status, message, response, request } = fieldsOf(error);
    const text = typeof message === 'string' ? message : String(error);
    if (status === 403 && text.includes('Resource not accessible by integration')) {
        const access = fieldsOf(request).method === 'GET' ? 'read' : 'write to';
        return `The github-token cannot ${access} the pull request (403 "Resource not accessible by integration"; a pull request from a fork gets a read-only GITHUB_TOKEN). Add "permissions: pull-requests: write" to the job, or for forks use the workflow_run pattern: see ${FORK_GUIDE_URL}`;
    }
    if (typeof status !== 'number') {
        return `The GitHub API request failed: ${shorten(rootCause(error) ?? text)}`;
    }
    // Octokit reports a request that got no answer as a 500 without a response.
    if (response === undefined) {
        return `Could not reach the GitHub API: ${shorten(rootCause(error) ?? text)}`;
    }
    return `The GitHub API answered ${status}: ${shorten(text)}`;
}
/** The author our comments have: the token's user, else the Actions bot. */
async function tokenLogin(octokit) {
    try {
        const { data } = await octokit.rest.users.getAuthenticated();
        return data.login;
    }
    catch (error) {
        // A GITHUB_TOKEN (an installation token) answers 403; anything else is a real failure.
        if (statusOf(error) === 403 || statusOf(error) === 404)
            return ACTIONS_BOT_LOGIN;
        throw error;
    }
}
async function createComment(octokit, repo, prNumber, body) {
    const { data } = await octokit.rest.issues.createComment({
        ...repo,
        issue_number: prNumber,
        body
    });
    return { id: data.id, url: data.html_url };
}
/** Null when the comment is gone (deleted since it was found). */
async function updateComment(octokit, repo, id, body) {
    try {
        const { data } = await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body });
        return { action: 'updated', id: data.id, url: data.html_url };
    }
    catch (error) {
        if (statusOf(error) === 404)
            return null;
        throw error;
    }
}
/** A comment already gone is as good as deleted. */
async function deleteComment(octokit, repo, id) {
    try {
        await octokit.rest.issues.deleteComment({ ...repo, comment_id: id });
    }
    catch (error) {
        if (statusOf(error) !== 404)
            throw error;
    }
}
function statusOf(error) {
    return fieldsOf(error).status;
}
/** The fields of an error (or of its request) that are read here, whatever realm it comes from. */
function fieldsOf(error) {
    return typeof error === 'object' && error !== null ? error : {};
}
/** The innermost message ("connect ECONNREFUSED ..."), where fetch's "fetch failed" says little. */
function rootCause(error) {
    let found;
    for (let current = error, depth = 0; depth < 5 && current !== undefined; depth++) {
        const { message, cause } = fieldsOf(current);
        if (typeof message === 'string' && message !== '')
            found = message;
        current = cause;
    }
    return found;
}
/** One line, safe for the log, short enough to read. */
function shorten(text) {
    const line = (0,report_escape/* escapeLogText */.dD)(text).trim() || 'no message';
    return line.length > MAX_SHOWN_ERROR_TEXT ? `${line.slice(0, MAX_SHOWN_ERROR_TEXT)}…` : line;
}
function sameStatuses(a, b) {
    const keys = Object.keys(a);
    return (keys.length === Object.keys(b).length &&
        keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]));
}
function encode(text) {
    return Buffer.from(text, 'utf8').toString('base64url');
}
/** Null unless `text` is exactly what encode() makes of some UTF-8 text. */
function decode(text) {
    const decoded = Buffer.from(text, 'base64url').toString('utf8');
    return encode(decoded) === text ? decoded : null;
}
/** A JSON object of strings, else null. */
function parseStatuses(text) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return null;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return null;
    const entries = Object.entries(parsed);
    if (!entries.every((entry) => typeof entry[1] === 'string')) {
        return null;
    }
    // fromEntries defines own properties, so a "__proto__" key stays a plain key.
    return Object.fromEntries(entries);
}

;// CONCATENATED MODULE: ./src/github/pull-request-comment.ts







/** Keys longer than this (a long list of samples) are hashed: the marker stays small. */
const MAX_PLAIN_KEY = 120;
/**
 * Keeps one comment per key on the pull request up to date. Never throws:
 * GitHub's refusals become one warning, and the step's result stays fail-on's.
 */
async function commentOnPullRequest(request) {
    const { config, set, summary, apiUrl, log } = request;
    const skipped = { action: 'skipped', id: null, url: null };
    const context = readGitHubContext(request.env);
    try {
        const octokit = createOctokit({
            token: config.githubToken,
            baseUrl: context.apiUrl,
            log,
            ...(request.waitUnitMs === undefined ? {} : { retryAfterBaseMs: request.waitUnitMs })
        });
        const pullRequest = await findPullRequest(octokit, context, config.prNumber ?? undefined);
        if (pullRequest === null) {
            log.info(`No pull request for this ${context.eventName || 'run'} event: no comment written.`);
            return skipped;
        }
        const key = config.key ?? defaultCommentKey(context.workflow, context.job, request.samples);
        const existing = await findOurComments(octokit, context.repo, pullRequest.number, key);
        const previous = existing.at(-1)?.statuses ?? null;
        const statuses = commentStatuses(set);
        const passing = set.entries.every(result_set/* entryPasses */.OB);
        if (config.policy === 'off' || !decideComment(config.policy, { passing, statuses }, previous)) {
            log.info(`Pull request #${pullRequest.number}: no comment needed (comment: ${config.policy}).`);
            return skipped;
        }
        const body = renderComment({
            set,
            summary,
            apiUrl,
            jobUrl: jobLogUrl(context),
            previous,
            marker: renderMarker(key, statuses)
        });
        const written = await writeStickyComment({
            octokit,
            repo: context.repo,
            prNumber: pullRequest.number,
            body,
            mode: config.mode,
            existing
        });
        log.info(`Pull request #${pullRequest.number}: comment ${written.action}: ${written.url}`);
        return written;
    }
    catch (error) {
        log.warning(`Could not write the pull request comment. ${describeGitHubError(error)}`);
        return { action: 'failed', id: null, url: null };
    }
}
/**
 * Built from the workflow, the job and the samples: a re-run finds the same
 * comment, and matrix jobs over different samples keep their own.
 */
function defaultCommentKey(workflow, job, samples) {
    const which = samples.kind === 'all' ? 'all' : samples.ids.join(',');
    const key = `${workflow} / ${job} / samples ${which}`;
    if (key.length <= MAX_PLAIN_KEY)
        return key;
    return `${workflow} / ${job} / samples ${(0,external_node_crypto_.createHash)('sha256').update(which).digest('hex').slice(0, 16)}`;
}


/***/ })

};
