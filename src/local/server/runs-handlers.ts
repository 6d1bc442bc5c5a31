/**
 * Run endpoints (jobs-api-2.2.md §2): run-now, runs/get (pages), runs/list, runs/get-output,
 * runs/cancel, runs/cancel-all, runs/repair, runs/delete. The run model itself lives in runs/;
 * this file reads requests, checks their intrinsic rules and commits transitions.
 */
import type { Int64 } from '../../api/json.js';
import type { ListRunsResponse, Run, RunNowRequest, RunOutput } from '../../api/runs.js';
import { compareIds, findJob } from './jobs-handlers.js';
import { decodePageToken, encodePageToken } from '../jobs/paginate.js';
import { createRun } from '../runs/create-run.js';
import type { RunControl, RunOrigin } from '../runs/executor.js';
import { findTaskRun, isActive, isTerminal, type StoredRun, type StoredTaskRun } from '../runs/model.js';
import { runView, taskRunAsRun, type ViewContext } from '../runs/view.js';
import type { State } from '../store/model.js';
import { allocateIds, type WorkspaceContext } from './context.js';
import { invalid, invalidState, notFound } from './failure.js';
import type { HandlerRequest } from './handler.js';
import { afterCommit, cancelActiveRuns, cancelRun, cancelTaskRun, emptyTransition, progress, type Transition } from './runs-actions.js';
import { repairRun } from './repair.js';
import {
  fromQuery, optionalBool, optionalInt, optionalObject, optionalString, optionalStringArray, optionalStringMap, requiredId,
} from './request.js';

const viewOf = (ctx: WorkspaceContext): ViewContext => ({ url: ctx.url(), workspaceId: ctx.workspaceId });

/** Commits a transition and then tells the executor. */
export async function commitTransition<T>(ctx: WorkspaceContext, control: RunControl, fn: (state: State) => { t: Transition; result: T }): Promise<T> {
  let transition: Transition | undefined;
  const result = await ctx.store.mutate((state) => {
    const { t, result } = fn(state);
    transition = t;
    return { ops: t.ops, result };
  });
  if (transition) afterCommit(ctx, transition, control);
  return result;
}

export function readRunNow(body: Record<string, unknown>): RunNowRequest {
  const token = optionalString(body.idempotency_token, 'idempotency_token');
  if (token !== undefined && token.length > 64) throw invalid('idempotency_token must be at most 64 characters.');
  if (body.jar_params !== undefined && body.notebook_params !== undefined)
    throw invalid('jar_params and notebook_params are mutually exclusive.');
  for (const legacy of ['notebook_params', 'python_params', 'python_named_params', 'jar_params', 'spark_submit_params', 'sql_params', 'dbt_commands']) {
    if (body[legacy] !== undefined && JSON.stringify(body[legacy]).length > 10_000) throw invalid(`${legacy} exceeds 10,000 bytes.`);
  }
  for (const ascii of ['python_params', 'spark_submit_params'])
    if (optionalStringArray(body[ascii], ascii)?.some((p) => [...p].some((ch) => ch.charCodeAt(0) > 0x7f))) throw invalid(`${ascii} must be ASCII.`);
  const queue = optionalObject(body.queue, 'queue');
  if (queue && typeof queue.enabled !== 'boolean') throw invalid('queue.enabled must be a boolean.');
  return {
    ...(body as unknown as RunNowRequest),
    job_id: requiredId(body.job_id, 'job_id'),
    job_parameters: optionalStringMap(body.job_parameters, 'job_parameters'),
    only: optionalStringArray(body.only, 'only'),
    idempotency_token: token,
  };
}

export function runNow(control: RunControl) {
  return (ctx: WorkspaceContext, req: HandlerRequest): Promise<{ run_id: Int64; number_in_job: Int64 }> => {
    const request = readRunNow(req.body);
    return commitTransition(ctx, control, (state) => {
      const { t, result } = startRun(ctx, state, request, { trigger: 'ONE_TIME' });
      return { t, result: { run_id: result, number_in_job: result } };
    });
  };
}

/**
 * Creates a run of a job as run-now does (idempotency token, parameters, `only`, concurrency);
 * triggers and run_job_task use it with their own origin.
 */
