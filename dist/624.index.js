export const id = 624;
export const ids = [624];
export const modules = {

/***/ 9556:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L7: () => (/* binding */ readGitHubContext),
/* harmony export */   TW: () => (/* binding */ jobLogUrl),
/* harmony export */   u4: () => (/* binding */ isRecord)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

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
        parsed = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8'));
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


/***/ }),

/***/ 3116:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c2: () => (/* binding */ statusOf),
/* harmony export */   dZ: () => (/* binding */ describeGitHubError)
/* harmony export */ });
/* unused harmony export FORK_GUIDE_URL */
/* harmony import */ var _shared_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4646);
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
    return (0,_shared_text_js__WEBPACK_IMPORTED_MODULE_0__/* .logSnippet */ .kw)(text) || 'no message';
}


/***/ }),

/***/ 4624:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readEvent: () => (/* binding */ readEvent)
/* harmony export */ });
/* unused harmony export readEventCommits */
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8382);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9556);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3116);
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6702);
/* harmony import */ var _pull_request_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2524);
/**
 * The commits an event is about: the one whose runs to report (a pull
 * request's head, a workflow_run's head, GITHUB_SHA) and, for a pull request,
 * its base, to compare with. The payload is untrusted JSON: a field of the
 * wrong shape means "not known".
 */





const SHA = /^[0-9a-f]{40}$/i;
/** The runner's event, read: its name and its commits. Octokit is made only if asked. */
async function readEvent(githubToken, needBase, log, waitUnitMs) {
    const context = (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .readGitHubContext */ .L7)();
    const octokit = () => (0,_octokit_js__WEBPACK_IMPORTED_MODULE_3__/* .createOctokit */ .Qi)({
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
 * base of a `workflow_run`'s pull request from a fork (when `needBase`).
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
    if (eventName === 'issue_comment' || eventName === 'workflow_run') {
        const run = payload.workflow_run;
        const head = (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(run) ? sha(run.head_sha) : null;
        if (eventName === 'workflow_run' && !needBase)
            return { head, base: null, repository: ownRepository };
        try {
            const client = octokit();
            const number = await (0,_pull_request_js__WEBPACK_IMPORTED_MODULE_4__/* .numberFromEvent */ .k)(client, context);
            if (number === null)
                return { head, base: null, repository: ownRepository };
            const { data } = await client.rest.pulls.get({ ...context.repo, pull_number: number });
            const commits = pullRequestCommits(data, ownRepository);
            // A workflow_run is about the commit its run tested, even if the pull request moved on since.
            return { ...commits, head: head ?? commits.head };
        }
        catch (error) {
            const problem = `the pull request of the ${eventName} event could not be read. ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeGitHubError */ .dZ)(error)}`;
            // Without a head there is nothing to report; without a base, the branch still serves.
            if (eventName === 'issue_comment')
                throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l('input', `commit: ${problem}`);
            return { head, base: null, repository: ownRepository, problem };
        }
    }
    return { head: sha(context.sha), base: null, repository: ownRepository };
}
function pullRequestCommits(pullRequest, fallback) {
    if (!(0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(pullRequest))
        return { head: null, base: null, repository: fallback };
    const { head, base } = pullRequest;
    const baseRepo = (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(base) && (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(base.repo) ? base.repo.full_name : undefined;
    return {
        head: (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(head) ? sha(head.sha) : null,
        base: (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(base) ? sha(base.sha) : null,
        repository: typeof baseRepo === 'string' ? baseRepo : fallback
    };
}
function sha(value) {
    return typeof value === 'string' && SHA.test(value) ? value.toLowerCase() : null;
}


/***/ }),

/***/ 6702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qi: () => (/* binding */ createOctokit)
/* harmony export */ });
/* unused harmony exports RATE_LIMIT_RETRIES, SERVER_ERROR_RETRIES */
/* harmony import */ var _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5250);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6856);
/* harmony import */ var bottleneck__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2203);
/* harmony import */ var bottleneck__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(bottleneck__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _platform_retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(385);





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
        if (retryAfter * 1000 > _platform_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_WAIT_MS */ .um) {
            log.info(`${what}; it resets in ${retryAfter} s, longer than this action waits.`);
            return false;
        }
        log.info(`${what}; retrying in ${retryAfter} s (retry ${retryCount + 1} of ${RATE_LIMIT_RETRIES}).`);
        return true;
    };
    const Client = _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_0__/* .GitHub */ .gq.plugin(requestLog(log), _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__/* .throttling */ .A);
    return new Client((0,_actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_0__/* .getOctokitOptions */ .EG)(token, {
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
            write: new (bottleneck__WEBPACK_IMPORTED_MODULE_1___default().Group)({ maxConcurrent: 1, minTime: waitUnitMs }),
            notifications: new (bottleneck__WEBPACK_IMPORTED_MODULE_1___default().Group)({ maxConcurrent: 1, minTime: 3 * waitUnitMs }),
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


/***/ }),

/***/ 2524:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ findPullRequest),
/* harmony export */   k: () => (/* binding */ numberFromEvent)
/* harmony export */ });
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8382);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9556);


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
        return (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(issue) && (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(issue.pull_request) ? numberOf(issue) : null;
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
    if (!(0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(run))
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
    const repositoryId = (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(repository) ? repository.id : undefined;
    for (const pullRequest of pullRequests) {
        // GitHub also lists pull requests of other repositories whose head is the same branch.
        const base = (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(pullRequest) ? pullRequest.base : undefined;
        const baseRepo = (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(base) ? base.repo : undefined;
        const baseId = (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(baseRepo) ? baseRepo.id : undefined;
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
    if (typeof branch !== 'string' || branch === '' || !(0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(headRepo))
        return null;
    const fullName = headRepo.full_name;
    const owner = (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(headRepo.owner) ? headRepo.owner.login : undefined;
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
/**
 * With workflow_run, a pull request number usually comes from an artifact the
 * triggering run wrote, and that run may be a fork's: the number is only
 * accepted for the pull request whose head is the commit the event is about.
 */
async function checkSameHead(octokit, context, number) {
    const run = context.payload.workflow_run;
    const eventSha = (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(run) && typeof run.head_sha === 'string' ? run.head_sha : null;
    const { data } = await octokit.rest.pulls.get({ ...context.repo, pull_number: number });
    if (eventSha !== null && data.head.sha === eventSha)
        return;
    const short = (sha) => (sha === null ? 'unknown' : sha.slice(0, 12));
    throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .l('input', `pr-number: pull request #${number} has head commit ${short(data.head.sha)}, not the commit this workflow_run event is about (${short(eventSha)}), so no comment was written. With workflow_run, leave pr-number empty: the action finds the pull request from the event, which a fork cannot choose.`);
}
function numberOf(value) {
    const number = (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(value) ? value.number : undefined;
    return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : null;
}


/***/ })

};
