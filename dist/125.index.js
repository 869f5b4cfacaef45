export const id = 125;
export const ids = [125];
export const modules = {

/***/ 9125:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  commentOnPullRequest: () => (/* reexport */ commentOnPullRequest),
  readEvent: () => (/* reexport */ readEvent)
});

// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
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
        job: env.GITHUB_JOB ?? '',
        sha: env.GITHUB_SHA ?? ''
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

// EXTERNAL MODULE: ./src/shared/text.ts
var shared_text = __webpack_require__(4646);
;// CONCATENATED MODULE: ./src/github/errors.ts
/** The one home of GitHub error wording: what a failed API call means, in one line. */

const FORK_GUIDE_URL = 'https://github.com/ccextractor/sample-result-action#pull-requests-from-forks';
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
    // Octokit builds its message from a JSON `message`; for other bodies it says "Unknown error".
    const said = text.startsWith('Unknown error') ? (gitHubMessage(response) ?? text) : text;
    return `The GitHub API answered ${status}: ${shorten(said)}`;
}
/**
 * GitHub's own words from an error body: the `title` and `detail` of a
 * problem+json body (which Octokit hands over as bytes), or its text.
 */
function gitHubMessage(response) {
    const { data } = (typeof response === 'object' && response !== null ? response : {});
    const text = typeof data === 'string'
        ? data
        : data instanceof ArrayBuffer || ArrayBuffer.isView(data)
            ? Buffer.from(data instanceof ArrayBuffer ? data : data.buffer).toString('utf8')
            : null;
    let parsed = data;
    if (text !== null) {
        try {
            parsed = JSON.parse(text);
        }
        catch {
            return text.trim() === '' ? null : text;
        }
    }
    if (typeof parsed !== 'object' || parsed === null)
        return text;
    const { title, detail } = parsed;
    const parts = [title, detail].filter((part) => typeof part === 'string' && part !== '');
    return parts.length > 0 ? parts.join(': ') : text;
}
/** The HTTP status of a failed call, whatever realm its error comes from. */
function statusOf(error) {
    return fieldsOf(error).status;
}
/** The fields of an error (or of its request) that are read here. */
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
    return (0,shared_text/* logSnippet */.kw)(text) || 'no message';
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
// EXTERNAL MODULE: ./src/platform/api/retry.ts
var retry = __webpack_require__(6042);
;// CONCATENATED MODULE: ./src/github/octokit.ts





/** Retries after a primary or secondary rate limit before giving up. */
const RATE_LIMIT_RETRIES = 2;
/** Retries after a 5xx or a network error; the retry plugin waits 1, 4, then 9 units. */
const SERVER_ERROR_RETRIES = 3;
/**
 * Every 4xx but a time-out (408) and "too early" (425): asking again cannot
 * change the answer. Rate limits (403, 429) are the throttling plugin's to
 * handle, with the wait GitHub asks for, not a fixed backoff.
 */
const DO_NOT_RETRY = Array.from({ length: 100 }, (_, i) => 400 + i).filter((status) => status !== 408 && status !== 425);
/**
 * An Octokit for the GitHub REST API that retries 5xx answers and waits out
 * rate limits (@octokit/plugin-retry and @octokit/plugin-throttling).
 */
