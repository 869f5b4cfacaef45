export const id = 176;
export const ids = [176];
export const modules = {

/***/ 176:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  commentOnPullRequest: () => (/* reexport */ commentOnPullRequest),
  openStatusPoster: () => (/* reexport */ openStatusPoster),
  readEvent: () => (/* reexport */ readEvent)
});

// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
// EXTERNAL MODULE: ./src/github/context.ts + 1 modules
var github_context = __webpack_require__(6020);
// EXTERNAL MODULE: ./src/shared/text.ts
var shared_text = __webpack_require__(4646);
;// CONCATENATED MODULE: ./src/github/errors.ts
/** The one home of GitHub error wording: what a failed API call means, in one line. */

const FORK_GUIDE_URL = 'https://github.com/ccextractor/sample-result-action#pull-requests-from-forks';
/**
 * One line for a warning about a failed GitHub API call. A fork's read-only
 * token gets what to do about it; anything else its status and message.
 */
function describeGitHubError(error, target = 'pull request') {
    // Duck-typed: under Jest's VM modules, Octokit's errors come from another realm.
    const { status, message, response, request } = fieldsOf(error);
    const text = typeof message === 'string' ? message : String(error);
    if (status === 403 && text.includes('Resource not accessible by integration')) {
        const access = fieldsOf(request).method === 'GET' ? 'read' : 'write';
        if (target === 'commit statuses') {
            return `The github-token cannot ${access} commit statuses (403 "Resource not accessible by integration"; a pull request from a fork gets a read-only GITHUB_TOKEN). Add "permissions: statuses: write" to the job, or for forks run on the status or workflow_run event: see ${FORK_GUIDE_URL}`;
        }
        return `The github-token cannot ${access === 'write' ? 'write to' : access} the pull request (403 "Resource not accessible by integration"; a pull request from a fork gets a read-only GITHUB_TOKEN). Add "permissions: pull-requests: write" to the job, or for forks use the workflow_run pattern: see ${FORK_GUIDE_URL}`;
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
/**
 * Whether GitHub refused a call for good: asking again in the same step with
 * the same token is refused again (401; 403 for a permission, not for a rate
 * limit; 404; 422). A rate limit (429, or a 403 saying so or asking to retry
 * later) and a server error may pass on the next call.
 */
function isLastingRefusal(error) {
    const { status, message, response } = fieldsOf(error);
    if (status === 401 || status === 404 || status === 422)
        return true;
    if (status !== 403)
        return false;
    const text = typeof message === 'string' ? message : '';
    const headers = (typeof response === 'object' && response !== null
        ? response.headers
        : undefined);
    const limited = /rate limit/i.test(text) ||
        headers?.['retry-after'] !== undefined ||
        String(headers?.['x-ratelimit-remaining']) === '0';
    return !limited;
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

// EXTERNAL MODULE: ./src/github/status-event.ts
var status_event = __webpack_require__(4616);
;// CONCATENATED MODULE: ./src/github/pull-request.ts



/** Events whose runs belong to a pull request; `workflow_run` and `status` may point at one. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
/**
 * The pull request the run is about: `explicitNumber` when given, else the
 * event's. Null for events that have none (push, schedule, workflow_dispatch).
 * The payload is untrusted JSON: a field of the wrong shape means "none".
 * `log` hears which pull request a `status` event's commit was taken for when
 * several have it (by default, Octokit's debug log).
 */
async function findPullRequest(octokit, context, explicitNumber, log) {
    if (explicitNumber !== undefined && context.eventName === 'workflow_run') {
        await checkSameHead(octokit, context, explicitNumber);
    }
    const number = explicitNumber ?? (await numberFromEvent(octokit, context, log));
    return number === null ? null : pullRequestRef(context, number);
}
/** Pull request `number` of the workflow's repository, with its page. */
function pullRequestRef(context, number) {
    const { serverUrl, repo } = context;
    return { number, url: `${serverUrl}/${repo.owner}/${repo.repo}/pull/${number}` };
}
/** The number of the pull request the event is about, without an explicit one. */
async function numberFromEvent(octokit, context, log) {
    const { eventName, payload } = context;
    if (PULL_REQUEST_EVENTS.has(eventName))
        return numberOf(payload.pull_request);
    if (eventName === 'issue_comment') {
        const issue = payload.issue;
        return (0,github_context/* isRecord */.u4)(issue) && (0,github_context/* isRecord */.u4)(issue.pull_request) ? numberOf(issue) : null;
    }
    if (eventName === 'workflow_run') {
        return numberOf(await workflowRunPullRequest(() => octokit, context));
    }
    if (eventName === 'status') {
        return numberOf((await statusPullRequest(() => octokit, context, log))?.pull);
    }
    return null;
}
/**
 * Pages of open pull requests read for a `status` event's, at 100 a page: 500
 * pull requests, most recently updated first. A push to a pull request updates
 * it, and the Sample Platform tests a commit within hours of the push, so its
 * pull request is near the top; the bound keeps a repository with thousands
 * open from costing a request per hundred on every status posted (four a
 * commit from the Sample Platform alone).
 */
const STATUS_PULL_PAGES = 5;
/**
 * The open pull request whose head is the commit of a `status` event, a
 * fork's too. The payload names no pull request, and GitHub filters pull
 * requests by head branch, not commit: the open ones are listed, most
 * recently updated first, and those whose head is the commit kept. A pull
 * request whose head moved on is not this commit's, whatever its branch is
 * called. Reading stops at the first page with one. Several (anyone may open
 * a pull request from a fork with a public commit as its head): the first
 * opened, the lowest number, which a later one cannot displace; `log` warns.
 */
async function statusPullRequest(octokit, context, log) {
    const event = (0,status_event/* readStatusEvent */.rX)(context.payload);
    if (event === null)
        return null;
    const client = octokit();
    const pages = client.paginate.iterator(client.rest.pulls.list, {
        ...context.repo,
        state: 'open',
        sort: 'updated',
        direction: 'desc',
        per_page: 100
    });
    const found = [];
    let read = 0;
    for await (const { data } of pages) {
        for (const pull of data) {
            const number = numberOf(pull);
            if (number !== null && pull.state === 'open' && sameCommit(pull.head.sha, event.sha)) {
                found.push({ number, pull });
            }
        }
        read += 1;
        if (found.length > 0 || read >= STATUS_PULL_PAGES)
            break;
    }
    found.sort((a, b) => a.number - b.number);
    const [chosen, ...others] = found;
    if (chosen === undefined)
        return null;
    if (others.length > 0) {
        const say = log ? log.warning.bind(log) : client.log.warn.bind(client.log);
        say(`Commit ${event.sha.slice(0, 12)} is the head of open pull requests ${found.map(({ number }) => `#${number}`).join(', ')}: the comment goes to #${chosen.number}, the first opened, and baseline-run-id auto compares with baseline-branch, not with the base of either.`);
    }
    return { pull: chosen.pull, others: others.map(({ number }) => number) };
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
    if (!(0,github_context/* isRecord */.u4)(run))
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
        if (!(0,github_context/* isRecord */.u4)(pullRequest) || numberOf(pullRequest) === null)
            continue;
        // GitHub also lists pull requests of other repositories whose head is the same branch.
        const base = pullRequest.base;
        if (!(0,github_context/* isRecord */.u4)(base) || !sameRepository(base.repo, repository))
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
    if (typeof branch !== 'string' || branch === '' || !(0,github_context/* isRecord */.u4)(headRepo))
        return null;
    const owner = (0,github_context/* isRecord */.u4)(headRepo.owner) ? headRepo.owner.login : undefined;
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
    const eventSha = (0,github_context/* isRecord */.u4)(run) && typeof run.head_sha === 'string' ? run.head_sha : null;
    const { data } = await octokit.rest.pulls.get({ ...context.repo, pull_number: number });
    const advice = 'so no comment was written. With workflow_run, leave pr-number empty: the action finds the pull request from the event, which a fork cannot choose.';
    const short = (sha) => (sha === null ? 'unknown' : sha.slice(0, 12));
    if (eventSha === null || !sameCommit(data.head.sha, eventSha)) {
        throw new errors/* ActionError */.l('input', `pr-number: pull request #${number} has head commit ${short(data.head.sha)}, not the commit this workflow_run event is about (${short(eventSha)}), ${advice}`);
    }
    if ((0,github_context/* isRecord */.u4)(run) && hasRunHead(data, run))
        return;
    const eventRepo = (0,github_context/* isRecord */.u4)(run) && (0,github_context/* isRecord */.u4)(run.head_repository) ? run.head_repository : {};
    const name = (repo) => (0,github_context/* isRecord */.u4)(repo) && typeof repo.full_name === 'string' ? repo.full_name : 'unknown';
    throw new errors/* ActionError */.l('input', `pr-number: pull request #${number} has its head in repository ${name(data.head.repo)}, not in the one this workflow_run event's commit comes from (${name(eventRepo)}), ${advice}`);
}
/** Whether a pull request's head is the run's: the same repository and the same commit. */
function hasRunHead(pullRequest, run) {
    const head = (0,github_context/* isRecord */.u4)(pullRequest) ? pullRequest.head : undefined;
    return ((0,github_context/* isRecord */.u4)(head) &&
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
    if (!(0,github_context/* isRecord */.u4)(a) || !(0,github_context/* isRecord */.u4)(b))
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
    const number = (0,github_context/* isRecord */.u4)(value) ? value.number : undefined;
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
    const context = (0,github_context/* readGitHubContext */.L7)();
    const octokit = () => createOctokit({
        token: githubToken,
        baseUrl: context.apiUrl,
        log,
        ...(waitUnitMs === undefined ? {} : { waitUnitMs })
    });
    return {
        name: context.eventName,
        ...(await readEventCommits(context, octokit, needBase, log))
    };
}
/**
 * Reads the event. `octokit` is asked for only when the payload does not hold
 * what is needed: the head of a pull request an `issue_comment` is on, or the
 * base of a `workflow_run`'s pull request when the event lists none whose head
 * is the run's (a fork's), when `needBase`.
 */
async function readEventCommits(context, octokit, needBase, log) {
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
        const head = (0,github_context/* isRecord */.u4)(run) ? sha(run.head_sha) : null;
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
    if (eventName === 'status') {
        // The payload names the commit, not a pull request: the open one whose head it is.
        const head = (0,status_event/* readStatusEvent */.rX)(payload)?.sha ?? null;
        if (!needBase || head === null)
            return { head, base: null, repository: ownRepository };
        try {
            const found = await statusPullRequest(octokit, context, log);
            if (found === null) {
                return { head, base: null, repository: ownRepository, pullRequest: null };
            }
            const number = numberOf(found.pull);
            const commits = pullRequestCommits(found.pull, ownRepository);
            return {
                ...commits,
                head,
                // Several pull requests on one commit: none of their bases is the one to compare with.
                base: found.others.length > 0 ? null : commits.base,
                ...(number === null ? {} : { pullRequest: number })
            };
        }
        catch (error) {
            const problem = `the pull request of commit ${head.slice(0, 12)} could not be read. ${describeGitHubError(error)}`;
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
    if (!(0,github_context/* isRecord */.u4)(pullRequest))
        return { head: null, base: null, repository: fallback };
    const { head, base } = pullRequest;
    const baseRepo = (0,github_context/* isRecord */.u4)(base) && (0,github_context/* isRecord */.u4)(base.repo) ? base.repo.full_name : undefined;
    return {
        head: (0,github_context/* isRecord */.u4)(head) ? sha(head.sha) : null,
        base: (0,github_context/* isRecord */.u4)(base) ? sha(base.sha) : null,
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
    const context = (0,github_context/* readGitHubContext */.L7)(request.env);
    try {
        const octokit = createOctokit({
            token: config.githubToken,
            baseUrl: context.apiUrl,
            log,
            ...(request.waitUnitMs === undefined ? {} : { waitUnitMs: request.waitUnitMs })
        });
        const known = config.prNumber === null ? request.eventPullRequest : undefined;
        const pullRequest = known === undefined
            ? await findPullRequest(octokit, context, config.prNumber ?? undefined, log)
            : known === null
                ? null
                : pullRequestRef(context, known);
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
            jobUrl: (0,github_context/* jobLogUrl */.TW)(context),
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

;// CONCATENATED MODULE: ./src/github/commit-status.ts
/**
 * Our own commit status on the reported commit (`Sample Platform results`):
 * the verdict where GitHub shows checks, without holding a runner. Posted once
 * per change within a step, and never at the cost of the step: GitHub's
 * refusals come back as one warning.
 */





/**
 * GitHub refuses a longer description with a 422. It counts characters (code
 * points); the cut counts UTF-16 units, which are never fewer, so it fits.
 */
const MAX_STATUS_DESCRIPTION = 140;
/**
 * A description GitHub takes as it is: one line without control or invisible
 * characters, spaces collapsed, at most MAX_STATUS_DESCRIPTION long with an
 * ellipsis where it was cut. Nothing is escaped: GitHub shows it as plain text.
 */
function statusDescription(text) {
    const line = (0,shared_text/* oneLine */.TN)(text).replace(/\s+/g, ' ').trim();
    if (line.length <= MAX_STATUS_DESCRIPTION)
        return line;
    let end = MAX_STATUS_DESCRIPTION - 1;
    // Never half a surrogate pair: alone, the high half is no character at all.
    if (isHighSurrogate(line.charCodeAt(end - 1)))
        end -= 1;
    return `${line.slice(0, end).trimEnd()}…`;
}
/**
 * POST /repos/{owner}/{repo}/statuses/{sha}. Never throws: a refusal (a 403
 * for a token without `statuses: write` or a fork's read-only one) or any
 * other failure is one warning in the outcome.
 */
async function postCommitStatus(octokit, repo, sha, status) {
    const what = `the commit status "${status.context}"`;
    if (!/^[0-9a-f]{40}$/i.test(sha)) {
        return failed(`Did not post ${what}: "${sha}" is not a full commit SHA.`, true);
    }
    if (!(0,status_event/* isCommitState */.RS)(status.state)) {
        return failed(`Did not post ${what}: "${String(status.state)}" is not a commit state.`, true);
    }
    const description = statusDescription(status.description);
    try {
        const { data } = await octokit.rest.repos.createCommitStatus({
            ...repo,
            sha: sha.toLowerCase(),
            state: status.state,
            context: status.context,
            ...(description === '' ? {} : { description }),
            ...(status.targetUrl ? { target_url: status.targetUrl } : {})
        });
        return { action: 'posted', id: data.id };
    }
    catch (error) {
        return failed(`Could not post ${what} (${status.state}). ${describeGitHubError(error, 'commit statuses')}`, isLastingRefusal(error));
    }
}
/**
 * Posts a status only when its state, description or link changed since the
 * last one posted by this poster: a step that says `pending` at every poll
 * sends it once. Posts go out in the order asked for, so a late `pending`
 * never lands after the verdict. After GitHub refused one for good (a
 * missing permission, not a rate limit), the rest are skipped: one warning,
 * not one per change. `octokit` is asked for at the
 * first post.
 */
function createStatusPoster(octokit, repo, sha, context) {
    let lastPosted = null;
    let refused = false;
    let queue = Promise.resolve();
    const post = async (update) => {
        if (refused)
            return { action: 'skipped', reason: 'refused' };
        const key = JSON.stringify([
            update.state,
            statusDescription(update.description),
            update.targetUrl || null
        ]);
        if (key === lastPosted)
            return { action: 'skipped', reason: 'unchanged' };
        const outcome = await postCommitStatus(octokit(), repo, sha, { ...update, context });
        if (outcome.action === 'posted')
            lastPosted = key;
        if (outcome.action === 'failed' && outcome.refused)
            refused = true;
        return outcome;
    };
    return {
        post(update) {
            const next = queue.then(() => post(update));
            queue = next.catch(() => undefined);
            return next;
        }
    };
}
/**
 * The step's poster: the runner's repository and API URL, an Octokit made at
 * the first post (none when nothing is posted).
 */
function openStatusPoster(request) {
    const context = (0,github_context/* readGitHubContext */.L7)(request.env);
    let client;
    const octokit = () => (client ??= createOctokit({
        token: request.githubToken,
        baseUrl: context.apiUrl,
        log: request.log,
        ...(request.waitUnitMs === undefined ? {} : { waitUnitMs: request.waitUnitMs })
    }));
    if (!context.repo.owner) {
        const warning = `Could not post the commit status "${request.context}": GITHUB_REPOSITORY does not say which repository this is.`;
        let told = false;
        return {
            post: async () => {
                if (told)
                    return { action: 'skipped', reason: 'refused' };
                told = true;
                return failed(warning, true);
            }
        };
    }
    return createStatusPoster(octokit, context.repo, request.sha, request.context);
}
function failed(warning, refused) {
    return { action: 'failed', warning, refused };
}
function isHighSurrogate(code) {
    return code >= 0xd800 && code <= 0xdbff;
}

;// CONCATENATED MODULE: ./src/github/on-demand.ts
/**
 * What main and the collect step load only when needed (the comment, the
 * event's commits), from one module, so the bundle keeps the GitHub code in
 * one chunk rather than a copy for each.
 */





/***/ })

};