export function startRun(ctx: WorkspaceContext, state: State, request: RunNowRequest, origin: RunOrigin): { t: Transition; result: Int64 } {
  const job = findJob(state, request.job_id);
  // Our choice where the docs are silent: a run of nothing would "succeed" vacuously.
  if (!job.settings.tasks?.length) throw invalid(`Job ${String(job.job_id)} has no tasks to run.`);
  const token = request.idempotency_token;
  if (token !== undefined) {
    if (state.deadTokens.has(token)) throw invalidState(`The run with idempotency token ${token} was deleted.`);
    const held = state.tokens.get(token);
    const existing = held === undefined ? undefined : state.runs.get(held);
    if (existing) return { t: emptyTransition(), result: existing.run_id };
  }
  const ids = allocateIds(ctx, state);
  const activeRuns = [...state.runs.values()].filter((r) => String(r.job_id) === String(job.job_id) && isActive(r.state) && r.state.life_cycle_state !== 'QUEUED').length;
  const run = createRun({ job, request, activeRuns, nextId: ids.run, now: ctx.now(), userName: ctx.userName, origin });
  const t = progress(ctx, state, run);
  t.ops.unshift({ op: 'counters', counters: ids.counters() });
  return { t, result: run.run_id };
}

/** A job run, or a task run (current, iteration or earlier attempt) with the job run holding it. */
function locate(state: State, runId: Int64): { run: StoredRun; task?: StoredTaskRun } {
  const direct = state.runs.get(String(runId));
  if (direct) return { run: direct };
  const parent = state.taskRuns.get(String(runId));
  const run = parent === undefined ? undefined : state.runs.get(parent);
  const task = run ? findTaskRun(run, runId)?.task : undefined;
  if (!run || !task) throw notFound(`Run ${String(runId)} does not exist.`);
  return { run, task };
}

export function getRun(ctx: WorkspaceContext, req: HandlerRequest): Run {
  const q = fromQuery(req.query);
  const { run, task } = locate(ctx.store.state, requiredId(q.run_id, 'run_id'));
  const token = optionalString(q.page_token, 'page_token');
  const page = token === undefined ? 0 : Number(decodePageToken('run-page', token) ?? NaN);
  if (!Number.isInteger(page) || page < 0) throw invalid(`Invalid page_token: ${String(token)}`);
  const includeResolved = optionalBool(q.include_resolved_values, 'include_resolved_values') ?? false;
  const { run: view, hasMore } = task
    ? taskRunAsRun(viewOf(ctx), run, task, { page, includeResolved })
    : runView(viewOf(ctx), run, { includeHistory: optionalBool(q.include_history, 'include_history') ?? false, page, includeResolved });
  return hasMore ? { ...view, has_more: true, next_page_token: encodePageToken('run-page', page + 1) } : view;
}

export function listRuns(ctx: WorkspaceContext, req: HandlerRequest): ListRunsResponse {
  const q = fromQuery(req.query);
  const jobId = q.job_id === undefined ? undefined : requiredId(q.job_id, 'job_id');
  const activeOnly = optionalBool(q.active_only, 'active_only') ?? false;
  const completedOnly = optionalBool(q.completed_only, 'completed_only') ?? false;
  if (activeOnly && completedOnly) throw invalid('active_only and completed_only cannot both be true.');
  let limit = optionalInt(q.limit, 'limit') ?? 20;
  if (limit === 0) limit = 25;
  if (limit < 1 || limit > 25) throw invalid(`Invalid limit: ${limit}. The limit must be between 1 and 25.`);
  const from = optionalInt(q.start_time_from, 'start_time_from');
  const to = optionalInt(q.start_time_to, 'start_time_to');
  const expand = optionalBool(q.expand_tasks, 'expand_tasks') ?? false;
  const token = optionalString(q.page_token, 'page_token');
  const before = token === undefined ? undefined : decodePageToken('runs-before', token);
  if (token !== undefined && before === undefined) throw invalid(`Invalid page_token: ${token}`);
  // Newest first; run ids grow with creation, so they order runs without ties.
  const all = [...ctx.store.state.runs.values()]
    .filter((r) => jobId === undefined || String(r.job_id) === String(jobId))
    .filter((r) => (!activeOnly || isActive(r.state)) && (!completedOnly || isTerminal(r.state)))
    .filter((r) => (from === undefined || r.start_time >= from) && (to === undefined || r.start_time <= to))
    .sort((a, b) => compareIds(b.run_id, a.run_id))
    .filter((r) => before === undefined || BigInt(r.run_id) < BigInt(before));
  const page = all.slice(0, limit);
  const runs = page.map((r) => {
    const { run, hasMore } = runView(viewOf(ctx), r, { withTasks: expand });
    return hasMore ? { ...run, has_more: true } : run;
  });
  const hasMore = all.length > limit;
  const last = page.at(-1);
  return { ...(runs.length > 0 ? { runs } : {}), ...(hasMore ? { has_more: true } : {}), ...(hasMore && last ? { next_page_token: encodePageToken('runs-before', String(last.run_id)) } : {}) };
}

