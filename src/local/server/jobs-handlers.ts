/**
 * Job CRUD endpoints (jobs-api-2.2.md §1): create, reset, update, delete, get (100-item pages of
 * tasks, job_clusters, environments, parameters) and list.
 */
import type { Int64 } from '../../api/json.js';
import type { AccessControlRequest, BaseJob, Job, JobSettings } from '../../api/jobs.js';
import { mergeUpdate, resetSettings } from '../jobs/merge.js';
import { readSettingsCached, withCreateDefaults } from '../jobs/normalize.js';
import { decodePageToken, encodePageToken, pageSlices, PAGE_SIZE } from '../jobs/paginate.js';
import { checkJobSettings } from '../jobs/validate.js';
import type { State, StoredJob } from '../store/model.js';
import { allocateIds, type WorkspaceContext } from './context.js';
import { invalid, notFound } from './failure.js';
import type { HandlerRequest } from './handler.js';
import { checkAcl } from './permissions-handlers.js';
import { fromQuery, optionalBool, optionalInt, optionalObject, optionalString, optionalStringArray, requiredId } from './request.js';
import { cancelActiveRuns } from './runs-actions.js';

export function findJob(state: State, jobId: Int64): StoredJob {
  const job = state.jobs.get(String(jobId));
  if (!job) throw notFound(`Job ${String(jobId)} does not exist.`);
  return job;
}

/** The checks `jobs validate` runs (jobs/validate.ts), then any extra injected validator. */
function validateSettings(ctx: WorkspaceContext, settings: JobSettings): void {
  const issues = checkJobSettings(settings);
  if (issues.length === 0 && ctx.validateJobSettings) issues.push(...ctx.validateJobSettings(settings));
  const first = issues[0];
  if (first) throw invalid(issues.length > 1 ? `${first.message} (and ${issues.length - 1} more problems)` : first.message);
}

export async function createJob(ctx: WorkspaceContext, req: HandlerRequest): Promise<{ job_id: Int64 }> {
  const { access_control_list, ...settings } = req.body as JobSettings & { access_control_list?: AccessControlRequest[] };
  validateSettings(ctx, settings);
  // The creator owns the job unless the request names another owner.
  const requested = access_control_list ?? [];
  const acl: AccessControlRequest[] = requested.some((e) => e.permission_level === 'IS_OWNER')
    ? requested
    : [{ user_name: ctx.userName, permission_level: 'IS_OWNER' }, ...requested.filter((e) => e.user_name !== ctx.userName)];
  checkAcl(acl);
  return ctx.store.mutate((state) => {
    const ids = allocateIds(ctx, state);
    const job: StoredJob = {
      job_id: ids.job(), creator_user_name: ctx.userName, run_as_user_name: runAsName(settings, ctx.userName),
      created_time: ctx.now(), settings: withCreateDefaults(settings),
    };
    return { ops: [{ op: 'counters', counters: ids.counters() }, { op: 'job.put', job }, { op: 'acl.put', job_id: job.job_id, acl }], result: { job_id: job.job_id } };
  });
}

function runAsName(settings: JobSettings, fallback: string): string {
  return settings.run_as?.user_name ?? settings.run_as?.service_principal_name ?? fallback;
}

export async function resetJob(ctx: WorkspaceContext, req: HandlerRequest): Promise<object> {
  const jobId = requiredId(req.body.job_id, 'job_id');
  const next = optionalObject(req.body.new_settings, 'new_settings') as JobSettings | undefined;
  if (!next) throw invalid('Missing required field: new_settings');
  validateSettings(ctx, next);
  return ctx.store.mutate((state) => {
    const job = findJob(state, jobId);
    const settings = withCreateDefaults(resetSettings(job.settings, next));
    return { ops: [{ op: 'job.put', job: { ...job, settings, run_as_user_name: runAsName(settings, job.creator_user_name) } }], result: {} };
  });
}

export async function updateJob(ctx: WorkspaceContext, req: HandlerRequest): Promise<object> {
  const jobId = requiredId(req.body.job_id, 'job_id');
  const patch = optionalObject(req.body.new_settings, 'new_settings') as JobSettings | undefined;
  const remove = optionalStringArray(req.body.fields_to_remove, 'fields_to_remove');
  return ctx.store.mutate((state) => {
    const job = findJob(state, jobId);
    const settings = mergeUpdate(job.settings, patch, remove);
    validateSettings(ctx, settings);
    return { ops: [{ op: 'job.put', job: { ...job, settings, run_as_user_name: runAsName(settings, job.creator_user_name) } }], result: {} };
  });
}

