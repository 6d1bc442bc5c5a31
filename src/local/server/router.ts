/**
 * The embedded workspace's request pipeline, independent of HTTP: authenticate, find the
 * endpoint, apply injected faults, decode the body, run the handler, encode the answer or the
 * Databricks error body. The node:http server (http-server.ts) and in-process callers (tests,
 * the in-process transport) both go through `handle`, so they behave identically.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { parseJson, stringifyJson } from '../../api/json.js';
import type { FaultDecision, FaultInjector } from '../faults.js';
import type { RunControl } from '../runs/executor.js';
import type { WorkspaceContext } from './context.js';
import { ApiFailure } from './failure.js';
import { isRaw, type Handler, type HandlerRequest } from './handler.js';
import { createJob, deleteJob, getJob, listJobs, resetJob, updateJob } from './jobs-handlers.js';
import { getPermissions, me, permissionLevels, setPermissions } from './permissions-handlers.js';
import { cancelAllRuns, cancelRunHandler, deleteRun, getRun, getRunOutput, listRuns, repairRunHandler, runNow } from './runs-handlers.js';
import { exportObject, getStatus, importFile, importObject, list, mkdirs, remove } from './workspace-handlers.js';

export interface RouterRequest {
  method: string;
  /** Path and query, as on the request line. */
  url: string;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export interface RouterResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Close the connection without answering (fault injection); `body` is then meaningless. */
  drop?: boolean;
}

export interface Receipt {
  endpoint: string;
  method: string;
  url: string;
  body: unknown;
  /** The injected fault that answered instead of the handler, if any. */
  fault?: string;
}

export interface RouterOptions {
  token: string;
  faults?: FaultInjector;
  sleep: (ms: number) => Promise<void>;
  /** Called for every authenticated request before faults apply (tests count receipts). */
  onReceipt?: (r: Receipt) => void;
  /** One line per request (method, path, status, duration); never headers or bodies. */
  log?: (line: string) => void;
  now?: () => number;
}

interface Route {
  name: string;
  method: string;
  pattern: RegExp;
  handler: Handler;
}

function routes(control: RunControl): Route[] {
  const jobs = (name: string, method: string, handler: Handler): Route => ({
    name: `jobs/${name}`, method, handler, pattern: new RegExp(`^/api/2\\.[012]/jobs/${name}$`),
  });
  const ws = (name: string, method: string, handler: Handler): Route => ({
    name: `workspace/${name}`, method, handler, pattern: new RegExp(`^/api/2\\.0/workspace/${name}$`),
  });
  const perm = /^\/api\/2\.0\/permissions\/jobs\/(?<id>[^/]+)$/;
  return [
    jobs('create', 'POST', createJob), jobs('reset', 'POST', resetJob), jobs('update', 'POST', updateJob),
    jobs('delete', 'POST', deleteJob), jobs('get', 'GET', getJob), jobs('list', 'GET', listJobs),
    jobs('run-now', 'POST', runNow(control)), jobs('runs/get', 'GET', getRun), jobs('runs/list', 'GET', listRuns),
    jobs('runs/get-output', 'GET', getRunOutput), jobs('runs/cancel', 'POST', cancelRunHandler(control)),
    jobs('runs/cancel-all', 'POST', cancelAllRuns(control)), jobs('runs/repair', 'POST', repairRunHandler(control)),
    jobs('runs/delete', 'POST', deleteRun),
    { name: 'permissions/jobs/get', method: 'GET', pattern: perm, handler: getPermissions },
    { name: 'permissions/jobs/set', method: 'PUT', pattern: perm, handler: setPermissions(false) },
    { name: 'permissions/jobs/update', method: 'PATCH', pattern: perm, handler: setPermissions(true) },
    { name: 'permissions/jobs/levels', method: 'GET', pattern: /^\/api\/2\.0\/permissions\/jobs\/(?<id>[^/]+)\/permissionLevels$/, handler: permissionLevels },
    ws('mkdirs', 'POST', mkdirs), ws('import', 'POST', importObject), ws('export', 'GET', exportObject),
    ws('get-status', 'GET', getStatus), ws('list', 'GET', list), ws('delete', 'POST', remove),
    { name: 'workspace-files/import-file', method: 'POST', pattern: /^\/api\/2\.0\/workspace-files\/import-file\/?(?<path>.*)$/, handler: importFile },
    { name: 'scim/me', method: 'GET', pattern: /^\/api\/2\.0\/preview\/scim\/v2\/Me$/, handler: me },
  ];
}

export interface Router {
  handle(req: RouterRequest): Promise<RouterResponse>;
}