export function getRunOutput(ctx: WorkspaceContext, req: HandlerRequest): RunOutput {
  const q = fromQuery(req.query);
  const { run, task } = locate(ctx.store.state, requiredId(q.run_id, 'run_id'));
  if (!task)
    throw invalid('Retrieving the output of runs with multiple tasks is not supported. Please retrieve the output of each individual task run instead.');
  const o = task.output ?? {};
  const failed = task.state.result_state === 'FAILED' || task.state.result_state === 'TIMEDOUT';
  return {
    metadata: taskRunAsRun(viewOf(ctx), run, task, { includeResolved: true }).run,
    ...(o.error ? { error: o.error } : failed && task.state.state_message ? { error: task.state.state_message } : {}),
    ...(o.error_trace ? { error_trace: o.error_trace } : {}),
    ...(o.info ? { info: o.info } : {}),
    ...(o.logs !== undefined ? { logs: o.logs } : {}),
    ...(o.logs_truncated ? { logs_truncated: true } : {}),
    ...(o.notebook_result !== undefined ? { notebook_output: { result: o.notebook_result, ...(o.notebook_result_truncated ? { truncated: true } : {}) } } : {}),
    ...(o.run_job_run_id !== undefined ? { run_job_output: { run_id: o.run_job_run_id } } : {}),
  };
}

export function cancelRunHandler(control: RunControl) {
  return (ctx: WorkspaceContext, req: HandlerRequest): Promise<object> => {
    const runId = requiredId(req.body.run_id, 'run_id');
    return commitTransition(ctx, control, (state) => {
      const { run, task } = locate(state, runId);
      const t = task ? cancelTaskRun(ctx, state, run, task.run_id) : cancelRun(ctx, state, run);
      return { t, result: {} };
    });
  };
}

export function cancelAllRuns(control: RunControl) {
  return (ctx: WorkspaceContext, req: HandlerRequest): Promise<object> => {
    const jobId = req.body.job_id === undefined ? undefined : requiredId(req.body.job_id, 'job_id');
    const allQueued = optionalBool(req.body.all_queued_runs, 'all_queued_runs') ?? false;
    if (jobId === undefined && !allQueued) throw invalid('Either job_id or all_queued_runs must be set.');
    return commitTransition(ctx, control, (state) => {
      if (jobId !== undefined) findJob(state, jobId);
      return { t: cancelActiveRuns(ctx, state, jobId, jobId === undefined), result: {} };
    });
  };
}

export function repairRunHandler(control: RunControl) {
  return (ctx: WorkspaceContext, req: HandlerRequest): Promise<{ repair_id: Int64 }> =>
    commitTransition(ctx, control, (state) => repairRun(ctx, state, req.body));
}

export async function deleteRun(ctx: WorkspaceContext, req: HandlerRequest): Promise<object> {
  const runId = requiredId(req.body.run_id, 'run_id');
  return ctx.store.mutate((state) => {
    const run = state.runs.get(String(runId));
    if (!run) throw notFound(`Run ${String(runId)} does not exist.`);
    if (isActive(run.state)) throw invalidState(`Run ${String(runId)} is active and cannot be deleted. Cancel it first.`);
    return { ops: [{ op: 'run.del', run_id: run.run_id }], result: {} };
  });
}
