/**
 * The workspace client every command uses: typed calls for the Jobs API 2.2, job permissions,
 * the Workspace API subset a deployer needs and SCIM Me. Ids are `Int64` and never lose
 * precision; paginated reads come back whole (`jobs.get`, `runs.get`) or as async iterators
 * (`jobs.list`, `runs.list`).
 *
 * @example
 *   const auth = await resolveAuthFromIo(io, { profile });        // auth/resolve-io.ts
 *   const client = createWorkspaceClient({ host: auth.config.host, credentials: auth.credentials, clock: io.clock });
 *   const { job_id } = await client.jobs.create({ name: 'etl', tasks: [...] });
 */
import { randomUUID } from 'node:crypto';
import { platform } from 'node:os';
import type { Int64 } from '../api/json.js';
import type { AccessControlRequest, BaseJob, CreateJobRequest, CreateJobResponse, Job, ListJobsRequest, ListJobsResponse, ResetJobRequest, UpdateJobRequest } from '../api/jobs.js';
import type { CancelAllRunsRequest, GetRunRequest, ListRunsRequest, ListRunsResponse, RepairRunRequest, RepairRunResponse, Run, RunNowRequest, RunNowResponse, RunOutput } from '../api/runs.js';
import type { ExportResponse, ImportFormat, ImportRequest, ListResponse, ObjectInfo, ObjectPermissions, ScimUser } from '../api/workspace.js';
import type { Clock } from '../ports/io.js';
import { VERSION } from '../cli/version.js';
import type { Credentials } from './auth/credentials.js';
import { appendJobPage, appendRunPage, finishPaged } from './pages.js';
import { DEFAULT_RETRY, RestClient } from './rest.js';
import type { RetryPolicy } from './retry.js';
import { undiciTransport, type Transport } from './transport.js';

export interface WorkspaceClientOptions {
  /** `https://<workspace>` (or a loopback `http://` URL). */
  host: string;
  credentials: Credentials;
  clock: Clock;
  /** Defaults to undici keep-alive connections to `host`. */
  transport?: Transport;
  /** Requests in flight at once (default 10). */
  concurrency?: number;
  /** Per-attempt timeout (default 60 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
  /** Appended to `jobs-as-code/<version>` (e.g. `auth/pat cmd/deploy`). */
  userAgentExtra?: string;
  debug?: (line: string) => void;
  newIdempotencyToken?: () => string;
}

export interface WorkspaceClient {
  readonly host: string;
  jobs: {
    create(settings: CreateJobRequest): Promise<CreateJobResponse>;
    reset(req: ResetJobRequest): Promise<void>;
    update(req: UpdateJobRequest): Promise<void>;
    delete(jobId: Int64): Promise<void>;
    /** All pages of the job, arrays concatenated. */
    get(jobId: Int64): Promise<Job>;
    getPage(jobId: Int64, pageToken?: string): Promise<Job>;
    listPage(req?: ListJobsRequest): Promise<ListJobsResponse>;
    /** Every job (following pages); with `expand_tasks`, truncated jobs are completed with jobs/get. */
    list(req?: Omit<ListJobsRequest, 'page_token'>): AsyncIterable<BaseJob>;
    /** Starts a run; an idempotency token is added when absent so retries never start two runs. */
    runNow(req: RunNowRequest): Promise<RunNowResponse>;
  };
  runs: {
    get(runId: Int64, opts?: Omit<GetRunRequest, 'run_id' | 'page_token'>): Promise<Run>;
    listPage(req?: ListRunsRequest): Promise<ListRunsResponse>;
    list(req?: Omit<ListRunsRequest, 'page_token'>): AsyncIterable<Run>;
    cancel(runId: Int64): Promise<void>;
    cancelAll(req: CancelAllRunsRequest): Promise<void>;
    repair(req: RepairRunRequest): Promise<RepairRunResponse>;
    getOutput(taskRunId: Int64): Promise<RunOutput>;
    delete(runId: Int64): Promise<void>;
  };
  permissions: {
    get(jobId: Int64): Promise<ObjectPermissions>;
    set(jobId: Int64, acl: AccessControlRequest[]): Promise<ObjectPermissions>;
    update(jobId: Int64, acl: AccessControlRequest[]): Promise<ObjectPermissions>;
  };
  workspace: {
    mkdirs(path: string): Promise<void>;
    import(req: Omit<ImportRequest, 'content'> & { content: Buffer | string }): Promise<void>;
    /** workspace-files/import-file: raw bytes, notebooks detected by extension and header. */
    importFile(path: string, content: Buffer | string, opts?: { overwrite?: boolean }): Promise<void>;
    export(path: string, format?: ImportFormat): Promise<ExportResponse>;
    /** Raw bytes (direct_download=true), as deploy lock and state reads use. */
    download(path: string): Promise<Buffer>;
    getStatus(path: string): Promise<ObjectInfo>;
    list(path: string): Promise<ObjectInfo[]>;
    delete(path: string, opts?: { recursive?: boolean }): Promise<void>;
  };
  currentUser: { me(): Promise<ScimUser> };
  /**
   * The Authorization header value the client sends now, for a helper that issues its own
   * requests off the main thread (deploy's prefetch worker). Never log it.
   */
  authorization(): Promise<string>;
  close(): Promise<void>;
}