function createOctokit(options) {
    const { token, baseUrl, log, waitUnitMs = 1000 } = options;
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
            retryAfterBaseValue: waitUnitMs
        },
        throttle: {
            retryAfterBaseValue: waitUnitMs,
            // The plugin's own write groups space writes 1 s (3 s for those that
            // notify) apart in real time and are shared by every client in the process.
            write: new (lib_default()).Group({ maxConcurrent: 1, minTime: waitUnitMs }),
            notifications: new (lib_default()).Group({ maxConcurrent: 1, minTime: 3 * waitUnitMs }),
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
    if (explicitNumber !== undefined && context.eventName === 'workflow_run') {
        await checkSameHead(octokit, context, explicitNumber);
    }
    const number = explicitNumber ?? (await numberFromEvent(octokit, context));
    if (number === null)
        return null;
    const { serverUrl, repo } = context;
    return { number, url: `${serverUrl}/${repo.owner}/${repo.repo}/pull/${number}` };
}
/** The number of the pull request the event is about, without an explicit one. */
async function numberFromEvent(octokit, context) {
    const { eventName, payload } = context;
    if (PULL_REQUEST_EVENTS.has(eventName))
        return numberOf(payload.pull_request);
    if (eventName === 'issue_comment') {
        const issue = payload.issue;
        return isRecord(issue) && isRecord(issue.pull_request) ? numberOf(issue) : null;
    }
    if (eventName === 'workflow_run') {
        return numberOf(await workflowRunPullRequest(() => octokit, context));
    }
    return null;
}
/**
 * The pull request a `workflow_run` event is about, as the event lists it or
 * the API gives it: untrusted JSON, but its head is the run's head repository
 * and commit. GitHub lists any open pull request whose head branch or commit
 * matches the run's, so a fork that names its branch after another pull
 * request's would otherwise choose that pull request. `octokit` is asked for
 * only when no listed pull request is the run's (always, for a fork's run).
 */
async function workflowRunPullRequest(octokit, context) {
    const run = context.payload.workflow_run;
    if (!isRecord(run))
        return null;
    const listed = listedPullRequest(run, context.payload.repository);
    if (listed !== null)
        return listed;
    // A push or a schedule has no pull request, even when its branch has one open.
    if (typeof run.event === 'string' && !PULL_REQUEST_EVENTS.has(run.event))
        return null;
    return findForkPullRequest(octokit, context, run);
}
/** The first listed pull request into this repository whose head is the run's. */
function listedPullRequest(run, repository) {
    if (!Array.isArray(run.pull_requests))
        return null;
    for (const pullRequest of run.pull_requests) {
        if (!isRecord(pullRequest) || numberOf(pullRequest) === null)
            continue;
        // GitHub also lists pull requests of other repositories whose head is the same branch.
        const base = pullRequest.base;
        if (!isRecord(base) || !sameRepository(base.repo, repository))
            continue;
        if (hasRunHead(pullRequest, run))
            return pullRequest;
    }
    return null;
}
/**
 * The open pull request whose head is the run's head repository, branch and
 * commit. One whose head moved on since is not this run's.
 */
async function findForkPullRequest(octokit, context, run) {
    const branch = run.head_branch;
    const headRepo = run.head_repository;
    if (typeof branch !== 'string' || branch === '' || !isRecord(headRepo))
        return null;
    const owner = isRecord(headRepo.owner) ? headRepo.owner.login : undefined;
    if (typeof owner !== 'string' || !isCommit(run.head_sha))
        return null;
    const { data } = await octokit().rest.pulls.list({
        ...context.repo,
        state: 'open',
        head: `${owner}:${branch}`,
        per_page: 100
    });
    return data.find((pull) => pull.head.ref === branch && hasRunHead(pull, run)) ?? null;
}
/**
 * With workflow_run, a pull request number usually comes from an artifact the
 * triggering run wrote, and that run may be a fork's: the number is only
 * accepted for the pull request whose head is the repository and commit the
 * event is about.
 */