export function createRouter(ctx: WorkspaceContext, control: RunControl, options: RouterOptions): Router {
  const table = routes(control);
  const expected = Buffer.from(`Bearer ${options.token}`);
  const authorized = (header: string): boolean => {
    const got = Buffer.from(header);
    return got.length === expected.length && timingSafeEqual(got, expected);
  };

  const handleOne = async (req: RouterRequest): Promise<RouterResponse> => {
    const headers = { 'x-request-id': randomUUID(), 'x-databricks-org-id': ctx.workspaceId };
    const url = new URL(req.url, 'http://workspace.invalid');
    if (req.headers.authorization === undefined)
      return errorResponse(401, 'UNAUTHENTICATED', 'Credential was not sent or was of an unsupported type for this API.', headers);
    if (!authorized(req.headers.authorization)) return errorResponse(403, 'PERMISSION_DENIED', 'Invalid access token.', headers);
    const path = decodeURIComponent(url.pathname);
    const route = table.find((r) => r.method === req.method && r.pattern.test(path));
    if (!route) return errorResponse(404, 'ENDPOINT_NOT_FOUND', `No API found for '${req.method} ${url.pathname}'`, headers);
    const body = decodeBody(req, route.name);
    if (body === undefined) return errorResponse(400, 'MALFORMED_REQUEST', 'Invalid JSON given in the body of the request - expected a map', headers);
    const decided = options.faults?.decide(route.name);
    const fault = decided?.drop ? `drop-${decided.drop}` : decided?.status !== undefined ? String(decided.status) : undefined;
    options.onReceipt?.({ endpoint: route.name, method: req.method, url: req.url, body, ...(fault ? { fault } : {}) });
    if (decided) {
      const injected = await injectFault(decided, headers, options.sleep);
      if (injected) return injected;
    }
    const params = (route.pattern.exec(path)?.groups ?? {}) as Record<string, string>;
    const response = await run(ctx, route.handler, { query: url.searchParams, body, rawBody: req.body, headers: req.headers, params }, headers);
    return decided?.drop === 'after' ? { ...response, drop: true } : response;
  };

  return {
    async handle(req) {
      const t0 = options.now?.() ?? 0;
      const res = await handleOne(req);
      options.log?.(`${req.method} ${req.url} → ${res.drop ? 'dropped' : res.status} (${(options.now?.() ?? 0) - t0} ms)`);
      return res;
    },
  };
}

/** The JSON body as a map; `{}` when empty or not JSON by nature; undefined when malformed. */
function decodeBody(req: RouterRequest, endpoint: string): Record<string, unknown> | undefined {
  const isJson = !(req.headers['content-type'] ?? '').startsWith('multipart/') && endpoint !== 'workspace-files/import-file';
  if (!isJson || req.body.length === 0) return {};
  try {
    const body = parseJson(req.body.toString('utf8'));
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Applies latency; answers instead of the handler for an injected status or an early drop. */
async function injectFault(d: FaultDecision, headers: Record<string, string>, sleep: (ms: number) => Promise<void>): Promise<RouterResponse | undefined> {
  if (d.latencyMs > 0) await sleep(d.latencyMs);
  if (d.drop === 'before') return { status: 0, headers, body: Buffer.alloc(0), drop: true };
  if (d.status === undefined) return undefined;
  const retry: Record<string, string> = d.retryAfter !== undefined ? { 'retry-after': String(d.retryAfter) } : {};
  const code = d.status === 429 ? 'REQUEST_LIMIT_EXCEEDED' : d.status === 503 ? 'TEMPORARILY_UNAVAILABLE' : 'INTERNAL_ERROR';
  return errorResponse(d.status, code, `Injected fault: ${d.status}`, { ...headers, ...retry });
}

async function run(ctx: WorkspaceContext, handler: Handler, req: HandlerRequest, headers: Record<string, string>): Promise<RouterResponse> {
  try {
    const result = await handler(ctx, req);
    if (isRaw(result)) return { status: 200, headers: { ...headers, 'content-type': result.contentType }, body: result.raw };
    return { status: 200, headers: { ...headers, 'content-type': 'application/json' }, body: Buffer.from(stringifyJson(result ?? {})) };
  } catch (err) {
    if (err instanceof ApiFailure) return errorResponse(err.status, err.errorCode, err.message, headers);
    const message = err instanceof Error ? err.message : String(err);
    return errorResponse(500, 'INTERNAL_ERROR', `Internal error in the local workspace: ${message}`, headers);
  }
}

function errorResponse(status: number, errorCode: string, message: string, headers: Record<string, string>): RouterResponse {
  // The request id travels in the x-request-id header. `details` carries an ErrorInfo with
  // `metadata`: the JS SDK's error parser fails on a detail without it and then loses the code.
  const body = {
    error_code: errorCode, message,
    details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: errorCode, domain: 'local.jobs-as-code', metadata: {} }],
  };
  return { status, headers: { ...headers, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) };
}