export async function deleteJob(ctx: WorkspaceContext, req: HandlerRequest): Promise<object> {
  const jobId = requiredId(req.body.job_id, 'job_id');
  return ctx.store.mutate((state) => {
    findJob(state, jobId);
    // Our choice where the docs are silent: deleting a job cancels its active runs.
    const { ops } = cancelActiveRuns(ctx, state, jobId);
    return { ops: [...ops, { op: 'job.del', job_id: jobId }], result: {} };
  });
}

export function getJob(ctx: WorkspaceContext, req: HandlerRequest): Job {
  const q = fromQuery(req.query);
  const job = findJob(ctx.store.state, requiredId(q.job_id, 'job_id'));
  const token = optionalString(q.page_token, 'page_token');
  const page = token === undefined ? 0 : Number(decodePageToken('job-page', token) ?? NaN);
  if (!Number.isInteger(page) || page < 0) throw invalid(`Invalid page_token: ${String(token)}`);
  const settings = readSettingsCached(job.settings);
  const arrays = { tasks: settings.tasks ?? [], job_clusters: settings.job_clusters ?? [], environments: settings.environments ?? [], parameters: settings.parameters ?? [] };
  const { slices, hasMore } = pageSlices(arrays, page);
  const paged: Record<string, unknown> = { ...settings };
  for (const [k, v] of Object.entries(slices)) {
    if (v.length > 0) paged[k] = v;
    else delete paged[k];
  }
  return {
    job_id: job.job_id, creator_user_name: job.creator_user_name, run_as_user_name: job.run_as_user_name, created_time: job.created_time,
    settings: paged as JobSettings, ...(hasMore ? { has_more: true, next_page_token: encodePageToken('job-page', page + 1) } : {}),
  };
}

export function listJobs(ctx: WorkspaceContext, req: HandlerRequest): { jobs?: BaseJob[]; has_more?: boolean; next_page_token?: string } {
  const q = fromQuery(req.query);
  const limit = optionalInt(q.limit, 'limit') ?? 20;
  if (limit < 1 || limit > 100) throw invalid(`Invalid limit: ${limit}. The limit must be between 1 and 100.`);
  const name = optionalString(q.name, 'name')?.toLowerCase();
  const expand = optionalBool(q.expand_tasks, 'expand_tasks') ?? false;
  const token = optionalString(q.page_token, 'page_token');
  const after = token === undefined ? undefined : decodePageToken('jobs-after', token);
  if (token !== undefined && after === undefined) throw invalid(`Invalid page_token: ${token}`);
  // Ascending job id, like the reference CLI's fake workspace; the token names the last id seen.
  const all = [...ctx.store.state.jobs.values()]
    .filter((j) => name === undefined || (j.settings.name ?? '').toLowerCase() === name)
    .sort((a, b) => compareIds(a.job_id, b.job_id))
    .filter((j) => after === undefined || BigInt(j.job_id) > BigInt(after));
  const pageJobs = all.slice(0, limit);
  const jobs = pageJobs.map((j) => baseJob(j, expand));
  const hasMore = all.length > limit;
  const last = pageJobs.at(-1);
  return {
    ...(jobs.length > 0 ? { jobs } : {}), ...(hasMore ? { has_more: true } : {}),
    ...(hasMore && last ? { next_page_token: encodePageToken('jobs-after', String(last.job_id)) } : {}),
  };
}

function baseJob(job: StoredJob, expand: boolean): BaseJob {
  const settings = { ...readSettingsCached(job.settings, !expand) };
  let truncated = false;
  if (expand) {
    for (const k of ['tasks', 'job_clusters', 'environments', 'parameters'] as const) {
      const list = settings[k] as unknown[] | undefined;
      if (list && list.length > PAGE_SIZE) {
        (settings as Record<string, unknown>)[k] = list.slice(0, PAGE_SIZE);
        truncated = true;
      }
    }
  }
  return { job_id: job.job_id, creator_user_name: job.creator_user_name, created_time: job.created_time, settings, ...(truncated ? { has_more: true } : {}) };
}

export function compareIds(a: Int64 | string, b: Int64 | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