async function checkSameHead(octokit, context, number) {
    const run = context.payload.workflow_run;
    const eventSha = isRecord(run) && typeof run.head_sha === 'string' ? run.head_sha : null;
    const { data } = await octokit.rest.pulls.get({ ...context.repo, pull_number: number });
    const advice = 'so no comment was written. With workflow_run, leave pr-number empty: the action finds the pull request from the event, which a fork cannot choose.';
    const short = (sha) => (sha === null ? 'unknown' : sha.slice(0, 12));
    if (eventSha === null || !sameCommit(data.head.sha, eventSha)) {
        throw new errors/* ActionError */.l('input', `pr-number: pull request #${number} has head commit ${short(data.head.sha)}, not the commit this workflow_run event is about (${short(eventSha)}), ${advice}`);
    }
    if (isRecord(run) && hasRunHead(data, run))
        return;
    const eventRepo = isRecord(run) && isRecord(run.head_repository) ? run.head_repository : {};
    const name = (repo) => isRecord(repo) && typeof repo.full_name === 'string' ? repo.full_name : 'unknown';
    throw new errors/* ActionError */.l('input', `pr-number: pull request #${number} has its head in repository ${name(data.head.repo)}, not in the one this workflow_run event's commit comes from (${name(eventRepo)}), ${advice}`);
}
/** Whether a pull request's head is the run's: the same repository and the same commit. */
function hasRunHead(pullRequest, run) {
    const head = isRecord(pullRequest) ? pullRequest.head : undefined;
    return (isRecord(head) &&
        sameCommit(head.sha, run.head_sha) &&
        sameRepository(head.repo, run.head_repository));
}
function sameCommit(a, b) {
    return isCommit(a) && isCommit(b) && a.toLowerCase() === b.toLowerCase();
}
function isCommit(value) {
    return typeof value === 'string' && /^[0-9a-f]{40}$/i.test(value);
}
/**
 * By ID where both say it (the entries of `workflow_run.pull_requests` name
 * their repositories by `id`, `url` and `name` only), else by full name.
 */
