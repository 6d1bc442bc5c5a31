/**
 * Stored runs → wire `Run`s: the v2 status, run page URLs, durations, the repair history and the
 * 100-item pages of runs/get (jobs-api-2.2.md §2.3). Pure.
 */
import type { Int64 } from '../../api/json.js';
import type { RepairHistoryItem, Run, RunTask } from '../../api/runs.js';
import { pageSlices } from '../jobs/paginate.js';
import type { StoredRun, StoredTaskRun } from './model.js';
import { toStatus } from './status.js';

export interface ViewContext {
  /** Base URL of the workspace (`http://127.0.0.1:8123`). */
  url: string;
  workspaceId: string;
}

export function runPageUrl(ctx: ViewContext, jobId: Int64, runId: Int64): string {
  return `${ctx.url}/?o=${ctx.workspaceId}#job/${String(jobId)}/run/${String(runId)}`;
}

export function taskView(ctx: ViewContext, run: StoredRun, t: StoredTaskRun): RunTask {
  const { condition_task, ...settings } = t.task;
  const end = t.end_time ?? 0;
  return {
    ...settings,
    ...(condition_task ? { condition_task: { ...condition_task, ...(t.outcome ? { outcome: t.outcome } : {}) } } : {}),
    run_if: t.task.run_if ?? 'ALL_SUCCESS',
    run_id: t.run_id,
    attempt_number: t.attempt_number,
    state: t.state,
    status: toStatus(t.state),
    start_time: t.start_time ?? 0,
    end_time: end,
    run_duration: t.start_time !== undefined && end > 0 ? end - t.start_time : 0,
    setup_duration: 0,
    execution_duration: 0,
    cleanup_duration: 0,
    run_page_url: runPageUrl(ctx, run.job_id, t.run_id),
  };
}

export function repairHistory(run: StoredRun): RepairHistoryItem[] {
  const original: RepairHistoryItem = {
    type: 'ORIGINAL', start_time: run.start_time, end_time: run.original_end_time ?? 0,
    state: run.original_state ?? run.state, status: toStatus(run.original_state ?? run.state), task_run_ids: run.original_task_run_ids,
  };
  return [original, ...run.repairs.map((r) => ({ ...r, ...(r.state ? { status: toStatus(r.state) } : {}) }))];
}

export interface RunViewOptions {
  includeHistory?: boolean;
  /** Index of the page (runs/get pagination). */
  page?: number;
  /** runs/list without expand_tasks: no arrays of tasks. */
  withTasks?: boolean;
}

/** The wire run; `next_page_token` is set by the caller from `hasMore`. */
export function runView(ctx: ViewContext, run: StoredRun, opts: RunViewOptions = {}): { run: Run; hasMore: boolean } {
  const end = run.end_time ?? 0;
  const base: Run = {
    job_id: run.job_id, run_id: run.run_id, number_in_job: run.run_id, original_attempt_run_id: run.run_id,
    creator_user_name: run.creator_user_name, run_name: run.run_name, run_type: 'JOB_RUN', trigger: run.trigger,
    run_page_url: runPageUrl(ctx, run.job_id, run.run_id), start_time: run.start_time, end_time: end,
    run_duration: end > 0 ? end - run.start_time : 0, queue_duration: 0, setup_duration: 0, execution_duration: 0, cleanup_duration: 0,
    state: run.state, status: toStatus(run.state), format: 'MULTI_TASK',
    ...(run.overriding_parameters ? { overriding_parameters: run.overriding_parameters } : {}),
  };
  const arrays: Record<string, unknown[]> = { job_parameters: run.job_parameters, job_clusters: run.job_clusters ?? [] };
  if (opts.withTasks !== false) arrays.tasks = run.tasks.map((t) => taskView(ctx, run, t));
  if (opts.includeHistory) arrays.repair_history = repairHistory(run);
  const { slices, hasMore } = pageSlices(arrays, opts.page ?? 0);
  for (const [k, v] of Object.entries(slices)) if (v.length > 0) (base as Record<string, unknown>)[k] = v;
  return { run: base, hasMore };
}

/** A task run seen through runs/get or get-output's `metadata`. */
export function taskRunAsRun(ctx: ViewContext, run: StoredRun, t: StoredTaskRun): Run {
  const task = taskView(ctx, run, t);
  return {
    job_id: run.job_id, run_id: t.run_id, job_run_id: run.run_id, number_in_job: t.run_id, original_attempt_run_id: t.run_id,
    creator_user_name: run.creator_user_name, run_name: t.task_key, run_type: 'JOB_RUN', trigger: run.trigger,
    run_page_url: task.run_page_url, start_time: task.start_time, end_time: task.end_time, run_duration: task.run_duration,
    setup_duration: 0, execution_duration: 0, cleanup_duration: 0, state: t.state, status: toStatus(t.state), tasks: [task],
    ...(run.job_parameters.length > 0 ? { job_parameters: run.job_parameters } : {}),
  };
}