export function createWorkspaceClient(o: WorkspaceClientOptions): WorkspaceClient {
  const host = o.host.replace(/\/+$/, '');
  const concurrency = o.concurrency ?? 10;
  const transport = o.transport ?? undiciTransport({ origin: host, connections: concurrency });
  const rest = new RestClient({
    host, credentials: o.credentials, transport, clock: o.clock, random: o.random ?? Math.random,
    userAgent: `jobs-as-code/${VERSION} os/${platform()}${o.userAgentExtra ? ` ${o.userAgentExtra}` : ''}`,
    concurrency, timeoutMs: o.timeoutMs ?? 60_000, retry: { ...DEFAULT_RETRY, ...o.retry }, debug: o.debug,
  });
  const token = o.newIdempotencyToken ?? (() => randomUUID());
  const none = async (p: Promise<unknown>): Promise<void> => void (await p);

  const jobs: WorkspaceClient['jobs'] = {
    create: (settings) => rest.call('jobs/create', { body: settings }),
    reset: (req) => none(rest.call('jobs/reset', { body: req })),
    update: (req) => none(rest.call('jobs/update', { body: req })),
    delete: (jobId) => none(rest.call('jobs/delete', { body: { job_id: jobId } })),
    getPage: (jobId, pageToken) => rest.call('jobs/get', { query: { job_id: jobId, page_token: pageToken } }),
    async get(jobId) {
      const job = await jobs.getPage(jobId);
      for (let next = job.next_page_token; next; ) {
        const page = await jobs.getPage(jobId, next);
        appendJobPage(job, page);
        next = page.next_page_token;
      }
      return finishPaged(job);
    },
    listPage: (req = {}) => rest.call('jobs/list', { query: { ...req } }),
    async *list(req = {}) {
      for await (const job of paginate((page_token) => jobs.listPage({ ...req, page_token }), (p) => p.jobs))
        yield req.expand_tasks && job.has_more ? await jobs.get(job.job_id) : job;
    },
    runNow: (req) => rest.call('jobs/run-now', { body: { ...req, idempotency_token: req.idempotency_token ?? token() } }),
  };

  const runs: WorkspaceClient['runs'] = {
    async get(runId, opts = {}) {
      const query = { run_id: runId, include_history: opts.include_history, include_resolved_values: opts.include_resolved_values };
      const run = await rest.call<Run>('jobs/runs/get', { query });
      for (let next = run.next_page_token; next; ) {
        const page = await rest.call<Run>('jobs/runs/get', { query: { ...query, page_token: next } });
        appendRunPage(run, page);
        next = page.next_page_token;
      }
      return finishPaged(run);
    },
    listPage: (req = {}) => rest.call('jobs/runs/list', { query: { ...req } }),
    list: (req = {}) => paginate((page_token) => runs.listPage({ ...req, page_token }), (p) => p.runs),
    cancel: (runId) => none(rest.call('jobs/runs/cancel', { body: { run_id: runId } })),
    cancelAll: (req) => none(rest.call('jobs/runs/cancel-all', { body: req })),
    repair: (req) => rest.call('jobs/runs/repair', { body: req }),
    getOutput: (taskRunId) => rest.call('jobs/runs/get-output', { query: { run_id: taskRunId } }),
    delete: (runId) => none(rest.call('jobs/runs/delete', { body: { run_id: runId } })),
  };

  const permissions: WorkspaceClient['permissions'] = {
    get: (jobId) => rest.call('permissions/jobs/get', { params: { id: String(jobId) } }),
    set: (jobId, acl) => rest.call('permissions/jobs/set', { params: { id: String(jobId) }, body: { access_control_list: acl } }),
    update: (jobId, acl) => rest.call('permissions/jobs/update', { params: { id: String(jobId) }, body: { access_control_list: acl } }),
  };

  const workspace: WorkspaceClient['workspace'] = {
    mkdirs: (path) => none(rest.call('workspace/mkdirs', { body: { path } })),
    import: (req) =>
      none(rest.call('workspace/import', {
        body: { ...req, content: Buffer.from(req.content).toString('base64') },
        // Without overwrite a repeat fails with "already exists": only retry when surely unsent.
        retry: req.overwrite ? 'idempotent' : 'unsafe',
      })),
    importFile: (path, content, opts = {}) =>
      none(rest.call('workspace-files/import-file', {
        params: { path }, query: { overwrite: opts.overwrite ?? false }, rawBody: Buffer.from(content),
        contentType: 'application/octet-stream', retry: opts.overwrite ? 'idempotent' : 'unsafe',
      })),
    export: (path, format) => rest.call('workspace/export', { query: { path, format } }),
    download: (path) => rest.callRaw('workspace/export', { query: { path, direct_download: true } }),
    getStatus: (path) => rest.call('workspace/get-status', { query: { path } }),
    list: async (path) => (await rest.call<ListResponse>('workspace/list', { query: { path } })).objects ?? [],
    delete: (path, opts = {}) => none(rest.call('workspace/delete', { body: { path, recursive: opts.recursive ?? false } })),
  };

  return {
    host, jobs, runs, permissions, workspace,
    currentUser: { me: () => rest.call('scim/me') },
    authorization: () => o.credentials.authorization(),
    close: () => transport.close(),
  };
}

/** Items of every page of a list endpoint, following `next_page_token`. */
async function* paginate<P extends { next_page_token?: string; has_more?: boolean }, T>(
  fetchPage: (pageToken: string | undefined) => Promise<P>,
  items: (page: P) => T[] | undefined,
): AsyncIterable<T> {
  for (let token: string | undefined, first = true; first || token; first = false) {
    const page = await fetchPage(token);
    yield* items(page) ?? [];
    token = page.has_more === false ? undefined : page.next_page_token;
  }
}