function sameRepository(a, b) {
    if (!isRecord(a) || !isRecord(b))
        return false;
    if (isRepositoryId(a.id) && isRepositoryId(b.id))
        return a.id === b.id;
    const { full_name: nameA } = a;
    const { full_name: nameB } = b;
    return (typeof nameA === 'string' &&
        typeof nameB === 'string' &&
        nameA !== '' &&
        nameA.toLowerCase() === nameB.toLowerCase());
}
function isRepositoryId(value) {
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
function numberOf(value) {
    const number = isRecord(value) ? value.number : undefined;
    return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : null;
}

;// CONCATENATED MODULE: ./src/github/event-commits.ts
/**
 * The commits an event is about: the one whose runs to report (a pull
 * request's head, a workflow_run's head, GITHUB_SHA) and, for a pull request,
 * its base, to compare with. The payload is untrusted JSON: a field of the
 * wrong shape means "not known".
 */





const SHA = /^[0-9a-f]{40}$/i;
/** The runner's event, read: its name and its commits. Octokit is made only if asked. */
async function readEvent(githubToken, needBase, log, waitUnitMs) {
    const context = readGitHubContext();
    const octokit = () => createOctokit({
        token: githubToken,
        baseUrl: context.apiUrl,
        log,
        ...(waitUnitMs === undefined ? {} : { waitUnitMs })
    });
    return { name: context.eventName, ...(await readEventCommits(context, octokit, needBase)) };
}
/**
 * Reads the event. `octokit` is asked for only when the payload does not hold
 * what is needed: the head of a pull request an `issue_comment` is on, or the
 * base of a `workflow_run`'s pull request when the event lists none whose head
 * is the run's (a fork's), when `needBase`.
 */
async function readEventCommits(context, octokit, needBase) {
    const { eventName, payload } = context;
    const ownRepository = context.repo.owner ? `${context.repo.owner}/${context.repo.repo}` : null;
    if (eventName === 'pull_request' || eventName === 'pull_request_target') {
        return pullRequestCommits(payload.pull_request, ownRepository);
    }
    if (eventName === 'push') {
        // The commit before the push: what master was, for a push to master.
        const before = sha(payload.before);
        return {
            head: sha(context.sha),
            base: before && !/^0+$/.test(before) ? before : null,
            repository: ownRepository
        };
    }
    if (eventName === 'workflow_run') {
        const run = payload.workflow_run;
        const head = isRecord(run) ? sha(run.head_sha) : null;
        if (!needBase)
            return { head, base: null, repository: ownRepository };
        try {
            // The base comes from the pull request whose head is the run's, as the event lists it
            // or as the fork lookup found it: never from one GitHub listed only for its branch name.
            const pullRequest = await workflowRunPullRequest(octokit, context);
            if (pullRequest === null)
                return { head, base: null, repository: ownRepository };
            return { ...pullRequestCommits(pullRequest, ownRepository), head };
        }
        catch (error) {
            const problem = `the pull request of the workflow_run event could not be read. ${describeGitHubError(error)}`;
            // Without a base, the branch still serves.
            return { head, base: null, repository: ownRepository, problem };
        }
    }
    if (eventName === 'issue_comment') {
        try {
            const client = octokit();
            const number = await numberFromEvent(client, context);
            if (number === null)
                return { head: null, base: null, repository: ownRepository };
            const { data } = await client.rest.pulls.get({ ...context.repo, pull_number: number });
            return pullRequestCommits(data, ownRepository);
        }
        catch (error) {
            // Without a head there is nothing to report.
            throw new errors/* ActionError */.l('input', `commit: the pull request of the issue_comment event could not be read. ${describeGitHubError(error)}`);
        }
    }
    return { head: sha(context.sha), base: null, repository: ownRepository };
}
function pullRequestCommits(pullRequest, fallback) {
    if (!isRecord(pullRequest))
        return { head: null, base: null, repository: fallback };
    const { head, base } = pullRequest;
    const baseRepo = isRecord(base) && isRecord(base.repo) ? base.repo.full_name : undefined;
    return {
        head: isRecord(head) ? sha(head.sha) : null,
        base: isRecord(base) ? sha(base.sha) : null,
        repository: typeof baseRepo === 'string' ? baseRepo : fallback
    };
}
function sha(value) {
    return typeof value === 'string' && SHA.test(value) ? value.toLowerCase() : null;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/platform/model.ts
var model = __webpack_require__(1382);
// EXTERNAL MODULE: ./src/report/comment-state.ts
var comment_state = __webpack_require__(2403);
// EXTERNAL MODULE: ./src/report/step-report.ts + 3 modules
var step_report = __webpack_require__(7173);
;// CONCATENATED MODULE: ./src/github/sticky-comment.ts
/**
 * One pull request comment per key, through the GitHub API: finding ours by its
 * hidden marker, writing it, cleaning up duplicates. What the marker holds and
 * whether to write are decided in report/comment-state.ts.
 */


/** The login comments written with a GITHUB_TOKEN carry. */
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
/**
 * Our comments for `key` on the pull request, oldest first. "Ours" means written
 * by the token's user (a personal access token) or by github-actions[bot] (the
 * GITHUB_TOKEN, which may not read /user), and ending with our footer and
 * marker: anyone can paste our marker, and every workflow that uses a
 * GITHUB_TOKEN writes as github-actions[bot].
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
        const marker = (0,comment_state/* readCommentState */.nk)(comment.body ?? '');
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
    const { octokit, repo, existing } = options;
    const newest = existing.at(-1);
    let written;
    if (options.mode === 'update' && newest) {
        written = (await updateComment(octokit, repo, newest.id, options.body)) ?? {
            action: 'created',
            ...(await createComment(options))
        };
    }
    else {
        written = { action: newest ? 'recreated' : 'created', ...(await createComment(options)) };
    }
    // Never the comment just written: a create that landed on a retry may be one we found.
    for (const comment of existing)
        if (comment.id !== written.id)
            await deleteComment(octokit, repo, comment.id);
    return written;
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
/** Attempts at creating a comment, when an attempt may have landed without an answer. */
const CREATE_ATTEMPTS = 3;
/**
 * Posts the comment. A POST is not repeated blindly: GitHub may have stored it
 * and failed to answer (a 502 from its proxy), so before each new attempt the
 * comment is looked for among ours.
 */
async function createComment(options) {
    const { octokit, repo, prNumber, key, body } = options;
    for (let attempt = 1;; attempt++) {
        try {
            const { data } = await octokit.rest.issues.createComment({
                ...repo,
                issue_number: prNumber,
                body,
                request: { retries: 0 }
            });
            return { id: data.id, url: data.html_url };
        }
        catch (error) {
            if (!mayHaveLanded(error) || attempt >= CREATE_ATTEMPTS)
                throw error;
            const landed = (await findOurComments(octokit, repo, prNumber, key)).find((comment) => comment.body === body);
            if (landed)
                return { id: landed.id, url: landed.url };
        }
    }
}
/** A 5xx or no answer: the request may have been carried out all the same. */
function mayHaveLanded(error) {
    const status = statusOf(error);
    return typeof status !== 'number' || status >= 500;
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

;// CONCATENATED MODULE: ./src/github/pull-request-comment.ts
/** The comment step: find the pull request and our comment, decide, render, write. */










/** Keys longer than this (a long list of samples) are hashed: the marker stays small. */
const MAX_PLAIN_KEY = 120;
/**
 * Keeps one comment per key on the pull request up to date. Never throws:
 * GitHub's refusals become one warning, and the step's result stays fail-on's;
 * only inputs that could misdirect the comment come back as an error.
 */
async function commentOnPullRequest(request) {
    const { config, report, log } = request;
    const skipped = { action: 'skipped', id: null, url: null };
    const context = readGitHubContext(request.env);
    try {
        const octokit = createOctokit({
            token: config.githubToken,
            baseUrl: context.apiUrl,
            log,
            ...(request.waitUnitMs === undefined ? {} : { waitUnitMs: request.waitUnitMs })
        });
        const pullRequest = await findPullRequest(octokit, context, config.prNumber ?? undefined);
        if (pullRequest === null) {
            log.info(`No pull request for this ${context.eventName || 'run'} event: no comment written.`);
            return skipped;
        }
        const key = config.key ??
            defaultCommentKey(context.workflow, context.job, request.samples, request.platforms);
        const existing = await findOurComments(octokit, context.repo, pullRequest.number, key);
        const previous = existing.at(-1)?.statuses ?? null;
        const statuses = (0,comment_state/* commentStatuses */.Wc)(report.collected);
        const passing = (0,model/* collectedPasses */.zv)(report.collected);
        if (config.policy === 'off' || !(0,comment_state/* decideComment */.Of)(config.policy, { passing, statuses }, previous)) {
            log.info(`Pull request #${pullRequest.number}: no comment needed (comment: ${config.policy}).`);
            return skipped;
        }
        const body = (0,step_report/* renderReport */.B1)(report, {
            kind: 'comment',
            jobUrl: jobLogUrl(context),
            previous,
            key
        });
        const written = await writeStickyComment({
            octokit,
            repo: context.repo,
            prNumber: pullRequest.number,
            key,
            body,
            mode: config.mode,
            existing
        });
        log.info(`Pull request #${pullRequest.number}: comment ${written.action}: ${written.url}`);
        return written;
    }
    catch (error) {
        if (error instanceof errors/* ActionError */.l)
            return { action: 'failed', id: null, url: null, error: error.message };
        log.warning(`Could not write the pull request comment. ${describeGitHubError(error)}`);
        return { action: 'failed', id: null, url: null };
    }
}
/**
 * Built from the workflow, the job, the samples and the platforms: a re-run
 * finds the same comment, and matrix jobs over different samples or platforms
 * keep their own.
 */
function defaultCommentKey(workflow, job, samples, platforms) {
    const which = samples.kind === 'all' ? 'all' : samples.ids.join(',');
    const on = ` / ${platforms.join(', ')}`;
    const key = `${workflow} / ${job} / samples ${which}${on}`;
    if (key.length <= MAX_PLAIN_KEY)
        return key;
    return `${workflow} / ${job} / samples ${(0,external_node_crypto_.createHash)('sha256').update(which).digest('hex').slice(0, 16)}${on}`;
}

;// CONCATENATED MODULE: ./src/github/on-demand.ts
/**
 * What main and the collect step load only when needed (the comment, the
 * event's commits), from one module, so the bundle keeps the GitHub code in
 * one chunk rather than a copy for each.
 */




/***/ })

};
